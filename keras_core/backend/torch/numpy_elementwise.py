"""The torch backend's NumPy element-wise unary ops (abs, sqrt, exp, trigonometry, rounding, ...).

The ops declared in ``keras_core/ops/numpy/elementwise.py``; ``numpy.py`` gathers them.
"""

import builtins
import math

import torch

from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.op_helpers import call_binary, float_unary

UNSUPPORTED = {}


def _real_float_unary(op, fn, x):
    t = b.tensor(x, op)
    b.require_real(op, t)
    return float_unary(op, fn, t)


def _arith_unary(op, fn, x):
    t = b.tensor(x, op)
    if t.dtype == torch.bool:
        t = b.cast(t, b.unary_type(op, t))
    if t.dtype in b.WIDE_UINTS:
        return b.narrow_arith(fn(b.widen_arith(t)), t.dtype)
    return fn(t)


def clip(x, x_min, x_max):
    args = [v for v in (x, x_min, x_max) if v is not None]
    dtype = b.promote_no_bool("clip", *args)
    t = b.as_dtype(x, dtype, "clip")
    nat = t.dtype
    out = b.widen_order(t)
    if x_min is not None:
        out = call_binary(
            "clip", torch.maximum, out, b.widen_order(b.as_dtype(x_min, dtype, "clip", "x_min"))
        )
    if x_max is not None:
        out = call_binary(
            "clip", torch.minimum, out, b.widen_order(b.as_dtype(x_max, dtype, "clip", "x_max"))
        )
    return b.narrow_order(out, nat)


# ---------------------------------------------------------------- unary arithmetic
def abs(x):
    t = b.tensor(x, "abs")
    if t.dtype in b.UNSIGNED:
        return t.clone()
    return _arith_unary("abs", torch.abs, t)


def absolute(x):
    return abs(x)


def fabs(x):
    return _real_float_unary("fabs", torch.abs, x)


def negative(x):
    return _arith_unary("negative", torch.neg, x)


def square(x):
    return _arith_unary("square", torch.square, x)


def sign(x):
    t = b.tensor(x, "sign")
    if t.dtype in b.COMPLEX:
        return torch.sgn(t)
    if t.dtype in b.UNSIGNED:
        return (t != 0).to(t.dtype)
    if t.dtype in b.FLOATS:
        return torch.where(torch.isnan(t), t, torch.sign(t))
    return _arith_unary("sign", torch.sign, t)


def reciprocal(x):
    return float_unary("reciprocal", torch.reciprocal, x)


def floor(x):
    return _real_float_unary("floor", torch.floor, x)


def ceil(x):
    return _real_float_unary("ceil", torch.ceil, x)


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
    return float_unary("sqrt", torch.sqrt, x)


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
    return float_unary("exp", torch.exp, x)


def exp2(x):
    return float_unary("exp2", torch.exp2, x)


def expm1(x):
    return float_unary("expm1", torch.expm1, x)


def log(x):
    return float_unary("log", torch.log, x)


def log10(x):
    return float_unary("log10", torch.log10, x)


def log1p(x):
    return float_unary("log1p", torch.log1p, x)


def log2(x):
    return float_unary("log2", torch.log2, x)


def sin(x):
    return float_unary("sin", torch.sin, x)


def cos(x):
    return float_unary("cos", torch.cos, x)


def tan(x):
    return float_unary("tan", torch.tan, x)


def arcsin(x):
    return float_unary("arcsin", torch.asin, x)


def arccos(x):
    return float_unary("arccos", torch.acos, x)


def arctan(x):
    return float_unary("arctan", torch.atan, x)


def sinh(x):
    return float_unary("sinh", torch.sinh, x)


def cosh(x):
    return float_unary("cosh", torch.cosh, x)


def tanh(x):
    return float_unary("tanh", torch.tanh, x)


def arcsinh(x):
    return float_unary("arcsinh", torch.asinh, x)


def arccosh(x):
    return float_unary("arccosh", torch.acosh, x)


def arctanh(x):
    return float_unary("arctanh", torch.atanh, x)


def deg2rad(x):
    return _real_float_unary("deg2rad", lambda t: t * (math.pi / 180.0), x)


def rad2deg(x):
    return _real_float_unary("rad2deg", lambda t: t * (180.0 / math.pi), x)


def i0(x):
    return _real_float_unary("i0", torch.special.i0, x)


def sinc(x):
    return float_unary("sinc", torch.sinc, x)


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
