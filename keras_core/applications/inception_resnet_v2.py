"""Inception-ResNet-v2 (Szegedy et al., "Inception-v4, Inception-ResNet and the Impact of
Residual Connections on Learning", 2016): Inception modules whose output, linearly
projected and scaled down, is added to their input."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._inception import channel_axis, conv_bn
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/inception_resnet_v2/"
_TOP = (
    "inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5",
    "e693bd0210a403b3192acc6073ad2e96",
)
_NOTOP = (
    "inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5",
    "d19885ff4a710c122648d3b5c3b684e4",
)


def _branches(x, kind: str, name: str) -> list:
    if kind == "block35":
        return [
            conv_bn(x, 32, (1, 1)),
            conv_bn(conv_bn(x, 32, (1, 1)), 32, (3, 3)),
            conv_bn(conv_bn(conv_bn(x, 32, (1, 1)), 48, (3, 3)), 64, (3, 3)),
        ]
    if kind == "block17":
        b1 = conv_bn(x, 128, (1, 1))
        b1 = conv_bn(b1, 160, (1, 7))
        return [conv_bn(x, 192, (1, 1)), conv_bn(b1, 192, (7, 1))]
    b1 = conv_bn(x, 192, (1, 1))
    b1 = conv_bn(b1, 224, (1, 3))
    return [conv_bn(x, 192, (1, 1)), conv_bn(b1, 256, (3, 1))]


def _residual_block(x, scale: float, kind: str, index: int, activation: str | None = "relu"):
    """Concatenated branches, a 1x1 linear projection back to the input width (with
    bias, no batch norm), scaled by ``scale`` and added to the input."""
    name = f"{kind}_{index}"
    axis = channel_axis()
    mixed = layers.Concatenate(axis=axis, name=f"{name}_mixed")(_branches(x, kind, name))
    up = layers.Conv2D(x.shape[axis], 1, use_bias=True, name=f"{name}_conv")(mixed)
    up = layers.Rescaling(scale, name=f"{name}_scale")(up)
    x = layers.Add(name=f"{name}_add")([x, up])
    if activation is not None:
        x = layers.Activation(activation, name=f"{name}_ac")(x)
    return x


def InceptionResNetV2(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds InceptionResNetV2 (55,873,736 parameters with the 1000-class top).

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
        A functional ``keras_core.Model`` named ``"inception_resnet_v2"``.
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
    # Mixed 5b (Inception-A): 320 channels.
    b0 = conv_bn(x, 96, (1, 1))
    b1 = conv_bn(conv_bn(x, 48, (1, 1)), 64, (5, 5))
    b2 = conv_bn(conv_bn(conv_bn(x, 64, (1, 1)), 96, (3, 3)), 96, (3, 3))
    bp = conv_bn(layers.AveragePooling2D(3, strides=1, padding="same")(x), 64, (1, 1))
    x = layers.Concatenate(axis=axis, name="mixed_5b")([b0, b1, b2, bp])
    for i in range(1, 11):
        x = _residual_block(x, 0.17, "block35", i)
    # Mixed 6a (Reduction-A): 1088 channels.
    b0 = conv_bn(x, 384, (3, 3), strides=2, padding="valid")
    b1 = conv_bn(conv_bn(x, 256, (1, 1)), 256, (3, 3))
    b1 = conv_bn(b1, 384, (3, 3), strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=axis, name="mixed_6a")([b0, b1, bp])
    for i in range(1, 21):
        x = _residual_block(x, 0.1, "block17", i)
    # Mixed 7a (Reduction-B): 2080 channels.
    b0 = conv_bn(conv_bn(x, 256, (1, 1)), 384, (3, 3), strides=2, padding="valid")
    b1 = conv_bn(conv_bn(x, 256, (1, 1)), 288, (3, 3), strides=2, padding="valid")
    b2 = conv_bn(conv_bn(x, 256, (1, 1)), 288, (3, 3))
    b2 = conv_bn(b2, 320, (3, 3), strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=axis, name="mixed_7a")([b0, b1, b2, bp])
    for i in range(1, 10):
        x = _residual_block(x, 0.2, "block8", i)
    x = _residual_block(x, 1.0, "block8", 10, activation=None)
    x = conv_bn(x, 1536, (1, 1), name="conv_7b")
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name="inception_resnet_v2")
    file_name, file_hash = _TOP if include_top else _NOTOP
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, file_hash)
    return model


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for InceptionResNetV2: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
