"""Comparisons, logical ops, value tests (isnan, isclose, ...), ``isin``, ``where``, ``select``."""

from keras_core import backend
from keras_core.backend.common.keras_tensor import any_symbolic_tensors
from keras_core.ops.numpy._base import (
    INDEX_DTYPE,
    broadcast,
    kt,
    ndim_of,
    op_class,
    promote,
    shape_of,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy


def _binary(class_name, fn):
    def spec(x1, x2):
        return kt(broadcast(fn, x1, x2), "bool")

    return op_class(class_name, fn, spec)


def _predicate(class_name, fn):
    def spec(x):
        return kt(x.shape, "bool")

    return op_class(class_name, fn, spec)


def _isclose_spec(x1, x2, **config):
    promote(x1, x2)
    return kt(broadcast("isclose", x1, x2), "bool")


def _allclose_spec(x1, x2, **config):
    promote(x1, x2)
    broadcast("allclose", x1, x2)
    return kt((), "bool")


def _isin_spec(x1, x2, **config):
    promote(x1, x2)
    return kt(shape_of(x1), "bool")


def _where_spec(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return tuple(kt((None,), INDEX_DTYPE) for _ in range(ndim_of(condition)))
    return kt(broadcast("where", condition, x1, x2), promote(x1, x2))


def _select_spec(condlist, choicelist, default=0):
    shape = broadcast("select", *condlist, *choicelist, default)
    return kt(shape, promote(*choicelist, default))


LogicalNot = _predicate("LogicalNot", "logical_not")
IsClose = op_class("IsClose", "isclose", _isclose_spec)
AllClose = op_class("AllClose", "allclose", _allclose_spec)
IsIn = op_class("IsIn", "isin", _isin_spec)
Where = op_class("Where", "where", _where_spec)
Select = op_class("Select", "select", _select_spec)
Equal = _binary("Equal", "equal")
NotEqual = _binary("NotEqual", "not_equal")
Less = _binary("Less", "less")
LessEqual = _binary("LessEqual", "less_equal")
Greater = _binary("Greater", "greater")
GreaterEqual = _binary("GreaterEqual", "greater_equal")
LogicalAnd = _binary("LogicalAnd", "logical_and")
LogicalOr = _binary("LogicalOr", "logical_or")
LogicalXor = _binary("LogicalXor", "logical_xor")
Isnan = _predicate("Isnan", "isnan")
Isinf = _predicate("Isinf", "isinf")
Isfinite = _predicate("Isfinite", "isfinite")
Isneginf = _predicate("Isneginf", "isneginf")
Isposinf = _predicate("Isposinf", "isposinf")
Isreal = _predicate("Isreal", "isreal")
Signbit = _predicate("Signbit", "signbit")


def equal(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 == x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.equal([1, 2], 2)).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x1, x2)):
        return Equal().symbolic_call(x1, x2)
    return _bnp.equal(x1, x2)


def not_equal(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 != x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.not_equal([1, 2], 2)).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x1, x2)):
        return NotEqual().symbolic_call(x1, x2)
    return _bnp.not_equal(x1, x2)


def less(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 < x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.less([1, 2], 2)).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x1, x2)):
        return Less().symbolic_call(x1, x2)
    return _bnp.less(x1, x2)


def less_equal(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 <= x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.less_equal([1, 3], 2)).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x1, x2)):
        return LessEqual().symbolic_call(x1, x2)
    return _bnp.less_equal(x1, x2)


def greater(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 > x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.greater([1, 3], 2)).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x1, x2)):
        return Greater().symbolic_call(x1, x2)
    return _bnp.greater(x1, x2)


def greater_equal(x1: Tensor, x2: Tensor) -> Tensor:
    """Returns ``x1 >= x2`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        A bool tensor. Tensors are compared in their promoted dtype; a Python number
        is compared with its exact value.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.greater_equal([1, 2], 2)).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x1, x2)):
        return GreaterEqual().symbolic_call(x1, x2)
    return _bnp.greater_equal(x1, x2)


def logical_and(x1: Tensor, x2: Tensor) -> Tensor:
    """Computes the logical AND of two tensors elementwise (nonzero values count as True).

    Args:
        x1: a tensor, array or Python value.
        x2: a tensor, array or Python value.

    Returns:
        A bool tensor of the broadcast shape.

    Example:
    >>> out = keras_core.ops.logical_and([True, True], [True, False])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x1, x2)):
        return LogicalAnd().symbolic_call(x1, x2)
    return _bnp.logical_and(x1, x2)


