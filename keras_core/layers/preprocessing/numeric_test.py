import numpy as np
import pytest
import tensorflow as tf

from keras_core import backend, layers, ops
from keras_core.testing.layer_harness import run_layer_test

RNG = np.random.default_rng(0)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


# -- Normalization -----------------------------------------------------------------


def test_normalization_adapt_arrays_tensors_datasets_agree():
    x = RNG.normal(3.0, 2.0, size=(10, 3)).astype("float32")
    mean, var = x.astype("float64").mean(0), x.astype("float64").var(0)
    sources = [
        x,
        ops.convert_to_tensor(x),
        tf.data.Dataset.from_tensor_slices(x).batch(3),
    ]
    for src in sources:
        layer = layers.Normalization()
        layer.adapt(src)
        np.testing.assert_allclose(_np(layer.adapt_mean), mean, rtol=1e-5)
        np.testing.assert_allclose(_np(layer.adapt_variance), var, rtol=1e-5)
        expected = (x - mean) / np.sqrt(var)
        np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-5, atol=1e-5)


def test_normalization_axis_none_and_tuple():
    x = RNG.normal(size=(4, 2, 3)).astype("float32")
    layer = layers.Normalization(axis=None)
    layer.adapt(x)
    np.testing.assert_allclose(_np(layer(x)), (x - x.mean()) / x.std(), rtol=1e-4, atol=1e-5)
    layer = layers.Normalization(axis=(1, 2))
    layer.adapt(x)
    expected = (x - x.mean(0)) / x.std(0)
    np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-4, atol=1e-4)


def test_normalization_mean_variance_invert_and_errors():
    x = np.array([[1.0, 2.0], [3.0, 8.0]], "float32")
    layer = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 9.0])
    y = _np(layer(x))
    np.testing.assert_allclose(y, [[0.0, 0.0], [1.0, 2.0]], rtol=1e-6)
    inv = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 9.0], invert=True)
    np.testing.assert_allclose(_np(inv(y)), x, rtol=1e-6)
    with pytest.raises(ValueError, match="before `adapt`"):
        layers.Normalization()(x)
    with pytest.raises(ValueError, match="both `mean` and `variance`"):
        layers.Normalization(mean=[1.0])
    with pytest.raises(ValueError, match="`axis`"):
        layers.Normalization(axis="a")


