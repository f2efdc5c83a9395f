"""EfficientNet B0 to B7 (Tan & Le, "EfficientNet: Rethinking Model Scaling for
Convolutional Neural Networks", ICML 2019).

The B0 network is a stack of mobile inverted bottlenecks (MBConv) with
squeeze-and-excitation; B1..B7 scale its width, depth and input resolution with one
compound coefficient. The models normalise their inputs themselves: feed pixels in
[0, 255]; ``preprocess_input`` is the identity.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from keras_core import initializers, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._a2_utils import (
    IMAGENET_MEAN_RGB,
    IMAGENET_STDDEV_RGB,
    channel_axis,
    correct_pad,
    identity_preprocess,
)
from keras_core.models import Model

WEIGHTS_URL = "https://storage.googleapis.com/keras-applications/"

# Per stage of B0: kernel size, repeats, input/output filters, expansion ratio,
# first stride, squeeze-and-excitation ratio (paper, Table 1).
BASE_STAGES = (
    dict(kernel_size=3, repeats=1, filters_in=32, filters_out=16, expand_ratio=1, strides=1),
    dict(kernel_size=3, repeats=2, filters_in=16, filters_out=24, expand_ratio=6, strides=2),
    dict(kernel_size=5, repeats=2, filters_in=24, filters_out=40, expand_ratio=6, strides=2),
    dict(kernel_size=3, repeats=3, filters_in=40, filters_out=80, expand_ratio=6, strides=2),
    dict(kernel_size=5, repeats=3, filters_in=80, filters_out=112, expand_ratio=6, strides=1),
    dict(kernel_size=5, repeats=4, filters_in=112, filters_out=192, expand_ratio=6, strides=2),
    dict(kernel_size=3, repeats=1, filters_in=192, filters_out=320, expand_ratio=6, strides=1),
)
SE_RATIO = 0.25

# name: (width coefficient, depth coefficient, default resolution, top dropout rate)
VARIANTS = {
    "b0": (1.0, 1.0, 224, 0.2),
    "b1": (1.0, 1.1, 240, 0.2),
    "b2": (1.1, 1.2, 260, 0.3),
    "b3": (1.2, 1.4, 300, 0.3),
    "b4": (1.4, 1.8, 380, 0.4),
    "b5": (1.6, 2.2, 456, 0.4),
    "b6": (1.8, 2.6, 528, 0.5),
    "b7": (2.0, 3.1, 600, 0.5),
}


def _conv_init():
    return initializers.VarianceScaling(scale=2.0, mode="fan_out", distribution="truncated_normal")


def _dense_init():
    return initializers.VarianceScaling(scale=1.0 / 3.0, mode="fan_out", distribution="uniform")


def round_filters(filters: float, width_coefficient: float, divisor: int = 8) -> int:
    """Scales a channel count by the width coefficient, to a multiple of ``divisor``
    that is never more than 10% below the exact scaled value."""
    scaled = filters * width_coefficient
    rounded = max(divisor, int(scaled + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * scaled:
        rounded += divisor
    return int(rounded)


def round_repeats(repeats: int, depth_coefficient: float) -> int:
    """Scales a stage's number of blocks by the depth coefficient (rounded up)."""
    return int(math.ceil(depth_coefficient * repeats))


