"""Bidirectional and TimeDistributed: the layer harness, NumPy references of every merge
mode, masks, states, a user backward layer, config round trips and errors."""

import numpy as np
import pytest

from conformance.references.layers import recurrent as recurrent_ref
from keras_core import backend, layers, models, ops
from keras_core.layers.rnn.rnn_test import (
    LEFT,
    RIGHT,
    np_gru_step,
    np_lstm_step,
    np_rnn,
    rand,
    to_np,
)
from keras_core.testing import run_layer_test

MERGES = {
    "concat": lambda a, b: np.concatenate([a, b], -1),
    "sum": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "ave": lambda a, b: (a + b) / 2,
}


def np_bidirectional(step, x, w_fwd, w_bwd, n_states, units, mask=None, sequences=True):
    """(forward output, backward output in time order, forward states, backward states)
    of ``Bidirectional(LSTM or GRU)``, from the reference in conformance/references/layers
    (the backward sequence is flipped back; masked outputs are zeros with sequences)."""
    kind = {np_lstm_step: "LSTM", np_gru_step: "GRU"}[step]
    inner = {"units": units, "return_sequences": sequences, "return_state": True}
    config = {"layer": {"class_name": kind, "config": inner}, "merge_mode": None}
    out = recurrent_ref.REFERENCES["Bidirectional"]["call"](
        config, list(w_fwd) + list(w_bwd), [x], mask=mask
    )
    return out[0], out[1], out[2 : 2 + n_states], out[2 + n_states :]


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave"])
def test_bidirectional_harness_and_merge_modes(merge_mode):
    def reference(x, w):
        f, b, _, _ = np_bidirectional(np_lstm_step, x, w[:3], w[3:], 2, 3)
        return MERGES[merge_mode](f, b)

    run_layer_test(
        layers.Bidirectional,
        init_kwargs={"layer": layers.LSTM(3, return_sequences=True), "merge_mode": merge_mode},
        input_shape=(2, 4, 3),
        expected_output_shape=(2, 4, 6 if merge_mode == "concat" else 3),
        expected_num_trainable_weights=6,
        expected_num_seed_generators=2,
        supports_masking=True,
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_bidirectional_merge_none_with_mask_and_states():
    x = rand((2, 5, 3))
    layer = layers.Bidirectional(
        layers.GRU(2, return_sequences=True, return_state=True), merge_mode=None
    )
    out = layer(x, mask=LEFT)
    assert isinstance(out, tuple) and len(out) == 4
    w = layer.get_weights()
    f, b, fs, bs = np_bidirectional(np_gru_step, x, w[:3], w[3:], 1, 2, mask=LEFT)
    for got, want in zip(out, [f, b, fs[0], bs[0]]):
        np.testing.assert_allclose(to_np(got), want, atol=1e-5)
    assert np.all(to_np(out[0])[~LEFT] == 0) and np.all(to_np(out[1])[~LEFT] == 0)
    masks = layer.compute_mask(x, ops.convert_to_tensor(LEFT))
    assert len(masks) == 4 and masks[2] is None
    np.testing.assert_array_equal(to_np(masks[1]), LEFT)
    assert layer.compute_output_shape((None, 5, 3)) == (
        (None, 5, 2),
        (None, 5, 2),
        (None, 2),
        (None, 2),
    )


def test_bidirectional_last_output_states_and_initial_state():
    x = rand((2, 4, 3))
    layer = layers.Bidirectional(layers.LSTM(2, return_state=True))
    out, fh, fc, bh, bc = layer(x, mask=RIGHT[:, :4])
    w = layer.get_weights()
    f, b, fs, bs = np_bidirectional(
        np_lstm_step, x, w[:3], w[3:], 2, 2, mask=RIGHT[:, :4], sequences=False
    )
    np.testing.assert_allclose(to_np(out), np.concatenate([f, b], -1), atol=1e-5)
    for got, want in zip([fh, fc, bh, bc], fs + bs):
        np.testing.assert_allclose(to_np(got), want, atol=1e-5)
    states = [rand((2, 2), i) for i in range(4)]
    out2 = layer(x, initial_state=states)
    fwd = layers.LSTM(2)
    fwd(x)
    fwd.set_weights(w[:3])
    np.testing.assert_allclose(
        to_np(out2[0])[:, :2], to_np(fwd(x, initial_state=states[:2])), atol=1e-6
    )
    with pytest.raises(ValueError, match="even number"):
        layer(x, initial_state=states[:3])


def test_bidirectional_names_weights_and_config():
    inner = layers.LSTM(3, return_sequences=True, name="enc")
    layer = layers.Bidirectional(inner)
    layer(rand((2, 4, 3)))
    assert layer.forward_layer.name == "forward_enc"
    assert layer.backward_layer.name == "backward_enc"
    assert layer.backward_layer.go_backwards and not layer.forward_layer.go_backwards
    assert layer.forward_layer.zero_output_for_mask
    assert [w.path.split("/", 1)[1] for w in layer.weights][:1] == ["forward_enc/lstm_cell/kernel"]
    config = layer.get_config()
    assert config["layer"]["config"]["name"] == "forward_enc"
    revived = layers.Bidirectional.from_config(config)
    assert revived.get_config() == config
    assert revived.forward_layer.name == "forward_enc"


def test_bidirectional_with_a_backward_layer():
    x = rand((2, 4, 3))
    layer = layers.Bidirectional(
        layers.LSTM(2, return_sequences=True),
        backward_layer=layers.GRU(3, return_sequences=True, go_backwards=True),
    )
    out = layer(x)
    assert tuple(out.shape) == (2, 4, 5)
    w = layer.get_weights()
    f, _ = np_rnn(lambda xt, s: np_lstm_step(xt, s, w[:3]), x, [np.zeros((2, 2))] * 2)
    b, _ = np_rnn(lambda xt, s: np_gru_step(xt, s, w[3:]), x, [np.zeros((2, 3))], go_backwards=True)
    np.testing.assert_allclose(to_np(out), np.concatenate([f, b[:, ::-1]], -1), atol=1e-5)
    revived = layers.deserialize(layers.serialize(layer))
    assert isinstance(revived.backward_layer, layers.GRU)
    with pytest.raises(ValueError, match="go_backwards"):
        layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(2))
    with pytest.raises(ValueError, match="return_sequences"):
        layers.Bidirectional(
            layers.LSTM(2), backward_layer=layers.LSTM(2, return_sequences=True, go_backwards=True)
        )


