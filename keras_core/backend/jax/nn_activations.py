"""The jax backend's ops of ``keras_core/ops/nn_activations.py``."""

import math

import jax
import jax.numpy as jnp
from jax import lax

from keras_core.backend.common import dtype_rules
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import canonical_axes, to_float


def _unary(x):
    # relu and relu6 keep integer dtypes (bool becomes int32), like arithmetic
    x = convert_to_tensor(x)
    d = dtype_rules.arithmetic_unary_dtype(x)
    return x if x.dtype == d else x.astype(d)


def relu(x):
    x = _unary(x)
    return jnp.maximum(x, jnp.zeros((), x.dtype))


def relu6(x):
    x = _unary(x)
    return jnp.clip(x, jnp.zeros((), x.dtype), jnp.full((), 6, x.dtype))


def sigmoid(x):
    return jax.nn.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    return jnp.clip(0.5 * (x + 1), 0, 1)


def softplus(x):
    return jnp.logaddexp(to_float(x), 0)


def softsign(x):
    x = to_float(x)
    return x / (1 + jnp.abs(x))


def silu(x):
    x = to_float(x)
    return x * jax.nn.sigmoid(x)


swish = silu


def log_sigmoid(x):
    return -jnp.logaddexp(-to_float(x), 0)


def leaky_relu(x, negative_slope=0.2):
    x = to_float(x)
    return jnp.where(x >= 0, x, negative_slope * x)


def hard_sigmoid(x):
    x = to_float(x)
    return jnp.clip(x + 3, 0, 6) / 6


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def elu(x, alpha=1.0):
    x = to_float(x)
    return jnp.where(x > 0, x, alpha * jnp.expm1(jnp.minimum(x, 0)))


def selu(x):
    x = to_float(x)
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    return scale * jnp.where(x > 0, x, alpha * jnp.expm1(jnp.minimum(x, 0)))


def gelu(x, approximate=True):
    x = to_float(x)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + jnp.tanh(inner))
    return 0.5 * x * (1 + lax.erf(x / math.sqrt(2)))


def celu(x, alpha=1.0):
    x = to_float(x)
    return jnp.maximum(x, 0) + jnp.minimum(0, alpha * jnp.expm1(jnp.minimum(x, 0) / alpha))


def glu(x, axis=-1):
    x = to_float(x)
    (axis,) = canonical_axes("glu", axis, x.ndim)
    if x.shape[axis] % 2:
        raise ValueError(
            f"glu: the size of `axis` {axis} must be even. Received: x.shape={tuple(x.shape)}"
        )
    a, b = jnp.split(x, 2, axis=axis)
    return a * jax.nn.sigmoid(b)


def sparse_plus(x):
    x = to_float(x)
    return jnp.where(x <= -1, 0, jnp.where(x >= 1, x, (x + 1) ** 2 / 4))


def squareplus(x, b=4):
    x = to_float(x)
    return (x + jnp.sqrt(x * x + b)) / 2


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(x > threshold, x - threshold, jnp.where(x < -threshold, x + threshold, 0))


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(jnp.abs(x) > threshold, x, 0)


def tanh_shrink(x):
    x = to_float(x)
    return x - jnp.tanh(x)


def hard_tanh(x):
    return jnp.clip(to_float(x), -1, 1)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    d = dtype_rules.binary_dtype(x, default_value)
    return jnp.where(x > threshold, x.astype(d), jnp.asarray(default_value, dtype=d))


def softmax(x, axis=-1):
    x = to_float(x)
    axis = canonical_axes("softmax", axis, x.ndim) if axis is not None else None
    return jax.nn.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    x = to_float(x)
    axis = canonical_axes("log_softmax", axis, x.ndim) if axis is not None else None
    return jax.nn.log_softmax(x, axis=axis)


def sparsemax(x, axis=-1):
    x = to_float(x)
    (axis,) = canonical_axes("sparsemax", axis, x.ndim)
    z = jnp.moveaxis(x, axis, -1)
    z_sorted = -jnp.sort(-z, axis=-1)
    k = jnp.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cumsum = jnp.cumsum(z_sorted, axis=-1)
    support = (1 + k * z_sorted) > cumsum
    k_z = jnp.sum(support, axis=-1, keepdims=True).astype(z.dtype)
    tau_sum = jnp.sum(jnp.where(support, z_sorted, 0), axis=-1, keepdims=True)
    tau = (tau_sum - 1) / k_z
    return jnp.moveaxis(jnp.maximum(z - tau, 0), -1, axis)
