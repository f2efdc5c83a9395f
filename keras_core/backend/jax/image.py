"""The jax backend's ops of ``keras_core/ops/image.py`` (``keras_core.backend.image``).

At its end this module gathers the ops of image_sampling.py with ``export_ops``,
so ``backend.image`` offers the whole image family.
"""

import operator

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.common.exports import export_ops
from keras_core.backend.jax import image_sampling
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.nn_conv import depthwise_conv
from keras_core.backend.jax.op_helpers import (
    blur_nhwc,
    images_nhwc,
    int_tuple,
    padding_arg,
    restore_layout,
    to_float,
    window_slices,
)

UNSUPPORTED = {}

RESIZE_INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5", "area")


def _pair(value, op, name):
    try:
        if isinstance(value, (list, tuple)):
            out = tuple(operator.index(v) for v in value)
        else:
            out = (operator.index(value),) * 2
    except TypeError as e:
        raise TypeError(f"{op}: `{name}` must be an int or 2 ints. Received: {value!r}") from e
    if len(out) != 2 or any(v < 1 for v in out):
        raise ValueError(f"{op}: `{name}` must be 2 positive ints. Received: {name}={value!r}")
    return out


# ---------------------------------------------------------------------------
# resize


def _area_weights(in_size, out_size):
    scale = in_size / out_size
    weights = np.zeros((out_size, in_size))
    for i in range(out_size):
        start, end = i * scale, (i + 1) * scale
        for j in range(int(np.floor(start)), min(int(np.ceil(end)), in_size)):
            weights[i, j] = (min(end, j + 1) - max(start, j)) / scale
    return weights


def _nearest_index(in_size, out_size):
    index = np.floor((np.arange(out_size) + 0.5) * (in_size / out_size))
    return np.minimum(index, in_size - 1).astype(np.int32)


def _apply_weights(x, weights_h, weights_w):
    x = jnp.einsum(
        "oh,bhwc->bowc", jnp.asarray(weights_h, x.dtype), x, precision=jax.lax.Precision.HIGHEST
    )
    return jnp.einsum(
        "ow,bhwc->bhoc", jnp.asarray(weights_w, x.dtype), x, precision=jax.lax.Precision.HIGHEST
    )


def _resize_nhwc(x, size, interpolation, antialias):
    (h, w), (oh, ow) = x.shape[1:3], size
    if interpolation == "nearest":
        x = jnp.take(x, jnp.asarray(_nearest_index(h, oh)), axis=1)
        return jnp.take(x, jnp.asarray(_nearest_index(w, ow)), axis=2)
    x = to_float(x)
    if interpolation == "area":
        return _apply_weights(x, _area_weights(h, oh), _area_weights(w, ow))
    method = {"bilinear": "linear", "bicubic": "cubic"}.get(interpolation, interpolation)
    shape = (x.shape[0], oh, ow, x.shape[3])
    return jax.image.resize(x, shape, method=method, antialias=bool(antialias))


def _crop_to_aspect(x, size):
    h, w = x.shape[1:3]
    crop_h = max(min(h, int(w * size[0] / size[1])), 1)
    crop_w = max(min(w, int(h * size[1] / size[0])), 1)
    top, left = (h - crop_h) // 2, (w - crop_w) // 2
    return x[:, top : top + crop_h, left : left + crop_w, :]


def _pad_to_aspect(x, size, fill_value):
    h, w = x.shape[1:3]
    pad_h = max(h, int(w * size[0] / size[1]))
    pad_w = max(w, int(h * size[1] / size[0]))
    # like Keras: the same margin on both sides ((target - size) // 2 each)
    top, left = (pad_h - h) // 2, (pad_w - w) // 2
    pads = ((0, 0), (top, top), (left, left), (0, 0))
    return jnp.pad(x, pads, constant_values=jnp.asarray(fill_value).astype(x.dtype))


def resize(
    image,
    size,
    interpolation="bilinear",
    antialias=False,
    data_format=None,
    crop_to_aspect_ratio=False,
    pad_to_aspect_ratio=False,
    fill_mode="constant",
    fill_value=0.0,
):
    if interpolation not in RESIZE_INTERPOLATIONS:
        raise ValueError(
            f"resize: `interpolation` must be one of {RESIZE_INTERPOLATIONS}. "
            f"Received: interpolation={interpolation!r}"
        )
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            "resize: only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True."
        )
    if fill_mode != "constant":
        raise ValueError(f"resize: `fill_mode` must be 'constant'. Received: {fill_mode!r}")
    size = _pair(size, "resize", "size")
    x, layout = images_nhwc("resize", image, data_format, arg="image")
    if crop_to_aspect_ratio:
        x = _crop_to_aspect(x, size)
    elif pad_to_aspect_ratio:
        x = _pad_to_aspect(x, size, fill_value)
    return restore_layout(_resize_nhwc(x, size, interpolation, antialias), layout)