def test_bidirectional_errors_and_stateful_reset():
    with pytest.raises(ValueError, match="merge_mode"):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="recurrent layer"):
        layers.Bidirectional(layers.Dense(2))
    x = rand((2, 4, 3))
    layer = layers.Bidirectional(layers.SimpleRNN(2, stateful=True))
    first = to_np(layer(x))
    assert not np.allclose(first, to_np(layer(x)))
    layer.reset_states()
    np.testing.assert_allclose(to_np(layer(x)), first, atol=1e-6)


def test_bidirectional_in_functional_model_with_embedding_mask():
    tokens = np.array([[3, 5, 2, 0, 0], [4, 1, 6, 2, 7]], "int32")
    inputs = layers.Input((5,), dtype="int32")
    emb = layers.Embedding(8, 3, mask_zero=True)
    bi = layers.Bidirectional(layers.GRU(2))
    model = models.Model(inputs, bi(emb(inputs)))
    got = to_np(model(tokens))
    np.testing.assert_allclose(got[:1], to_np(bi(emb(tokens[:1, :3]))), atol=1e-6)


# ---------------------------------------------------------------------------
# TimeDistributed


def test_time_distributed_dense_harness():
    run_layer_test(
        layers.TimeDistributed,
        init_kwargs={"layer": layers.Dense(2, activation="tanh")},
        input_shape=(2, 4, 3),
        expected_output_shape=(2, 4, 2),
        expected_num_trainable_weights=2,
        supports_masking=True,
        reference=lambda x, w: np.tanh(x @ w[0] + w[1]),
        atol=1e-6,
    )


def test_time_distributed_wraps_rank_4_inputs_and_keeps_the_mask():
    x = rand((2, 3, 4, 5))
    layer = layers.TimeDistributed(layers.Flatten())
    out = layer(x)
    np.testing.assert_array_equal(to_np(out), x.reshape(2, 3, 20))
    assert layer.compute_output_shape((None, 3, 4, 5)) == (None, 3, 20)
    mask = ops.convert_to_tensor(RIGHT[:, :3])
    np.testing.assert_array_equal(to_np(layer.compute_mask(x, mask)), RIGHT[:, :3])
    sym = layer(layers.Input((None, 4, 5)))
    assert sym.shape == (None, None, 20)


def test_time_distributed_passes_masks_and_training():
    class Probe(layers.Layer):
        def call(self, inputs, mask=None, training=None):
            scale = 2.0 if training else 1.0
            m = ops.cast(mask, inputs.dtype) if mask is not None else 1.0
            return inputs * m * scale

    x = rand((2, 3, 2))
    mask = np.array([[[1, 0], [1, 1], [0, 0]], [[1, 1], [0, 1], [1, 0]]], bool)
    out = to_np(layers.TimeDistributed(Probe())(x, mask=mask, training=True))
    np.testing.assert_allclose(out, x * mask * 2.0)


def test_time_distributed_per_step_path_matches_the_merged_path():
    layer = layers.TimeDistributed(layers.Dense(3))
    x = rand((2, 4, 5))
    merged = to_np(layer(x))
    per_step = to_np(layer._call_per_step(ops.convert_to_tensor(x), None, {}))
    np.testing.assert_allclose(per_step, merged, atol=1e-6)


def test_time_distributed_in_model_and_config():
    inputs = layers.Input((None, 3))
    td = layers.TimeDistributed(layers.Dense(4))
    model = models.Model(inputs, td(inputs))
    x = rand((2, 6, 3))
    w = td.get_weights()
    np.testing.assert_allclose(to_np(model(x)), x @ w[0] + w[1], atol=1e-6)
    revived = layers.deserialize(layers.serialize(td))
    assert isinstance(revived.layer, layers.Dense) and revived.layer.units == 4
    with pytest.raises(ValueError, match="rank >= 3"):
        layers.TimeDistributed(layers.Dense(2))(rand((2, 3)))
    with pytest.raises(ValueError, match="Layer instance"):
        layers.TimeDistributed("dense")


def test_time_distributed_under_tf_function_with_unknown_batch_and_time():
    if backend.backend() != "tensorflow":
        # jax and torch always see concrete shapes; the per-step path is checked above.
        layer = layers.TimeDistributed(layers.Dense(2))
        assert tuple(layer(rand((1, 2, 3))).shape) == (1, 2, 2)
        return
    import tensorflow as tf

    layer = layers.TimeDistributed(layers.Dense(2))
    x = rand((2, 5, 3))
    eager = to_np(layer(x))
    fn = tf.function(layer, input_signature=[tf.TensorSpec((None, None, 3), "float32")])
    np.testing.assert_allclose(to_np(fn(x)), eager, atol=1e-6)
