"""The attention references: against every Keras-3 golden of those layers, against
keras_core's layers on the new NumPy-golden cases (active backend), and the mask
rules checked by hand."""

import numpy as np
import pytest

from conformance.references.layers import _case_runner as cr
from conformance.references.layers import attention

KERAS3 = cr.keras3_goldens(set(attention.REFERENCES))
CASES = cr.new_cases("attention")


@pytest.mark.parametrize("name", KERAS3)
def test_reference_matches_keras3_golden(name):
    case, inputs, kwargs, weights, outputs = cr.load_keras3(name)
    got = cr.reference_outputs(case, inputs, kwargs, weights)
    cr.assert_outputs_close(got, outputs, name)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_keras_core_matches_reference(case):
    inputs, kwargs, weights = cr.draw_case(case)
    want = cr.reference_outputs(case, inputs, kwargs, weights)
    got = cr.keras_core_outputs(case, inputs, kwargs, weights)
    cr.assert_outputs_close(got, want, case["name"])


def test_every_attention_reference_is_cased_validated_and_pure_numpy():
    assert set(attention.REFERENCES) <= {c["layer"] for c in CASES}
    assert set(attention.REFERENCES) <= {cr.load_keras3(n)[0]["layer"] for n in KERAS3}
    assert not cr.imported_modules(attention) & cr.FORBIDDEN_IMPORTS


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
