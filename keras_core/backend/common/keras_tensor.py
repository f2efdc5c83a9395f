"""KerasTensor: a symbolic tensor with a shape (``None`` for unknown dims) and a dtype.

KerasTensors flow through ops and layers to infer output shapes and dtypes,
and to record the graph a Functional model is built from. They hold no values.
"""

from keras_core.backend.common import dtypes
from keras_core.backend.common.variables import standardize_shape


class KerasTensor:
    """A symbolic tensor.

    Args:
        shape: a tuple of ints and ``None`` (unknown size).
        dtype: the dtype name (default ``"float32"``).
        sparse: whether the tensor stands for a sparse tensor.
        record_history: whether ops record the graph on it.
        name: an optional name.

    Example:
    >>> x = keras_core.KerasTensor((None, 3))
    >>> (x.shape, x.dtype, x.ndim)
    ((None, 3), 'float32', 2)
    """

    def __init__(self, shape, dtype="float32", sparse=False, record_history=True, name=None):
        self.shape = standardize_shape(shape)
        self.dtype = dtypes.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.name = name
        self.record_history = record_history
        self._keras_history = None

    @property
    def ndim(self):
        return len(self.shape)

    def reshape(self, newshape):
        from keras_core import ops

        return ops.reshape(self, newshape)

    def squeeze(self, axis=None):
        from keras_core import ops

        return ops.squeeze(self, axis=axis)

    @property
    def T(self):
        from keras_core import ops

        return ops.transpose(self)

    def __array__(self, *args, **kwargs):
        raise ValueError(
            "A KerasTensor is symbolic: it has no value and cannot be converted to "
            "a NumPy array. It stands for the input or output of a layer or op while "
            "a model is being built; call the model on real data to get values."
        )

    def numpy(self):
        return self.__array__()

    def __bool__(self):
        raise TypeError("A symbolic KerasTensor cannot be used as a Python bool.")

    def __len__(self):
        if not self.shape or self.shape[0] is None:
            raise TypeError(f"len() of a KerasTensor with shape {self.shape} is undefined.")
        return self.shape[0]

    def __iter__(self):
        raise TypeError("A symbolic KerasTensor cannot be iterated over.")

    def __repr__(self):
        name = f", name={self.name}" if self.name else ""
        return f"<KerasTensor shape={self.shape}, dtype={self.dtype}, sparse={self.sparse}{name}>"

    __hash__ = object.__hash__

    def _op(self, name, *args, **kwargs):
        from keras_core import ops

        return getattr(ops, name)(*args, **kwargs)

    def __neg__(self):
        return self._op("negative", self)

    def __pos__(self):
        return self

    def __abs__(self):
        return self._op("absolute", self)

    def __invert__(self):
        return self._op("logical_not", self)

    def __add__(self, o):
        return self._op("add", self, o)

    def __radd__(self, o):
        return self._op("add", o, self)

    def __sub__(self, o):
        return self._op("subtract", self, o)

    def __rsub__(self, o):
        return self._op("subtract", o, self)

    def __mul__(self, o):
        return self._op("multiply", self, o)

    def __rmul__(self, o):
        return self._op("multiply", o, self)

    def __truediv__(self, o):
        return self._op("true_divide", self, o)

    def __rtruediv__(self, o):
        return self._op("true_divide", o, self)

    def __floordiv__(self, o):
        return self._op("floor_divide", self, o)

    def __rfloordiv__(self, o):
        return self._op("floor_divide", o, self)

    def __mod__(self, o):
        return self._op("mod", self, o)

    def __rmod__(self, o):
        return self._op("mod", o, self)

    def __pow__(self, o):
        return self._op("power", self, o)

    def __rpow__(self, o):
        return self._op("power", o, self)

    def __matmul__(self, o):
        return self._op("matmul", self, o)

    def __rmatmul__(self, o):
        return self._op("matmul", o, self)

    def __lt__(self, o):
        return self._op("less", self, o)

    def __le__(self, o):
        return self._op("less_equal", self, o)

    def __gt__(self, o):
        return self._op("greater", self, o)

    def __ge__(self, o):
        return self._op("greater_equal", self, o)

    def __and__(self, o):
        return self._op("logical_and", self, o)

    def __or__(self, o):
        return self._op("logical_or", self, o)

    def __xor__(self, o):
        return self._op("logical_xor", self, o)

    def __getitem__(self, key):
        return self._op("get_item", self, key)


def is_keras_tensor(x) -> bool:
    """True when ``x`` is a symbolic ``KerasTensor``.

    Example:
    >>> is_keras_tensor(keras_core.KerasTensor((2,)))
    True
    """
    return isinstance(x, KerasTensor)


def _flatten(x, out):
    if isinstance(x, KerasTensor):
        out.append(x)
    elif isinstance(x, (list, tuple)):
        for y in x:
            _flatten(y, out)
    elif isinstance(x, dict):
        for y in x.values():
            _flatten(y, out)


def any_symbolic_tensors(args=None, kwargs=None) -> bool:
    """True when any (possibly nested) argument is a KerasTensor."""
    for a in args or ():
        if isinstance(a, KerasTensor):
            return True
        if isinstance(a, (list, tuple, dict)):
            found = []
            _flatten(a, found)
            if found:
                return True
    if kwargs:
        return any_symbolic_tensors(tuple(kwargs.values()))
    return False
