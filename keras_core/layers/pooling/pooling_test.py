"""Pooling layers: harness checks, NumPy references, Keras 3 goldens, masks, errors."""

import numpy as np
import pytest

from keras_core import backend, layers
from keras_core.testing import run_layer_test
from keras_core.testing.golden import case_names, check_golden


@pytest.mark.parametrize("name", case_names("pooling", source="keras3"))
def test_golden(name):
    check_golden(name, atol=1e-6, rtol=1e-6, source="keras3")


HARNESS = [
    (layers.MaxPooling1D, {}, (2, 6, 3), (2, 3, 3)),
    (
        layers.MaxPooling2D,
        {"pool_size": 3, "strides": 1, "padding": "same"},
        (1, 4, 4, 2),
        (1, 4, 4, 2),
    ),
    (layers.MaxPooling3D, {"data_format": "channels_first"}, (1, 2, 4, 4, 4), (1, 2, 2, 2, 2)),
    (layers.AveragePooling1D, {"pool_size": 3, "strides": 2}, (2, 7, 2), (2, 3, 2)),
    (layers.AveragePooling2D, {"pool_size": 2, "padding": "same"}, (1, 5, 5, 2), (1, 3, 3, 2)),
    (layers.AveragePooling3D, {"pool_size": (1, 2, 2)}, (1, 2, 4, 4, 1), (1, 2, 2, 2, 1)),
    (layers.GlobalAveragePooling1D, {}, (2, 5, 3), (2, 3)),
    (layers.GlobalAveragePooling2D, {"keepdims": True}, (2, 3, 3, 4), (2, 1, 1, 4)),
    (layers.GlobalAveragePooling3D, {"data_format": "channels_first"}, (2, 4, 2, 2, 2), (2, 4)),
    (layers.GlobalMaxPooling1D, {"data_format": "channels_first"}, (2, 3, 5), (2, 3)),
    (layers.GlobalMaxPooling2D, {}, (2, 3, 3, 4), (2, 4)),
    (layers.GlobalMaxPooling3D, {"keepdims": True}, (1, 2, 2, 2, 3), (1, 1, 1, 1, 3)),
    (layers.AdaptiveAveragePooling1D, {"output_size": 3}, (2, 7, 2), (2, 3, 2)),
    (layers.AdaptiveAveragePooling2D, {"output_size": (2, 3)}, (1, 5, 7, 2), (1, 2, 3, 2)),
    (
        layers.AdaptiveAveragePooling3D,
        {"output_size": 2, "data_format": "channels_first"},
        (1, 2, 3, 4, 5),
        (1, 2, 2, 2, 2),
    ),
    (layers.AdaptiveMaxPooling1D, {"output_size": 2}, (2, 5, 2), (2, 2, 2)),
    (layers.AdaptiveMaxPooling2D, {"output_size": 2}, (1, 5, 4, 2), (1, 2, 2, 2)),
    (layers.AdaptiveMaxPooling3D, {"output_size": (1, 2, 2)}, (1, 3, 4, 4, 2), (1, 1, 2, 2, 2)),
]


@pytest.mark.parametrize("cls,kwargs,in_shape,out_shape", HARNESS)
def test_harness(cls, kwargs, in_shape, out_shape):
    run_layer_test(
        cls,
        kwargs,
        input_shape=in_shape,
        expected_output_shape=out_shape,
        expected_output_dtype="float32",
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
    )


def test_max_pooling1d_against_numpy():
    run_layer_test(
        layers.MaxPooling1D,
        {"pool_size": 3, "strides": 2},
        input_shape=(2, 7, 3),
        reference=lambda x, w: np.stack([x[:, i : i + 3].max(1) for i in (0, 2, 4)], 1),
    )


def test_average_pooling2d_same_counts_only_real_positions():
    x = np.arange(9, dtype="float32").reshape(1, 3, 3, 1)
    out = layers.AveragePooling2D(2, padding="same")(x)
    expected = np.array([[2.0, 3.5], [6.5, 8.0]]).reshape(1, 2, 2, 1)
    np.testing.assert_allclose(backend.convert_to_numpy(out), expected, rtol=1e-6)


def test_global_average_pooling1d_mask():
    x = np.arange(12, dtype="float32").reshape(2, 3, 2)
    mask = np.array([[True, False, True], [False, True, True]])

    def reference(inputs, w):
        m = mask[..., None].astype("float32")
        return (inputs * m).sum(1) / m.sum(1)

    run_layer_test(
        layers.GlobalAveragePooling1D,
        {},
        input_data=x,
        input_mask=mask,
        supports_masking=True,
    )
    out = layers.GlobalAveragePooling1D()(x, mask=mask)
    np.testing.assert_allclose(backend.convert_to_numpy(out), reference(x, None), rtol=1e-6)


