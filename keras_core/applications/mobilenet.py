"""MobileNet v1 (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for
Mobile Vision Applications", 2017): depthwise separable convolutions with a width
multiplier ``alpha`` and a resolution-independent body."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, _mobile, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/"
_ALPHA_TEXT = {0.25: "2_5", 0.5: "5_0", 0.75: "7_5", 1.0: "1_0"}
_SIZES = (128, 160, 192, 224)
# (pointwise filters before alpha, stride) of the 13 depthwise separable blocks.
_BLOCKS = (
    ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2))
    + ((512, 1),) * 5
    + (
        (1024, 2),
        (1024, 1),
    )
)


def _separable_block(x, filters: int, depth_multiplier: int, stride: int, block_id: int):
    axis = _mobile.channel_axis()
    if stride == 1:
        padding = "same"
    else:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(x)
        padding = "valid"
    x = layers.DepthwiseConv2D(
        3,
        padding=padding,
        depth_multiplier=depth_multiplier,
        strides=stride,
        use_bias=False,
        name=f"conv_dw_{block_id}",
    )(x)
    x = layers.BatchNormalization(axis=axis, name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(filters, 1, use_bias=False, name=f"conv_pw_{block_id}")(x)
    x = layers.BatchNormalization(axis=axis, name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)


def MobileNet(
    input_shape: tuple | None = None,
    alpha: float = 1.0,
    depth_multiplier: int = 1,
    dropout: float = 0.001,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds MobileNet (4,253,864 parameters with ``alpha=1`` and the 1000-class top).

    Args:
        input_shape: the image shape without the batch axis; ``(224, 224, 3)`` by
            default with the top, otherwise any size of at least 32x32.
        alpha: the width multiplier applied to every layer's filters (the ImageNet
            weights exist for 0.25, 0.5, 0.75 and 1.0).
        depth_multiplier: the depthwise convolutions' channel multiplier (1 for the
            ImageNet weights).
        dropout: the dropout rate before the classifier.
        include_top: whether to add the classifier (global pooling, dropout, a 1x1
            convolution ``conv_preds`` and the ``predictions`` activation).
        weights: None, ``"imagenet"`` or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        classifier_activation: the activation of ``predictions`` (None: logits).

    Returns:
        A functional ``keras_core.Model`` named ``mobilenet_<alpha>_<size>``.
    """
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or alpha <= 0:
        raise ValueError(f"`alpha` must be a positive number. Received: alpha={alpha!r}")
    if not isinstance(depth_multiplier, int) or depth_multiplier < 1:
        raise ValueError(
            "`depth_multiplier` must be a positive integer. "
            f"Received: depth_multiplier={depth_multiplier!r}"
        )
    if not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"`dropout` must be a number in [0, 1). Received: dropout={dropout!r}")
    if weights == "imagenet":
        if depth_multiplier != 1:
            raise ValueError(
                "With `weights='imagenet'`, `depth_multiplier` must be 1. "
                f"Received: depth_multiplier={depth_multiplier!r}"
            )
        if alpha not in _ALPHA_TEXT:
            raise ValueError(
                "With `weights='imagenet'`, `alpha` must be one of 0.25, 0.5, 0.75 or 1.0. "
                f"Received: alpha={alpha!r}"
            )
    rows = _mobile.pretrained_size(input_shape, input_tensor, weights, _SIZES)
    shape = _common.resolve_input_shape(
        input_shape, rows, 32, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _mobile.channel_axis()
    x = layers.Conv2D(int(32 * alpha), 3, padding="same", strides=2, use_bias=False, name="conv1")(
        x
    )
    x = layers.BatchNormalization(axis=axis, name="conv1_bn")(x)
    x = layers.ReLU(6.0, name="conv1_relu")(x)
    for block_id, (filters, stride) in enumerate(_BLOCKS, 1):
        x = _separable_block(x, int(filters * alpha), depth_multiplier, stride, block_id)
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True, name="global_average_pooling2d")(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(classes, 1, padding="same", name="conv_preds")(x)
        x = layers.Reshape((classes,), name="reshape_2")(x)
        x = layers.Activation(classifier_activation, name="predictions")(x)
    else:
        x = _common.classifier_head(x, False, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=f"mobilenet_{float(alpha):0.2f}_{rows}")
    if weights == "imagenet":
        suffix = "tf.h5" if include_top else "tf_no_top.h5"
        file_name = f"mobilenet_{_ALPHA_TEXT[alpha]}_{rows}_{suffix}"
        _common.load_weights_arg(model, weights, file_name, _BASE + file_name, None)
    else:
        _common.load_weights_arg(model, weights, "", "", None)
    return model


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for MobileNet: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
