# Element-wise numpy functions of the torch backend (see keras_core/backend/README.md).
import builtins
import math

import torch

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.torch import numpy_base as b
from keras_core.backend.torch import numpy_index
from keras_core.backend.torch.numpy_base import Tensor

UNSUPPORTED = {}

_TAKES_SCALAR = (torch.add, torch.sub, torch.mul)
_FAST = frozenset(b.NATIVE[n] for n in b.NATIVE if n not in ("uint16", "uint32", "uint64"))


def _call(op, fn, x1, x2):
    try:
        return fn(x1, x2)
    except RuntimeError as e:
        b.reraise(op, e, x1, x2)


def _pair(op, x1, x2, dtype):
    return b.as_dtype(x1, dtype, op, "x1"), b.as_dtype(x2, dtype, op, "x2")


def _arith(op, x1, x2, fn, dtype=None):
    dtype = dtype or b.rule_dtype(op, rules.binary_dtype, x1, x2)
    if isinstance(x1, Tensor) and type(x2) in b.SCALAR_TYPES and fn in _TAKES_SCALAR:
        a = b.cast(x1, dtype)
        if a.dtype not in b.WIDE_UINTS and b.scalar_fits(x2, a.dtype, op, "x2"):
            return fn(a, x2)
    a, c = _pair(op, x1, x2, dtype)
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_arith(_call(op, fn, b.widen_arith(a), b.widen_arith(c)), a.dtype)
    return _call(op, fn, a, c)


def _ordered(op, x1, x2, fn, dtype=None):
    dtype = dtype or b.rule_dtype(op, rules.binary_dtype, x1, x2)
    a, c = _pair(op, x1, x2, dtype)
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_order(_call(op, fn, b.widen_order(a), b.widen_order(c)), a.dtype)
    return _call(op, fn, a, c)


def _compare(op, x1, x2, fn):
    a, c = _pair(op, x1, x2, b.rule_dtype(op, rules.binary_dtype, x1, x2))
    if a.dtype in b.COMPLEX and fn not in (torch.eq, torch.ne):
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(a)}.")
    return _call(op, fn, b.widen_order(a), b.widen_order(c))


def _int_dtype(op, x1, x2):
    dtype = b.rule_dtype(op, rules.binary_dtype, x1, x2)
    return "int32" if dtype == "bool" else dtype


def _float_unary(op, x, fn):
    t = b.tensor(x, op)
    return fn(b.ints_to_float(t))


def _real_float_unary(op, x, fn):
    t = b.tensor(x, op)
    b.require_real(op, t)
    return fn(b.ints_to_float(t))


def _arith_unary(op, x, fn):
    t = b.tensor(x, op)
    if t.dtype == torch.bool:
        t = t.to(b.NATIVE["int32"])
    if t.dtype in b.WIDE_UINTS:
        return b.narrow_arith(fn(b.widen_arith(t)), t.dtype)
    return fn(t)


# ---------------------------------------------------------------- arithmetic
def add(x1, x2):
    if type(x1) is Tensor and type(x2) is Tensor and x1.dtype is x2.dtype and x1.dtype in _FAST:
        try:
            return torch.add(x1, x2)
        except RuntimeError as e:
            b.reraise("add", e, x1, x2)
    return _arith("add", x1, x2, torch.add)


def subtract(x1, x2):
    dtype = b.rule_dtype("subtract", rules.binary_dtype, x1, x2)
    if dtype == "bool":
        raise TypeError("subtract: boolean inputs are not supported; use logical_xor instead.")
    return _arith("subtract", x1, x2, torch.sub, dtype)


def multiply(x1, x2):
    return _arith("multiply", x1, x2, torch.mul)


def _true_divide(op, x1, x2):
    a, c = _pair(op, x1, x2, b.rule_dtype(op, rules.float_dtype, x1, x2))
    return _call(op, torch.true_divide, a, c)


def true_divide(x1, x2):
    return _true_divide("true_divide", x1, x2)


