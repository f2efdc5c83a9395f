"""The numpy backend's NumPy element-wise unary ops (abs, sqrt, exp, trigonometry, rounding, ...).

The ops declared in ``keras_core/ops/numpy/elementwise.py``; ``numpy.py`` gathers them.
"""

import ml_dtypes
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.numpy.op_helpers import (
    INT_KINDS,
    arr,
    as_dtype,
    cast,
    check_broadcast,
    compute_f32,
    float_type,
    float_unary,
    name_of,
    promote_no_bool,
    tensor,
    unary_type,
)

UNSUPPORTED = {}


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
    out = np.sign(as_dtype(x, unary_type("sign", x), "sign"))
    if out.dtype.kind == "V" or out.dtype.kind == "f" or out.dtype.name == "bfloat16":
        # ml_dtypes' bfloat16 sign keeps -0.0; sign(+-0.0) is +0.0 as in every other dtype.
        out = out + out.dtype.type(0)
    return arr(out)


def reciprocal(x):
    return float_unary("reciprocal", np.reciprocal, x)


def sqrt(x):
    return float_unary("sqrt", np.sqrt, x)


def cbrt(x):
    return float_unary("cbrt", np.cbrt, x)


def exp(x):
    return float_unary("exp", np.exp, x)


def exp2(x):
    return float_unary("exp2", np.exp2, x)


def expm1(x):
    return float_unary("expm1", np.expm1, x)


def log(x):
    return float_unary("log", np.log, x)


def log2(x):
    return float_unary("log2", np.log2, x)


def log10(x):
    return float_unary("log10", np.log10, x)


def log1p(x):
    return float_unary("log1p", np.log1p, x)


def sin(x):
    return float_unary("sin", np.sin, x)


def cos(x):
    return float_unary("cos", np.cos, x)


def tan(x):
    return float_unary("tan", np.tan, x)


def arcsin(x):
    return float_unary("arcsin", np.arcsin, x)


def arccos(x):
    return float_unary("arccos", np.arccos, x)


def arctan(x):
    return float_unary("arctan", np.arctan, x)


def sinh(x):
    return float_unary("sinh", np.sinh, x)


def cosh(x):
    return float_unary("cosh", np.cosh, x)


def tanh(x):
    return float_unary("tanh", np.tanh, x)


def arcsinh(x):
    return float_unary("arcsinh", np.arcsinh, x)


def arccosh(x):
    return float_unary("arccosh", np.arccosh, x)


def arctanh(x):
    return float_unary("arctanh", np.arctanh, x)


def deg2rad(x):
    return float_unary("deg2rad", np.deg2rad, x)


def rad2deg(x):
    return float_unary("rad2deg", np.rad2deg, x)


def sinc(x):
    return float_unary("sinc", np.sinc, x)


def i0(x):
    d = float_type("i0", x)
    if dt.is_complex_dtype(d):
        raise TypeError(f"i0: complex input is not supported. Received {d}")
    return float_unary("i0", np.i0, x)


def ceil(x):
    return float_unary("ceil", np.ceil, x)


def floor(x):
    return float_unary("floor", np.floor, x)


def trunc(x):
    x = tensor(x, "trunc")
    if x.dtype.kind in INT_KINDS:
        return x
    return arr(np.trunc(x))


def round(x, decimals=0):
    x = tensor(x, "round")
    if x.dtype.kind in INT_KINDS:
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
    return cast(np.angle(x if x.dtype.kind == "c" else x.astype(np.float64)), d)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = tensor(x, "nan_to_num")
    if x.dtype.kind in INT_KINDS:
        return x
    info = ml_dtypes.finfo(x.dtype)
    hi = info.max if posinf is None else posinf
    lo = info.min if neginf is None else neginf
    out = np.where(np.isnan(x), np.asarray(nan).astype(x.dtype), x)
    out = np.where(np.isposinf(x), np.asarray(hi).astype(x.dtype), out)
    return cast(np.where(np.isneginf(x), np.asarray(lo).astype(x.dtype), out), name_of(x.dtype))


def clip(x, x_min, x_max):
    operands = [v for v in (x, x_min, x_max) if v is not None]
    d = promote_no_bool("clip", *operands)
    a = as_dtype(x, d, "clip")
    lo = None if x_min is None else as_dtype(x_min, d, "clip", "x_min")
    hi = None if x_max is None else as_dtype(x_max, d, "clip", "x_max")
    if lo is not None and hi is not None:
        check_broadcast("clip", a, lo, hi)
    return cast(np.clip(a, lo, hi), d)
