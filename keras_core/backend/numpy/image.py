# The numpy backend's image ops. Resampling uses separable weight matrices.
import itertools

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype

UNSUPPORTED = {}

_F32_EPS = float(np.finfo(np.float32).eps)


def _fmt(data_format):
    return config.standardize_data_format(data_format)


def _to_last(x, data_format):
    """Images -> (batch, h, w, c) channels last, and whether a batch axis was added."""
    squeeze = x.ndim == 3
    if squeeze:
        x = x[None]
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    return x, squeeze


def _from_last(x, data_format, squeeze):
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    return x[0] if squeeze else x


def _float_dtype(*xs):
    return dtype_rules.float_dtype(*xs)


def _out(x, dtype):
    return np.asarray(x).astype(to_native_dtype(dtype))


# ---------------------------------------------------------------------------
# Resampling kernels and weight matrices


def _triangle(x):
    return np.maximum(0.0, 1.0 - np.abs(x))


def _keys_cubic(x, a=-0.5):
    x = np.abs(x)
    inner = ((a + 2) * x - (a + 3)) * x * x + 1
    outer = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return np.where(x <= 1, inner, np.where(x < 2, outer, 0.0))


def _lanczos(n):
    def kernel(x):
        return np.where(np.abs(x) < n, np.sinc(x) * np.sinc(x / n), 0.0)

    return kernel


_KERNELS = {
    "bilinear": _triangle,
    "linear": _triangle,
    "trilinear": _triangle,
    "bicubic": _keys_cubic,
    "cubic": _keys_cubic,
    "tricubic": _keys_cubic,
    "lanczos3": _lanczos(3),
    "lanczos5": _lanczos(5),
}


def _kernel_weights(in_size, out_size, scale, translation, method, antialias):
    kernel = _KERNELS[method]
    sample = (np.arange(out_size) + 0.5 - translation) / scale - 0.5
    kscale = max(1.0 / scale, 1.0) if antialias else 1.0
    w = kernel((np.arange(in_size)[None, :] - sample[:, None]) / kscale)
    total = w.sum(axis=1, keepdims=True)
    w = np.where(np.abs(total) > 1000 * _F32_EPS, w / np.where(total == 0, 1, total), 0.0)
    inside = (sample >= -0.5) & (sample <= in_size - 0.5)
    return np.where(inside[:, None], w, 0.0)


def _area_weights(in_size, out_size):
    ratio = in_size / out_size
    starts, stops = np.arange(out_size) * ratio, (np.arange(out_size) + 1) * ratio
    pixels = np.arange(in_size)
    overlap = np.minimum(stops[:, None], pixels[None, :] + 1) - np.maximum(
        starts[:, None], pixels[None, :]
    )
    return np.maximum(overlap, 0) / ratio


def _apply_weights(x, weights, axis):
    moved = np.moveaxis(x, axis, -1)
    return np.moveaxis(moved @ weights.T, -1, axis)


def _crop_or_pad_box(height, width, target_h, target_w, crop):
    if crop:
        h = min(height, int(width * target_h / target_w))
        w = min(width, int(height * target_w / target_h))
        return int((height - h) / 2), int((width - w) / 2), h, w
    h = max(height, int(width * target_h / target_w))
    w = max(width, int(height * target_w / target_h))
    return int((h - height) / 2), int((w - width) / 2), h, w


