"""The tensorflow backend's image functions (keras_core/ops/image.py).

At its end it gathers the resampling ops of ``image_sampling`` into the same namespace.
"""

import numpy as np
import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.common.exports import export_ops
from keras_core.backend.tensorflow import image_sampling
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

UNSUPPORTED = {}

RESIZE_INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


def _pair(value, op, argument):
    return h.int_tuple(op, value, 2, argument)


# ---------------------------------------------------------------- resize


def _crop_to_aspect(x, target_h, target_w):
    height, width = h.dim(x, 1), h.dim(x, 2)
    if isinstance(height, int) and isinstance(width, int):
        crop_h = max(min(height, int(width * target_h / target_w)), 1)
        crop_w = max(min(width, int(height * target_w / target_h)), 1)
    else:
        ratio = target_h / target_w
        crop_h = tf.cast(tf.cast(width, "float64") * ratio, "int32")
        crop_h = tf.maximum(tf.minimum(height, crop_h), 1)
        crop_w = tf.cast(tf.cast(height, "float64") / ratio, "int32")
        crop_w = tf.maximum(tf.minimum(width, crop_w), 1)
    top, left = (height - crop_h) // 2, (width - crop_w) // 2
    return x[:, top : top + crop_h, left : left + crop_w, :]


def _pad_to_aspect(x, target_h, target_w, fill_value):
    height, width = h.dim(x, 1), h.dim(x, 2)
    if isinstance(height, int) and isinstance(width, int):
        pad_h = max(height, int(width * target_h / target_w))
        pad_w = max(width, int(height * target_w / target_h))
    else:
        ratio = target_h / target_w
        pad_h = tf.maximum(height, tf.cast(tf.cast(width, "float64") * ratio, "int32"))
        pad_w = tf.maximum(width, tf.cast(tf.cast(height, "float64") / ratio, "int32"))
    top, left = (pad_h - height) // 2, (pad_w - width) // 2
    paddings = [[0, 0], [top, pad_h - height - top], [left, pad_w - width - left], [0, 0]]
    return tf.pad(x, paddings, constant_values=h.cast(fill_value, x.dtype))


def _area_weights(in_size, out_size, dtype):
    ratio = in_size / out_size
    weights = np.zeros((out_size, in_size))
    for i in range(out_size):
        lo, hi = i * ratio, (i + 1) * ratio
        for j in range(int(np.floor(lo)), min(int(np.ceil(hi)), in_size)):
            weights[i, j] = max(0.0, min(hi, j + 1) - max(lo, j)) / ratio
    return tf.constant(weights, dtype)


def _axis_weights(in_size, out_size, interpolation, antialias, dtype):
    if interpolation == "area":
        if not isinstance(in_size, int):
            raise ValueError("resize: 'area' interpolation needs static image sizes.")
        return _area_weights(in_size, out_size, dtype)
    scale = tf.cast(out_size, dtype) / tf.cast(in_size, dtype)
    return h.scale_weights(
        in_size,
        out_size,
        scale,
        tf.zeros([], dtype),
        h.SCALE_KERNELS[interpolation],
        antialias,
        dtype,
    )


def _nearest(x, target_h, target_w):
    for axis, out_size in ((1, target_h), (2, target_w)):
        in_size = h.dim(x, axis)
        ratio = tf.cast(in_size, "float64") / out_size
        index = tf.cast(tf.floor((tf.range(out_size, dtype="float64") + 0.5) * ratio), "int32")
        x = tf.gather(x, tf.minimum(index, in_size - 1), axis=axis)
    return x


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
    h.check_choice(op, "interpolation", interpolation, RESIZE_INTERPOLATIONS)
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            f"{op}: only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True."
        )
    h.check_choice(op, "fill_mode", fill_mode, ("constant",))
    target_h, target_w = _pair(size, op, "size")
    x, layout = h.images_nhwc(op, image, data_format, arg="image")
    if crop_to_aspect_ratio:
        x = _crop_to_aspect(x, target_h, target_w)
    elif pad_to_aspect_ratio:
        x = _pad_to_aspect(x, target_h, target_w, fill_value)
    if interpolation == "nearest":
        return h.restore_layout(_nearest(x, target_h, target_w), layout)
    out_dtype = dtype_rules.float_dtype(x)
    # Integer pixels (e.g. 0..255) are resampled in float64 so the result is the exact
    # weighted sum rounded once to floatx, as for float inputs of the same values.
    compute = h.work_dtype(out_dtype) if x.dtype.is_floating else "float64"
    x = tf.cast(x, compute)
    rows = _axis_weights(h.dim(x, 1), target_h, interpolation, antialias, compute)
    cols = _axis_weights(h.dim(x, 2), target_w, interpolation, antialias, compute)
    out = tf.einsum("ph,bhwc->bpwc", rows, x)
    out = tf.einsum("qw,bpwc->bpqc", cols, out)
    return h.restore_layout(tf.cast(out, out_dtype), layout)


