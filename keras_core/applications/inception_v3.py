"""Inception v3 (Szegedy et al., "Rethinking the Inception Architecture for Computer
Vision", 2016): factorized 7x7 and asymmetric convolutions, grid-size reduction modules."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._inception import channel_axis, conv_bn
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
_TOP = ("inception_v3_weights_tf_dim_ordering_tf_kernels.h5", "9a0d58056eeedaa3f26cb7ebd46da564")
_NOTOP = (
    "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
    "bcbd6486424b2319ff4ef7d526e38f63",
)


def _avg_pool_branch(x, filters: int):
    x = layers.AveragePooling2D(3, strides=1, padding="same")(x)
    return conv_bn(x, filters, (1, 1))


def _block_35(x, pool_filters: int, name: str):
    """The 35x35 module: 1x1, 5x5, double 3x3 and pooled branches."""
    b1 = conv_bn(x, 64, (1, 1))
    b5 = conv_bn(conv_bn(x, 48, (1, 1)), 64, (5, 5))
    b3 = conv_bn(conv_bn(conv_bn(x, 64, (1, 1)), 96, (3, 3)), 96, (3, 3))
    bp = _avg_pool_branch(x, pool_filters)
    return layers.Concatenate(axis=channel_axis(), name=name)([b1, b5, b3, bp])


def _block_17(x, mid: int, name: str):
    """The 17x17 module with factorized 7x7 (1x7 and 7x1) convolutions."""
    b1 = conv_bn(x, 192, (1, 1))
    b7 = conv_bn(x, mid, (1, 1))
    b7 = conv_bn(b7, mid, (1, 7))
    b7 = conv_bn(b7, 192, (7, 1))
    bd = conv_bn(x, mid, (1, 1))
    for kernel in ((7, 1), (1, 7), (7, 1)):
        bd = conv_bn(bd, mid, kernel)
    bd = conv_bn(bd, 192, (1, 7))
    bp = _avg_pool_branch(x, 192)
    return layers.Concatenate(axis=channel_axis(), name=name)([b1, b7, bd, bp])


def _block_8(x, index: int):
    """The 8x8 module with expanded (1x3 | 3x1) filter banks."""
    axis = channel_axis()
    b1 = conv_bn(x, 320, (1, 1))
    b3 = conv_bn(x, 384, (1, 1))
    b3 = layers.Concatenate(axis=axis, name=f"mixed9_{index}")(
        [conv_bn(b3, 384, (1, 3)), conv_bn(b3, 384, (3, 1))]
    )
    bd = conv_bn(conv_bn(x, 448, (1, 1)), 384, (3, 3))
    bd = layers.Concatenate(axis=axis)([conv_bn(bd, 384, (1, 3)), conv_bn(bd, 384, (3, 1))])
    bp = _avg_pool_branch(x, 192)
    return layers.Concatenate(axis=axis, name=f"mixed{9 + index}")([b1, b3, bd, bp])


def InceptionV3(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds InceptionV3 (23,851,784 parameters with the 1000-class top).

    Args:
        include_top: whether to add the classifier (global average pooling and a
            ``classes``-way dense layer named ``predictions``).
        weights: None (random initialization), ``"imagenet"`` (pretrained weights
            fetched with ``keras_core.utils.get_file``) or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        input_shape: the image shape without the batch axis; ``(299, 299, 3)`` by
            default with the top, otherwise any size of at least 75x75.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        classifier_activation: the activation of ``predictions`` (None: logits).

    Returns:
        A functional ``keras_core.Model`` named ``"inception_v3"``.
    """
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(
        input_shape, 299, 75, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = channel_axis()
    # Stem: 299 -> 35.
    x = conv_bn(x, 32, (3, 3), strides=2, padding="valid")
    x = conv_bn(x, 32, (3, 3), padding="valid")
    x = conv_bn(x, 64, (3, 3))
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = conv_bn(x, 80, (1, 1), padding="valid")
    x = conv_bn(x, 192, (3, 3), padding="valid")
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = _block_35(x, 32, "mixed0")
    x = _block_35(x, 64, "mixed1")
    x = _block_35(x, 64, "mixed2")
    # Reduction 35 -> 17.
    b3 = conv_bn(x, 384, (3, 3), strides=2, padding="valid")
    bd = conv_bn(conv_bn(x, 64, (1, 1)), 96, (3, 3))
    bd = conv_bn(bd, 96, (3, 3), strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Concatenate(axis=axis, name="mixed3")([b3, bd, bp])
    x = _block_17(x, 128, "mixed4")
    x = _block_17(x, 160, "mixed5")
    x = _block_17(x, 160, "mixed6")
    x = _block_17(x, 192, "mixed7")
    # Reduction 17 -> 8.
    b3 = conv_bn(conv_bn(x, 192, (1, 1)), 320, (3, 3), strides=2, padding="valid")
    b7 = conv_bn(x, 192, (1, 1))
    b7 = conv_bn(b7, 192, (1, 7))
    b7 = conv_bn(b7, 192, (7, 1))
    b7 = conv_bn(b7, 192, (3, 3), strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Concatenate(axis=axis, name="mixed8")([b3, b7, bp])
    x = _block_8(x, 0)
    x = _block_8(x, 1)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name="inception_v3")
    file_name, file_hash = _TOP if include_top else _NOTOP
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, file_hash)
    return model


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for InceptionV3: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
