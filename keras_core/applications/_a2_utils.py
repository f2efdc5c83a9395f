"""Small building blocks shared by the EfficientNet, EfficientNetV2, ConvNeXt and NASNet
applications (kept apart from ``_common.py``, which every application family uses)."""

from __future__ import annotations

from typing import Any

from keras_core import backend

IMAGENET_MEAN_RGB = (0.485, 0.456, 0.406)
IMAGENET_STDDEV_RGB = (0.229, 0.224, 0.225)


def channel_axis(data_format: str | None = None) -> int:
    """The channel axis of an image batch in ``data_format`` (global default when None)."""
    data_format = data_format or backend.image_data_format()
    return 1 if data_format == "channels_first" else -1


def correct_pad(x: Any, kernel_size: int | tuple) -> tuple:
    """Zero padding that makes a stride-2 "valid" convolution centre its windows like
    TensorFlow's "same" padding (one row/column less at the top/left on even sizes).

    Args:
        x: a 4D image tensor (symbolic or eager).
        kernel_size: the convolution's kernel size (int or pair).

    Returns:
        ``((top, bottom), (left, right))`` for ``ZeroPadding2D``.
    """
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    axis = 2 if backend.image_data_format() == "channels_first" else 1
    spatial = tuple(x.shape[axis : axis + 2])
    adjust = tuple(1 if side is None else 1 - side % 2 for side in spatial)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1]))


def identity_preprocess(x: Any, data_format: str | None = None) -> Any:
    """``preprocess_input`` of the models that normalise inside the network: returns ``x``.

    Args:
        x: images with values in [0, 255] (NumPy array or tensor).
        data_format: accepted for API compatibility; unused.

    Returns:
        ``x`` itself, unchanged.
    """
    del data_format
    return x
