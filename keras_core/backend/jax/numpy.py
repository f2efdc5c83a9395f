import jax
import jax.numpy as jnp

from keras_core.backend.common import dtypes as dt
from keras_core.backend.jax.numpy_linalg import *  # noqa: F401,F403
from keras_core.backend.jax.numpy_reduce import *  # noqa: F401,F403
from keras_core.backend.jax.numpy_shape import *  # noqa: F401,F403
from keras_core.backend.jax.numpy_utils import (
    as_int,
    call_binary,
    cast,
    check_broadcast,
    check_dtype_kind,
    float_type,
    prepare,
    real_type,
    result_type,
    tensor,
    unary_type,
)

# Every op of the numpy family is provided by the jax backend.
UNSUPPORTED = {}

_INT_KINDS = "iub"


def _float_with_scalar(x1, x2):
    """A float jax array with a Python int/float: jnp's weak-type promotion is already ours."""
    if type(x2) in (int, float):
        return isinstance(x1, jax.Array) and x1.dtype.kind in "fc" and not x1.weak_type
    if type(x1) in (int, float):
        return isinstance(x2, jax.Array) and x2.dtype.kind in "fc" and not x2.weak_type
    return False


def _float_unary(op, fn, x):
    return fn(cast(x, float_type(op, x), op))


def _keep_unary(op, fn, x):
    return fn(cast(x, unary_type(op, x), op))


def _arith(op, fn, x1, x2, dtype=None):
    d = dtype or result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2)
    return call_binary(op, fn, a, b)


def _float_binary(op, fn, x1, x2):
    return _arith(op, fn, x1, x2, float_type(op, x1, x2))


def _int_binary(op, fn, x1, x2, bool_ok=True):
    """Ops on integers only (bitwise, shifts, gcd): floats raise TypeError; bool -> int32."""
    d = result_type(op, x1, x2)
    if not (dt.is_int_dtype(d) or d == "bool"):
        raise TypeError(f"{op}: inputs must be integers or booleans. Received dtype {d}")
    if d == "bool" and not bool_ok:
        d = "int32"
    return _arith(op, fn, x1, x2, d)


def _no_bool_binary(op, fn, x1, x2):
    d = result_type(op, x1, x2)
    return _arith(op, fn, x1, x2, "int32" if d == "bool" else d)


def _compare(op, fn, x1, x2):
    d = result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2, check_range=False)
    return call_binary(op, fn, a, b)


def _logical(op, fn, x1, x2):
    a, b = _logical_operand(op, x1), _logical_operand(op, x2)
    return call_binary(op, fn, a, b)


def _logical_operand(op, x):
    if type(x) in (bool, int, float, complex):
        return x
    return tensor(x, op)


# ----------------------------------------------------------------------------- arithmetic


def add(x1, x2):
    if (
        isinstance(x1, jax.Array)
        and isinstance(x2, jax.Array)
        and x1.dtype == x2.dtype
        and not (x1.weak_type and x2.weak_type)
    ):
        return call_binary("add", jnp.add, x1, x2)
    if _float_with_scalar(x1, x2):
        return jnp.add(x1, x2)
    return _arith("add", jnp.add, x1, x2)


def subtract(x1, x2):
    if _float_with_scalar(x1, x2):
        return jnp.subtract(x1, x2)
    d = result_type("subtract", x1, x2)
    if d == "bool":
        raise TypeError(
            "subtract: boolean subtraction is not supported (as in NumPy); "
            "use logical_xor. Received two bool inputs."
        )
    return _arith("subtract", jnp.subtract, x1, x2, d)


def multiply(x1, x2):
    if _float_with_scalar(x1, x2):
        return jnp.multiply(x1, x2)
    return _arith("multiply", jnp.multiply, x1, x2)


def divide(x1, x2):
    if _float_with_scalar(x1, x2):
        return jnp.true_divide(x1, x2)
    return _float_binary("divide", jnp.true_divide, x1, x2)


def true_divide(x1, x2):
    return _float_binary("true_divide", jnp.true_divide, x1, x2)


