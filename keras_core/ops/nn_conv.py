"""Convolution, pooling and patch-rearranging ops of ``keras_core.ops.nn``.

Layouts: ``data_format="channels_last"`` inputs are ``(batch, *spatial, channels)``,
``"channels_first"`` inputs ``(batch, channels, *spatial)``; ``None`` means
``keras_core.config.image_data_format()``. Kernels are always laid out
channels-last style: ``(*spatial, in_channels // groups, out_channels)`` for
``conv``, ``(*spatial, in_channels, depth_multiplier)`` for ``depthwise_conv``
and ``(*spatial, out_channels, in_channels)`` for ``conv_transpose``.

Padding: ``"valid"`` uses no padding; ``"same"`` pads so that the output has
``ceil(size / stride)`` positions, putting the smaller half of the padding
first (before) and the larger half last.
"""

import math

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.backend.common.shape_rules import (
    conv_output_length,
    deconv_output_length,
    effective_kernel,
)
from keras_core.ops.op_utils import (
    Tensor,
    channel_dim,
    check_rank,
    float_dtype,
    int_tuple,
    make_shape,
    op_names,
    shape_of,
    spatial_dims,
    standardize_data_format,
    standardize_padding,
)
from keras_core.ops.operation import Operation

# ---------------------------------------------------------------------------
# Argument checks (output lengths and padding come from backend/common/shape_rules.py)


def _check_window_fits(in_spatial, window, dilation, op, arg, in_shape, arg_value):
    for size, k, d in zip(in_spatial, window, dilation):
        if size is None or k is None:
            continue
        effective = effective_kernel(k, d)
        if effective > size:
            dil = f", dilation_rate={tuple(dilation)}" if any(v > 1 for v in dilation) else ""
            raise ValueError(
                f"{op}: with padding='valid' the window ({arg}={arg_value}{dil}) spans "
                f"{effective} positions, more than the input's spatial size {size}. "
                f"Received: inputs.shape={tuple(in_shape)}"
            )


# ---------------------------------------------------------------------------
# Convolutions


def _conv_checks(op, inputs, kernel, strides, padding, data_format, dilation_rate, channel_axis=-2):
    """Checks the arguments of a convolution; returns the standardized ones."""
    data_format = standardize_data_format(data_format, op)
    padding = standardize_padding(padding, op)
    x_shape, k_shape = shape_of(inputs), shape_of(kernel)
    check_rank(x_shape, (3, 4, 5), op, "inputs")
    if len(k_shape) != len(x_shape):
        raise ValueError(
            f"{op}: `kernel` must have the same rank as `inputs` ({len(x_shape)}). "
            f"Received: inputs.shape={tuple(x_shape)}, kernel.shape={tuple(k_shape)}"
        )
    nd = len(x_shape) - 2
    strides = int_tuple(strides, nd, op, "strides")
    dilation_rate = int_tuple(dilation_rate, nd, op, "dilation_rate")
    if any(s > 1 for s in strides) and any(d > 1 for d in dilation_rate):
        raise ValueError(
            f"{op}: `strides` > 1 cannot be combined with `dilation_rate` > 1. "
            f"Received: strides={strides}, dilation_rate={dilation_rate}"
        )
    if padding == "valid":
        _check_window_fits(
            spatial_dims(x_shape, data_format),
            k_shape[:nd],
            dilation_rate,
            op,
            "kernel.shape[:-2]",
            x_shape,
            tuple(k_shape[:nd]),
        )
    return data_format, padding, strides, dilation_rate, x_shape, k_shape


class Conv(Operation):
    def __init__(self, strides=1, padding="valid", data_format=None, dilation_rate=1, name=None):
        super().__init__(name=name)
        self.strides = strides
        self.padding = padding
        self.data_format = data_format
        self.dilation_rate = dilation_rate

    def call(self, inputs, kernel):
        return backend.nn.conv(
            inputs, kernel, self.strides, self.padding, self.data_format, self.dilation_rate
        )

    def compute_output_spec(self, inputs, kernel):
        x_shape, k_shape = shape_of(inputs), shape_of(kernel)
        nd = len(x_shape) - 2
        strides = int_tuple(self.strides, nd, "conv", "strides")
        dil = int_tuple(self.dilation_rate, nd, "conv", "dilation_rate")
        spatial = tuple(
            conv_output_length(n, k, s, self.padding, d)
            for n, k, s, d in zip(
                spatial_dims(x_shape, self.data_format), k_shape[:nd], strides, dil
            )
        )
        shape = make_shape(x_shape[0], spatial, k_shape[-1], self.data_format)
        return KerasTensor(shape, dtype=float_dtype(inputs, kernel))


