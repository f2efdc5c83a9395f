"""The numpy backend's image ops: the ops declared in ``keras_core/ops/image.py``.

At its end this module also gathers the resampling ops of ``image_sampling.py``, so
``keras_core.backend.image`` holds every image op.
"""

import itertools

import numpy as np

from keras_core.backend.common import shape_rules
from keras_core.backend.common.exports import export_ops
from keras_core.backend.numpy import image_sampling
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


def _area_weights(in_size, out_size):
    ratio = in_size / out_size
    starts, stops = np.arange(out_size) * ratio, (np.arange(out_size) + 1) * ratio
    pixels = np.arange(in_size)
    overlap = np.minimum(stops[:, None], pixels[None, :] + 1) - np.maximum(
        starts[:, None], pixels[None, :]
    )
    return np.maximum(overlap, 0) / ratio


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
    data_format = image_format(data_format)
    x = convert_to_tensor(image)
    x, squeeze = images_to_last(x, data_format)
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
        return images_from_last(x[:, rows][:, :, cols], data_format, squeeze)
    dtype = image_float_dtype(x)
    x = x.astype(np.float64)
    if interpolation == "area":
        wh, ww = _area_weights(in_h, th), _area_weights(in_w, tw)
    else:
        wh = kernel_weights(in_h, th, th / in_h, 0.0, interpolation, antialias)
        ww = kernel_weights(in_w, tw, tw / in_w, 0.0, interpolation, antialias)
    out = apply_weights(apply_weights(x, wh, 1), ww, 2)
    return images_from_last(as_result(out, dtype), data_format, squeeze)


def _patches(x, size, strides, dilation_rate, padding):
    """x: (batch, *spatial, c) -> (batch, *out, prod(size) * c) in (taps..., c) order."""
    nd = x.ndim - 2
    if padding == "same":
        pads = [
            shape_rules.same_padding(n, k, s, d)
            for n, k, s, d in zip(x.shape[1:-1], size, strides, dilation_rate)
        ]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    out_sp = [
        shape_rules.conv_output_length(n, k, s, "valid", d)
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
    data_format = image_format(data_format)
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


def _channels_to_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -3, -1)
    return x


def _channels_from_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -1, -3)
    return x


def rgb_to_grayscale(image, data_format="channels_last"):
    data_format = image_format(data_format)
    x = convert_to_tensor(image)
    dtype = image_float_dtype(x)
    x = _channels_to_last(x.astype(np.float64), data_format)
    gray = x @ np.array([0.2989, 0.5870, 0.1140])
    return _channels_from_last(as_result(gray[..., None], dtype), data_format)


def rgb_to_hsv(images, data_format=None):
    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
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
    return _channels_from_last(as_result(out, dtype), data_format)


def hsv_to_rgb(images, data_format=None):
    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x = _channels_to_last(x.astype(np.float64), data_format)
    h, s, v = x[..., 0], x[..., 1], x[..., 2]

    def channel(n):
        k = np.mod(n + h * 6.0, 6.0)
        return v - v * s * np.clip(np.minimum(k, 4.0 - k), 0.0, 1.0)

    out = np.stack([channel(5.0), channel(3.0), channel(1.0)], axis=-1)
    return _channels_from_last(as_result(out, dtype), data_format)


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
    data_format = image_format(data_format)
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
    data_format = image_format(data_format)
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
    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x, squeeze = images_to_last(x.astype(np.float64), data_format)
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (sigma, sigma) if isinstance(sigma, (int, float)) else sigma
    kernel = np.outer(gaussian_1d(kh, sh), gaussian_1d(kw, sw))
    return images_from_last(as_result(depthwise_same(x, kernel), dtype), data_format, squeeze)


def sobel_edges(images, data_format=None):
    data_format = image_format(data_format)
    x = convert_to_tensor(images)
    dtype = image_float_dtype(x)
    x, squeeze = images_to_last(x.astype(np.float64), data_format)
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
    return as_result(out[0] if squeeze else out, dtype)


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
    data_format = image_format(data_format)
    a, b = convert_to_tensor(image1), convert_to_tensor(image2)
    dtype = image_float_dtype(a, b)
    a, squeeze = images_to_last(a.astype(np.float64), data_format)
    b, _ = images_to_last(b.astype(np.float64), data_format)
    g = gaussian_1d(filter_size, filter_sigma)
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
    return as_result(out[0] if squeeze else out, dtype)


# ``keras_core.backend.image`` also holds the resampling ops, which live in
# ``image_sampling.py`` (named after their ops module) and are gathered here.
UNSUPPORTED = export_ops(globals(), image_sampling)
