"""The jax backend's ops of ``keras_core/ops/numpy/elementwise.py``."""

import jax.numpy as jnp

from keras_core.backend.common import dtypes as dt
from keras_core.backend.jax.op_helpers import (
    INT_KINDS,
    as_int,
    cast,
    check_broadcast,
    float_type,
    float_unary,
    prepare,
    real_type,
    result_type,
    tensor,
    unary_type,
)


def _keep_unary(op, fn, x):
    return fn(cast(x, unary_type(op, x)))


def abs(x):
    return _keep_unary("abs", jnp.abs, x)


def absolute(x):
    return _keep_unary("absolute", jnp.abs, x)


def fabs(x):
    d = float_type("fabs", x)
    if dt.is_complex_dtype(d):
        raise TypeError(
            f"fabs: complex input is not supported (as in NumPy); use abs. Received {d}"
        )
    return jnp.abs(cast(x, d))


def negative(x):
    return _keep_unary("negative", jnp.negative, x)


def square(x):
    return _keep_unary("square", jnp.square, x)


def _sign(v):
    # NumPy's sign(-0.0) is +0.0; jax keeps the sign of zero.
    return jnp.where(jnp.equal(v, 0), jnp.zeros_like(v), jnp.sign(v))


def sign(x):
    return _keep_unary("sign", _sign, x)


def reciprocal(x):
    return float_unary("reciprocal", jnp.reciprocal, x)


def sqrt(x):
    return float_unary("sqrt", jnp.sqrt, x)


def cbrt(x):
    return float_unary("cbrt", jnp.cbrt, x)


def exp(x):
    return float_unary("exp", jnp.exp, x)


def _exp2_float64(x):
    # 2**x as 2**floor(x) * 2**frac: the integer part is exact, so the result keeps
    # full precision up to overflow (jnp.exp2 loses ~100 ulp near 1024).
    finite = jnp.isfinite(x)
    safe = jnp.where(finite, x, 0.0)
    n = jnp.floor(safe)
    scaled = jnp.ldexp(jnp.exp2(safe - n), jnp.clip(n, -2000, 2000).astype(jnp.int32))
    return jnp.where(finite, scaled, jnp.exp2(x))


def exp2(x):
    return float_unary("exp2", _float64_variant(jnp.exp2, _exp2_float64), x)


def expm1(x):
    return float_unary("expm1", jnp.expm1, x)


def log(x):
    return float_unary("log", jnp.log, x)


def log2(x):
    return float_unary("log2", jnp.log2, x)


def log10(x):
    return float_unary("log10", jnp.log10, x)


def log1p(x):
    return float_unary("log1p", jnp.log1p, x)


def sin(x):
    return float_unary("sin", jnp.sin, x)


def cos(x):
    return float_unary("cos", jnp.cos, x)


def tan(x):
    return float_unary("tan", jnp.tan, x)


def arcsin(x):
    return float_unary("arcsin", jnp.arcsin, x)


def arccos(x):
    return float_unary("arccos", jnp.arccos, x)


def arctan(x):
    return float_unary("arctan", jnp.arctan, x)


def _large_float64(fn, odd):
    # Beyond |x| = 20, sinh and cosh are exp(|x|) / 2 to float64 precision; computing it
    # as (h / 2) * h with h = exp(|x| / 2) is exact to ~1 ulp and does not overflow
    # early (jnp.sinh/cosh lose ~80-250 ulp within a few units of overflow).
    def apply(x):
        ax = jnp.abs(x)
        large = ax > 20
        # Each branch sees only its own inputs, so neither overflows into the gradient.
        h = jnp.exp(jnp.where(large, ax, 0.0) / 2)
        big = (h / 2) * h
        big = jnp.where(x < 0, -big, big) if odd else big
        return jnp.where(large, big, fn(jnp.where(large, 0.0, x)))

    return apply


def _float64_variant(fn, fn64):
    def apply(x):
        return fn64(x) if x.dtype == jnp.float64 else fn(x)

    return apply


def sinh(x):
    return float_unary("sinh", _float64_variant(jnp.sinh, _large_float64(jnp.sinh, True)), x)


def cosh(x):
    return float_unary("cosh", _float64_variant(jnp.cosh, _large_float64(jnp.cosh, False)), x)


def tanh(x):
    return float_unary("tanh", jnp.tanh, x)


def arcsinh(x):
    return float_unary("arcsinh", jnp.arcsinh, x)


def arccosh(x):
    return float_unary("arccosh", jnp.arccosh, x)


def arctanh(x):
    return float_unary("arctanh", jnp.arctanh, x)


def deg2rad(x):
    return float_unary("deg2rad", jnp.deg2rad, x)


def rad2deg(x):
    return float_unary("rad2deg", jnp.rad2deg, x)


def sinc(x):
    return float_unary("sinc", jnp.sinc, x)


def i0(x):
    d = float_type("i0", x)
    if dt.is_complex_dtype(d):
        raise TypeError(f"i0: complex input is not supported. Received {d}")
    return jnp.i0(cast(x, d))


def ceil(x):
    return float_unary("ceil", jnp.ceil, x)


def floor(x):
    return float_unary("floor", jnp.floor, x)


def trunc(x):
    x = tensor(x, "trunc")
    if x.dtype.kind in INT_KINDS:
        return x
    return jnp.trunc(x)


def round(x, decimals=0):
    x = tensor(x, "round")
    decimals = as_int("round", decimals, "decimals")
    if x.dtype.kind not in INT_KINDS:
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
    if x.dtype.kind in INT_KINDS:
        return x
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def clip(x, x_min, x_max):
    bounds = [b for b in (x_min, x_max) if b is not None]
    d = result_type("clip", x, *bounds)
    d = "int32" if d == "bool" else d
    x = cast(x, d)
    lo = None if x_min is None else prepare("clip", d, x, x_min, check_range=False)[1]
    hi = None if x_max is None else prepare("clip", d, x, x_max, check_range=False)[1]
    check_broadcast("clip", x, *[b for b in (lo, hi) if b is not None])
    out = x if lo is None else jnp.maximum(x, lo)
    return out if hi is None else jnp.minimum(out, hi)
