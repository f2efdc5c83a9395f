"""EfficientNetV2 B0..B3, S, M and L (Tan & Le, "EfficientNetV2: Smaller Models and
Faster Training", ICML 2021).

Early stages use Fused-MBConv blocks (one regular 3x3 convolution in place of the
1x1 expansion plus depthwise pair); later stages use MBConv blocks with
squeeze-and-excitation. With ``include_preprocessing=True`` (the default) the models
take pixels in [0, 255]; ``preprocess_input`` is the identity.
"""

from __future__ import annotations

import math
from typing import Any

from keras_core import initializers, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._a2_utils import (
    IMAGENET_MEAN_RGB,
    IMAGENET_STDDEV_RGB,
    channel_axis,
    identity_preprocess,
)
from keras_core.models import Model

WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/efficientnet_v2/"


def _stage(kernel, repeats, filters_in, filters_out, expand, se, strides, fused):
    return dict(
        kernel_size=kernel,
        repeats=repeats,
        filters_in=filters_in,
        filters_out=filters_out,
        expand_ratio=expand,
        se_ratio=se,
        strides=strides,
        fused=fused,
    )


# Stage tables of the paper (Table 4 for S; M and L from the released configurations;
# the B models share one base table scaled by their coefficients).
STAGES = {
    "b": (
        _stage(3, 1, 32, 16, 1, 0, 1, True),
        _stage(3, 2, 16, 32, 4, 0, 2, True),
        _stage(3, 2, 32, 48, 4, 0, 2, True),
        _stage(3, 3, 48, 96, 4, 0.25, 2, False),
        _stage(3, 5, 96, 112, 6, 0.25, 1, False),
        _stage(3, 8, 112, 192, 6, 0.25, 2, False),
    ),
    "s": (
        _stage(3, 2, 24, 24, 1, 0, 1, True),
        _stage(3, 4, 24, 48, 4, 0, 2, True),
        _stage(3, 4, 48, 64, 4, 0, 2, True),
        _stage(3, 6, 64, 128, 4, 0.25, 2, False),
        _stage(3, 9, 128, 160, 6, 0.25, 1, False),
        _stage(3, 15, 160, 256, 6, 0.25, 2, False),
    ),
    "m": (
        _stage(3, 3, 24, 24, 1, 0, 1, True),
        _stage(3, 5, 24, 48, 4, 0, 2, True),
        _stage(3, 5, 48, 80, 4, 0, 2, True),
        _stage(3, 7, 80, 160, 4, 0.25, 2, False),
        _stage(3, 14, 160, 176, 6, 0.25, 1, False),
        _stage(3, 18, 176, 304, 6, 0.25, 2, False),
        _stage(3, 5, 304, 512, 6, 0.25, 1, False),
    ),
    "l": (
        _stage(3, 4, 32, 32, 1, 0, 1, True),
        _stage(3, 7, 32, 64, 4, 0, 2, True),
        _stage(3, 7, 64, 96, 4, 0, 2, True),
        _stage(3, 10, 96, 192, 4, 0.25, 2, False),
        _stage(3, 19, 192, 224, 6, 0.25, 1, False),
        _stage(3, 25, 224, 384, 6, 0.25, 2, False),
        _stage(3, 7, 384, 640, 6, 0.25, 1, False),
    ),
}

# name: (stage table, width coefficient, depth coefficient, default size, dropout)
VARIANTS = {
    "b0": ("b", 1.0, 1.0, 224, 0.2),
    "b1": ("b", 1.0, 1.1, 240, 0.2),
    "b2": ("b", 1.1, 1.2, 260, 0.3),
    "b3": ("b", 1.2, 1.4, 300, 0.3),
    "s": ("s", 1.0, 1.0, 384, 0.2),
    "m": ("m", 1.0, 1.0, 480, 0.2),
    "l": ("l", 1.0, 1.0, 480, 0.2),
}


def _conv_init():
    return initializers.VarianceScaling(scale=2.0, mode="fan_out", distribution="truncated_normal")


def _dense_init():
    return initializers.VarianceScaling(scale=1.0 / 3.0, mode="fan_out", distribution="uniform")


