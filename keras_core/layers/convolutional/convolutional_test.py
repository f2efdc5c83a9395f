"""Convolution layers: harness checks, NumPy references, Keras 3 goldens, errors."""

import numpy as np
import pytest

from keras_core import backend, layers, ops
from keras_core.testing import run_layer_test
from keras_core.testing.golden import case_names, check_golden


@pytest.mark.parametrize("name", case_names("convolution", source="keras3"))
def test_golden(name):
    check_golden(name, atol=1e-5, rtol=1e-5, source="keras3")


def np_conv1d(x, k, stride=1, dilation=1):
    """Valid 1D convolution, channels last; k: (width, in, out)."""
    width = (k.shape[0] - 1) * dilation + 1
    steps = (x.shape[1] - width) // stride + 1
    out = np.zeros((x.shape[0], steps, k.shape[-1]))
    for t in range(steps):
        window = x[:, t * stride : t * stride + width : dilation]
        out[:, t] = np.einsum("bwi,wio->bo", window, k)
    return out


HARNESS = [
    # cls, kwargs, input shape, output shape, trainable weights
    (layers.Conv1D, {"filters": 3, "kernel_size": 2}, (2, 5, 2), (2, 4, 3), 2),
    (layers.Conv1D, {"filters": 2, "kernel_size": 3, "padding": "causal"}, (2, 5, 2), (2, 5, 2), 2),
    (
        layers.Conv2D,
        {"filters": 2, "kernel_size": 3, "padding": "same"},
        (2, 4, 4, 2),
        (2, 4, 4, 2),
        2,
    ),
    (
        layers.Conv3D,
        {"filters": 2, "kernel_size": 2, "data_format": "channels_first", "use_bias": False},
        (1, 2, 3, 3, 3),
        (1, 2, 2, 2, 2),
        1,
    ),
    (
        layers.Conv1DTranspose,
        {"filters": 2, "kernel_size": 3, "strides": 2},
        (2, 3, 2),
        (2, 7, 2),
        2,
    ),
    (
        layers.Conv2DTranspose,
        {"filters": 2, "kernel_size": 2, "strides": 2, "padding": "same"},
        (1, 3, 3, 2),
        (1, 6, 6, 2),
        2,
    ),
    (
        layers.Conv3DTranspose,
        {"filters": 1, "kernel_size": 2, "output_padding": 0},
        (1, 2, 2, 2, 2),
        (1, 3, 3, 3, 1),
        2,
    ),
    (layers.DepthwiseConv1D, {"kernel_size": 2, "depth_multiplier": 2}, (2, 4, 3), (2, 3, 6), 2),
    (layers.DepthwiseConv2D, {"kernel_size": 2}, (1, 3, 3, 2), (1, 2, 2, 2), 2),
    (layers.SeparableConv1D, {"filters": 3, "kernel_size": 2}, (2, 4, 2), (2, 3, 3), 3),
    (
        layers.SeparableConv2D,
        {"filters": 3, "kernel_size": 2, "padding": "same"},
        (1, 3, 3, 2),
        (1, 3, 3, 3),
        3,
    ),
]


@pytest.mark.parametrize("cls,kwargs,in_shape,out_shape,n_weights", HARNESS)
def test_harness(cls, kwargs, in_shape, out_shape, n_weights):
    run_layer_test(
        cls,
        kwargs,
        input_shape=in_shape,
        expected_output_shape=out_shape,
        expected_output_dtype="float32",
        expected_num_trainable_weights=n_weights,
        expected_num_non_trainable_weights=0,
    )


