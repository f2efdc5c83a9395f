"""The jax backend's ops of ``keras_core/ops/nn_conv.py`` (gathered into ``backend.nn``)."""

import math
import operator

import jax.numpy as jnp
import numpy as np
from jax import lax

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import (
    check_rank,
    int_tuple,
    padding_arg,
    to_float,
    window_slices,
)

# ---------------------------------------------------------------------------
# argument helpers


def _data_format(data_format):
    return config.standardize_data_format(data_format)


def _spatial_dims(x, data_format):
    nd = x.ndim - 2
    if data_format == "channels_last":
        return tuple(x.shape[1 : 1 + nd])
    return tuple(x.shape[2:])


def _channels(x, data_format):
    return x.shape[-1] if data_format == "channels_last" else x.shape[1]


def _dimension_numbers(nd, data_format, kernel_layout="IO"):
    sp = "DHW"[3 - nd :]
    lhs = "N" + sp + "C" if data_format == "channels_last" else "NC" + sp
    return (lhs, sp + kernel_layout, lhs)


def _check_valid_fits(in_sizes, window, op, name, x_shape, w_shape):
    for size, k in zip(in_sizes, window):
        if k > size:
            raise ValueError(
                f"{op}: with padding='valid' the {name} (effective size {tuple(window)}, "
                f"from {w_shape}) is larger than the input's spatial size "
                f"{tuple(in_sizes)} (inputs shape {tuple(x_shape)})."
            )


def _effective(sizes, dilation):
    return tuple(shape_rules.effective_kernel(k, d) for k, d in zip(sizes, dilation))


# ---------------------------------------------------------------------------
# convolutions


def _conv_args(inputs, kernel, strides, padding, data_format, dilation_rate, op):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    check_rank(op, x, (3, 4, 5), "inputs")
    nd = x.ndim - 2
    if w.ndim != x.ndim:
        raise ValueError(
            f"{op}: `kernel` must have rank {x.ndim} for inputs of rank {x.ndim}. "
            f"Received: kernel.shape={tuple(w.shape)}, inputs.shape={tuple(x.shape)}"
        )
    data_format = _data_format(data_format)
    strides = int_tuple(op, strides, nd, "strides")
    dilation = int_tuple(op, dilation_rate, nd, "dilation_rate")
    padding = padding_arg(op, padding)
    dtype = dtype_rules.float_dtype(x, w)
    return x.astype(dtype), w.astype(dtype), nd, data_format, strides, dilation, padding


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    x, w, nd, data_format, strides, dilation, padding = _conv_args(
        inputs, kernel, strides, padding, data_format, dilation_rate, "conv"
    )
    in_ch, k_in = _channels(x, data_format), w.shape[-2]
    if k_in == 0 or in_ch % k_in != 0:
        raise ValueError(
            f"conv: the kernel's input-channel count {k_in} (kernel shape {tuple(w.shape)}) "
            f"must divide the inputs' channel count {in_ch} (inputs shape {tuple(x.shape)})."
        )
    groups = in_ch // k_in
    if w.shape[-1] % groups != 0:
        raise ValueError(
            f"conv: the kernel's output-channel count {w.shape[-1]} must be a multiple of "
            f"the group count {groups}. Received: kernel.shape={tuple(w.shape)}, "
            f"inputs.shape={tuple(x.shape)}"
        )
    if padding == "valid":
        _check_valid_fits(
            _spatial_dims(x, data_format),
            _effective(w.shape[:nd], dilation),
            "conv",
            "kernel",
            x.shape,
            tuple(w.shape),
        )
    return lax.conv_general_dilated(
        x,
        w,
        strides,
        padding.upper(),
        rhs_dilation=dilation,
        dimension_numbers=_dimension_numbers(nd, data_format),
        feature_group_count=groups,
    )


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    x, w, nd, data_format, strides, dilation, padding = _conv_args(
        inputs, kernel, strides, padding, data_format, dilation_rate, "depthwise_conv"
    )
    in_ch = _channels(x, data_format)
    if w.shape[-2] != in_ch:
        raise ValueError(
            f"depthwise_conv: the kernel's input-channel count {w.shape[-2]} (kernel shape "
            f"{tuple(w.shape)}) must equal the inputs' channel count {in_ch} "
            f"(inputs shape {tuple(x.shape)})."
        )
    if padding == "valid":
        _check_valid_fits(
            _spatial_dims(x, data_format),
            _effective(w.shape[:nd], dilation),
            "depthwise_conv",
            "kernel",
            x.shape,
            tuple(w.shape),
        )
    w = w.reshape(w.shape[:nd] + (1, w.shape[-2] * w.shape[-1]))
    return lax.conv_general_dilated(
        x,
        w,
        strides,
        padding.upper(),
        rhs_dilation=dilation,
        dimension_numbers=_dimension_numbers(nd, data_format),
        feature_group_count=in_ch,
    )


