"""The torch backend's convolution, pooling and patch ops: the ops declared in
``keras_core/ops/nn_conv.py``; ``nn.py`` gathers them.
"""

import math

import torch
import torch.nn.functional as F

from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import (
    check_valid_window,
    conv_padded,
    from_channels_first,
    int_tuple,
    pad_spatial,
    standardize_data_format,
    standardize_padding,
    to_channels_first,
    windows,
)

UNSUPPORTED = {}


_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_T = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
_AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
_MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_ADAPTIVE_AVG = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}
_ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}


def _check_rank(x, ranks, name, op):
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `{name}` must have rank {' or '.join(map(str, ranks))}. "
            f"Received: {name}.shape={tuple(x.shape)}"
        )


def _compute_dtype(native):
    # torch's CPU convolutions have no kernels for the small integer types.
    if native.is_floating_point or native.is_complex:
        return native
    return torch.int64


def _conv_operands(inputs, kernel, op):
    x = convert_to_tensor(inputs)
    k = convert_to_tensor(kernel)
    _check_rank(x, (3, 4, 5), "inputs", op)
    if k.ndim != x.ndim:
        raise ValueError(
            f"{op}: `kernel` must have rank {x.ndim} for inputs of rank {x.ndim}. "
            f"Received: inputs.shape={tuple(x.shape)}, kernel.shape={tuple(k.shape)}"
        )
    dtype = to_native_dtype(dtype_rules.binary_dtype(x, k))
    work = _compute_dtype(dtype)
    return x.to(work), k.to(work), dtype


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    op = "conv"
    x, k, dtype = _conv_operands(inputs, kernel, op)
    shape = tuple(x.shape)
    df = standardize_data_format(op, data_format)
    padding = standardize_padding(op, padding)
    n = x.ndim - 2
    strides = int_tuple(op, strides, n, "strides")
    dilation = int_tuple(op, dilation_rate, n, "dilation_rate")
    x = to_channels_first(x, df)
    in_channels, group_channels = x.shape[1], k.shape[-2]
    if (
        group_channels == 0
        or in_channels % group_channels
        or k.shape[-1] % (in_channels // group_channels)
    ):
        raise ValueError(
            f"{op}: the kernel's input-channel dim (kernel.shape[-2]) must divide the input's "
            f"channels ({in_channels}) and the groups must divide the output channels. "
            f"Received: inputs.shape={shape}, kernel.shape={tuple(k.shape)}"
        )
    weight = k.permute(n + 1, n, *range(n))
    x = conv_padded(op, x, weight.shape[2:], strides, dilation, padding, "kernel")
    y = _CONV[n](x, weight, stride=strides, dilation=dilation, groups=in_channels // group_channels)
    return from_channels_first(y, df).to(dtype)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    op = "depthwise_conv"
    x, k, dtype = _conv_operands(inputs, kernel, op)
    shape = tuple(x.shape)
    df = standardize_data_format(op, data_format)
    padding = standardize_padding(op, padding)
    n = x.ndim - 2
    strides = int_tuple(op, strides, n, "strides")
    dilation = int_tuple(op, dilation_rate, n, "dilation_rate")
    x = to_channels_first(x, df)
    in_channels = x.shape[1]
    if k.shape[-2] != in_channels:
        raise ValueError(
            f"{op}: kernel.shape[-2] must equal the input channels ({in_channels}). "
            f"Received: inputs.shape={shape}, kernel.shape={tuple(k.shape)}"
        )
    spatial = tuple(k.shape[:n])
    weight = k.reshape(*spatial, 1, in_channels * k.shape[-1]).permute(n + 1, n, *range(n))
    x = conv_padded(op, x, spatial, strides, dilation, padding, "kernel")
    y = _CONV[n](x, weight, stride=strides, dilation=dilation, groups=in_channels)
    return from_channels_first(y, df).to(dtype)


def separable_conv(
    inputs,
    depthwise_kernel,
    pointwise_kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
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
    op = "conv_transpose"
    x, k, dtype = _conv_operands(inputs, kernel, op)
    shape = tuple(x.shape)
    df = standardize_data_format(op, data_format)
    padding = standardize_padding(op, padding)
    n = x.ndim - 2
    strides = int_tuple(op, strides, n, "strides")
    dilation = int_tuple(op, dilation_rate, n, "dilation_rate")
    if output_padding is not None:
        output_padding = (
            (output_padding,) * n if isinstance(output_padding, int) else tuple(output_padding)
        )
        if len(output_padding) != n:
            raise ValueError(
                f"{op}: `output_padding` must have {n} entries. "
                f"Received: output_padding={output_padding}"
            )
    x = to_channels_first(x, df)
    if k.shape[-1] != x.shape[1]:
        raise ValueError(
            f"{op}: kernel.shape[-1] must equal the input channels ({x.shape[1]}). "
            f"Received: inputs.shape={shape}, kernel.shape={tuple(k.shape)}"
        )
    weight = k.permute(n + 1, n, *range(n))
    full = _CONV_T[n](x, weight, stride=strides, dilation=dilation)
    pads = []
    for i in range(n):
        size, kern = x.shape[2 + i], k.shape[i]
        extra = None if output_padding is None else output_padding[i]
        # ``full`` is the unpadded transposed convolution: the stride-dilated input padded
        # by ``effective - 1`` on both sides. shape_rules gives the padding of the output's
        # length; the difference is cropped (negative padding) or zero-filled.
        _, (before, after) = shape_rules.deconv_padding(
            size, kern, strides[i], padding, extra, dilation[i]
        )
        edge = shape_rules.effective_kernel(kern, dilation[i]) - 1
        pads.append((before - edge, after - edge))
    y = pad_spatial(full, pads)
    return from_channels_first(y, df).to(dtype)


def _pool_args(inputs, pool_size, strides, padding, data_format, op):
    x = convert_to_tensor(inputs)
    _check_rank(x, (3, 4, 5), "inputs", op)
    n = x.ndim - 2
    df = standardize_data_format(op, data_format)
    pool = int_tuple(op, pool_size, n, "pool_size")
    strides = pool if strides is None else int_tuple(op, strides, n, "strides")
    return x, n, df, pool, strides, standardize_padding(op, padding)


def _lowest(dtype):
    if dtype.is_floating_point:
        return -math.inf
    if dtype == torch.bool:
        return False
    return torch.iinfo(dtype).min


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    op = "max_pool"
    x, n, df, pool, strides, padding = _pool_args(
        inputs, pool_size, strides, padding, data_format, op
    )
    x = to_channels_first(x, df)
    ones = (1,) * n
    x = conv_padded(op, x, pool, strides, ones, padding, "pool_size", _lowest(x.dtype))
    if x.dtype.is_floating_point:
        y = _MAX_POOL[n](x, pool, strides)
    else:
        y = windows(x, pool, strides).flatten(-n).amax(-1)
    return from_channels_first(y, df)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    op = "average_pool"
    x, n, df, pool, strides, padding = _pool_args(
        inputs, pool_size, strides, padding, data_format, op
    )
    x = to_channels_first(x, df).to(to_native_dtype(dtype_rules.float_dtype(x)))
    if padding == "valid":
        check_valid_window(op, x, pool, (1,) * n, "pool_size")
        return from_channels_first(_AVG_POOL[n](x, pool, strides), df)
    pads = [shape_rules.same_padding(s, k, st, 1) for s, k, st in zip(x.shape[2:], pool, strides)]
    ones = torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype)
    total = _AVG_POOL[n](pad_spatial(x, pads), pool, strides)
    count = _AVG_POOL[n](pad_spatial(ones, pads), pool, strides)
    return from_channels_first(total / count, df)


def _adaptive(inputs, output_size, data_format, table, op, keep_dtype):
    x = convert_to_tensor(inputs)
    _check_rank(x, (3, 4, 5), "inputs", op)
    n = x.ndim - 2
    df = standardize_data_format(op, data_format)
    size = int_tuple(op, output_size, n, "output_size")
    x = to_channels_first(x, df)
    dtype = x.dtype if keep_dtype else to_native_dtype(dtype_rules.float_dtype(x))
    work = dtype if dtype.is_floating_point else torch.float64
    y = table[n](x.to(work), size)
    return from_channels_first(y, df).to(dtype)


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive(
        inputs, output_size, data_format, _ADAPTIVE_AVG, "adaptive_average_pool", False
    )


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive(inputs, output_size, data_format, _ADAPTIVE_MAX, "adaptive_max_pool", True)


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    _check_rank(x, (3, 4), "x", "unfold")
    dtype = x.dtype
    work = dtype if dtype.is_floating_point else torch.float64
    out = F.unfold(x.to(work), kernel_size, dilation=dilation, padding=padding, stride=stride)
    return out.to(dtype)


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(x)
    _check_rank(x, (2, 3), "x", "fold")
    dtype = x.dtype
    work = dtype if dtype.is_floating_point else torch.float64
    out = F.fold(
        x.to(work), output_size, kernel_size, dilation=dilation, padding=padding, stride=stride
    )
    return out.to(dtype)


def _block_args(x, block_size, data_format, op):
    x = convert_to_tensor(x)
    _check_rank(x, (4,), "x", op)
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 1:
        raise ValueError(
            f"{op}: `block_size` must be a positive int. Received: block_size={block_size!r}"
        )
    df = standardize_data_format(op, data_format)
    return to_channels_first(x, df), df


def depth_to_space(x, block_size, data_format="channels_last"):
    op = "depth_to_space"
    x, df = _block_args(x, block_size, data_format, op)
    b, c, h, w = x.shape
    bs = block_size
    if c % (bs * bs):
        raise ValueError(
            f"{op}: the channels ({c}) must be divisible by block_size**2 "
            f"({bs * bs}). Received: x.shape={tuple(x.shape)}"
        )
    y = x.reshape(b, bs, bs, c // (bs * bs), h, w).permute(0, 3, 4, 1, 5, 2)
    return from_channels_first(y.reshape(b, c // (bs * bs), h * bs, w * bs), df)


def space_to_depth(x, block_size, data_format="channels_last"):
    op = "space_to_depth"
    x, df = _block_args(x, block_size, data_format, op)
    b, c, h, w = x.shape
    bs = block_size
    if h % bs or w % bs:
        raise ValueError(
            f"{op}: height and width must be divisible by block_size ({bs}). "
            f"Received: x.shape={tuple(x.shape)}"
        )
    y = x.reshape(b, c, h // bs, bs, w // bs, bs).permute(0, 3, 5, 1, 2, 4)
    return from_channels_first(y.reshape(b, c * bs * bs, h // bs, w // bs), df)
