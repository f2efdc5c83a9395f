"""Pieces shared by the MobileNet families (channel rounding, padding, size rules)."""

from __future__ import annotations

from typing import Any

from keras_core import backend


def make_divisible(value: float, divisor: int = 8, min_value: int | None = None) -> int:
    """Rounds ``value`` to the nearest multiple of ``divisor`` (never below ``min_value``,
    and never more than 10% below ``value``)."""
    min_value = divisor if min_value is None else min_value
    rounded = max(min_value, int(value + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * value:
        rounded += divisor
    return rounded


def channel_axis() -> int:
    return -1 if backend.image_data_format() == "channels_last" else 1


def spatial_size(x) -> tuple:
    shape = tuple(x.shape)
    return shape[1:3] if backend.image_data_format() == "channels_last" else shape[2:4]


def strided_pad(x, kernel_size: int) -> tuple:
    """Explicit padding before a strided 'valid' convolution so that it matches TF's
    'same' padding: the extra row/column goes at the bottom/right for even sizes."""
    half = kernel_size // 2
    pads = []
    for size in spatial_size(x):
        before = half if size is None or size % 2 else half - 1
        pads.append((before, half))
    return tuple(pads)


def pretrained_size(
    input_shape: Any, input_tensor: Any, weights: Any, sizes: tuple[int, ...], default: int = 224
) -> int:
    """The image side whose pretrained weights are used (``default`` when the requested
    square size has no published weights)."""
    shape = input_shape
    if shape is None and input_tensor is not None:
        shape = tuple(input_tensor.shape)[1:]
    if shape is None or len(shape) != 3:
        return default
    rows, cols = (
        (shape[1], shape[2])
        if backend.image_data_format() == "channels_first"
        else (
            shape[0],
            shape[1],
        )
    )
    if rows == cols and rows in sizes:
        return rows
    if weights == "imagenet" and rows is not None and cols is not None and rows != cols:
        raise ValueError(
            "With `weights='imagenet'`, the input must be square (height == width). "
            f"Received: input_shape={input_shape!r}"
        )
    return default
