"""The tensorflow backend's arithmetic NumPy ops (add, divide, power, gcd, bitwise ops, ...).

Every public function here is an op declared in keras_core/ops/numpy/arithmetic.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import math

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.numpy_elementwise import trunc
from keras_core.backend.tensorflow.op_helpers import (
    EAGER,
    NO_BOOL,
    NO_HALF,
    NO_SMALL_INT,
    NO_UNSIGNED,
    UINTS,
    broadcast_error,
    cast,
    check_broadcast,
    dtype_name,
    float_binary,
    float_type,
    promoted,
    result_type,
    widened,
)

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


def _no_bool(a, b):
    if a.dtype == tf.bool:
        return tf.cast(a, tf.int32), tf.cast(b, tf.int32)
    return a, b


def _arith(op, fn, x1, x2, missing=NO_BOOL):
    a, b = promoted(op, x1, x2)
    return widened(fn, missing, a, b)


def _fast(x1, x2):
    return type(x1) is EAGER and type(x2) is EAGER and x1.dtype == x2.dtype and x1.dtype in _FAST


def add(x1, x2):
    if _fast(x1, x2):
        try:
            return tf.add(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise broadcast_error("add", x1.shape, x2.shape) from None
    return _arith("add", tf.add, x1, x2)


def subtract(x1, x2):
    if _fast(x1, x2):
        try:
            return tf.subtract(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise broadcast_error("subtract", x1.shape, x2.shape) from None
    a, b = promoted("subtract", x1, x2)
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
            raise broadcast_error("multiply", x1.shape, x2.shape) from None
    return _arith("multiply", tf.multiply, x1, x2)


def true_divide(x1, x2):
    return float_binary("true_divide", tf.math.divide, x1, x2)


def divide(x1, x2):
    return float_binary("divide", tf.math.divide, x1, x2)


def divide_no_nan(x1, x2):
    return float_binary("divide_no_nan", tf.math.divide_no_nan, x1, x2)


def _safe_int_divisor(b):
    # 0 and -1 are handled apart: 0 gives 0 (NumPy), -1 would trap on INT_MIN.
    bad = tf.equal(b, tf.zeros_like(b))
    if dtype_name(b) not in UINTS:
        bad = tf.logical_or(bad, tf.equal(b, -tf.ones_like(b)))
    return bad, tf.where(bad, tf.ones_like(b), b)


def _int_floordiv(a, b):
    a, b = tf.broadcast_to(a, tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))), b
    bad, safe = _safe_int_divisor(b)
    q = tf.math.floordiv(a, safe)
    if dtype_name(b) in UINTS:
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
    # A zero quotient carries the sign of a / b (NumPy's copysign(0, a / b)).
    r = tf.math.divide(a, b)
    r_negative = tf.logical_or(tf.less(r, 0), tf.logical_and(tf.equal(r, 0), tf.less(1 / r, 0)))
    q = tf.where(tf.equal(div, 0), tf.where(r_negative, -zero, zero), fl)
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
                gb = -g * (trunc(q) if which == "fmod" else tf.floor(q))
            return _unbroadcast(ga, tf.shape(a)), _unbroadcast(gb, tf.shape(b))

        return out, grad

    return fn


def _unbroadcast(g, shape):
    reduce_axes, _ = tf.raw_ops.BroadcastGradientArgs(s0=shape, s1=tf.shape(g))
    return tf.reshape(tf.reduce_sum(g, reduce_axes), shape)


def floor_divide(x1, x2):
    a, b = _no_bool(*promoted("floor_divide", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("floor_divide"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("floor_divide: complex inputs are not supported. Received: dtype=complex")
    if a.dtype == tf.bool:
        return widened(_int_floordiv, NO_BOOL, a, b)
    return _int_floordiv(a, b)


def mod(x1, x2):
    a, b = _no_bool(*promoted("mod", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("mod"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("mod: complex inputs are not supported. Received: dtype=complex")
    return widened(lambda u, v: _int_mod(u, v, tf.math.floormod), NO_BOOL, a, b)


def fmod(x1, x2):
    a, b = _no_bool(*promoted("fmod", x1, x2))
    if a.dtype.is_floating:
        return widened(_float_mod_op("fmod"), NO_HALF, a, b)
    if a.dtype.is_complex:
        raise TypeError("fmod: complex inputs are not supported. Received: dtype=complex")
    if dtype_name(a) in UINTS:
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
    a, b = _no_bool(*promoted("power", x1, x2))
    if a.dtype.is_floating or a.dtype.is_complex:
        return tf.pow(a, b)
    if dtype_name(a) == "uint64":
        res = _int_power(tf.bitcast(a, tf.int64), tf.bitcast(b, tf.int64))
        return tf.bitcast(res, tf.uint64)
    return widened(_int_power, NO_UNSIGNED, a, b)


def maximum(x1, x2):
    return _arith("maximum", tf.maximum, x1, x2)


def minimum(x1, x2):
    return _arith("minimum", tf.minimum, x1, x2)


def _fminmax(op, fn, x1, x2):
    a, b = promoted(op, x1, x2)
    if not a.dtype.is_floating:
        return widened(fn, NO_BOOL, a, b)
    r = fn(a, b)
    r = tf.where(tf.math.is_nan(a), b, r)
    return tf.where(tf.math.is_nan(b), a, r)


def fmax(x1, x2):
    return _fminmax("fmax", tf.maximum, x1, x2)


def fmin(x1, x2):
    return _fminmax("fmin", tf.minimum, x1, x2)


def arctan2(x1, x2):
    return float_binary("arctan2", tf.atan2, x1, x2)


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
    return float_binary("hypot", lambda a, b: widened(_hypot, NO_HALF, a, b), x1, x2)


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
    fn = lambda u, v: _logaddexp(u, v, False)  # noqa: E731
    return float_binary("logaddexp", lambda a, b: widened(fn, NO_HALF, a, b), x1, x2)


def logaddexp2(x1, x2):
    fn = lambda u, v: _logaddexp(u, v, True)  # noqa: E731
    return float_binary("logaddexp2", lambda a, b: widened(fn, NO_HALF, a, b), x1, x2)


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
    a, b = promoted("nextafter", x1, x2, rule=float_type)
    if a.dtype in (tf.float16, tf.bfloat16):
        a, b = tf.broadcast_to(a, tf.shape(a + b)), tf.broadcast_to(b, tf.shape(a + b))
        return _nextafter16(a, b)
    return tf.math.nextafter(a, b)


def ldexp(x1, x2):
    dtype = float_type("ldexp", x1)
    e = convert_to_tensor(x2)
    if not (e.dtype.is_integer or e.dtype == tf.bool):
        raise TypeError(f"ldexp: `x2` must be an integer tensor. Received: dtype={dtype_name(e)}")
    a = cast(x1, dtype)
    check_broadcast("ldexp", a, e)
    e = tf.cast(e, tf.int32)
    half = tf.math.floordiv(e, 2)

    def fn(t):
        two = tf.constant(2.0, t.dtype)
        return t * tf.pow(two, tf.cast(half, t.dtype)) * tf.pow(two, tf.cast(e - half, t.dtype))

    return widened(fn, NO_HALF, a)


def heaviside(x1, x2):
    a, b = promoted("heaviside", x1, x2, rule=float_type)
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
    a, b = promoted(op, x1, x2)
    if not a.dtype.is_integer:
        raise TypeError(f"{op} needs integer inputs. Received: dtype={dtype_name(a)}")
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


def _bitwise(op, x1, x2, fn, bool_fn):
    a, b = promoted(op, x1, x2)
    if a.dtype == tf.bool:
        return bool_fn(a, b)
    if not a.dtype.is_integer:
        raise TypeError(f"{op} needs integer or bool inputs. Received: dtype={dtype_name(a)}")
    return fn(a, b)


def bitwise_and(x, y):
    return _bitwise("bitwise_and", x, y, tf.bitwise.bitwise_and, tf.logical_and)


def bitwise_or(x, y):
    return _bitwise("bitwise_or", x, y, tf.bitwise.bitwise_or, tf.logical_or)


def bitwise_xor(x, y):
    return _bitwise("bitwise_xor", x, y, tf.bitwise.bitwise_xor, tf.math.logical_xor)


def bitwise_invert(x):
    x = cast(x, result_type("bitwise_invert", x))
    if x.dtype == tf.bool:
        return tf.logical_not(x)
    if not x.dtype.is_integer:
        raise TypeError(
            f"bitwise_invert needs integer or bool inputs. Received: dtype={dtype_name(x)}"
        )
    return tf.bitwise.invert(x)


def bitwise_not(x):
    return bitwise_invert(x)


def _shift(op, x, y, left):
    a, b = promoted(op, x, y)
    if not (a.dtype.is_integer or a.dtype == tf.bool):
        raise TypeError(f"{op} needs integer or bool inputs. Received: dtype={dtype_name(a)}")
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
            if dtype_name(u) not in UINTS:
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
