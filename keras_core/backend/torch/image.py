"""The torch backend's image ops: the ops declared in ``keras_core/ops/image.py``.

At its end this module also gathers the resampling ops of ``image_sampling.py``, so
``keras_core.backend.image`` holds every image op.
"""

import torch
import torch.nn.functional as F

from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.common.exports import export_ops
from keras_core.backend.torch import image_sampling
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import (
    apply_weights,
    channels_first_images,
    check_choice,
    conv_padded,
    depthwise_same,
    gaussian_1d,
    int_tuple,
    kernel_weights,
    native_float_dtype,
    pad_spatial,
    restore_images,
    standardize_data_format,
    standardize_padding,
    windows,
    work_dtype,
)

UNSUPPORTED = {}


RESIZE_METHODS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


def _area_weights(in_size, out_size):
    # Output pixel i averages the input interval [i, i + 1) * in_size / out_size.
    step = in_size / out_size
    start = torch.arange(out_size, dtype=torch.float64)[:, None] * step
    left = torch.arange(in_size, dtype=torch.float64)[None, :]
    overlap = torch.minimum(start + step, left + 1.0) - torch.maximum(start, left)
    return torch.clamp(overlap, min=0.0) / step


def _resize_weights(in_size, out_size, method, antialias):
    if method == "area":
        return _area_weights(in_size, out_size)
    method = {"bilinear": "linear", "bicubic": "cubic"}.get(method, method)
    return kernel_weights(in_size, out_size, method, out_size / in_size, 0.0, antialias)


def _nearest_index(in_size, out_size):
    pos = (torch.arange(out_size, dtype=torch.float64) + 0.5) * (in_size / out_size)
    return torch.clamp(torch.floor(pos).to(torch.int64), max=in_size - 1)


def _aspect_crop(x, height, width):
    h, w = x.shape[-2], x.shape[-1]
    crop_h = max(min(h, int(float(w * height) / width)), 1)
    crop_w = max(min(w, int(float(h * width) / height)), 1)
    top = int(float(h - crop_h) / 2)
    left = int(float(w - crop_w) / 2)
    return x[..., top : top + crop_h, left : left + crop_w]


def _aspect_pad(x, height, width, fill_value):
    h, w = x.shape[-2], x.shape[-1]
    pad_h = max(h, int(float(w * height) / width))
    pad_w = max(w, int(float(h * width) / height))
    top = int(float(pad_h - h) / 2)
    left = int(float(pad_w - w) / 2)
    pads = [(top, pad_h - h - top), (left, pad_w - w - left)]
    return pad_spatial(x, pads, value=fill_value)


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
    op = "resize"
    check_choice(op, interpolation, RESIZE_METHODS, "interpolation")
    height, width = int_tuple(op, size, 2, "size")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            f"{op}: only one of crop_to_aspect_ratio and pad_to_aspect_ratio can be True."
        )
    if pad_to_aspect_ratio and fill_mode != "constant":
        raise ValueError(
            f"{op}: pad_to_aspect_ratio only supports fill_mode='constant'. "
            f"Received: fill_mode={fill_mode!r}"
        )
    x, df, unbatched = channels_first_images(op, image, data_format)
    if crop_to_aspect_ratio:
        x = _aspect_crop(x, height, width)
    elif pad_to_aspect_ratio:
        x = _aspect_pad(x, height, width, fill_value)
    in_h, in_w = x.shape[-2], x.shape[-1]
    if interpolation == "nearest":
        y = x.index_select(-2, _nearest_index(in_h, height))
        y = y.index_select(-1, _nearest_index(in_w, width))
        return restore_images(y, df, unbatched)
    dtype = native_float_dtype(x)
    y = x.to(work_dtype(dtype))
    y = apply_weights(y, _resize_weights(in_h, height, interpolation, antialias), -2)
    y = apply_weights(y, _resize_weights(in_w, width, interpolation, antialias), -1)
    return restore_images(y.to(dtype), df, unbatched)


def _pair(value, name, op, kind):
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise ValueError(f"{op}: `{name}` must be a number or a pair. Received: {value!r}")
        return kind(value[0]), kind(value[1])
    return kind(value), kind(value)


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    op = "gaussian_blur"
    kh, kw = _pair(kernel_size, "kernel_size", op, int)
    sh, sw = _pair(sigma, "sigma", op, float)
    if kh < 1 or kw < 1 or sh <= 0 or sw <= 0:
        raise ValueError(
            f"{op}: `kernel_size` must be positive and `sigma` > 0. Received: "
            f"kernel_size={kernel_size!r}, sigma={sigma!r}"
        )
    x, df, unbatched = channels_first_images(op, images, data_format)
    dtype = to_native_dtype(dtype_rules.float_dtype(x))
    work = work_dtype(dtype)
    kernel = torch.outer(gaussian_1d(kh, sh, work), gaussian_1d(kw, sw, work))
    y = depthwise_same(x.to(work), kernel)
    return restore_images(y.to(dtype), df, unbatched)


