"""ReversibleEmbedding: lookups, tied and untied reverse projections, soft cap,
reverse dtype, masks, Keras 3 weight names, config round trips and errors."""

import numpy as np
import pytest

from keras_core import backend, layers, models
from keras_core.testing import run_layer_test


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


@pytest.mark.parametrize("tie_weights", [True, False])
def test_harness_forward_lookup(tie_weights):
    run_layer_test(
        layers.ReversibleEmbedding,
        init_kwargs={"input_dim": 10, "output_dim": 4, "tie_weights": tie_weights},
        input_shape=(2, 3),
        input_dtype="int32",
        input_data=np.array([[1, 2, 9], [0, 4, 4]], "int32"),
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=1 if tie_weights else 2,
        reference=lambda x, w: w[0][x],
        run_training_check=False,
    )


@pytest.mark.parametrize("tie_weights", [True, False])
def test_reverse_projection_values_and_training(tie_weights):
    vectors = np.random.default_rng(0).uniform(-1, 1, (2, 3, 4)).astype("float32")

    def reference(x, w):
        kernel = w[0].T if tie_weights else w[1]
        return x @ kernel

    run_layer_test(
        layers.ReversibleEmbedding,
        init_kwargs={"input_dim": 6, "output_dim": 4, "tie_weights": tie_weights},
        input_data=vectors,
        call_kwargs={"reverse": True},
        expected_output_shape=(2, 3, 6),
        expected_output_dtype="float32",
        reference=reference,
        atol=1e-6,
        # Untied, a reverse call does not read `embeddings`, so only tied layers train here.
        run_training_check=tie_weights,
    )


def test_weight_names_soft_cap_and_reverse_dtype():
    layer = layers.ReversibleEmbedding(7, 3, tie_weights=False, logit_soft_cap=2.0)
    layer(np.array([[1, 2]]))
    assert [w.path for w in layer.weights] == [
        f"{layer.name}/embeddings",
        f"{layer.name}/reverse_embeddings",
    ]
    assert tuple(layer.reverse_embeddings.shape) == (3, 7)
    x = np.random.default_rng(1).uniform(-3, 3, (2, 3)).astype("float32")
    logits = to_np(layer(x, reverse=True))
    ref = np.tanh((x @ to_np(layer.reverse_embeddings)) / 2.0) * 2.0
    np.testing.assert_allclose(logits, ref, atol=1e-6)
    assert np.abs(logits).max() < 2.0
    wide = layers.ReversibleEmbedding(5, 2, reverse_dtype="float64")
    wide(np.array([1]))
    out = wide(x[:, :2], reverse=True)
    assert backend.standardize_dtype(out.dtype) == "float64"


def test_mask_and_symbolic_reverse_in_a_model():
    emb = layers.ReversibleEmbedding(9, 4, mask_zero=True)
    tokens = np.array([[3, 0, 5]], "int32")
    np.testing.assert_array_equal(to_np(emb.compute_mask(tokens)), [[True, False, True]])
    inputs = layers.Input((3,), dtype="int32")
    logits = emb(emb(inputs), reverse=True)
    assert logits.shape == (None, 3, 9)
    model = models.Model(inputs, logits)
    w = to_np(emb.embeddings)
    np.testing.assert_allclose(to_np(model(tokens)), w[tokens] @ w.T, atol=1e-6)


def test_config_round_trip_and_errors():
    layer = layers.ReversibleEmbedding(
        12, 3, tie_weights=False, reverse_dtype="float32", logit_soft_cap=30.0
    )
    config = layer.get_config()
    for key in ("tie_weights", "reverse_dtype", "logit_soft_cap", "input_dim"):
        assert key in config
    assert layers.ReversibleEmbedding.from_config(config).get_config() == config
    with pytest.raises(ValueError, match="logit_soft_cap"):
        layers.ReversibleEmbedding(4, 2, logit_soft_cap=-1.0)
    with pytest.raises(ValueError, match="input_dim"):
        layers.ReversibleEmbedding(0, 2)
