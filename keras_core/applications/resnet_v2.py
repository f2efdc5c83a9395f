"""ResNet v2 (He et al., "Identity Mappings in Deep Residual Networks", 2016): the
pre-activation variants ResNet50V2, ResNet101V2 and ResNet152V2."""

from __future__ import annotations

from typing import Any

from keras_core.applications import imagenet_utils
from keras_core.applications.resnet import _ARGS_DOC, build_resnet
from keras_core.models import Model


def ResNet50V2(
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
        True,
        "resnet50v2",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


ResNet50V2.__doc__ = "Builds ResNet50V2 (25,613,800 parameters with the top).\n" + _ARGS_DOC


def ResNet101V2(
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
        True,
        "resnet101v2",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


ResNet101V2.__doc__ = "Builds ResNet101V2 (44,675,560 parameters with the top).\n" + _ARGS_DOC


def ResNet152V2(
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
        True,
        "resnet152v2",
        include_top,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


ResNet152V2.__doc__ = "Builds ResNet152V2 (60,380,648 parameters with the top).\n" + _ARGS_DOC


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """Prepares RGB images in ``[0, 255]`` for ResNet v2: scaled to ``[-1, 1]``."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions; see ``imagenet_utils.decode_predictions``."""
    return imagenet_utils.decode_predictions(preds, top=top)