def test_conv1d_against_numpy():
    def reference(x, w):
        return np_conv1d(x, w[0], stride=2) + w[1]

    run_layer_test(
        layers.Conv1D,
        {"filters": 3, "kernel_size": 3, "strides": 2, "bias_initializer": "ones"},
        input_shape=(2, 9, 2),
        expected_output_shape=(2, 4, 3),
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_conv1d_causal_against_numpy():
    def reference(x, w):
        padded = np.pad(x, ((0, 0), (4, 0), (0, 0)))
        return np_conv1d(padded, w[0], dilation=2) + w[1]

    run_layer_test(
        layers.Conv1D,
        {"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
        input_shape=(2, 6, 2),
        expected_output_shape=(2, 6, 2),
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_conv1d_groups_against_numpy():
    def reference(x, w):
        k = w[0]  # (2, 2, 4): 2 groups of 2 input channels and 2 filters
        left = np_conv1d(x[..., :2], k[..., :2])
        right = np_conv1d(x[..., 2:], k[..., 2:])
        return np.concatenate([left, right], -1) + w[1]

    run_layer_test(
        layers.Conv1D,
        {"filters": 4, "kernel_size": 2, "groups": 2},
        input_shape=(2, 5, 4),
        expected_output_shape=(2, 4, 4),
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_weight_names_and_shapes():
    x = np.ones((1, 6, 6, 4), "float32")
    conv = layers.Conv2D(6, 3, groups=2)
    conv(x)
    assert [(v.path, tuple(v.shape)) for v in conv.weights] == [
        (f"{conv.name}/kernel", (3, 3, 2, 6)),
        (f"{conv.name}/bias", (6,)),
    ]
    t = layers.Conv2DTranspose(5, 2)
    t(x)
    assert [tuple(v.shape) for v in t.weights] == [(2, 2, 5, 4), (5,)]
    d = layers.DepthwiseConv2D(3, depth_multiplier=2)
    d(x)
    assert [v.path.split("/")[-1] for v in d.weights] == ["kernel", "bias"]
    assert tuple(d.kernel.shape) == (3, 3, 4, 2)
    s = layers.SeparableConv2D(3, 2, depth_multiplier=2)
    s(x)
    assert [(v.path.split("/")[-1], tuple(v.shape)) for v in s.weights] == [
        ("depthwise_kernel", (2, 2, 4, 2)),
        ("pointwise_kernel", (1, 1, 8, 3)),
        ("bias", (3,)),
    ]


@pytest.mark.parametrize(
    "cls,kwargs,in_shape,expected",
    [
        (
            layers.Conv2D,
            {"filters": 2, "kernel_size": 3, "strides": 2},
            (None, 9, 8, 3),
            (None, 4, 3, 2),
        ),
        (
            layers.Conv1D,
            {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "causal"},
            (None, 9, 3),
            (None, 5, 2),
        ),
        (
            layers.Conv2DTranspose,
            {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 1},
            (None, 4, None, 3),
            (None, 10, None, 2),
        ),
        (
            layers.DepthwiseConv2D,
            {"kernel_size": 3, "depth_multiplier": 3, "data_format": "channels_first"},
            (2, 2, 5, 5),
            (2, 6, 3, 3),
        ),
        (
            layers.SeparableConv1D,
            {"filters": 4, "kernel_size": 2, "padding": "same", "strides": 2},
            (2, 7, 3),
            (2, 4, 4),
        ),
    ],
)
def test_compute_output_shape(cls, kwargs, in_shape, expected):
    assert cls(**kwargs).compute_output_shape(in_shape) == expected


def test_aliases():
    assert layers.Convolution1D is layers.Conv1D
    assert layers.Convolution2D is layers.Conv2D
    assert layers.Convolution3D is layers.Conv3D
    assert layers.Convolution1DTranspose is layers.Conv1DTranspose
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose
    assert layers.Convolution3DTranspose is layers.Conv3DTranspose
    assert layers.SeparableConvolution1D is layers.SeparableConv1D
    assert layers.SeparableConvolution2D is layers.SeparableConv2D


def test_config_values_and_defaults():
    config = layers.Conv2D(4, 3).get_config()
    # Saved configs hold lists, as Keras 3 writes them.
    assert config["kernel_size"] == [3, 3]
    assert config["strides"] == [1, 1]
    assert config["dilation_rate"] == [1, 1]
    assert config["padding"] == "valid"
    assert config["groups"] == 1
    assert config["activation"] == "linear"
    assert config["data_format"] == "channels_last"
    t = layers.Conv3DTranspose(2, 3, 2, "same", "channels_first", 1)
    assert (t.data_format, t.output_padding) == ("channels_first", (1, 1, 1))
    assert layers.Conv1DTranspose(2, 3).get_config()["output_padding"] is None
    revived = layers.SeparableConv1D.from_config(
        layers.SeparableConv1D(3, 2, depth_multiplier=2, activation="relu").get_config()
    )
    assert (revived.filters, revived.depth_multiplier, revived.kernel_size) == (3, 2, (2,))


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda: layers.Conv2D(0, 3), "`filters` must be a positive int. Received: filters=0"),
        (lambda: layers.Conv2D(4, (3, 3, 3)), "`kernel_size` must be an int or a tuple of 2"),
        (lambda: layers.Conv2D(4, 0), "`kernel_size` must be > 0"),
        (lambda: layers.Conv1D(4, 3, groups=3), "`filters` must be a multiple of `groups`"),
        (lambda: layers.Conv2D(4, 3, padding="causal"), "`padding` must be one of"),
        (lambda: layers.Conv1D(4, 3, padding="full"), "Received: padding='full'"),
        (lambda: layers.Conv2D(4, 3, strides=2, dilation_rate=2), "cannot be combined"),
        (lambda: layers.Conv2D(4, 3, data_format="NHWC"), "`data_format` must be"),
        (
            lambda: layers.Conv2DTranspose(4, 3, strides=2, output_padding=2),
            "`output_padding` must be smaller than `strides`",
        ),
        (lambda: layers.DepthwiseConv2D(3, depth_multiplier=0), "`depth_multiplier`"),
        (lambda: layers.SeparableConv1D(2, 3, padding="causal"), "`padding` must be one of"),
    ],
)
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_inputs():
    with pytest.raises(ValueError, match="multiple of `groups`"):
        layers.Conv2D(4, 3, groups=2)(np.zeros((1, 5, 5, 3), "float32"))
    with pytest.raises(ValueError, match="too small for the window"):
        layers.Conv2D(4, 3)(np.zeros((1, 2, 5, 3), "float32"))
    with pytest.raises(
        ValueError, match=r'layer "conv".*expected ndim=4.*Full shape received: \(1, 5, 3\)'
    ):
        layers.Conv2D(4, 3, name="conv")(np.zeros((1, 5, 3), "float32"))
    conv = layers.Conv1D(2, 2)
    conv(np.zeros((1, 4, 3), "float32"))
    with pytest.raises(ValueError):
        conv(np.zeros((1, 4, 5), "float32"))


def test_docstring_examples():
    from keras_core.layers.convolutional import (
        base_conv,
        conv_transpose,
        conv_utils,
        depthwise_separable,
    )
    from keras_core.testing import doctests, golden
    from keras_core.testing.doctests import check_docstring_examples

    modules = (base_conv, conv_transpose, depthwise_separable, conv_utils, golden, doctests)
    assert check_docstring_examples(*modules) > 0


@pytest.mark.skipif(backend.backend() == "numpy", reason="the numpy backend computes no gradients")
@pytest.mark.parametrize(
    "cls,kwargs",
    [
        (layers.Conv3D, {"filters": 2, "kernel_size": 2, "dilation_rate": (2, 1, 1)}),
        (layers.Conv3D, {"filters": 2, "kernel_size": 2, "strides": (2, 1, 2), "padding": "same"}),
        (layers.Conv3DTranspose, {"filters": 2, "kernel_size": 2, "strides": 2}),
    ],
    ids=["conv3d-dilated", "conv3d-strided-same", "conv3d-transpose"],
)
def test_3d_gradients_match_finite_differences(cls, kwargs):
    # Every backend's gradient of mean(y**2) against central differences of the float64
    # loss (quadratic in the weights, so the differences are exact up to rounding); the
    # harness's loss squares a float32 copy of y, hence the float32 tolerance.
    from keras_core.testing.layer_harness import loss_and_grads

    x = np.random.default_rng(3).uniform(-1, 1, (1, 4, 3, 3, 2))
    layer = cls(dtype="float64", bias_initializer="glorot_uniform", **kwargs)
    layer.build(x.shape)
    _, grads = loss_and_grads(layer, x, {})
    eps = 1e-4
    for var, grad in zip(layer.trainable_variables, grads):
        value = np.array(var.numpy())  # a copy: torch hands out a view of the weight
        numeric = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            losses = []
            for sign in (1, -1):
                shifted = value.copy()
                shifted[i] += sign * eps
                var.assign(shifted)
                losses.append(float(np.mean(ops.convert_to_numpy(layer(x)) ** 2)))
            numeric[i] = (losses[0] - losses[1]) / (2 * eps)
        var.assign(value)
        assert grad.dtype == np.float64
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7, err_msg=var.path)
