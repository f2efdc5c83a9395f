"""Result-dtype rules for families of ops: ONE definition, used by the symbolic
``compute_output_spec`` of every op and by every backend's eager code, so
that an op returns the same dtype on every backend.

Python scalars count as weak types: pass the scalar itself (or ``int``/``float``).
"""

from keras_core.backend import config
from keras_core.backend.common.dtypes import result_type, standardize_dtype
from keras_core.backend.common.variables import KerasVariable

INDEX_DTYPE = "int32"  # argmax, argmin, argsort, nonzero, count_nonzero, digitize, ...


def dtype_of(x):
    """The dtype (or weak scalar type) of an op argument, for ``result_type``."""
    if isinstance(x, bool):
        return bool
    if isinstance(x, int):
        return int
    if isinstance(x, float):
        return float
    if isinstance(x, complex):
        return complex
    if isinstance(x, KerasVariable):
        # The value's dtype: under mixed precision a variable reads as the compute dtype.
        return standardize_dtype(x.value.dtype)
    if hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    if isinstance(x, (list, tuple)):
        from keras_core.backend.common.python_types import nested_default_dtype

        d = nested_default_dtype(x)
        return d if d is not None else config.floatx()
    return standardize_dtype(type(x))


def binary_dtype(*args):
    """Arithmetic on several inputs (add, multiply, maximum, where, ...): promotion."""
    return result_type(*[dtype_of(a) for a in args])


def float_dtype(*args):
    """Ops whose result is floating (true_divide, sqrt, exp, mean, ...).

    Promotion with a weak float: bool and ints become ``floatx()``, float16
    stays float16, float64 stays float64.
    """
    return result_type(*[dtype_of(a) for a in args], float)


def arithmetic_unary_dtype(x):
    """Unary arithmetic that keeps the dtype (abs, negative, square, ...); bool becomes int32."""
    d = result_type(dtype_of(x))
    return "int32" if d == "bool" else d


def sum_dtype(x):
    """sum, prod, cumsum, cumprod: small ints widen, like NumPy's default accumulator."""
    d = result_type(dtype_of(x))
    if d in ("bool", "int8", "int16"):
        return "int32"
    if d in ("uint8", "uint16"):
        return "uint32"
    return d


def creation_dtype(dtype, *values):
    """Creation ops (zeros, full, arange, ...): ``dtype`` if given, else from the values."""
    if dtype is not None:
        return standardize_dtype(dtype)
    if not values:
        return config.floatx()
    return result_type(*[dtype_of(v) for v in values])
