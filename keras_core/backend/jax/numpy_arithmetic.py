"""The jax backend's ops of ``keras_core/ops/numpy/arithmetic.py``."""

import jax
import jax.numpy as jnp

from keras_core.backend.common import dtypes as dt
from keras_core.backend.jax.op_helpers import (
    INT_KINDS,
    call_binary,
    cast,
    check_broadcast,
    check_dtype_kind,
    float_binary,
    float_type,
    prepare,
    result_type,
    tensor,
)


def _float_with_scalar(x1, x2):
    """A float jax array with a Python int/float: jnp's weak-type promotion is already ours."""
    if type(x2) in (int, float):
        return isinstance(x1, jax.Array) and x1.dtype.kind in "fc" and not x1.weak_type
    if type(x1) in (int, float):
        return isinstance(x2, jax.Array) and x2.dtype.kind in "fc" and not x2.weak_type
    return False


def _arith(op, fn, x1, x2, dtype=None):
    d = dtype or result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2)
    return call_binary(op, fn, a, b)


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
    return float_binary("divide", jnp.true_divide, x1, x2)


def true_divide(x1, x2):
    return float_binary("true_divide", jnp.true_divide, x1, x2)


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
    elif dt.is_float_dtype(d):
        # A zero quotient carries the sign of a / b (NumPy's copysign(0, a / b)).
        out = jnp.where(jnp.equal(out, 0), jnp.copysign(jnp.zeros_like(out), a / b), out)
    return out


def mod(x1, x2):
    out = _no_bool_binary("mod", jnp.remainder, x1, x2)
    if dt.is_float_dtype(out.dtype):
        # A zero remainder carries the sign of the divisor, as in NumPy.
        b = jnp.asarray(x2).astype(out.dtype)
        out = jnp.where(jnp.equal(out, 0), jnp.copysign(jnp.zeros_like(out), b), out)
    return out


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
    return float_binary("hypot", jnp.hypot, x1, x2)


def arctan2(x1, x2):
    return float_binary("arctan2", jnp.arctan2, x1, x2)


def logaddexp(x1, x2):
    return float_binary("logaddexp", jnp.logaddexp, x1, x2)


def logaddexp2(x1, x2):
    return float_binary("logaddexp2", jnp.logaddexp2, x1, x2)


def heaviside(x1, x2):
    return float_binary("heaviside", jnp.heaviside, x1, x2)


def nextafter(x1, x2):
    return float_binary("nextafter", jnp.nextafter, x1, x2)


def ldexp(x1, x2):
    e = tensor(x2, "ldexp", "x2") if type(x2) is not int else x2
    if type(e) is not int:
        check_dtype_kind("ldexp", e, INT_KINDS, "an integer tensor", "x2")
        e = e.astype("int32") if e.dtype == bool else e
    m = cast(x1, float_type("ldexp", x1))
    return call_binary("ldexp", jnp.ldexp, m, e)


# ----------------------------------------------------------------------------- bitwise


def bitwise_and(x, y):
    return _int_binary("bitwise_and", jnp.bitwise_and, x, y)


def bitwise_or(x, y):
    return _int_binary("bitwise_or", jnp.bitwise_or, x, y)


def bitwise_xor(x, y):
    return _int_binary("bitwise_xor", jnp.bitwise_xor, x, y)


def _invert(op, x):
    x = tensor(x, op)
    check_dtype_kind(op, x, INT_KINDS, "an integer or boolean tensor")
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