def test_global_average_pooling1d_takes_the_embedding_mask():
    tokens = np.array([[3, 1, 0, 0], [2, 0, 0, 0]], "int32")
    emb = layers.Embedding(5, 2, mask_zero=True)
    pooled = layers.GlobalAveragePooling1D()
    vectors = emb(tokens)
    mask = backend.convert_to_numpy(emb.compute_mask(tokens, None))
    out = backend.convert_to_numpy(pooled(vectors, mask=emb.compute_mask(tokens, None)))
    table = emb.get_weights()[0]
    expected = np.stack([(table[3] + table[1]) / 2, table[2]])
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    assert mask.tolist() == [[True, True, False, False], [True, False, False, False]]


def test_global_pooling_in_a_functional_model_with_mask():
    from keras_core import Input, Model

    tokens = Input((4,), dtype="int32")
    x = layers.Embedding(5, 2, mask_zero=True)(tokens)
    out = layers.GlobalAveragePooling1D()(x)
    model = Model(tokens, out)
    data = np.array([[3, 1, 0, 0]], "int32")
    table = model.layers[1].get_weights()[0]
    np.testing.assert_allclose(
        backend.convert_to_numpy(model(data)), [(table[3] + table[1]) / 2], rtol=1e-6
    )


def test_aliases():
    assert layers.MaxPool1D is layers.MaxPooling1D
    assert layers.MaxPool2D is layers.MaxPooling2D
    assert layers.MaxPool3D is layers.MaxPooling3D
    assert layers.AvgPool1D is layers.AveragePooling1D
    assert layers.AvgPool2D is layers.AveragePooling2D
    assert layers.AvgPool3D is layers.AveragePooling3D
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    assert layers.GlobalMaxPool2D is layers.GlobalMaxPooling2D
    assert layers.GlobalMaxPool3D is layers.GlobalMaxPooling3D
    assert layers.GlobalAvgPool1D is layers.GlobalAveragePooling1D
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
    assert layers.GlobalAvgPool3D is layers.GlobalAveragePooling3D


def test_defaults_and_config():
    assert layers.MaxPooling2D().pool_size == (2, 2)
    assert layers.MaxPooling3D().strides == (2, 2, 2)
    config = layers.AveragePooling1D(3).get_config()
    assert (config["pool_size"], config["strides"], config["padding"]) == ([3], [3], "valid")
    assert layers.AdaptiveMaxPooling2D(3).get_config()["output_size"] == [3, 3]
    with pytest.raises(TypeError):
        layers.AveragePooling2D()  # pool_size is required, as in Keras


@pytest.mark.parametrize(
    "cls,in_shape,expected",
    [
        (lambda: layers.MaxPooling2D(3, strides=2), (None, 7, 8, 3), (None, 3, 3, 3)),
        (lambda: layers.AveragePooling1D(2, padding="same"), (4, None, 3), (4, None, 3)),
        (lambda: layers.GlobalMaxPooling2D(keepdims=True), (None, 5, 5, 2), (None, 1, 1, 2)),
        (
            lambda: layers.AdaptiveAveragePooling2D(3, data_format="channels_first"),
            (None, 2, 9, 9),
            (None, 2, 3, 3),
        ),
    ],
)
def test_compute_output_shape(cls, in_shape, expected):
    assert cls().compute_output_shape(in_shape) == expected


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda: layers.MaxPooling1D(0), "`pool_size` must be > 0"),
        (lambda: layers.MaxPooling2D((2, 2, 2)), "`pool_size` must be an int or a tuple of 2"),
        (lambda: layers.AveragePooling1D(2, strides=0), "`strides` must be > 0"),
        (lambda: layers.MaxPooling1D(padding="causal"), "`padding` must be one of"),
        (lambda: layers.GlobalAveragePooling2D(data_format="nchw"), "`data_format` must be"),
        (lambda: layers.GlobalMaxPooling1D(keepdims="yes"), "`keepdims` must be a bool"),
        (lambda: layers.AdaptiveAveragePooling2D(0), "`output_size` must be > 0"),
    ],
)
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_input_rank():
    with pytest.raises(ValueError):
        layers.MaxPooling2D()(np.zeros((2, 4, 3), "float32"))


def test_docstring_examples():
    from keras_core.layers.pooling import pooling
    from keras_core.testing.doctests import check_docstring_examples

    assert check_docstring_examples(pooling) > 0