def sobel_edges(images, data_format=None):
    op = "sobel_edges"
    x, df, unbatched = channels_first_images(op, images, data_format, ranks=(4,))
    dtype = to_native_dtype(dtype_rules.float_dtype(x))
    work = work_dtype(dtype)
    x = x.to(work)
    c = x.shape[1]
    if x.shape[2] < 2 or x.shape[3] < 2:
        raise ValueError(f"{op}: images must be at least 2x2. Received: {tuple(x.shape)}")
    ky = torch.tensor([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]], dtype=work)
    kernels = torch.stack([ky, ky.T])  # [dy, dx]
    padded = F.pad(x, (1, 1, 1, 1), mode="reflect")
    weight = kernels[:, None].repeat(c, 1, 1, 1)  # (c * 2, 1, 3, 3)
    y = F.conv2d(padded, weight, groups=c)
    y = y.reshape(x.shape[0], c, 2, x.shape[2], x.shape[3]).movedim(2, -1)
    if df == "channels_last":
        y = y.permute(0, 2, 3, 1, 4)
    return y.to(dtype)


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
    op = "ssim"
    x, df, unbatched = channels_first_images(op, image1, data_format)
    y, _, _ = channels_first_images(op, image2, data_format)
    if tuple(x.shape) != tuple(y.shape):
        raise ValueError(
            f"{op}: image1 and image2 must have the same shape. Received: "
            f"{tuple(image1.shape)} and {tuple(image2.shape)}"
        )
    dtype = to_native_dtype(dtype_rules.float_dtype(x, y))
    work = work_dtype(dtype)
    x, y = x.to(work), y.to(work)
    size = min(int(filter_size), x.shape[2], x.shape[3])
    g = gaussian_1d(size, float(filter_sigma), work)
    weight = torch.outer(g, g).expand(x.shape[1], 1, size, size)

    def blur(t):
        return F.conv2d(t, weight, groups=t.shape[1])

    c1 = (k1 * max_val) ** 2
    c2 = (k2 * max_val) ** 2
    mu_x, mu_y = blur(x), blur(y)
    cross = 2.0 * mu_x * mu_y
    squares = mu_x * mu_x + mu_y * mu_y
    luminance = (cross + c1) / (squares + c1)
    contrast = (2.0 * blur(x * y) - cross + c2) / (blur(x * x + y * y) - squares + c2)
    out = torch.mean(luminance * contrast, dim=(1, 2, 3))
    return (out[0] if unbatched else out).to(dtype)


def _channel_axis(x, df):
    return -1 if df == "channels_last" else -3


def rgb_to_grayscale(images, data_format=None):
    op = "rgb_to_grayscale"
    x = convert_to_tensor(images)
    if x.ndim not in (3, 4):
        raise ValueError(f"{op}: `images` must have rank 3 or 4. Received: {tuple(x.shape)}")
    df = standardize_data_format(op, data_format)
    axis = _channel_axis(x, df)
    if x.shape[axis] != 3:
        raise ValueError(f"{op}: images must have 3 channels. Received: {tuple(x.shape)}")
    dtype = native_float_dtype(x)
    work = work_dtype(dtype)
    weights = torch.tensor([0.2989, 0.5870, 0.1140], dtype=work)
    gray = torch.tensordot(x.to(work).movedim(axis, -1), weights, dims=1).unsqueeze(axis)
    return gray.to(dtype)


def _float_images(images, data_format, op):
    x = convert_to_tensor(images)
    if not x.is_floating_point():
        raise ValueError(
            f"{op}: `images` must have a float dtype. Received: images.dtype={x.dtype}"
        )
    if x.ndim not in (3, 4):
        raise ValueError(f"{op}: `images` must have rank 3 or 4. Received: {tuple(x.shape)}")
    df = standardize_data_format(op, data_format)
    axis = _channel_axis(x, df)
    if x.shape[axis] != 3:
        raise ValueError(f"{op}: images must have 3 channels. Received: {tuple(x.shape)}")
    return x, axis


def rgb_to_hsv(images, data_format=None):
    x, axis = _float_images(images, data_format, "rgb_to_hsv")
    dtype = x.dtype
    r, g, b = torch.unbind(x.to(work_dtype(dtype)), dim=axis)
    value = torch.maximum(torch.maximum(r, g), b)
    spread = value - torch.minimum(torch.minimum(r, g), b)
    saturation = torch.where(value > 0, spread / torch.where(value > 0, value, 1.0), 0.0)
    safe = torch.where(spread > 0, spread, 1.0)
    hue = (
        torch.where(
            r == value,
            (g - b) / safe,
            torch.where(g == value, 2.0 + (b - r) / safe, 4.0 + (r - g) / safe),
        )
        / 6.0
    )
    hue = torch.where(spread > 0, hue, 0.0)
    hue = torch.where(hue < 0, hue + 1.0, hue)
    return torch.stack([hue, saturation, value], dim=axis).to(dtype)


