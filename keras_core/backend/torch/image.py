# The torch backend's image functions (see keras_core/backend/README.md).
import itertools

import torch
import torch.nn.functional as F

from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.nn_conv import (
    extract_windows,
    from_channels_first,
    int_tuple,
    pad_spatial,
    same_padding,
    standardize_data_format,
    standardize_padding,
    to_channels_first,
)

UNSUPPORTED = {}

RESIZE_METHODS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")
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


# ---------------------------------------------------------------- helpers


def _images(images, data_format, op, ranks=(3, 4)):
    x = convert_to_tensor(images)
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `images` must have rank {' or '.join(map(str, ranks))}. "
            f"Received: images.shape={tuple(x.shape)}"
        )
    df = standardize_data_format(data_format, op)
    unbatched = len(ranks) > 1 and x.ndim == min(ranks)
    if unbatched:
        x = x[None]
    return to_channels_first(x, df), df, unbatched


def _restore(y, df, unbatched):
    y = from_channels_first(y, df)
    return y[0] if unbatched else y


def _float_dtype(x):
    return to_native_dtype(dtype_rules.float_dtype(x))


def _work_dtype(dtype):
    if dtype in (torch.float32, torch.float64):
        return dtype
    return torch.float32


def _round_half_away(x):
    return torch.sign(x) * torch.floor(torch.abs(x) + 0.5)


def _check_choice(value, choices, name, op):
    if value not in choices:
        raise ValueError(f"{op}: `{name}` must be one of {choices}. Received: {name}={value!r}")


# ---------------------------------------------------------------- resampling weights


def _keys_cubic(x, a=-0.5):
    x = torch.abs(x)
    near = ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
    far = ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a
    return torch.where(x <= 1.0, near, torch.where(x < 2.0, far, torch.zeros_like(x)))


def _kernel(method):
    if method == "linear":
        return lambda x: torch.clamp(1.0 - torch.abs(x), min=0.0)
    if method == "cubic":
        return _keys_cubic
    radius = 3.0 if method == "lanczos3" else 5.0
    return lambda x: torch.where(
        torch.abs(x) < radius, torch.sinc(x) * torch.sinc(x / radius), torch.zeros_like(x)
    )


def _kernel_weights(in_size, out_size, method, scale, translation, antialias):
    # (out_size, in_size) resampling matrix in float64: output sample i reads the input at
    # ((i + 0.5) - translation) / scale - 0.5, through the kernel widened by 1/scale when
    # antialiasing a downscale; weights are renormalized over in-range input samples.
    scale = torch.as_tensor(scale, dtype=torch.float64)
    translation = torch.as_tensor(translation, dtype=torch.float64)
    inv = 1.0 / scale
    kernel_scale = torch.clamp(inv, min=1.0) if antialias else torch.ones_like(inv)
    sample = (torch.arange(out_size, dtype=torch.float64) + 0.5) * inv - translation * inv - 0.5
    dist = (sample[:, None] - torch.arange(in_size, dtype=torch.float64)[None, :]) / kernel_scale
    w = _kernel(method)(dist)
    total = w.sum(dim=1, keepdim=True)
    w = torch.where(
        torch.abs(total) > 1000 * torch.finfo(torch.float32).eps,
        w / torch.where(total != 0, total, torch.ones_like(total)),
        torch.zeros_like(w),
    )
    inside = (sample >= -0.5) & (sample <= in_size - 0.5)
    return torch.where(inside[:, None], w, torch.zeros_like(w))


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
    return _kernel_weights(in_size, out_size, method, out_size / in_size, 0.0, antialias)


def _nearest_index(in_size, out_size):
    pos = (torch.arange(out_size, dtype=torch.float64) + 0.5) * (in_size / out_size)
    return torch.clamp(torch.floor(pos).to(torch.int64), max=in_size - 1)


def _apply_weights(x, weights, axis):
    # Contracts `axis` of x with weights (out, in): the result has `out` at `axis`.
    moved = x.movedim(axis, -1)
    return torch.matmul(moved, weights.to(x.dtype).T).movedim(-1, axis)


