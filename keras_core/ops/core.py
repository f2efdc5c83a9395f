"""Core ops: tensor conversion, casting and shape queries.

Control-flow ops (cond, while_loop, scan, ...) live in ops/control_flow.py.
"""

from keras_core import backend
from keras_core.backend.common import dtypes
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.ops.operation import Operation


class Cast(Operation):
    def __init__(self, dtype, name=None):
        super().__init__(name=name)
        self.dtype = dtypes.standardize_dtype(dtype)

    def call(self, x):
        return backend.core.cast(x, self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, dtype=self.dtype, sparse=x.sparse)


def cast(x, dtype):
    """Casts ``x`` to ``dtype``.

    Args:
        x: a tensor, array, scalar or KerasTensor.
        dtype: the target dtype name.

    Example:
    >>> keras_core.ops.cast([1.7, -1.2], "int32")  # rounds toward zero
    """
    dtype = dtypes.standardize_dtype(dtype)
    if isinstance(x, KerasTensor):
        return Cast(dtype).symbolic_call(x)
    return backend.core.cast(x, dtype)


def convert_to_tensor(x, dtype=None, sparse=False):
    """Converts ``x`` (array, list, scalar, tensor, Variable) to a backend tensor.

    Python ints become int32 and floats ``floatx()`` unless ``dtype`` is given.

    Example:
    >>> t = keras_core.ops.convert_to_tensor([1, 2, 3])
    >>> keras_core.backend.standardize_dtype(t.dtype)
    'int32'
    """
    if dtype is not None:
        dtype = dtypes.standardize_dtype(dtype)
    return backend.core.convert_to_tensor(x, dtype=dtype, sparse=sparse)


def convert_to_numpy(x):
    """Converts a tensor or Variable to a NumPy array.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.convert_to_tensor([1.0]))
    array([1.], dtype=float32)
    """
    if isinstance(x, KerasTensor):
        raise ValueError(f"convert_to_numpy: a symbolic KerasTensor has no value. Received: x={x}")
    return backend.core.convert_to_numpy(x)


def is_tensor(x) -> bool:
    """True when ``x`` is a tensor of the active backend (not a NumPy array).

    Example:
    >>> keras_core.ops.is_tensor(keras_core.ops.convert_to_tensor(1.0))
    True
    """
    return backend.core.is_tensor(x)


def shape(x):
    """Returns the shape of ``x`` as a tuple (``None`` for unknown dims).

    Example:
    >>> keras_core.ops.shape(keras_core.KerasTensor((None, 4)))
    (None, 4)
    """
    if isinstance(x, KerasTensor):
        return x.shape
    if not backend.core.is_tensor(x):
        x = backend.core.convert_to_tensor(x)
    return backend.core.shape(x)


def dtype(x) -> str:
    """Returns the dtype name of ``x``.

    Example:
    >>> keras_core.ops.dtype(keras_core.ops.ones((2,), dtype="int8"))
    'int8'
    """
    if isinstance(x, KerasTensor):
        return x.dtype
    return dtypes.standardize_dtype(backend.core.convert_to_tensor(x).dtype)
