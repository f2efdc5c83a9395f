"""The tensorflow backend's elementwise NumPy ops (abs, sqrt, exp, sin, round, clip, ...).

Every public function here is an op declared in keras_core/ops/numpy/elementwise.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import math

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtype_rules
from keras_core.backend.tensorflow.op_helpers import (
    NO_BOOL,
    NO_HALF,
    UINTS,
    as_int,
    cast,
    check_broadcast,
    dtype_name,
    float_type,
    float_unary,
    result_type,
    unary_type,
    widened,
)

_LN2 = math.log(2.0)


def _unary(op, x):
    dtype = unary_type(op, x)
    return cast(x, dtype)


def negative(x):
    x = _unary("negative", x)
    if dtype_name(x) in UINTS:
        # Two's complement; grappler rewrites 0 - x to Neg, which has no unsigned kernel.
        return tf.bitwise.invert(x) + tf.ones_like(x)
    return tf.negative(x)


def abs(x):
    x = _unary("abs", x)
    if dtype_name(x) in UINTS:
        return x
    return tf.abs(x)


def absolute(x):
    return abs(x)


def fabs(x):
    x = cast(x, float_type("fabs", x))
    return tf.abs(x)


def square(x):
    x = _unary("square", x)
    return tf.square(x)


def sign(x):
    x = _unary("sign", x)
    if dtype_name(x) in UINTS:
        return cast(tf.greater(x, tf.zeros_like(x)), x.dtype)
    return tf.sign(x)


def reciprocal(x):
    x = cast(x, float_type("reciprocal", x))
    return tf.math.reciprocal(x)


def floor(x):
    x = cast(x, float_type("floor", x))
    return tf.floor(x)


def ceil(x):
    x = cast(x, float_type("ceil", x))
    return tf.math.ceil(x)


def _trunc(x):
    return tf.where(tf.less(x, 0), tf.math.ceil(x), tf.floor(x))


def trunc(x):
    x = cast(x, result_type("trunc", x))
    return _trunc(x) if x.dtype.is_floating else x


def _round_float(x, decimals):
    if decimals == 0:
        return tf.round(x)
    if decimals > 0:
        f = tf.constant(10.0**decimals, x.dtype)
        return tf.round(x * f) / f
    f = tf.constant(10.0 ** (-decimals), x.dtype)
    return tf.round(x / f) * f


def round(x, decimals=0):
    decimals = as_int("round", decimals, "decimals")
    x = _unary("round", x)
    if x.dtype.is_floating:
        return widened(lambda t: _round_float(t, decimals), NO_HALF, x)
    if x.dtype.is_complex:
        raise TypeError("round: complex inputs are not supported. Received: dtype=complex")
    if decimals >= 0 or x.dtype == tf.bool:
        return x
    return cast(_round_float(tf.cast(x, tf.float64), decimals), x.dtype)


def _precise(op, fn, x):
    # Computes in float64 and rounds once, for functions TF derives from log/pow.
    x = cast(x, float_type(op, x))
    if x.dtype == tf.float64 or x.dtype.is_complex:
        return fn(x)
    return cast(fn(tf.cast(x, tf.float64)), x.dtype)


def sqrt(x):
    return float_unary("sqrt", tf.sqrt, x)


def exp(x):
    return float_unary("exp", tf.exp, x)


def exp2(x):
    return _precise("exp2", lambda t: tf.pow(tf.constant(2.0, t.dtype), t), x)


def expm1(x):
    return float_unary("expm1", tf.math.expm1, x)


def log(x):
    return float_unary("log", tf.math.log, x)


def log1p(x):
    return float_unary("log1p", tf.math.log1p, x)


def log2(x):
    return _precise("log2", lambda t: tf.math.log(t) / tf.constant(_LN2, t.dtype), x)


def log10(x):
    return _precise("log10", lambda t: tf.math.log(t) / tf.constant(math.log(10.0), t.dtype), x)


def _cbrt(t):
    # Tiny arguments are scaled by 2**(3k) (exact) so that the Newton step's t**3 does
    # not underflow; the root is scaled back by 2**-k.
    k = 100 if t.dtype == tf.float64 else 20
    small = tf.abs(t) < tf.constant(2.0 ** (-6 * k), t.dtype)
    t_in = t
    t = tf.where(small, t * tf.constant(2.0 ** (3 * k), t.dtype), t)
    root = _cbrt_normal(t)
    return tf.where(
        small, root * tf.constant(2.0 ** (-k), t.dtype), tf.where(t_in == 0, t_in, root)
    )


def _cbrt_normal(t):
    y = tf.sign(t) * tf.pow(tf.abs(t), tf.constant(1.0 / 3.0, t.dtype))
    ok = tf.logical_and(tf.not_equal(y, 0), tf.math.is_finite(y))
    safe = tf.where(ok, y, tf.ones_like(y))
    for _ in range(2):  # two Newton steps: pow's error grows for tiny arguments
        step = (safe * safe * safe - t) / (3 * safe * safe)
        safe = tf.where(ok, safe - step, safe)
    # (zeros keep their sign: sign(-0.0) * 0 is +0.0)
    return tf.where(ok, safe, tf.where(tf.equal(t, 0), t, y))


def cbrt(x):
    return _precise("cbrt", _cbrt, x)


def sin(x):
    return float_unary("sin", tf.sin, x)


def cos(x):
    return float_unary("cos", tf.cos, x)


def tan(x):
    return float_unary("tan", tf.tan, x)


def arcsin(x):
    return float_unary("arcsin", tf.asin, x)


def arccos(x):
    return float_unary("arccos", tf.acos, x)


def arctan(x):
    return float_unary("arctan", tf.atan, x)


def sinh(x):
    return float_unary("sinh", tf.sinh, x)


def cosh(x):
    return float_unary("cosh", tf.cosh, x)


def tanh(x):
    return float_unary("tanh", tf.tanh, x)


def arcsinh(x):
    return float_unary("arcsinh", tf.asinh, x)


def arccosh(x):
    return float_unary("arccosh", tf.acosh, x)


def arctanh(x):
    return float_unary("arctanh", tf.atanh, x)


def i0(x):
    return float_unary("i0", lambda t: widened(tf.math.bessel_i0, frozenset(("bfloat16",)), t), x)


def sinc(x):
    def fn(t):
        y = tf.constant(np.pi, t.dtype) * tf.where(tf.equal(t, 0), tf.ones_like(t), t)
        return tf.where(tf.equal(t, 0), tf.ones_like(t), tf.sin(y) / y)

    return float_unary("sinc", lambda t: widened(fn, NO_HALF, t), x)


def deg2rad(x):
    return float_unary("deg2rad", lambda t: t * tf.constant(np.pi / 180.0, t.dtype), x)


def rad2deg(x):
    return float_unary("rad2deg", lambda t: t * tf.constant(180.0 / np.pi, t.dtype), x)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = cast(x, result_type("nan_to_num", x))
    if x.dtype.is_complex:
        parts = [nan_to_num(p, nan, posinf, neginf) for p in (tf.math.real(x), tf.math.imag(x))]
        return tf.complex(*parts)
    if not x.dtype.is_floating:
        return x
    big = x.dtype.max if posinf is None else posinf
    small = x.dtype.min if neginf is None else neginf
    x = tf.where(tf.math.is_nan(x), tf.constant(nan, x.dtype), x)
    x = tf.where(tf.math.is_inf(x) & (x > 0), tf.constant(big, x.dtype), x)
    return tf.where(tf.math.is_inf(x) & (x < 0), tf.constant(small, x.dtype), x)


def real(x):
    x = cast(x, result_type("real", x))
    return tf.math.real(x) if x.dtype.is_complex else x


def imag(x):
    x = cast(x, result_type("imag", x))
    return tf.math.imag(x) if x.dtype.is_complex else tf.zeros_like(x)


def conj(x):
    x = cast(x, result_type("conj", x))
    return tf.math.conj(x) if x.dtype.is_complex else x


def conjugate(x):
    return conj(x)


def angle(x):
    x = cast(x, float_type("angle", x))
    if x.dtype.is_complex:
        return tf.math.angle(x)
    return widened(lambda t: tf.atan2(tf.zeros_like(t), t), NO_HALF, x)


def clip(x, x_min, x_max):
    if x_min is None and x_max is None:
        raise ValueError("clip: at least one of `x_min` and `x_max` must be given. Received None")
    dtype = dtype_rules.unary_result_dtype(result_type("clip", x, x_min, x_max), op="clip")
    x = cast(x, dtype)
    out = x
    if x_min is not None:
        lo = cast(x_min, dtype)
        check_broadcast("clip", out, lo)
        out = widened(tf.maximum, NO_BOOL, out, lo)
    if x_max is not None:
        hi = cast(x_max, dtype)
        check_broadcast("clip", out, hi)
        out = widened(tf.minimum, NO_BOOL, out, hi)
    return out