def conv(
    inputs: Tensor,
    kernel: Tensor,
    strides: int | tuple = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: int | tuple = 1,
) -> Tensor:
    """General N-D convolution (1D, 2D or 3D), with optional channel groups.

    Args:
        inputs: a tensor of rank 3, 4 or 5: ``(batch, *spatial, channels)`` for
            ``"channels_last"``, ``(batch, channels, *spatial)`` for ``"channels_first"``.
        kernel: a tensor of shape ``(*kernel_spatial, in_channels // groups, out_channels)``.
            ``groups = in_channels // kernel.shape[-2]``; ``out_channels`` must be a
            multiple of it.
        strides: an int or a tuple of ints, one per spatial dimension.
        padding: ``"valid"`` or ``"same"`` (case-insensitive).
        data_format: ``"channels_last"``, ``"channels_first"`` or None (the global default).
        dilation_rate: an int or a tuple of ints; cannot be > 1 together with strides > 1.

    Returns:
        A tensor of rank ``inputs.ndim`` with ``out_channels`` channels; its dtype is
        the floating promotion of ``inputs`` and ``kernel``.

    Example:
    >>> x = keras_core.ops.ones((1, 5, 5, 2))
    >>> k = keras_core.ops.ones((3, 3, 2, 4))
    >>> keras_core.ops.shape(keras_core.ops.conv(x, k, padding="same"))
    (1, 5, 5, 4)
    """
    op = "conv"
    data_format, padding, strides, dilation_rate, x_shape, k_shape = _conv_checks(
        op, inputs, kernel, strides, padding, data_format, dilation_rate
    )
    in_ch, k_in, k_out = channel_dim(x_shape, data_format), k_shape[-2], k_shape[-1]
    if in_ch is not None and k_in is not None:
        if k_in == 0 or in_ch % k_in:
            raise ValueError(
                f"{op}: the input has {in_ch} channels, which is not a multiple of the "
                f"kernel's input channels (kernel.shape[-2]={k_in}). "
                f"Received: inputs.shape={tuple(x_shape)}, kernel.shape={tuple(k_shape)}, "
                f"data_format={data_format!r}"
            )
        groups = in_ch // k_in
        if k_out is not None and k_out % groups:
            raise ValueError(
                f"{op}: the kernel's output channels ({k_out}) must be a multiple of the "
                f"number of groups ({groups} = {in_ch} input channels // {k_in}). "
                f"Received: inputs.shape={tuple(x_shape)}, kernel.shape={tuple(k_shape)}"
            )
    if any_symbolic_tensors((inputs, kernel)):
        return Conv(strides, padding, data_format, dilation_rate).symbolic_call(inputs, kernel)
    return backend.nn.conv(inputs, kernel, strides, padding, data_format, dilation_rate)


class DepthwiseConv(Conv):
    def call(self, inputs, kernel):
        return backend.nn.depthwise_conv(
            inputs, kernel, self.strides, self.padding, self.data_format, self.dilation_rate
        )

    def compute_output_spec(self, inputs, kernel):
        x_shape, k_shape = shape_of(inputs), shape_of(kernel)
        nd = len(x_shape) - 2
        strides = int_tuple(self.strides, nd, "depthwise_conv", "strides")
        dil = int_tuple(self.dilation_rate, nd, "depthwise_conv", "dilation_rate")
        spatial = tuple(
            conv_output_length(n, k, s, self.padding, d)
            for n, k, s, d in zip(
                spatial_dims(x_shape, self.data_format), k_shape[:nd], strides, dil
            )
        )
        c, m = k_shape[-2], k_shape[-1]
        out_ch = None if c is None or m is None else c * m
        shape = make_shape(x_shape[0], spatial, out_ch, self.data_format)
        return KerasTensor(shape, dtype=float_dtype(inputs, kernel))


def _check_depthwise_channels(op, x_shape, k_shape, data_format, arg="kernel"):
    in_ch = channel_dim(x_shape, data_format)
    if in_ch is not None and k_shape[-2] is not None and in_ch != k_shape[-2]:
        raise ValueError(
            f"{op}: `{arg}` expects {k_shape[-2]} input channels ({arg}.shape[-2]) but the "
            f"input has {in_ch}. Received: inputs.shape={tuple(x_shape)}, "
            f"{arg}.shape={tuple(k_shape)}, data_format={data_format!r}"
        )


