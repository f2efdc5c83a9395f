"""KerasTensor: a symbolic tensor with a shape (``None`` for unknown dims) and a dtype.

KerasTensors flow through ops and layers to infer output shapes and dtypes,
and to record the graph a Functional model is built from. They hold no values.
"""

from keras_core.backend.common import dtypes
from keras_core.backend.common.tensor_operators import TensorOperatorsMixin
from keras_core.backend.common.variables import standardize_shape


class KerasTensor(TensorOperatorsMixin):
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

    def __pos__(self):
        return self

    def __getitem__(self, key):
        return self._op("get_item", self, key)


def is_keras_tensor(x) -> bool:
    """True when ``x`` is a symbolic ``KerasTensor``.

    Example:
    >>> is_keras_tensor(keras_core.KerasTensor((2,)))
    True
    """
    return isinstance(x, KerasTensor)


_NESTED = (list, tuple, dict)
_SYMBOLIC_OR_NESTED = (KerasTensor, list, tuple, dict)


def _holds_keras_tensor(x) -> bool:
    if isinstance(x, KerasTensor):
        return True
    if isinstance(x, dict):
        x = x.values()
    elif not isinstance(x, _NESTED):
        return False
    return any(_holds_keras_tensor(y) for y in x)


def any_symbolic_tensors(args=(), kwargs=None) -> bool:
    """True when any argument, or any tensor nested in a list/tuple/dict argument,
    is a KerasTensor: the test every op uses to choose its symbolic path.

    Args:
        args: a tuple of the op's arguments.
        kwargs: an optional dict of keyword arguments.

    Example:
    >>> any_symbolic_tensors((1.0, [keras_core.KerasTensor((2,))]))
    True
    >>> any_symbolic_tensors((np.ones(2),), {"axis": 0})
    False
    """
    for a in args or ():
        # One subclass test of the argument's type: this runs on every eager op call.
        # (isinstance would also read ``a.__class__``, slow on framework tensors.)
        if issubclass(type(a), _SYMBOLIC_OR_NESTED) and _holds_keras_tensor(a):
            return True
    if kwargs:
        return any_symbolic_tensors(tuple(kwargs.values()))
    return False
