"""LSTM, GRU and Bidirectional(LSTM) with fixed weights give NumPy's numbers on every
backend: without a mask, with right- and left-padded masks, going forwards and backwards.
Each backend is checked against the same NumPy loop (not against another backend), so
passing on tensorflow, jax and torch means the three agree."""

import numpy as np
import pytest

from keras_core import layers
from keras_core.layers.rnn.rnn_test import (
    fixed_weights,
    np_gru_step,
    np_lstm_step,
    np_rnn,
    rand,
    to_np,
)

MASKS = {
    "none": None,
    "right": np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0]], bool),
    "left": np.array([[1, 1, 1, 1, 1], [0, 0, 1, 1, 1], [0, 1, 1, 1, 1]], bool),
}
X = rand((3, 5, 4), seed=11)
UNITS = 3


def _reference(kind, weights, mask, go_backwards, zero_output=False):
    step = np_lstm_step if kind == "lstm" else np_gru_step
    init = [np.zeros((3, UNITS))] * (2 if kind == "lstm" else 1)
    return np_rnn(
        lambda xt, s: step(xt, s, weights),
        X,
        init,
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output,
    )


CASES = [(k, m, g) for k in ("lstm", "gru") for m in MASKS for g in (False, True)]


@pytest.mark.parametrize(
    "kind,mask_name,go_backwards", CASES, ids=[f"{k}-{m}-gb{int(g)}" for k, m, g in CASES]
)
def test_lstm_and_gru_match_numpy(kind, mask_name, go_backwards):
    cls = layers.LSTM if kind == "lstm" else layers.GRU
    layer = cls(UNITS, return_sequences=True, return_state=True, go_backwards=go_backwards)
    layer.build(X.shape)
    weights = fixed_weights(layer, seed=12)
    layer.set_weights(weights)
    mask = MASKS[mask_name]
    got = layer(X, mask=mask)
    outputs, states = _reference(kind, weights, mask, go_backwards)
    np.testing.assert_allclose(to_np(got[0]), outputs, rtol=1e-5, atol=1e-5)
    for g, s in zip(got[1:], states):
        np.testing.assert_allclose(to_np(g), s, rtol=1e-5, atol=1e-5)


BIDI = [(m, g) for m in MASKS for g in (False, True)]


@pytest.mark.parametrize("mask_name,go_backwards", BIDI, ids=[f"{m}-gb{int(g)}" for m, g in BIDI])
def test_bidirectional_lstm_matches_numpy(mask_name, go_backwards):
    # The backward layer runs with the opposite direction, its sequence is flipped back
    # to time order, and masked steps output zeros (Bidirectional returns sequences).
    layer = layers.Bidirectional(
        layers.LSTM(UNITS, return_sequences=True, go_backwards=go_backwards)
    )
    layer.build(X.shape)
    weights = fixed_weights(layer, seed=13)
    layer.set_weights(weights)
    mask = MASKS[mask_name]
    got = to_np(layer(X, mask=mask))
    fwd, _ = _reference("lstm", weights[:3], mask, go_backwards, zero_output=True)
    bwd, _ = _reference("lstm", weights[3:], mask, not go_backwards, zero_output=True)
    expected = np.concatenate([fwd, bwd[:, ::-1]], axis=-1)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