def depthwise_conv(
    inputs: Tensor,
    kernel: Tensor,
    strides: int | tuple = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: int | tuple = 1,
) -> Tensor:
    """Depthwise convolution: each input channel is convolved with its own filters.

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        kernel: a tensor of shape ``(*kernel_spatial, in_channels, depth_multiplier)``.
        strides: an int or a tuple of ints, one per spatial dimension.
        padding: ``"valid"`` or ``"same"``.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.
        dilation_rate: an int or a tuple of ints.

    Returns:
        A tensor with ``in_channels * depth_multiplier`` channels; output channel
        ``c * depth_multiplier + m`` is input channel ``c`` filtered by ``kernel[..., c, m]``.

    Example:
    >>> x = keras_core.ops.ones((1, 6, 3))
    >>> k = keras_core.ops.ones((3, 3, 2))
    >>> keras_core.ops.shape(keras_core.ops.depthwise_conv(x, k))
    (1, 4, 6)
    """
    op = "depthwise_conv"
    data_format, padding, strides, dilation_rate, x_shape, k_shape = _conv_checks(
        op, inputs, kernel, strides, padding, data_format, dilation_rate
    )
    _check_depthwise_channels(op, x_shape, k_shape, data_format)
    if any_symbolic_tensors((inputs, kernel)):
        return DepthwiseConv(strides, padding, data_format, dilation_rate).symbolic_call(
            inputs, kernel
        )
    return backend.nn.depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate)


class SeparableConv(Conv):
    def call(self, inputs, depthwise_kernel, pointwise_kernel):
        return backend.nn.separable_conv(
            inputs,
            depthwise_kernel,
            pointwise_kernel,
            self.strides,
            self.padding,
            self.data_format,
            self.dilation_rate,
        )

    def compute_output_spec(self, inputs, depthwise_kernel, pointwise_kernel):
        spec = DepthwiseConv(
            self.strides, self.padding, self.data_format, self.dilation_rate
        ).compute_output_spec(inputs, depthwise_kernel)
        shape = list(spec.shape)
        shape[-1 if self.data_format == "channels_last" else 1] = shape_of(pointwise_kernel)[-1]
        return KerasTensor(
            tuple(shape), dtype=float_dtype(inputs, depthwise_kernel, pointwise_kernel)
        )


def separable_conv(
    inputs: Tensor,
    depthwise_kernel: Tensor,
    pointwise_kernel: Tensor,
    strides: int | tuple = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: int | tuple = 1,
) -> Tensor:
    """Depthwise convolution followed by a pointwise (1x1) convolution.

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        depthwise_kernel: ``(*kernel_spatial, in_channels, depth_multiplier)``.
        pointwise_kernel: ``(*ones, in_channels * depth_multiplier, out_channels)``.
        strides: an int or a tuple of ints (applied by the depthwise step).
        padding: ``"valid"`` or ``"same"``.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.
        dilation_rate: an int or a tuple of ints.

    Returns:
        A tensor with ``out_channels`` channels.

    Example:
    >>> x = keras_core.ops.ones((1, 5, 5, 2))
    >>> dk = keras_core.ops.ones((3, 3, 2, 2))
    >>> pk = keras_core.ops.ones((1, 1, 4, 3))
    >>> keras_core.ops.shape(keras_core.ops.separable_conv(x, dk, pk))
    (1, 3, 3, 3)
    """
    op = "separable_conv"
    data_format, padding, strides, dilation_rate, x_shape, k_shape = _conv_checks(
        op, inputs, depthwise_kernel, strides, padding, data_format, dilation_rate
    )
    _check_depthwise_channels(op, x_shape, k_shape, data_format, "depthwise_kernel")
    p_shape = shape_of(pointwise_kernel)
    if len(p_shape) != len(x_shape):
        raise ValueError(
            f"{op}: `pointwise_kernel` must have the same rank as `inputs` ({len(x_shape)}). "
            f"Received: pointwise_kernel.shape={tuple(p_shape)}"
        )
    if any(d not in (1, None) for d in p_shape[:-2]):
        raise ValueError(
            f"{op}: `pointwise_kernel` must have spatial size 1. "
            f"Received: pointwise_kernel.shape={tuple(p_shape)}"
        )
    mid = None if None in (k_shape[-2], k_shape[-1]) else k_shape[-2] * k_shape[-1]
    if mid is not None and p_shape[-2] is not None and p_shape[-2] != mid:
        raise ValueError(
            f"{op}: `pointwise_kernel` expects {p_shape[-2]} input channels but the depthwise "
            f"step gives {mid} (in_channels * depth_multiplier). Received: "
            f"depthwise_kernel.shape={tuple(k_shape)}, pointwise_kernel.shape={tuple(p_shape)}"
        )
    if any_symbolic_tensors((inputs, depthwise_kernel, pointwise_kernel)):
        return SeparableConv(strides, padding, data_format, dilation_rate).symbolic_call(
            inputs, depthwise_kernel, pointwise_kernel
        )
    return backend.nn.separable_conv(
        inputs, depthwise_kernel, pointwise_kernel, strides, padding, data_format, dilation_rate
    )


