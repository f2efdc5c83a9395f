"""The tensorflow backend's NumPy comparison and logic ops (equal, isnan, isclose, where, select, ...).

Every public function here is an op declared in keras_core/ops/numpy/logic.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import tensorflow as tf

from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.numpy_searching import nonzero, searchsorted
from keras_core.backend.tensorflow.op_helpers import (
    NO_BOOL,
    UINTS,
    cast,
    check_broadcast,
    dtype_name,
    flatten,
    promoted,
    result_type,
    sort_last,
    sortable,
    tensor,
    widened,
)


def _compare(op, fn, x1, x2):
    a1, a2 = convert_to_tensor(x1), convert_to_tensor(x2)
    if a1.dtype == tf.string and a2.dtype == tf.string and op in ("equal", "not_equal"):
        check_broadcast(op, a1, a2)
        return fn(a1, a2)
    a, b = promoted(op, x1, x2)
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
    a, b = promoted(op, x1, x2)
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
    x = tensor(x, op)
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
    x = convert_to_tensor(x)
    if x.dtype == tf.string or x.dtype.is_complex:
        raise TypeError(f"signbit needs a real numeric tensor. Received: dtype={dtype_name(x)}")
    if x.dtype.is_floating:
        ibits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[x.dtype.size]
        return tf.less(tf.bitcast(x, ibits), 0)
    if x.dtype == tf.bool or dtype_name(x) in UINTS:
        return tf.zeros(tf.shape(x), tf.bool)
    return tf.less(x, tf.zeros_like(x))


def _bools(op, *xs):
    out = []
    for x in xs:
        out.append(cast(tensor(x, op), "bool"))
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


def isreal(x):
    x = cast(x, result_type("isreal", x))
    if x.dtype.is_complex:
        return tf.equal(tf.math.imag(x), 0)
    return tf.ones(tf.shape(x), tf.bool)


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError(
            "where: `x1` and `x2` must both be given, or both be None. "
            f"Received: x1={'None' if x1 is None else 'a value'}, "
            f"x2={'None' if x2 is None else 'a value'}"
        )
    cond = _bools("where", condition)[0]
    a, b = promoted("where", x1, x2)
    check_broadcast("where", cond, a, b)
    return tf.where(cond, a, b)


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
    dtype = result_type("select", *choicelist, default)
    out = cast(default, dtype)
    conds = [_bools("select", c)[0] for c in condlist]
    choices = [cast(c, dtype) for c in choicelist]
    check_broadcast("select", out, *conds, *choices)
    for c, v in zip(reversed(conds), reversed(choices)):
        out = tf.where(c, v, out)
    return out


def isin(x1, x2, assume_unique=False, invert=False):
    dtype = result_type("isin", x1, x2)
    a, b = cast(x1, dtype), flatten(cast(x2, dtype))
    if b.shape[0] == 0:
        found = tf.zeros(tf.shape(a), tf.bool)
    else:
        s = sort_last(sortable(b))
        av = sortable(a)
        if s.dtype in (tf.float16, tf.bfloat16):
            s, av = tf.cast(s, tf.float32), tf.cast(av, tf.float32)
        idx = searchsorted(s, av, side="left")
        idx = tf.minimum(idx, tf.shape(s, out_type=idx.dtype)[0] - 1)
        found = tf.equal(tf.gather(s, idx), av)
    return tf.logical_not(found) if invert else found
