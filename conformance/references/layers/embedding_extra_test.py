"""The ReversibleEmbedding reference: against keras_core's layer on the NumPy-golden
cases (active backend; Keras 3's goldens have no ReversibleEmbedding case) and by hand."""

import numpy as np
import pytest

from conformance.references.layers import _case_runner as cr
from conformance.references.layers import embedding_extra

CASES = cr.new_cases("embedding_extra")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_keras_core_matches_reference(case):
    inputs, kwargs, weights = cr.draw_case(case)
    want = cr.reference_outputs(case, inputs, kwargs, weights)
    got = cr.keras_core_outputs(case, inputs, kwargs, weights)
    cr.assert_outputs_close(got, want, case["name"])


def test_reference_by_hand_and_pure_numpy():
    call = embedding_extra.REFERENCES["ReversibleEmbedding"]["call"]
    table = np.arange(6.0).reshape(3, 2)  # input_dim 3, output_dim 2
    config = {"input_dim": 3, "output_dim": 2}
    np.testing.assert_array_equal(call(config, [table], [np.array([[2, 0]])]), [[[4, 5], [0, 1]]])
    logits = call(config, [table], [np.array([[1.0, 1.0]])], reverse=True)
    np.testing.assert_array_equal(logits, [[1.0, 5.0, 9.0]])
    capped = call(
        {**config, "logit_soft_cap": 2.0}, [table], [np.array([[1.0, 1.0]])], reverse=True
    )
    np.testing.assert_allclose(capped, np.tanh(np.array([[1.0, 5.0, 9.0]]) / 2.0) * 2.0)
    untied = {**config, "tie_weights": False}
    reverse = np.ones((2, 3))
    np.testing.assert_array_equal(
        call(untied, [table, reverse], [np.array([[1.0, 2.0]])], reverse=True), [[3.0, 3.0, 3.0]]
    )
    assert not cr.imported_modules(embedding_extra) & cr.FORBIDDEN_IMPORTS


def test_new_case_names_are_unique_and_new():
    names = [
        c["name"]
        for fam in ("attention", "recurrent", "embedding_extra")
        for c in cr.new_cases(fam)
    ]
    assert len(names) == len(set(names))
    keras3 = set(cr._keras3_manifest())
    assert not set(names) & keras3
