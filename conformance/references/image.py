"""Reference image ops: per-pixel loops (and colorsys / scipy.ndimage where standard).

Semantics are those documented in ``keras_core/ops/image.py``.
"""

import colorsys
import itertools
import math

import numpy as np
import scipy.ndimage
import scipy.signal

from conformance.references.conv import as_tuple, fmt


def _last(x, data_format):
    x = np.asarray(x)
    squeeze = x.ndim == 3
    if squeeze:
        x = x[None]
    if fmt(data_format) == "channels_first":
        x = np.moveaxis(x, 1, -1)
    return x, squeeze


def _back(x, data_format, squeeze):
    if fmt(data_format) == "channels_first":
        x = np.moveaxis(x, -1, 1)
    return x[0] if squeeze else x


# ---------------------------------------------------------------------------
# kernels


def _kernel(method):
    def tri(t):
        return max(0.0, 1.0 - abs(t))

    def cubic(t, a=-0.5):
        t = abs(t)
        if t <= 1:
            return (a + 2) * t**3 - (a + 3) * t**2 + 1
        if t < 2:
            return a * t**3 - 5 * a * t**2 + 8 * a * t - 4 * a
        return 0.0

    def lanczos(n):
        def k(t):
            if abs(t) >= n:
                return 0.0
            return float(np.sinc(t) * np.sinc(t / n))

        return k

    table = {
        "bilinear": tri,
        "linear": tri,
        "trilinear": tri,
        "bicubic": cubic,
        "cubic": cubic,
        "tricubic": cubic,
        "lanczos3": lanczos(3),
        "lanczos5": lanczos(5),
    }
    return table[method]


def _axis_weights(in_size, out_size, scale, translation, method, antialias):
    """Per output index: {input index: weight} (normalized), empty if outside."""
    k = _kernel(method)
    kscale = max(1 / scale, 1.0) if antialias else 1.0
    rows = []
    for i in range(out_size):
        x = (i + 0.5 - translation) / scale - 0.5
        if x < -0.5 or x > in_size - 0.5:
            rows.append({})
            continue
        w = {j: k((j - x) / kscale) for j in range(in_size)}
        total = sum(w.values())
        rows.append(
            {j: v / total for j, v in w.items()} if abs(total) > 1000 * 1.1920929e-07 else {}
        )
    return rows


def _area_axis(in_size, out_size):
    ratio = in_size / out_size
    rows = []
    for i in range(out_size):
        lo, hi = i * ratio, (i + 1) * ratio
        rows.append({j: max(0.0, min(hi, j + 1) - max(lo, j)) / ratio for j in range(in_size)})
    return rows


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
    x, squeeze = _last(image, data_format)
    th, tw = size
    n, h, w, c = x.shape
    if crop_to_aspect_ratio:
        ch = min(h, int(w * th / tw))
        cw = min(w, int(h * tw / th))
        top, left = int((h - ch) / 2), int((w - cw) / 2)
        x = x[:, top : top + ch, left : left + cw]
    elif pad_to_aspect_ratio:
        ph = max(h, int(w * th / tw))
        pw = max(w, int(h * tw / th))
        top, left = int((ph - h) / 2), int((pw - w) / 2)
        canvas = np.full((n, ph, pw, c), fill_value, dtype=np.float64)
        canvas[:, top : top + h, left : left + w] = x
        x = canvas
    n, h, w, c = x.shape
    out = np.zeros((n, th, tw, c))
    if interpolation == "nearest":
        for i, j in itertools.product(range(th), range(tw)):
            out[:, i, j] = x[
                :,
                min(int(math.floor((i + 0.5) * h / th)), h - 1),
                min(int(math.floor((j + 0.5) * w / tw)), w - 1),
            ]
        return _back(out, data_format, squeeze)
    if interpolation == "area":
        rows, cols = _area_axis(h, th), _area_axis(w, tw)
    else:
        rows = _axis_weights(h, th, th / h, 0.0, interpolation, antialias)
        cols = _axis_weights(w, tw, tw / w, 0.0, interpolation, antialias)
    for i, j in itertools.product(range(th), range(tw)):
        acc = np.zeros((n, c))
        for (a, wa), (b, wb) in itertools.product(rows[i].items(), cols[j].items()):
            acc += wa * wb * x[:, a, b]
        out[:, i, j] = acc
    return _back(out, data_format, squeeze)


def scale_and_translate(
    images, output_shape, scale, translation, spatial_dims, method, antialias=True
):
    x = np.asarray(images, np.float64)
    for d, s, t in zip(spatial_dims, scale, translation):
        rows = _axis_weights(x.shape[d], output_shape[d], float(s), float(t), method, antialias)
        moved = np.moveaxis(x, d, 0)
        out = np.zeros((output_shape[d],) + moved.shape[1:])
        for i, row in enumerate(rows):
            for j, wj in row.items():
                out[i] += wj * moved[j]
        x = np.moveaxis(out, 0, d)
    return x


# ---------------------------------------------------------------------------
# coordinates