def resize(
    image,
    size,
    interpolation="bilinear",
    antialias=False,
    data_format="channels_last",
    crop_to_aspect_ratio=False,
    pad_to_aspect_ratio=False,
    fill_mode="constant",
    fill_value=0.0,
):
    data_format = _fmt(data_format)
    x = convert_to_tensor(image)
    x, squeeze = _to_last(x, data_format)
    th, tw = size
    _, height, width, _ = x.shape
    if crop_to_aspect_ratio:
        top, left, h, w = _crop_or_pad_box(height, width, th, tw, crop=True)
        x = x[:, top : top + h, left : left + w]
    elif pad_to_aspect_ratio:
        top, left, h, w = _crop_or_pad_box(height, width, th, tw, crop=False)
        padded = np.full((x.shape[0], h, w, x.shape[-1]), fill_value, dtype=x.dtype)
        padded[:, top : top + height, left : left + width] = x
        x = padded
    in_h, in_w = x.shape[1], x.shape[2]
    if interpolation == "nearest":
        rows = np.minimum(np.floor((np.arange(th) + 0.5) * in_h / th).astype(int), in_h - 1)
        cols = np.minimum(np.floor((np.arange(tw) + 0.5) * in_w / tw).astype(int), in_w - 1)
        return _from_last(x[:, rows][:, :, cols], data_format, squeeze)
    dtype = _float_dtype(x)
    x = x.astype(np.float64)
    if interpolation == "area":
        wh, ww = _area_weights(in_h, th), _area_weights(in_w, tw)
    else:
        wh = _kernel_weights(in_h, th, th / in_h, 0.0, interpolation, antialias)
        ww = _kernel_weights(in_w, tw, tw / in_w, 0.0, interpolation, antialias)
    out = _apply_weights(_apply_weights(x, wh, 1), ww, 2)
    return _from_last(_out(out, dtype), data_format, squeeze)


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x = x.astype(np.float64)
    scale = convert_to_tensor(scale).astype(np.float64).reshape(-1)
    translation = convert_to_tensor(translation).astype(np.float64).reshape(-1)
    for i, axis in enumerate(spatial_dims):
        w = _kernel_weights(
            x.shape[axis],
            output_shape[axis],
            float(scale[i]),
            float(translation[i]),
            method,
            antialias,
        )
        x = _apply_weights(x, w, axis)
    return _out(x, dtype)


# ---------------------------------------------------------------------------
# Coordinate mapping


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
    dtype = _float_dtype(x)
    if isinstance(coordinates, (list, tuple)):
        coords = [convert_to_tensor(c).astype(np.float64) for c in coordinates]
    else:
        c = convert_to_tensor(coordinates).astype(np.float64)
        coords = [c[i] for i in range(c.shape[0])]
    out = _map_coordinates(x.astype(np.float64), coords, order, fill_mode, fill_value)
    return _out(out, dtype)


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
    data_format = _fmt(data_format)
    x = convert_to_tensor(image)
    dtype = _float_dtype(x)
    x, squeeze = _to_last(x.astype(np.float64), data_format)
    t = convert_to_tensor(transform).astype(np.float64).reshape(-1, 8)
    t = np.broadcast_to(t, (x.shape[0], 8))
    out = _apply_projective(x, t, interpolation, fill_mode, fill_value)
    return _from_last(_out(out, dtype), data_format, squeeze)


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
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x, squeeze = _to_last(x.astype(np.float64), data_format)
    start = convert_to_tensor(start_points).astype(np.float64).reshape(-1, 4, 2)
    end = convert_to_tensor(end_points).astype(np.float64).reshape(-1, 4, 2)
    batch = max(x.shape[0], start.shape[0], end.shape[0])
    start = np.broadcast_to(start, (batch, 4, 2))
    end = np.broadcast_to(end, (batch, 4, 2))
    t = np.stack([_perspective_coefficients(s, e) for s, e in zip(start, end)])
    out = _apply_projective(
        np.broadcast_to(x, (batch,) + x.shape[1:]), t, interpolation, "constant", fill_value
    )
    return _from_last(_out(out, dtype), data_format, squeeze)


def _gaussian_1d(size, sigma):
    t = np.arange(size) - (size - 1) / 2.0
    g = np.exp(-(t * t) / (2.0 * sigma * sigma))
    return g / g.sum()


def _depthwise_same(x, kernel2d):
    """x: (batch, h, w, c) float64; 'same' zero padding, cross-correlation."""
    kh, kw = kernel2d.shape
    ph, pw = kh - 1, kw - 1
    padded = np.pad(x, [(0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)])
    out = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            out += kernel2d[i, j] * padded[:, i : i + x.shape[1], j : j + x.shape[2]]
    return out


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

    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x, squeeze = _to_last(x.astype(np.float64), data_format)
    batch, h, w, _ = x.shape
    noise = np_random.uniform((batch, h, w, 2), -1.0, 1.0, dtype="float64", seed=seed)
    size = int(6 * sigma) | 1 if sigma > 0 else 1
    g = _gaussian_1d(size, sigma) if sigma > 0 else np.ones(1)
    field = _depthwise_same(noise, np.outer(g, g)) * alpha
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
    return _from_last(_out(out, dtype), data_format, squeeze)


