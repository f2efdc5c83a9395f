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


# --- Rules over dtypes. A backend works out each argument's dtype (or weak
# Python type) its own way, then calls these; ``op`` names the op in errors.


def _promote(op, dtypes, *extra):
    try:
        return result_type(*dtypes, *extra)
    except (TypeError, ValueError) as e:
        if op is None:
            raise
        raise type(e)(f"{op}: {e}") from e


# Contractions whose int8 operands accumulate in int32 and return int32 (Keras 3's
# matmul and einsum; int8 x int8 products overflow int8 after a few terms).
INT8_ACCUMULATES_IN_INT32 = frozenset({"matmul", "einsum"})


def promote_dtypes(*dtypes, op=None):
    """Promotion of argument dtypes (add, multiply, maximum, where, ...).

    ``matmul`` and ``einsum`` over int8 operands only give int32:

    >>> promote_dtypes("int8", "int8", op="matmul")
    'int32'
    >>> promote_dtypes("int8", "int8", op="dot")
    'int8'
    """
    if op in INT8_ACCUMULATES_IN_INT32 and dtypes and all(d == "int8" for d in dtypes):
        return "int32"
    return _promote(op, dtypes)


def float_result_dtype(*dtypes, op=None):
    """Ops whose result is floating (true_divide, sqrt, exp, mean, ...).

    Promotion with a weak float: bool and ints become ``floatx()``, float16
    stays float16, float64 stays float64.

    >>> float_result_dtype("int8", op="sqrt") == config.floatx()
    True
    >>> float_result_dtype("float16", op="sqrt")
    'float16'
    """
    return _promote(op, dtypes, float)


def unary_result_dtype(dtype, op=None):
    """Unary arithmetic that keeps the dtype (abs, negative, square, ...); bool becomes int32.

    >>> unary_result_dtype("bool", op="abs")
    'int32'
    """
    d = _promote(op, (dtype,))
    return "int32" if d == "bool" else d


def sum_result_dtype(dtype, requested=None, op=None):
    """sum, prod, cumsum, cumprod: small ints widen, like NumPy's default accumulator.

    ``requested`` is the op's own ``dtype=`` argument, which wins when given.

    >>> sum_result_dtype("int8", op="sum")
    'int32'
    >>> sum_result_dtype("uint16", op="sum")
    'uint32'
    >>> sum_result_dtype("int8", requested="float32", op="sum")
    'float32'
    """
    if requested is not None:
        return standardize_dtype(requested)
    d = _promote(op, (dtype,))
    if d in ("bool", "int8", "int16"):
        return "int32"
    if d in ("uint8", "uint16"):
        return "uint32"
    return d


# --- The same rules over op arguments (tensors, variables, Python scalars),
# used by the symbolic ``compute_output_spec`` of the ops layer.


def binary_dtype(*args, op=None):
    """Arithmetic on several inputs (add, multiply, maximum, where, ...): promotion."""
    return promote_dtypes(*[dtype_of(a) for a in args], op=op)


def float_dtype(*args, op=None):
    """Ops whose result is floating: ``float_result_dtype`` of the arguments' dtypes."""
    return float_result_dtype(*[dtype_of(a) for a in args], op=op)


def arithmetic_unary_dtype(x, op=None):
    """Unary arithmetic that keeps the dtype: ``unary_result_dtype`` of ``x``'s dtype."""
    return unary_result_dtype(dtype_of(x), op=op)


def sum_dtype(x, op=None):
    """sum, prod, cumsum, cumprod: ``sum_result_dtype`` of ``x``'s dtype."""
    return sum_result_dtype(dtype_of(x), op=op)


def creation_dtype(dtype, *values):
    """Creation ops (zeros, full, arange, ...): ``dtype`` if given, else from the values."""
    if dtype is not None:
        return standardize_dtype(dtype)
    if not values:
        return config.floatx()
    return result_type(*[dtype_of(v) for v in values])