def _fold_index(t, n, mode):
    """Maps one integer tap into range; None means 'outside' (constant mode)."""
    if 0 <= t < n:
        return t
    if mode == "constant":
        return None
    if mode == "nearest":
        return min(max(t, 0), n - 1)
    if mode == "wrap":
        return t % n
    if mode == "mirror":
        if n == 1:
            return 0
        while t < 0 or t >= n:
            t = -t if t < 0 else 2 * (n - 1) - t
        return t
    while t < 0 or t >= n:  # reflect: the edge pixel repeats
        t = -t - 1 if t < 0 else 2 * n - 1 - t
    return t


def _sample(x, point, order, mode, cval):
    if order == 0:
        taps = [[(int(math.floor(p + 0.5)), 1.0)] for p in point]
    else:
        taps = []
        for p in point:
            lo = int(math.floor(p))
            taps.append([(lo, 1.0 - (p - lo)), (lo + 1, p - lo)])
    total = 0.0
    for combo in itertools.product(*taps):
        weight = 1.0
        index = []
        for (t, w), n in zip(combo, x.shape):
            weight *= w
            index.append(_fold_index(t, n, mode))
        value = cval if None in index else x[tuple(index)]
        total += weight * value
    return total


def map_coordinates(input, coordinates, order, fill_mode="constant", fill_value=0):
    x = np.asarray(input, np.float64)
    coords = np.asarray(coordinates, np.float64)
    out = np.zeros(coords.shape[1:])
    for idx in np.ndindex(*coords.shape[1:]):
        out[idx] = _sample(x, coords[(slice(None),) + idx], order, fill_mode, fill_value)
    return out


def _projective(x, transforms, interpolation, fill_mode, fill_value):
    n, h, w, c = x.shape
    order = 0 if interpolation == "nearest" else 1
    out = np.zeros_like(x, dtype=np.float64)
    for b in range(n):
        a = transforms[b]
        for yy, xx in itertools.product(range(h), range(w)):
            k = a[6] * xx + a[7] * yy + 1
            sx = (a[0] * xx + a[1] * yy + a[2]) / k
            sy = (a[3] * xx + a[4] * yy + a[5]) / k
            for ch in range(c):
                out[b, yy, xx, ch] = _sample(x[b, :, :, ch], (sy, sx), order, fill_mode, fill_value)
    return out


def affine_transform(
    image,
    transform,
    interpolation="bilinear",
    fill_mode="constant",
    fill_value=0,
    data_format="channels_last",
):
    x, squeeze = _last(np.asarray(image, np.float64), data_format)
    t = np.broadcast_to(np.asarray(transform, np.float64).reshape(-1, 8), (x.shape[0], 8))
    return _back(_projective(x, t, interpolation, fill_mode, fill_value), data_format, squeeze)


def perspective_transform(
    images, start_points, end_points, interpolation="bilinear", fill_value=0, data_format=None
):
    x, squeeze = _last(np.asarray(images, np.float64), data_format)
    start = np.asarray(start_points, np.float64).reshape(-1, 4, 2)
    end = np.asarray(end_points, np.float64).reshape(-1, 4, 2)
    batch = max(len(x), len(start), len(end))
    coeffs = []
    for s, e in zip(np.broadcast_to(start, (batch, 4, 2)), np.broadcast_to(end, (batch, 4, 2))):
        a = np.zeros((8, 8))
        rhs = np.zeros(8)
        for i in range(4):
            (xi, yi), (xo, yo) = s[i], e[i]
            a[2 * i] = [xo, yo, 1, 0, 0, 0, -xo * xi, -yo * xi]
            a[2 * i + 1] = [0, 0, 0, xo, yo, 1, -xo * yi, -yo * yi]
            rhs[2 * i], rhs[2 * i + 1] = xi, yi
        coeffs.append(np.linalg.solve(a, rhs))
    x = np.broadcast_to(x, (batch,) + x.shape[1:])
    out = _projective(x, np.array(coeffs), interpolation, "constant", fill_value)
    return _back(out, data_format, squeeze)


# ---------------------------------------------------------------------------
# patches, colour, padding


