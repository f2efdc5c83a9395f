"""Xception (Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions",
2017): an entry flow, 8 middle-flow residual blocks and an exit flow, all made of
depthwise separable convolutions."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
_TOP = ("xception_weights_tf_dim_ordering_tf_kernels.h5", "0a58e3b7378bc2990ea3b43d5981f1f6")
_NOTOP = (
    "xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
    "b0042744bf5b25fce3cb969f33bebb97",
)


def _axis() -> int:
    return -1 if backend.image_data_format() == "channels_last" else 1


def _sepconv_bn(x, filters: int, name: str, relu_first: bool):
    if relu_first:
        x = layers.Activation("relu", name=f"{name}_act")(x)
    x = layers.SeparableConv2D(filters, 3, padding="same", use_bias=False, name=name)(x)
    return layers.BatchNormalization(axis=_axis(), name=f"{name}_bn")(x)


def _downsampling_block(x, filters: tuple[int, int], block: int, relu_first: bool):
    """Two separable convs and a strided max pooling, plus a strided 1x1 conv shortcut."""
    shortcut = layers.Conv2D(
        filters[1], 1, strides=2, padding="same", use_bias=False, name=f"block{block}_shortcut"
    )(x)
    shortcut = layers.BatchNormalization(axis=_axis(), name=f"block{block}_shortcut_bn")(shortcut)
    x = _sepconv_bn(x, filters[0], f"block{block}_sepconv1", relu_first)
    x = _sepconv_bn(x, filters[1], f"block{block}_sepconv2", True)
    x = layers.MaxPooling2D(3, strides=2, padding="same", name=f"block{block}_pool")(x)
    return layers.Add(name=f"block{block}_add")([x, shortcut])


def Xception(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds Xception (22,910,480 parameters with the 1000-class top).

    Args:
        include_top: whether to add the classifier (global average pooling and a
            ``classes``-way dense layer named ``predictions``).
        weights: None (random initialization), ``"imagenet"`` (pretrained weights
            fetched with ``keras_core.utils.get_file``) or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        input_shape: the image shape without the batch axis; ``(299, 299, 3)`` by
            default with the top, otherwise any size of at least 71x71.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        classifier_activation: the activation of ``predictions`` (None: logits).

    Returns:
        A functional ``keras_core.Model`` named ``"xception"``.
    """
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(
        input_shape, 299, 71, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _axis()
    # Entry flow.
    x = layers.Conv2D(32, 3, strides=2, use_bias=False, name="block1_conv1")(x)
    x = layers.BatchNormalization(axis=axis, name="block1_conv1_bn")(x)
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = layers.Conv2D(64, 3, use_bias=False, name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=axis, name="block1_conv2_bn")(x)
    x = layers.Activation("relu", name="block1_conv2_act")(x)
    x = _downsampling_block(x, (128, 128), 2, relu_first=False)
    x = _downsampling_block(x, (256, 256), 3, relu_first=True)
    x = _downsampling_block(x, (728, 728), 4, relu_first=True)
    # Middle flow: 8 identity-shortcut blocks of three separable convolutions.
    for block in range(5, 13):
        y = x
        for i in range(1, 4):
            y = _sepconv_bn(y, 728, f"block{block}_sepconv{i}", True)
        x = layers.Add(name=f"block{block}_add")([y, x])
    # Exit flow.
    x = _downsampling_block(x, (728, 1024), 13, relu_first=True)
    for i, filters in ((1, 1536), (2, 2048)):
        x = layers.SeparableConv2D(
            filters, 3, padding="same", use_bias=False, name=f"block14_sepconv{i}"
        )(x)
        x = layers.BatchNormalization(axis=axis, name=f"block14_sepconv{i}_bn")(x)
        x = layers.Activation("relu", name=f"block14_sepconv{i}_act")(x)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name="xception")
    file_name, file_hash = _TOP if include_top else _NOTOP
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, file_hash)
    return model


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for Xception: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
