"""The torch backend's resampling ops (affine_transform, perspective_transform,
map_coordinates, scale_and_translate, elastic_transform): the ops declared in
``keras_core/ops/image_sampling.py``; ``image.py`` gathers them.
"""

import itertools

import torch

from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import (
    apply_weights,
    channels_first_images,
    check_choice,
    depthwise_same,
    gaussian_1d,
    kernel_weights,
    native_float_dtype,
    restore_images,
    work_dtype,
)

UNSUPPORTED = {}


FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
_SCALE_METHODS = {
    "linear": "linear",
    "bilinear": "linear",
    "trilinear": "linear",
    "triangle": "linear",
    "cubic": "cubic",
    "bicubic": "cubic",
    "tricubic": "cubic",
    "keyscubic": "cubic",
    "lanczos3": "lanczos3",
    "lanczos5": "lanczos5",
}


def _round_half_away(x):
    return torch.sign(x) * torch.floor(torch.abs(x) + 0.5)


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    op = "scale_and_translate"
    check_choice(op, method, tuple(_SCALE_METHODS), "method")
    x = convert_to_tensor(images)
    x = x.to(to_native_dtype(dtype_rules.float_dtype(x)))
    dtype = x.dtype
    output_shape = tuple(int(d) for d in output_shape)
    if len(output_shape) != x.ndim:
        raise ValueError(
            f"{op}: `output_shape` must have one entry per axis of `images`. "
            f"Received: output_shape={output_shape}, images.shape={tuple(x.shape)}"
        )
    scale = convert_to_tensor(scale).to(torch.float64).reshape(-1)
    translation = convert_to_tensor(translation).to(torch.float64).reshape(-1)
    y = x.to(work_dtype(dtype))
    for i, dim in enumerate(spatial_dims):
        dim = dim % x.ndim
        weights = kernel_weights(
            x.shape[dim],
            output_shape[dim],
            _SCALE_METHODS[method],
            scale[i],
            translation[i],
            antialias,
        )
        y = apply_weights(y, weights, dim)
    return y.to(dtype)


def _map_index(index, size, fill_mode):
    if fill_mode == "constant":
        valid = (index >= 0) & (index < size)
        return torch.clamp(index, 0, size - 1), valid
    if fill_mode == "nearest":
        return torch.clamp(index, 0, size - 1), None
    if fill_mode == "wrap":
        return torch.remainder(index, size), None
    if fill_mode == "mirror":
        if size == 1:
            return torch.zeros_like(index), None
        period = 2 * size - 2
        r = torch.remainder(index, period)
        return torch.where(r >= size, period - r, r), None
    period = 2 * size
    r = torch.remainder(index, period)
    return torch.where(r >= size, period - 1 - r, r), None


def _corners(coord, order):
    if order == 0:
        # Nearest sample, ties rounded away from zero.
        return [(_round_half_away(coord).to(torch.int64), None)]
    low = torch.floor(coord)
    frac = coord - low
    low = low.to(torch.int64)
    return [(low, 1.0 - frac), (low + 1, frac)]


def _sample(x, coords, order, fill_mode, fill_value):
    # x: (batch, channels, *spatial); coords: one (batch, *out) float tensor per spatial dim.
    b, c = x.shape[:2]
    spatial = tuple(x.shape[2:])
    out_shape = tuple(coords[0].shape[1:])
    flat = x.reshape(b, c, -1)
    fill = torch.as_tensor(fill_value, dtype=x.dtype)
    result = None
    for combo in itertools.product(*[_corners(cd, order) for cd in coords]):
        index, weight, valid = 0, None, None
        for size, (i, w) in zip(spatial, combo):
            mapped, ok = _map_index(i, size, fill_mode)
            index = index * size + mapped
            if w is not None:
                weight = w if weight is None else weight * w
            if ok is not None:
                valid = ok if valid is None else valid & ok
        vals = torch.gather(flat, 2, index.reshape(b, 1, -1).expand(b, c, -1))
        vals = vals.reshape((b, c) + out_shape)
        if valid is not None:
            vals = torch.where(valid.unsqueeze(1), vals, fill)
        if weight is not None:
            vals = vals * weight.unsqueeze(1).to(x.dtype)
        result = vals if result is None else result + vals
    return result


def map_coordinates(input, coordinates, order, fill_mode="constant", fill_value=0):
    op = "map_coordinates"
    check_choice(op, order, (0, 1), "order")
    check_choice(op, fill_mode, FILL_MODES, "fill_mode")
    x = convert_to_tensor(input)
    coords = convert_to_tensor(coordinates)
    if coords.ndim < 1 or coords.shape[0] != x.ndim:
        raise ValueError(
            f"{op}: `coordinates` must have shape ({x.ndim}, ...), one row per "
            f"axis of `input`. Received: input.shape={tuple(x.shape)}, "
            f"coordinates.shape={tuple(coords.shape)}"
        )
    dtype = native_float_dtype(x)
    work = work_dtype(dtype)
    coords = coords.to(work if coords.dtype != torch.float64 else torch.float64)
    y = _sample(x.to(work)[None, None], [c[None] for c in coords], order, fill_mode, fill_value)
    return y[0, 0].to(dtype)