class ConvTranspose(Operation):
    def __init__(
        self,
        strides=1,
        padding="valid",
        output_padding=None,
        data_format=None,
        dilation_rate=1,
        name=None,
    ):
        super().__init__(name=name)
        self.strides = strides
        self.padding = padding
        self.output_padding = output_padding
        self.data_format = data_format
        self.dilation_rate = dilation_rate

    def call(self, inputs, kernel):
        return backend.nn.conv_transpose(
            inputs,
            kernel,
            self.strides,
            self.padding,
            self.output_padding,
            self.data_format,
            self.dilation_rate,
        )

    def compute_output_spec(self, inputs, kernel):
        x_shape, k_shape = shape_of(inputs), shape_of(kernel)
        nd = len(x_shape) - 2
        strides = int_tuple(self.strides, nd, "conv_transpose", "strides")
        dil = int_tuple(self.dilation_rate, nd, "conv_transpose", "dilation_rate")
        out_pad = (
            (None,) * nd
            if self.output_padding is None
            else int_tuple(self.output_padding, nd, "conv_transpose", "output_padding", 0)
        )
        spatial = tuple(
            deconv_output_length(n, k, s, self.padding, op_, d)
            for n, k, s, op_, d in zip(
                spatial_dims(x_shape, self.data_format), k_shape[:nd], strides, out_pad, dil
            )
        )
        shape = make_shape(x_shape[0], spatial, k_shape[-2], self.data_format)
        return KerasTensor(shape, dtype=float_dtype(inputs, kernel))


def conv_transpose(
    inputs: Tensor,
    kernel: Tensor,
    strides: int | tuple = 1,
    padding: str = "valid",
    output_padding: int | tuple | None = None,
    data_format: str | None = None,
    dilation_rate: int | tuple = 1,
) -> Tensor:
    """Transposed convolution (the gradient of ``conv`` with respect to its input).

    Each output spatial length is ``size * stride + max(k - stride, 0)`` ("valid") or
    ``size * stride`` ("same") when ``output_padding`` is None, and
    ``(size - 1) * stride + k - 2 * pad + output_padding`` otherwise, with ``k`` the
    dilated kernel size and ``pad = k // 2`` for "same", 0 for "valid". Input
    position ``i`` with kernel tap ``j`` adds to output position
    ``i * stride + j * dilation - left``, where ``left = 0`` for "valid" and, for
    "same", half (rounded down) of ``max((size - 1) * stride + k - out_size, 0)``.

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        kernel: a tensor of shape ``(*kernel_spatial, out_channels, in_channels)``.
        strides: an int or a tuple of ints.
        padding: ``"valid"`` or ``"same"``.
        output_padding: None, or an int or tuple of ints: extra length added to the
            output; each must be smaller than the stride.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.
        dilation_rate: an int or a tuple of ints.

    Returns:
        A tensor with ``out_channels`` channels.

    Example:
    >>> x = keras_core.ops.ones((1, 4, 4, 3))
    >>> k = keras_core.ops.ones((3, 3, 2, 3))
    >>> keras_core.ops.shape(keras_core.ops.conv_transpose(x, k, strides=2, padding="same"))
    (1, 8, 8, 2)
    """
    op = "conv_transpose"
    data_format = standardize_data_format(data_format, op)
    padding = standardize_padding(padding, op)
    x_shape, k_shape = shape_of(inputs), shape_of(kernel)
    check_rank(x_shape, (3, 4, 5), op, "inputs")
    if len(k_shape) != len(x_shape):
        raise ValueError(
            f"{op}: `kernel` must have the same rank as `inputs` ({len(x_shape)}). "
            f"Received: inputs.shape={tuple(x_shape)}, kernel.shape={tuple(k_shape)}"
        )
    nd = len(x_shape) - 2
    strides = int_tuple(strides, nd, op, "strides")
    dilation_rate = int_tuple(dilation_rate, nd, op, "dilation_rate")
    if output_padding is not None:
        output_padding = int_tuple(output_padding, nd, op, "output_padding", minimum=0)
        for p, s, d in zip(output_padding, strides, dilation_rate):
            if p >= max(s, d):
                raise ValueError(
                    f"{op}: each `output_padding` must be smaller than the stride (or the "
                    f"dilation). Received: output_padding={output_padding}, strides={strides}"
                )
    in_ch = channel_dim(x_shape, data_format)
    if in_ch is not None and k_shape[-1] is not None and in_ch != k_shape[-1]:
        raise ValueError(
            f"{op}: `kernel` expects {k_shape[-1]} input channels (kernel.shape[-1]) but the "
            f"input has {in_ch}. Received: inputs.shape={tuple(x_shape)}, "
            f"kernel.shape={tuple(k_shape)}, data_format={data_format!r}"
        )
    if any_symbolic_tensors((inputs, kernel)):
        return ConvTranspose(
            strides, padding, output_padding, data_format, dilation_rate
        ).symbolic_call(inputs, kernel)
    return backend.nn.conv_transpose(
        inputs, kernel, strides, padding, output_padding, data_format, dilation_rate
    )