# ---------------------------------------------------------------------------
# blur


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    x, layout = images_nhwc("gaussian_blur", images, data_format)
    kernel_size = _pair(kernel_size, "gaussian_blur", "kernel_size")
    if not isinstance(sigma, (list, tuple)):
        sigma = (sigma, sigma)
    if len(sigma) != 2:
        raise ValueError(f"gaussian_blur: `sigma` must be 1 or 2 numbers. Received: {sigma!r}")
    out = blur_nhwc(to_float(x), kernel_size, sigma)
    return restore_layout(out, layout)


# ---------------------------------------------------------------------------
# colour spaces


def _check_rgb(x, op):
    if x.shape[-1] != 3:
        raise ValueError(
            f"{op}: `images` must have 3 channels. Received: images.shape={tuple(x.shape)} "
            "(after moving channels last)"
        )


def rgb_to_grayscale(images, data_format=None):
    x, layout = images_nhwc("rgb_to_grayscale", images, data_format)
    _check_rgb(x, "rgb_to_grayscale")
    y = to_float(x)
    weights = jnp.asarray([0.2989, 0.5870, 0.1140], y.dtype)
    gray = jnp.tensordot(y, weights, axes=([-1], [0]))[..., None]
    return restore_layout(gray.astype(x.dtype), layout)


def _float_images(images, data_format, op):
    x, layout = images_nhwc(op, images, data_format)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise ValueError(f"{op}: `images` must be a float tensor. Received: dtype={x.dtype}")
    _check_rgb(x, op)
    return x, layout


def rgb_to_hsv(images, data_format=None):
    x, layout = _float_images(images, data_format, "rgb_to_hsv")
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    value = jnp.max(x, axis=-1)
    span = value - jnp.min(x, axis=-1)
    safe_value = jnp.where(value > 0, value, 1)
    saturation = jnp.where(value > 0, span / safe_value, 0)
    safe_span = jnp.where(span > 0, span, 1)
    hue = jnp.where(
        value == r,
        (g - b) / safe_span,
        jnp.where(value == g, 2 + (b - r) / safe_span, 4 + (r - g) / safe_span),
    )
    hue = jnp.where(span > 0, jnp.mod(hue / 6, 1.0), 0)
    return restore_layout(jnp.stack([hue, saturation, value], axis=-1), layout)


def hsv_to_rgb(images, data_format=None):
    x, layout = _float_images(images, data_format, "hsv_to_rgb")
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = jnp.mod(h, 1.0) * 6
    r = jnp.clip(jnp.abs(dh - 3) - 1, 0, 1)
    g = jnp.clip(2 - jnp.abs(dh - 2), 0, 1)
    b = jnp.clip(2 - jnp.abs(dh - 4), 0, 1)
    rgb = jnp.stack([r, g, b], axis=-1)
    return restore_layout(((rgb - 1) * s[..., None] + 1) * v[..., None], layout)


# ---------------------------------------------------------------------------
# padding, cropping, patches, edges, similarity


def _sides(before, after, target, size, sign, op, names):
    # pad: before + size + after == target; crop (sign=-1): size - before - after == target
    given = sum(v is not None for v in (before, after, target))
    if given < 2:
        raise ValueError(
            f"{op}: give two of `{names[0]}`, `{names[1]}` and `{names[2]}`. "
            f"Received: {names[0]}={before}, {names[1]}={after}, {names[2]}={target}"
        )
    if before is None:
        before = sign * (target - size) - after
    elif after is None:
        after = sign * (target - size) - before
    elif target is not None and size + sign * (before + after) != target:
        raise ValueError(
            f"{op}: `{names[0]}`={before}, `{names[1]}`={after} and `{names[2]}`={target} "
            f"disagree for an image size of {size}."
        )
    return int(before), int(after)


def _pad_sides(before, after, target, size, op, names):
    return _sides(before, after, target, size, 1, op, names)


def _crop_sides(before, after, target, size, op, names):
    return _sides(before, after, target, size, -1, op, names)


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
    x, layout = images_nhwc("pad_images", images, data_format)
    h, w = x.shape[1:3]
    top, bottom = _pad_sides(
        top_padding,
        bottom_padding,
        target_height,
        h,
        "pad_images",
        ("top_padding", "bottom_padding", "target_height"),
    )
    left, right = _pad_sides(
        left_padding,
        right_padding,
        target_width,
        w,
        "pad_images",
        ("left_padding", "right_padding", "target_width"),
    )
    if min(top, bottom, left, right) < 0:
        raise ValueError(
            "pad_images: the paddings must be >= 0 (the target is smaller than the image). "
            f"Received: top={top}, bottom={bottom}, left={left}, right={right}, "
            f"image size {(h, w)}"
        )
    out = jnp.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    return restore_layout(out, layout)


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
    x, layout = images_nhwc("crop_images", images, data_format)
    h, w = x.shape[1:3]
    top, bottom = _crop_sides(
        top_cropping,
        bottom_cropping,
        target_height,
        h,
        "crop_images",
        ("top_cropping", "bottom_cropping", "target_height"),
    )
    left, right = _crop_sides(
        left_cropping,
        right_cropping,
        target_width,
        w,
        "crop_images",
        ("left_cropping", "right_cropping", "target_width"),
    )
    if min(top, bottom, left, right) < 0 or top + bottom >= h or left + right >= w:
        raise ValueError(
            "crop_images: the croppings must be >= 0 and leave at least one pixel. "
            f"Received: top={top}, bottom={bottom}, left={left}, right={right}, "
            f"image size {(h, w)}"
        )
    return restore_layout(x[:, top : h - bottom, left : w - right, :], layout)


