"""MobileNetV2 (Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
2018): expansion -> depthwise -> linear projection blocks with residual connections."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, _mobile, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
_ALPHAS = (0.35, 0.5, 0.75, 1.0, 1.3, 1.4)
_SIZES = (96, 128, 160, 192, 224)
# (output filters before alpha, stride, expansion) of the 17 inverted residual blocks.
_BLOCKS = (
    ((16, 1, 1),)
    + ((24, 2, 6), (24, 1, 6))
    + ((32, 2, 6),)
    + ((32, 1, 6),) * 2
    + ((64, 2, 6),)
    + ((64, 1, 6),) * 3
    + ((96, 1, 6),) * 3
    + ((160, 2, 6),)
    + ((160, 1, 6),) * 2
    + ((320, 1, 6),)
)
_BN = dict(epsilon=1e-3, momentum=0.999)


def _inverted_residual(x, filters: int, alpha: float, stride: int, expansion: int, block_id):
    axis = _mobile.channel_axis()
    in_channels = x.shape[axis]
    out_channels = _mobile.make_divisible(int(filters * alpha), 8)
    inputs = x
    prefix = f"block_{block_id}_" if block_id else "expanded_conv_"
    if block_id:
        x = layers.Conv2D(
            expansion * in_channels, 1, padding="same", use_bias=False, name=prefix + "expand"
        )(x)
        x = layers.BatchNormalization(axis=axis, name=prefix + "expand_BN", **_BN)(x)
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    if stride == 2:
        x = layers.ZeroPadding2D(_mobile.strided_pad(x, 3), name=prefix + "pad")(x)
    x = layers.DepthwiseConv2D(
        3,
        strides=stride,
        use_bias=False,
        padding="same" if stride == 1 else "valid",
        name=prefix + "depthwise",
    )(x)
    x = layers.BatchNormalization(axis=axis, name=prefix + "depthwise_BN", **_BN)(x)
    x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)
    x = layers.Conv2D(out_channels, 1, padding="same", use_bias=False, name=prefix + "project")(x)
    x = layers.BatchNormalization(axis=axis, name=prefix + "project_BN", **_BN)(x)
    if stride == 1 and in_channels == out_channels:
        x = layers.Add(name=prefix + "add")([inputs, x])
    return x


def MobileNetV2(
    input_shape: tuple | None = None,
    alpha: float = 1.0,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds MobileNetV2 (3,538,984 parameters with ``alpha=1`` and the 1000-class top).

    Args:
        input_shape: the image shape without the batch axis; ``(224, 224, 3)`` by
            default with the top, otherwise any size of at least 32x32.
        alpha: the width multiplier (ImageNet weights exist for 0.35, 0.5, 0.75,
            1.0, 1.3 and 1.4).
        include_top: whether to add the classifier (global average pooling and a
            ``classes``-way dense layer named ``predictions``).
        weights: None, ``"imagenet"`` or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        classifier_activation: the activation of ``predictions`` (None: logits).

    Returns:
        A functional ``keras_core.Model`` named ``mobilenetv2_<alpha>_<size>``.
    """
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or alpha <= 0:
        raise ValueError(f"`alpha` must be a positive number. Received: alpha={alpha!r}")
    if weights == "imagenet" and alpha not in _ALPHAS:
        raise ValueError(
            "With `weights='imagenet'`, `alpha` must be one of 0.35, 0.5, 0.75, 1.0, 1.3 "
            f"or 1.4. Received: alpha={alpha!r}"
        )
    rows = _mobile.pretrained_size(input_shape, input_tensor, weights, _SIZES)
    shape = _common.resolve_input_shape(
        input_shape, rows, 32, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _mobile.channel_axis()
    first = _mobile.make_divisible(32 * alpha, 8)
    x = layers.Conv2D(first, 3, strides=2, padding="same", use_bias=False, name="Conv1")(x)
    x = layers.BatchNormalization(axis=axis, name="bn_Conv1", **_BN)(x)
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_residual(x, filters, alpha, stride, expansion, block_id)
    last = _mobile.make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last, 1, use_bias=False, name="Conv_1")(x)
    x = layers.BatchNormalization(axis=axis, name="Conv_1_bn", **_BN)(x)
    x = layers.ReLU(6.0, name="out_relu")(x)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=f"mobilenetv2_{float(alpha):0.2f}_{rows}")
    suffix = "" if include_top else "_no_top"
    file_name = f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{float(alpha)}_{rows}{suffix}.h5"
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, None)
    return model


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for MobileNetV2: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
