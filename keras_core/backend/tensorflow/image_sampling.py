"""The tensorflow backend's resampling image ops (keras_core/ops/image_sampling.py):
map_coordinates, affine/perspective/elastic transforms and scale_and_translate.

``image.py`` gathers them into ``keras_core.backend.image``.
"""

import math

import tensorflow as tf

from keras_core.backend.common import dtype_rules
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
_INTERPOLATIONS = {"nearest": 0, "bilinear": 1}


def _map_index(index, size, fill_mode):
    """Maps integer sample indices into [0, size) for a fill mode (constant: clipped)."""
    if fill_mode == "wrap":
        return tf.math.floormod(index, size)
    if fill_mode == "mirror":
        period = tf.maximum(2 * size - 2, 1)
        i = tf.math.floormod(tf.abs(index), period)
        return tf.where(i >= size, period - i, i)
    if fill_mode == "reflect":
        period = 2 * size
        i = tf.math.floormod(index, period)
        return tf.where(i >= size, period - 1 - i, i)
    return tf.clip_by_value(index, 0, size - 1)


def _corner_terms(coordinates, sizes, order, fill_mode):
    """Yields (mapped int indices per axis, weight, in-bounds mask) for each interpolation corner."""
    if order == 0:
        idx = [tf.cast(tf.floor(c + 0.5), "int32") for c in coordinates]
        valid = tf.reduce_all(tf.stack([(i >= 0) & (i < s) for i, s in zip(idx, sizes)]), axis=0)
        yield [_map_index(i, s, fill_mode) for i, s in zip(idx, sizes)], None, valid
        return
    lows = [tf.floor(c) for c in coordinates]
    fracs = [c - lo for c, lo in zip(coordinates, lows)]
    lows = [tf.cast(lo, "int32") for lo in lows]
    for corner in range(2 ** len(coordinates)):
        idx, weight, valid = [], None, None
        for axis, (lo, frac, size) in enumerate(zip(lows, fracs, sizes)):
            high = (corner >> axis) & 1
            i = lo + high
            w = frac if high else 1 - frac
            weight = w if weight is None else weight * w
            ok = (i >= 0) & (i < size)
            valid = ok if valid is None else valid & ok
            idx.append(_map_index(i, size, fill_mode))
        yield idx, weight, valid


def map_coordinates(input, coordinates, order, fill_mode="constant", fill_value=0):
    op = "map_coordinates"
    x = convert_to_tensor(input)
    if order not in (0, 1):
        raise ValueError(f"{op}: `order` must be 0 or 1. Received: order={order!r}")
    h.check_choice(op, "fill_mode", fill_mode, _FILL_MODES)
    rank = h.static_rank(op, x)
    if isinstance(coordinates, (list, tuple)):
        coords = [convert_to_tensor(c) for c in coordinates]
    else:
        coordinates = convert_to_tensor(coordinates)
        coords = [coordinates[i] for i in range(coordinates.shape[0] or 0)]
    if len(coords) != rank:
        raise ValueError(
            f"{op}: `coordinates` must hold one coordinate array per axis of `input` ({rank}). "
            f"Received {len(coords)}."
        )
    out_dtype = dtype_rules.float_dtype(x)
    compute = h.work_dtype(out_dtype)
    coords = [tf.cast(c, compute) for c in coords]
    values = tf.cast(x, compute)
    sizes = [h.dim(x, i) for i in range(rank)]
    fill = h.cast(fill_value, compute)
    out = None
    for idx, weight, valid in _corner_terms(coords, sizes, order, fill_mode):
        v = tf.gather_nd(values, tf.stack(idx, axis=-1))
        if fill_mode == "constant":
            v = tf.where(valid, v, fill)
        term = v if weight is None else weight * v
        out = term if out is None else out + term
    return tf.cast(out, out_dtype)


def _sample_images(x, ys, xs, order, fill_mode, fill_value):
    """Samples NHWC images at per-batch (batch, out_h, out_w) row/column coordinates."""
    height, width, channels = h.dim(x, 1), h.dim(x, 2), h.dim(x, 3)
    batch = h.dim(x, 0)
    flat = tf.reshape(x, tf.stack([batch, height * width, channels]))
    fill = h.cast(fill_value, x.dtype)
    out = None
    for (iy, ix), weight, valid in _corner_terms([ys, xs], [height, width], order, fill_mode):
        v = tf.gather(flat, iy * width + ix, batch_dims=1)
        if fill_mode == "constant":
            v = tf.where(valid[..., None], v, fill)
        term = v if weight is None else weight[..., None] * v
        out = term if out is None else out + term
    return out


def _transform_sample(images, transform, interpolation, fill_mode, fill_value, data_format, op):
    h.check_choice(op, "interpolation", interpolation, _INTERPOLATIONS)
    h.check_choice(op, "fill_mode", fill_mode, _FILL_MODES)
    x, layout = h.images_nhwc(op, images, data_format)
    out_dtype = dtype_rules.float_dtype(x)
    compute = h.work_dtype(out_dtype)
    x = tf.cast(x, compute)
    t = tf.cast(convert_to_tensor(transform), compute)
    if t.shape.rank == 1:
        t = t[None]
    if t.shape.rank != 2 or t.shape[-1] != 8:
        raise ValueError(
            f"{op}: the transform must have shape (8,) or (batch, 8). "
            f"Received: shape={tuple(t.shape.as_list())}"
        )
    t = tf.broadcast_to(t, tf.stack([h.dim(x, 0), 8]))
    height, width = h.dim(x, 1), h.dim(x, 2)
    gy, gx = tf.meshgrid(
        tf.range(height, dtype=compute), tf.range(width, dtype=compute), indexing="ij"
    )
    gy, gx = gy[None], gx[None]
    # (batch, 1, 1) per coefficient; reshape rather than newaxis indexing, whose
    # static shape is lost in non-XLA graphs with an unknown batch size.
    c = [tf.reshape(t[:, i], [-1, 1, 1]) for i in range(8)]
    k = c[6] * gx + c[7] * gy + 1
    src_x = (c[0] * gx + c[1] * gy + c[2]) / k
    src_y = (c[3] * gx + c[4] * gy + c[5]) / k
    out = _sample_images(x, src_y, src_x, _INTERPOLATIONS[interpolation], fill_mode, fill_value)
    return h.restore_layout(tf.cast(out, out_dtype), layout)


