"""Activation functions, as used by ``Dense(activation=...)`` and the Activation layer."""

from keras_core import ops


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit, with optional leak, cap and threshold.

    ``f(x) = x if x >= threshold (capped at max_value), else negative_slope * (x - threshold)``.

    Example:
    >>> out = keras_core.activations.relu(np.array([-2.0, 1.0, 8.0]), max_value=6.0)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 1.0, 6.0]
    """
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return ops.relu(x)
    x = ops.convert_to_tensor(x)
    below = ops.multiply(negative_slope, ops.subtract(x, threshold))
    above = x if max_value is None else ops.minimum(x, max_value)
    out = ops.where(ops.greater_equal(x, threshold), above, below)
    return ops.cast(out, x.dtype)


def leaky_relu(x, negative_slope=0.2):
    """``x`` for x >= 0, ``negative_slope * x`` otherwise.

    Example:
    >>> out = keras_core.activations.leaky_relu(np.array([-1.0, 2.0]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-0.2, 2.0]
    """
    return ops.leaky_relu(x, negative_slope=negative_slope)


def relu6(x):
    """``min(max(x, 0), 6)``.

    Example:
    >>> out = keras_core.activations.relu6(np.array([-1.0, 7.0]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 6.0]
    """
    return ops.relu6(x)


def elu(x, alpha=1.0):
    """``x`` for x > 0, ``alpha * (exp(x) - 1)`` otherwise.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.elu(np.array([-1.0, 2.0]))).tolist()
    [-0.6321, 2.0]
    """
    return ops.elu(x, alpha=alpha)


def selu(x):
    """Scaled exponential linear unit.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.selu(np.array([-1.0, 2.0]))).tolist()
    [-1.1113, 2.1014]
    """
    return ops.selu(x)


def softplus(x):
    """``log(1 + exp(x))``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.softplus(np.array([0.0]))).tolist()
    [0.6931]
    """
    return ops.softplus(x)


def softsign(x):
    """``x / (1 + |x|)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.softsign(np.array([1.0]))).tolist()
    [0.5]
    """
    return ops.softsign(x)


def silu(x):
    """``x * sigmoid(x)`` (also called swish).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.silu(np.array([1.0]))).tolist()
    [0.7311]
    """
    return ops.silu(x)


swish = silu


def gelu(x, approximate=False):
    """Gaussian error linear unit (exact, or the tanh approximation).

    Example:
    >>> out = keras_core.activations.gelu(np.array([1.0]), approximate=True)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.8412]
    """
    return ops.gelu(x, approximate=approximate)


def tanh(x):
    """Hyperbolic tangent.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.tanh(np.array([0.5]))).tolist()
    [0.4621]
    """
    return ops.tanh(x)


def sigmoid(x):
    """``1 / (1 + exp(-x))``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.sigmoid(np.array([0.0]))).tolist()
    [0.5]
    """
    return ops.sigmoid(x)


def exponential(x):
    """``exp(x)``.

    Example:
    >>> out = keras_core.activations.exponential(np.array([0.0]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0]
    """
    return ops.exp(x)


def hard_sigmoid(x):
    """Piecewise-linear sigmoid: ``relu6(x + 3) / 6``.

    Example:
    >>> out = keras_core.activations.hard_sigmoid(np.array([0.0]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.5]
    """
    return ops.hard_sigmoid(x)


def linear(x):
    """The identity.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.linear(np.array([3.0]))).tolist()
    [3.0]
    """
    return x


def mish(x):
    """``x * tanh(softplus(x))``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.activations.mish(np.array([1.0]))).tolist()
    [0.8651]
    """
    x = ops.convert_to_tensor(x)
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis``.

    Example:
    >>> out = keras_core.activations.softmax(np.array([[1.0, 2.0]]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.2689, 0.7311]]
    """
    x = ops.convert_to_tensor(x)
    if len(x.shape) < 1:
        raise ValueError(f"softmax needs at least 1 dimension. Received shape {tuple(x.shape)}")
    return ops.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    """``log(softmax(x))``, computed stably.

    Example:
    >>> out = keras_core.activations.log_softmax(np.array([[1.0, 2.0]]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[-1.3133, -0.3133]]
    """
    return ops.log_softmax(x, axis=axis)
