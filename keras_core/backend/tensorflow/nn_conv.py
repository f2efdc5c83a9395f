"""The tensorflow backend's convolution, pooling and patch ops (keras_core/ops/nn_conv.py).

``nn.py`` gathers them into ``keras_core.backend.nn``.
"""

import numpy as np
import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor


def _conv_inputs(op, inputs, *kernels):
    inputs = convert_to_tensor(inputs)
    kernels = [convert_to_tensor(k) for k in kernels]
    dtype = dtype_rules.float_dtype(inputs, *kernels)
    rank = h.static_rank(op, inputs)
    if rank not in (3, 4, 5):
        raise ValueError(
            f"{op}: `inputs` must have rank 3, 4 or 5 (batch, spatial dims, channels). "
            f"Received: inputs.shape={tuple(inputs.shape.as_list())}"
        )
    for k in kernels:
        if k.shape.rank != rank:
            raise ValueError(
                f"{op}: the kernel must have the same rank as `inputs` ({rank}). Received: "
                f"kernel.shape={tuple(k.shape.as_list())}, "
                f"inputs.shape={tuple(inputs.shape.as_list())}"
            )
    return tf.cast(inputs, dtype), [tf.cast(k, dtype) for k in kernels]


def _conv_args(op, n, strides, padding, dilation_rate, data_format):
    strides = h.int_tuple(op, strides, n, "strides")
    dilation = h.int_tuple(op, dilation_rate, n, "dilation_rate")
    return (
        strides,
        h.padding_arg(op, padding),
        dilation,
        config.standardize_data_format(data_format),
    )


def _check_valid_fits(op, x, window, padding, argument, shape_for_msg):
    if padding != "valid":
        return
    spatial = x.shape.as_list()[1:-1]
    for size, w in zip(spatial, window):
        if size is not None and w > size:
            raise ValueError(
                f"{op}: with padding='valid' the {argument} ({w} along a spatial axis) cannot be "
                f"larger than the input. Received: {argument}={tuple(window)}, "
                f"inputs.shape={shape_for_msg}"
            )


def _dilate_kernel(kernel, dilation):
    """Inserts zeros between kernel taps so a dilated kernel runs as an undilated one."""
    for axis, d in enumerate(dilation):
        if d == 1:
            continue
        k = kernel.shape[axis]
        parts = [kernel] + [tf.zeros_like(kernel)] * (d - 1)
        stacked = tf.stack(parts, axis=axis + 1)
        shape = kernel.shape.as_list()
        shape[axis] = k * d
        kernel = tf.reshape(stacked, shape)
        kernel = tf.gather(kernel, tf.range((k - 1) * d + 1), axis=axis)
    return kernel


def _explicit_same_padding(x, kernel_sizes, strides, dilation):
    pads = [[0, 0]]
    for i, (k, st, d) in enumerate(zip(kernel_sizes, strides, dilation)):
        pads.append(list(shape_rules.same_padding(x.shape[i + 1], k, st, d)))
    return tf.pad(x, pads + [[0, 0]])