def round_filters(filters: float, width_coefficient: float, divisor: int = 8) -> int:
    """Scales a channel count by the width coefficient to the nearest multiple of
    ``divisor`` (at least ``divisor``)."""
    scaled = filters * width_coefficient
    return int(max(divisor, int(scaled + divisor / 2) // divisor * divisor))


def round_repeats(repeats: int, depth_coefficient: float) -> int:
    """Scales a stage's number of blocks by the depth coefficient (rounded up)."""
    return int(math.ceil(depth_coefficient * repeats))


def _conv_bn(x, filters, kernel_size, strides, activation, momentum, conv_name, bn_name, act_name):
    x = layers.Conv2D(
        filters,
        kernel_size,
        strides=strides,
        padding="same",
        use_bias=False,
        kernel_initializer=_conv_init(),
        name=conv_name,
    )(x)
    x = layers.BatchNormalization(axis=channel_axis(), momentum=momentum, name=bn_name)(x)
    if act_name is not None:
        x = layers.Activation(activation, name=act_name)(x)
    return x


def _squeeze_excite(x, filters, filters_in, se_ratio, activation, name):
    squeezed = max(1, int(filters_in * se_ratio))
    se = layers.GlobalAveragePooling2D(name=name + "se_squeeze")(x)
    se_shape = (filters, 1, 1) if channel_axis() == 1 else (1, 1, filters)
    se = layers.Reshape(se_shape, name=name + "se_reshape")(se)
    se = layers.Conv2D(
        squeezed,
        1,
        padding="same",
        activation=activation,
        kernel_initializer=_conv_init(),
        name=name + "se_reduce",
    )(se)
    se = layers.Conv2D(
        filters,
        1,
        padding="same",
        activation="sigmoid",
        kernel_initializer=_conv_init(),
        name=name + "se_expand",
    )(se)
    return layers.Multiply(name=name + "se_excite")([x, se])


def _residual(x, inputs, strides, filters_in, filters_out, drop_rate, name):
    if strides == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
        x = layers.Add(name=name + "add")([x, inputs])
    return x


def mbconv_block(
    x,
    filters_in,
    filters_out,
    kernel_size,
    strides,
    expand_ratio,
    se_ratio,
    drop_rate,
    activation,
    momentum,
    name,
):
    """1x1 expansion, depthwise conv, squeeze-and-excitation, 1x1 projection, residual."""
    inputs = x
    filters = filters_in * expand_ratio
    if expand_ratio != 1:
        x = _conv_bn(
            x,
            filters,
            1,
            1,
            activation,
            momentum,
            name + "expand_conv",
            name + "expand_bn",
            name + "expand_activation",
        )
    x = layers.DepthwiseConv2D(
        kernel_size,
        strides=strides,
        padding="same",
        use_bias=False,
        depthwise_initializer=_conv_init(),
        name=name + "dwconv2",
    )(x)
    x = layers.BatchNormalization(axis=channel_axis(), momentum=momentum, name=name + "bn")(x)
    x = layers.Activation(activation, name=name + "activation")(x)
    if 0 < se_ratio <= 1:
        x = _squeeze_excite(x, filters, filters_in, se_ratio, activation, name)
    x = _conv_bn(
        x, filters_out, 1, 1, activation, momentum, name + "project_conv", name + "project_bn", None
    )
    return _residual(x, inputs, strides, filters_in, filters_out, drop_rate, name)


def fused_mbconv_block(
    x,
    filters_in,
    filters_out,
    kernel_size,
    strides,
    expand_ratio,
    se_ratio,
    drop_rate,
    activation,
    momentum,
    name,
):
    """A regular kxk expansion conv (or, with ratio 1, one kxk conv), optional
    squeeze-and-excitation, 1x1 projection, residual."""
    inputs = x
    filters = filters_in * expand_ratio
    if expand_ratio != 1:
        x = _conv_bn(
            x,
            filters,
            kernel_size,
            strides,
            activation,
            momentum,
            name + "expand_conv",
            name + "expand_bn",
            name + "expand_activation",
        )
    if 0 < se_ratio <= 1:
        x = _squeeze_excite(x, filters, filters_in, se_ratio, activation, name)
    if expand_ratio != 1:
        x = _conv_bn(
            x,
            filters_out,
            1,
            1,
            activation,
            momentum,
            name + "project_conv",
            name + "project_bn",
            None,
        )
    else:
        x = _conv_bn(
            x,
            filters_out,
            kernel_size,
            strides,
            activation,
            momentum,
            name + "project_conv",
            name + "project_bn",
            name + "project_activation",
        )
    return _residual(x, inputs, strides, filters_in, filters_out, drop_rate, name)


def EfficientNetV2(
    width_coefficient: float,
    depth_coefficient: float,
    default_size: int,
    dropout_rate: float = 0.2,
    drop_connect_rate: float = 0.2,
    depth_divisor: int = 8,
    activation: str = "swish",
    stages: str = "b",
    model_name: str = "efficientnetv2",
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    """Builds an EfficientNetV2 from a stage table and scaling coefficients."""
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(input_shape, default_size, 32, None, include_top, weights)
    inputs, x = _common.model_input(input_tensor, shape)
    axis = channel_axis()
    momentum = 0.9

    if include_preprocessing:
        channels = x.shape[axis]
        if stages == "b" and channels == 3:
            x = layers.Rescaling(1.0 / 255.0, name="rescaling")(x)
            x = layers.Normalization(
                axis=axis,
                mean=list(IMAGENET_MEAN_RGB),
                variance=[s**2 for s in IMAGENET_STDDEV_RGB],
                name="normalization",
            )(x)
        else:
            x = layers.Rescaling(1.0 / 128.0, offset=-1.0, name="rescaling")(x)

    table = STAGES[stages]
    x = _conv_bn(
        x,
        round_filters(table[0]["filters_in"], width_coefficient, depth_divisor),
        3,
        2,
        activation,
        momentum,
        "stem_conv",
        "stem_bn",
        "stem_activation",
    )

    total = float(sum(s["repeats"] for s in table))
    index = 0
    for stage, spec in enumerate(table):
        filters_in = round_filters(spec["filters_in"], width_coefficient, depth_divisor)
        filters_out = round_filters(spec["filters_out"], width_coefficient, depth_divisor)
        strides = spec["strides"]
        block = fused_mbconv_block if spec["fused"] else mbconv_block
        for j in range(round_repeats(spec["repeats"], depth_coefficient)):
            if j > 0:
                strides = 1
                filters_in = filters_out
            x = block(
                x,
                filters_in=filters_in,
                filters_out=filters_out,
                kernel_size=spec["kernel_size"],
                strides=strides,
                expand_ratio=spec["expand_ratio"],
                se_ratio=spec["se_ratio"],
                drop_rate=drop_connect_rate * index / total,
                activation=activation,
                momentum=momentum,
                name=f"block{stage + 1}{chr(ord('a') + j)}_",
            )
            index += 1

    x = _conv_bn(
        x,
        round_filters(1280, width_coefficient, depth_divisor),
        1,
        1,
        activation,
        momentum,
        "top_conv",
        "top_bn",
        "top_activation",
    )
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        x = layers.Dense(
            classes,
            activation=classifier_activation,
            kernel_initializer=_dense_init(),
            bias_initializer="zeros",
            name="predictions",
        )(x)
    else:
        x = _common.classifier_head(x, False, pooling, classes, classifier_activation)

    model = Model(inputs, x, name=model_name)
    if weights is not None:
        file_name = f"{model_name}.h5" if include_top else f"{model_name}_notop.h5"
        _common.load_weights_arg(model, weights, file_name, WEIGHTS_URL + file_name, None)
    return model


def _variant(
    key,
    include_top,
    weights,
    input_tensor,
    input_shape,
    pooling,
    classes,
    classifier_activation,
    include_preprocessing,
):
    stages, width, depth, size, dropout = VARIANTS[key]
    return EfficientNetV2(
        width,
        depth,
        size,
        dropout,
        stages=stages,
        model_name=f"efficientnetv2-{key}",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        classes=classes,
        classifier_activation=classifier_activation,
        include_preprocessing=include_preprocessing,
    )


_DOC = """Instantiates the EfficientNetV2{v} architecture (default input {size}x{size}x3).

    Args:
        include_top: whether to add the classifier (global average pooling, dropout,
            ``Dense(classes)``).
        weights: None (random initialisation), ``"imagenet"`` or the path of a weights file.
        input_tensor: optional symbolic tensor to build the model on.
        input_shape: optional ``(height, width, channels)`` (channels first when the image
            data format is ``"channels_first"``); sides at least 32.
        pooling: without the top, None (4D features), ``"avg"`` or ``"max"``.
        classes: number of classes of the top.
        classifier_activation: activation of the top's ``Dense`` layer.
        include_preprocessing: whether the model rescales its [0, 255] inputs itself.

    Returns:
        A functional ``Model``.
    """


def EfficientNetV2B0(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "b0",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2B1(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "b1",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2B2(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "b2",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2B3(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "b3",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2S(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "s",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2M(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "m",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


def EfficientNetV2L(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _variant(
        "l",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        include_preprocessing,
    )


for _fn, _key in zip(
    (
        EfficientNetV2B0,
        EfficientNetV2B1,
        EfficientNetV2B2,
        EfficientNetV2B3,
        EfficientNetV2S,
        EfficientNetV2M,
        EfficientNetV2L,
    ),
    VARIANTS,
):
    _fn.__doc__ = _DOC.format(v=_key.upper(), size=VARIANTS[_key][3])
del _fn, _key


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """EfficientNetV2 models rescale inside the network, so this returns ``x`` unchanged.

    Args:
        x: images with pixel values in [0, 255].
        data_format: unused; accepted for API compatibility.

    Returns:
        ``x`` itself.

    Example:
    >>> import numpy as np
    >>> x = np.zeros((1, 2, 2, 3))
    >>> preprocess_input(x) is x
    True
    """
    return identity_preprocess(x, data_format)


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions (see ``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