def divide(x1, x2):
    return _true_divide("divide", x1, x2)


def divide_no_nan(x1, x2):
    a, c = _pair("divide_no_nan", x1, x2, b.rule_dtype("divide_no_nan", rules.float_dtype, x1, x2))
    zero = c == 0
    safe = torch.where(zero, torch.ones_like(c), c)
    out = _call("divide_no_nan", torch.true_divide, a, safe)
    return torch.where(zero, torch.zeros_like(out), out)


def _int_div_safe(op, x1, x2, fn, dtype):
    a, c = _pair(op, x1, x2, dtype)
    if a.dtype in b.INEXACT:
        return _call(op, fn, a, c)
    if a.dtype == torch.uint64:
        return _call(op, lambda p, q: _udivmod64(p, q, fn), a, c)
    nat = a.dtype
    a, c = b.widen_arith(a), b.widen_arith(c)
    zero = c == 0
    out = _call(op, fn, a, torch.where(zero, torch.ones_like(c), c))
    return b.narrow_arith(torch.where(zero, torch.zeros_like(out), out), nat)


def _udivmod64(x1, x2, fn):
    a, c = torch.broadcast_tensors(x1.view(torch.int64), x2.view(torch.int64))
    big = c < 0  # divisor >= 2**63: the quotient is 0 or 1
    ge = (a ^ b.I64_MIN) >= (c ^ b.I64_MIN)
    pos = torch.where(big | (c == 0), torch.ones_like(c), c)
    q = torch.div((a >> 1) & (2**63 - 1), pos, rounding_mode="trunc") << 1
    r = a - q * pos
    fix = (r ^ b.I64_MIN) >= (pos ^ b.I64_MIN)
    q = torch.where(fix, q + 1, q)
    r = torch.where(fix, r - pos, r)
    q = torch.where(big, ge.to(torch.int64), q)
    r = torch.where(big, torch.where(ge, a - c, a), r)
    out = q if fn is _floor_divide else r
    return torch.where(c == 0, torch.zeros_like(out), out).view(torch.uint64)


class _FloorDivide(torch.autograd.Function):
    # torch has no derivative for floor_divide; it is piecewise constant, so the gradient is 0.
    @staticmethod
    def forward(ctx, a, c):
        ctx.shapes = (a.shape, c.shape)
        return torch.floor_divide(a, c)

    @staticmethod
    def backward(ctx, grad):
        sa, sc = ctx.shapes
        return grad.new_zeros(sa), grad.new_zeros(sc)


def _floor_divide(a, c):
    if a.dtype in b.INEXACT and (a.requires_grad or c.requires_grad):
        torch.broadcast_shapes(a.shape, c.shape)
        return _FloorDivide.apply(a, c)
    return torch.floor_divide(a, c)


def floor_divide(x1, x2):
    return _int_div_safe("floor_divide", x1, x2, _floor_divide, _int_dtype("floor_divide", x1, x2))


def _remainder(a, c):
    out = torch.remainder(a, c)
    if out.dtype in b.FLOATS:  # a zero result takes the divisor's sign, as in NumPy
        out = torch.where(out == 0, torch.copysign(out, c), out)
    return out


def mod(x1, x2):
    return _int_div_safe("mod", x1, x2, _remainder, _int_dtype("mod", x1, x2))


def fmod(x1, x2):
    dtype = _int_dtype("fmod", x1, x2)
    fn = _remainder if dtype.startswith("uint") else torch.fmod
    out = _int_div_safe("fmod", x1, x2, fn, dtype)
    return out


def power(x1, x2):
    dtype = _int_dtype("power", x1, x2)
    a, c = _pair("power", x1, x2, dtype)
    if a.dtype in b.SIGNED and bool((c < 0).any()):
        raise ValueError("power: integers to negative integer powers are not allowed.")
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_arith(
            _call("power", torch.pow, b.widen_arith(a), b.widen_arith(c)), a.dtype
        )
    return _call("power", torch.pow, a, c)