def _patches(x, size, strides, dilation_rate, padding, data_format, op):
    nd = x.ndim - 2
    strides = size if strides is None else int_tuple(op, strides, nd, "strides")
    dilation = int_tuple(op, dilation_rate, nd, "dilation_rate")
    padding = padding_arg(op, padding)
    axes = tuple(range(1, nd + 1)) if data_format == "channels_last" else tuple(range(2, nd + 2))
    sizes = [x.shape[a] for a in axes]
    if padding == "same":
        pads = [
            shape_rules.same_padding(n, k, s, d)
            for n, k, s, d in zip(sizes, size, strides, dilation)
        ]
    else:
        pads = [(0, 0)] * nd
    views, counts = window_slices(op, x, axes, size, strides, dilation, pads)
    if data_format == "channels_last":
        out = jnp.stack(views, axis=-2)
        return out.reshape(out.shape[: nd + 1] + (-1,))
    out = jnp.stack(views, axis=1)
    return out.reshape((x.shape[0], -1) + tuple(counts))


def _patch_size(size, n, op):
    if isinstance(size, int):
        return (size,) * n
    size = tuple(int(s) for s in size)
    if len(size) != n:
        raise ValueError(f"{op}: `size` must be an int or {n} ints. Received: size={size}")
    return size


def extract_patches(
    image,
    size,
    strides=None,
    dilation_rate=1,
    padding="valid",
    data_format=None,
):
    x = convert_to_tensor(image)
    if x.ndim not in (3, 4):
        raise ValueError(
            f"extract_patches: `image` must have rank 3 or 4. Received: shape={tuple(x.shape)}"
        )
    data_format = config.standardize_data_format(data_format)
    size = _patch_size(size, 2, "extract_patches")
    squeeze = x.ndim == 3
    x = x[None] if squeeze else x
    out = _patches(x, size, strides, dilation_rate, padding, data_format, "extract_patches")
    return out[0] if squeeze else out


def extract_patches_3d(
    volumes,
    size,
    strides=None,
    dilation_rate=1,
    padding="valid",
    data_format=None,
):
    x = convert_to_tensor(volumes)
    if x.ndim not in (4, 5):
        raise ValueError(
            f"extract_patches_3d: `volumes` must have rank 4 or 5. Received: shape={tuple(x.shape)}"
        )
    data_format = config.standardize_data_format(data_format)
    size = _patch_size(size, 3, "extract_patches_3d")
    squeeze = x.ndim == 4
    x = x[None] if squeeze else x
    out = _patches(x, size, strides, dilation_rate, padding, data_format, "extract_patches_3d")
    return out[0] if squeeze else out


def sobel_edges(images, data_format=None):
    x, layout = images_nhwc("sobel_edges", images, data_format, ranks=(4,))
    x = to_float(x)
    ky = jnp.asarray([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], x.dtype)
    kernels = jnp.stack([ky, ky.T], axis=-1)[:, :, None, :]
    kernels = jnp.tile(kernels, (1, 1, x.shape[-1], 1))
    padded = jnp.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)), mode="reflect")
    out = depthwise_conv(padded, kernels, 1, "valid", "channels_last")
    out = out.reshape(out.shape[:3] + (x.shape[-1], 2))
    if layout[1] == "channels_first":
        out = jnp.moveaxis(out, 3, 1)
    return out


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
    x, layout = images_nhwc("ssim", image1, data_format, arg="image1")
    y, _ = images_nhwc("ssim", image2, data_format, arg="image2")
    if x.shape != y.shape:
        raise ValueError(
            "ssim: `image1` and `image2` must have the same shape. Received: "
            f"{tuple(convert_to_tensor(image1).shape)} and {tuple(convert_to_tensor(image2).shape)}"
        )
    compute = dtype_rules.float_dtype(x, y)
    x, y = x.astype(compute), y.astype(compute)
    size = int(filter_size)
    if size < 1 or size > min(x.shape[1], x.shape[2]):
        raise ValueError(
            f"ssim: `filter_size`={filter_size} must be between 1 and the image's height and "
            f"width. Received: image1.shape={tuple(convert_to_tensor(image1).shape)}"
        )

    def blur(v):
        return blur_nhwc(v, (size, size), (filter_sigma, filter_sigma), "valid")

    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    mu_x, mu_y = blur(x), blur(y)
    num0, den0 = 2 * mu_x * mu_y, mu_x**2 + mu_y**2
    luminance = (num0 + c1) / (den0 + c1)
    num1, den1 = 2 * blur(x * y), blur(x * x + y * y)
    contrast = (num1 - num0 + c2) / (den1 - den0 + c2)
    out = jnp.mean(luminance * contrast, axis=(1, 2, 3))
    return out[0] if layout[0] else out


# ---------------------------------------------------------------------------
# the rest of the image family

UNSUPPORTED = export_ops(globals(), image_sampling)
