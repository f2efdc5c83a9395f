"""Weight constraints: projections applied to a variable after each update."""

from keras_core import backend, ops


class Constraint:
    """Base class: subclasses implement ``__call__(w)`` returning the projected weight.

    Example:
    >>> class Clip(keras_core.constraints.Constraint):
    ...     def __call__(self, w):
    ...         return keras_core.ops.clip(w, -1.0, 1.0)
    >>> w = Clip()(np.array([-3.0, 0.5, 2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(w).tolist()
    [-1.0, 0.5, 1.0]
    """

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


class MaxNorm(Constraint):
    """Rescales slices whose L2 norm along ``axis`` exceeds ``max_value``.

    Example:
    >>> out = keras_core.constraints.MaxNorm(1.0)(np.full((2, 2), 3.0, "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.7071, 0.7071], [0.7071, 0.7071]]
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(desired, ops.add(norms, backend.epsilon())))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class MinMaxNorm(Constraint):
    """Keeps L2 norms along ``axis`` in ``[min_value, max_value]`` (moved by ``rate``).

    Example:
    >>> out = keras_core.constraints.MinMaxNorm(0.5, 1.0)(np.full((2, 2), 3.0, "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.7071, 0.7071], [0.7071, 0.7071]]
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        clipped = ops.clip(norms, self.min_value, self.max_value)
        desired = ops.add(ops.multiply(self.rate, clipped), ops.multiply(1 - self.rate, norms))
        return ops.multiply(w, ops.divide(desired, ops.add(norms, backend.epsilon())))

    def get_config(self):
        return {
            "min_value": self.min_value,
            "max_value": self.max_value,
            "rate": self.rate,
            "axis": self.axis,
        }


class NonNeg(Constraint):
    """Sets negative entries to zero.

    Example:
    >>> out = keras_core.constraints.NonNeg()(np.array([-1.0, 2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 2.0]
    """

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.multiply(w, ops.cast(ops.greater_equal(w, 0.0), w.dtype))


class UnitNorm(Constraint):
    """Scales slices along ``axis`` to unit L2 norm.

    Example:
    >>> out = keras_core.constraints.UnitNorm()(np.full((2, 2), 3.0, "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.7071, 0.7071], [0.7071, 0.7071]]
    """

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.divide(w, ops.add(_norms(w, self.axis), backend.epsilon()))

    def get_config(self):
        return {"axis": self.axis}
