"""Argument checks, inputs, classifier heads and weight loading shared by the applications."""

from __future__ import annotations

import os
from typing import Any

from keras_core import backend, layers
from keras_core.utils import file_utils
from keras_core.utils.graph_utils import get_source_inputs

WEIGHTS_ERROR = "`weights` must be None, 'imagenet' or the path of a weights file."


def _is_weights_path(weights: Any) -> bool:
    return isinstance(weights, (str, os.PathLike)) and os.path.isfile(os.fspath(weights))


def validate_weights_arg(weights: Any, include_top: bool, classes: Any) -> None:
    """Checks the ``weights``, ``include_top`` and ``classes`` arguments of an application.

    Raises:
        ValueError: when ``weights`` is not None, ``"imagenet"`` or an existing file;
            when ``classes`` is not a positive integer (with ``include_top``); or when
            ``weights="imagenet"`` with ``include_top=True`` and ``classes != 1000``.
    """
    if not (weights is None or weights == "imagenet" or _is_weights_path(weights)):
        raise ValueError(f"{WEIGHTS_ERROR} Received: weights={weights!r}")
    if include_top and (not isinstance(classes, int) or isinstance(classes, bool) or classes < 1):
        raise ValueError(f"`classes` must be a positive integer. Received: classes={classes!r}")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError(
            "With `weights='imagenet'` and `include_top=True`, `classes` must be 1000 "
            f"(the ImageNet classifier). Received: classes={classes!r}"
        )


def validate_pooling(pooling: Any) -> None:
    """Checks the ``pooling`` argument (None, ``"avg"`` or ``"max"``)."""
    if pooling not in (None, "avg", "max"):
        raise ValueError(f"`pooling` must be None, 'avg' or 'max'. Received: pooling={pooling!r}")


def validate_classifier_activation(classifier_activation: Any, weights: Any) -> None:
    """Pretrained ImageNet heads only make sense with ``"softmax"`` or no activation."""
    if weights == "imagenet" and classifier_activation not in ("softmax", None):
        raise ValueError(
            "With `weights='imagenet'`, `classifier_activation` must be 'softmax' or None. "
            f"Received: classifier_activation={classifier_activation!r}"
        )


def resolve_input_shape(
    input_shape: Any,
    default_size: int,
    min_size: int | None,
    data_format: str | None,
    require_flatten: bool,
    weights: Any = None,
) -> tuple:
    """Returns the image input shape (no batch axis) an application is built with.

    Rules: with ``input_shape=None`` the shape is the square ``default_size`` image
    when ``require_flatten`` (a classifier top needs a static size), else spatially
    unknown (``None``). A given shape must have rank 3; with ``weights="imagenet"``
    it must have 3 channels, and with ``require_flatten`` as well it must equal the
    default shape. Known spatial sizes must be at least ``min_size``.

    Args:
        input_shape: the user's ``input_shape`` or None.
        default_size: the side of the images the architecture was trained on.
        min_size: the smallest side the architecture can process (None: no limit).
        data_format: ``"channels_last"``/``"channels_first"``; global default when None.
        require_flatten: whether the model has its classifier top (``include_top``).
        weights: the ``weights`` argument.

    Returns:
        The shape tuple, e.g. ``(224, 224, 3)``.
    """
    data_format = data_format or backend.image_data_format()
    channels_first = data_format == "channels_first"

    def square(side, channels=3):
        return (channels, side, side) if channels_first else (side, side, channels)

    if input_shape is None:
        return square(default_size) if require_flatten else square(None)
    try:
        shape = tuple(None if d is None else int(d) for d in input_shape)
    except (TypeError, ValueError):
        raise ValueError(
            f"`input_shape` must be a tuple of 3 integers (or None). "
            f"Received: input_shape={input_shape!r}"
        ) from None
    if len(shape) != 3:
        raise ValueError(
            f"`input_shape` must have 3 entries (height, width, channels for "
            f"{data_format!r}). Received: input_shape={input_shape!r}"
        )
    channels = shape[0] if channels_first else shape[2]
    spatial = shape[1:] if channels_first else shape[:2]
    if weights == "imagenet":
        if channels != 3:
            raise ValueError(
                "With `weights='imagenet'`, the input must have 3 channels. "
                f"Received: input_shape={input_shape!r}"
            )
        if require_flatten and shape != square(default_size):
            raise ValueError(
                "With `weights='imagenet'` and `include_top=True`, `input_shape` must be "
                f"{square(default_size)}. Received: input_shape={input_shape!r}"
            )
    if channels is not None and channels < 1:
        raise ValueError(
            f"`input_shape` must have a positive number of channels. "
            f"Received: input_shape={input_shape!r}"
        )
    for side in spatial:
        if side is None:
            if require_flatten:
                raise ValueError(
                    "With `include_top=True`, `input_shape` must have static height and "
                    f"width. Received: input_shape={input_shape!r}"
                )
        elif min_size is not None and side < min_size:
            raise ValueError(
                f"`input_shape` height and width must be at least {min_size}. "
                f"Received: input_shape={input_shape!r}"
            )
        elif side < 1:
            raise ValueError(
                f"`input_shape` height and width must be positive. "
                f"Received: input_shape={input_shape!r}"
            )
    return shape


