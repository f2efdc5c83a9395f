"""The fused recurrent kernels (``backend.<name>.layer.lstm``/``gru``): on torch, LSTM and
GRU run through ``torch._VF.lstm``/``gru`` when their configuration allows, and give the
numbers (outputs, states and gradients) of the generic time loop and of NumPy; elsewhere
the kernels answer None and the generic loop runs."""

import numpy as np
import pytest

from keras_core import backend, layers
from keras_core.layers.rnn.rnn_test import fixed_weights, np_gru_step, np_lstm_step, np_rnn
from keras_core.testing.layer_harness import loss_and_grads

RIGHT = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]], bool)
HOLES = np.array([[1, 0, 1, 0, 1], [0, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
MASKS = {"none": None, "right": RIGHT, "holes": HOLES}


def _record(monkeypatch, kind, disable=False):
    """Wraps ``backend.layer.<kind>``: records whether it answered, or makes it decline."""
    original = getattr(backend.layer, kind)
    answered = []

    def wrapper(*args, **kwargs):
        result = None if disable else original(*args, **kwargs)
        answered.append(result is not None)
        return result

    monkeypatch.setattr(backend.layer, kind, wrapper)
    return answered


def _np(x):
    return np.asarray(backend.convert_to_numpy(x))


def _run(cls, kwargs, weights, x, mask, grads=True):
    layer = cls(6, return_sequences=True, return_state=True, **kwargs)
    layer.build(x.shape)
    layer.set_weights(weights)
    outs = [_np(o) for o in layer(x, mask=mask)]
    if not grads:
        return outs, None
    _, grads = loss_and_grads(layer, x, {"mask": mask} if mask is not None else {})
    return outs, grads


CASES = [
    (cls, go_backwards, mask_name, use_bias)
    for cls in (layers.LSTM, layers.GRU)
    for go_backwards in (False, True)
    for mask_name in ("none", "right")
    for use_bias in (True, False)
]


@pytest.mark.parametrize(
    "cls,go_backwards,mask_name,use_bias",
    CASES,
    ids=[f"{c.__name__}-gb{int(g)}-{m}-bias{int(b)}" for c, g, m, b in CASES],
)
def test_fused_path_matches_generic_loop_and_numpy(
    monkeypatch, cls, go_backwards, mask_name, use_bias
):
    kind = cls.__name__.lower()
    x = np.random.default_rng(0).normal(size=(3, 5, 4)).astype("float32")
    mask = MASKS[mask_name]
    kwargs = {"go_backwards": go_backwards, "use_bias": use_bias}
    probe = cls(6, **kwargs)
    probe.build(x.shape)
    weights = fixed_weights(probe, seed=2)

    has_kernel = backend.backend() == "torch"
    answered = _record(monkeypatch, kind)
    fused_outs, fused_grads = _run(cls, kwargs, weights, x, mask, grads=has_kernel)
    assert answered and all(a == has_kernel for a in answered)
    if has_kernel:
        # The same layer with the kernel declining runs the generic loop.
        monkeypatch.undo()
        declined = _record(monkeypatch, kind, disable=True)
        generic_outs, generic_grads = _run(cls, kwargs, weights, x, mask)
        assert declined and not any(declined)
        for a, b in zip(fused_outs, generic_outs):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
        for a, b in zip(fused_grads, generic_grads):
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)

    # And both are the NumPy loop's numbers.
    no_bias = np.zeros((24,)) if cls is layers.LSTM else np.zeros((2, 18))
    w = weights if use_bias else weights + [no_bias]
    step = np_lstm_step if cls is layers.LSTM else np_gru_step
    init = [np.zeros((3, 6))] * (2 if cls is layers.LSTM else 1)
    ref_outs, ref_states = np_rnn(
        lambda xt, s: step(xt, s, w), x, init, mask=mask, go_backwards=go_backwards
    )
    np.testing.assert_allclose(fused_outs[0], ref_outs, rtol=1e-5, atol=1e-5)
    for got, ref in zip(fused_outs[1:], ref_states):
        np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    "kwargs,mask_name",
    [
        ({"activation": "relu"}, "none"),
        ({"recurrent_activation": "hard_sigmoid"}, "none"),
        ({"unroll": True}, "none"),
        ({}, "holes"),
    ],
)
def test_configurations_the_kernel_cannot_compute_use_the_generic_loop(
    monkeypatch, kwargs, mask_name
):
    x = np.random.default_rng(1).normal(size=(3, 5, 4)).astype("float32")
    mask = MASKS[mask_name]
    answered = _record(monkeypatch, "lstm")
    layer = layers.LSTM(3, **kwargs)
    out = layer(x, mask=mask)
    assert tuple(out.shape) == (3, 3)
    assert not any(answered)


def test_gru_reset_before_and_recurrent_dropout_use_the_generic_loop(monkeypatch):
    x = np.random.default_rng(1).normal(size=(2, 4, 3)).astype("float32")
    answered = _record(monkeypatch, "gru")
    layers.GRU(3, reset_after=False)(x)
    assert answered == []
    layers.GRU(3, recurrent_dropout=0.5, seed=1)(x, training=True)
    assert not any(answered)


def test_fused_input_dropout_draws_the_generic_mask(monkeypatch):
    # Input dropout (one mask per sequence) is applied before the fused kernel, with the
    # same draw as the generic loop makes from the same seed.
    x = np.random.default_rng(4).normal(size=(3, 5, 4)).astype("float32")
    results = []
    for disable in (False, True):
        answered = _record(monkeypatch, "lstm", disable=disable)
        layer = layers.LSTM(4, dropout=0.5, seed=7, return_sequences=True)
        layer.build(x.shape)
        layer.set_weights(fixed_weights(layer, seed=3))
        results.append(_np(layer(x, training=True)))
        assert answered
        monkeypatch.undo()
    np.testing.assert_allclose(results[0], results[1], rtol=1e-5, atol=1e-6)


@pytest.mark.skipif(backend.backend() == "numpy", reason="the numpy backend computes no gradients")
@pytest.mark.parametrize("go_backwards", [False, True])
def test_fused_zero_output_for_mask_matches_generic_loop(monkeypatch, go_backwards):
    # Bidirectional sets zero_output_for_mask on its layers: the kernel zeroes the same steps.
    x = np.random.default_rng(5).normal(size=(3, 5, 4)).astype("float32")
    kwargs = {"go_backwards": go_backwards, "zero_output_for_mask": True}
    probe = layers.LSTM(6, **kwargs)
    probe.build(x.shape)
    weights = fixed_weights(probe, seed=6)
    answered = _record(monkeypatch, "lstm")
    fused, fused_grads = _run(layers.LSTM, kwargs, weights, x, RIGHT)
    assert answered and all(a == (backend.backend() == "torch") for a in answered)
    monkeypatch.undo()
    _record(monkeypatch, "lstm", disable=True)
    generic, generic_grads = _run(layers.LSTM, kwargs, weights, x, RIGHT)
    for a, b in zip(fused, generic):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    for a, b in zip(fused_grads, generic_grads):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    init = [np.zeros((3, 6))] * 2
    ref, _ = np_rnn(
        lambda xt, s: np_lstm_step(xt, s, weights),
        x,
        init,
        mask=RIGHT,
        go_backwards=go_backwards,
        zero_output_for_mask=True,
    )
    np.testing.assert_allclose(fused[0], ref, rtol=1e-5, atol=1e-5)