def _transform_coords(transform, batch, height, width, dtype):
    t = convert_to_tensor(transform).to(dtype)
    if t.ndim == 1:
        t = t[None]
    if t.ndim != 2 or t.shape[-1] != 8:
        raise ValueError(
            "affine_transform: `transform` must have shape (8,) or (batch, 8). "
            f"Received: transform.shape={tuple(t.shape)}"
        )
    t = t.expand(batch, 8)
    ys, xs = torch.meshgrid(
        torch.arange(height, dtype=dtype), torch.arange(width, dtype=dtype), indexing="ij"
    )
    a = [t[:, i].reshape(-1, 1, 1) for i in range(8)]
    k = a[6] * xs + a[7] * ys + 1.0
    in_x = (a[0] * xs + a[1] * ys + a[2]) / k
    in_y = (a[3] * xs + a[4] * ys + a[5]) / k
    return in_y, in_x


def affine_transform(
    image, transform, interpolation="bilinear", fill_mode="constant", fill_value=0, data_format=None
):
    op = "affine_transform"
    check_choice(op, interpolation, ("nearest", "bilinear"), "interpolation")
    check_choice(op, fill_mode, FILL_MODES, "fill_mode")
    x, df, unbatched = channels_first_images(op, image, data_format)
    dtype = native_float_dtype(x)
    work = work_dtype(dtype)
    in_y, in_x = _transform_coords(transform, x.shape[0], x.shape[2], x.shape[3], work)
    order = 0 if interpolation == "nearest" else 1
    y = _sample(x.to(work), [in_y, in_x], order, fill_mode, fill_value)
    return restore_images(y.to(dtype), df, unbatched)


def _perspective_coefficients(start_points, end_points, dtype):
    start = convert_to_tensor(start_points).to(torch.float64)
    end = convert_to_tensor(end_points).to(torch.float64)
    if start.ndim == 2:
        start = start[None]
    if end.ndim == 2:
        end = end[None]
    for name, p in (("start_points", start), ("end_points", end)):
        if p.ndim != 3 or tuple(p.shape[1:]) != (4, 2):
            raise ValueError(
                f"perspective_transform: `{name}` must have shape (4, 2) or "
                f"(batch, 4, 2). Received: {name}.shape={tuple(p.shape)}"
            )
    start, end = torch.broadcast_tensors(start, end)
    # Output point (u, v) = end maps to input point (x, y) = start.
    u, v = end[..., 0], end[..., 1]
    x, y = start[..., 0], start[..., 1]
    zero, one = torch.zeros_like(u), torch.ones_like(u)
    rows_x = torch.stack([u, v, one, zero, zero, zero, -u * x, -v * x], dim=-1)
    rows_y = torch.stack([zero, zero, zero, u, v, one, -u * y, -v * y], dim=-1)
    system = torch.cat([rows_x, rows_y], dim=1)
    rhs = torch.cat([x, y], dim=1).unsqueeze(-1)
    return torch.linalg.solve(system, rhs).squeeze(-1).to(dtype)


def perspective_transform(
    images, start_points, end_points, interpolation="bilinear", fill_value=0, data_format=None
):
    op = "perspective_transform"
    check_choice(op, interpolation, ("nearest", "bilinear"), "interpolation")
    x, df, unbatched = channels_first_images(op, images, data_format)
    dtype = native_float_dtype(x)
    work = work_dtype(dtype)
    coeffs = _perspective_coefficients(start_points, end_points, work)
    if coeffs.shape[0] not in (1, x.shape[0]):
        raise ValueError(
            f"{op}: the batch of points ({coeffs.shape[0]}) does not match the "
            f"batch of images ({x.shape[0]})."
        )
    in_y, in_x = _transform_coords(coeffs, x.shape[0], x.shape[2], x.shape[3], work)
    order = 0 if interpolation == "nearest" else 1
    y = _sample(x.to(work), [in_y, in_x], order, "constant", fill_value)
    return restore_images(y.to(dtype), df, unbatched)


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
    from keras_core.backend.torch.random import normal

    op = "elastic_transform"
    check_choice(op, interpolation, ("nearest", "bilinear"), "interpolation")
    check_choice(op, fill_mode, FILL_MODES, "fill_mode")
    x, df, unbatched = channels_first_images(op, images, data_format)
    dtype = native_float_dtype(x)
    work = work_dtype(dtype)
    b, _, h, w = x.shape
    size = int(6 * float(sigma)) | 1
    kernel = torch.outer(
        gaussian_1d(size, float(sigma), work), gaussian_1d(size, float(sigma), work)
    )
    noise = normal(
        (b, 2, h, w), dtype="float64" if work == torch.float64 else "float32", seed=seed
    ).to(work)
    displacement = depthwise_same(noise, kernel) * float(alpha)
    ys, xs = torch.meshgrid(torch.arange(h, dtype=work), torch.arange(w, dtype=work), indexing="ij")
    order = 0 if interpolation == "nearest" else 1
    coords = [ys + displacement[:, 0], xs + displacement[:, 1]]
    y = _sample(x.to(work), coords, order, fill_mode, fill_value)
    return restore_images(y.to(dtype), df, unbatched)