def separable_conv(
    inputs,
    depthwise_kernel,
    pointwise_kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    data_format = _data_format(data_format)
    y = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(y, pointwise_kernel, 1, "valid", data_format, 1)


def conv_transpose(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    output_padding=None,
    data_format=None,
    dilation_rate=1,
):
    x, w, nd, data_format, strides, dilation, padding = _conv_args(
        inputs, kernel, strides, padding, data_format, dilation_rate, "conv_transpose"
    )
    in_ch = _channels(x, data_format)
    if w.shape[-1] != in_ch:
        raise ValueError(
            f"conv_transpose: the kernel's input-channel count {w.shape[-1]} (kernel shape "
            f"{tuple(w.shape)}, laid out (*spatial, out_channels, in_channels)) must equal "
            f"the inputs' channel count {in_ch} (inputs shape {tuple(x.shape)})."
        )
    if output_padding is None:
        out_pads = (None,) * nd
    else:
        out_pads = tuple(
            v - 1
            for v in int_tuple(
                "conv_transpose", np.add(output_padding, 1).tolist(), nd, "output_padding"
            )
        )
    pads = [
        shape_rules.deconv_padding(size, k, s, padding, op, d)[1]
        for size, k, s, op, d in zip(
            _spatial_dims(x, data_format), w.shape[:nd], strides, out_pads, dilation
        )
    ]
    w = jnp.flip(w, axis=tuple(range(nd)))
    return lax.conv_general_dilated(
        x,
        w,
        (1,) * nd,
        pads,
        lhs_dilation=strides,
        rhs_dilation=dilation,
        dimension_numbers=_dimension_numbers(nd, data_format, "OI"),
    )


# ---------------------------------------------------------------------------
# pooling


def _pool_args(inputs, pool_size, strides, padding, data_format, op):
    x = convert_to_tensor(inputs)
    check_rank(op, x, (3, 4, 5), "inputs")
    nd = x.ndim - 2
    data_format = _data_format(data_format)
    pool = int_tuple(op, pool_size, nd, "pool_size")
    strides = pool if strides is None else int_tuple(op, strides, nd, "strides")
    padding = padding_arg(op, padding)
    if padding == "valid":
        _check_valid_fits(_spatial_dims(x, data_format), pool, op, "pool_size", x.shape, pool)
    if data_format == "channels_last":
        window, strides = (1,) + pool + (1,), (1,) + strides + (1,)
    else:
        window, strides = (1, 1) + pool, (1, 1) + strides
    return x, window, strides, padding.upper()


def _lowest(dtype):
    if jnp.issubdtype(dtype, jnp.floating):
        return -jnp.inf
    if dtype == jnp.bool_:
        return False
    return jnp.iinfo(dtype).min


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, window, strides, padding = _pool_args(
        inputs, pool_size, strides, padding, data_format, "max_pool"
    )
    # A concrete NumPy init (not a traced jnp array) lets lax pick its differentiable
    # max-window reducer under jit; a traced init falls back to a generic reduce_window
    # that has no gradient.
    init = np.array(_lowest(x.dtype), dtype=x.dtype)
    return lax.reduce_window(x, init, lax.max, window, strides, padding)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, window, strides, padding = _pool_args(
        inputs, pool_size, strides, padding, data_format, "average_pool"
    )
    x = to_float(x)
    zero = jnp.array(0, dtype=x.dtype)
    sums = lax.reduce_window(x, zero, lax.add, window, strides, padding)
    if padding == "VALID":
        return sums / math.prod(window)
    ones_shape = tuple(1 if w == 1 else d for d, w in zip(x.shape, window))
    ones = jnp.ones(ones_shape, dtype=x.dtype)
    counts = lax.reduce_window(ones, zero, lax.add, window, strides, padding)
    return sums / counts


def _adaptive_bounds(in_size, out_size):
    starts = [(i * in_size) // out_size for i in range(out_size)]
    ends = [-(-((i + 1) * in_size) // out_size) for i in range(out_size)]
    return starts, ends


def _adaptive_args(inputs, output_size, data_format, op):
    x = convert_to_tensor(inputs)
    check_rank(op, x, (3, 4, 5), "inputs")
    nd = x.ndim - 2
    data_format = _data_format(data_format)
    out = int_tuple(op, output_size, nd, "output_size")
    first = 1 if data_format == "channels_last" else 2
    return x, out, [first + i for i in range(nd)]


def adaptive_average_pool(inputs, output_size, data_format=None):
    x, out, axes = _adaptive_args(inputs, output_size, data_format, "adaptive_average_pool")
    x = to_float(x)
    for axis, o in zip(axes, out):
        n = x.shape[axis]
        starts, ends = _adaptive_bounds(n, o)
        weights = np.zeros((o, n))
        for i, (s, e) in enumerate(zip(starts, ends)):
            weights[i, s:e] = 1.0 / (e - s)
        y = jnp.tensordot(x, jnp.asarray(weights, dtype=x.dtype), axes=[[axis], [1]])
        x = jnp.moveaxis(y, -1, axis)
    return x


def adaptive_max_pool(inputs, output_size, data_format=None):
    x, out, axes = _adaptive_args(inputs, output_size, data_format, "adaptive_max_pool")
    for axis, o in zip(axes, out):
        starts, ends = _adaptive_bounds(x.shape[axis], o)
        width = max(e - s for s, e in zip(starts, ends))
        index = np.array([[min(s + j, e - 1) for j in range(width)] for s, e in zip(starts, ends)])
        gathered = jnp.take(x, jnp.asarray(index.reshape(-1)), axis=axis)
        shape = x.shape[:axis] + (o, width) + x.shape[axis + 1 :]
        x = jnp.max(gathered.reshape(shape), axis=axis + 1)
    return x


# ---------------------------------------------------------------------------
# depth/space rearrangement and patches


def _block_args(x, block_size, data_format, op):
    x = convert_to_tensor(x)
    check_rank(op, x, (4,), "x")
    b = operator.index(block_size)
    if b < 2:
        raise ValueError(f"{op}: `block_size` must be an int >= 2. Received: block_size={b}")
    return x, b, _data_format(data_format)


def depth_to_space(x, block_size, data_format="channels_last"):
    x, b, data_format = _block_args(x, block_size, data_format, "depth_to_space")
    if data_format == "channels_first":
        x = jnp.transpose(x, (0, 2, 3, 1))
    n, h, w, c = x.shape
    if c % (b * b) != 0:
        raise ValueError(
            f"depth_to_space: the channel count {c} must be divisible by block_size**2 "
            f"= {b * b}. Received: x.shape={tuple(x.shape)}"
        )
    y = x.reshape(n, h, w, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
    y = y.reshape(n, h * b, w * b, c // (b * b))
    return jnp.transpose(y, (0, 3, 1, 2)) if data_format == "channels_first" else y


def space_to_depth(x, block_size, data_format="channels_last"):
    x, b, data_format = _block_args(x, block_size, data_format, "space_to_depth")
    if data_format == "channels_first":
        x = jnp.transpose(x, (0, 2, 3, 1))
    n, h, w, c = x.shape
    if h % b or w % b:
        raise ValueError(
            f"space_to_depth: height and width must be divisible by block_size={b}. "
            f"Received: x.shape={tuple(x.shape)}"
        )
    y = x.reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5)
    y = y.reshape(n, h // b, w // b, b * b * c)
    return jnp.transpose(y, (0, 3, 1, 2)) if data_format == "channels_first" else y


def _unfold_args(kernel_size, dilation, padding, stride, op):
    k = int_tuple(op, kernel_size, 2, "kernel_size")
    d = int_tuple(op, dilation, 2, "dilation")
    s = int_tuple(op, stride, 2, "stride")
    p = tuple(v - 1 for v in int_tuple(op, np.add(padding, 1).tolist(), 2, "padding"))
    return k, d, p, s


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    check_rank("unfold", x, (3, 4), "x")
    k, d, p, s = _unfold_args(kernel_size, dilation, padding, stride, "unfold")
    squeeze = x.ndim == 3
    x = x[None] if squeeze else x
    views, _ = window_slices("unfold", x, (2, 3), k, s, d, [(p[0], p[0]), (p[1], p[1])])
    out = jnp.stack(views, axis=2)
    out = out.reshape(x.shape[0], x.shape[1] * len(views), -1)
    return out[0] if squeeze else out


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    check_rank("fold", x, (2, 3), "x")
    k, d, p, s = _unfold_args(kernel_size, dilation, padding, stride, "fold")
    size = int_tuple("fold", output_size, 2, "output_size")
    squeeze = x.ndim == 2
    x = x[None] if squeeze else x
    n, ck, length = x.shape
    blocks = [
        shape_rules.conv_output_length(size[i] + 2 * p[i], k[i], s[i], "valid", d[i])
        for i in range(2)
    ]
    if ck % (k[0] * k[1]) != 0 or length != blocks[0] * blocks[1]:
        raise ValueError(
            f"fold: `x` must have shape (N, C*{k[0] * k[1]}, {blocks[0] * blocks[1]}) for "
            f"output_size={size}, kernel_size={k}. Received: x.shape={tuple(x.shape)}"
        )
    c = ck // (k[0] * k[1])
    x = x.reshape(n, c, k[0], k[1], blocks[0], blocks[1])
    out = jnp.zeros((n, c, size[0] + 2 * p[0], size[1] + 2 * p[1]), x.dtype)
    for a, b in np.ndindex(*k):
        rows = slice(a * d[0], a * d[0] + (blocks[0] - 1) * s[0] + 1, s[0])
        cols = slice(b * d[1], b * d[1] + (blocks[1] - 1) * s[1] + 1, s[1])
        out = out.at[:, :, rows, cols].add(x[:, :, a, b])
    out = out[:, :, p[0] : p[0] + size[0], p[1] : p[1] + size[1]]
    return out[0] if squeeze else out
