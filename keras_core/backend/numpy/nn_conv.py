"""The numpy backend's convolution, pooling and patch ops: the ops declared in
``keras_core/ops/nn_conv.py``; ``nn.py`` gathers them.
"""

import operator

import numpy as np

from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype
from keras_core.backend.numpy.op_helpers import float_work, image_format

UNSUPPORTED = {}


def _tuple(value, n):
    if isinstance(value, (list, tuple)):
        out = tuple(operator.index(v) for v in value)
    else:
        out = (operator.index(value),)
    return out * n if len(out) == 1 else out


def _to_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, 1, -1)
    return x


def _from_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -1, 1)
    return x


def _conv_last(x, w, strides, padding, dilation):
    """x (N, *sp, C), w (*k, C/g, O) -> (N, *out, O), grouped correlation."""
    nd = x.ndim - 2
    ksize = w.shape[:nd]
    if padding == "same":
        pads = [
            shape_rules.same_padding(n, k, s, d)
            for n, k, s, d in zip(x.shape[1:-1], ksize, strides, dilation)
        ]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    out_sp = [
        shape_rules.conv_output_length(n, k, s, "valid", d)
        for n, k, s, d in zip(x.shape[1:-1], ksize, strides, dilation)
    ]
    c, cg, o = x.shape[-1], w.shape[-2], w.shape[-1]
    groups = c // cg
    og = o // groups
    xg = x.reshape(x.shape[:-1] + (groups, cg))
    wg = w.reshape(w.shape[:-2] + (cg, groups, og))
    out = np.zeros((x.shape[0], *out_sp, groups, og), dtype=x.dtype)
    if min(out_sp, default=1) <= 0 or x.shape[0] == 0:
        return out.reshape(out.shape[: nd + 1] + (o,))
    for tap in np.ndindex(*ksize):
        index = (slice(None),) + tuple(
            slice(t * d, t * d + (n - 1) * s + 1, s)
            for t, d, n, s in zip(tap, dilation, out_sp, strides)
        )
        out += np.einsum("...gc,cgo->...go", xg[index], wg[tap])
    return out.reshape(out.shape[: nd + 1] + (o,))


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = image_format(data_format)
    (x, w), dtype = float_work(inputs, kernel)
    nd = x.ndim - 2
    out = _conv_last(
        _to_last(x, data_format),
        w,
        _tuple(strides, nd),
        padding.lower(),
        _tuple(dilation_rate, nd),
    )
    return _from_last(out, data_format).astype(to_native_dtype(dtype))


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    kernel = convert_to_tensor(kernel)
    c, m = kernel.shape[-2], kernel.shape[-1]
    kernel = kernel.reshape(kernel.shape[:-2] + (1, c * m))
    return conv(inputs, kernel, strides, padding, data_format, dilation_rate)