# ---------------------------------------------------------------------------
# Pooling


def _pool_checks(op, inputs, pool_size, strides, padding, data_format):
    data_format = standardize_data_format(data_format, op)
    padding = standardize_padding(padding, op)
    x_shape = shape_of(inputs)
    check_rank(x_shape, (3, 4, 5), op, "inputs")
    nd = len(x_shape) - 2
    pool_size = int_tuple(pool_size, nd, op, "pool_size")
    strides = pool_size if strides is None else int_tuple(strides, nd, op, "strides")
    if padding == "valid":
        _check_window_fits(
            spatial_dims(x_shape, data_format),
            pool_size,
            (1,) * nd,
            op,
            "pool_size",
            x_shape,
            pool_size,
        )
    return data_format, padding, pool_size, strides, x_shape


class _Pool(Operation):
    backend_fn = None

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None):
        super().__init__(name=name)
        self.pool_size = pool_size
        self.strides = strides
        self.padding = padding
        self.data_format = data_format

    def call(self, inputs):
        fn = getattr(backend.nn, self.backend_fn)
        return fn(inputs, self.pool_size, self.strides, self.padding, self.data_format)

    def compute_output_spec(self, inputs):
        x_shape = shape_of(inputs)
        spatial = tuple(
            conv_output_length(n, k, s, self.padding)
            for n, k, s in zip(
                spatial_dims(x_shape, self.data_format), self.pool_size, self.strides
            )
        )
        shape = make_shape(
            x_shape[0], spatial, channel_dim(x_shape, self.data_format), self.data_format
        )
        return KerasTensor(shape, dtype=float_dtype(inputs))


class MaxPool(_Pool):
    backend_fn = "max_pool"


class AveragePool(_Pool):
    backend_fn = "average_pool"


def max_pool(
    inputs: Tensor,
    pool_size: int | tuple,
    strides: int | tuple | None = None,
    padding: str = "valid",
    data_format: str | None = None,
) -> Tensor:
    """Max pooling over 1, 2 or 3 spatial dimensions.

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        pool_size: an int or a tuple of ints: the window size.
        strides: an int, a tuple of ints, or None (``pool_size``).
        padding: ``"valid"`` or ``"same"``; padded positions never win the max.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.

    Returns:
        The pooled tensor (integer inputs become ``floatx()``).

    Example:
    >>> x = keras_core.ops.reshape(keras_core.ops.arange(16.0), (1, 4, 4, 1))
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.max_pool(x, 2)[0, :, :, 0]).tolist()
    [[5.0, 7.0], [13.0, 15.0]]
    """
    data_format, padding, pool_size, strides, _ = _pool_checks(
        "max_pool", inputs, pool_size, strides, padding, data_format
    )
    if any_symbolic_tensors((inputs,)):
        return MaxPool(pool_size, strides, padding, data_format).symbolic_call(inputs)
    return backend.nn.max_pool(inputs, pool_size, strides, padding, data_format)


def average_pool(
    inputs: Tensor,
    pool_size: int | tuple,
    strides: int | tuple | None = None,
    padding: str = "valid",
    data_format: str | None = None,
) -> Tensor:
    """Average pooling over 1, 2 or 3 spatial dimensions.

    With ``padding="same"`` each window averages only the input elements it
    covers (padded positions are not counted).

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        pool_size: an int or a tuple of ints: the window size.
        strides: an int, a tuple of ints, or None (``pool_size``).
        padding: ``"valid"`` or ``"same"``.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.

    Returns:
        The pooled tensor, floating.

    Example:
    >>> x = keras_core.ops.reshape(keras_core.ops.arange(16.0), (1, 4, 4, 1))
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.average_pool(x, 2)[0, :, :, 0]).tolist()
    [[2.5, 4.5], [10.5, 12.5]]
    """
    data_format, padding, pool_size, strides, _ = _pool_checks(
        "average_pool", inputs, pool_size, strides, padding, data_format
    )
    if any_symbolic_tensors((inputs,)):
        return AveragePool(pool_size, strides, padding, data_format).symbolic_call(inputs)
    return backend.nn.average_pool(inputs, pool_size, strides, padding, data_format)


