"""VGG16 (Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
Recognition", 2014): configuration D, 13 3x3 convolutions in 5 blocks and 3 dense layers."""

from __future__ import annotations

from typing import Any

from keras_core.applications import _vgg, imagenet_utils


def VGG16(
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: tuple | None = None,
    pooling: str | None = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
):
    """Builds the VGG16 network (138,357,544 parameters with its 1000-class top).

    Args:
        include_top: whether to add the 3 dense layers (``fc1``, ``fc2``,
            ``predictions``); they need a static input size.
        weights: None (random initialization), ``"imagenet"`` (pretrained weights
            fetched with ``keras_core.utils.get_file``) or the path of a weights file.
        input_tensor: an optional symbolic tensor to build the model on.
        input_shape: the image shape without the batch axis; ``(224, 224, 3)`` by
            default with the top, otherwise any size of at least 32x32.
        pooling: without the top: None (4D features), ``"avg"`` or ``"max"``.
        classes: the number of classes of the top (1000 for the ImageNet weights).
        classifier_activation: the activation of the last layer (``"softmax"``,
            None for logits, or any activation when ``weights`` is not ``"imagenet"``).

    Returns:
        A functional ``keras_core.Model`` named ``"vgg16"``. Inputs are expected
        preprocessed with ``vgg16.preprocess_input``.
    """
    return _vgg.build_vgg(
        (2, 2, 3, 3, 3),
        "vgg16",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for VGG16: BGR order, ImageNet mean removed."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
