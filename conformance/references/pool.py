"""Reference pooling and patch ops: explicit loops over output positions."""

import itertools
import math

import numpy as np

from conformance.references.conv import as_tuple, channels_last, fmt, restore, window_geometry


def _pool(inputs, pool_size, strides, padding, data_format, reduce):
    data_format = fmt(data_format)
    x = channels_last(np.asarray(inputs, np.float64), data_format)
    nd = x.ndim - 2
    pool_size = as_tuple(pool_size, nd)
    strides = pool_size if strides is None else as_tuple(strides, nd)
    geo = [
        window_geometry(n, k, s, 1, padding) for n, k, s in zip(x.shape[1:-1], pool_size, strides)
    ]
    out = np.zeros((x.shape[0], *[g[0] for g in geo], x.shape[-1]))
    for pos in itertools.product(*[range(g[0]) for g in geo]):
        ranges = []
        for p, s, k, g, n in zip(pos, strides, pool_size, geo, x.shape[1:-1]):
            start = p * s - g[1]
            ranges.append(range(max(start, 0), min(start + k, n)))
        values = [x[(slice(None), *idx)] for idx in itertools.product(*ranges)]
        out[(slice(None), *pos)] = reduce(np.stack(values))
    return restore(out, data_format)


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    return _pool(inputs, pool_size, strides, padding, data_format, lambda v: v.max(axis=0))


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """'same' padding averages over the covered input elements only."""
    return _pool(inputs, pool_size, strides, padding, data_format, lambda v: v.mean(axis=0))


def _adaptive(inputs, output_size, data_format, reduce):
    data_format = fmt(data_format)
    x = channels_last(np.asarray(inputs, np.float64), data_format)
    nd = x.ndim - 2
    output_size = as_tuple(output_size, nd)
    out = np.zeros((x.shape[0], *output_size, x.shape[-1]))
    for pos in itertools.product(*[range(o) for o in output_size]):
        ranges = [
            range(math.floor(p * n / o), math.ceil((p + 1) * n / o))
            for p, n, o in zip(pos, x.shape[1:-1], output_size)
        ]
        values = [x[(slice(None), *idx)] for idx in itertools.product(*ranges)]
        out[(slice(None), *pos)] = reduce(np.stack(values))
    return restore(out, data_format)


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive(inputs, output_size, data_format, lambda v: v.mean(axis=0))


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive(inputs, output_size, data_format, lambda v: v.max(axis=0))


def depth_to_space(x, block_size, data_format="channels_last"):
    x = channels_last(np.asarray(x), data_format.lower())
    n, h, w, c = x.shape
    b = block_size
    co = c // (b * b)
    out = np.zeros((n, h * b, w * b, co), dtype=x.dtype)
    for i, j, y, z in itertools.product(range(h), range(w), range(b), range(b)):
        out[:, i * b + y, j * b + z, :] = x[:, i, j, (y * b + z) * co : (y * b + z + 1) * co]
    return restore(out, data_format.lower())


def space_to_depth(x, block_size, data_format="channels_last"):
    x = channels_last(np.asarray(x), data_format.lower())
    n, h, w, c = x.shape
    b = block_size
    out = np.zeros((n, h // b, w // b, c * b * b), dtype=x.dtype)
    for i, j, y, z in itertools.product(range(h // b), range(w // b), range(b), range(b)):
        out[:, i, j, (y * b + z) * c : (y * b + z + 1) * c] = x[:, i * b + y, j * b + z, :]
    return restore(out, data_format.lower())


def _blocks(size, k, d, p, s):
    return (size + 2 * p - (k - 1) * d - 1) // s + 1


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    x = np.asarray(x)
    k, d, p, s = (as_tuple(v, 2) for v in (kernel_size, dilation, padding, stride))
    n, c, h, w = x.shape
    bh, bw = _blocks(h, k[0], d[0], p[0], s[0]), _blocks(w, k[1], d[1], p[1], s[1])
    out = np.zeros((n, c * k[0] * k[1], bh * bw), dtype=x.dtype)
    for ch, i, j, r, q in itertools.product(
        range(c), range(k[0]), range(k[1]), range(bh), range(bw)
    ):
        y, z = r * s[0] + i * d[0] - p[0], q * s[1] + j * d[1] - p[1]
        if 0 <= y < h and 0 <= z < w:
            out[:, (ch * k[0] + i) * k[1] + j, r * bw + q] = x[:, ch, y, z]
    return out


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    x = np.asarray(x)
    (h, w), k, d, p, s = (
        as_tuple(v, 2) for v in (output_size, kernel_size, dilation, padding, stride)
    )
    n, ckk, _ = x.shape
    c = ckk // (k[0] * k[1])
    bh, bw = _blocks(h, k[0], d[0], p[0], s[0]), _blocks(w, k[1], d[1], p[1], s[1])
    out = np.zeros((n, c, h, w), dtype=x.dtype)
    for ch, i, j, r, q in itertools.product(
        range(c), range(k[0]), range(k[1]), range(bh), range(bw)
    ):
        y, z = r * s[0] + i * d[0] - p[0], q * s[1] + j * d[1] - p[1]
        if 0 <= y < h and 0 <= z < w:
            out[:, ch, y, z] += x[:, (ch * k[0] + i) * k[1] + j, r * bw + q]
    return out
