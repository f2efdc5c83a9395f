"""MobileNetV3 (Howard et al., "Searching for MobileNetV3", 2019): inverted residual blocks
with squeeze-and-excitation and hard-swish, in a Large and a Small configuration."""

from __future__ import annotations

from typing import Any, Callable

from keras_core import backend, layers
from keras_core.applications import _common, _mobile, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/"
_BN = dict(epsilon=1e-3, momentum=0.999)

# (expansion, output filters before alpha, kernel ("k": the configurable one), stride,
#  squeeze-and-excitation, activation ("a": the configurable one)) per block, from the
# paper's Tables 1 (Large) and 2 (Small).
_LARGE = (
    (1, 16, 3, 1, False, "relu"),
    (4, 24, 3, 2, False, "relu"),
    (3, 24, 3, 1, False, "relu"),
    (3, 40, "k", 2, True, "relu"),
    (3, 40, "k", 1, True, "relu"),
    (3, 40, "k", 1, True, "relu"),
    (6, 80, 3, 2, False, "a"),
    (2.5, 80, 3, 1, False, "a"),
    (2.3, 80, 3, 1, False, "a"),
    (2.3, 80, 3, 1, False, "a"),
    (6, 112, 3, 1, True, "a"),
    (6, 112, 3, 1, True, "a"),
    (6, 160, "k", 2, True, "a"),
    (6, 160, "k", 1, True, "a"),
    (6, 160, "k", 1, True, "a"),
)
_SMALL = (
    (1, 16, 3, 2, True, "relu"),
    (72 / 16, 24, 3, 2, False, "relu"),
    (88 / 24, 24, 3, 1, False, "relu"),
    (4, 40, "k", 2, True, "a"),
    (6, 40, "k", 1, True, "a"),
    (6, 40, "k", 1, True, "a"),
    (3, 48, "k", 1, True, "a"),
    (3, 48, "k", 1, True, "a"),
    (6, 96, "k", 2, True, "a"),
    (6, 96, "k", 1, True, "a"),
    (6, 96, "k", 1, True, "a"),
)


def _hard_swish(x):
    """x * relu6(x + 3) / 6, from serializable built-in layers."""
    return layers.Multiply()([x, layers.Activation("hard_sigmoid")(x)])


def _relu(x):
    return layers.ReLU()(x)


def _squeeze_excite(x, filters: int, prefix: str):
    """Channel attention: global pooling, a 1/4-width ReLU bottleneck, hard sigmoid gate."""
    s = layers.GlobalAveragePooling2D(keepdims=True, name=prefix + "squeeze_excite_avg_pool")(x)
    s = layers.Conv2D(
        _mobile.make_divisible(filters * 0.25),
        1,
        padding="same",
        name=prefix + "squeeze_excite_conv",
    )(s)
    s = layers.ReLU(name=prefix + "squeeze_excite_relu")(s)
    s = layers.Conv2D(filters, 1, padding="same", name=prefix + "squeeze_excite_conv_1")(s)
    s = layers.Activation("hard_sigmoid", name=prefix + "squeeze_excite_hard_sigmoid")(s)
    return layers.Multiply(name=prefix + "squeeze_excite_mul")([x, s])


def _block(x, expansion, filters, kernel, stride, se, activation: Callable, block_id: int):
    axis = _mobile.channel_axis()
    inputs = x
    in_channels = x.shape[axis]
    prefix = f"expanded_conv_{block_id}_" if block_id else "expanded_conv_"
    expanded = in_channels
    if block_id:
        expanded = _mobile.make_divisible(in_channels * expansion)
        x = layers.Conv2D(expanded, 1, padding="same", use_bias=False, name=prefix + "expand")(x)
        x = layers.BatchNormalization(axis=axis, name=prefix + "expand_bn", **_BN)(x)
        x = activation(x)
    if stride == 2:
        x = layers.ZeroPadding2D(_mobile.strided_pad(x, kernel), name=prefix + "depthwise_pad")(x)
    x = layers.DepthwiseConv2D(
        kernel,
        strides=stride,
        padding="same" if stride == 1 else "valid",
        use_bias=False,
        name=prefix + "depthwise",
    )(x)
    x = layers.BatchNormalization(axis=axis, name=prefix + "depthwise_bn", **_BN)(x)
    x = activation(x)
    if se:
        x = _squeeze_excite(x, expanded, prefix)
    x = layers.Conv2D(filters, 1, padding="same", use_bias=False, name=prefix + "project")(x)
    x = layers.BatchNormalization(axis=axis, name=prefix + "project_bn", **_BN)(x)
    if stride == 1 and in_channels == filters:
        x = layers.Add(name=prefix + "add")([inputs, x])
    return x