def affine_transform(
    image,
    transform,
    interpolation="bilinear",
    fill_mode="constant",
    fill_value=0,
    data_format=None,
):
    return _transform_sample(
        image, transform, interpolation, fill_mode, fill_value, data_format, "affine_transform"
    )


def _homography(start_points, end_points, dtype):
    """The 8 projective coefficients mapping each end point (output) onto its start point."""
    src = tf.cast(convert_to_tensor(start_points), dtype)
    dst = tf.cast(convert_to_tensor(end_points), dtype)
    for name, p in (("start_points", src), ("end_points", dst)):
        if p.shape.rank not in (2, 3) or p.shape[-2:] != (4, 2):
            raise ValueError(
                f"perspective_transform: `{name}` must have shape (4, 2) or (batch, 4, 2). "
                f"Received: {name}.shape={tuple(p.shape.as_list())}"
            )
    if src.shape.rank == 2:
        src = src[None]
    if dst.shape.rank == 2:
        dst = dst[None]
    batch = tf.broadcast_dynamic_shape(tf.shape(src)[:1], tf.shape(dst)[:1])
    src = tf.broadcast_to(src, tf.concat([batch, [4, 2]], 0))
    dst = tf.broadcast_to(dst, tf.concat([batch, [4, 2]], 0))
    xo, yo, xi, yi = dst[..., 0], dst[..., 1], src[..., 0], src[..., 1]
    zeros, ones = tf.zeros_like(xo), tf.ones_like(xo)
    rows_x = tf.stack([xo, yo, ones, zeros, zeros, zeros, -xo * xi, -yo * xi], axis=-1)
    rows_y = tf.stack([zeros, zeros, zeros, xo, yo, ones, -xo * yi, -yo * yi], axis=-1)
    a = tf.concat([rows_x, rows_y], axis=1)
    b = tf.concat([xi, yi], axis=1)[..., None]
    return tf.linalg.solve(a, b)[..., 0]


def perspective_transform(
    images,
    start_points,
    end_points,
    interpolation="bilinear",
    fill_value=0,
    data_format=None,
):
    compute = h.work_dtype(convert_to_tensor(images).dtype)
    transform = _homography(start_points, end_points, compute)
    return _transform_sample(
        images,
        transform,
        interpolation,
        "constant",
        fill_value,
        data_format,
        "perspective_transform",
    )


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
    from keras_core.backend.tensorflow import random as tf_random

    op = "elastic_transform"
    h.check_choice(op, "interpolation", interpolation, _INTERPOLATIONS)
    h.check_choice(op, "fill_mode", fill_mode, _FILL_MODES)
    x, layout = h.images_nhwc(op, images, data_format)
    out_dtype = dtype_rules.float_dtype(x)
    compute = h.work_dtype(out_dtype)
    x = tf.cast(x, compute)
    batch, height, width = h.dim(x, 0), h.dim(x, 1), h.dim(x, 2)
    shape = tf.stack([batch, height, width, 2])
    noise = tf_random.uniform(shape, minval=-1.0, maxval=1.0, dtype=compute, seed=seed)
    size = 2 * int(math.ceil(3 * float(sigma))) + 1
    displacement = h.blur_nhwc(noise, (size, size), (sigma, sigma)) * h.cast(alpha, compute)
    gy, gx = tf.meshgrid(
        tf.range(height, dtype=compute), tf.range(width, dtype=compute), indexing="ij"
    )
    src_y = gy[None] + displacement[..., 0]
    src_x = gx[None] + displacement[..., 1]
    out = _sample_images(x, src_y, src_x, _INTERPOLATIONS[interpolation], fill_mode, fill_value)
    return h.restore_layout(tf.cast(out, out_dtype), layout)


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    op = "scale_and_translate"
    h.check_choice(op, "method", method, h.SCALE_KERNELS)
    x = h.to_float(images)
    out_dtype = dtype_rules.float_dtype(x)
    compute = h.work_dtype(out_dtype)
    x = tf.cast(x, compute)
    rank = h.static_rank(op, x)
    output_shape = tuple(int(d) for d in output_shape)
    dims = tuple(h.canonical_axis(op, d, rank, "spatial_dims") for d in spatial_dims)
    if len(output_shape) != rank:
        raise ValueError(
            f"{op}: `output_shape` must have one size per axis of `images` ({rank}). "
            f"Received: output_shape={output_shape}"
        )
    scale = tf.cast(convert_to_tensor(scale), compute)
    translation = tf.cast(convert_to_tensor(translation), compute)
    for i, d in enumerate(dims):
        weights = h.scale_weights(
            x.shape[d],
            output_shape[d],
            scale[i],
            translation[i],
            h.SCALE_KERNELS[method],
            antialias,
            compute,
        )
        moved = tf.tensordot(x, weights, [[d], [1]])
        x = h.move_axis(moved, -1, d)
    return tf.cast(x, out_dtype)
