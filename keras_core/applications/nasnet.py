"""NASNet-A Mobile and Large (Zoph et al., "Learning Transferable Architectures for
Scalable Image Recognition", CVPR 2018).

The network repeats two searched cells: a "normal" cell that keeps the spatial size
and a "reduction" cell that halves it. Each cell combines the two previous cells'
outputs through pairs of separable convolutions and poolings. Inputs are scaled to
[-1, 1] by ``preprocess_input`` (mode "tf").
"""

from __future__ import annotations

from typing import Any

from keras_core import layers
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._a2_utils import channel_axis, correct_pad
from keras_core.models import Model

WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/nasnet/"

_BN = dict(momentum=0.9997, epsilon=1e-3)


def _bn(x, name=None):
    return layers.BatchNormalization(axis=channel_axis(), name=name, **_BN)(x)


def _conv1x1(x, filters, name):
    return layers.Conv2D(
        filters, 1, padding="same", use_bias=False, kernel_initializer="he_normal", name=name
    )(x)


def separable_conv_block(
    x: Any, filters: int, kernel_size: int = 3, strides: int = 1, block_id: str = ""
) -> Any:
    """ReLU, separable conv (strided ones padded like TensorFlow's "same"), BN, ReLU,
    separable conv, BN."""
    x = layers.Activation("relu")(x)
    if strides == 2:
        x = layers.ZeroPadding2D(
            correct_pad(x, kernel_size), name=f"separable_conv_1_pad_{block_id}"
        )(x)
        padding = "valid"
    else:
        padding = "same"
    x = layers.SeparableConv2D(
        filters,
        kernel_size,
        strides=strides,
        padding=padding,
        use_bias=False,
        depthwise_initializer="he_normal",
        pointwise_initializer="he_normal",
        name=f"separable_conv_1_{block_id}",
    )(x)
    x = _bn(x, f"separable_conv_1_bn_{block_id}")
    x = layers.Activation("relu")(x)
    x = layers.SeparableConv2D(
        filters,
        kernel_size,
        padding="same",
        use_bias=False,
        depthwise_initializer="he_normal",
        pointwise_initializer="he_normal",
        name=f"separable_conv_2_{block_id}",
    )(x)
    return _bn(x, f"separable_conv_2_bn_{block_id}")


