"""The jax backend's ops of ``keras_core/ops/image_sampling.py``: map_coordinates and
the geometric transforms built on the same sampler (gathered into ``backend.image``).
"""

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.jax import random as jax_random
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import (
    blur_nhwc,
    images_nhwc,
    restore_layout,
    to_float,
)

FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _cast_back(y, dtype):
    if jnp.issubdtype(dtype, jnp.integer):
        info = jnp.iinfo(dtype)
        y = jnp.clip(jnp.round(y), info.min, info.max)
    return y.astype(dtype)


def _fill_index(index, size, fill_mode):
    if fill_mode == "nearest":
        return jnp.clip(index, 0, size - 1)
    if fill_mode == "wrap":
        return jnp.mod(index, size)
    if fill_mode == "mirror":
        if size == 1:
            return jnp.zeros_like(index)
        period = 2 * size - 2
        index = jnp.mod(index, period)
        return jnp.where(index >= size, period - index, index)
    if fill_mode == "reflect":
        index = jnp.mod(index, 2 * size)
        return jnp.where(index >= size, 2 * size - 1 - index, index)
    return jnp.clip(index, 0, size - 1)  # constant: out-of-range taps are masked


def _round_half_away(c):
    return (jnp.sign(c) * jnp.floor(jnp.abs(c) + 0.5)).astype("int32")


def _sample(data, coords, order, fill_mode, fill_value):
    # data: (*spatial, channels); coords: list of arrays of one shape, one per spatial axis
    spatial = data.shape[: len(coords)]
    if order == 0:
        # round half away from zero
        corners = [[(_round_half_away(c), None)] for c in coords]
    else:
        corners = []
        for c in coords:
            low = jnp.floor(c)
            frac = c - low
            low = low.astype("int32")
            corners.append([(low, 1 - frac), (low + 1, frac)])
    out = 0
    for combo in np.ndindex(*(len(options) for options in corners)):
        index, weight, inside = [], None, None
        for axis, pick in enumerate(combo):
            idx, w = corners[axis][pick]
            size = spatial[axis]
            ok = (idx >= 0) & (idx < size)
            inside = ok if inside is None else inside & ok
            index.append(_fill_index(idx, size, fill_mode))
            if w is not None:
                weight = w if weight is None else weight * w
        value = data[tuple(index)]
        if fill_mode == "constant":
            value = jnp.where(inside[..., None], value, fill_value)
        out = out + (value if weight is None else value * weight[..., None])
    return out


def _fill_mode(fill_mode, op):
    if fill_mode not in FILL_MODES:
        raise ValueError(
            f"{op}: `fill_mode` must be one of {FILL_MODES}. Received: fill_mode={fill_mode!r}"
        )
    return fill_mode


def map_coordinates(input, coordinates, order, fill_mode="constant", fill_value=0):
    x = convert_to_tensor(input)
    if order not in (0, 1):
        raise ValueError(f"map_coordinates: `order` must be 0 or 1. Received: order={order!r}")
    fill_mode = _fill_mode(fill_mode, "map_coordinates")
    if isinstance(coordinates, (list, tuple)):
        coords = [convert_to_tensor(c) for c in coordinates]
    else:
        coordinates = convert_to_tensor(coordinates)
        coords = [coordinates[i] for i in range(coordinates.shape[0])]
    if len(coords) != x.ndim:
        raise ValueError(
            "map_coordinates: `coordinates` must hold one array per axis of `input` "
            f"({x.ndim}). Received: {len(coords)}"
        )
    compute = dtype_rules.float_dtype(x, *coords)
    coords = [c.astype(compute) for c in coords]
    data = x.astype(compute)[..., None]
    fill = jnp.asarray(fill_value, compute)
    out = _sample(data, coords, order, fill_mode, fill)[..., 0]
    return _cast_back(out, x.dtype)


def _interpolation_order(interpolation, op):
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(
            f"{op}: `interpolation` must be 'nearest' or 'bilinear'. "
            f"Received: interpolation={interpolation!r}"
        )
    return 0 if interpolation == "nearest" else 1


def _projective_sample(x, transform, order, fill_mode, fill_value):
    # x: (B, H, W, C) float; transform: (B, 8) mapping output (x, y) to input coordinates
    h, w = x.shape[1:3]
    ys, xs = jnp.meshgrid(jnp.arange(h, dtype=x.dtype), jnp.arange(w, dtype=x.dtype), indexing="ij")
    t = transform[:, :, None, None]
    k = t[:, 6] * xs + t[:, 7] * ys + 1
    x_in = (t[:, 0] * xs + t[:, 1] * ys + t[:, 2]) / k
    y_in = (t[:, 3] * xs + t[:, 4] * ys + t[:, 5]) / k
    fill = jnp.asarray(fill_value, x.dtype)
    return jax.vmap(lambda img, yy, xx: _sample(img, [yy, xx], order, fill_mode, fill))(
        x, y_in, x_in
    )