def separable_conv(
    inputs,
    depthwise_kernel,
    pointwise_kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    dtype = dtype_rules.float_dtype(
        convert_to_tensor(inputs),
        convert_to_tensor(depthwise_kernel),
        convert_to_tensor(pointwise_kernel),
    )
    work = "float64" if dtype == "float64" else "float32"
    x = convert_to_tensor(inputs).astype(work)
    mid = depthwise_conv(x, depthwise_kernel, strides, padding, data_format, dilation_rate)
    out = conv(mid, convert_to_tensor(pointwise_kernel).astype(work), 1, "valid", data_format, 1)
    return out.astype(to_native_dtype(dtype))


def conv_transpose(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    output_padding=None,
    data_format=None,
    dilation_rate=1,
):
    # As a correlation of the stride-dilated input with the flipped kernel.
    data_format = image_format(data_format)
    padding = padding.lower()
    (x, w), dtype = float_work(inputs, kernel)
    x = _to_last(x, data_format)
    nd = x.ndim - 2
    strides = _tuple(strides, nd)
    dilation = _tuple(dilation_rate, nd)
    out_pads = (None,) * nd if output_padding is None else _tuple(output_padding, nd)
    ksize = w.shape[:nd]
    in_sp = x.shape[1:-1]
    # shape_rules gives each output length and the padding of the dilated input.
    pads = [
        shape_rules.deconv_padding(n, k, s, padding, p, d)[1]
        for n, k, s, p, d in zip(in_sp, ksize, strides, out_pads, dilation)
    ]
    dilated_shape = (x.shape[0],) + tuple((n - 1) * s + 1 for n, s in zip(in_sp, strides))
    xd = np.zeros(dilated_shape + (x.shape[-1],), dtype=x.dtype)
    xd[(slice(None),) + tuple(slice(None, None, s) for s in strides)] = x
    for axis, (left, right) in enumerate(pads, start=1):
        if left < 0:
            xd = np.take(xd, np.arange(-left, xd.shape[axis]), axis=axis)
            left = 0
        if right < 0:
            xd = np.take(xd, np.arange(0, xd.shape[axis] + right), axis=axis)
            right = 0
        widths = [(0, 0)] * xd.ndim
        widths[axis] = (left, right)
        xd = np.pad(xd, widths)
    flipped = np.flip(w, axis=tuple(range(nd))).swapaxes(-1, -2)
    out = _conv_last(xd, flipped, (1,) * nd, "valid", dilation)
    return _from_last(out, data_format).astype(to_native_dtype(dtype))


def _pool(inputs, pool_size, strides, padding, data_format, reducer):
    data_format = image_format(data_format)
    (x,), dtype = float_work(inputs)
    x = _to_last(x, data_format)
    nd = x.ndim - 2
    pool_size = _tuple(pool_size, nd)
    strides = pool_size if strides is None else _tuple(strides, nd)
    valid = np.ones(x.shape[1:-1], dtype=bool)
    if padding.lower() == "same":
        pads = [
            shape_rules.same_padding(n, k, s) for n, k, s in zip(x.shape[1:-1], pool_size, strides)
        ]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
        valid = np.pad(valid, pads)
    out_sp = [
        shape_rules.conv_output_length(n, k, s, "valid")
        for n, k, s in zip(x.shape[1:-1], pool_size, strides)
    ]
    windows = []
    masks = []
    for tap in np.ndindex(*pool_size):
        index = tuple(slice(t, t + (n - 1) * s + 1, s) for t, n, s in zip(tap, out_sp, strides))
        windows.append(x[(slice(None),) + index])
        masks.append(valid[index])
    out = reducer(np.stack(windows), np.stack(masks)[:, None, ..., None])
    return _from_last(out, data_format).astype(to_native_dtype(dtype))


def _max_reduce(values, mask):
    return np.where(mask, values, -np.inf).max(axis=0).astype(values.dtype)


def _mean_reduce(values, mask):
    total = np.where(mask, values, 0).sum(axis=0)
    return total / np.maximum(mask.sum(axis=0), 1)


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    return _pool(inputs, pool_size, strides, padding, data_format, _max_reduce)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    return _pool(inputs, pool_size, strides, padding, data_format, _mean_reduce)


def _adaptive(inputs, output_size, data_format, reduce_fn):
    data_format = image_format(data_format)
    (x,), dtype = float_work(inputs)
    x = _to_last(x, data_format)
    nd = x.ndim - 2
    output_size = _tuple(output_size, nd)
    for axis, out in enumerate(output_size, start=1):
        n = x.shape[axis]
        pieces = []
        for i in range(out):
            start = (i * n) // out
            stop = -(-((i + 1) * n) // out)
            pieces.append(reduce_fn(np.take(x, np.arange(start, stop), axis=axis), axis))
        x = np.stack(pieces, axis=axis)
    return _from_last(x, data_format).astype(to_native_dtype(dtype))


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive(inputs, output_size, data_format, lambda v, a: v.mean(axis=a))


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive(inputs, output_size, data_format, lambda v, a: v.max(axis=a))


def depth_to_space(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    channels_first = data_format.lower() == "channels_first"
    if channels_first:
        x = np.moveaxis(x, 1, -1)
    n, h, w, c = x.shape
    b = block_size
    out = x.reshape(n, h, w, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
    out = out.reshape(n, h * b, w * b, c // (b * b))
    return np.moveaxis(out, -1, 1) if channels_first else out


def space_to_depth(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    channels_first = data_format.lower() == "channels_first"
    if channels_first:
        x = np.moveaxis(x, 1, -1)
    n, h, w, c = x.shape
    b = block_size
    out = x.reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5)
    out = out.reshape(n, h // b, w // b, b * b * c)
    return np.moveaxis(out, -1, 1) if channels_first else out


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    k, d, p, s = (_tuple(v, 2) for v in (kernel_size, dilation, padding, stride))
    n, c, h, w = x.shape
    xp = np.pad(x, [(0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])])
    oh = shape_rules.conv_output_length(h + 2 * p[0], k[0], s[0], "valid", d[0])
    ow = shape_rules.conv_output_length(w + 2 * p[1], k[1], s[1], "valid", d[1])
    cols = np.zeros((n, c, k[0], k[1], oh, ow), dtype=x.dtype)
    for i in range(k[0]):
        for j in range(k[1]):
            cols[:, :, i, j] = xp[
                :,
                :,
                i * d[0] : i * d[0] + (oh - 1) * s[0] + 1 : s[0],
                j * d[1] : j * d[1] + (ow - 1) * s[1] + 1 : s[1],
            ]
    return cols.reshape(n, c * k[0] * k[1], oh * ow)


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    out_hw, k, d, p, s = (
        _tuple(v, 2) for v in (output_size, kernel_size, dilation, padding, stride)
    )
    n, ckk, _ = x.shape
    c = ckk // (k[0] * k[1])
    oh = shape_rules.conv_output_length(out_hw[0] + 2 * p[0], k[0], s[0], "valid", d[0])
    ow = shape_rules.conv_output_length(out_hw[1] + 2 * p[1], k[1], s[1], "valid", d[1])
    cols = x.reshape(n, c, k[0], k[1], oh, ow)
    acc_dtype = x.dtype if x.dtype.kind != "b" else np.int32
    out = np.zeros((n, c, out_hw[0] + 2 * p[0], out_hw[1] + 2 * p[1]), dtype=acc_dtype)
    for i in range(k[0]):
        for j in range(k[1]):
            out[
                :,
                :,
                i * d[0] : i * d[0] + (oh - 1) * s[0] + 1 : s[0],
                j * d[1] : j * d[1] + (ow - 1) * s[1] + 1 : s[1],
            ] += cols[:, :, i, j]
    out = out[:, :, p[0] : p[0] + out_hw[0], p[1] : p[1] + out_hw[1]]
    return out.astype(x.dtype)