def adjust_block(p: Any, ip: Any, filters: int, block_id: str) -> Any:
    """Brings the previous-previous cell output ``p`` to the spatial size and channel
    count of ``ip`` (factorized reduction, or a 1x1 projection)."""
    axis = channel_axis()
    spatial = 2 if axis == 1 else 1
    if p is None:
        return ip
    if p.shape[spatial] != ip.shape[spatial]:
        p = layers.Activation("relu", name=f"adjust_relu_1_{block_id}")(p)
        p1 = layers.AveragePooling2D(1, strides=2, name=f"adjust_avg_pool_1_{block_id}")(p)
        p1 = _conv1x1(p1, filters // 2, f"adjust_conv_1_{block_id}")
        # Second path shifted by one pixel, so the two paths see complementary pixels.
        p2 = layers.ZeroPadding2D(((0, 1), (0, 1)))(p)
        p2 = layers.Cropping2D(((1, 0), (1, 0)))(p2)
        p2 = layers.AveragePooling2D(1, strides=2, name=f"adjust_avg_pool_2_{block_id}")(p2)
        p2 = _conv1x1(p2, filters // 2, f"adjust_conv_2_{block_id}")
        p = layers.Concatenate(axis=axis)([p1, p2])
        return _bn(p, f"adjust_bn_{block_id}")
    if p.shape[axis] != filters:
        p = layers.Activation("relu")(p)
        p = _conv1x1(p, filters, f"adjust_conv_projection_{block_id}")
        return _bn(p, f"adjust_bn_{block_id}")
    return p


def normal_a_cell(ip: Any, p: Any, filters: int, block_id: str) -> tuple:
    """NASNet-A normal cell; returns ``(output, ip)`` (the next cell's two inputs)."""
    p = adjust_block(p, ip, filters, block_id)
    h = layers.Activation("relu")(ip)
    h = _conv1x1(h, filters, f"normal_conv_1_{block_id}")
    h = _bn(h, f"normal_bn_1_{block_id}")

    x1 = layers.Add(name=f"normal_add_1_{block_id}")(
        [
            separable_conv_block(h, filters, 5, block_id=f"normal_left1_{block_id}"),
            separable_conv_block(p, filters, block_id=f"normal_right1_{block_id}"),
        ]
    )
    x2 = layers.Add(name=f"normal_add_2_{block_id}")(
        [
            separable_conv_block(p, filters, 5, block_id=f"normal_left2_{block_id}"),
            separable_conv_block(p, filters, 3, block_id=f"normal_right2_{block_id}"),
        ]
    )
    x3 = layers.AveragePooling2D(3, strides=1, padding="same", name=f"normal_left3_{block_id}")(h)
    x3 = layers.Add(name=f"normal_add_3_{block_id}")([x3, p])
    x4 = layers.Add(name=f"normal_add_4_{block_id}")(
        [
            layers.AveragePooling2D(3, strides=1, padding="same", name=f"normal_left4_{block_id}")(
                p
            ),
            layers.AveragePooling2D(3, strides=1, padding="same", name=f"normal_right4_{block_id}")(
                p
            ),
        ]
    )
    x5 = separable_conv_block(h, filters, block_id=f"normal_left5_{block_id}")
    x5 = layers.Add(name=f"normal_add_5_{block_id}")([x5, h])
    x = layers.Concatenate(axis=channel_axis(), name=f"normal_concat_{block_id}")(
        [p, x1, x2, x3, x4, x5]
    )
    return x, ip


def reduction_a_cell(ip: Any, p: Any, filters: int, block_id: str) -> tuple:
    """NASNet-A reduction cell (halves height and width); returns ``(output, ip)``."""
    p = adjust_block(p, ip, filters, block_id)
    h = layers.Activation("relu")(ip)
    h = _conv1x1(h, filters, f"reduction_conv_1_{block_id}")
    h = _bn(h, f"reduction_bn_1_{block_id}")
    h3 = layers.ZeroPadding2D(correct_pad(h, 3), name=f"reduction_pad_1_{block_id}")(h)

    x1 = layers.Add(name=f"reduction_add_1_{block_id}")(
        [
            separable_conv_block(h, filters, 5, 2, block_id=f"reduction_left1_{block_id}"),
            separable_conv_block(p, filters, 7, 2, block_id=f"reduction_right1_{block_id}"),
        ]
    )
    x2 = layers.Add(name=f"reduction_add_2_{block_id}")(
        [
            layers.MaxPooling2D(3, strides=2, name=f"reduction_left2_{block_id}")(h3),
            separable_conv_block(p, filters, 7, 2, block_id=f"reduction_right2_{block_id}"),
        ]
    )
    x3 = layers.Add(name=f"reduction_add3_{block_id}")(
        [
            layers.AveragePooling2D(3, strides=2, name=f"reduction_left3_{block_id}")(h3),
            separable_conv_block(p, filters, 5, 2, block_id=f"reduction_right3_{block_id}"),
        ]
    )
    x4 = layers.AveragePooling2D(3, strides=1, padding="same", name=f"reduction_left4_{block_id}")(
        x1
    )
    x4 = layers.Add()([x2, x4])
    x5 = layers.Add(name=f"reduction_add4_{block_id}")(
        [
            separable_conv_block(x1, filters, 3, block_id=f"reduction_left4_{block_id}"),
            layers.MaxPooling2D(3, strides=2, name=f"reduction_right5_{block_id}")(h3),
        ]
    )
    x = layers.Concatenate(axis=channel_axis(), name=f"reduction_concat_{block_id}")(
        [x2, x3, x4, x5]
    )
    return x, ip


def NASNet(
    input_shape: Any = None,
    penultimate_filters: int = 4032,
    num_blocks: int = 6,
    stem_block_filters: int = 96,
    skip_reduction: bool = True,
    filter_multiplier: int = 2,
    include_top: bool = True,
    weights: Any = None,
    input_tensor: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    default_size: int = 331,
    classifier_activation: Any = "softmax",
    model_name: str = "NASNet",
    weights_files: tuple = ("", ""),
) -> Model:
    """Builds a NASNet-A network (see ``NASNetMobile``/``NASNetLarge``).

    ``penultimate_filters`` (the channels before the top) must be a multiple of 24,
    since the last cells concatenate 6 branches of ``penultimate_filters // 24 * 4``.
    """
    if not isinstance(penultimate_filters, int) or penultimate_filters % 24 != 0:
        raise ValueError(
            "`penultimate_filters` must be a multiple of 24. "
            f"Received: penultimate_filters={penultimate_filters!r}"
        )
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(input_shape, default_size, 32, None, include_top, weights)
    inputs, x = _common.model_input(input_tensor, shape)

    filters = penultimate_filters // 24
    x = layers.Conv2D(
        stem_block_filters,
        3,
        strides=2,
        padding="valid",
        use_bias=False,
        kernel_initializer="he_normal",
        name="stem_conv1",
    )(x)
    x = _bn(x, "stem_bn1")

    p = None
    x, p = reduction_a_cell(x, p, filters // filter_multiplier**2, block_id="stem_1")
    x, p = reduction_a_cell(x, p, filters // filter_multiplier, block_id="stem_2")
    for i in range(num_blocks):
        x, p = normal_a_cell(x, p, filters, block_id=f"{i}")
    x, p0 = reduction_a_cell(x, p, filters * filter_multiplier, block_id=f"reduce_{num_blocks}")
    p = p if skip_reduction else p0
    for i in range(num_blocks):
        x, p = normal_a_cell(x, p, filters * filter_multiplier, block_id=f"{num_blocks + i + 1}")
    x, p0 = reduction_a_cell(
        x, p, filters * filter_multiplier**2, block_id=f"reduce_{2 * num_blocks}"
    )
    p = p if skip_reduction else p0
    for i in range(num_blocks):
        x, p = normal_a_cell(
            x, p, filters * filter_multiplier**2, block_id=f"{2 * num_blocks + i + 1}"
        )
    x = layers.Activation("relu")(x)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)

    model = Model(inputs, x, name=model_name)
    if weights is not None:
        file_name = weights_files[0] if include_top else weights_files[1]
        _common.load_weights_arg(model, weights, file_name, WEIGHTS_URL + file_name, None)
    return model


def NASNetMobile(
    input_shape: Any = None,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Instantiates NASNet-A Mobile (4 @ 1056; default input 224x224x3).

    Args:
        input_shape: optional ``(height, width, channels)`` (channels first when the
            image data format is ``"channels_first"``); sides at least 32.
        include_top: whether to add the classifier (global average pooling,
            ``Dense(classes)``).
        weights: None (random initialisation), ``"imagenet"`` or the path of a weights file.
        input_tensor: optional symbolic tensor to build the model on.
        pooling: without the top, None (4D features), ``"avg"`` or ``"max"``.
        classes: number of classes of the top.
        classifier_activation: activation of the top's ``Dense`` layer.

    Returns:
        A functional ``Model``; feed it images scaled by ``preprocess_input``.
    """
    return NASNet(
        input_shape,
        penultimate_filters=1056,
        num_blocks=4,
        stem_block_filters=32,
        skip_reduction=False,
        filter_multiplier=2,
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        pooling=pooling,
        classes=classes,
        default_size=224,
        classifier_activation=classifier_activation,
        model_name="NASNet",
        weights_files=("NASNet-mobile.h5", "NASNet-mobile-no-top.h5"),
    )


def NASNetLarge(
    input_shape: Any = None,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Instantiates NASNet-A Large (6 @ 4032; default input 331x331x3).

    Args:
        input_shape: optional ``(height, width, channels)`` (channels first when the
            image data format is ``"channels_first"``); sides at least 32.
        include_top: whether to add the classifier (global average pooling,
            ``Dense(classes)``).
        weights: None (random initialisation), ``"imagenet"`` or the path of a weights file.
        input_tensor: optional symbolic tensor to build the model on.
        pooling: without the top, None (4D features), ``"avg"`` or ``"max"``.
        classes: number of classes of the top.
        classifier_activation: activation of the top's ``Dense`` layer.

    Returns:
        A functional ``Model``; feed it images scaled by ``preprocess_input``.
    """
    return NASNet(
        input_shape,
        penultimate_filters=4032,
        num_blocks=6,
        stem_block_filters=96,
        skip_reduction=True,
        filter_multiplier=2,
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        pooling=pooling,
        classes=classes,
        default_size=331,
        classifier_activation=classifier_activation,
        model_name="NASNet",
        weights_files=("NASNet-large.h5", "NASNet-large-no-top.h5"),
    )


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Scales pixels from [0, 255] to [-1, 1] (``imagenet_utils`` mode ``"tf"``).

    Args:
        x: images (NumPy array or tensor) with values in [0, 255].
        data_format: ``"channels_last"`` or ``"channels_first"`` (global default when None).

    Returns:
        The scaled images (a new array for NumPy input).

    Example:
    >>> import numpy as np
    >>> preprocess_input(np.array([[[[0.0, 127.5, 255.0]]]])).tolist()
    [[[[-1.0, 0.0, 1.0]]]]
    """
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions (see ``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