def _build(
    model_type: str,
    input_shape,
    alpha,
    minimalistic,
    include_top,
    weights,
    input_tensor,
    classes,
    pooling,
    dropout_rate,
    classifier_activation,
    include_preprocessing,
) -> Model:
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or alpha <= 0:
        raise ValueError(f"`alpha` must be a positive number. Received: alpha={alpha!r}")
    if weights == "imagenet" and alpha not in (0.75, 1.0):
        raise ValueError(
            f"With `weights='imagenet'`, `alpha` must be 0.75 or 1.0. Received: alpha={alpha!r}"
        )
    if not isinstance(dropout_rate, (int, float)) or not 0 <= dropout_rate < 1:
        raise ValueError(
            f"`dropout_rate` must be a number in [0, 1). Received: dropout_rate={dropout_rate!r}"
        )
    shape = _common.resolve_input_shape(
        input_shape, 224, 32, backend.image_data_format(), False, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _mobile.channel_axis()
    if minimalistic:
        kernel, activation, use_se = 3, _relu, False
    else:
        kernel, activation, use_se = 5, _hard_swish, True
    if include_preprocessing:
        x = layers.Rescaling(1.0 / 127.5, offset=-1.0, name="rescaling")(x)
    x = layers.Conv2D(16, 3, strides=2, padding="same", use_bias=False, name="conv")(x)
    x = layers.BatchNormalization(axis=axis, name="conv_bn", **_BN)(x)
    x = activation(x)
    blocks = _LARGE if model_type == "large" else _SMALL
    for block_id, (expansion, filters, k, stride, se, act) in enumerate(blocks):
        x = _block(
            x,
            expansion,
            _mobile.make_divisible(filters * alpha),
            kernel if k == "k" else k,
            stride,
            se and use_se,
            activation if act == "a" else _relu,
            block_id,
        )
    last_conv = _mobile.make_divisible(x.shape[axis] * 6)
    last_point = 1280 if model_type == "large" else 1024
    if alpha > 1.0:
        last_point = _mobile.make_divisible(last_point * alpha)
    x = layers.Conv2D(last_conv, 1, padding="same", use_bias=False, name="conv_1")(x)
    x = layers.BatchNormalization(axis=axis, name="conv_1_bn", **_BN)(x)
    x = activation(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True, name="avg_pool")(x)
        x = layers.Conv2D(last_point, 1, padding="same", use_bias=True, name="conv_2")(x)
        x = activation(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="dropout")(x)
        x = layers.Conv2D(classes, 1, padding="same", name="logits")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Activation(classifier_activation, name="predictions")(x)
    else:
        x = _common.classifier_head(x, False, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=f"MobilenetV3{model_type}")
    variant = f"{model_type}{'_minimalistic' if minimalistic else ''}_224_{float(alpha)}_float"
    suffix = ".h5" if include_top else "_no_top_v2.h5"
    file_name = f"weights_mobilenet_v3_{variant}{suffix}"
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, None)
    return model


_DOC = """Builds MobileNetV3{kind} ({count} parameters with ``alpha=1`` and the top).

    The model rescales its inputs itself (``include_preprocessing``), so it takes RGB
    images with values in ``[0, 255]``; ``preprocess_input`` is the identity.

    Args:
        input_shape: the image shape without the batch axis; any size of at least
            32x32 (spatially unknown by default).
        alpha: the width multiplier (ImageNet weights exist for 0.75 and 1.0).
        minimalistic: use 3x3 kernels and ReLU only, without squeeze-and-excitation.
        include_top: whether to add the classifier (pooling, the ``conv_2`` 1x1
            layer, dropout, the ``logits`` 1x1 convolution and ``predictions``).
        weights: None, ``"imagenet"`` or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        dropout_rate: the dropout rate before the logits (0 disables the layer).
        classifier_activation: the activation of ``predictions`` (None: logits).
        include_preprocessing: whether the model starts by mapping ``[0, 255]`` to
            ``[-1, 1]``.

    Returns:
        A functional ``keras_core.Model``.
"""


def MobileNetV3Large(
    input_shape: tuple | None = None,
    alpha: float = 1.0,
    minimalistic: bool = False,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    classes: int = 1000,
    pooling: str | None = None,
    dropout_rate: float = 0.2,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _build(
        "large",
        input_shape,
        alpha,
        minimalistic,
        include_top,
        weights,
        input_tensor,
        classes,
        pooling,
        dropout_rate,
        classifier_activation,
        include_preprocessing,
    )


def MobileNetV3Small(
    input_shape: tuple | None = None,
    alpha: float = 1.0,
    minimalistic: bool = False,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    classes: int = 1000,
    pooling: str | None = None,
    dropout_rate: float = 0.2,
    classifier_activation: Any = "softmax",
    include_preprocessing: bool = True,
) -> Model:
    return _build(
        "small",
        input_shape,
        alpha,
        minimalistic,
        include_top,
        weights,
        input_tensor,
        classes,
        pooling,
        dropout_rate,
        classifier_activation,
        include_preprocessing,
    )


MobileNetV3Large.__doc__ = _DOC.format(kind="Large", count="5,507,432")
MobileNetV3Small.__doc__ = _DOC.format(kind="Small", count="2,554,968")


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Returns ``x`` unchanged: MobileNetV3 models rescale their inputs themselves.

    Example:
    >>> import numpy as np
    >>> x = np.array([[[[0.0, 127.5, 255.0]]]])
    >>> preprocess_input(x) is x
    True
    """
    return x


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