# ---------------------------------------------------------------------------
# Patches


def _patches(x, size, strides, dilation_rate, padding):
    """x: (batch, *spatial, c) -> (batch, *out, prod(size) * c) in (taps..., c) order."""
    nd = x.ndim - 2
    if padding == "same":
        pads = []
        for n, k, s, d in zip(x.shape[1:-1], size, strides, dilation_rate):
            eff = (k - 1) * d + 1
            out = -(-n // s)
            total = max((out - 1) * s + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    out_sp = [
        (n - ((k - 1) * d + 1)) // s + 1
        for n, k, s, d in zip(x.shape[1:-1], size, strides, dilation_rate)
    ]
    taps = []
    for tap in itertools.product(*[range(k) for k in size]):
        index = (slice(None),) + tuple(
            slice(t * d, t * d + (o - 1) * s + 1, s)
            for t, d, o, s in zip(tap, dilation_rate, out_sp, strides)
        )
        taps.append(x[index])
    stacked = np.stack(taps, axis=-2)  # (batch, *out, taps, c)
    return stacked.reshape(stacked.shape[: nd + 1] + (-1,))


def _patch_op(images, size, strides, dilation_rate, padding, data_format, nd):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    squeeze = x.ndim == nd + 1
    if squeeze:
        x = x[None]
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)

    def tup(v):
        return tuple(v) if isinstance(v, (list, tuple)) else (v,) * nd

    size = tup(size)
    strides = size if strides is None else tup(strides)
    out = _patches(x, size, strides, tup(dilation_rate), padding.lower())
    if data_format == "channels_first":
        out = np.moveaxis(out, -1, 1)
    return out[0] if squeeze else out


def extract_patches(
    image, size, strides=None, dilation_rate=1, padding="valid", data_format="channels_last"
):
    return _patch_op(image, size, strides, dilation_rate, padding, data_format, 2)


def extract_patches_3d(
    volumes, size, strides=None, dilation_rate=1, padding="valid", data_format=None
):
    return _patch_op(volumes, size, strides, dilation_rate, padding, data_format, 3)


# ---------------------------------------------------------------------------
# Colour


def _channels_to_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -3, -1)
    return x


def _channels_from_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -1, -3)
    return x


def rgb_to_grayscale(image, data_format="channels_last"):
    data_format = _fmt(data_format)
    x = convert_to_tensor(image)
    dtype = _float_dtype(x)
    x = _channels_to_last(x.astype(np.float64), data_format)
    gray = x @ np.array([0.2989, 0.5870, 0.1140])
    return _channels_from_last(_out(gray[..., None], dtype), data_format)


def rgb_to_hsv(images, data_format=None):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x = _channels_to_last(x.astype(np.float64), data_format)
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = x.max(axis=-1)
    delta = v - x.min(axis=-1)
    safe = np.where(delta > 0, delta, 1.0)
    s = np.where(v > 0, delta / np.where(v > 0, v, 1.0), 0.0)
    h = np.where(
        v == r, (g - b) / safe, np.where(v == g, 2.0 + (b - r) / safe, 4.0 + (r - g) / safe)
    )
    h = np.where(delta > 0, np.mod(h / 6.0, 1.0), 0.0)
    out = np.stack([h, s, v], axis=-1)
    return _channels_from_last(_out(out, dtype), data_format)


def hsv_to_rgb(images, data_format=None):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x = _channels_to_last(x.astype(np.float64), data_format)
    h, s, v = x[..., 0], x[..., 1], x[..., 2]

    def channel(n):
        k = np.mod(n + h * 6.0, 6.0)
        return v - v * s * np.clip(np.minimum(k, 4.0 - k), 0.0, 1.0)

    out = np.stack([channel(5.0), channel(3.0), channel(1.0)], axis=-1)
    return _channels_from_last(_out(out, dtype), data_format)


