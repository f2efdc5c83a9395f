"""Public random ops. Each takes ``seed``: an int, a SeedGenerator or None."""

from keras_core import backend
from keras_core.backend.common import dtypes


def _check_shape(shape, op):
    try:
        shape = backend.standardize_shape(shape)
    except ValueError as e:
        raise ValueError(f"{op}: {e}") from e
    if None in shape:
        raise ValueError(f"{op}: `shape` must be fully defined. Received: shape={shape}")
    return shape


def _float_dtype(dtype, op):
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_float_dtype(dtype):
        raise ValueError(f"{op}: `dtype` must be a float dtype. Received: dtype={dtype}")
    return dtype


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Draws samples from a normal distribution.

    Args:
        shape: the output shape.
        mean, stddev: the distribution's mean and standard deviation.
        dtype: a float dtype (default ``floatx()``).
        seed: an int, a ``SeedGenerator``, or None.

    Example:
    >>> x = keras_core.random.normal((2, 3), seed=1)
    >>> keras_core.ops.shape(x)
    (2, 3)
    """
    shape = _check_shape(shape, "normal")
    return backend.random.normal(shape, mean, stddev, _float_dtype(dtype, "normal"), seed)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Draws samples from a uniform distribution over ``[minval, maxval)``.

    Example:
    >>> x = keras_core.random.uniform((100,), minval=-1.0, maxval=1.0, seed=3)
    >>> -1.0 <= float(keras_core.ops.min(x)) and float(keras_core.ops.max(x)) < 1.0
    True
    """
    shape = _check_shape(shape, "uniform")
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_float_dtype(dtype):
        raise ValueError(
            "uniform: `dtype` must be a float dtype (use randint for integers). "
            f"Received: dtype={dtype}"
        )
    return backend.random.uniform(shape, minval, maxval, dtype, seed)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Draws from a normal distribution, redrawing values beyond two stddevs.

    Example:
    >>> x = keras_core.random.truncated_normal((100,), seed=0)
    >>> float(keras_core.ops.max(keras_core.ops.abs(x))) <= 2.0
    True
    """
    shape = _check_shape(shape, "truncated_normal")
    dtype = _float_dtype(dtype, "truncated_normal")
    return backend.random.truncated_normal(shape, mean, stddev, dtype, seed)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Draws integers uniformly from ``[minval, maxval)``.

    Example:
    >>> x = keras_core.random.randint((20,), 0, 10, seed=7)
    >>> values = keras_core.ops.convert_to_numpy(x).tolist()
    >>> keras_core.ops.dtype(x), all(0 <= v < 10 for v in values)
    ('int32', True)
    """
    shape = _check_shape(shape, "randint")
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_int_dtype(dtype):
        raise ValueError(f"randint: `dtype` must be an integer dtype. Received: dtype={dtype}")
    return backend.random.randint(shape, minval, maxval, dtype, seed)


def categorical(logits, num_samples, dtype="int32", seed=None):
    """Draws class indices from the categorical distributions given by ``logits``.

    Args:
        logits: a 2D tensor ``(batch, num_classes)`` of unnormalized log-probabilities.
        num_samples: how many samples per row.

    Example:
    >>> idx = keras_core.random.categorical([[0.0, 100.0]], 5, seed=0)
    >>> keras_core.ops.convert_to_numpy(idx).tolist()
    [[1, 1, 1, 1, 1]]
    """
    logits = backend.convert_to_tensor(logits)
    if len(logits.shape) != 2:
        raise ValueError(
            "categorical: `logits` must be 2D (batch_size, num_classes). "
            f"Received: logits.shape={tuple(logits.shape)}"
        )
    if isinstance(num_samples, bool) or not isinstance(num_samples, int) or num_samples < 0:
        raise ValueError(
            "categorical: `num_samples` must be a non-negative int. "
            f"Received: num_samples={num_samples!r}"
        )
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_int_dtype(dtype):
        raise ValueError(f"categorical: `dtype` must be an integer dtype. Received: dtype={dtype}")
    return backend.random.categorical(logits, num_samples, dtype, seed)


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zeroes entries with probability ``rate`` and scales the rest by ``1/(1-rate)``.

    Example:
    >>> y = keras_core.random.dropout(keras_core.ops.ones((4, 4)), 0.5, seed=1)
    >>> set(keras_core.ops.convert_to_numpy(y).ravel().tolist()) <= {0.0, 2.0}
    True
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise ValueError(f"dropout: `rate` must be a float in [0, 1). Received: rate={rate!r}")
    inputs = backend.convert_to_tensor(inputs)
    if noise_shape is not None:
        noise_shape = tuple(inputs.shape[i] if d is None else d for i, d in enumerate(noise_shape))
    return backend.random.dropout(inputs, float(rate), noise_shape, seed)


def shuffle(x, axis=0, seed=None):
    """Shuffles ``x`` along ``axis``.

    Example:
    >>> y = keras_core.random.shuffle(keras_core.ops.arange(5), seed=2)
    >>> sorted(keras_core.ops.convert_to_numpy(y).tolist())
    [0, 1, 2, 3, 4]
    """
    x = backend.convert_to_tensor(x)
    ndim = len(x.shape)
    if not -ndim <= axis < max(ndim, 1):
        raise ValueError(f"shuffle: `axis` {axis} is out of range for a tensor of rank {ndim}.")
    return backend.random.shuffle(x, axis % max(ndim, 1), seed)
