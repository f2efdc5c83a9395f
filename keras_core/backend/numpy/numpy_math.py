"""The numpy backend's elementwise ops: arithmetic, math functions, comparisons, logic, bits."""

import ml_dtypes
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.numpy.numpy_base import (
    HALF,
    PY_SCALARS,
    arr,
    as_dtype,
    call2,
    cast_out,
    check_broadcast,
    compute_f32,
    float_type,
    name_of,
    native,
    promote,
    require_kind,
    tensor,
    unary_type,
)

_INT_KINDS = "iub"


def _arith(op, fn, x1, x2, d=None):
    d = d or promote(op, x1, x2)
    return call2(op, fn, as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2"))


def _quiet(op, fn, x1, x2, d):
    with np.errstate(all="ignore"):
        return cast_out(_arith(op, fn, x1, x2, d), d)


def _float2(op, fn, x1, x2):
    d = float_type(op, x1, x2)
    a, b = as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2")
    with np.errstate(all="ignore"):
        if d in HALF:
            return cast_out(call2(op, fn, a.astype(np.float32), b.astype(np.float32)), d)
        return cast_out(call2(op, fn, a, b), d)


def _float1(op, fn, x):
    d = float_type(op, x)
    with np.errstate(all="ignore"):
        return compute_f32(fn, as_dtype(x, d, op), d)


def _int_only(op, x1, x2, bool_ok=True):
    d = promote(op, x1, x2)
    if not (dt.is_int_dtype(d) or d == "bool"):
        raise TypeError(f"{op}: inputs must be integers or booleans. Received dtype {d}.")
    return "int32" if d == "bool" and not bool_ok else d


# ----------------------------------------------------------------------------- arithmetic


_ND = np.ndarray
_NP_ADD = np.add
# Numeric dtypes for the eager fast paths (a string array must not reach np.add).
FAST_DTYPES = frozenset(
    native(n) for n in dt.INT_TYPES + dt.UINT_TYPES + dt.FLOAT_TYPES + dt.COMPLEX_TYPES + ("bool",)
)


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
    d = promote("subtract", x1, x2)
    if d == "bool":
        raise TypeError(
            "subtract: boolean subtraction is not supported (as in NumPy); use logical_xor. "
            "Received two bool inputs."
        )
    return _arith("subtract", np.subtract, x1, x2, d)


def multiply(x1, x2):
    return _arith("multiply", np.multiply, x1, x2)


def divide(x1, x2):
    return _float2("divide", np.true_divide, x1, x2)


def true_divide(x1, x2):
    return _float2("true_divide", np.true_divide, x1, x2)


def divide_no_nan(x1, x2):
    d = float_type("divide_no_nan", x1, x2)
    a, b = as_dtype(x1, d, "divide_no_nan", "x1"), as_dtype(x2, d, "divide_no_nan", "x2")
    check_broadcast("divide_no_nan", a, b)
    with np.errstate(all="ignore"):
        out = np.where(b == 0, np.zeros((), a.dtype), np.true_divide(a, b))
    return cast_out(out, d)


def floor_divide(x1, x2):
    d = promote("floor_divide", x1, x2)
    return _quiet("floor_divide", np.floor_divide, x1, x2, "int32" if d == "bool" else d)


def mod(x1, x2):
    d = promote("mod", x1, x2)
    return _quiet("mod", np.remainder, x1, x2, "int32" if d == "bool" else d)


def fmod(x1, x2):
    d = promote("fmod", x1, x2)
    return _quiet("fmod", np.fmod, x1, x2, "int32" if d == "bool" else d)


def power(x1, x2):
    d = promote("power", x1, x2)
    d = "int32" if d == "bool" else d
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
    return _float2("hypot", np.hypot, x1, x2)


def arctan2(x1, x2):
    return _float2("arctan2", np.arctan2, x1, x2)


def logaddexp(x1, x2):
    return _float2("logaddexp", np.logaddexp, x1, x2)


def logaddexp2(x1, x2):
    return _float2("logaddexp2", np.logaddexp2, x1, x2)


def heaviside(x1, x2):
    return _float2("heaviside", np.heaviside, x1, x2)


def nextafter(x1, x2):
    d = float_type("nextafter", x1, x2)
    a, b = as_dtype(x1, d, "nextafter", "x1"), as_dtype(x2, d, "nextafter", "x2")
    return cast_out(call2("nextafter", np.nextafter, a, b), d)


def ldexp(x1, x2):
    d = float_type("ldexp", x1)
    if type(x2) is float or (type(x2) is not int and type(x2) is not bool):
        e = tensor(x2, "ldexp", "x2")
        require_kind("ldexp", e, _INT_KINDS, "an integer tensor", "x2")
        e = e.astype(np.int32) if e.dtype == bool else e
    else:
        e = int(x2)
    m = as_dtype(x1, d, "ldexp", "x1")
    with np.errstate(all="ignore"):
        if d in HALF:
            return cast_out(call2("ldexp", np.ldexp, m.astype(np.float32), e), d)
        return cast_out(call2("ldexp", np.ldexp, m, e), d)


# ----------------------------------------------------------------------------- unary arithmetic


def abs(x):
    d = unary_type("abs", x)
    if dt.is_complex_dtype(d):
        return np.abs(tensor(x, "abs"))
    return arr(np.abs(as_dtype(x, d, "abs")))


def absolute(x):
    return abs(x)


def fabs(x):
    d = float_type("fabs", x)
    if dt.is_complex_dtype(d):
        raise TypeError(
            f"fabs: complex input is not supported (as in NumPy); use abs. Received {d}"
        )
    return arr(np.abs(as_dtype(x, d, "fabs")))


def negative(x):
    return arr(np.negative(as_dtype(x, unary_type("negative", x), "negative")))


def square(x):
    return arr(np.square(as_dtype(x, unary_type("square", x), "square")))


def sign(x):
    return arr(np.sign(as_dtype(x, unary_type("sign", x), "sign")))


def reciprocal(x):
    return _float1("reciprocal", np.reciprocal, x)


def sqrt(x):
    return _float1("sqrt", np.sqrt, x)


def cbrt(x):
    return _float1("cbrt", np.cbrt, x)


def exp(x):
    return _float1("exp", np.exp, x)


def exp2(x):
    return _float1("exp2", np.exp2, x)


def expm1(x):
    return _float1("expm1", np.expm1, x)


def log(x):
    return _float1("log", np.log, x)


def log2(x):
    return _float1("log2", np.log2, x)


def log10(x):
    return _float1("log10", np.log10, x)


def log1p(x):
    return _float1("log1p", np.log1p, x)


def sin(x):
    return _float1("sin", np.sin, x)


def cos(x):
    return _float1("cos", np.cos, x)


def tan(x):
    return _float1("tan", np.tan, x)


def arcsin(x):
    return _float1("arcsin", np.arcsin, x)


def arccos(x):
    return _float1("arccos", np.arccos, x)


def arctan(x):
    return _float1("arctan", np.arctan, x)


def sinh(x):
    return _float1("sinh", np.sinh, x)


def cosh(x):
    return _float1("cosh", np.cosh, x)


def tanh(x):
    return _float1("tanh", np.tanh, x)


def arcsinh(x):
    return _float1("arcsinh", np.arcsinh, x)


def arccosh(x):
    return _float1("arccosh", np.arccosh, x)


def arctanh(x):
    return _float1("arctanh", np.arctanh, x)


def deg2rad(x):
    return _float1("deg2rad", np.deg2rad, x)


def rad2deg(x):
    return _float1("rad2deg", np.rad2deg, x)


def sinc(x):
    return _float1("sinc", np.sinc, x)


def i0(x):
    d = float_type("i0", x)
    if dt.is_complex_dtype(d):
        raise TypeError(f"i0: complex input is not supported. Received {d}")
    return _float1("i0", np.i0, x)


def ceil(x):
    return _float1("ceil", np.ceil, x)


def floor(x):
    return _float1("floor", np.floor, x)


def trunc(x):
    x = tensor(x, "trunc")
    if x.dtype.kind in _INT_KINDS:
        return x
    return arr(np.trunc(x))


def round(x, decimals=0):
    x = tensor(x, "round")
    if x.dtype.kind in _INT_KINDS:
        if x.dtype == bool:
            x = x.astype(np.int32)
        return x if decimals >= 0 else arr(np.round(x, decimals))
    d = name_of(x.dtype)
    return compute_f32(np.round, x, d, decimals)


def conj(x):
    x = tensor(x, "conj")
    return arr(np.conj(x)) if x.dtype.kind == "c" else x.copy()


def conjugate(x):
    x = tensor(x, "conjugate")
    return arr(np.conjugate(x)) if x.dtype.kind == "c" else x.copy()


def real(x):
    return arr(np.real(tensor(x, "real")))


def imag(x):
    x = tensor(x, "imag")
    if x.dtype.kind == "c":
        return arr(np.imag(x))
    return np.zeros_like(x)


def angle(x):
    x = tensor(x, "angle")
    d = float_type("angle", x)
    d = {"complex64": "float32", "complex128": "float64"}.get(d, d)
    return cast_out(np.angle(x if x.dtype.kind == "c" else x.astype(np.float64)), d)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = tensor(x, "nan_to_num")
    if x.dtype.kind in _INT_KINDS:
        return x
    info = ml_dtypes.finfo(x.dtype)
    hi = info.max if posinf is None else posinf
    lo = info.min if neginf is None else neginf
    out = np.where(np.isnan(x), np.asarray(nan).astype(x.dtype), x)
    out = np.where(np.isposinf(x), np.asarray(hi).astype(x.dtype), out)
    return cast_out(np.where(np.isneginf(x), np.asarray(lo).astype(x.dtype), out), name_of(x.dtype))


def clip(x, x_min, x_max):
    operands = [v for v in (x, x_min, x_max) if v is not None]
    d = promote("clip", *operands)
    d = "int32" if d == "bool" else d
    a = as_dtype(x, d, "clip")
    lo = None if x_min is None else as_dtype(x_min, d, "clip", "x_min")
    hi = None if x_max is None else as_dtype(x_max, d, "clip", "x_max")
    if lo is not None and hi is not None:
        check_broadcast("clip", a, lo, hi)
    return cast_out(np.clip(a, lo, hi), d)


# ----------------------------------------------------------------------------- predicates


def _pred(op, fn, x, int_value=None):
    x = tensor(x, op)
    if x.dtype.kind in _INT_KINDS and int_value is not None:
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
    d = promote("isclose", x1, x2)
    if not (dt.is_float_dtype(d) or dt.is_complex_dtype(d)):
        d = dt.result_type(d, float)
    a, b = as_dtype(x1, d, "isclose", "x1"), as_dtype(x2, d, "isclose", "x2")
    check_broadcast("isclose", a, b)
    with np.errstate(all="ignore"):
        return arr(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    check_broadcast("allclose", tensor(x1, "allclose", "x1"), tensor(x2, "allclose", "x2"))
    return arr(np.all(isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)))


# ----------------------------------------------------------------------------- comparison


def _compare(op, fn, x1, x2):
    t1, t2 = type(x1) in PY_SCALARS, type(x2) in PY_SCALARS
    if t1 and t2:
        d = promote(op, x1, x2)
        return arr(fn(as_dtype(x1, d), as_dtype(x2, d)))
    if t1 or t2:
        a = x2 if t1 else x1
        a = tensor(a, op, "x2" if t1 else "x1")
        return arr(fn(x1, a) if t1 else fn(a, x2))
    d = promote(op, x1, x2)
    return call2(op, fn, as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2"))


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


# ----------------------------------------------------------------------------- logical


def _logical_operand(op, x, arg):
    if type(x) in PY_SCALARS:
        return x
    return tensor(x, op, arg)


def _logical(op, fn, x1, x2):
    return call2(op, fn, _logical_operand(op, x1, "x1"), _logical_operand(op, x2, "x2"))


def logical_and(x1, x2):
    return _logical("logical_and", np.logical_and, x1, x2)


def logical_or(x1, x2):
    return _logical("logical_or", np.logical_or, x1, x2)


def logical_xor(x1, x2):
    return _logical("logical_xor", np.logical_xor, x1, x2)


def logical_not(x):
    return arr(np.logical_not(tensor(x, "logical_not")))


# ----------------------------------------------------------------------------- bitwise


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
    require_kind("bitwise_invert", x, _INT_KINDS, "an integer or boolean tensor")
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


__all__ = [
    n for n, v in list(globals().items())
    if callable(v) and getattr(v, "__module__", None) == __name__ and not n.startswith("_")
]  # fmt: skip