def maximum(x1, x2):
    return _ordered("maximum", x1, x2, torch.maximum)


def minimum(x1, x2):
    return _ordered("minimum", x1, x2, torch.minimum)


def fmax(x1, x2):
    return _ordered("fmax", x1, x2, torch.fmax)


def fmin(x1, x2):
    return _ordered("fmin", x1, x2, torch.fmin)


def _float_binary(op, x1, x2, fn):
    a, c = _pair(op, x1, x2, b.rule_dtype(op, rules.float_dtype, x1, x2))
    b.require_real(op, a)
    return _call(op, fn, a, c)


def arctan2(x1, x2):
    return _float_binary("arctan2", x1, x2, torch.atan2)


def hypot(x1, x2):
    return _float_binary("hypot", x1, x2, torch.hypot)


def logaddexp(x1, x2):
    return _float_binary("logaddexp", x1, x2, torch.logaddexp)


def logaddexp2(x1, x2):
    return _float_binary("logaddexp2", x1, x2, torch.logaddexp2)


def nextafter(x1, x2):
    return _float_binary("nextafter", x1, x2, torch.nextafter)


def _heaviside(a, c):
    step = torch.where(a > 0, torch.ones_like(a), torch.zeros_like(a))
    out = torch.where(a == 0, c, step)
    return torch.where(torch.isnan(a), a, out)


def heaviside(x1, x2):
    return _float_binary("heaviside", x1, x2, _heaviside)


def ldexp(x1, x2):
    t = b.tensor(x1, "ldexp", "x1")
    e = b.tensor(x2, "ldexp", "x2")
    b.require_integer("ldexp", e)
    t = b.ints_to_float(t)
    b.require_real("ldexp", t)
    wide = b.half_to_float(t)
    scale = torch.exp2(b.widen_arith(e).to(wide.dtype))  # exact powers of two
    return _call("ldexp", torch.mul, wide, scale).to(t.dtype)


def _gcd_like(op, x1, x2, fn):
    a, c = _pair(op, x1, x2, b.rule_dtype(op, rules.binary_dtype, x1, x2))
    b.require_integer(op, a, c, allow_bool=False)
    return b.narrow_arith(_call(op, fn, b.widen_order(a), b.widen_order(c)), a.dtype)


def gcd(x1, x2):
    return _gcd_like("gcd", x1, x2, torch.gcd)


def lcm(x1, x2):
    return _gcd_like("lcm", x1, x2, torch.lcm)


def clip(x, x_min, x_max):
    args = [v for v in (x, x_min, x_max) if v is not None]
    dtype = b.rule_dtype("clip", rules.binary_dtype, *args)
    dtype = "int32" if dtype == "bool" else dtype
    t = b.as_dtype(x, dtype, "clip")
    nat = t.dtype
    out = b.widen_order(t)
    if x_min is not None:
        out = _call(
            "clip", torch.maximum, out, b.widen_order(b.as_dtype(x_min, dtype, "clip", "x_min"))
        )
    if x_max is not None:
        out = _call(
            "clip", torch.minimum, out, b.widen_order(b.as_dtype(x_max, dtype, "clip", "x_max"))
        )
    return b.narrow_order(out, nat)


# ---------------------------------------------------------------- unary arithmetic
def abs(x):
    t = b.tensor(x, "abs")
    if t.dtype in b.UNSIGNED:
        return t.clone()
    return _arith_unary("abs", t, torch.abs)


def absolute(x):
    return abs(x)


def fabs(x):
    return _real_float_unary("fabs", x, torch.abs)


def negative(x):
    return _arith_unary("negative", x, torch.neg)


def square(x):
    return _arith_unary("square", x, torch.square)


def sign(x):
    t = b.tensor(x, "sign")
    if t.dtype in b.COMPLEX:
        return torch.sgn(t)
    if t.dtype in b.UNSIGNED:
        return (t != 0).to(t.dtype)
    if t.dtype in b.FLOATS:
        return torch.where(torch.isnan(t), t, torch.sign(t))
    return _arith_unary("sign", t, torch.sign)