def _depthwise_native(x, kernel, strides, padding, dilation):
    """A grouped conv with one input channel per group, via tf.nn.depthwise_conv2d."""
    channels = x.shape[-1]
    spatial = kernel.shape.as_list()[:-2]
    kernel = tf.reshape(kernel, spatial + [channels, kernel.shape[-1] // channels])
    one_d = len(strides) == 1
    if one_d:
        x, kernel = x[:, None], kernel[None]
        strides, dilation, spatial = (1, *strides), (1, *dilation), [1, *spatial]
    subsample = None
    if strides[0] != strides[1]:
        # The native kernel needs equal strides: run at stride 1 (with the strided "same"
        # padding made explicit) and keep every stride-th output.
        if padding == "same":
            x = _explicit_same_padding(x, spatial, strides, dilation)
            padding = "valid"
        subsample, strides = strides, (1, 1)
    out = tf.nn.depthwise_conv2d(x, kernel, [1, *strides, 1], padding.upper(), dilations=dilation)
    if subsample is not None:
        out = out[:, :: subsample[0], :: subsample[1]]
    return out[:, 0] if one_d else out


def _conv_channels_last(x, kernel, strides, padding, dilation):
    n = len(strides)
    if max(strides) > 1 and max(dilation) > 1:
        kernel = _dilate_kernel(kernel, dilation)
        dilation = (1,) * n
    in_ch, k_in = x.shape[-1], kernel.shape[-2]
    groups = in_ch // k_in
    static = None not in x.shape.as_list()[1:-1]
    equal = len(set(strides)) == 1 and (n == 2 or strides[0] == 1)
    if groups > 1 and k_in == 1 and n in (1, 2) and (static or equal):
        return _depthwise_native(x, kernel, strides, padding, dilation)
    if groups > 1:
        # TF's CPU kernels cannot differentiate grouped convolutions (nor run them in 3-D),
        # so each group is convolved on its own.
        xs = tf.split(x, groups, axis=-1)
        ks = tf.split(kernel, groups, axis=-1)
        outs = [_native_conv(a, b, strides, padding, dilation) for a, b in zip(xs, ks)]
        return tf.concat(outs, axis=-1)
    return _native_conv(x, kernel, strides, padding, dilation)


def _native_conv(x, kernel, strides, padding, dilation):
    """One ungrouped channels-last convolution.

    In 3-D, ``tf.nn.convolution`` builds a Conv3D node whose registered gradient
    fails in eager mode (it reads a ``data_format`` attribute that node leaves
    unset), and the CPU Conv3D kernel has no dilation; so 3-D runs through
    ``tf.nn.conv3d`` (NDHWC, differentiable) with the dilation written into the
    kernel as zero taps (the "same" padding of the dilated kernel is unchanged).
    """
    if len(strides) != 3:
        return tf.nn.convolution(x, kernel, strides, padding.upper(), dilations=dilation)
    if max(dilation) > 1:
        kernel = _dilate_kernel(kernel, dilation)
    return tf.nn.conv3d(x, kernel, [1, *strides, 1], padding.upper())


def _check_in_channels(op, x, kernel, kernel_axis, inputs_shape, argument="kernel"):
    in_ch, k_in = x.shape[-1], kernel.shape[kernel_axis]
    if in_ch is None:
        raise ValueError(
            f"{op}: the channel axis of `inputs` must be known. Received: {inputs_shape}"
        )
    if k_in is None or k_in == 0 or in_ch % k_in != 0:
        raise ValueError(
            f"{op}: the input-channel count of `{argument}` ({k_in}) must divide the channel count "
            f"of `inputs` ({in_ch}). Received: {argument}.shape={tuple(kernel.shape.as_list())}, "
            f"inputs.shape={inputs_shape}"
        )


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    op = "conv"
    inputs, (kernel,) = _conv_inputs(op, inputs, kernel)
    n = inputs.shape.rank - 2
    strides, padding, dilation, fmt = _conv_args(
        op, n, strides, padding, dilation_rate, data_format
    )
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    _check_in_channels(op, x, kernel, -2, shape)
    eff = [
        shape_rules.effective_kernel(k, d) for k, d in zip(kernel.shape.as_list()[:-2], dilation)
    ]
    _check_valid_fits(op, x, eff, padding, "kernel (dilated)", shape)
    out = _conv_channels_last(x, kernel, strides, padding, dilation)
    return h.from_channels_last(out, fmt)


def _depthwise_channels_last(op, x, kernel, strides, padding, dilation, shape):
    if kernel.shape[-2] != x.shape[-1]:
        raise ValueError(
            f"{op}: the depthwise kernel's input-channel count ({kernel.shape[-2]}) must equal the "
            f"channel count of `inputs` ({x.shape[-1]}). Received: "
            f"kernel.shape={tuple(kernel.shape.as_list())}, inputs.shape={shape}"
        )
    eff = [
        shape_rules.effective_kernel(k, d) for k, d in zip(kernel.shape.as_list()[:-2], dilation)
    ]
    _check_valid_fits(op, x, eff, padding, "kernel (dilated)", shape)
    spatial = kernel.shape.as_list()[:-2]
    grouped = tf.reshape(kernel, spatial + [1, kernel.shape[-2] * kernel.shape[-1]])
    return _conv_channels_last(x, grouped, strides, padding, dilation)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    op = "depthwise_conv"
    inputs, (kernel,) = _conv_inputs(op, inputs, kernel)
    n = inputs.shape.rank - 2
    strides, padding, dilation, fmt = _conv_args(
        op, n, strides, padding, dilation_rate, data_format
    )
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    out = _depthwise_channels_last(op, x, kernel, strides, padding, dilation, shape)
    return h.from_channels_last(out, fmt)


def separable_conv(
    inputs,
    depthwise_kernel,
    pointwise_kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    op = "separable_conv"
    inputs, (dk, pk) = _conv_inputs(op, inputs, depthwise_kernel, pointwise_kernel)
    n = inputs.shape.rank - 2
    strides, padding, dilation, fmt = _conv_args(
        op, n, strides, padding, dilation_rate, data_format
    )
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    depthwise = _depthwise_channels_last(op, x, dk, strides, padding, dilation, shape)
    _check_in_channels(op, depthwise, pk, -2, shape, "pointwise_kernel")
    out = _conv_channels_last(depthwise, pk, (1,) * n, "valid", (1,) * n)
    return h.from_channels_last(out, fmt)


def _transpose_manual(x, kernel, strides, paddings):
    """conv_transpose as a correlation of the zero-upsampled input with the flipped kernel.

    ``paddings`` holds ``(before, after)`` per spatial axis for the upsampled input
    (``shape_rules.deconv_padding``); a negative amount crops instead.
    """
    n = len(strides)
    sizes = x.shape.as_list()[1:-1]
    for axis, s in enumerate(strides):
        if s == 1:
            continue
        a = axis + 1
        parts = [x] + [tf.zeros_like(x)] * (s - 1)
        stacked = tf.stack(parts, axis=a + 1)
        shape = h.dims(x)
        shape[a] = sizes[axis] * s
        x = tf.reshape(stacked, shape)
        x = tf.gather(x, tf.range((sizes[axis] - 1) * s + 1), axis=a)
    pads, crops = [[0, 0]], []
    for left, right in paddings:
        pads.append([max(left, 0), max(right, 0)])
        crops.append((max(-left, 0), max(-right, 0)))
    pads.append([0, 0])
    x = tf.pad(x, pads)
    begin = [0] + [c[0] for c in crops] + [0]
    size = [-1] + [x.shape[i + 1] - c[0] - c[1] for i, c in enumerate(crops)] + [-1]
    x = tf.slice(x, begin, size)
    flipped = tf.reverse(kernel, axis=list(range(n)))
    flipped = tf.transpose(flipped, list(range(n)) + [n + 1, n])
    return _native_conv(x, flipped, (1,) * n, "valid", (1,) * n)


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
    inputs, (kernel,) = _conv_inputs(op, inputs, kernel)
    n = inputs.shape.rank - 2
    strides, padding, dilation, fmt = _conv_args(
        op, n, strides, padding, dilation_rate, data_format
    )
    if output_padding is not None:
        output_padding = h.int_tuple(op, output_padding, n, "output_padding", minimum=0)
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    if x.shape[-1] != kernel.shape[-1]:
        raise ValueError(
            f"{op}: the kernel's input-channel count (its last axis, {kernel.shape[-1]}) must equal "
            f"the channel count of `inputs` ({x.shape[-1]}). Received: "
            f"kernel.shape={tuple(kernel.shape.as_list())}, inputs.shape={shape}"
        )
    sizes = x.shape.as_list()[1:-1]
    if any(s is None for s in sizes):
        raise ValueError(f"{op}: the spatial dims of `inputs` must be known. Received: {shape}")
    kernel = _dilate_kernel(kernel, dilation)
    k_eff = kernel.shape.as_list()[:n]
    ops_ = output_padding if output_padding is not None else (None,) * n
    # The kernel is dilated already, so the shared formulas see dilation 1.
    out_sizes, paddings = zip(
        *[
            shape_rules.deconv_padding(sizes[i], k_eff[i], strides[i], padding, ops_[i])
            for i in range(n)
        ]
    )
    out_sizes = list(out_sizes)
    # TF's own kernel applies when a forward conv of the output gives back the input sizes.
    native = all(
        (padding == "same" or out_sizes[i] >= k_eff[i])
        and shape_rules.conv_output_length(out_sizes[i], k_eff[i], strides[i], padding) == sizes[i]
        for i in range(n)
    )
    if not native:
        out = _transpose_manual(x, kernel, strides, paddings)
    else:
        out_shape = tf.stack([tf.shape(x)[0]] + out_sizes + [kernel.shape[-2]])
        out = tf.nn.conv_transpose(x, kernel, out_shape, strides, padding.upper())
    return h.from_channels_last(out, fmt)


def _pool_args(op, inputs, pool_size, strides, padding, data_format):
    rank = h.static_rank(op, inputs)
    if rank not in (3, 4, 5):
        raise ValueError(
            f"{op}: `inputs` must have rank 3, 4 or 5. "
            f"Received: inputs.shape={tuple(inputs.shape.as_list())}"
        )
    n = rank - 2
    pool = h.int_tuple(op, pool_size, n, "pool_size")
    strides = pool if strides is None else h.int_tuple(op, strides, n, "strides")
    return pool, strides, h.padding_arg(op, padding), config.standardize_data_format(data_format)


def _separable_int_max_pool(x, pool, strides, padding):
    # MaxPool3D has no integer kernels; a box maximum is separable, so pool one axis at a time
    # with the 2-D op (which has them), treating the other axes as batch or channels.
    n = len(pool)
    for axis in range(n):
        a = axis + 1
        x = h.move_axis(x, a, 1)
        shape = h.dims(x)
        flat = tf.reshape(x, tf.stack([shape[0], shape[1], 1, -1]))
        flat = tf.nn.max_pool2d(flat, (pool[axis], 1), (strides[axis], 1), padding.upper())
        new_shape = [shape[0], tf.shape(flat)[1]] + shape[2:]
        x = tf.reshape(flat, tf.stack(new_shape))
        x = h.move_axis(x, 1, a)
    return x


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    op = "max_pool"
    inputs = convert_to_tensor(inputs)
    pool, strides, padding, fmt = _pool_args(op, inputs, pool_size, strides, padding, data_format)
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    _check_valid_fits(op, x, pool, padding, "pool_size", shape)
    if x.dtype == tf.bool:
        out = tf.cast(max_pool(tf.cast(x, "int8"), pool, strides, padding, "channels_last"), "bool")
    elif len(pool) == 3 and not x.dtype.is_floating:
        out = _separable_int_max_pool(x, pool, strides, padding)
    else:
        out = tf.nn.max_pool(x, pool, strides, padding.upper())
    return h.from_channels_last(out, fmt)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    op = "average_pool"
    inputs = h.to_float(inputs)
    pool, strides, padding, fmt = _pool_args(op, inputs, pool_size, strides, padding, data_format)
    shape = tuple(inputs.shape.as_list())
    x = h.to_channels_last(inputs, fmt)
    _check_valid_fits(op, x, pool, padding, "pool_size", shape)
    out = tf.nn.avg_pool(x, pool, strides, padding.upper())
    return h.from_channels_last(out, fmt)


def _adaptive_bins(size, out):
    starts = [(i * size) // out for i in range(out)]
    ends = [-((-(i + 1) * size) // out) for i in range(out)]
    return starts, ends


def _adaptive_setup(op, inputs, output_size, data_format):
    rank = h.static_rank(op, inputs)
    if rank not in (3, 4, 5):
        raise ValueError(
            f"{op}: `inputs` must have rank 3, 4 or 5. "
            f"Received: inputs.shape={tuple(inputs.shape.as_list())}"
        )
    n = rank - 2
    out = h.int_tuple(op, output_size, n, "output_size")
    fmt = config.standardize_data_format(data_format)
    x = h.to_channels_last(inputs, fmt)
    sizes = x.shape.as_list()[1:-1]
    if any(s is None for s in sizes):
        raise ValueError(
            f"{op}: the spatial dims of `inputs` must be known. "
            f"Received: inputs.shape={tuple(inputs.shape.as_list())}"
        )
    return x, sizes, out, fmt


def adaptive_average_pool(inputs, output_size, data_format=None):
    op = "adaptive_average_pool"
    inputs = h.to_float(inputs)
    out_dtype = inputs.dtype
    x, sizes, out, fmt = _adaptive_setup(op, inputs, output_size, data_format)
    x = h.upcast_half(x)
    for axis, (size, o) in enumerate(zip(sizes, out)):
        starts, ends = _adaptive_bins(size, o)
        weights = np.zeros((o, size))
        for i, (s, e) in enumerate(zip(starts, ends)):
            weights[i, s:e] = 1.0 / (e - s)
        w = tf.constant(weights, dtype=x.dtype)
        moved = h.move_axis(x, axis + 1, -1)
        pooled = tf.tensordot(moved, w, [[moved.shape.rank - 1], [1]])
        x = h.move_axis(pooled, -1, axis + 1)
    return h.from_channels_last(tf.cast(x, out_dtype), fmt)


def adaptive_max_pool(inputs, output_size, data_format=None):
    op = "adaptive_max_pool"
    inputs = convert_to_tensor(inputs)
    x, sizes, out, fmt = _adaptive_setup(op, inputs, output_size, data_format)
    for axis, (size, o) in enumerate(zip(sizes, out)):
        starts, ends = _adaptive_bins(size, o)
        length = max(e - s for s, e in zip(starts, ends))
        index = np.array([[min(s + j, e - 1) for j in range(length)] for s, e in zip(starts, ends)])
        gathered = tf.gather(x, index.astype("int32"), axis=axis + 1)
        x = tf.reduce_max(gathered, axis=axis + 2)
    return h.from_channels_last(x, fmt)


def _unfold_args(op, kernel_size, dilation, padding, stride):
    k = h.int_tuple(op, kernel_size, 2, "kernel_size")
    d = h.int_tuple(op, dilation, 2, "dilation")
    p = h.int_tuple(op, padding, 2, "padding", minimum=0)
    s = h.int_tuple(op, stride, 2, "stride")
    return k, d, p, s


def _patch_index(sizes, k, d, p, s, op):
    hp, wp = sizes[0] + 2 * p[0], sizes[1] + 2 * p[1]
    oh = shape_rules.conv_output_length(hp, k[0], s[0], "valid", d[0])
    ow = shape_rules.conv_output_length(wp, k[1], s[1], "valid", d[1])
    if oh <= 0 or ow <= 0:
        raise ValueError(
            f"{op}: the kernel (size {k}, dilation {d}) does not fit in the padded input "
            f"of spatial size {(hp, wp)}."
        )
    rows = np.arange(k[0])[:, None] * d[0] + np.arange(oh)[None, :] * s[0]
    cols = np.arange(k[1])[:, None] * d[1] + np.arange(ow)[None, :] * s[1]
    flat = rows[:, None, :, None] * wp + cols[None, :, None, :]
    return flat.reshape(k[0] * k[1], oh * ow).astype("int32"), (hp, wp), oh * ow


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    op = "unfold"
    x = convert_to_tensor(x)
    if h.static_rank(op, x) != 4:
        raise ValueError(
            f"{op}: expects a rank-4 tensor (batch, channels, height, width). "
            f"Received: shape={tuple(x.shape.as_list())}"
        )
    k, d, p, s = _unfold_args(op, kernel_size, dilation, padding, stride)
    sizes = x.shape.as_list()[2:]
    if any(v is None for v in sizes):
        raise ValueError(f"{op}: the spatial dims must be known. Received: shape={x.shape}")
    index, (hp, wp), length = _patch_index(sizes, k, d, p, s, op)
    x = tf.pad(x, [[0, 0], [0, 0], [p[0], p[0]], [p[1], p[1]]])
    n, c = h.dim(x, 0), h.dim(x, 1)
    flat = tf.reshape(x, tf.stack([n, c, hp * wp]))
    patches = tf.gather(flat, index, axis=2)
    return tf.reshape(patches, tf.stack([n, c * k[0] * k[1], length]))


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    op = "fold"
    x = convert_to_tensor(x)
    if h.static_rank(op, x) != 3:
        raise ValueError(
            f"{op}: expects a rank-3 tensor (batch, channels * kernel positions, blocks). "
            f"Received: shape={tuple(x.shape.as_list())}"
        )
    k, d, p, s = _unfold_args(op, kernel_size, dilation, padding, stride)
    out = h.int_tuple(op, output_size, 2, "output_size")
    index, (hp, wp), length = _patch_index(out, k, d, p, s, op)
    ck, blocks = x.shape[1], x.shape[2]
    if ck is None or ck % (k[0] * k[1]) != 0 or (blocks is not None and blocks != length):
        raise ValueError(
            f"{op}: expected an input of shape (batch, channels * {k[0] * k[1]}, {length}) for "
            f"output_size={out}, kernel_size={k}. Received: shape={tuple(x.shape.as_list())}"
        )
    c = ck // (k[0] * k[1])
    n = h.dim(x, 0)
    values = tf.reshape(x, tf.stack([n, c, k[0] * k[1] * length]))
    values = tf.transpose(values, [2, 0, 1])
    summed = tf.math.unsorted_segment_sum(values, index.reshape(-1), hp * wp)
    summed = tf.reshape(tf.transpose(summed, [1, 2, 0]), tf.stack([n, c, hp, wp]))
    return summed[:, :, p[0] : p[0] + out[0], p[1] : p[1] + out[1]]


def _space_depth_setup(x, block_size, data_format, op):
    x = convert_to_tensor(x)
    if h.static_rank(op, x) != 4:
        raise ValueError(
            f"{op}: expects a rank-4 tensor. Received: x.shape={tuple(x.shape.as_list())}"
        )
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 2:
        raise ValueError(f"{op}: `block_size` must be an int >= 2. Received: {block_size!r}")
    fmt = config.standardize_data_format(data_format)
    return h.to_channels_last(x, fmt), fmt


def depth_to_space(x, block_size, data_format="channels_last"):
    op = "depth_to_space"
    x, fmt = _space_depth_setup(x, block_size, data_format, op)
    channels = x.shape[-1]
    if channels is not None and channels % (block_size * block_size):
        raise ValueError(
            f"{op}: the channel count ({channels}) must be divisible by block_size**2 "
            f"({block_size * block_size}). Received: x.shape (channels_last)="
            f"{tuple(x.shape.as_list())}"
        )
    return h.from_channels_last(tf.nn.depth_to_space(x, block_size), fmt)


def space_to_depth(x, block_size, data_format="channels_last"):
    op = "space_to_depth"
    x, fmt = _space_depth_setup(x, block_size, data_format, op)
    for size in x.shape.as_list()[1:3]:
        if size is not None and size % block_size:
            raise ValueError(
                f"{op}: the spatial dims must be divisible by block_size={block_size}. "
                f"Received: x.shape (channels_last)={tuple(x.shape.as_list())}"
            )
    return h.from_channels_last(tf.nn.space_to_depth(x, block_size), fmt)
