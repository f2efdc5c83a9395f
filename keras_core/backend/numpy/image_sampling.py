"""The numpy backend's resampling ops (affine_transform, perspective_transform,
map_coordinates, scale_and_translate, elastic_transform): the ops declared in
``keras_core/ops/image_sampling.py``; ``image.py`` gathers them.
"""

import itertools

import numpy as np

from keras_core.backend.numpy.core import convert_to_tensor
from keras_core.backend.numpy.op_helpers import (
    apply_weights,
    as_result,
    depthwise_same,
    gaussian_1d,
    image_float_dtype,
    image_format,
    images_from_last,
    images_to_last,
    kernel_weights,
)

UNSUPPORTED = {}


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x = x.astype(np.float64)
    scale = convert_to_tensor(scale).astype(np.float64).reshape(-1)
    translation = convert_to_tensor(translation).astype(np.float64).reshape(-1)
    for i, axis in enumerate(spatial_dims):
        w = kernel_weights(
            x.shape[axis],
            output_shape[axis],
            float(scale[i]),
            float(translation[i]),
            method,
            antialias,
        )
        x = apply_weights(x, w, axis)
    return as_result(x, dtype)


def _map_index(t, n, fill_mode):
    """Integer taps -> (valid mask, in-range indices) under ``fill_mode``."""
    if fill_mode == "constant":
        return (t >= 0) & (t < n), np.clip(t, 0, n - 1)
    if fill_mode == "nearest":
        return None, np.clip(t, 0, n - 1)
    if fill_mode == "wrap":
        return None, np.mod(t, n)
    if fill_mode == "mirror":
        if n == 1:
            return None, np.zeros_like(t)
        period = 2 * n - 2
        t = np.mod(t, period)
        return None, np.where(t >= n, period - t, t)
    period = 2 * n  # reflect
    t = np.mod(t, period)
    return None, np.where(t >= n, period - 1 - t, t)


def _map_coordinates(x, coords, order, fill_mode, fill_value):
    """x: N-D float64 array; coords: list of N float64 arrays of the output shape."""
    taps_per_axis = []
    for c in coords:
        if order == 0:
            taps_per_axis.append([(np.floor(c + 0.5).astype(np.int64), np.ones_like(c))])
        else:
            lo = np.floor(c)
            frac = c - lo
            lo = lo.astype(np.int64)
            taps_per_axis.append([(lo, 1.0 - frac), (lo + 1, frac)])
    out = np.zeros(np.shape(coords[0]) if coords else ())
    for combo in itertools.product(*taps_per_axis):
        weight = np.ones_like(out)
        index = []
        valid = np.ones(out.shape, dtype=bool)
        for (t, w), n in zip(combo, x.shape):
            mask, idx = _map_index(t, n, fill_mode)
            if mask is not None:
                valid &= mask
            index.append(idx)
            weight = weight * w
        values = x[tuple(index)]
        if fill_mode == "constant":
            values = np.where(valid, values, fill_value)
        out = out + weight * values
    return out


def map_coordinates(input, coordinates, order, fill_mode="constant", fill_value=0):
    x = convert_to_tensor(input)
    dtype = image_float_dtype(x)
    if isinstance(coordinates, (list, tuple)):
        coords = [convert_to_tensor(c).astype(np.float64) for c in coordinates]
    else:
        c = convert_to_tensor(coordinates).astype(np.float64)
        coords = [c[i] for i in range(c.shape[0])]
    out = _map_coordinates(x.astype(np.float64), coords, order, fill_mode, fill_value)
    return as_result(out, dtype)


def _warp(x, src_y, src_x, order, fill_mode, fill_value):
    """x: (h, w, c) float64; src_*: (h_out, w_out) -> (h_out, w_out, c)."""
    channels = [
        _map_coordinates(x[..., ch], [src_y, src_x], order, fill_mode, fill_value)
        for ch in range(x.shape[-1])
    ]
    return np.stack(channels, axis=-1)