def logical_or(x1: Tensor, x2: Tensor) -> Tensor:
    """Computes the logical OR of two tensors elementwise (nonzero values count as True).

    Args:
        x1: a tensor, array or Python value.
        x2: a tensor, array or Python value.

    Returns:
        A bool tensor of the broadcast shape.

    Example:
    >>> out = keras_core.ops.logical_or([True, False], [False, False])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x1, x2)):
        return LogicalOr().symbolic_call(x1, x2)
    return _bnp.logical_or(x1, x2)


def logical_xor(x1: Tensor, x2: Tensor) -> Tensor:
    """Computes the logical XOR of two tensors elementwise (nonzero values count as True).

    Args:
        x1: a tensor, array or Python value.
        x2: a tensor, array or Python value.

    Returns:
        A bool tensor of the broadcast shape.

    Example:
    >>> out = keras_core.ops.logical_xor([True, True], [True, False])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x1, x2)):
        return LogicalXor().symbolic_call(x1, x2)
    return _bnp.logical_xor(x1, x2)


def isnan(x: Tensor) -> Tensor:
    """Tests for NaN, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``. False everywhere for integer and bool tensors.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isnan([1.0, float("nan")])).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x,)):
        return Isnan().symbolic_call(x)
    return _bnp.isnan(x)


def isinf(x: Tensor) -> Tensor:
    """Tests for positive or negative infinity, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isinf([1.0, float("-inf")])).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x,)):
        return Isinf().symbolic_call(x)
    return _bnp.isinf(x)


def isfinite(x: Tensor) -> Tensor:
    """Tests for finite values (not NaN, not infinite), elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``. True everywhere for integer and bool tensors.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isfinite([1.0, float("inf")])).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x,)):
        return Isfinite().symbolic_call(x)
    return _bnp.isfinite(x)


def isneginf(x: Tensor) -> Tensor:
    """Tests for negative infinity, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``.

    Example:
    >>> out = keras_core.ops.isneginf([float("-inf"), float("inf")])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x,)):
        return Isneginf().symbolic_call(x)
    return _bnp.isneginf(x)


