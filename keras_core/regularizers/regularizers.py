"""Weight regularizers: callables ``regularizer(weight) -> scalar penalty``."""

from keras_core import ops


def _check_factor(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"`{name}` must be a non-negative float. Received: {name}={value!r}")
    return float(value)


class Regularizer:
    """Base class: subclasses implement ``__call__(x)`` returning a scalar.

    Example:
    >>> class Tiny(keras_core.regularizers.Regularizer):
    ...     def __call__(self, x):
    ...         return 1e-6 * keras_core.ops.sum(keras_core.ops.abs(x))
    >>> round(float(Tiny()(np.array([1.0, -2.0], "float32"))), 9)
    3e-06
    """

    def __call__(self, x):
        return 0.0

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1(Regularizer):
    """``l1 * sum(|x|)``.

    Example:
    >>> out = keras_core.regularizers.L1(0.1)(np.array([1.0, -2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    0.3
    """

    def __init__(self, l1=0.01):
        self.l1 = _check_factor(l1, "l1")

    def __call__(self, x):
        return ops.multiply(self.l1, ops.sum(ops.absolute(x)))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """``l2 * sum(x ** 2)``.

    Example:
    >>> out = keras_core.regularizers.L2(0.1)(np.array([1.0, -2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    0.5
    """

    def __init__(self, l2=0.01):
        self.l2 = _check_factor(l2, "l2")

    def __call__(self, x):
        return ops.multiply(self.l2, ops.sum(ops.square(x)))

    def get_config(self):
        return {"l2": self.l2}


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x ** 2)``.

    Example:
    >>> out = keras_core.regularizers.L1L2(l1=0.1, l2=0.1)(np.ones(2, "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    0.4
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _check_factor(l1, "l1")
        self.l2 = _check_factor(l2, "l2")

    def __call__(self, x):
        total = ops.multiply(self.l1, ops.sum(ops.absolute(x)))
        return ops.add(total, ops.multiply(self.l2, ops.sum(ops.square(x))))

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Penalizes non-orthogonal rows (``mode="rows"``) or columns of a 2D weight.

    The penalty is ``factor * mean(|offdiag(N N^T)|)`` for the L2-normalized
    rows (or columns) ``N``.

    Example:
    >>> out = keras_core.regularizers.OrthogonalRegularizer(0.1)(np.eye(3, dtype="float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    0.0
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _check_factor(factor, "factor")
        if mode not in ("rows", "columns"):
            raise ValueError(f"`mode` must be 'rows' or 'columns'. Received: mode={mode!r}")
        self.mode = mode

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        if len(x.shape) != 2:
            raise ValueError(
                f"OrthogonalRegularizer needs a 2D weight. Received shape {tuple(x.shape)}"
            )
        if self.mode == "columns":
            x = ops.transpose(x)
        norms = ops.sqrt(ops.maximum(ops.sum(ops.square(x), axis=1, keepdims=True), 1e-12))
        n = ops.divide(x, norms)
        product = ops.matmul(n, ops.transpose(n))
        size = x.shape[0]
        off = ops.subtract(product, ops.multiply(ops.eye(size, dtype=product.dtype), product))
        pairs = max(size * size - size, 1)
        return ops.multiply(self.factor, ops.divide(ops.sum(ops.absolute(off)), pairs))

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}