def reciprocal(x):
    return _float_unary("reciprocal", x, torch.reciprocal)


def floor(x):
    return _real_float_unary("floor", x, torch.floor)


def ceil(x):
    return _real_float_unary("ceil", x, torch.ceil)


def trunc(x):
    t = b.tensor(x, "trunc")
    b.require_real("trunc", t)
    return torch.trunc(t) if t.dtype in b.FLOATS else t.clone()


def round(x, decimals=0):
    t = b.tensor(x, "round")
    decimals = int(decimals)
    if t.dtype in b.FLOATS:
        if decimals == 0:
            return torch.round(t)
        scale = 10.0 ** builtins.abs(decimals)
        if decimals > 0:
            return torch.round(t * scale) / scale
        return torch.round(t / scale) * scale
    if t.dtype in b.COMPLEX:
        return torch.complex(round(t.real, decimals), round(t.imag, decimals))
    if t.dtype == torch.bool:  # arithmetic_unary_dtype: bool becomes int32
        t = t.to(b.INDEX_T)
    if decimals >= 0:
        return t.clone()
    wide = b.widen_arith(t).to(torch.float64)
    return b.narrow_arith(torch.round(wide, decimals=decimals).to(torch.int64), t.dtype)


# ---------------------------------------------------------------- float unary
def sqrt(x):
    return _float_unary("sqrt", x, torch.sqrt)


def cbrt(x):
    t = b.tensor(x, "cbrt")
    b.require_real("cbrt", t)
    t = b.ints_to_float(t)
    a = torch.abs(t)
    y = a.pow(1.0 / 3.0)
    ok = torch.isfinite(y) & (y != 0)
    safe = torch.where(ok, y, torch.ones_like(y))
    y = torch.where(ok, (2.0 * safe + a / (safe * safe)) / 3.0, y)  # one Newton step
    return torch.copysign(y, t)


def exp(x):
    return _float_unary("exp", x, torch.exp)


def exp2(x):
    return _float_unary("exp2", x, torch.exp2)


def expm1(x):
    return _float_unary("expm1", x, torch.expm1)


def log(x):
    return _float_unary("log", x, torch.log)


def log10(x):
    return _float_unary("log10", x, torch.log10)


def log1p(x):
    return _float_unary("log1p", x, torch.log1p)


def log2(x):
    return _float_unary("log2", x, torch.log2)


def sin(x):
    return _float_unary("sin", x, torch.sin)


def cos(x):
    return _float_unary("cos", x, torch.cos)


def tan(x):
    return _float_unary("tan", x, torch.tan)


def arcsin(x):
    return _float_unary("arcsin", x, torch.asin)


def arccos(x):
    return _float_unary("arccos", x, torch.acos)


def arctan(x):
    return _float_unary("arctan", x, torch.atan)


def sinh(x):
    return _float_unary("sinh", x, torch.sinh)


def cosh(x):
    return _float_unary("cosh", x, torch.cosh)


def tanh(x):
    return _float_unary("tanh", x, torch.tanh)


def arcsinh(x):
    return _float_unary("arcsinh", x, torch.asinh)


def arccosh(x):
    return _float_unary("arccosh", x, torch.acosh)


def arctanh(x):
    return _float_unary("arctanh", x, torch.atanh)


def deg2rad(x):
    return _real_float_unary("deg2rad", x, lambda t: t * (math.pi / 180.0))


def rad2deg(x):
    return _real_float_unary("rad2deg", x, lambda t: t * (180.0 / math.pi))


def i0(x):
    return _real_float_unary("i0", x, torch.special.i0)


def sinc(x):
    return _float_unary("sinc", x, torch.sinc)