def isposinf(x: Tensor) -> Tensor:
    """Tests for positive infinity, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``.

    Example:
    >>> out = keras_core.ops.isposinf([float("-inf"), float("inf")])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x,)):
        return Isposinf().symbolic_call(x)
    return _bnp.isposinf(x)


def isreal(x: Tensor) -> Tensor:
    """Tests for values with a zero imaginary part, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``. True everywhere for real tensors.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isreal([1.0, 2.0])).tolist()
    [True, True]
    """
    if any_symbolic_tensors((x,)):
        return Isreal().symbolic_call(x)
    return _bnp.isreal(x)


def signbit(x: Tensor) -> Tensor:
    """Tests whether the sign bit is set (``x < 0``, and also ``-0.0``), elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A bool tensor of the shape of ``x``. False everywhere for bool tensors.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.signbit([-1.0, -0.0, 2.0])).tolist()
    [True, True, False]
    """
    if any_symbolic_tensors((x,)):
        return Signbit().symbolic_call(x)
    return _bnp.signbit(x)


def logical_not(x: Tensor) -> Tensor:
    """Computes the logical NOT elementwise (nonzero values count as True).

    Args:
        x: a tensor, array or Python value.

    Returns:
        A bool tensor of the shape of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logical_not([0, 2])).tolist()
    [True, False]
    """
    if any_symbolic_tensors((x,)):
        return LogicalNot().symbolic_call(x)
    return _bnp.logical_not(x)


def _tolerances(op, rtol, atol):
    for arg, value in (("rtol", rtol), ("atol", atol)):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"{op}: `{arg}` must be a number. Received: {arg}={value!r}")


def isclose(
    x1: Tensor, x2: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> Tensor:
    """Tests ``|x1 - x2| <= atol + rtol * |x2|`` elementwise, with broadcasting.

    Args:
        x1: a tensor.
        x2: a tensor (the reference values: ``rtol`` scales ``|x2|``).
        rtol: the relative tolerance.
        atol: the absolute tolerance.
        equal_nan: whether two NaNs count as close.

    Returns:
        A bool tensor of the broadcast shape. Equal infinities are close; the
        comparison runs in the promoted floating dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isclose([1.0, 1.1], [1.0, 1.0])).tolist()
    [True, False]
    """
    _tolerances("isclose", rtol, atol)
    if any_symbolic_tensors((x1, x2)):
        return IsClose(rtol=rtol, atol=atol, equal_nan=equal_nan).symbolic_call(x1, x2)
    return _bnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(
    x1: Tensor, x2: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
) -> Tensor:
    """Tests whether every element of ``x1`` is close to ``x2`` (see ``isclose``).

    Args:
        x1: a tensor.
        x2: a tensor.
        rtol: the relative tolerance.
        atol: the absolute tolerance.
        equal_nan: whether two NaNs count as close.

    Returns:
        A 0-d bool tensor.

    Example:
    >>> out = keras_core.ops.allclose([1.0, 2.0], [1.0, 2.0000001])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    True
    """
    _tolerances("allclose", rtol, atol)
    if any_symbolic_tensors((x1, x2)):
        return AllClose(rtol=rtol, atol=atol, equal_nan=equal_nan).symbolic_call(x1, x2)
    return _bnp.allclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isin(x1: Tensor, x2: Tensor, assume_unique: bool = False, invert: bool = False) -> Tensor:
    """Tests, for every element of ``x1``, whether it occurs in ``x2``.

    Args:
        x1: the values to test.
        x2: the values to look for (any shape; it is flattened).
        assume_unique: a hint that both inputs hold unique values (the result is the same).
        invert: return the negated test (``not in``).

    Returns:
        A bool tensor of the shape of ``x1``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.isin([1, 2, 3], [3, 1])).tolist()
    [True, False, True]
    """
    if any_symbolic_tensors((x1, x2)):
        return IsIn(assume_unique=assume_unique, invert=invert).symbolic_call(x1, x2)
    return _bnp.isin(x1, x2, assume_unique=assume_unique, invert=invert)


def where(condition: Tensor, x1: Tensor = None, x2: Tensor = None) -> Tensor:
    """Picks ``x1`` where ``condition`` holds and ``x2`` elsewhere, with broadcasting.

    Args:
        condition: a tensor, read as bool.
        x1: the values where the condition holds.
        x2: the values elsewhere. Give both ``x1`` and ``x2``, or neither.

    Returns:
        A tensor of the broadcast shape and the promoted dtype of ``x1`` and ``x2``;
        with neither, the indices of the nonzero elements of ``condition`` (like
        ``nonzero``: a tuple of int32 tensors).

    Example:
    >>> out = keras_core.ops.where([True, False], [1, 2], [10, 20])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1, 20]
    """
    if (x1 is None) != (x2 is None):
        raise ValueError(
            "where: pass both `x1` and `x2`, or neither. "
            f"Received: x1={'None' if x1 is None else 'a tensor'}, "
            f"x2={'None' if x2 is None else 'a tensor'}"
        )
    if any_symbolic_tensors((condition, x1, x2)):
        if x1 is None:
            return Where().symbolic_call(condition)
        return Where().symbolic_call(condition, x1, x2)
    return _bnp.where(condition, x1, x2)


def select(condlist: list, choicelist: list, default: Tensor = 0) -> Tensor:
    """Picks, elementwise, from the first choice whose condition holds.

    Args:
        condlist: a list of bool tensors.
        choicelist: a list of tensors, as long as ``condlist``.
        default: the value where no condition holds.

    Returns:
        A tensor of the broadcast shape of all inputs and the promoted dtype of the
        choices and the default.

    Example:
    >>> x = keras_core.ops.convert_to_tensor([-1, 0, 2])
    >>> out = keras_core.ops.select([x < 0, x > 0], [x * 10, x], default=7)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-10, 7, 2]
    """
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise TypeError(
            "select: `condlist` and `choicelist` must be lists of tensors. "
            f"Received: {type(condlist).__name__} and {type(choicelist).__name__}"
        )
    if len(condlist) != len(choicelist) or not condlist:
        raise ValueError(
            "select: `condlist` and `choicelist` must be non-empty and of the same length. "
            f"Received lengths {len(condlist)} and {len(choicelist)}"
        )
    if any_symbolic_tensors((condlist, choicelist, default)):
        return Select().symbolic_call(list(condlist), list(choicelist), default)
    return _bnp.select(list(condlist), list(choicelist), default)