def model_input(input_tensor: Any, input_shape: tuple) -> tuple[Any, Any]:
    """Returns ``(inputs for Model, tensor to build the network on)``.

    Without ``input_tensor`` both are a new ``Input(shape=input_shape)``; with a
    symbolic ``input_tensor`` the model's inputs are its source ``Input`` tensors and
    the network is built on ``input_tensor`` itself.
    """
    if input_tensor is None:
        image = layers.Input(shape=input_shape)
        return image, image
    if not backend.is_keras_tensor(input_tensor):
        raise ValueError(
            "`input_tensor` must be a symbolic tensor (from `keras_core.Input` or a layer's "
            f"output). Received: input_tensor of type {type(input_tensor).__name__}"
        )
    sources = get_source_inputs(input_tensor)
    return (sources[0] if len(sources) == 1 else sources), input_tensor


def classifier_head(
    x: Any,
    include_top: bool,
    pooling: Any,
    classes: int,
    classifier_activation: Any,
) -> Any:
    """Adds the standard classification top, or the optional pooling of the features.

    With ``include_top``: ``GlobalAveragePooling2D(name="avg_pool")`` then
    ``Dense(classes, activation=classifier_activation, name="predictions")``.
    Otherwise ``pooling="avg"``/``"max"`` adds a global average/max pooling
    (``"avg_pool"``/``"max_pool"``), and None leaves the 4D features.
    """
    validate_pooling(pooling)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name="avg_pool")(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name="max_pool")(x)
    return x


def load_weights_arg(model: Any, weights: Any, file_name: str, url: str, file_hash: str) -> None:
    """Loads ``weights`` into ``model``: a local file path, or ``"imagenet"`` (fetched
    with ``keras_core.utils.get_file`` from ``url`` into the ``models`` cache folder and
    checked against ``file_hash``). None loads nothing.
    """
    if weights is None:
        return
    if weights == "imagenet":
        path = file_utils.get_file(file_name, url, cache_subdir="models", file_hash=file_hash)
        model.load_weights(path)
        return
    if not _is_weights_path(weights):
        raise ValueError(f"{WEIGHTS_ERROR} Received: weights={weights!r}")
    model.load_weights(os.fspath(weights))


def validate_common_args(
    weights: Any, include_top: bool, classes: Any, pooling: Any, classifier_activation: Any
) -> None:
    """Runs every argument check an application constructor needs before building."""
    validate_weights_arg(weights, include_top, classes)
    validate_pooling(pooling)
    validate_classifier_activation(classifier_activation, weights)
