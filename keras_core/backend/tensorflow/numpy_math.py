# Elementwise numpy ops of the tensorflow backend: arithmetic, comparisons,
# logic, bitwise and transcendental functions.
import math

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.tensorflow.numpy_base import (
    EAGER,
    NO_BOOL,
    NO_HALF,
    NO_SMALL_INT,
    NO_UNSIGNED,
    UINTS,
    binary_dtype,
    broadcast_error,
    cast,
    check_broadcast,
    float_dtype,
    name,
    own_dtype,
    python_int,
    tensor,
    unary_dtype,
    widened,
)
from keras_core.backend.tensorflow.numpy_base import rule as apply_rule

_FAST = frozenset(
    tf.as_dtype(d)
    for d in (
        "float16",
        "bfloat16",
        "float32",
        "float64",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "complex64",
        "complex128",
    )
)
_LN2 = math.log(2.0)


def _pair(op, x1, x2, rule=rules.binary_dtype):
    dtype = apply_rule(op, rule, x1, x2)
    a = tensor(x1, dtype)
    b = tensor(x2, dtype)
    check_broadcast(op, a, b)
    return a, b


def _no_bool(a, b):
    if a.dtype == tf.bool:
        return tf.cast(a, tf.int32), tf.cast(b, tf.int32)
    return a, b


def _arith(op, fn, x1, x2, missing=NO_BOOL):
    a, b = _pair(op, x1, x2)
    return widened(fn, missing, a, b)


def _fast(x1, x2):
    return type(x1) is EAGER and type(x2) is EAGER and x1.dtype == x2.dtype and x1.dtype in _FAST


# ---------------------------------------------------------------- arithmetic


def add(x1, x2):
    if _fast(x1, x2):
        try:
            return tf.add(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise broadcast_error("add", x1, x2) from None
    return _arith("add", tf.add, x1, x2)


def subtract(x1, x2):
    if _fast(x1, x2):
        try:
            return tf.subtract(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise broadcast_error("subtract", x1, x2) from None
    a, b = _pair("subtract", x1, x2)
    if a.dtype == tf.bool:
        raise TypeError(
            "subtract: boolean subtraction is not supported; use logical_xor. "
            "Received: dtypes bool and bool"
        )
    return tf.subtract(a, b)


def multiply(x1, x2):
    if _fast(x1, x2):
        try:
            return tf.multiply(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise broadcast_error("multiply", x1, x2) from None
    return _arith("multiply", tf.multiply, x1, x2)


def true_divide(x1, x2):
    a, b = _pair("true_divide", x1, x2, rules.float_dtype)
    return tf.math.divide(a, b)


def divide(x1, x2):
    a, b = _pair("divide", x1, x2, rules.float_dtype)
    return tf.math.divide(a, b)


def divide_no_nan(x1, x2):
    a, b = _pair("divide_no_nan", x1, x2, rules.float_dtype)
    return tf.math.divide_no_nan(a, b)


def _safe_int_divisor(b):
    # 0 and -1 are handled apart: 0 gives 0 (NumPy), -1 would trap on INT_MIN.
    bad = tf.equal(b, tf.zeros_like(b))
    if name(b) not in UINTS:
        bad = tf.logical_or(bad, tf.equal(b, -tf.ones_like(b)))
    return bad, tf.where(bad, tf.ones_like(b), b)


def _int_floordiv(a, b):
    a, b = tf.broadcast_to(a, tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))), b
    bad, safe = _safe_int_divisor(b)
    q = tf.math.floordiv(a, safe)
    if name(b) in UINTS:
        return tf.where(bad, tf.zeros_like(q), q)
    return tf.where(tf.equal(b, -tf.ones_like(b)), -a, tf.where(bad, tf.zeros_like(q), q))


def _int_mod(a, b, fn):
    bad, safe = _safe_int_divisor(b)
    r = fn(a, safe)
    return tf.where(bad, tf.zeros_like(r), r)


def _float_mod_parts(a, b):
    # NumPy's (and Python's) floor division and modulo for floats.
    m = tf.truncatemod(a, b)
    fix = tf.logical_and(tf.not_equal(m, 0), tf.not_equal(tf.less(b, 0), tf.less(m, 0)))
    div = tf.math.divide(a - m, b)
    m = tf.where(fix, m + b, m)
    div = tf.where(fix, div - 1, div)
    zero = tf.zeros_like(m)
    m = tf.where(tf.equal(m, 0), tf.where(tf.less(b, 0), -zero, zero), m)
    fl = tf.floor(div)
    fl = tf.where(div - fl > 0.5, fl + 1, fl)
    q = tf.where(tf.equal(div, 0), div * 0.0 * tf.sign(tf.math.divide(a, b)), fl)
    q = tf.where(tf.equal(b, 0), tf.math.divide(a, b), q)
    return q, m


def _float_mod_op(which):
    # Gradients: d(mod)/da = 1, d(mod)/db = -floor(a / b) (trunc for fmod); floor_divide: 0.
    @tf.custom_gradient
    def fn(a, b):
        shape = tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))
        a2, b2 = tf.broadcast_to(a, shape), tf.broadcast_to(b, shape)
        if which == "fmod":
            out = tf.truncatemod(a2, b2)
        else:
            out = _float_mod_parts(a2, b2)[0 if which == "floor_divide" else 1]

        def grad(g):
            ga = tf.zeros_like(a2) if which == "floor_divide" else g
            if which == "floor_divide":
                gb = tf.zeros_like(b2)
            else:
                q = tf.math.divide(a2, b2)
                gb = -g * (_trunc(q) if which == "fmod" else tf.floor(q))
            return _unbroadcast(ga, tf.shape(a)), _unbroadcast(gb, tf.shape(b))

        return out, grad

    return fn