def angle(x):
    t = b.tensor(x, "angle")
    if t.dtype in b.COMPLEX:
        return torch.angle(t)
    t = b.ints_to_float(t)
    return torch.atan2(torch.zeros_like(t), t)


# ---------------------------------------------------------------- complex parts
def conj(x):
    t = b.tensor(x, "conj")
    return torch.conj_physical(t) if t.dtype in b.COMPLEX else t.clone()


def conjugate(x):
    return conj(x)


def real(x):
    t = b.tensor(x, "real")
    return torch.real(t).clone() if t.dtype in b.COMPLEX else t.clone()


def imag(x):
    t = b.tensor(x, "imag")
    return torch.imag(t).clone() if t.dtype in b.COMPLEX else torch.zeros_like(t)


def isreal(x):
    t = b.tensor(x, "isreal")
    if t.dtype in b.COMPLEX:
        return torch.imag(t) == 0
    return torch.ones(t.shape, dtype=torch.bool)


# ---------------------------------------------------------------- predicates
def isnan(x):
    t = b.tensor(x, "isnan")
    return torch.isnan(t) if t.dtype in b.INEXACT else torch.zeros(t.shape, dtype=torch.bool)


def isinf(x):
    t = b.tensor(x, "isinf")
    return torch.isinf(t) if t.dtype in b.INEXACT else torch.zeros(t.shape, dtype=torch.bool)


def isfinite(x):
    t = b.tensor(x, "isfinite")
    return torch.isfinite(t) if t.dtype in b.INEXACT else torch.ones(t.shape, dtype=torch.bool)


def isneginf(x):
    t = b.tensor(x, "isneginf")
    b.require_real("isneginf", t)
    return torch.isneginf(t) if t.dtype in b.FLOATS else torch.zeros(t.shape, dtype=torch.bool)


def isposinf(x):
    t = b.tensor(x, "isposinf")
    b.require_real("isposinf", t)
    return torch.isposinf(t) if t.dtype in b.FLOATS else torch.zeros(t.shape, dtype=torch.bool)


def signbit(x):
    t = b.tensor(x, "signbit")
    b.require_real("signbit", t)
    if t.dtype in b.UNSIGNED or t.dtype == torch.bool:
        return torch.zeros(t.shape, dtype=torch.bool)
    if t.dtype == torch.bfloat16:  # torch's casts to bfloat16 make every NaN negative
        return torch.signbit(t) & ~torch.isnan(t)
    return torch.signbit(t)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    t = b.tensor(x, "nan_to_num")
    if t.dtype in b.FLOATS:
        return torch.nan_to_num(t, nan=nan, posinf=posinf, neginf=neginf)
    if t.dtype in b.COMPLEX:
        parts = [
            torch.nan_to_num(p, nan=nan, posinf=posinf, neginf=neginf) for p in (t.real, t.imag)
        ]
        return torch.complex(*parts)
    return t.clone()