# ---------------------------------------------------------------- resize


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
    _check_choice(interpolation, RESIZE_METHODS, "interpolation", op)
    height, width = int_tuple(size, 2, "size", op)
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            f"{op}: only one of crop_to_aspect_ratio and pad_to_aspect_ratio can be True."
        )
    if pad_to_aspect_ratio and fill_mode != "constant":
        raise ValueError(
            f"{op}: pad_to_aspect_ratio only supports fill_mode='constant'. "
            f"Received: fill_mode={fill_mode!r}"
        )
    x, df, unbatched = _images(image, data_format, op)
    if crop_to_aspect_ratio:
        x = _aspect_crop(x, height, width)
    elif pad_to_aspect_ratio:
        x = _aspect_pad(x, height, width, fill_value)
    in_h, in_w = x.shape[-2], x.shape[-1]
    if interpolation == "nearest":
        y = x.index_select(-2, _nearest_index(in_h, height))
        y = y.index_select(-1, _nearest_index(in_w, width))
        return _restore(y, df, unbatched)
    dtype = _float_dtype(x)
    y = x.to(_work_dtype(dtype))
    y = _apply_weights(y, _resize_weights(in_h, height, interpolation, antialias), -2)
    y = _apply_weights(y, _resize_weights(in_w, width, interpolation, antialias), -1)
    return _restore(y.to(dtype), df, unbatched)


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    op = "scale_and_translate"
    _check_choice(method, tuple(_SCALE_METHODS), "method", op)
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
    y = x.to(_work_dtype(dtype))
    for i, dim in enumerate(spatial_dims):
        dim = dim % x.ndim
        weights = _kernel_weights(
            x.shape[dim],
            output_shape[dim],
            _SCALE_METHODS[method],
            scale[i],
            translation[i],
            antialias,
        )
        y = _apply_weights(y, weights, dim)
    return y.to(dtype)


# ---------------------------------------------------------------- sampling


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
    _check_choice(order, (0, 1), "order", op)
    _check_choice(fill_mode, FILL_MODES, "fill_mode", op)
    x = convert_to_tensor(input)
    coords = convert_to_tensor(coordinates)
    if coords.ndim < 1 or coords.shape[0] != x.ndim:
        raise ValueError(
            f"{op}: `coordinates` must have shape ({x.ndim}, ...), one row per "
            f"axis of `input`. Received: input.shape={tuple(x.shape)}, "
            f"coordinates.shape={tuple(coords.shape)}"
        )
    dtype = _float_dtype(x)
    work = _work_dtype(dtype)
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
    _check_choice(interpolation, ("nearest", "bilinear"), "interpolation", op)
    _check_choice(fill_mode, FILL_MODES, "fill_mode", op)
    x, df, unbatched = _images(image, data_format, op)
    dtype = _float_dtype(x)
    work = _work_dtype(dtype)
    in_y, in_x = _transform_coords(transform, x.shape[0], x.shape[2], x.shape[3], work)
    order = 0 if interpolation == "nearest" else 1
    y = _sample(x.to(work), [in_y, in_x], order, fill_mode, fill_value)
    return _restore(y.to(dtype), df, unbatched)


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
    _check_choice(interpolation, ("nearest", "bilinear"), "interpolation", op)
    x, df, unbatched = _images(images, data_format, op)
    dtype = _float_dtype(x)
    work = _work_dtype(dtype)
    coeffs = _perspective_coefficients(start_points, end_points, work)
    if coeffs.shape[0] not in (1, x.shape[0]):
        raise ValueError(
            f"{op}: the batch of points ({coeffs.shape[0]}) does not match the "
            f"batch of images ({x.shape[0]})."
        )
    in_y, in_x = _transform_coords(coeffs, x.shape[0], x.shape[2], x.shape[3], work)
    order = 0 if interpolation == "nearest" else 1
    y = _sample(x.to(work), [in_y, in_x], order, "constant", fill_value)
    return _restore(y.to(dtype), df, unbatched)


# ---------------------------------------------------------------- filters


def _gaussian_1d(size, sigma, dtype):
    coords = torch.arange(size, dtype=torch.float64) - (size - 1) / 2.0
    g = torch.exp(-0.5 * torch.square(coords / sigma))
    return (g / g.sum()).to(dtype)


def _depthwise_same(x, kernel2d):
    # Zero-padded 'same' depthwise filtering of (batch, channels, H, W) by a 2-D kernel.
    c = x.shape[1]
    kh, kw = kernel2d.shape
    pads = [same_padding(x.shape[2], kh, 1, 1), same_padding(x.shape[3], kw, 1, 1)]
    weight = kernel2d.to(x.dtype).expand(c, 1, kh, kw)
    return F.conv2d(pad_spatial(x, pads), weight, groups=c)


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
    x, df, unbatched = _images(images, data_format, op)
    dtype = to_native_dtype(dtype_rules.float_dtype(x))
    work = _work_dtype(dtype)
    kernel = torch.outer(_gaussian_1d(kh, sh, work), _gaussian_1d(kw, sw, work))
    y = _depthwise_same(x.to(work), kernel)
    return _restore(y.to(dtype), df, unbatched)


def sobel_edges(images, data_format=None):
    op = "sobel_edges"
    x, df, unbatched = _images(images, data_format, op, ranks=(4,))
    dtype = to_native_dtype(dtype_rules.float_dtype(x))
    work = _work_dtype(dtype)
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
    x, df, unbatched = _images(image1, data_format, op)
    y, _, _ = _images(image2, data_format, op)
    if tuple(x.shape) != tuple(y.shape):
        raise ValueError(
            f"{op}: image1 and image2 must have the same shape. Received: "
            f"{tuple(image1.shape)} and {tuple(image2.shape)}"
        )
    dtype = to_native_dtype(dtype_rules.float_dtype(x, y))
    work = _work_dtype(dtype)
    x, y = x.to(work), y.to(work)
    size = min(int(filter_size), x.shape[2], x.shape[3])
    g = _gaussian_1d(size, float(filter_sigma), work)
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


