"""The torch backend's activation functions: the ops declared in
``keras_core/ops/nn_activations.py``; ``nn.py`` gathers them.
"""

import torch
import torch.nn.functional as F

from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import canonical_axes, half_to_float, to_float

UNSUPPORTED = {}


def _int_keeping(x):
    # relu/relu6 keep integer dtypes (bool becomes int32), as arithmetic_unary_dtype says.
    if type(x) is torch.Tensor and x.is_floating_point():
        return x  # a float tensor keeps its dtype
    x = convert_to_tensor(x)
    native = to_native_dtype(dtype_rules.arithmetic_unary_dtype(x))
    return x if x.dtype == native else x.to(native)


def relu(x):
    return torch.relu(_int_keeping(x))


def relu6(x):
    return torch.clamp(_int_keeping(x), 0, 6)


def sigmoid(x):
    return torch.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    return torch.clamp((x + 1.0) * 0.5, 0.0, 1.0)


def softplus(x):
    x = to_float(x)
    return torch.logaddexp(x, torch.zeros_like(x))


def softsign(x):
    return F.softsign(to_float(x))


def silu(x):
    return F.silu(to_float(x))


def swish(x):
    return silu(x)


def log_sigmoid(x):
    return F.logsigmoid(to_float(x))


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(to_float(x), negative_slope)


def hard_sigmoid(x):
    x = to_float(x)
    return torch.clamp(x + 3.0, 0.0, 6.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


def hard_swish(x):
    return hard_silu(x)


def elu(x, alpha=1.0):
    x = to_float(x)
    return torch.where(x > 0, x, alpha * torch.expm1(torch.clamp(x, max=0.0)))


def selu(x):
    return F.selu(to_float(x))


def gelu(x, approximate=True):
    return F.gelu(to_float(x), approximate="tanh" if approximate else "none")


def celu(x, alpha=1.0):
    x = to_float(x)
    return torch.relu(x) + torch.clamp(
        alpha * torch.expm1(torch.clamp(x, max=0.0) / alpha), max=0.0
    )


def glu(x, axis=-1):
    x = to_float(x)
    axis = canonical_axes("glu", axis, x.ndim)[0]
    if x.shape[axis] % 2:
        raise ValueError(
            f"glu: the size of axis {axis} must be even. Received: x.shape={tuple(x.shape)}"
        )
    a, b = torch.chunk(x, 2, dim=axis)
    return a * torch.sigmoid(b)


def sparse_plus(x):
    x = to_float(x)
    middle = (x + 1.0) ** 2 / 4.0
    return torch.where(x <= -1.0, torch.zeros_like(x), torch.where(x >= 1.0, x, middle))


def squareplus(x, b=4):
    x = to_float(x)
    return (x + torch.sqrt(x * x + b)) / 2.0


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    return torch.where(
        x > threshold,
        x - threshold,
        torch.where(x < -threshold, x + threshold, torch.zeros_like(x)),
    )


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return torch.where(torch.abs(x) > threshold, x, torch.zeros_like(x))


def tanh_shrink(x):
    x = to_float(x)
    return x - torch.tanh(x)


def hard_tanh(x):
    return torch.clamp(to_float(x), -1.0, 1.0)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    native = to_native_dtype(dtype_rules.binary_dtype(x, default_value))
    x = x if x.dtype == native else x.to(native)
    return torch.where(x > threshold, x, torch.as_tensor(default_value, dtype=x.dtype))


def _flatten_axes(x, axis, op):
    axes = canonical_axes(op, axis, x.ndim)
    rest = [i for i in range(x.ndim) if i not in axes]
    moved = x.permute(*rest, *axes)
    shape = moved.shape
    return moved.reshape(*shape[: len(rest)], -1), shape, rest + list(axes)


def _unflatten_axes(y, shape, order):
    inverse = [order.index(i) for i in range(len(order))]
    return y.reshape(shape).permute(*inverse)


def _over_axes(fn, x, axis, op):
    x = to_float(x)
    if x.ndim == 0:
        return fn(x.reshape(1)).reshape(())
    if isinstance(axis, int):
        return fn(x.movedim(canonical_axes(op, axis, x.ndim)[0], -1)).movedim(-1, axis)
    flat, shape, order = _flatten_axes(x, axis, op)
    return _unflatten_axes(fn(flat), shape, order)


def softmax(x, axis=-1):
    return _over_axes(lambda v: torch.softmax(v, dim=-1), x, axis, "softmax")


def log_softmax(x, axis=-1):
    return _over_axes(lambda v: torch.log_softmax(v, dim=-1), x, axis, "log_softmax")


def _sparsemax_last(z):
    dtype = z.dtype
    z = half_to_float(z)
    z_sorted = torch.sort(z, dim=-1, descending=True).values
    cumsum = torch.cumsum(z_sorted, dim=-1)
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    support = (1.0 + k * z_sorted) > cumsum
    k_z = support.sum(dim=-1, keepdim=True)
    tau = (torch.gather(cumsum, -1, k_z - 1) - 1.0) / k_z.to(z.dtype)
    return torch.relu(z - tau).to(dtype)


def sparsemax(x, axis=-1):
    return _over_axes(_sparsemax_last, x, axis, "sparsemax")