def _isclose(op, x1, x2, rtol, atol, equal_nan):
    a, c = _pair(op, x1, x2, b.rule_dtype(op, rules.binary_dtype, x1, x2))
    if a.dtype not in b.INEXACT:
        a, c = a.to(torch.float64), c.to(torch.float64)
    try:
        return torch.isclose(a, c, rtol=rtol, atol=atol, equal_nan=bool(equal_nan))
    except RuntimeError as e:
        b.reraise(op, e, a, c)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _isclose("isclose", x1, x2, rtol, atol, equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return torch.all(_isclose("allclose", x1, x2, rtol, atol, equal_nan))


# ---------------------------------------------------------------- comparisons
def equal(x1, x2):
    return _compare("equal", x1, x2, torch.eq)


def not_equal(x1, x2):
    return _compare("not_equal", x1, x2, torch.ne)


def less(x1, x2):
    return _compare("less", x1, x2, torch.lt)


def less_equal(x1, x2):
    return _compare("less_equal", x1, x2, torch.le)


def greater(x1, x2):
    return _compare("greater", x1, x2, torch.gt)


def greater_equal(x1, x2):
    return _compare("greater_equal", x1, x2, torch.ge)


# ---------------------------------------------------------------- logical
def _logical(op, x1, x2, fn):
    a = b.widen_arith(b.tensor(x1, op, "x1"))
    c = b.widen_arith(b.tensor(x2, op, "x2"))
    return _call(op, fn, a, c)


def logical_and(x1, x2):
    return _logical("logical_and", x1, x2, torch.logical_and)


def logical_or(x1, x2):
    return _logical("logical_or", x1, x2, torch.logical_or)


def logical_xor(x1, x2):
    return _logical("logical_xor", x1, x2, torch.logical_xor)


def logical_not(x):
    return torch.logical_not(b.widen_arith(b.tensor(x, "logical_not")))


# ---------------------------------------------------------------- bitwise
def _bitwise(op, x, y, fn, dtype=None):
    dtype = dtype or b.rule_dtype(op, rules.binary_dtype, x, y)
    a, c = b.as_dtype(x, dtype, op, "x"), b.as_dtype(y, dtype, op, "y")
    b.require_integer(op, a, c)
    nat = a.dtype
    return b.narrow_arith(_call(op, fn, b.widen_arith(a), b.widen_arith(c)), nat)


def bitwise_and(x, y):
    return _bitwise("bitwise_and", x, y, torch.bitwise_and)


def bitwise_or(x, y):
    return _bitwise("bitwise_or", x, y, torch.bitwise_or)


def bitwise_xor(x, y):
    return _bitwise("bitwise_xor", x, y, torch.bitwise_xor)


def bitwise_invert(x):
    t = b.tensor(x, "bitwise_invert")
    b.require_integer("bitwise_invert", t)
    return b.narrow_arith(torch.bitwise_not(b.widen_arith(t)), t.dtype)


def bitwise_not(x):
    return bitwise_invert(x)


def _shift_dtype(op, x, y):
    dtype = b.rule_dtype(op, rules.binary_dtype, x, y)
    return "int32" if dtype == "bool" else dtype


def _right_shift_u64(a, s):
    s = s.view(torch.int64)
    big = (s < 0) | (s >= 64)
    s1 = torch.clamp(s, 1, 63)
    shifted = ((a >> 1) & (2**63 - 1)) >> (s1 - 1)
    out = torch.where(s == 0, a, torch.where(big, torch.zeros_like(a), shifted))
    return out


def bitwise_left_shift(x, y):
    return _bitwise(
        "bitwise_left_shift",
        x,
        y,
        torch.bitwise_left_shift,
        _shift_dtype("bitwise_left_shift", x, y),
    )


def bitwise_right_shift(x, y):
    dtype = _shift_dtype("bitwise_right_shift", x, y)
    if dtype == "uint64":
        a, c = b.as_dtype(x, dtype, "bitwise_right_shift", "x"), b.as_dtype(y, dtype, "", "y")
        a, c = torch.broadcast_tensors(a.view(torch.int64), c)
        return _right_shift_u64(a, c.contiguous()).view(torch.uint64)
    return _bitwise("bitwise_right_shift", x, y, torch.bitwise_right_shift, dtype)


def left_shift(x, y):
    return bitwise_left_shift(x, y)


def right_shift(x, y):
    return bitwise_right_shift(x, y)


# ---------------------------------------------------------------- selection
def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return numpy_index.nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("where: `x1` and `x2` must be given together (or both omitted).")
    cond = b.widen_arith(b.tensor(condition, "where", "condition"))
    cond = cond if cond.dtype == torch.bool else cond != 0
    dtype = b.rule_dtype("where", rules.binary_dtype, x1, x2)
    a, c = _pair("where", x1, x2, dtype)
    nat = a.dtype
    try:
        out = torch.where(cond, b.widen_arith(a), b.widen_arith(c))
    except RuntimeError as e:
        b.reraise("where", e, cond, a, c)
    return b.narrow_arith(out, nat)
