"""ResNet v1 (He et al., "Deep Residual Learning for Image Recognition", 2015) with
bottleneck blocks: ResNet50, ResNet101 and ResNet152. The v2 (pre-activation) variants
live in ``resnet_v2`` and share the builder here."""

from __future__ import annotations

from typing import Any, Callable

from keras_core import backend, layers
from keras_core.applications import _common, imagenet_utils
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
# (with top, without top) md5 digests of the published weight files.
_HASHES = {
    "resnet50": ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
    "resnet101": ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
    "resnet152": ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
    "resnet50v2": ("3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"),
    "resnet101v2": ("6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"),
    "resnet152v2": ("a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33"),
}
_EPS = 1.001e-5


def _bn_axis() -> int:
    return 3 if backend.image_data_format() == "channels_last" else 1


def _bottleneck_v1(x, filters: int, stride: int, shortcut_conv: bool, name: str):
    """1x1 (stride) -> 3x3 -> 1x1 (4x filters), each batch-normalized, plus the shortcut."""
    axis = _bn_axis()
    if shortcut_conv:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(x)
        shortcut = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_0_bn")(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride, name=f"{name}_1_conv")(x)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_1_bn")(x)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = layers.Conv2D(filters, 3, padding="same", name=f"{name}_2_conv")(x)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_2_bn")(x)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_3_bn")(x)
    x = layers.Add(name=f"{name}_add")([shortcut, x])
    return layers.Activation("relu", name=f"{name}_out")(x)


def _stack_v1(x, filters: int, blocks: int, stride: int, name: str):
    x = _bottleneck_v1(x, filters, stride, True, f"{name}_block1")
    for i in range(2, blocks + 1):
        x = _bottleneck_v1(x, filters, 1, False, f"{name}_block{i}")
    return x


def _bottleneck_v2(x, filters: int, stride: int, shortcut_conv: bool, name: str):
    """Pre-activation block: BN-ReLU first; the stride sits on the 3x3 convolution."""
    axis = _bn_axis()
    pre = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_preact_bn")(x)
    pre = layers.Activation("relu", name=f"{name}_preact_relu")(pre)
    if shortcut_conv:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(pre)
    elif stride > 1:
        shortcut = layers.MaxPooling2D(1, strides=stride, name=f"{name}_0_pool")(x)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, use_bias=False, name=f"{name}_1_conv")(pre)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_1_bn")(x)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = layers.ZeroPadding2D(1, name=f"{name}_2_pad")(x)
    x = layers.Conv2D(filters, 3, strides=stride, use_bias=False, name=f"{name}_2_conv")(x)
    x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name=f"{name}_2_bn")(x)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    return layers.Add(name=f"{name}_out")([shortcut, x])


def _stack_v2(x, filters: int, blocks: int, stride: int, name: str):
    x = _bottleneck_v2(x, filters, 1, True, f"{name}_block1")
    for i in range(2, blocks):
        x = _bottleneck_v2(x, filters, 1, False, f"{name}_block{i}")
    return _bottleneck_v2(x, filters, stride, False, f"{name}_block{blocks}")


def build_resnet(
    blocks: tuple[int, int, int, int],
    preact: bool,
    model_name: str,
    include_top: bool,
    weights: Any,
    input_tensor: Any,
    input_shape: Any,
    pooling: Any,
    classes: int,
    classifier_activation: Any,
) -> Model:
    """Builds a v1 (``preact=False``) or v2 ResNet from its blocks per stage."""
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(
        input_shape, 224, 32, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    axis = _bn_axis()
    x = layers.ZeroPadding2D(3, name="conv1_pad")(x)
    x = layers.Conv2D(64, 7, strides=2, name="conv1_conv")(x)
    if not preact:
        x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name="conv1_bn")(x)
        x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(1, name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    stack: Callable = _stack_v2 if preact else _stack_v1
    # v1 downsamples at the start of stages 3-5, v2 at the end of stages 2-4.
    strides = (2, 2, 2, 1) if preact else (1, 2, 2, 2)
    for stage, (filters, count, stride) in enumerate(zip((64, 128, 256, 512), blocks, strides), 2):
        x = stack(x, filters, count, stride, f"conv{stage}")
    if preact:
        x = layers.BatchNormalization(axis=axis, epsilon=_EPS, name="post_bn")(x)
        x = layers.Activation("relu", name="post_relu")(x)
    x = _common.classifier_head(x, include_top, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=model_name)
    top_hash, notop_hash = _HASHES[model_name]
    suffix = "" if include_top else "_notop"
    file_name = f"{model_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
    _common.load_weights_arg(
        model, weights, file_name, _BASE + file_name, top_hash if include_top else notop_hash
    )
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


def ResNet50(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_resnet(
        (3, 4, 6, 3),
        False,
        "resnet50",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ResNet101(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_resnet(
        (3, 4, 23, 3),
        False,
        "resnet101",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ResNet152(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return build_resnet(
        (3, 8, 36, 3),
        False,
        "resnet152",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


ResNet50.__doc__ = "Builds ResNet50 (v1, 25,636,712 parameters with the top).\n" + _ARGS_DOC
ResNet101.__doc__ = "Builds ResNet101 (v1, 44,707,176 parameters with the top).\n" + _ARGS_DOC
ResNet152.__doc__ = "Builds ResNet152 (v1, 60,419,944 parameters with the top).\n" + _ARGS_DOC


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for ResNet v1: BGR order, ImageNet mean removed."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
