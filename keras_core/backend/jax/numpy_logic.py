"""The jax backend's ops of ``keras_core/ops/numpy/logic.py``."""

import jax.numpy as jnp

from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.jax.op_helpers import (
    call_binary,
    cast,
    check_broadcast,
    nonzero_indices,
    prepare,
    result_type,
    tensor,
)


def _compare(op, fn, x1, x2):
    d = result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2, check_range=False)
    return call_binary(op, fn, a, b)


def _logical_operand(op, x):
    if type(x) in (bool, int, float, complex):
        return x
    return tensor(x, op)


def _logical(op, fn, x1, x2):
    a, b = _logical_operand(op, x1), _logical_operand(op, x2)
    return call_binary(op, fn, a, b)


# ----------------------------------------------------------------------------- comparison


def equal(x1, x2):
    return _compare("equal", jnp.equal, x1, x2)


def not_equal(x1, x2):
    return _compare("not_equal", jnp.not_equal, x1, x2)


def less(x1, x2):
    return _compare("less", jnp.less, x1, x2)


def less_equal(x1, x2):
    return _compare("less_equal", jnp.less_equal, x1, x2)


def greater(x1, x2):
    return _compare("greater", jnp.greater, x1, x2)


def greater_equal(x1, x2):
    return _compare("greater_equal", jnp.greater_equal, x1, x2)


# ----------------------------------------------------------------------------- logical


def logical_and(x1, x2):
    return _logical("logical_and", jnp.logical_and, x1, x2)


def logical_or(x1, x2):
    return _logical("logical_or", jnp.logical_or, x1, x2)


def logical_xor(x1, x2):
    return _logical("logical_xor", jnp.logical_xor, x1, x2)


def logical_not(x):
    return jnp.logical_not(tensor(x, "logical_not"))


# ----------------------------------------------------------------------------- predicates


def isnan(x):
    return jnp.isnan(tensor(x, "isnan"))


def isinf(x):
    return jnp.isinf(tensor(x, "isinf"))


def isfinite(x):
    return jnp.isfinite(tensor(x, "isfinite"))


def isneginf(x):
    return jnp.isneginf(tensor(x, "isneginf"))


def isposinf(x):
    return jnp.isposinf(tensor(x, "isposinf"))


def isreal(x):
    return jnp.isreal(tensor(x, "isreal"))


def signbit(x):
    x = tensor(x, "signbit")
    if x.dtype == bool:
        return jnp.zeros(x.shape, bool)
    return jnp.signbit(x)


def _isclose(op, x1, x2, rtol, atol, equal_nan):
    d = result_type(op, x1, x2)
    a, b = prepare(op, d, x1, x2, check_range=False)
    check_broadcast(op, a, b)
    if d == "bool" or dt.is_int_dtype(d):
        d = dtype_rules.float_result_dtype(d, op=op)
        a, b = cast(a, d), cast(b, d)
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _isclose("isclose", x1, x2, rtol, atol, equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return jnp.all(_isclose("allclose", x1, x2, rtol, atol, equal_nan))


def isin(x1, x2, assume_unique=False, invert=False):
    d = result_type("isin", x1, x2)
    a, b = cast(x1, d), cast(x2, d)
    return jnp.isin(a, b, assume_unique=assume_unique, invert=invert)


# ----------------------------------------------------------------------------- selection


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return nonzero_indices("where", condition)
    if x1 is None or x2 is None:
        raise ValueError("where: either both or neither of `x1` and `x2` must be given.")
    cond = tensor(condition, "where", "condition")
    d = result_type("where", x1, x2)
    a, b = prepare("where", d, x1, x2)
    check_broadcast("where", cond, a, b)
    out = jnp.where(cond, a, b)
    return out if out.dtype == d else out.astype(d)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length. "
            f"Received: {len(condlist)} and {len(choicelist)}"
        )
    if len(condlist) == 0:
        raise ValueError("select: `condlist` must not be empty.")
    conds = [tensor(c, "select", "condlist") for c in condlist]
    for c in conds:
        if c.dtype != bool:
            raise TypeError(f"select: `condlist` must hold booleans. Received dtype {c.dtype}")
    d = result_type("select", *choicelist, default)
    choices = prepare("select", d, *choicelist, default)
    check_broadcast("select", *conds, *choices)
    out = jnp.select(conds, choices[:-1], choices[-1])
    return out if out.dtype == d else out.astype(d)
