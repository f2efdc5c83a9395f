"""The numpy backend's NumPy arithmetic (add, divide, power, bitwise and shift ops, ...).

The ops declared in ``keras_core/ops/numpy/arithmetic.py``; ``numpy.py`` gathers them.
"""

import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.numpy.op_helpers import (
    FAST_DTYPES,
    HALF,
    INT_KINDS,
    arr,
    as_dtype,
    call_binary,
    cast,
    check_broadcast,
    float_binary,
    float_type,
    promote_no_bool,
    require_kind,
    result_type,
    tensor,
)

UNSUPPORTED = {}


def _arith(op, fn, x1, x2, d=None):
    d = d or result_type(op, x1, x2)
    return call_binary(op, fn, as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2"))


def _quiet(op, fn, x1, x2, d):
    with np.errstate(all="ignore"):
        return cast(_arith(op, fn, x1, x2, d), d)


def _int_only(op, x1, x2, bool_ok=True):
    d = result_type(op, x1, x2)
    if not (dt.is_int_dtype(d) or d == "bool"):
        raise TypeError(f"{op}: inputs must be integers or booleans. Received dtype {d}.")
    return d if bool_ok else dtype_rules.unary_result_dtype(d, op=op)


_ND = np.ndarray
_NP_ADD = np.add


def add(x1, x2):
    # Fast path: two arrays of one numeric dtype need no promotion.
    if type(x1) is _ND and type(x2) is _ND:
        d = x1.dtype
        if d is x2.dtype and d in FAST_DTYPES:
            try:
                out = _NP_ADD(x1, x2)
            except ValueError:
                check_broadcast("add", x1, x2)
                raise
            return out if type(out) is _ND else np.asarray(out)
    return _arith("add", np.add, x1, x2)


def subtract(x1, x2):
    d = result_type("subtract", x1, x2)
    if d == "bool":
        raise TypeError(
            "subtract: boolean subtraction is not supported (as in NumPy); use logical_xor. "
            "Received two bool inputs."
        )
    return _arith("subtract", np.subtract, x1, x2, d)


def multiply(x1, x2):
    return _arith("multiply", np.multiply, x1, x2)


def divide(x1, x2):
    return float_binary("divide", np.true_divide, x1, x2)


def true_divide(x1, x2):
    return float_binary("true_divide", np.true_divide, x1, x2)


def divide_no_nan(x1, x2):
    d = float_type("divide_no_nan", x1, x2)
    a, b = as_dtype(x1, d, "divide_no_nan", "x1"), as_dtype(x2, d, "divide_no_nan", "x2")
    check_broadcast("divide_no_nan", a, b)
    with np.errstate(all="ignore"):
        out = np.where(b == 0, np.zeros((), a.dtype), np.true_divide(a, b))
    return cast(out, d)


def floor_divide(x1, x2):
    return _quiet("floor_divide", np.floor_divide, x1, x2, promote_no_bool("floor_divide", x1, x2))


def mod(x1, x2):
    return _quiet("mod", np.remainder, x1, x2, promote_no_bool("mod", x1, x2))


def fmod(x1, x2):
    return _quiet("fmod", np.fmod, x1, x2, promote_no_bool("fmod", x1, x2))


def power(x1, x2):
    d = promote_no_bool("power", x1, x2)
    if dt.is_int_dtype(d) and type(x2) is int and x2 < 0:
        raise ValueError(
            f"power: integers to negative integer powers are not allowed. Received: x2={x2}"
        )
    return _quiet("power", np.power, x1, x2, d)


def maximum(x1, x2):
    return _arith("maximum", np.maximum, x1, x2)


def minimum(x1, x2):
    return _arith("minimum", np.minimum, x1, x2)


def fmax(x1, x2):
    return _arith("fmax", np.fmax, x1, x2)


def fmin(x1, x2):
    return _arith("fmin", np.fmin, x1, x2)


def gcd(x1, x2):
    return _arith("gcd", np.gcd, x1, x2, _int_only("gcd", x1, x2, bool_ok=False))


def lcm(x1, x2):
    return _arith("lcm", np.lcm, x1, x2, _int_only("lcm", x1, x2, bool_ok=False))


def hypot(x1, x2):
    return float_binary("hypot", np.hypot, x1, x2)


def arctan2(x1, x2):
    return float_binary("arctan2", np.arctan2, x1, x2)


def logaddexp(x1, x2):
    return float_binary("logaddexp", np.logaddexp, x1, x2)


def logaddexp2(x1, x2):
    return float_binary("logaddexp2", np.logaddexp2, x1, x2)


def heaviside(x1, x2):
    return float_binary("heaviside", np.heaviside, x1, x2)


def nextafter(x1, x2):
    d = float_type("nextafter", x1, x2)
    a, b = as_dtype(x1, d, "nextafter", "x1"), as_dtype(x2, d, "nextafter", "x2")
    return cast(call_binary("nextafter", np.nextafter, a, b), d)


def ldexp(x1, x2):
    d = float_type("ldexp", x1)
    if type(x2) is float or (type(x2) is not int and type(x2) is not bool):
        e = tensor(x2, "ldexp", "x2")
        require_kind("ldexp", e, INT_KINDS, "an integer tensor", "x2")
        e = e.astype(np.int32) if e.dtype == bool else e
    else:
        e = int(x2)
    m = as_dtype(x1, d, "ldexp", "x1")
    with np.errstate(all="ignore"):
        if d in HALF:
            return cast(call_binary("ldexp", np.ldexp, m.astype(np.float32), e), d)
        return cast(call_binary("ldexp", np.ldexp, m, e), d)


def _bitwise(op, fn, x, y, bool_ok=True):
    return _arith(op, fn, x, y, _int_only(op, x, y, bool_ok))


def bitwise_and(x, y):
    return _bitwise("bitwise_and", np.bitwise_and, x, y)


def bitwise_or(x, y):
    return _bitwise("bitwise_or", np.bitwise_or, x, y)


def bitwise_xor(x, y):
    return _bitwise("bitwise_xor", np.bitwise_xor, x, y)


def bitwise_invert(x):
    x = tensor(x, "bitwise_invert")
    require_kind("bitwise_invert", x, INT_KINDS, "an integer or boolean tensor")
    return arr(np.invert(x))


def bitwise_not(x):
    return bitwise_invert(x)


def bitwise_left_shift(x, y):
    return _bitwise("bitwise_left_shift", np.left_shift, x, y, bool_ok=False)


def bitwise_right_shift(x, y):
    return _bitwise("bitwise_right_shift", np.right_shift, x, y, bool_ok=False)


def left_shift(x, y):
    return _bitwise("left_shift", np.left_shift, x, y, bool_ok=False)


def right_shift(x, y):
    return _bitwise("right_shift", np.right_shift, x, y, bool_ok=False)