def affine_transform(
    image,
    transform,
    interpolation="bilinear",
    fill_mode="constant",
    fill_value=0,
    data_format=None,
):
    order = _interpolation_order(interpolation, "affine_transform")
    fill_mode = _fill_mode(fill_mode, "affine_transform")
    x, layout = images_nhwc("affine_transform", image, data_format, arg="image")
    transform = convert_to_tensor(transform)
    if transform.ndim not in (1, 2) or transform.shape[-1] != 8:
        raise ValueError(
            "affine_transform: `transform` must have shape (8,) or (batch, 8). "
            f"Received: transform.shape={tuple(transform.shape)}"
        )
    compute = dtype_rules.float_dtype(x, transform)
    transform = jnp.broadcast_to(transform.astype(compute).reshape(-1, 8), (x.shape[0], 8))
    out = _projective_sample(x.astype(compute), transform, order, fill_mode, fill_value)
    return restore_layout(_cast_back(out, x.dtype), layout)


def _homography(start_points, end_points):
    # solves for the 8 coefficients mapping end (output) points onto start (input) points
    rows = []
    for i in range(4):
        ex, ey = end_points[:, i, 0], end_points[:, i, 1]
        sx, sy = start_points[:, i, 0], start_points[:, i, 1]
        zero, one = jnp.zeros_like(ex), jnp.ones_like(ex)
        rows.append(jnp.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1))
        rows.append(jnp.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1))
    a = jnp.stack(rows, axis=1)
    b = jnp.stack([start_points[:, i // 2, i % 2] for i in range(8)], axis=1)
    return jnp.linalg.solve(a, b[..., None])[..., 0]


def perspective_transform(
    images,
    start_points,
    end_points,
    interpolation="bilinear",
    fill_value=0,
    data_format=None,
):
    order = _interpolation_order(interpolation, "perspective_transform")
    x, layout = images_nhwc("perspective_transform", images, data_format)
    start, end = convert_to_tensor(start_points), convert_to_tensor(end_points)
    for name, p in (("start_points", start), ("end_points", end)):
        if p.ndim not in (2, 3) or p.shape[-2:] != (4, 2):
            raise ValueError(
                f"perspective_transform: `{name}` must have shape (4, 2) or (batch, 4, 2). "
                f"Received: {name}.shape={tuple(p.shape)}"
            )
    compute = dtype_rules.float_dtype(x, start, end)
    batch = x.shape[0]
    start = jnp.broadcast_to(start.astype(compute).reshape(-1, 4, 2), (batch, 4, 2))
    end = jnp.broadcast_to(end.astype(compute).reshape(-1, 4, 2), (batch, 4, 2))
    transform = _homography(start, end)
    out = _projective_sample(x.astype(compute), transform, order, "constant", fill_value)
    return restore_layout(_cast_back(out, x.dtype), layout)


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
    order = _interpolation_order(interpolation, "elastic_transform")
    fill_mode = _fill_mode(fill_mode, "elastic_transform")
    x, layout = images_nhwc("elastic_transform", images, data_format)
    compute = dtype_rules.float_dtype(x)
    b, h, w, _ = x.shape
    noise = jax_random.uniform((b, h, w, 2), -1.0, 1.0, dtype=compute, seed=seed)
    size = 2 * int(np.ceil(3 * float(sigma))) + 1
    field = blur_nhwc(noise, (size, size), (sigma, sigma)) * alpha
    ys, xs = jnp.meshgrid(jnp.arange(h, dtype=compute), jnp.arange(w, dtype=compute), indexing="ij")
    fill = jnp.asarray(fill_value, compute)
    out = jax.vmap(
        lambda img, f: _sample(img, [ys + f[..., 0], xs + f[..., 1]], order, fill_mode, fill)
    )(x.astype(compute), field)
    return restore_layout(_cast_back(out, x.dtype), layout)


def scale_and_translate(
    images,
    output_shape,
    scale,
    translation,
    spatial_dims,
    method,
    antialias=True,
):
    x = to_float(convert_to_tensor(images))
    scale = convert_to_tensor(scale).astype(x.dtype)
    translation = convert_to_tensor(translation).astype(x.dtype)
    return jax.image.scale_and_translate(
        x,
        tuple(output_shape),
        tuple(spatial_dims),
        scale,
        translation,
        method,
        antialias=bool(antialias),
    )
