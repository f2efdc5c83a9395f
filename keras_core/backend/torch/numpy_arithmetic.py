"""The torch backend's NumPy arithmetic (add, divide, power, bitwise and shift ops, ...).

The ops declared in ``keras_core/ops/numpy/arithmetic.py``; ``numpy.py`` gathers them.
"""

import torch

from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.core import Variable
from keras_core.backend.torch.op_helpers import Tensor, call_binary, cast_pair, float_binary

UNSUPPORTED = {}


_TAKES_SCALAR = (torch.add, torch.sub, torch.mul)
_TYPES = b.TENSOR_TYPES

_FAST = frozenset(b.NATIVE[n] for n in b.NATIVE if n not in ("uint16", "uint32", "uint64"))


def _arith(op, x1, x2, fn, dtype=None):
    dtype = dtype or b.result_type(op, x1, x2)
    if isinstance(x1, Tensor) and type(x2) in b.SCALAR_TYPES and fn in _TAKES_SCALAR:
        a = b.cast(x1, dtype)
        if a.dtype not in b.WIDE_UINTS and b.scalar_fits(x2, a.dtype, op, "x2"):
            return fn(a, x2)
    a, c = cast_pair(op, x1, x2, dtype)
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_arith(call_binary(op, fn, b.widen_arith(a), b.widen_arith(c)), a.dtype)
    return call_binary(op, fn, a, c)


def _ordered(op, x1, x2, fn, dtype=None):
    dtype = dtype or b.result_type(op, x1, x2)
    a, c = cast_pair(op, x1, x2, dtype)
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_order(call_binary(op, fn, b.widen_order(a), b.widen_order(c)), a.dtype)
    return call_binary(op, fn, a, c)


# ---------------------------------------------------------------- arithmetic
def add(x1, x2):
    if type(x1) is Variable:  # a layer's weight: its Parameter
        x1 = x1.value
    if type(x2) is Variable:
        x2 = x2.value
    if type(x1) in _TYPES and type(x2) in _TYPES and (d := x1.dtype) is x2.dtype and d in _FAST:
        try:
            return torch.add(x1, x2)
        except RuntimeError as e:
            b.reraise("add", e, x1, x2)
    return _arith("add", x1, x2, torch.add)


def subtract(x1, x2):
    dtype = b.result_type("subtract", x1, x2)
    if dtype == "bool":
        raise TypeError("subtract: boolean inputs are not supported; use logical_xor instead.")
    return _arith("subtract", x1, x2, torch.sub, dtype)


def multiply(x1, x2):
    return _arith("multiply", x1, x2, torch.mul)


def _true_divide(op, x1, x2):
    a, c = cast_pair(op, x1, x2, b.float_type(op, x1, x2))
    return call_binary(op, torch.true_divide, a, c)


def true_divide(x1, x2):
    return _true_divide("true_divide", x1, x2)


def divide(x1, x2):
    return _true_divide("divide", x1, x2)


def divide_no_nan(x1, x2):
    a, c = cast_pair("divide_no_nan", x1, x2, b.float_type("divide_no_nan", x1, x2))
    zero = c == 0
    safe = torch.where(zero, torch.ones_like(c), c)
    out = call_binary("divide_no_nan", torch.true_divide, a, safe)
    return torch.where(zero, torch.zeros_like(out), out)


def _int_div_safe(op, x1, x2, fn, dtype):
    a, c = cast_pair(op, x1, x2, dtype)
    if a.dtype in b.INEXACT:
        return call_binary(op, fn, a, c)
    if a.dtype == torch.uint64:
        return call_binary(op, lambda p, q: _udivmod64(p, q, fn), a, c)
    nat = a.dtype
    a, c = b.widen_arith(a), b.widen_arith(c)
    zero = c == 0
    out = call_binary(op, fn, a, torch.where(zero, torch.ones_like(c), c))
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
    return _int_div_safe(
        "floor_divide", x1, x2, _floor_divide, b.promote_no_bool("floor_divide", x1, x2)
    )


def _remainder(a, c):
    out = torch.remainder(a, c)
    if out.dtype in b.FLOATS:  # a zero result takes the divisor's sign, as in NumPy
        out = torch.where(out == 0, torch.copysign(out, c), out)
    return out


