"""AlphaDropout: identity at inference, the SELU-preserving affine map of the kept/dropped
entries in training, mean and variance kept, noise_shape, config and errors."""

import numpy as np
import pytest

from keras_core import backend, layers
from keras_core.testing import run_layer_test

ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


def test_harness_inference_is_identity():
    run_layer_test(
        layers.AlphaDropout,
        init_kwargs={"rate": 0.3, "seed": 2},
        input_shape=(2, 3, 4),
        expected_output_shape=(2, 3, 4),
        expected_output_dtype="float32",
        expected_num_trainable_weights=0,
        expected_num_seed_generators=1,
        supports_masking=True,
        reference=lambda x, w: x,
    )


def test_training_values_are_the_affine_map_of_kept_or_saturated_entries():
    rate = 0.25
    x = np.random.default_rng(0).uniform(-1, 1, (64, 32)).astype("float32")
    out = to_np(layers.AlphaDropout(rate, seed=1)(x, training=True))
    a = ((1 - rate) * (1 + rate * ALPHA_P**2)) ** -0.5
    b = -a * ALPHA_P * rate
    kept = np.isclose(out, a * x + b, atol=1e-6)
    dropped = np.isclose(out, a * ALPHA_P + b, atol=1e-6)
    assert np.all(kept | dropped)
    assert abs(dropped.mean() - rate) < 0.05


def test_keeps_zero_mean_unit_variance():
    x = np.random.default_rng(3).standard_normal((200, 200)).astype("float32")
    out = to_np(layers.AlphaDropout(0.2, seed=5)(x, training=True))
    assert abs(out.mean()) < 0.03
    assert abs(out.std() - 1.0) < 0.03


def test_noise_shape_broadcasts_and_config():
    x = np.ones((4, 5, 3), "float32")
    layer = layers.AlphaDropout(0.5, noise_shape=(None, 1, 3), seed=7)
    out = to_np(layer(x, training=True))
    for t in range(1, 5):
        np.testing.assert_array_equal(out[:, t], out[:, 0])
    config = layer.get_config()
    assert config["noise_shape"] == [None, 1, 3] and config["rate"] == 0.5
    assert layers.AlphaDropout.from_config(config).get_config() == config
    np.testing.assert_array_equal(to_np(layers.AlphaDropout(0.0)(x, training=True)), x)
    with pytest.raises(ValueError, match="rate"):
        layers.AlphaDropout(1.0)