def mbconv_block(
    x: Any,
    filters_in: int,
    filters_out: int,
    kernel_size: int,
    strides: int,
    expand_ratio: int,
    se_ratio: float,
    drop_rate: float,
    activation: str,
    name: str,
) -> Any:
    """Mobile inverted bottleneck: 1x1 expansion, depthwise conv, squeeze-and-excitation,
    1x1 projection, and a residual connection when shapes allow."""
    axis = channel_axis()
    inputs = x
    filters = filters_in * expand_ratio
    if expand_ratio != 1:
        x = layers.Conv2D(
            filters,
            1,
            padding="same",
            use_bias=False,
            kernel_initializer=_conv_init(),
            name=name + "expand_conv",
        )(x)
        x = layers.BatchNormalization(axis=axis, name=name + "expand_bn")(x)
        x = layers.Activation(activation, name=name + "expand_activation")(x)
    if strides == 2:
        x = layers.ZeroPadding2D(correct_pad(x, kernel_size), name=name + "dwconv_pad")(x)
        padding = "valid"
    else:
        padding = "same"
    x = layers.DepthwiseConv2D(
        kernel_size,
        strides=strides,
        padding=padding,
        use_bias=False,
        depthwise_initializer=_conv_init(),
        name=name + "dwconv",
    )(x)
    x = layers.BatchNormalization(axis=axis, name=name + "bn")(x)
    x = layers.Activation(activation, name=name + "activation")(x)
    if 0 < se_ratio <= 1:
        squeezed = max(1, int(filters_in * se_ratio))
        se = layers.GlobalAveragePooling2D(name=name + "se_squeeze")(x)
        se_shape = (filters, 1, 1) if axis == 1 else (1, 1, filters)
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
        x = layers.Multiply(name=name + "se_excite")([x, se])
    x = layers.Conv2D(
        filters_out,
        1,
        padding="same",
        use_bias=False,
        kernel_initializer=_conv_init(),
        name=name + "project_conv",
    )(x)
    x = layers.BatchNormalization(axis=axis, name=name + "project_bn")(x)
    if strides == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
        x = layers.Add(name=name + "add")([x, inputs])
    return x


def EfficientNet(
    width_coefficient: float,
    depth_coefficient: float,
    default_size: int,
    dropout_rate: float = 0.2,
    drop_connect_rate: float = 0.2,
    depth_divisor: int = 8,
    activation: str = "swish",
    model_name: str = "efficientnet",
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    weights_name: str | None = None,
) -> Model:
    """Builds an EfficientNet from its scaling coefficients (see ``EfficientNetB0``)."""
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(input_shape, default_size, 32, None, include_top, weights)
    inputs, x = _common.model_input(input_tensor, shape)
    axis = channel_axis()

    x = layers.Rescaling(1.0 / 255.0, name="rescaling")(x)
    normalization = layers.Normalization(axis=axis, name="normalization")
    x = normalization(x)
    # Without pretrained weights the statistics start as ImageNet's (per-channel mean
    # and variance of [0, 1] pixels); any other channel count starts as the identity.
    # Weights files (pretrained or local) overwrite them.
    channels = normalization.adapt_mean.shape[0]
    if channels == 3:
        stats = [np.array(IMAGENET_MEAN_RGB), np.square(IMAGENET_STDDEV_RGB)]
    else:
        stats = [np.zeros((channels,)), np.ones((channels,))]
    dtype = normalization.adapt_mean.dtype
    normalization.set_weights([s.astype(dtype) for s in stats] + [np.zeros((), "int32")])
    if weights == "imagenet":
        # The published weights store the ImageNet variance where the standard
        # deviation belongs; this rescaling completes the normalisation.
        x = layers.Rescaling([1.0 / math.sqrt(s) for s in IMAGENET_STDDEV_RGB], name="rescaling_1")(
            x
        )

    x = layers.ZeroPadding2D(correct_pad(x, 3), name="stem_conv_pad")(x)
    x = layers.Conv2D(
        round_filters(32, width_coefficient, depth_divisor),
        3,
        strides=2,
        padding="valid",
        use_bias=False,
        kernel_initializer=_conv_init(),
        name="stem_conv",
    )(x)
    x = layers.BatchNormalization(axis=axis, name="stem_bn")(x)
    x = layers.Activation(activation, name="stem_activation")(x)

    total = float(sum(round_repeats(s["repeats"], depth_coefficient) for s in BASE_STAGES))
    index = 0
    for stage, spec in enumerate(BASE_STAGES):
        filters_in = round_filters(spec["filters_in"], width_coefficient, depth_divisor)
        filters_out = round_filters(spec["filters_out"], width_coefficient, depth_divisor)
        strides = spec["strides"]
        for j in range(round_repeats(spec["repeats"], depth_coefficient)):
            if j > 0:
                strides = 1
                filters_in = filters_out
            x = mbconv_block(
                x,
                filters_in=filters_in,
                filters_out=filters_out,
                kernel_size=spec["kernel_size"],
                strides=strides,
                expand_ratio=spec["expand_ratio"],
                se_ratio=SE_RATIO,
                drop_rate=drop_connect_rate * index / total,
                activation=activation,
                name=f"block{stage + 1}{chr(ord('a') + j)}_",
            )
            index += 1

    x = layers.Conv2D(
        round_filters(1280, width_coefficient, depth_divisor),
        1,
        padding="same",
        use_bias=False,
        kernel_initializer=_conv_init(),
        name="top_conv",
    )(x)
    x = layers.BatchNormalization(axis=axis, name="top_bn")(x)
    x = layers.Activation(activation, name="top_activation")(x)

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
        stem = weights_name or model_name
        file_name = f"{stem}.h5" if include_top else f"{stem}_notop.h5"
        _common.load_weights_arg(model, weights, file_name, WEIGHTS_URL + file_name, None)
    return model