class _AdaptivePool(Operation):
    backend_fn = None

    def __init__(self, output_size, data_format=None, name=None):
        super().__init__(name=name)
        self.output_size = output_size
        self.data_format = data_format

    def call(self, inputs):
        return getattr(backend.nn, self.backend_fn)(inputs, self.output_size, self.data_format)

    def compute_output_spec(self, inputs):
        x_shape = shape_of(inputs)
        shape = make_shape(
            x_shape[0], self.output_size, channel_dim(x_shape, self.data_format), self.data_format
        )
        return KerasTensor(shape, dtype=float_dtype(inputs))


class AdaptiveAveragePool(_AdaptivePool):
    backend_fn = "adaptive_average_pool"


class AdaptiveMaxPool(_AdaptivePool):
    backend_fn = "adaptive_max_pool"


def _adaptive_checks(op, inputs, output_size, data_format):
    data_format = standardize_data_format(data_format, op)
    x_shape = shape_of(inputs)
    check_rank(x_shape, (3, 4, 5), op, "inputs")
    output_size = int_tuple(output_size, len(x_shape) - 2, op, "output_size")
    return data_format, output_size


def adaptive_average_pool(
    inputs: Tensor, output_size: int | tuple, data_format: str | None = None
) -> Tensor:
    """Average pooling to a fixed output size.

    Output position ``i`` of a spatial dimension of length ``n`` averages input
    positions ``floor(i * n / out)`` to ``ceil((i + 1) * n / out) - 1``.

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        output_size: an int or a tuple of ints: the output spatial shape.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.

    Returns:
        A floating tensor with spatial shape ``output_size``.

    Example:
    >>> x = keras_core.ops.ones((1, 5, 7, 2))
    >>> keras_core.ops.shape(keras_core.ops.adaptive_average_pool(x, (2, 3)))
    (1, 2, 3, 2)
    """
    data_format, output_size = _adaptive_checks(
        "adaptive_average_pool", inputs, output_size, data_format
    )
    if any_symbolic_tensors((inputs,)):
        return AdaptiveAveragePool(output_size, data_format).symbolic_call(inputs)
    return backend.nn.adaptive_average_pool(inputs, output_size, data_format)


def adaptive_max_pool(
    inputs: Tensor, output_size: int | tuple, data_format: str | None = None
) -> Tensor:
    """Max pooling to a fixed output size (windows as in ``adaptive_average_pool``).

    Args:
        inputs: a tensor of rank 3, 4 or 5 (see ``conv``).
        output_size: an int or a tuple of ints: the output spatial shape.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.

    Returns:
        A floating tensor with spatial shape ``output_size``.

    Example:
    >>> x = keras_core.ops.ones((1, 5, 7, 2))
    >>> keras_core.ops.shape(keras_core.ops.adaptive_max_pool(x, 2))
    (1, 2, 2, 2)
    """
    data_format, output_size = _adaptive_checks(
        "adaptive_max_pool", inputs, output_size, data_format
    )
    if any_symbolic_tensors((inputs,)):
        return AdaptiveMaxPool(output_size, data_format).symbolic_call(inputs)
    return backend.nn.adaptive_max_pool(inputs, output_size, data_format)


# ---------------------------------------------------------------------------
# Depth <-> space and im2col


def _block_checks(op, x, block_size, data_format):
    if not isinstance(data_format, str) or data_format.lower() not in (
        "channels_last",
        "channels_first",
    ):
        raise ValueError(
            f"{op}: `data_format` must be 'channels_last' or 'channels_first'. "
            f"Received: data_format={data_format!r}"
        )
    data_format = data_format.lower()
    x_shape = shape_of(x)
    check_rank(x_shape, (4,), op, "x")
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 2:
        raise ValueError(
            f"{op}: `block_size` must be an int >= 2. Received: block_size={block_size!r}"
        )
    return data_format, x_shape


class DepthToSpace(Operation):
    def __init__(self, block_size, data_format="channels_last", name=None):
        super().__init__(name=name)
        self.block_size = block_size
        self.data_format = data_format

    def call(self, x):
        return backend.nn.depth_to_space(x, self.block_size, self.data_format)

    def compute_output_spec(self, x):
        b = self.block_size
        shape = shape_of(x)
        h, w = spatial_dims(shape, self.data_format)
        c = channel_dim(shape, self.data_format)
        out = make_shape(
            shape[0],
            (None if h is None else h * b, None if w is None else w * b),
            None if c is None else c // (b * b),
            self.data_format,
        )
        return KerasTensor(out, dtype=x.dtype)


