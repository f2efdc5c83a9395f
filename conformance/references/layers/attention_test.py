"""The attention references: against every Keras-3 golden of those layers, against
keras_core's layers on the new NumPy-golden cases (active backend), and the mask
rules checked by hand."""

import numpy as np

from conformance.references.layers import _golden_io, all_references, attention


class TestAttentionReferences(_golden_io.FamilyTests):
    MODULE = attention
    REFERENCES = all_references()


def test_masked_softmax_rows():
    scores = np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])
    mask = np.array([[True, False, True], [False, False, False]])
    got = attention.masked_softmax(scores, mask)
    e = np.exp([1.0, 3.0])
    np.testing.assert_allclose(got[0], [e[0] / e.sum(), 0.0, e[1] / e.sum()], rtol=1e-15)
    np.testing.assert_array_equal(got[1], 0.0)


def test_padding_and_causal_mask_combination():
    mask = attention.padding_and_causal_mask(
        3,
        3,
        query_mask=np.array([[1, 1, 0]], bool),
        value_mask=np.array([[0, 1, 1]], bool),
        use_causal_mask=True,
    )
    expected = np.array([[[0, 0, 0], [0, 1, 0], [0, 0, 0]]], bool)
    np.testing.assert_array_equal(mask, expected)
    assert attention.padding_and_causal_mask(2, 2) is None
    window = attention.padding_and_causal_mask(3, 3, sliding_window=2)
    np.testing.assert_array_equal(window[0], [[1, 1, 0], [1, 1, 1], [0, 1, 1]])
