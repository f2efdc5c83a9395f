"""Reference convolutions: explicit loops over output positions and kernel taps.

Semantics (keras_core's, as documented in ``keras_core/ops/nn_conv.py``):
"same" padding gives ``ceil(n / stride)`` outputs with ``total // 2`` padding
before; kernels are ``(*k, in // groups, out)`` (conv), ``(*k, in, multiplier)``
(depthwise) and ``(*k, out, in)`` (transpose).
"""

import itertools

import numpy as np


def as_tuple(v, n):
    if isinstance(v, (list, tuple)):
        v = tuple(int(e) for e in v)
        return v * n if len(v) == 1 else v
    return (int(v),) * n


def channels_last(x, data_format):
    return np.moveaxis(x, 1, -1) if data_format == "channels_first" else x


def restore(x, data_format):
    return np.moveaxis(x, -1, 1) if data_format == "channels_first" else x


def fmt(data_format):
    if data_format is None:
        from keras_core import config

        return config.image_data_format()
    return data_format.lower()


def window_geometry(size, k, stride, dilation, padding):
    """(number of outputs, padding before) of a window sliding over ``size``."""
    eff = (k - 1) * dilation + 1
    if padding.lower() == "same":
        out = -(-size // stride)
        total = max((out - 1) * stride + eff - size, 0)
        return out, total // 2
    return (size - eff) // stride + 1, 0


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = fmt(data_format)
    x = channels_last(np.asarray(inputs, np.float64), data_format)
    w = np.asarray(kernel, np.float64)
    nd = x.ndim - 2
    strides, dil = as_tuple(strides, nd), as_tuple(dilation_rate, nd)
    ksize = w.shape[:nd]
    cin, cg, cout = x.shape[-1], w.shape[-2], w.shape[-1]
    groups = cin // cg
    og = cout // groups
    geo = [
        window_geometry(n, k, s, d, padding)
        for n, k, s, d in zip(x.shape[1:-1], ksize, strides, dil)
    ]
    out = np.zeros((x.shape[0], *[g[0] for g in geo], cout))
    for pos in itertools.product(*[range(g[0]) for g in geo]):
        acc = np.zeros((x.shape[0], cout))
        for tap in itertools.product(*[range(k) for k in ksize]):
            src = [p * s + t * d - g[1] for p, s, t, d, g in zip(pos, strides, tap, dil, geo)]
            if any(i < 0 or i >= n for i, n in zip(src, x.shape[1:-1])):
                continue
            pixel = x[(slice(None), *src)]  # (batch, cin)
            for g in range(groups):
                acc[:, g * og : (g + 1) * og] += (
                    pixel[:, g * cg : (g + 1) * cg] @ w[tap][:, g * og : (g + 1) * og]
                )
        out[(slice(None), *pos)] = acc
    return restore(out, data_format)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = fmt(data_format)
    x = channels_last(np.asarray(inputs, np.float64), data_format)
    w = np.asarray(kernel, np.float64)
    c, m = w.shape[-2], w.shape[-1]
    outs = []
    for ch in range(c):
        xc = x[..., ch : ch + 1]
        outs.append(
            conv(xc, w[..., ch : ch + 1, :], strides, padding, "channels_last", dilation_rate)
        )
    out = np.concatenate(outs, axis=-1)  # channel ch * m + j
    assert out.shape[-1] == c * m
    return restore(out, data_format)


def separable_conv(
    inputs,
    depthwise_kernel,
    pointwise_kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    data_format = fmt(data_format)
    mid = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    x = channels_last(mid, data_format)
    p = np.asarray(pointwise_kernel, np.float64)
    out = x @ p.reshape(p.shape[-2], p.shape[-1])
    return restore(out, data_format)


def deconv_length(size, k, stride, padding, output_padding, dilation):
    eff = (k - 1) * dilation + 1
    if output_padding is None:
        if padding == "valid":
            return size * stride + max(eff - stride, 0)
        return size * stride
    pad = eff // 2 if padding == "same" else 0
    return (size - 1) * stride + eff - 2 * pad + output_padding


def conv_transpose(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    output_padding=None,
    data_format=None,
    dilation_rate=1,
):
    """Scatter form: input position i, tap j -> output position i*s + j*d - left."""
    data_format = fmt(data_format)
    padding = padding.lower()
    x = channels_last(np.asarray(inputs, np.float64), data_format)
    w = np.asarray(kernel, np.float64)  # (*k, out, in)
    nd = x.ndim - 2
    strides, dil = as_tuple(strides, nd), as_tuple(dilation_rate, nd)
    opad = (None,) * nd if output_padding is None else as_tuple(output_padding, nd)
    ksize = w.shape[:nd]
    in_sp = x.shape[1:-1]
    out_sp = [
        deconv_length(n, k, s, padding, p, d)
        for n, k, s, p, d in zip(in_sp, ksize, strides, opad, dil)
    ]
    lefts = []
    for n, k, s, d, o in zip(in_sp, ksize, strides, dil, out_sp):
        eff = (k - 1) * d + 1
        lefts.append(0 if padding == "valid" else max((n - 1) * s + eff - o, 0) // 2)
    out = np.zeros((x.shape[0], *out_sp, w.shape[-2]))
    for pos in itertools.product(*[range(n) for n in in_sp]):
        pixel = x[(slice(None), *pos)]  # (batch, in)
        for tap in itertools.product(*[range(k) for k in ksize]):
            dst = [p * s + t * d - left for p, s, t, d, left in zip(pos, strides, tap, dil, lefts)]
            if any(i < 0 or i >= n for i, n in zip(dst, out_sp)):
                continue
            out[(slice(None), *dst)] += pixel @ w[tap].T
    return restore(out, data_format)