def depth_to_space(x: Tensor, block_size: int, data_format: str = "channels_last") -> Tensor:
    """Moves blocks of channels into spatial blocks (the inverse of ``space_to_depth``).

    With channels last, ``out[n, h * b + i, w * b + j, c] = x[n, h, w, (i * b + j) * C + c]``
    where ``b`` is ``block_size`` and ``C`` the output channel count (TensorFlow's
    "DCR" order); channels first uses the same channel order.

    Args:
        x: a rank-4 tensor.
        block_size: an int >= 2; the channel count must be a multiple of its square.
        data_format: ``"channels_last"`` or ``"channels_first"``.

    Returns:
        A tensor with height and width multiplied by ``block_size``.

    Example:
    >>> x = keras_core.ops.reshape(keras_core.ops.arange(8.0), (1, 1, 2, 4))
    >>> keras_core.ops.shape(keras_core.ops.depth_to_space(x, 2))
    (1, 2, 4, 1)
    """
    data_format, x_shape = _block_checks("depth_to_space", x, block_size, data_format)
    c = channel_dim(x_shape, data_format)
    if c is not None and c % (block_size * block_size):
        raise ValueError(
            f"depth_to_space: the channel count ({c}) must be a multiple of "
            f"block_size**2 ({block_size * block_size}). Received: x.shape={tuple(x_shape)}"
        )
    if any_symbolic_tensors((x,)):
        return DepthToSpace(block_size, data_format).symbolic_call(x)
    return backend.nn.depth_to_space(x, block_size, data_format)