def divide_no_nan(x1, x2):
    d = float_type("divide_no_nan", x1, x2)
    a, b = prepare("divide_no_nan", d, x1, x2)
    check_broadcast("divide_no_nan", a, b)
    zero = jnp.equal(b, 0)
    safe = jnp.where(zero, jnp.ones_like(b), b)
    return jnp.where(zero, jnp.zeros((), d), jnp.true_divide(a, safe))


def floor_divide(x1, x2):
    d = result_type("floor_divide", x1, x2)
    d = "int32" if d == "bool" else d
    a, b = prepare("floor_divide", d, x1, x2)
    out = call_binary("floor_divide", jnp.floor_divide, a, b)
    if dt.is_int_dtype(d):
        # NumPy returns 0 for an integer division by zero.
        out = jnp.where(jnp.equal(b, 0), jnp.zeros((), d), out)
    return out


def mod(x1, x2):
    return _no_bool_binary("mod", jnp.remainder, x1, x2)


def fmod(x1, x2):
    return _no_bool_binary("fmod", jnp.fmod, x1, x2)


def power(x1, x2):
    d = result_type("power", x1, x2)
    d = "int32" if d == "bool" else d
    if dt.is_int_dtype(d) and type(x2) is int and x2 < 0:
        raise ValueError(
            f"power: integers to negative integer powers are not allowed. Received: x2={x2}"
        )
    return _arith("power", jnp.power, x1, x2, d)


def maximum(x1, x2):
    return _arith("maximum", jnp.maximum, x1, x2)


def minimum(x1, x2):
    return _arith("minimum", jnp.minimum, x1, x2)


def fmax(x1, x2):
    return _arith("fmax", jnp.fmax, x1, x2)


def fmin(x1, x2):
    return _arith("fmin", jnp.fmin, x1, x2)


def gcd(x1, x2):
    return _int_binary("gcd", jnp.gcd, x1, x2, bool_ok=False)


def lcm(x1, x2):
    return _int_binary("lcm", jnp.lcm, x1, x2, bool_ok=False)


def hypot(x1, x2):
    return _float_binary("hypot", jnp.hypot, x1, x2)


def arctan2(x1, x2):
    return _float_binary("arctan2", jnp.arctan2, x1, x2)


def logaddexp(x1, x2):
    return _float_binary("logaddexp", jnp.logaddexp, x1, x2)


def logaddexp2(x1, x2):
    return _float_binary("logaddexp2", jnp.logaddexp2, x1, x2)


def heaviside(x1, x2):
    return _float_binary("heaviside", jnp.heaviside, x1, x2)


def nextafter(x1, x2):
    return _float_binary("nextafter", jnp.nextafter, x1, x2)


def ldexp(x1, x2):
    e = tensor(x2, "ldexp") if type(x2) is not int else x2
    if type(e) is not int:
        check_dtype_kind("ldexp", e, "iub", "an integer tensor", "x2")
        e = e.astype("int32") if e.dtype == bool else e
    m = cast(x1, float_type("ldexp", x1), "ldexp")
    return call_binary("ldexp", jnp.ldexp, m, e)


# ----------------------------------------------------------------------------- unary arithmetic


def _abs(op, x):
    return jnp.abs(cast(x, unary_type(op, x), op))


def abs(x):
    return _abs("abs", x)


def absolute(x):
    return _abs("absolute", x)


def fabs(x):
    d = float_type("fabs", x)
    if dt.is_complex_dtype(d):
        raise TypeError(
            f"fabs: complex input is not supported (as in NumPy); use abs. Received {d}"
        )
    return jnp.abs(cast(x, d, "fabs"))


def negative(x):
    return _keep_unary("negative", jnp.negative, x)


def square(x):
    return _keep_unary("square", jnp.square, x)


def sign(x):
    return _keep_unary("sign", jnp.sign, x)


def reciprocal(x):
    return _float_unary("reciprocal", jnp.reciprocal, x)


def sqrt(x):
    return _float_unary("sqrt", jnp.sqrt, x)