# ---------------------------------------------------------------- color


def _check_rgb(x, op):
    if x.shape[-1] is not None and x.shape[-1] != 3:
        raise ValueError(
            f"{op}: the images must have 3 channels (RGB). "
            f"Received: channels={x.shape[-1]}, shape (channels_last)={tuple(x.shape.as_list())}"
        )


def rgb_to_grayscale(image, data_format=None):
    op = "rgb_to_grayscale"
    x, layout = h.images_nhwc(op, image, data_format, arg="image")
    _check_rgb(x, op)
    out_dtype = dtype_rules.float_dtype(x)
    compute = h.work_dtype(out_dtype)
    weights = tf.constant([0.2989, 0.5870, 0.1140], compute)
    gray = tf.reduce_sum(tf.cast(x, compute) * weights, axis=-1, keepdims=True)
    return h.restore_layout(tf.cast(gray, out_dtype), layout)


def _float_rgb(images, data_format, op):
    x, layout = h.images_nhwc(op, images, data_format)
    if not x.dtype.is_floating:
        raise ValueError(
            f"{op}: the images must have a float dtype. Received: images.dtype={x.dtype.name}"
        )
    _check_rgb(x, op)
    return x, layout


def rgb_to_hsv(images, data_format=None):
    x, layout = _float_rgb(images, data_format, "rgb_to_hsv")
    out = tf.image.rgb_to_hsv(h.upcast_half(x))
    return h.restore_layout(tf.cast(out, x.dtype), layout)


def hsv_to_rgb(images, data_format=None):
    x, layout = _float_rgb(images, data_format, "hsv_to_rgb")
    out = tf.image.hsv_to_rgb(h.upcast_half(x))
    return h.restore_layout(tf.cast(out, x.dtype), layout)


# ---------------------------------------------------------------- padding and cropping


def _resolve(op, before, after, target, size, names, crop):
    """Completes (before, after, target) from any two of them (all three must agree)."""
    given = [v is not None for v in (before, after, target)]
    if sum(given) < 2:
        received = ", ".join(f"{n}={v!r}" for n, v in zip(names, (before, after, target)))
        raise ValueError(f"{op}: give exactly two of {', '.join(names)}. Received: {received}")
    sign = -1 if crop else 1
    if target is None:
        target = size + sign * (before + after)
    elif before is None:
        before = sign * (target - size) - after
    elif after is None:
        after = sign * (target - size) - before
    values = (before, after, target)
    static = all(isinstance(v, int) for v in values) and isinstance(size, int)
    if static and (min(values) < 0 or target != size + sign * (before + after)):
        raise ValueError(
            f"{op}: {', '.join(names)} do not fit an image of size {size}. "
            f"Received: {', '.join(f'{n}={v}' for n, v in zip(names, values))}"
        )
    return before, after, target


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
    x, layout = h.images_nhwc(op, images, data_format)
    height, width = h.dim(x, 1), h.dim(x, 2)
    names = ("top_padding", "bottom_padding", "target_height")
    top, bottom, _ = _resolve(op, top_padding, bottom_padding, target_height, height, names, False)
    names = ("left_padding", "right_padding", "target_width")
    left, right, _ = _resolve(op, left_padding, right_padding, target_width, width, names, False)
    out = tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]])
    return h.restore_layout(out, layout)


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
    x, layout = h.images_nhwc(op, images, data_format)
    height, width = h.dim(x, 1), h.dim(x, 2)
    names = ("top_cropping", "bottom_cropping", "target_height")
    top, _, out_h = _resolve(op, top_cropping, bottom_cropping, target_height, height, names, True)
    names = ("left_cropping", "right_cropping", "target_width")
    left, _, out_w = _resolve(op, left_cropping, right_cropping, target_width, width, names, True)
    return h.restore_layout(x[:, top : top + out_h, left : left + out_w, :], layout)


# ---------------------------------------------------------------- patches


def extract_patches(
    image,
    size,
    strides=None,
    dilation_rate=1,
    padding="valid",
    data_format=None,
):
    op = "extract_patches"
    kh, kw = _pair(size, op, "size")
    sh, sw = (kh, kw) if strides is None else _pair(strides, op, "strides")
    dh, dw = _pair(dilation_rate, op, "dilation_rate")
    padding = h.padding_arg(op, padding)
    x, layout = h.images_nhwc(op, image, data_format, arg="image")
    if x.dtype == tf.bool:
        x = tf.cast(x, "uint8")
    patches = tf.image.extract_patches(
        x, [1, kh, kw, 1], [1, sh, sw, 1], [1, dh, dw, 1], padding.upper()
    )
    patches = tf.cast(patches, convert_to_tensor(image).dtype)
    return h.restore_layout(patches, layout)