def _apply_projective(x, transforms, interpolation, fill_mode, fill_value):
    """x: (batch, h, w, c) float64; transforms: (batch, 8)."""
    h, w = x.shape[1], x.shape[2]
    yy, xx = np.meshgrid(
        np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij"
    )
    order = 0 if interpolation == "nearest" else 1
    outs = []
    for img, t in zip(x, transforms):
        k = t[6] * xx + t[7] * yy + 1.0
        src_x = (t[0] * xx + t[1] * yy + t[2]) / k
        src_y = (t[3] * xx + t[4] * yy + t[5]) / k
        outs.append(_warp(img, src_y, src_x, order, fill_mode, fill_value))
    return np.stack(outs)


def affine_transform(
    image,
    transform,
    interpolation="bilinear",
    fill_mode="constant",
    fill_value=0,
    data_format="channels_last",
):
    data_format = image_format(data_format)
    x = convert_to_tensor(image)
    dtype = image_float_dtype(x)
    x, squeeze = images_to_last(x.astype(np.float64), data_format)
    t = convert_to_tensor(transform).astype(np.float64).reshape(-1, 8)
    t = np.broadcast_to(t, (x.shape[0], 8))
    out = _apply_projective(x, t, interpolation, fill_mode, fill_value)
    return images_from_last(as_result(out, dtype), data_format, squeeze)


def _perspective_coefficients(start, end):
    """Solves the 8 coefficients mapping output points ``end`` to input points ``start``."""
    rows, rhs = [], []
    for (xi, yi), (xo, yo) in zip(start, end):
        rows.append([xo, yo, 1, 0, 0, 0, -xo * xi, -yo * xi])
        rhs.append(xi)
        rows.append([0, 0, 0, xo, yo, 1, -xo * yi, -yo * yi])
        rhs.append(yi)
    return np.linalg.solve(np.array(rows), np.array(rhs))


def perspective_transform(
    images, start_points, end_points, interpolation="bilinear", fill_value=0, data_format=None
):
    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x, squeeze = images_to_last(x.astype(np.float64), data_format)
    start = convert_to_tensor(start_points).astype(np.float64).reshape(-1, 4, 2)
    end = convert_to_tensor(end_points).astype(np.float64).reshape(-1, 4, 2)
    batch = max(x.shape[0], start.shape[0], end.shape[0])
    start = np.broadcast_to(start, (batch, 4, 2))
    end = np.broadcast_to(end, (batch, 4, 2))
    t = np.stack([_perspective_coefficients(s, e) for s, e in zip(start, end)])
    out = _apply_projective(
        np.broadcast_to(x, (batch,) + x.shape[1:]), t, interpolation, "constant", fill_value
    )
    return images_from_last(as_result(out, dtype), data_format, squeeze)


def elastic_transform(
    images,
    alpha=20.0,
    sigma=5.0,
    interpolation="bilinear",
    fill_mode="reflect",
    fill_value=0.0,
    seed=None,
    data_format=None,
):
    from keras_core.backend.numpy import random as np_random

    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x, squeeze = images_to_last(x.astype(np.float64), data_format)
    batch, h, w, _ = x.shape
    noise = np_random.uniform((batch, h, w, 2), -1.0, 1.0, dtype="float64", seed=seed)
    size = int(6 * sigma) | 1 if sigma > 0 else 1
    g = gaussian_1d(size, sigma) if sigma > 0 else np.ones(1)
    field = depthwise_same(noise, np.outer(g, g)) * alpha
    yy, xx = np.meshgrid(
        np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij"
    )
    order = 0 if interpolation == "nearest" else 1
    out = np.stack(
        [
            _warp(img, yy + f[..., 0], xx + f[..., 1], order, fill_mode, fill_value)
            for img, f in zip(x, field)
        ]
    )
    return images_from_last(as_result(out, dtype), data_format, squeeze)