def cbrt(x):
    return _float_unary("cbrt", jnp.cbrt, x)


def exp(x):
    return _float_unary("exp", jnp.exp, x)


def exp2(x):
    return _float_unary("exp2", jnp.exp2, x)


def expm1(x):
    return _float_unary("expm1", jnp.expm1, x)


def log(x):
    return _float_unary("log", jnp.log, x)


def log2(x):
    return _float_unary("log2", jnp.log2, x)


def log10(x):
    return _float_unary("log10", jnp.log10, x)


def log1p(x):
    return _float_unary("log1p", jnp.log1p, x)


def sin(x):
    return _float_unary("sin", jnp.sin, x)


def cos(x):
    return _float_unary("cos", jnp.cos, x)


def tan(x):
    return _float_unary("tan", jnp.tan, x)


def arcsin(x):
    return _float_unary("arcsin", jnp.arcsin, x)


def arccos(x):
    return _float_unary("arccos", jnp.arccos, x)


def arctan(x):
    return _float_unary("arctan", jnp.arctan, x)


def sinh(x):
    return _float_unary("sinh", jnp.sinh, x)


def cosh(x):
    return _float_unary("cosh", jnp.cosh, x)


def tanh(x):
    return _float_unary("tanh", jnp.tanh, x)


def arcsinh(x):
    return _float_unary("arcsinh", jnp.arcsinh, x)


def arccosh(x):
    return _float_unary("arccosh", jnp.arccosh, x)


def arctanh(x):
    return _float_unary("arctanh", jnp.arctanh, x)


def deg2rad(x):
    return _float_unary("deg2rad", jnp.deg2rad, x)


def rad2deg(x):
    return _float_unary("rad2deg", jnp.rad2deg, x)


def sinc(x):
    return _float_unary("sinc", jnp.sinc, x)


def i0(x):
    d = float_type("i0", x)
    if dt.is_complex_dtype(d):
        raise TypeError(f"i0: complex input is not supported. Received {d}")
    return jnp.i0(cast(x, d, "i0"))


def ceil(x):
    return _float_unary("ceil", jnp.ceil, x)


def floor(x):
    return _float_unary("floor", jnp.floor, x)


def trunc(x):
    x = tensor(x, "trunc")
    if x.dtype.kind in _INT_KINDS:
        return x
    return jnp.trunc(x)


def round(x, decimals=0):
    x = tensor(x, "round")
    decimals = as_int("round", decimals, "decimals")
    if x.dtype.kind not in _INT_KINDS:
        return jnp.round(x, decimals)
    if x.dtype == bool:
        x = x.astype("int32")
    if decimals >= 0:
        return x
    return _round_int(x, -decimals)


def _round_int(x, digits):
    # Rounds an integer tensor to 10**digits, half to even, as NumPy does.
    info = jnp.iinfo(x.dtype)
    if 10**digits > info.max:
        return jnp.zeros_like(x)
    f = jnp.asarray(10**digits, x.dtype)
    q = jnp.floor_divide(x, f)
    r2 = (x - q * f) * 2
    up = (r2 > f) | ((r2 == f) & (jnp.remainder(q, 2) == 1))
    return (q + up.astype(x.dtype)) * f


def conj(x):
    return jnp.conj(tensor(x, "conj"))


def conjugate(x):
    return jnp.conjugate(tensor(x, "conjugate"))


def real(x):
    return jnp.real(tensor(x, "real"))


def imag(x):
    return jnp.imag(tensor(x, "imag"))


def angle(x):
    x = tensor(x, "angle")
    d = float_type("angle", x)
    return jnp.angle(x).astype(real_type(d))


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = tensor(x, "nan_to_num")
    if x.dtype.kind in _INT_KINDS:
        return x
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


# ----------------------------------------------------------------------------- predicates


def isnan(x):
    x = tensor(x, "isnan")
    return jnp.isnan(x)


def isinf(x):
    return jnp.isinf(tensor(x, "isinf"))


def isfinite(x):
    return jnp.isfinite(tensor(x, "isfinite"))


