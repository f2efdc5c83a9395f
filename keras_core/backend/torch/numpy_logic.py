"""The torch backend's NumPy comparison, logical and predicate ops (equal, isnan, isclose, where, select, ...).

The ops declared in ``keras_core/ops/numpy/logic.py``; ``numpy.py`` gathers them.
"""

import torch

from keras_core.backend.torch import numpy_searching
from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.op_helpers import call_binary, cast_pair, search_pair

UNSUPPORTED = {}


def isin(x1, x2, assume_unique=False, invert=False):
    a, c = search_pair("isin", x1, x2)
    return torch.isin(a, c.reshape(-1), invert=bool(invert))


# ---------------------------------------------------------------- selection
def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length; received "
            f"{len(condlist)} and {len(choicelist)}."
        )
    if not condlist:
        raise ValueError("select: `condlist` must not be empty.")
    dtype = b.result_type("select", *choicelist, default)
    conds = [b.tensor(c, "select", "condlist") for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != torch.bool:
            raise TypeError(f"select: condlist[{i}] must be boolean; received dtype {b.name(c)}.")
    choices = [b.widen_arith(b.as_dtype(c, dtype, "select", "choicelist")) for c in choicelist]
    out = b.widen_arith(b.as_dtype(default, dtype, "select", "default"))
    nat = b.native(dtype)
    try:
        for c, v in zip(reversed(conds), reversed(choices)):
            out = torch.where(c, v, out)
    except RuntimeError as e:
        b.reraise("select", e, *conds, *choices)
    shape = torch.broadcast_shapes(*[c.shape for c in conds], *[v.shape for v in choices])
    return b.narrow_arith(torch.broadcast_to(out, shape), nat)


def _compare(op, x1, x2, fn):
    a, c = cast_pair(op, x1, x2, b.result_type(op, x1, x2))
    if a.dtype in b.COMPLEX and fn not in (torch.eq, torch.ne):
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(a)}.")
    return call_binary(op, fn, b.widen_order(a), b.widen_order(c))


def isreal(x):
    t = b.tensor(x, "isreal")
    if t.dtype in b.COMPLEX:
        return torch.imag(t) == 0
    return torch.ones(t.shape, dtype=torch.bool)


# ---------------------------------------------------------------- predicates
def isnan(x):
    t = b.tensor(x, "isnan")
    return torch.isnan(t) if t.dtype in b.INEXACT else torch.zeros(t.shape, dtype=torch.bool)


def isinf(x):
    t = b.tensor(x, "isinf")
    return torch.isinf(t) if t.dtype in b.INEXACT else torch.zeros(t.shape, dtype=torch.bool)


def isfinite(x):
    t = b.tensor(x, "isfinite")
    return torch.isfinite(t) if t.dtype in b.INEXACT else torch.ones(t.shape, dtype=torch.bool)


def isneginf(x):
    t = b.tensor(x, "isneginf")
    b.require_real("isneginf", t)
    return torch.isneginf(t) if t.dtype in b.FLOATS else torch.zeros(t.shape, dtype=torch.bool)


def isposinf(x):
    t = b.tensor(x, "isposinf")
    b.require_real("isposinf", t)
    return torch.isposinf(t) if t.dtype in b.FLOATS else torch.zeros(t.shape, dtype=torch.bool)


def signbit(x):
    t = b.tensor(x, "signbit")
    b.require_real("signbit", t)
    if t.dtype in b.UNSIGNED or t.dtype == torch.bool:
        return torch.zeros(t.shape, dtype=torch.bool)
    if t.dtype == torch.bfloat16:  # torch's casts to bfloat16 make every NaN negative
        return torch.signbit(t) & ~torch.isnan(t)
    return torch.signbit(t)


def _isclose(op, x1, x2, rtol, atol, equal_nan):
    a, c = cast_pair(op, x1, x2, b.result_type(op, x1, x2))
    if a.dtype not in b.INEXACT:
        a, c = a.to(torch.float64), c.to(torch.float64)
    try:
        return torch.isclose(a, c, rtol=rtol, atol=atol, equal_nan=bool(equal_nan))
    except RuntimeError as e:
        b.reraise(op, e, a, c)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _isclose("isclose", x1, x2, rtol, atol, equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    return torch.all(_isclose("allclose", x1, x2, rtol, atol, equal_nan))


# ---------------------------------------------------------------- comparisons
def equal(x1, x2):
    return _compare("equal", x1, x2, torch.eq)


def not_equal(x1, x2):
    return _compare("not_equal", x1, x2, torch.ne)


def less(x1, x2):
    return _compare("less", x1, x2, torch.lt)


def less_equal(x1, x2):
    return _compare("less_equal", x1, x2, torch.le)


def greater(x1, x2):
    return _compare("greater", x1, x2, torch.gt)


def greater_equal(x1, x2):
    return _compare("greater_equal", x1, x2, torch.ge)


# ---------------------------------------------------------------- logical
def _logical(op, x1, x2, fn):
    a = b.widen_arith(b.tensor(x1, op, "x1"))
    c = b.widen_arith(b.tensor(x2, op, "x2"))
    return call_binary(op, fn, a, c)


def logical_and(x1, x2):
    return _logical("logical_and", x1, x2, torch.logical_and)


def logical_or(x1, x2):
    return _logical("logical_or", x1, x2, torch.logical_or)


def logical_xor(x1, x2):
    return _logical("logical_xor", x1, x2, torch.logical_xor)


def logical_not(x):
    return torch.logical_not(b.widen_arith(b.tensor(x, "logical_not")))


# ---------------------------------------------------------------- selection
def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return numpy_searching.nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("where: `x1` and `x2` must be given together (or both omitted).")
    cond = b.widen_arith(b.tensor(condition, "where", "condition"))
    cond = cond if cond.dtype == torch.bool else cond != 0
    dtype = b.result_type("where", x1, x2)
    a, c = cast_pair("where", x1, x2, dtype)
    nat = a.dtype
    try:
        out = torch.where(cond, b.widen_arith(a), b.widen_arith(c))
    except RuntimeError as e:
        b.reraise("where", e, cond, a, c)
    return b.narrow_arith(out, nat)