def hsv_to_rgb(images, data_format=None):
    x, axis = _float_images(images, data_format, "hsv_to_rgb")
    dtype = x.dtype
    h, s, v = torch.unbind(x.to(work_dtype(dtype)), dim=axis)
    dh = h * 6.0
    dr = torch.clamp(torch.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = torch.clamp(2.0 - torch.abs(dh - 2.0), 0.0, 1.0)
    db = torch.clamp(2.0 - torch.abs(dh - 4.0), 0.0, 1.0)
    rgb = [v * (1.0 - s + s * d) for d in (dr, dg, db)]
    return torch.stack(rgb, dim=axis).to(dtype)


def _sides(first, second, target, size, names, op, sign):
    given = [v is not None for v in (first, second, target)]
    consistent = sum(given) == 3 and target == size + sign * (first + second)
    if sum(given) < 2 or (sum(given) == 3 and not consistent):
        raise ValueError(
            f"{op}: give two of `{names[0]}`, `{names[1]}` and `{names[2]}` "
            f"(or three that agree, for an image of size {size}). Received: "
            f"{names[0]}={first}, {names[1]}={second}, {names[2]}={target}"
        )
    if target is None:
        target = size + sign * (first + second)
    elif first is None:
        first = sign * (target - size) - second
    elif second is None:
        second = sign * (target - size) - first
    if first < 0 or second < 0 or target < 1:
        raise ValueError(
            f"{op}: the {names[0]}/{names[1]} values must be >= 0 and "
            f"{names[2]} >= 1 for an image of size {size}. Received: "
            f"{names[0]}={first}, {names[1]}={second}, {names[2]}={target}"
        )
    return int(first), int(second)


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
    op = "pad_images"
    x, df, unbatched = channels_first_images(op, images, data_format)
    top, bottom = _sides(
        top_padding,
        bottom_padding,
        target_height,
        x.shape[2],
        ("top_padding", "bottom_padding", "target_height"),
        op,
        1,
    )
    left, right = _sides(
        left_padding,
        right_padding,
        target_width,
        x.shape[3],
        ("left_padding", "right_padding", "target_width"),
        op,
        1,
    )
    return restore_images(pad_spatial(x, [(top, bottom), (left, right)]), df, unbatched)


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
    op = "crop_images"
    x, df, unbatched = channels_first_images(op, images, data_format)
    h, w = x.shape[2], x.shape[3]
    top, bottom = _sides(
        top_cropping,
        bottom_cropping,
        target_height,
        h,
        ("top_cropping", "bottom_cropping", "target_height"),
        op,
        -1,
    )
    left, right = _sides(
        left_cropping,
        right_cropping,
        target_width,
        w,
        ("left_cropping", "right_cropping", "target_width"),
        op,
        -1,
    )
    if top + bottom >= h or left + right >= w:
        raise ValueError(
            f"{op}: the cropping removes the whole image of size {(h, w)}. "
            f"Received: top={top}, bottom={bottom}, left={left}, right={right}"
        )
    return restore_images(x[:, :, top : h - bottom, left : w - right], df, unbatched)


def extract_patches(image, size, strides=None, dilation_rate=1, padding="valid", data_format=None):
    op = "extract_patches"
    size = int_tuple(op, size, 2, "size")
    strides = size if strides is None else int_tuple(op, strides, 2, "strides")
    dilation = int_tuple(op, dilation_rate, 2, "dilation_rate")
    padding = standardize_padding(op, padding)
    x, df, unbatched = channels_first_images(op, image, data_format)
    patches = _extract_windows(x, size, strides, dilation, padding, op)
    if df == "channels_first":
        patches = patches.movedim(-1, 1)
    return patches[0] if unbatched else patches


def extract_patches_3d(
    volumes, size, strides=None, dilation_rate=1, padding="valid", data_format=None
):
    op = "extract_patches_3d"
    size = int_tuple(op, size, 3, "size")
    strides = size if strides is None else int_tuple(op, strides, 3, "strides")
    dilation = int_tuple(op, dilation_rate, 3, "dilation_rate")
    padding = standardize_padding(op, padding)
    x, df, unbatched = channels_first_images(op, volumes, data_format, ranks=(4, 5))
    patches = _extract_windows(x, size, strides, dilation, padding, op)
    if df == "channels_first":
        patches = patches.movedim(-1, 1)
    return patches[0] if unbatched else patches


def _extract_windows(x_cf, size, strides, dilation, padding, op):
    # Patches of a channels-first tensor, ordered (*window, channel) in the last axis:
    # returns (batch, *out_spatial, prod(size) * channels).
    n = len(size)
    effective = tuple(shape_rules.effective_kernel(k, d) for k, d in zip(size, dilation))
    x_cf = conv_padded(op, x_cf, size, strides, dilation, padding, "size")
    w = windows(x_cf, effective, strides)
    index = (Ellipsis,) + tuple(slice(None, None, d) for d in dilation)
    w = w[index]  # (batch, channels, *out, *size)
    w = w.permute(0, *range(2, 2 + n), *range(2 + n, 2 + 2 * n), 1)
    return w.reshape(tuple(w.shape[: 1 + n]) + (-1,))


# ``keras_core.backend.image`` also holds the resampling ops, which live in
# ``image_sampling.py`` (named after their ops module) and are gathered here.
UNSUPPORTED = export_ops(globals(), image_sampling)