def extract_patches(
    image, size, strides=None, dilation_rate=1, padding="valid", data_format="channels_last", nd=2
):
    x = np.asarray(image)
    squeeze = x.ndim == nd + 1
    if squeeze:
        x = x[None]
    if fmt(data_format) == "channels_first":
        x = np.moveaxis(x, 1, -1)
    size = as_tuple(size, nd)
    strides = size if strides is None else as_tuple(strides, nd)
    dil = as_tuple(dilation_rate, nd)
    geo = []
    for n, k, s, d in zip(x.shape[1:-1], size, strides, dil):
        eff = (k - 1) * d + 1
        if padding.lower() == "same":
            out = -(-n // s)
            geo.append((out, max((out - 1) * s + eff - n, 0) // 2))
        else:
            geo.append(((n - eff) // s + 1, 0))
    c = x.shape[-1]
    out = np.zeros((x.shape[0], *[g[0] for g in geo], math.prod(size) * c), dtype=x.dtype)
    for pos in itertools.product(*[range(g[0]) for g in geo]):
        for t, tap in enumerate(itertools.product(*[range(k) for k in size])):
            src = [p * s + q * d - g[1] for p, s, q, d, g in zip(pos, strides, tap, dil, geo)]
            if all(0 <= v < n for v, n in zip(src, x.shape[1:-1])):
                out[(slice(None), *pos, slice(t * c, (t + 1) * c))] = x[(slice(None), *src)]
    if fmt(data_format) == "channels_first":
        out = np.moveaxis(out, -1, 1)
    return out[0] if squeeze else out


def extract_patches_3d(
    volumes, size, strides=None, dilation_rate=1, padding="valid", data_format=None
):
    return extract_patches(volumes, size, strides, dilation_rate, padding, data_format, nd=3)


def _per_pixel(images, data_format, fn, out_channels):
    x, squeeze = _last(np.asarray(images, np.float64), data_format)
    flat = x.reshape(-1, x.shape[-1])
    out = np.array([fn(*px) for px in flat]).reshape(x.shape[:-1] + (out_channels,))
    return _back(out, data_format, squeeze)


def rgb_to_grayscale(image, data_format="channels_last"):
    return _per_pixel(image, data_format, lambda r, g, b: [0.2989 * r + 0.5870 * g + 0.1140 * b], 1)


def rgb_to_hsv(images, data_format=None):
    return _per_pixel(images, data_format, colorsys.rgb_to_hsv, 3)


def hsv_to_rgb(images, data_format=None):
    return _per_pixel(images, data_format, colorsys.hsv_to_rgb, 3)


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
    x, squeeze = _last(images, data_format)
    h, w = x.shape[1], x.shape[2]
    top = top_padding if top_padding is not None else target_height - h - bottom_padding
    left = left_padding if left_padding is not None else target_width - w - right_padding
    th = target_height if target_height is not None else h + top + bottom_padding
    tw = target_width if target_width is not None else w + left + right_padding
    out = np.zeros((x.shape[0], th, tw, x.shape[-1]), dtype=x.dtype)
    out[:, top : top + h, left : left + w] = x
    return _back(out, data_format, squeeze)


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
    x, squeeze = _last(images, data_format)
    h, w = x.shape[1], x.shape[2]
    top = top_cropping if top_cropping is not None else h - target_height - bottom_cropping
    left = left_cropping if left_cropping is not None else w - target_width - right_cropping
    th = target_height if target_height is not None else h - top - bottom_cropping
    tw = target_width if target_width is not None else w - left - right_cropping
    return _back(x[:, top : top + th, left : left + tw], data_format, squeeze)


# ---------------------------------------------------------------------------
# filters


def _gauss(size, sigma):
    t = np.arange(size) - (size - 1) / 2
    g = np.exp(-t * t / (2 * sigma * sigma))
    return g / g.sum()


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    x, squeeze = _last(np.asarray(images, np.float64), data_format)
    kh, kw = as_tuple(kernel_size, 2)
    sh, sw = (sigma, sigma) if np.isscalar(sigma) else sigma
    kernel = np.outer(_gauss(kh, sh), _gauss(kw, sw))
    top, left = (kh - 1) // 2, (kw - 1) // 2
    n, h, w, c = x.shape
    out = np.zeros_like(x)
    for yy, xx, i, j in itertools.product(range(h), range(w), range(kh), range(kw)):
        sy, sx = yy + i - top, xx + j - left
        if 0 <= sy < h and 0 <= sx < w:
            out[:, yy, xx] += kernel[i, j] * x[:, sy, sx]
    return _back(out, data_format, squeeze)


def sobel_edges(images, data_format=None):
    x, squeeze = _last(np.asarray(images, np.float64), data_format)
    ky = np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
    out = np.zeros(x.shape + (2,))
    for b, ch in itertools.product(range(x.shape[0]), range(x.shape[-1])):
        plane = x[b, :, :, ch]
        out[b, :, :, ch, 0] = scipy.ndimage.correlate(plane, ky, mode="mirror")
        out[b, :, :, ch, 1] = scipy.ndimage.correlate(plane, ky.T, mode="mirror")
    if fmt(data_format) == "channels_first":
        out = np.moveaxis(out, 3, 1)
    return out[0] if squeeze else out


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
    a, squeeze = _last(np.asarray(image1, np.float64), data_format)
    b, _ = _last(np.asarray(image2, np.float64), data_format)
    g = _gauss(filter_size, filter_sigma)
    kernel = np.outer(g, g)
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    values = []
    for n in range(a.shape[0]):
        maps = []
        for ch in range(a.shape[-1]):
            p, q = a[n, :, :, ch], b[n, :, :, ch]

            def f(v):
                return scipy.signal.correlate2d(v, kernel, mode="valid")

            mp, mq = f(p), f(q)
            vp, vq, cov = f(p * p) - mp**2, f(q * q) - mq**2, f(p * q) - mp * mq
            maps.append(
                ((2 * mp * mq + c1) * (2 * cov + c2)) / ((mp**2 + mq**2 + c1) * (vp + vq + c2))
            )
        values.append(np.mean(maps))
    out = np.array(values)
    return out[0] if squeeze else out
