"""DenseNet (Huang et al., "Densely Connected Convolutional Networks", 2017): DenseNet-BC
with growth rate 32, bottleneck layers and transition compression 0.5."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/"
_HASHES = {
    "densenet121": ("9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738"),
    "densenet169": ("d699b8f76981ab1b30698df4c175e90b", "b8c4d4c20dd625c148057b9ff1c1176b"),
    "densenet201": ("1ceb130c1ea1b78c3bf6114dbdfd8807", "c13680b51ded0fb44dff2d8f86ac8bb1"),
}
_GROWTH = 32
_EPS = 1.001e-5


def _axis() -> int:
    return 3 if backend.image_data_format() == "channels_last" else 1


def _dense_layer(x, name: str):
    """BN-ReLU-1x1 conv (4k filters), BN-ReLU-3x3 conv (k filters), concatenated to x."""
    axis = _axis()
    y = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_0_bn")(x)
    y = layers.Activation("relu", name=f"{name}_0_relu")(y)
    y = layers.Conv2D(4 * _GROWTH, 1, use_bias=False, name=f"{name}_1_conv")(y)
    y = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_1_bn")(y)
    y = layers.Activation("relu", name=f"{name}_1_relu")(y)
    y = layers.Conv2D(_GROWTH, 3, padding="same", use_bias=False, name=f"{name}_2_conv")(y)
    return layers.Concatenate(axis=axis, name=f"{name}_concat")([x, y])


def _transition(x, name: str):
    """BN-ReLU, a 1x1 conv halving the channels, then 2x2 average pooling."""
    axis = _axis()
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_bn")(x)
    x = layers.Activation("relu", name=f"{name}_relu")(x)
    x = layers.Conv2D(int(x.shape[axis] * 0.5), 1, use_bias=False, name=f"{name}_conv")(x)
    return layers.AveragePooling2D(2, strides=2, name=f"{name}_pool")(x)


def build_densenet(
    blocks: tuple[int, int, int, int],
    model_name: str,
    include_top: bool,
    weights: Any,
    input_tensor: Any,
    input_shape: Any,
    pooling: Any,
    classes: int,
    classifier_activation: Any,
) -> Model:
    """Builds a DenseNet with ``blocks`` dense layers in each of its 4 dense blocks."""
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(
        input_shape, 224, 32, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _axis()
    x = layers.ZeroPadding2D(3, name="zero_padding2d")(x)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name="conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(1, name="zero_padding2d_1")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    for stage, count in enumerate(blocks, 2):
        for i in range(1, count + 1):
            x = _dense_layer(x, f"conv{stage}_block{i}")
        if stage < 5:
            x = _transition(x, f"pool{stage}")
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name="bn")(x)
    x = layers.Activation("relu", name="relu")(x)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=model_name)
    suffix = "" if include_top else "_notop"
    file_name = f"{model_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
    file_hash = _HASHES[model_name][0 if include_top else 1]
    _common.load_weights_arg(model, weights, file_name, _BASE + file_name, file_hash)
    return model


_ARGS_DOC = """
    Args:
        include_top: whether to add the classifier (global average pooling and a
            ``classes``-way dense layer named ``predictions``).
        weights: None (random initialization), ``"imagenet"`` (pretrained weights
            fetched with ``keras_core.utils.get_file``) or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        input_shape: the image shape without the batch axis; ``(224, 224, 3)`` by
            default with the top, otherwise any size of at least 32x32.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes (1000 with the ImageNet weights and the top).
        classifier_activation: the activation of ``predictions`` (None: logits).

    Returns:
        A functional ``keras_core.Model``.
"""


def DenseNet121(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_densenet(
        (6, 12, 24, 16),
        "densenet121",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def DenseNet169(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_densenet(
        (6, 12, 32, 32),
        "densenet169",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def DenseNet201(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_densenet(
        (6, 12, 48, 32),
        "densenet201",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


DenseNet121.__doc__ = "Builds DenseNet121 (8,062,504 parameters with the top).\n" + _ARGS_DOC
DenseNet169.__doc__ = "Builds DenseNet169 (14,307,880 parameters with the top).\n" + _ARGS_DOC
DenseNet201.__doc__ = "Builds DenseNet201 (20,242,984 parameters with the top).\n" + _ARGS_DOC


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for DenseNet: scaled to ``[0, 1]`` and
    normalized with the ImageNet channel mean and standard deviation."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="torch")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
