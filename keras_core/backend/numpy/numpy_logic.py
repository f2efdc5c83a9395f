"""The numpy backend's NumPy comparison, logical and predicate ops (equal, isnan, isclose, where, select, ...).

The ops declared in ``keras_core/ops/numpy/logic.py``; ``numpy.py`` gathers them.
"""

import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.numpy import numpy_searching
from keras_core.backend.numpy.op_helpers import (
    HALF,
    INT_KINDS,
    PY_SCALARS,
    arr,
    as_dtype,
    call_binary,
    cast,
    check_broadcast,
    result_type,
    tensor,
)

UNSUPPORTED = {}


def _pred(op, fn, x, int_value=None):
    x = tensor(x, op)
    if x.dtype.kind in INT_KINDS and int_value is not None:
        return np.full(x.shape, int_value)
    return arr(fn(x))


def isnan(x):
    return _pred("isnan", np.isnan, x, False)


def isinf(x):
    return _pred("isinf", np.isinf, x, False)


def isfinite(x):
    return _pred("isfinite", np.isfinite, x, True)


def isneginf(x):
    return _pred("isneginf", np.isneginf, x, False)


def isposinf(x):
    return _pred("isposinf", np.isposinf, x, False)


def isreal(x):
    return _pred("isreal", np.isreal, x)


def signbit(x):
    x = tensor(x, "signbit")
    if x.dtype == bool:
        return np.zeros(x.shape, bool)
    return arr(np.signbit(x))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    d = result_type("isclose", x1, x2)
    if not (dt.is_float_dtype(d) or dt.is_complex_dtype(d)):
        d = dtype_rules.float_result_dtype(d, op="isclose")
    a, b = as_dtype(x1, d, "isclose", "x1"), as_dtype(x2, d, "isclose", "x2")
    check_broadcast("isclose", a, b)
    with np.errstate(all="ignore"):
        return arr(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    check_broadcast("allclose", tensor(x1, "allclose", "x1"), tensor(x2, "allclose", "x2"))
    return arr(np.all(isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def _compare(op, fn, x1, x2):
    t1, t2 = type(x1) in PY_SCALARS, type(x2) in PY_SCALARS
    if t1 and t2:
        d = result_type(op, x1, x2)
        return arr(fn(as_dtype(x1, d), as_dtype(x2, d)))
    if t1 or t2:
        a = x2 if t1 else x1
        a = tensor(a, op, "x2" if t1 else "x1")
        return arr(fn(x1, a) if t1 else fn(a, x2))
    d = result_type(op, x1, x2)
    return call_binary(op, fn, as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2"))


def equal(x1, x2):
    return _compare("equal", np.equal, x1, x2)


def not_equal(x1, x2):
    return _compare("not_equal", np.not_equal, x1, x2)


def less(x1, x2):
    return _compare("less", np.less, x1, x2)


def less_equal(x1, x2):
    return _compare("less_equal", np.less_equal, x1, x2)


def greater(x1, x2):
    return _compare("greater", np.greater, x1, x2)


def greater_equal(x1, x2):
    return _compare("greater_equal", np.greater_equal, x1, x2)


def _logical_operand(op, x, arg):
    if type(x) in PY_SCALARS:
        return x
    return tensor(x, op, arg)


def _logical(op, fn, x1, x2):
    return call_binary(op, fn, _logical_operand(op, x1, "x1"), _logical_operand(op, x2, "x2"))


def logical_and(x1, x2):
    return _logical("logical_and", np.logical_and, x1, x2)


def logical_or(x1, x2):
    return _logical("logical_or", np.logical_or, x1, x2)


def logical_xor(x1, x2):
    return _logical("logical_xor", np.logical_xor, x1, x2)


def logical_not(x):
    return arr(np.logical_not(tensor(x, "logical_not")))


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return numpy_searching.nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("where: pass both `x1` and `x2`, or neither.")
    c = tensor(condition, "where", "condition").astype(bool, copy=False)
    d = result_type("where", x1, x2)
    a, b = as_dtype(x1, d, "where", "x1"), as_dtype(x2, d, "where", "x2")
    check_broadcast("where", c, a, b)
    return cast(np.where(c, a, b), d)


def select(condlist, choicelist, default=0):
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise TypeError("select: `condlist` and `choicelist` must be lists of tensors.")
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length. "
            f"Received: {len(condlist)} and {len(choicelist)}"
        )
    if not condlist:
        raise ValueError("select: `condlist` must not be empty.")
    d = result_type("select", *choicelist, default)
    conds = [tensor(c, "select", "condlist").astype(bool, copy=False) for c in condlist]
    choices = [as_dtype(c, d, "select", "choicelist") for c in choicelist]
    dflt = as_dtype(default, d, "select", "default")
    check_broadcast("select", *conds, *choices, dflt)
    return cast(np.select(conds, choices, dflt), d)


def isin(x1, x2, assume_unique=False, invert=False):
    d = result_type("isin", x1, x2)
    a = as_dtype(x1, d, "isin", "x1")
    b = as_dtype(x2, d, "isin", "x2")
    if d in HALF:
        a, b = a.astype(np.float32), b.astype(np.float32)
    return arr(np.isin(a, b, assume_unique=assume_unique, invert=invert))