def extract_patches_3d(
    volumes,
    size,
    strides=None,
    dilation_rate=1,
    padding="valid",
    data_format=None,
):
    op = "extract_patches_3d"
    k = h.int_tuple(op, size, 3, "size")
    s = k if strides is None else h.int_tuple(op, strides, 3, "strides")
    d = h.int_tuple(op, dilation_rate, 3, "dilation_rate")
    padding = h.padding_arg(op, padding)
    x = convert_to_tensor(volumes)
    rank = x.shape.rank
    if rank not in (4, 5):
        raise ValueError(
            f"{op}: `volumes` must have rank 4 (one volume) or 5 (a batch). "
            f"Received: volumes.shape={tuple(x.shape.as_list()) if rank is not None else None}"
        )
    fmt = config.standardize_data_format(data_format)
    x = h.to_channels_last(x[None] if rank == 4 else x, fmt)
    sizes = x.shape.as_list()[1:4]
    if any(v is None for v in sizes):
        raise ValueError(f"{op}: the spatial dims must be known. Received: {x.shape}")
    pads, outs = [[0, 0]], []
    for size_, kk, st, dd in zip(sizes, k, s, d):
        outs.append(shape_rules.conv_output_length(size_, kk, st, padding, dd))
        same = padding == "same"
        pads.append(list(shape_rules.same_padding(size_, kk, st, dd)) if same else [0, 0])
    if min(outs) <= 0:
        raise ValueError(
            f"{op}: the patch (size {k}, dilation {d}) is larger than the volume {sizes} "
            "with padding='valid'."
        )
    x = tf.pad(x, pads + [[0, 0]])
    pieces = []
    for a in range(k[0]):
        for b in range(k[1]):
            for c in range(k[2]):
                start = (a * d[0], b * d[1], c * d[2])
                pieces.append(
                    x[
                        :,
                        start[0] : start[0] + (outs[0] - 1) * s[0] + 1 : s[0],
                        start[1] : start[1] + (outs[1] - 1) * s[1] + 1 : s[1],
                        start[2] : start[2] + (outs[2] - 1) * s[2] + 1 : s[2],
                        :,
                    ]
                )
    stacked = tf.stack(pieces, axis=-2)
    shape = tf.concat([tf.shape(stacked)[:4], [-1]], 0)
    out = h.from_channels_last(tf.reshape(stacked, shape), fmt)
    return out[0] if rank == 4 else out


# ---------------------------------------------------------------- filters


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    op = "gaussian_blur"
    kernel_size = _pair(kernel_size, op, "kernel_size")
    if isinstance(sigma, (int, float)):
        sigma = (sigma, sigma)
    sigma = tuple(sigma)
    if len(sigma) != 2 or any(float(v) <= 0 for v in sigma):
        raise ValueError(f"{op}: `sigma` must be two positive numbers. Received: sigma={sigma!r}")
    x, layout = h.images_nhwc(op, images, data_format)
    out_dtype = dtype_rules.float_dtype(x)
    out = h.blur_nhwc(tf.cast(x, h.work_dtype(out_dtype)), kernel_size, sigma)
    return h.restore_layout(tf.cast(out, out_dtype), layout)


def sobel_edges(images, data_format=None):
    op = "sobel_edges"
    x, (fmt, unbatched) = h.images_nhwc(op, images, data_format)
    x = h.to_float(x)
    out = tf.cast(tf.image.sobel_edges(h.upcast_half(x)), x.dtype)
    if fmt == "channels_first":
        out = tf.transpose(out, [0, 3, 1, 2, 4])
    return out[0] if unbatched else out


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
    a, layout = h.images_nhwc(op, image1, data_format, arg="image1")
    b, _ = h.images_nhwc(op, image2, data_format, arg="image2")
    a, b = h.floats(a, b)
    h.check_shapes_equal(op, a, b, "image1", "image2")
    out_dtype = a.dtype
    compute = h.work_dtype(out_dtype)
    a, b = tf.cast(a, compute), tf.cast(b, compute)
    g = h.gaussian_kernel_1d(filter_size, filter_sigma, compute)
    window = tf.tile((g[:, None] * g[None, :])[:, :, None, None], tf.stack([1, 1, h.dim(a, 3), 1]))

    def local_mean(v):
        return tf.nn.depthwise_conv2d(v, window, [1, 1, 1, 1], "VALID")

    mean_a, mean_b = local_mean(a), local_mean(b)
    var_a = local_mean(a * a) - tf.square(mean_a)
    var_b = local_mean(b * b) - tf.square(mean_b)
    cov = local_mean(a * b) - mean_a * mean_b
    c1 = tf.square(h.cast(k1, compute) * h.cast(max_val, compute))
    c2 = tf.square(h.cast(k2, compute) * h.cast(max_val, compute))
    ssim_map = ((2 * mean_a * mean_b + c1) * (2 * cov + c2)) / (
        (tf.square(mean_a) + tf.square(mean_b) + c1) * (var_a + var_b + c2)
    )
    out = tf.cast(tf.reduce_mean(ssim_map, axis=[1, 2, 3]), out_dtype)
    return out[0] if layout[1] else out


UNSUPPORTED = export_ops(globals(), image_sampling)