def mod(x1, x2):
    return _int_div_safe("mod", x1, x2, _remainder, b.promote_no_bool("mod", x1, x2))


def fmod(x1, x2):
    dtype = b.promote_no_bool("fmod", x1, x2)
    fn = _remainder if dtype.startswith("uint") else torch.fmod
    out = _int_div_safe("fmod", x1, x2, fn, dtype)
    return out


def power(x1, x2):
    dtype = b.promote_no_bool("power", x1, x2)
    a, c = cast_pair("power", x1, x2, dtype)
    if a.dtype in b.SIGNED and bool((c < 0).any()):
        raise ValueError("power: integers to negative integer powers are not allowed.")
    if a.dtype in b.WIDE_UINTS:
        return b.narrow_arith(
            call_binary("power", torch.pow, b.widen_arith(a), b.widen_arith(c)), a.dtype
        )
    return call_binary("power", torch.pow, a, c)


def maximum(x1, x2):
    return _ordered("maximum", x1, x2, torch.maximum)


def minimum(x1, x2):
    return _ordered("minimum", x1, x2, torch.minimum)


def fmax(x1, x2):
    return _ordered("fmax", x1, x2, torch.fmax)


def fmin(x1, x2):
    return _ordered("fmin", x1, x2, torch.fmin)


def arctan2(x1, x2):
    return float_binary("arctan2", torch.atan2, x1, x2)


def hypot(x1, x2):
    return float_binary("hypot", torch.hypot, x1, x2)


def logaddexp(x1, x2):
    return float_binary("logaddexp", torch.logaddexp, x1, x2)


def logaddexp2(x1, x2):
    return float_binary("logaddexp2", torch.logaddexp2, x1, x2)


def nextafter(x1, x2):
    return float_binary("nextafter", torch.nextafter, x1, x2)


def _heaviside(a, c):
    step = torch.where(a > 0, torch.ones_like(a), torch.zeros_like(a))
    out = torch.where(a == 0, c, step)
    return torch.where(torch.isnan(a), a, out)


def heaviside(x1, x2):
    return float_binary("heaviside", _heaviside, x1, x2)


def ldexp(x1, x2):
    t = b.tensor(x1, "ldexp", "x1")
    e = b.tensor(x2, "ldexp", "x2")
    b.require_integer("ldexp", e)
    t = b.ints_to_float(t)
    b.require_real("ldexp", t)
    wide = b.half_to_float(t)
    scale = torch.exp2(b.widen_arith(e).to(wide.dtype))  # exact powers of two
    return call_binary("ldexp", torch.mul, wide, scale).to(t.dtype)


def _gcd_like(op, x1, x2, fn):
    a, c = cast_pair(op, x1, x2, b.result_type(op, x1, x2))
    b.require_integer(op, a, c, allow_bool=False)
    return b.narrow_arith(call_binary(op, fn, b.widen_order(a), b.widen_order(c)), a.dtype)


def gcd(x1, x2):
    return _gcd_like("gcd", x1, x2, torch.gcd)


def lcm(x1, x2):
    return _gcd_like("lcm", x1, x2, torch.lcm)


# ---------------------------------------------------------------- bitwise
def _bitwise(op, x, y, fn, dtype=None):
    dtype = dtype or b.result_type(op, x, y)
    a, c = b.as_dtype(x, dtype, op, "x"), b.as_dtype(y, dtype, op, "y")
    b.require_integer(op, a, c)
    nat = a.dtype
    return b.narrow_arith(call_binary(op, fn, b.widen_arith(a), b.widen_arith(c)), nat)


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
        b.promote_no_bool("bitwise_left_shift", x, y),
    )


def bitwise_right_shift(x, y):
    dtype = b.promote_no_bool("bitwise_right_shift", x, y)
    if dtype == "uint64":
        a, c = b.as_dtype(x, dtype, "bitwise_right_shift", "x"), b.as_dtype(y, dtype, "", "y")
        a, c = torch.broadcast_tensors(a.view(torch.int64), c)
        return _right_shift_u64(a, c.contiguous()).view(torch.uint64)
    return _bitwise("bitwise_right_shift", x, y, torch.bitwise_right_shift, dtype)


def left_shift(x, y):
    return bitwise_left_shift(x, y)


def right_shift(x, y):
    return bitwise_right_shift(x, y)