def _unbroadcast(g, shape):
    reduce_axes, _ = tf.raw_ops.BroadcastGradientArgs(s0=shape, s1=tf.shape(g))
    return tf.reshape(tf.reduce_sum(g, reduce_axes), shape)


def floor_divide(x1, x2):
    a, b = _no_bool(*_pair("floor_divide", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("floor_divide"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("floor_divide: complex inputs are not supported. Received: dtype=complex")
    if a.dtype == tf.bool:
        return widened(_int_floordiv, NO_BOOL, a, b)
    return _int_floordiv(a, b)


def mod(x1, x2):
    a, b = _no_bool(*_pair("mod", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("mod"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("mod: complex inputs are not supported. Received: dtype=complex")
    return widened(lambda u, v: _int_mod(u, v, tf.math.floormod), NO_BOOL, a, b)


def fmod(x1, x2):
    a, b = _no_bool(*_pair("fmod", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("fmod"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("fmod: complex inputs are not supported. Received: dtype=complex")
    if name(a) in UINTS:
        return _int_mod(a, b, tf.math.floormod)
    return widened(lambda u, v: _int_mod(u, v, tf.truncatemod), NO_SMALL_INT, a, b)


def _int_power(a, b):
    neg = tf.less(b, tf.zeros_like(b))
    r = tf.pow(a, tf.where(neg, tf.zeros_like(b), b))
    one = tf.ones_like(r)
    minus_one_pow = tf.where(tf.equal(tf.math.floormod(b, 2), 0), one, -one)
    negative = tf.where(
        tf.equal(a, one), one, tf.where(tf.equal(a, -one), minus_one_pow, tf.zeros_like(r))
    )
    return tf.where(neg, negative, r)


def power(x1, x2):
    a, b = _no_bool(*_pair("power", x1, x2))
    if a.dtype.is_floating or a.dtype.is_complex:
        return tf.pow(a, b)
    if name(a) == "uint64":
        res = _int_power(tf.bitcast(a, tf.int64), tf.bitcast(b, tf.int64))
        return tf.bitcast(res, tf.uint64)
    return widened(_int_power, NO_UNSIGNED, a, b)


def maximum(x1, x2):
    return _arith("maximum", tf.maximum, x1, x2)


def minimum(x1, x2):
    return _arith("minimum", tf.minimum, x1, x2)


def _fminmax(op, fn, x1, x2):
    a, b = _pair(op, x1, x2)
    if not a.dtype.is_floating:
        return widened(fn, NO_BOOL, a, b)
    r = fn(a, b)
    r = tf.where(tf.math.is_nan(a), b, r)
    return tf.where(tf.math.is_nan(b), a, r)


def fmax(x1, x2):
    return _fminmax("fmax", tf.maximum, x1, x2)


def fmin(x1, x2):
    return _fminmax("fmin", tf.minimum, x1, x2)


def _unary(op, x):
    dtype = unary_dtype(op, x)
    return tensor(x, dtype)


def negative(x):
    x = _unary("negative", x)
    if name(x) in UINTS:
        # Two's complement; grappler rewrites 0 - x to Neg, which has no unsigned kernel.
        return tf.bitwise.invert(x) + tf.ones_like(x)
    return tf.negative(x)


def abs(x):
    x = _unary("abs", x)
    if name(x) in UINTS:
        return x
    return tf.abs(x)


def absolute(x):
    return abs(x)


def fabs(x):
    x = tensor(x, float_dtype("fabs", x))
    return tf.abs(x)


def square(x):
    x = _unary("square", x)
    return tf.square(x)


def sign(x):
    x = _unary("sign", x)
    if name(x) in UINTS:
        return cast(tf.greater(x, tf.zeros_like(x)), x.dtype)
    return tf.sign(x)


def reciprocal(x):
    x = tensor(x, float_dtype("reciprocal", x))
    return tf.math.reciprocal(x)


def _keep(op, x):
    return tensor(x, own_dtype(op, x))


def floor(x):
    x = tensor(x, float_dtype("floor", x))
    return tf.floor(x)


def ceil(x):
    x = tensor(x, float_dtype("ceil", x))
    return tf.math.ceil(x)


def _trunc(x):
    return tf.where(tf.less(x, 0), tf.math.ceil(x), tf.floor(x))


def trunc(x):
    x = _keep("trunc", x)
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
    decimals = python_int(decimals, "round", "decimals")
    x = _unary("round", x)
    if x.dtype.is_floating:
        return widened(lambda t: _round_float(t, decimals), NO_HALF, x)
    if x.dtype.is_complex:
        raise TypeError("round: complex inputs are not supported. Received: dtype=complex")
    if decimals >= 0 or x.dtype == tf.bool:
        return x
    return cast(_round_float(tf.cast(x, tf.float64), decimals), x.dtype)


# ------------------------------------------------------------- transcendental


def _float_unary(op, fn, x, missing=frozenset()):
    x = tensor(x, float_dtype(op, x))
    return widened(fn, missing, x)


def _precise(op, fn, x):
    # Computes in float64 and rounds once, for functions TF derives from log/pow.
    x = tensor(x, float_dtype(op, x))
    if x.dtype == tf.float64 or x.dtype.is_complex:
        return fn(x)
    return cast(fn(tf.cast(x, tf.float64)), x.dtype)


def sqrt(x):
    return _float_unary("sqrt", tf.sqrt, x)


def exp(x):
    return _float_unary("exp", tf.exp, x)


def exp2(x):
    return _precise("exp2", lambda t: tf.pow(tf.constant(2.0, t.dtype), t), x)


def expm1(x):
    return _float_unary("expm1", tf.math.expm1, x)


def log(x):
    return _float_unary("log", tf.math.log, x)


def log1p(x):
    return _float_unary("log1p", tf.math.log1p, x)


def log2(x):
    return _precise("log2", lambda t: tf.math.log(t) / tf.constant(_LN2, t.dtype), x)


def log10(x):
    return _precise("log10", lambda t: tf.math.log(t) / tf.constant(math.log(10.0), t.dtype), x)


def _cbrt(t):
    y = tf.sign(t) * tf.pow(tf.abs(t), tf.constant(1.0 / 3.0, t.dtype))
    ok = tf.logical_and(tf.not_equal(y, 0), tf.math.is_finite(y))
    safe = tf.where(ok, y, tf.ones_like(y))
    step = (safe * safe * safe - t) / (3 * safe * safe)
    return tf.where(ok, y - step, y)


def cbrt(x):
    return _precise("cbrt", _cbrt, x)


def sin(x):
    return _float_unary("sin", tf.sin, x)


def cos(x):
    return _float_unary("cos", tf.cos, x)


def tan(x):
    return _float_unary("tan", tf.tan, x)


def arcsin(x):
    return _float_unary("arcsin", tf.asin, x)


def arccos(x):
    return _float_unary("arccos", tf.acos, x)


def arctan(x):
    return _float_unary("arctan", tf.atan, x)


def sinh(x):
    return _float_unary("sinh", tf.sinh, x)


def cosh(x):
    return _float_unary("cosh", tf.cosh, x)


def tanh(x):
    return _float_unary("tanh", tf.tanh, x)


def arcsinh(x):
    return _float_unary("arcsinh", tf.asinh, x)


def arccosh(x):
    return _float_unary("arccosh", tf.acosh, x)


def arctanh(x):
    return _float_unary("arctanh", tf.atanh, x)


def i0(x):
    return _float_unary("i0", tf.math.bessel_i0, x, frozenset(("bfloat16",)))


def sinc(x):
    def fn(t):
        y = tf.constant(np.pi, t.dtype) * tf.where(tf.equal(t, 0), tf.ones_like(t), t)
        return tf.where(tf.equal(t, 0), tf.ones_like(t), tf.sin(y) / y)

    return _float_unary("sinc", fn, x, NO_HALF)


def deg2rad(x):
    return _float_unary("deg2rad", lambda t: t * tf.constant(np.pi / 180.0, t.dtype), x)


def rad2deg(x):
    return _float_unary("rad2deg", lambda t: t * tf.constant(180.0 / np.pi, t.dtype), x)


def arctan2(x1, x2):
    a, b = _pair("arctan2", x1, x2, rules.float_dtype)
    return tf.atan2(a, b)


def _hypot(a, b):
    a, b = tf.abs(a), tf.abs(b)
    hi, lo = tf.maximum(a, b), tf.minimum(a, b)
    safe = tf.where(tf.equal(hi, 0), tf.ones_like(hi), hi)
    ratio = lo / safe
    r = hi * tf.sqrt(1 + ratio * ratio)
    r = tf.where(tf.equal(hi, 0), tf.zeros_like(r), r)
    inf = tf.logical_or(tf.math.is_inf(a), tf.math.is_inf(b))
    return tf.where(inf, tf.fill(tf.shape(r), tf.constant(np.inf, r.dtype)), r)


def hypot(x1, x2):
    a, b = _pair("hypot", x1, x2, rules.float_dtype)
    return widened(_hypot, NO_HALF, a, b)


def _logaddexp(a, b, base2):
    hi = tf.maximum(a, b)
    d = -tf.abs(a - b)
    if base2:
        r = hi + tf.math.log1p(tf.pow(tf.constant(2.0, a.dtype), d)) / tf.constant(_LN2, a.dtype)
        same = a + 1
    else:
        r = hi + tf.math.log1p(tf.exp(d))
        same = a + tf.constant(_LN2, a.dtype)
    return tf.where(tf.equal(a, b), same, r)


def logaddexp(x1, x2):
    a, b = _pair("logaddexp", x1, x2, rules.float_dtype)
    return widened(lambda u, v: _logaddexp(u, v, False), NO_HALF, a, b)


def logaddexp2(x1, x2):
    a, b = _pair("logaddexp2", x1, x2, rules.float_dtype)
    return widened(lambda u, v: _logaddexp(u, v, True), NO_HALF, a, b)


def _nextafter16(a, b):
    bits = tf.bitcast(a, tf.int16)
    away = tf.equal(tf.greater(b, a), tf.greater(a, 0))
    moved = tf.where(away, bits + 1, bits - 1)
    tiny = tf.where(tf.greater(b, 0), tf.constant(1, tf.int16), tf.constant(-32767, tf.int16))
    moved = tf.where(tf.equal(a, 0), tiny, moved)
    r = tf.bitcast(moved, a.dtype)
    r = tf.where(tf.equal(a, b), b, r)
    nan = tf.logical_or(tf.math.is_nan(a), tf.math.is_nan(b))
    return tf.where(nan, a + b, r)


def nextafter(x1, x2):
    a, b = _pair("nextafter", x1, x2, rules.float_dtype)
    if a.dtype in (tf.float16, tf.bfloat16):
        a, b = tf.broadcast_to(a, tf.shape(a + b)), tf.broadcast_to(b, tf.shape(a + b))
        return _nextafter16(a, b)
    return tf.math.nextafter(a, b)


def ldexp(x1, x2):
    dtype = float_dtype("ldexp", x1)
    e = tensor(x2)
    if not (e.dtype.is_integer or e.dtype == tf.bool):
        raise TypeError(f"ldexp: `x2` must be an integer tensor. Received: dtype={name(e)}")
    a = tensor(x1, dtype)
    check_broadcast("ldexp", a, e)
    e = tf.cast(e, tf.int32)
    half = tf.math.floordiv(e, 2)

    def fn(t):
        two = tf.constant(2.0, t.dtype)
        return t * tf.pow(two, tf.cast(half, t.dtype)) * tf.pow(two, tf.cast(e - half, t.dtype))

    return widened(fn, NO_HALF, a)


def heaviside(x1, x2):
    a, b = _pair("heaviside", x1, x2, rules.float_dtype)
    shape = tf.shape(a + b)
    zero, one = tf.zeros(shape, a.dtype), tf.ones(shape, a.dtype)
    b = tf.broadcast_to(b, shape)
    r = tf.where(tf.less(a, 0), zero, tf.where(tf.greater(a, 0), one, b))
    return tf.where(tf.math.is_nan(tf.broadcast_to(a, shape)), tf.broadcast_to(a, shape), r)


def _gcd(a, b):
    shape = tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))
    a = tf.broadcast_to(tf.abs(a), shape)
    b = tf.broadcast_to(tf.abs(b), shape)

    def body(u, v):
        zero = tf.equal(v, 0)
        safe = tf.where(zero, tf.ones_like(v), v)
        return tf.where(zero, u, v), tf.where(zero, tf.zeros_like(v), tf.math.floormod(u, safe))

    u, _ = tf.while_loop(lambda u, v: tf.reduce_any(tf.not_equal(v, 0)), body, (a, b))
    return u


def _int_pair(op, x1, x2):
    a, b = _pair(op, x1, x2)
    if not a.dtype.is_integer:
        raise TypeError(f"{op} needs integer inputs. Received: dtype={name(a)}")
    return a, b


def gcd(x1, x2):
    a, b = _int_pair("gcd", x1, x2)
    return widened(_gcd, NO_UNSIGNED, a, b)


def _lcm(a, b):
    g = _gcd(a, b)
    safe = tf.where(tf.equal(g, 0), tf.ones_like(g), g)
    r = tf.abs(tf.math.floordiv(a, safe) * b)
    return tf.where(tf.equal(g, 0), tf.zeros_like(r), r)


def lcm(x1, x2):
    a, b = _int_pair("lcm", x1, x2)
    return widened(_lcm, NO_UNSIGNED, a, b)


# ---------------------------------------------------------------- comparisons


def _compare(op, fn, x1, x2):
    a1, a2 = tensor(x1), tensor(x2)
    if a1.dtype == tf.string and a2.dtype == tf.string and op in ("equal", "not_equal"):
        check_broadcast(op, a1, a2)
        return fn(a1, a2)
    a, b = _pair(op, x1, x2)
    return widened(fn, NO_BOOL, a, b)


def equal(x1, x2):
    return _compare("equal", tf.equal, x1, x2)


def not_equal(x1, x2):
    return _compare("not_equal", tf.not_equal, x1, x2)


def greater(x1, x2):
    return _compare("greater", tf.greater, x1, x2)


def greater_equal(x1, x2):
    return _compare("greater_equal", tf.greater_equal, x1, x2)


def less(x1, x2):
    return _compare("less", tf.less, x1, x2)


def less_equal(x1, x2):
    return _compare("less_equal", tf.less_equal, x1, x2)


def _close(a, b, rtol, atol, equal_nan):
    diff = tf.abs(a - b)
    tol = tf.constant(atol, a.dtype) + tf.constant(rtol, a.dtype) * tf.abs(b)
    finite = tf.logical_and(tf.math.is_finite(a), tf.math.is_finite(b))
    r = tf.where(finite, tf.less_equal(diff, tol), tf.equal(a, b))
    if equal_nan:
        r = tf.logical_or(r, tf.logical_and(tf.math.is_nan(a), tf.math.is_nan(b)))
    return r


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _isclose("isclose", x1, x2, rtol, atol, equal_nan)


def _isclose(op, x1, x2, rtol, atol, equal_nan):
    a, b = _pair(op, x1, x2)
    if a.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype=complex")
    if not a.dtype.is_floating:
        a, b = tf.cast(a, tf.float64), tf.cast(b, tf.float64)
    elif a.dtype in (tf.float16, tf.bfloat16):
        a, b = tf.cast(a, tf.float32), tf.cast(b, tf.float32)
    return _close(a, b, float(rtol), float(atol), bool(equal_nan))


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return tf.reduce_all(_isclose("allclose", x1, x2, rtol, atol, equal_nan))


def _float_test(op, x, fn, default):
    x = tensor(x)
    if x.dtype == tf.string:
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    if x.dtype.is_floating:
        return fn(x)
    if x.dtype.is_complex:
        return fn(x)
    return tf.fill(tf.shape(x), default)


def isnan(x):
    def fn(t):
        if t.dtype.is_complex:
            return tf.logical_or(tf.math.is_nan(tf.math.real(t)), tf.math.is_nan(tf.math.imag(t)))
        return tf.math.is_nan(t)

    return _float_test("isnan", x, fn, False)


def isinf(x):
    def fn(t):
        if t.dtype.is_complex:
            return tf.logical_or(tf.math.is_inf(tf.math.real(t)), tf.math.is_inf(tf.math.imag(t)))
        return tf.math.is_inf(t)

    return _float_test("isinf", x, fn, False)


def isfinite(x):
    def fn(t):
        if t.dtype.is_complex:
            return tf.logical_and(
                tf.math.is_finite(tf.math.real(t)), tf.math.is_finite(tf.math.imag(t))
            )
        return tf.math.is_finite(t)

    return _float_test("isfinite", x, fn, True)


def isneginf(x):
    return _float_test(
        "isneginf", x, lambda t: tf.logical_and(tf.math.is_inf(t), tf.less(t, 0)), False
    )


def isposinf(x):
    return _float_test(
        "isposinf", x, lambda t: tf.logical_and(tf.math.is_inf(t), tf.greater(t, 0)), False
    )


def signbit(x):
    x = tensor(x)
    if x.dtype == tf.string or x.dtype.is_complex:
        raise TypeError(f"signbit needs a real numeric tensor. Received: dtype={name(x)}")
    if x.dtype.is_floating:
        ibits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[x.dtype.size]
        return tf.less(tf.bitcast(x, ibits), 0)
    if x.dtype == tf.bool or name(x) in UINTS:
        return tf.zeros(tf.shape(x), tf.bool)
    return tf.less(x, tf.zeros_like(x))


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = _keep("nan_to_num", x)
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


# ---------------------------------------------------------------- logic


def _bools(op, *xs):
    out = []
    for x in xs:
        t = tensor(x)
        if t.dtype == tf.string:
            raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
        out.append(cast(t, tf.bool))
    if len(out) > 1:
        check_broadcast(op, *out)
    return out


def logical_and(x1, x2):
    return tf.logical_and(*_bools("logical_and", x1, x2))


def logical_or(x1, x2):
    return tf.logical_or(*_bools("logical_or", x1, x2))


def logical_xor(x1, x2):
    return tf.math.logical_xor(*_bools("logical_xor", x1, x2))


def logical_not(x):
    return tf.logical_not(*_bools("logical_not", x))


def _bitwise(op, x1, x2, fn, bool_fn):
    a, b = _pair(op, x1, x2)
    if a.dtype == tf.bool:
        return bool_fn(a, b)
    if not a.dtype.is_integer:
        raise TypeError(f"{op} needs integer or bool inputs. Received: dtype={name(a)}")
    return fn(a, b)


def bitwise_and(x, y):
    return _bitwise("bitwise_and", x, y, tf.bitwise.bitwise_and, tf.logical_and)


def bitwise_or(x, y):
    return _bitwise("bitwise_or", x, y, tf.bitwise.bitwise_or, tf.logical_or)


def bitwise_xor(x, y):
    return _bitwise("bitwise_xor", x, y, tf.bitwise.bitwise_xor, tf.math.logical_xor)


def bitwise_invert(x):
    x = _keep("bitwise_invert", x)
    if x.dtype == tf.bool:
        return tf.logical_not(x)
    if not x.dtype.is_integer:
        raise TypeError(f"bitwise_invert needs integer or bool inputs. Received: dtype={name(x)}")
    return tf.bitwise.invert(x)


def bitwise_not(x):
    return bitwise_invert(x)


def _shift(op, x, y, left):
    a, b = _pair(op, x, y)
    if not (a.dtype.is_integer or a.dtype == tf.bool):
        raise TypeError(f"{op} needs integer or bool inputs. Received: dtype={name(a)}")
    if a.dtype == tf.bool:
        a, b = tf.cast(a, tf.int32), tf.cast(b, tf.int32)

    def fn(u, v):
        bits = u.dtype.size * 8
        out_of_range = tf.logical_or(tf.less(v, 0), tf.greater_equal(v, bits))
        safe = tf.where(out_of_range, tf.zeros_like(v), v)
        if left:
            r = tf.bitwise.left_shift(u, safe)
            fill = tf.zeros_like(r)
        else:
            r = tf.bitwise.right_shift(u, safe)
            fill = tf.zeros_like(r)
            if name(u) not in UINTS:
                fill = tf.where(tf.less(u, tf.zeros_like(u)), -tf.ones_like(r), fill)
        return tf.where(out_of_range, fill, r)

    return fn(a, b)


def left_shift(x, y):
    return _shift("left_shift", x, y, True)


def right_shift(x, y):
    return _shift("right_shift", x, y, False)


def bitwise_left_shift(x, y):
    return _shift("bitwise_left_shift", x, y, True)


def bitwise_right_shift(x, y):
    return _shift("bitwise_right_shift", x, y, False)


# ------------------------------------------------------------ complex parts


def real(x):
    x = _keep("real", x)
    return tf.math.real(x) if x.dtype.is_complex else x


def imag(x):
    x = _keep("imag", x)
    return tf.math.imag(x) if x.dtype.is_complex else tf.zeros_like(x)


def conj(x):
    x = _keep("conj", x)
    return tf.math.conj(x) if x.dtype.is_complex else x


def conjugate(x):
    return conj(x)


def angle(x):
    x = tensor(x, float_dtype("angle", x))
    if x.dtype.is_complex:
        return tf.math.angle(x)
    return widened(lambda t: tf.atan2(tf.zeros_like(t), t), NO_HALF, x)


def isreal(x):
    x = _keep("isreal", x)
    if x.dtype.is_complex:
        return tf.equal(tf.math.imag(x), 0)
    return tf.ones(tf.shape(x), tf.bool)


# ---------------------------------------------------------------- selection


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        from keras_core.backend.tensorflow.numpy_reduce import nonzero

        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError(
            "where: `x1` and `x2` must both be given, or both be None. "
            f"Received: x1={'None' if x1 is None else 'a value'}, "
            f"x2={'None' if x2 is None else 'a value'}"
        )
    cond = _bools("where", condition)[0]
    a, b = _pair("where", x1, x2)
    check_broadcast("where", cond, a, b)
    return tf.where(cond, a, b)


def clip(x, x_min, x_max):
    if x_min is None and x_max is None:
        raise ValueError("clip: at least one of `x_min` and `x_max` must be given. Received None")
    dtype = binary_dtype("clip", x, x_min, x_max)
    dtype = "int32" if dtype == "bool" else dtype
    x = tensor(x, dtype)
    out = x
    if x_min is not None:
        lo = tensor(x_min, dtype)
        check_broadcast("clip", out, lo)
        out = widened(tf.maximum, NO_BOOL, out, lo)
    if x_max is not None:
        hi = tensor(x_max, dtype)
        check_broadcast("clip", out, hi)
        out = widened(tf.minimum, NO_BOOL, out, hi)
    return out


def select(condlist, choicelist, default=0):
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise TypeError(
            "select: `condlist` and `choicelist` must be lists. "
            f"Received: condlist={type(condlist).__name__}, "
            f"choicelist={type(choicelist).__name__}"
        )
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length. "
            f"Received: len(condlist)={len(condlist)}, len(choicelist)={len(choicelist)}"
        )
    if not condlist:
        raise ValueError("select: `condlist` must not be empty. Received: condlist=[]")
    dtype = binary_dtype("select", *choicelist, default)
    out = tensor(default, dtype)
    conds = [_bools("select", c)[0] for c in condlist]
    choices = [tensor(c, dtype) for c in choicelist]
    check_broadcast("select", out, *conds, *choices)
    for c, v in zip(reversed(conds), reversed(choices)):
        out = tf.where(c, v, out)
    return out