# ---------------------------------------------------------------- color


def _channel_axis(x, df):
    return -1 if df == "channels_last" else -3


def rgb_to_grayscale(images, data_format=None):
    op = "rgb_to_grayscale"
    x = convert_to_tensor(images)
    if x.ndim not in (3, 4):
        raise ValueError(f"{op}: `images` must have rank 3 or 4. Received: {tuple(x.shape)}")
    df = standardize_data_format(data_format, op)
    axis = _channel_axis(x, df)
    if x.shape[axis] != 3:
        raise ValueError(f"{op}: images must have 3 channels. Received: {tuple(x.shape)}")
    dtype = _float_dtype(x)
    work = _work_dtype(dtype)
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
    df = standardize_data_format(data_format, op)
    axis = _channel_axis(x, df)
    if x.shape[axis] != 3:
        raise ValueError(f"{op}: images must have 3 channels. Received: {tuple(x.shape)}")
    return x, axis


def rgb_to_hsv(images, data_format=None):
    x, axis = _float_images(images, data_format, "rgb_to_hsv")
    dtype = x.dtype
    r, g, b = torch.unbind(x.to(_work_dtype(dtype)), dim=axis)
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
    h, s, v = torch.unbind(x.to(_work_dtype(dtype)), dim=axis)
    dh = h * 6.0
    dr = torch.clamp(torch.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = torch.clamp(2.0 - torch.abs(dh - 2.0), 0.0, 1.0)
    db = torch.clamp(2.0 - torch.abs(dh - 4.0), 0.0, 1.0)
    rgb = [v * (1.0 - s + s * d) for d in (dr, dg, db)]
    return torch.stack(rgb, dim=axis).to(dtype)


# ---------------------------------------------------------------- geometry


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
    x, df, unbatched = _images(images, data_format, op)
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
    return _restore(pad_spatial(x, [(top, bottom), (left, right)]), df, unbatched)


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
    x, df, unbatched = _images(images, data_format, op)
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
    return _restore(x[:, :, top : h - bottom, left : w - right], df, unbatched)


# ---------------------------------------------------------------- patches


def extract_patches(image, size, strides=None, dilation_rate=1, padding="valid", data_format=None):
    op = "extract_patches"
    size = int_tuple(size, 2, "size", op)
    strides = size if strides is None else int_tuple(strides, 2, "strides", op)
    dilation = int_tuple(dilation_rate, 2, "dilation_rate", op)
    padding = standardize_padding(padding, op)
    x, df, unbatched = _images(image, data_format, op)
    patches = extract_windows(x, size, strides, dilation, padding, op)
    if df == "channels_first":
        patches = patches.movedim(-1, 1)
    return patches[0] if unbatched else patches


def extract_patches_3d(
    volumes, size, strides=None, dilation_rate=1, padding="valid", data_format=None
):
    op = "extract_patches_3d"
    size = int_tuple(size, 3, "size", op)
    strides = size if strides is None else int_tuple(strides, 3, "strides", op)
    dilation = int_tuple(dilation_rate, 3, "dilation_rate", op)
    padding = standardize_padding(padding, op)
    x, df, unbatched = _images(volumes, data_format, op, ranks=(4, 5))
    patches = extract_windows(x, size, strides, dilation, padding, op)
    if df == "channels_first":
        patches = patches.movedim(-1, 1)
    return patches[0] if unbatched else patches


# ---------------------------------------------------------------- random warps


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
    _check_choice(interpolation, ("nearest", "bilinear"), "interpolation", op)
    _check_choice(fill_mode, FILL_MODES, "fill_mode", op)
    x, df, unbatched = _images(images, data_format, op)
    dtype = _float_dtype(x)
    work = _work_dtype(dtype)
    b, _, h, w = x.shape
    size = int(6 * float(sigma)) | 1
    kernel = torch.outer(
        _gaussian_1d(size, float(sigma), work), _gaussian_1d(size, float(sigma), work)
    )
    noise = normal(
        (b, 2, h, w), dtype="float64" if work == torch.float64 else "float32", seed=seed
    ).to(work)
    displacement = _depthwise_same(noise, kernel) * float(alpha)
    ys, xs = torch.meshgrid(torch.arange(h, dtype=work), torch.arange(w, dtype=work), indexing="ij")
    order = 0 if interpolation == "nearest" else 1
    coords = [ys + displacement[:, 0], xs + displacement[:, 1]]
    y = _sample(x.to(work), coords, order, fill_mode, fill_value)
    return _restore(y.to(dtype), df, unbatched)
