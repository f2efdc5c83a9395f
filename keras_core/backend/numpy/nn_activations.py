"""The numpy backend's activation functions: the ops declared in
``keras_core/ops/nn_activations.py``; ``nn.py`` gathers them.
"""

import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype
from keras_core.backend.numpy.op_helpers import as_result, float_work, scipy_special

UNSUPPORTED = {}


def _unary(fn, x):
    """``fn`` of ``x`` computed in float32 (or float64), cast to the float result dtype."""
    (x,), dtype = float_work(x)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return as_result(fn(x), dtype)


def _sigmoid(x):
    return scipy_special.expit(x)


def _softplus(x):
    return np.logaddexp(0, x).astype(x.dtype)


def _int_keeping(fn, x):
    """``fn`` of ``x`` keeping integer dtypes (bool becomes int32), as relu does."""
    x = convert_to_tensor(x)
    dtype = dtype_rules.arithmetic_unary_dtype(x)
    if dtype_rules.dtype_of(x) in ("float16", "bfloat16"):
        return as_result(fn(x.astype(np.float32)), dtype)
    return as_result(fn(x.astype(to_native_dtype(dtype))), dtype)


def relu(x):
    return _int_keeping(lambda v: np.maximum(v, 0), x)


def relu6(x):
    return _int_keeping(lambda v: np.clip(v, 0, 6), x)


def sigmoid(x):
    return _unary(_sigmoid, x)


def softplus(x):
    return _unary(_softplus, x)


def softsign(x):
    return _unary(lambda v: v / (1 + np.abs(v)), x)


def silu(x):
    return _unary(lambda v: v * _sigmoid(v), x)


def log_sigmoid(x):
    return _unary(lambda v: -_softplus(-v), x)


def hard_sigmoid(x):
    return _unary(lambda v: np.clip(v + 3, 0, 6) / 6, x)


def hard_silu(x):
    return _unary(lambda v: v * np.clip(v + 3, 0, 6) / 6, x)


def selu(x):
    return _unary(
        lambda v: (
            1.0507009873554805 * np.where(v > 0, v, 1.6732632423543772 * np.expm1(np.minimum(v, 0)))
        ),
        x,
    )


def sparse_plus(x):
    return _unary(lambda v: np.where(v <= -1, 0, np.where(v >= 1, v, (v + 1) ** 2 / 4)), x)


def tanh_shrink(x):
    return _unary(lambda v: v - np.tanh(v), x)


def hard_tanh(x):
    return _unary(lambda v: np.clip(v, -1, 1), x)


def sparse_sigmoid(x):
    return _unary(lambda v: np.clip((v + 1) / 2, 0, 1), x)


def swish(x):
    return silu(x)


def hard_swish(x):
    return hard_silu(x)


def leaky_relu(x, negative_slope=0.2):
    return _unary(lambda v: np.where(v >= 0, v, negative_slope * v), x)


def elu(x, alpha=1.0):
    return _unary(lambda v: np.where(v > 0, v, alpha * np.expm1(np.minimum(v, 0))), x)


def _gelu(x, approximate):
    if approximate:
        c = np.sqrt(2 / np.pi)
        return 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + scipy_special.erf(x / np.sqrt(2)))


def gelu(x, approximate=True):
    return _unary(lambda v: _gelu(v, approximate), x)


def celu(x, alpha=1.0):
    return _unary(lambda v: np.maximum(v, 0) + np.minimum(0, alpha * np.expm1(v / alpha)), x)


def squareplus(x, b=4):
    return _unary(lambda v: (v + np.sqrt(v * v + b)) / 2, x)


def soft_shrink(x, threshold=0.5):
    return _unary(
        lambda v: np.where(
            v > threshold, v - threshold, np.where(v < -threshold, v + threshold, 0)
        ),
        x,
    )


def hard_shrink(x, threshold=0.5):
    return _unary(lambda v: np.where(np.abs(v) > threshold, v, 0), x)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    dtype = dtype_rules.binary_dtype(x, default_value)
    return as_result(np.where(x > threshold, x, default_value), dtype)


def _axes(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def softmax(x, axis=-1):
    (x,), dtype = float_work(x)
    if x.ndim == 0:
        return as_result(np.ones_like(x), dtype)
    axis = _axes(axis)
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        e = np.exp(shifted)
        return as_result(e / np.sum(e, axis=axis, keepdims=True), dtype)


def log_softmax(x, axis=-1):
    (x,), dtype = float_work(x)
    if x.ndim == 0:
        return as_result(np.zeros_like(x), dtype)
    axis = _axes(axis)
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        return as_result(shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True)), dtype)


def sparsemax(x, axis=-1):
    (x,), dtype = float_work(x)
    if x.ndim == 0:
        return as_result(np.ones_like(x), dtype)
    moved = np.moveaxis(x, axis, -1)
    z = -np.sort(-moved, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=x.dtype)
    cumsum = np.cumsum(z, axis=-1)
    support = 1 + k * z > cumsum
    k_max = np.sum(support, axis=-1, keepdims=True)
    tau = (np.take_along_axis(cumsum, k_max - 1, axis=-1) - 1) / k_max
    out = np.maximum(moved - tau, 0)
    return as_result(np.moveaxis(out, -1, axis), dtype)


def glu(x, axis=-1):
    (x,), dtype = float_work(x)
    a, b = np.split(x, 2, axis=axis)
    return as_result(a * _sigmoid(b), dtype)