class SpaceToDepth(DepthToSpace):
    def call(self, x):
        return backend.nn.space_to_depth(x, self.block_size, self.data_format)

    def compute_output_spec(self, x):
        b = self.block_size
        shape = shape_of(x)
        h, w = spatial_dims(shape, self.data_format)
        c = channel_dim(shape, self.data_format)
        out = make_shape(
            shape[0],
            (None if h is None else h // b, None if w is None else w // b),
            None if c is None else c * b * b,
            self.data_format,
        )
        return KerasTensor(out, dtype=x.dtype)


def space_to_depth(x: Tensor, block_size: int, data_format: str = "channels_last") -> Tensor:
    """Moves spatial blocks into channels (the inverse of ``depth_to_space``).

    Args:
        x: a rank-4 tensor whose height and width are multiples of ``block_size``.
        block_size: an int >= 2.
        data_format: ``"channels_last"`` or ``"channels_first"``.

    Returns:
        A tensor with ``block_size ** 2`` times more channels.

    Example:
    >>> x = keras_core.ops.ones((1, 4, 4, 1))
    >>> keras_core.ops.shape(keras_core.ops.space_to_depth(x, 2))
    (1, 2, 2, 4)
    """
    data_format, x_shape = _block_checks("space_to_depth", x, block_size, data_format)
    for size in spatial_dims(x_shape, data_format):
        if size is not None and size % block_size:
            raise ValueError(
                f"space_to_depth: height and width must be multiples of block_size "
                f"({block_size}). Received: x.shape={tuple(x_shape)}"
            )
    if any_symbolic_tensors((x,)):
        return SpaceToDepth(block_size, data_format).symbolic_call(x)
    return backend.nn.space_to_depth(x, block_size, data_format)


def _unfold_args(op, kernel_size, dilation, padding, stride):
    return (
        int_tuple(kernel_size, 2, op, "kernel_size"),
        int_tuple(dilation, 2, op, "dilation"),
        int_tuple(padding, 2, op, "padding", minimum=0),
        int_tuple(stride, 2, op, "stride"),
    )


def _unfold_positions(size, k, d, p, s):
    if size is None:
        return None
    return conv_output_length(size + 2 * p, k, s, "valid", d)


class Unfold(Operation):
    def __init__(self, kernel_size, dilation=1, padding=0, stride=1, name=None):
        super().__init__(name=name)
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def call(self, x):
        return backend.nn.unfold(x, self.kernel_size, self.dilation, self.padding, self.stride)

    def compute_output_spec(self, x):
        n, c, h, w = shape_of(x)
        k, d, p, s = self.kernel_size, self.dilation, self.padding, self.stride
        ph = _unfold_positions(h, k[0], d[0], p[0], s[0])
        pw = _unfold_positions(w, k[1], d[1], p[1], s[1])
        length = None if ph is None or pw is None else ph * pw
        depth = None if c is None else c * k[0] * k[1]
        return KerasTensor((n, depth, length), dtype=x.dtype)


def unfold(
    x: Tensor,
    kernel_size: int | tuple,
    dilation: int | tuple = 1,
    padding: int | tuple = 0,
    stride: int | tuple = 1,
) -> Tensor:
    """Extracts sliding local blocks (im2col) from a batched channels-first image.

    Args:
        x: a tensor of shape ``(N, C, H, W)``.
        kernel_size: an int or a pair: the block size ``(kh, kw)``.
        dilation: an int or a pair: the spacing between block elements.
        padding: an int or a pair: zeros added on both sides of each spatial dim.
        stride: an int or a pair: the step between blocks.

    Returns:
        A tensor of shape ``(N, C * kh * kw, L)``, ``L`` the number of blocks
        (row-major over block positions); depth index ``(c * kh + i) * kw + j``.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.unfold(keras_core.ops.ones((1, 2, 4, 4)), 2, stride=2))
    (1, 8, 4)
    """
    op = "unfold"
    check_rank(shape_of(x), (4,), op, "x")
    kernel_size, dilation, padding, stride = _unfold_args(
        op, kernel_size, dilation, padding, stride
    )
    _, _, h, w = shape_of(x)
    for size, k, d, p in zip((h, w), kernel_size, dilation, padding):
        if size is not None and size + 2 * p < effective_kernel(k, d):
            raise ValueError(
                f"{op}: the padded input ({size} + 2*{p}) is smaller than the dilated "
                f"kernel ({effective_kernel(k, d)}). Received: x.shape={tuple(shape_of(x))}, "
                f"kernel_size={kernel_size}"
            )
    if any_symbolic_tensors((x,)):
        return Unfold(kernel_size, dilation, padding, stride).symbolic_call(x)
    return backend.nn.unfold(x, kernel_size, dilation, padding, stride)


class Fold(Unfold):
    def __init__(self, output_size, kernel_size, dilation=1, padding=0, stride=1, name=None):
        super().__init__(kernel_size, dilation, padding, stride, name=name)
        self.output_size = output_size

    def call(self, x):
        return backend.nn.fold(
            x, self.output_size, self.kernel_size, self.dilation, self.padding, self.stride
        )

    def compute_output_spec(self, x):
        n, ckk, _ = shape_of(x)
        k = self.kernel_size
        c = None if ckk is None else ckk // (k[0] * k[1])
        return KerasTensor((n, c, *self.output_size), dtype=x.dtype)


def fold(
    x: Tensor,
    output_size: int | tuple,
    kernel_size: int | tuple,
    dilation: int | tuple = 1,
    padding: int | tuple = 0,
    stride: int | tuple = 1,
) -> Tensor:
    """Combines sliding local blocks into an image (col2im), summing overlaps.

    The adjoint of ``unfold``: ``fold(unfold(x))`` multiplies each pixel by the
    number of blocks that cover it.

    Args:
        x: a tensor of shape ``(N, C * kh * kw, L)``.
        output_size: an int or a pair: the output spatial shape ``(H, W)``.
        kernel_size: an int or a pair ``(kh, kw)``.
        dilation: an int or a pair.
        padding: an int or a pair (removed from the output).
        stride: an int or a pair.

    Returns:
        A tensor of shape ``(N, C, H, W)``.

    Example:
    >>> out = keras_core.ops.fold(keras_core.ops.ones((1, 8, 4)), (4, 4), 2, stride=2)
    >>> keras_core.ops.shape(out)
    (1, 2, 4, 4)
    """
    op = "fold"
    x_shape = shape_of(x)
    check_rank(x_shape, (3,), op, "x")
    output_size = int_tuple(output_size, 2, op, "output_size")
    kernel_size, dilation, padding, stride = _unfold_args(
        op, kernel_size, dilation, padding, stride
    )
    kk = kernel_size[0] * kernel_size[1]
    if x_shape[1] is not None and x_shape[1] % kk:
        raise ValueError(
            f"{op}: x.shape[1] ({x_shape[1]}) must be a multiple of kh * kw ({kk}). "
            f"Received: x.shape={tuple(x_shape)}, kernel_size={kernel_size}"
        )
    blocks = [
        _unfold_positions(n, k, d, p, s)
        for n, k, d, p, s in zip(output_size, kernel_size, dilation, padding, stride)
    ]
    if x_shape[2] is not None and x_shape[2] != math.prod(blocks):
        raise ValueError(
            f"{op}: x.shape[2] ({x_shape[2]}) must equal the number of blocks for "
            f"output_size={output_size} ({blocks[0]} x {blocks[1]}). "
            f"Received: x.shape={tuple(x_shape)}"
        )
    if any_symbolic_tensors((x,)):
        return Fold(output_size, kernel_size, dilation, padding, stride).symbolic_call(x)
    return backend.nn.fold(x, output_size, kernel_size, dilation, padding, stride)


__all__ = op_names(__name__)