# ---------------------------------------------------------------------------
# Padding, cropping, filters


def _hw_axes(x, data_format):
    return (x.ndim - 3, x.ndim - 2) if data_format == "channels_last" else (x.ndim - 2, x.ndim - 1)


def pad_images(
    images,
    top_padding=None,
    left_padding=None,
    bottom_padding=None,
    right_padding=None,
    target_height=None,
    target_width=None,
    data_format=None,
):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    hi, wi = _hw_axes(x, data_format)
    top = top_padding if top_padding is not None else target_height - x.shape[hi] - bottom_padding
    left = left_padding if left_padding is not None else target_width - x.shape[wi] - right_padding
    bottom = (target_height - x.shape[hi] - top) if target_height is not None else bottom_padding
    right = (target_width - x.shape[wi] - left) if target_width is not None else right_padding
    widths = [(0, 0)] * x.ndim
    widths[hi], widths[wi] = (top, bottom), (left, right)
    return np.pad(x, widths)


def crop_images(
    images,
    top_cropping=None,
    left_cropping=None,
    bottom_cropping=None,
    right_cropping=None,
    target_height=None,
    target_width=None,
    data_format=None,
):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    hi, wi = _hw_axes(x, data_format)
    h, w = x.shape[hi], x.shape[wi]
    top = top_cropping if top_cropping is not None else h - target_height - bottom_cropping
    left = left_cropping if left_cropping is not None else w - target_width - right_cropping
    height = target_height if target_height is not None else h - top - bottom_cropping
    width = target_width if target_width is not None else w - left - right_cropping
    index = [slice(None)] * x.ndim
    index[hi], index[wi] = slice(top, top + height), slice(left, left + width)
    return x[tuple(index)]


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x, squeeze = _to_last(x.astype(np.float64), data_format)
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (sigma, sigma) if isinstance(sigma, (int, float)) else sigma
    kernel = np.outer(_gaussian_1d(kh, sh), _gaussian_1d(kw, sw))
    return _from_last(_out(_depthwise_same(x, kernel), dtype), data_format, squeeze)


def sobel_edges(images, data_format=None):
    data_format = _fmt(data_format)
    x = convert_to_tensor(images)
    dtype = _float_dtype(x)
    x, squeeze = _to_last(x.astype(np.float64), data_format)
    padded = np.pad(x, [(0, 0), (1, 1), (1, 1), (0, 0)], mode="reflect")
    ky = np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
    h, w = x.shape[1], x.shape[2]
    dy = np.zeros_like(x)
    dx = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            window = padded[:, i : i + h, j : j + w]
            dy += ky[i, j] * window
            dx += ky[j, i] * window
    out = np.stack([dy, dx], axis=-1)  # (batch, h, w, c, 2)
    if data_format == "channels_first":
        out = np.moveaxis(out, 3, 1)
    return _out(out[0] if squeeze else out, dtype)


def ssim(
    image1,
    image2,
    max_val=1.0,
    filter_size=11,
    filter_sigma=1.5,
    k1=0.01,
    k2=0.03,
    data_format=None,
):
    data_format = _fmt(data_format)
    a, b = convert_to_tensor(image1), convert_to_tensor(image2)
    dtype = _float_dtype(a, b)
    a, squeeze = _to_last(a.astype(np.float64), data_format)
    b, _ = _to_last(b.astype(np.float64), data_format)
    g = _gaussian_1d(filter_size, filter_sigma)
    kernel = np.outer(g, g)
    oh, ow = a.shape[1] - filter_size + 1, a.shape[2] - filter_size + 1

    def filt(v):
        out = np.zeros((v.shape[0], oh, ow, v.shape[-1]))
        for i in range(filter_size):
            for j in range(filter_size):
                out += kernel[i, j] * v[:, i : i + oh, j : j + ow]
        return out

    mx, my = filt(a), filt(b)
    sxx, syy, sxy = filt(a * a) - mx * mx, filt(b * b) - my * my, filt(a * b) - mx * my
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    value = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    out = value.mean(axis=(1, 2, 3))
    return _out(out[0] if squeeze else out, dtype)
