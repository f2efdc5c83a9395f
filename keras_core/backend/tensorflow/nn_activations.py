"""The tensorflow backend's activation functions (keras_core/ops/nn_activations.py).

``nn.py`` gathers them into ``keras_core.backend.nn``.
"""

import math

import tensorflow as tf

from keras_core.backend.common import dtype_rules
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

_SELU_ALPHA = 1.6732632423543772848170429916717

_SELU_SCALE = 1.0507009873554804934193349852946


def _unary_arith(x):
    """relu and relu6 keep integer dtypes (bool becomes int32), like other unary arithmetic."""
    x = convert_to_tensor(x)
    dtype = dtype_rules.arithmetic_unary_dtype(x)
    return tf.cast(x, dtype) if h.dtype_name(x) != dtype else x


def relu(x):
    return tf.nn.relu(_unary_arith(x))


def relu6(x):
    x = _unary_arith(x)
    if x.dtype.is_floating:
        return tf.nn.relu6(x)
    return tf.clip_by_value(x, h.cast(0, x.dtype), h.cast(6, x.dtype))


def sigmoid(x):
    return tf.sigmoid(h.to_float(x))


def softplus(x):
    return tf.math.softplus(h.to_float(x))


def softsign(x):
    x = h.to_float(x)
    return x / (1 + tf.abs(x))


def silu(x):
    x = h.to_float(x)
    return x * tf.sigmoid(x)


def swish(x):
    return silu(x)


def log_sigmoid(x):
    return tf.math.log_sigmoid(h.to_float(x))


def leaky_relu(x, negative_slope=0.2):
    x = h.to_float(x)
    return tf.where(x > 0, x, h.cast(negative_slope, x.dtype) * x)


def hard_sigmoid(x):
    x = h.to_float(x)
    return tf.nn.relu6(x + 3) / 6


def hard_silu(x):
    x = h.to_float(x)
    return x * (tf.nn.relu6(x + 3) / 6)


def hard_swish(x):
    return hard_silu(x)


def elu(x, alpha=1.0):
    x = h.to_float(x)
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0)))


def selu(x):
    return _SELU_SCALE * elu(x, _SELU_ALPHA)


def gelu(x, approximate=True):
    x = h.to_float(x)
    if approximate:
        c = math.sqrt(2 / math.pi)
        return 0.5 * x * (1 + tf.tanh(c * (x + 0.044715 * x * x * x)))
    return 0.5 * x * (1 + tf.math.erf(x / math.sqrt(2)))


def glu(x, axis=-1):
    x = h.to_float(x)
    axis = h.canonical_axis("glu", axis, h.static_rank("glu", x))
    size = x.shape[axis]
    if size is not None and size % 2:
        raise ValueError(
            f"glu: the size of `axis` must be divisible by 2. "
            f"Received: x.shape={tuple(x.shape.as_list())}, axis={axis}"
        )
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.sigmoid(b)


def celu(x, alpha=1.0):
    x = h.to_float(x)
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0) / alpha))


def sparse_plus(x):
    x = h.to_float(x)
    middle = 0.25 * tf.square(x + 1)
    return tf.where(x <= -1, tf.zeros_like(x), tf.where(x >= 1, x, middle))


def squareplus(x, b=4):
    x = h.to_float(x)
    b = h.cast(b, x.dtype)
    return (x + tf.sqrt(tf.square(x) + b)) / 2


def soft_shrink(x, threshold=0.5):
    x = h.to_float(x)
    t = h.cast(threshold, x.dtype)
    return tf.where(x > t, x - t, tf.where(x < -t, x + t, tf.zeros_like(x)))


def hard_shrink(x, threshold=0.5):
    x = h.to_float(x)
    return tf.where(tf.abs(x) > h.cast(threshold, x.dtype), x, tf.zeros_like(x))


def tanh_shrink(x):
    x = h.to_float(x)
    return x - tf.tanh(x)


def hard_tanh(x):
    x = h.to_float(x)
    return tf.clip_by_value(x, h.cast(-1, x.dtype), h.cast(1, x.dtype))


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    dtype = dtype_rules.binary_dtype(x, default_value)
    x = tf.cast(x, dtype)
    default = h.cast(default_value, dtype)
    compare = dtype_rules.binary_dtype(x, threshold)
    above = tf.cast(x, compare) > h.cast(threshold, compare)
    return tf.where(above, x, default)


def sparse_sigmoid(x):
    x = h.to_float(x)
    return tf.clip_by_value(0.5 * (x + 1), h.cast(0, x.dtype), h.cast(1, x.dtype))


def sparsemax(x, axis=-1):
    x = h.to_float(x)
    rank = h.static_rank("sparsemax", x)
    axis = h.canonical_axis("sparsemax", axis, rank)
    moved = h.move_axis(x, axis, -1)
    z = tf.sort(moved, axis=-1, direction="DESCENDING")
    k = tf.cast(tf.range(1, tf.shape(z)[-1] + 1), x.dtype)
    cumulative = tf.cumsum(z, axis=-1)
    support = tf.cast(1 + k * z > cumulative, "int32")
    count = tf.reduce_sum(support, axis=-1, keepdims=True)
    tau = (tf.gather(cumulative, count - 1, batch_dims=rank - 1) - 1) / tf.cast(count, x.dtype)
    return h.move_axis(tf.nn.relu(moved - tau), -1, axis)


def _softmax_axes(x, axis, op):
    rank = h.static_rank(op, x)
    return h.canonical_axes(op, axis, rank)


def softmax(x, axis=-1):
    x = h.to_float(x)
    axes = _softmax_axes(x, axis, "softmax")
    if len(axes) == 1:
        return tf.nn.softmax(x, axis=axes[0])
    shifted = x - tf.stop_gradient(tf.reduce_max(x, axis=axes, keepdims=True))
    e = tf.exp(shifted)
    return e / tf.reduce_sum(e, axis=axes, keepdims=True)


def log_softmax(x, axis=-1):
    x = h.to_float(x)
    axes = _softmax_axes(x, axis, "log_softmax")
    if len(axes) == 1:
        return tf.nn.log_softmax(x, axis=axes[0])
    shifted = x - tf.stop_gradient(tf.reduce_max(x, axis=axes, keepdims=True))
    return shifted - tf.math.log(tf.reduce_sum(tf.exp(shifted), axis=axes, keepdims=True))