def _variant(
    key: str,
    include_top: bool,
    weights: Any,
    input_tensor: Any,
    input_shape: Any,
    pooling: Any,
    classes: int,
    classifier_activation: Any,
    kwargs: dict,
) -> Model:
    if kwargs:
        raise TypeError(
            f"EfficientNet{key.upper()} got unexpected keyword arguments: {sorted(kwargs)}"
        )
    width, depth, size, dropout = VARIANTS[key]
    return EfficientNet(
        width,
        depth,
        size,
        dropout,
        model_name=f"efficientnet{key}",
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        classes=classes,
        classifier_activation=classifier_activation,
    )


_DOC = """Instantiates the EfficientNet{v} architecture (default input {size}x{size}x3).

    The model normalises its inputs: feed float or uint8 pixels in [0, 255].

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
        **kwargs: none are accepted (kept for signature compatibility).

    Returns:
        A functional ``Model``.
    """


def EfficientNetB0(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
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
        kwargs,
    )


def EfficientNetB1(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
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
        kwargs,
    )


def EfficientNetB2(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
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
        kwargs,
    )


def EfficientNetB3(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
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
        kwargs,
    )


def EfficientNetB4(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
) -> Model:
    return _variant(
        "b4",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        kwargs,
    )


def EfficientNetB5(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
) -> Model:
    return _variant(
        "b5",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        kwargs,
    )


def EfficientNetB6(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
) -> Model:
    return _variant(
        "b6",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        kwargs,
    )


def EfficientNetB7(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
    **kwargs: Any,
) -> Model:
    return _variant(
        "b7",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
        kwargs,
    )


for _fn, _key in zip(
    (
        EfficientNetB0,
        EfficientNetB1,
        EfficientNetB2,
        EfficientNetB3,
        EfficientNetB4,
        EfficientNetB5,
        EfficientNetB6,
        EfficientNetB7,
    ),
    VARIANTS,
):
    _fn.__doc__ = _DOC.format(v=_key.upper(), size=VARIANTS[_key][2])
del _fn, _key


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """EfficientNet models normalise inside the network, so this returns ``x`` unchanged.

    Args:
        x: images with pixel values in [0, 255].
        data_format: unused; accepted for API compatibility.

    Returns:
        ``x`` itself.

    Example:
    >>> import numpy as np
    >>> x = np.full((1, 2, 2, 3), 128.0)
    >>> preprocess_input(x) is x
    True
    """
    return identity_preprocess(x, data_format)


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions (see ``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