def isneginf(x):
    return jnp.isneginf(tensor(x, "isneginf"))


def isposinf(x):
    return jnp.isposinf(tensor(x, "isposinf"))


def isreal(x):
    return jnp.isreal(tensor(x, "isreal"))


def signbit(x):
    x = tensor(x, "signbit")
    if x.dtype == bool:
        return jnp.zeros(x.shape, bool)
    return jnp.signbit(x)


def _isclose(op, x1, x2, rtol, atol, equal_nan):
    d = result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2, check_range=False)
    check_broadcast(op, a, b)
    if d == "bool" or dt.is_int_dtype(d):
        d = dt.result_type(d, float)
        a, b = cast(a, d), cast(b, d)
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _isclose("isclose", x1, x2, rtol, atol, equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return jnp.all(_isclose("allclose", x1, x2, rtol, atol, equal_nan))


# ----------------------------------------------------------------------------- comparison


def equal(x1, x2):
    return _compare("equal", jnp.equal, x1, x2)


def not_equal(x1, x2):
    return _compare("not_equal", jnp.not_equal, x1, x2)


def less(x1, x2):
    return _compare("less", jnp.less, x1, x2)


def less_equal(x1, x2):
    return _compare("less_equal", jnp.less_equal, x1, x2)


def greater(x1, x2):
    return _compare("greater", jnp.greater, x1, x2)


def greater_equal(x1, x2):
    return _compare("greater_equal", jnp.greater_equal, x1, x2)


# ----------------------------------------------------------------------------- logical


def logical_and(x1, x2):
    return _logical("logical_and", jnp.logical_and, x1, x2)


def logical_or(x1, x2):
    return _logical("logical_or", jnp.logical_or, x1, x2)


def logical_xor(x1, x2):
    return _logical("logical_xor", jnp.logical_xor, x1, x2)


def logical_not(x):
    return jnp.logical_not(tensor(x, "logical_not"))


# ----------------------------------------------------------------------------- bitwise


def bitwise_and(x, y):
    return _int_binary("bitwise_and", jnp.bitwise_and, x, y)


def bitwise_or(x, y):
    return _int_binary("bitwise_or", jnp.bitwise_or, x, y)


def bitwise_xor(x, y):
    return _int_binary("bitwise_xor", jnp.bitwise_xor, x, y)


def _invert(op, x):
    x = tensor(x, op)
    check_dtype_kind(op, x, _INT_KINDS, "an integer or boolean tensor")
    return jnp.invert(x)


def bitwise_invert(x):
    return _invert("bitwise_invert", x)


def bitwise_not(x):
    return _invert("bitwise_not", x)


def bitwise_left_shift(x, y):
    return _int_binary("bitwise_left_shift", jnp.left_shift, x, y, bool_ok=False)


def bitwise_right_shift(x, y):
    return _int_binary("bitwise_right_shift", jnp.right_shift, x, y, bool_ok=False)


def left_shift(x, y):
    return _int_binary("left_shift", jnp.left_shift, x, y, bool_ok=False)


def right_shift(x, y):
    return _int_binary("right_shift", jnp.right_shift, x, y, bool_ok=False)


# ----------------------------------------------------------------------------- other elementwise


def clip(x, x_min, x_max):
    bounds = [b for b in (x_min, x_max) if b is not None]
    d = result_type("clip", x, *bounds)
    d = "int32" if d == "bool" else d
    x = cast(x, d, "clip")
    lo = None if x_min is None else prepare("clip", d, x, x_min, check_range=False)[1]
    hi = None if x_max is None else prepare("clip", d, x, x_max, check_range=False)[1]
    check_broadcast("clip", x, *[b for b in (lo, hi) if b is not None])
    out = x if lo is None else jnp.maximum(x, lo)
    return out if hi is None else jnp.minimum(out, hi)


def isin(x1, x2, assume_unique=False, invert=False):
    d = result_type("isin", x1, x2)
    a, b = cast(x1, d, "isin"), cast(x2, d, "isin")
    return jnp.isin(a, b, assume_unique=assume_unique, invert=invert)
