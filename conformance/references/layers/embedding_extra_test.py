"""The ReversibleEmbedding reference: against keras_core's layer on the NumPy-golden
cases (active backend; Keras 3's goldens have no ReversibleEmbedding case) and by hand."""

import numpy as np

from conformance.references.layers import _golden_io, all_references, embedding_extra


class TestReversibleEmbeddingReferences(_golden_io.FamilyTests):
    MODULE = embedding_extra
    REFERENCES = all_references()
    NO_KERAS3 = {"ReversibleEmbedding"}
    test_reference_matches_keras3 = None  # Keras 3's goldens have no such case


def test_reference_by_hand():
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