def test_normalization_config_round_trip():
    run_layer_test(
        layers.Normalization,
        {"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 9.0]},
        input_shape=(2, 3),
        expected_output_shape=(2, 3),
        reference=lambda a, w: (a - [1.0, 2.0, 3.0]) / [1.0, 2.0, 3.0],
        run_training_check=False,
        atol=1e-5,
    )


# -- Rescaling -----------------------------------------------------------------------


def test_rescaling_values_dtype_model_tf_data():
    x = np.array([[0, 128, 255]], "uint8")
    layer = layers.Rescaling(1 / 255.0, offset=-0.5)
    expected = x.astype("float32") / 255.0 - 0.5
    y = layer(x)
    assert backend.standardize_dtype(y.dtype) == "float32"
    np.testing.assert_allclose(_np(y), expected, rtol=1e-6)
    per_channel = layers.Rescaling([1.0, 2.0, 3.0])
    np.testing.assert_allclose(_np(per_channel(np.ones((1, 3), "float32"))), [[1.0, 2.0, 3.0]])
    run_layer_test(
        layers.Rescaling,
        {"scale": 2.0, "offset": 1.0},
        input_shape=(2, 3),
        expected_output_shape=(2, 3),
        reference=lambda a, w: a * 2.0 + 1.0,
        run_training_check=False,
    )


# -- Discretization ------------------------------------------------------------------


def test_discretization_bins_and_modes():
    x = np.array([[-1.5, 0.0, 0.7], [1.5, 2.0, 9.0]], "float32")
    bounds = [0.0, 1.0, 2.0]
    expected = np.searchsorted(bounds, x, side="right")
    layer = layers.Discretization(bin_boundaries=bounds)
    y = layer(x)
    assert backend.standardize_dtype(y.dtype) == "int64"
    np.testing.assert_array_equal(_np(y), expected)
    one_hot = layers.Discretization(bin_boundaries=bounds, output_mode="one_hot")
    np.testing.assert_array_equal(_np(one_hot(x[0])), np.eye(4)[expected[0]])
    count = layers.Discretization(bin_boundaries=bounds, output_mode="count")
    ref = np.stack([np.bincount(r, minlength=4) for r in expected])
    np.testing.assert_array_equal(_np(count(x)), ref)


def test_discretization_adapt_quantiles_and_errors():
    data = np.arange(100, dtype="float32")
    layer = layers.Discretization(num_bins=4)
    layer.adapt(data)
    np.testing.assert_allclose(layer.bin_boundaries, np.quantile(data, [0.25, 0.5, 0.75]))
    layer2 = layers.Discretization(num_bins=4)
    layer2.adapt(tf.data.Dataset.from_tensor_slices(data).batch(7))
    assert layer2.bin_boundaries == layer.bin_boundaries
    with pytest.raises(ValueError, match="sorted"):
        layers.Discretization(bin_boundaries=[1.0, 0.0])
    with pytest.raises(ValueError, match="not both"):
        layers.Discretization(bin_boundaries=[1.0], num_bins=3)
    with pytest.raises(ValueError, match="output_mode"):
        layers.Discretization(bin_boundaries=[1.0], output_mode="bad")
    cfg = layer.get_config()
    assert layers.Discretization.from_config(cfg).bin_boundaries == layer.bin_boundaries


# -- CategoryEncoding ----------------------------------------------------------------


def test_category_encoding_modes():
    x = np.array([[0, 1, 1], [3, 3, 2]], "int32")
    multi = layers.CategoryEncoding(4, output_mode="multi_hot")
    ref_count = np.stack([np.bincount(r, minlength=4) for r in x]).astype("float32")
    np.testing.assert_array_equal(_np(multi(x)), (ref_count > 0).astype("float32"))
    count = layers.CategoryEncoding(4, output_mode="count")
    np.testing.assert_array_equal(_np(count(x)), ref_count)
    weights = np.array([[0.5, 1.0, 2.0], [1.0, 1.0, 1.0]], "float32")
    ref_w = np.zeros((2, 4), "float32")
    for i in range(2):
        np.add.at(ref_w[i], x[i], weights[i])
    np.testing.assert_allclose(_np(count(x, count_weights=weights)), ref_w)
    one_hot = layers.CategoryEncoding(4, output_mode="one_hot")
    np.testing.assert_array_equal(_np(one_hot(np.array([2, 0]))), np.eye(4)[[2, 0]])
    np.testing.assert_array_equal(_np(one_hot(np.array([[2], [0]]))), np.eye(4)[[2, 0]])
    with pytest.raises(ValueError, match="num_tokens"):
        layers.CategoryEncoding(0)
    with pytest.raises(ValueError, match="count_weights"):
        multi(x, count_weights=weights)
    cfg = count.get_config()
    assert layers.CategoryEncoding.from_config(cfg).get_config() == cfg


def test_normalization_weights_are_keras3s_mean_variance_count():
    # Keras 3.15.1 writes mean, variance and a scalar int32 count (left at 0) for an
    # adapted Normalization: the same three keep weight lists and files interchangeable.
    layer = layers.Normalization()
    layer.adapt(np.arange(12, dtype="float32").reshape(4, 3))
    assert [w.path.split("/")[-1] for w in layer.weights] == ["mean", "variance", "count"]
    assert [w.shape for w in layer.weights] == [(3,), (3,), ()]
    assert layer.weights[2].dtype == "int32"
    mean, variance, count = layer.get_weights()
    np.testing.assert_allclose(mean, [4.5, 5.5, 6.5])
    np.testing.assert_allclose(variance, [11.25, 11.25, 11.25])
    assert count == 0
    assert layers.Normalization(mean=0.0, variance=1.0).weights == []
