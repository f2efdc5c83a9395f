"""Control flow ops: cond, switch, while_loop, fori_loop, scan, associative_scan,
map and vectorized_map.

Functions passed to these ops (``true_fn``, ``body``, ``f``, ...) should be
built from keras_core ops so that they run on every backend, eagerly and
inside ``jax.jit`` / ``tf.function``. Symbolic (KerasTensor) inputs are traced
with the active backend's shape inference. Each op runs
``keras_core.backend.control_flow.<op>``.
"""

import operator
from typing import Callable

from keras_core import backend
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import (
    Tensor,
    canonicalize_axis,
    check_callable,
    op_names,
    shape_of,
    spec_like,
)
from keras_core.ops.operation import Operation


class _Probed(Operation):
    """An op whose output spec comes from the backend's shape inference of ``call``."""

    def compute_output_spec(self, *args, **kwargs):
        return backend.compute_output_spec(self.call, *args, **kwargs)


# ---------------------------------------------------------------------------
# Conditionals


class Cond(Operation):
    def call(self, pred, true_fn, false_fn):
        return backend.control_flow.cond(pred, true_fn, false_fn)

    def compute_output_spec(self, pred, true_fn, false_fn):
        t_out, f_out = true_fn(), false_fn()
        t_flat, f_flat = tree.flatten(t_out), tree.flatten(f_out)
        if len(t_flat) != len(f_flat):
            raise ValueError(
                "cond: `true_fn` and `false_fn` must return the same structure. "
                f"Received: {len(t_flat)} and {len(f_flat)} outputs"
            )
        merged = []
        for a, b in zip(t_flat, f_flat):
            sa, sb = shape_of(a), shape_of(b)
            da, db = spec_like(a).dtype, spec_like(b).dtype
            if len(sa) != len(sb) or da != db:
                raise ValueError(
                    "cond: the branches must return tensors of the same rank and dtype. "
                    f"Received: {tuple(sa)} {da} and {tuple(sb)} {db}"
                )
            merged.append(KerasTensor(tuple(x if x == y else None for x, y in zip(sa, sb)), da))
        return tree.pack_sequence_as(t_out, merged)


def cond(pred: Tensor, true_fn: Callable, false_fn: Callable) -> Tensor:
    """Runs ``true_fn()`` if ``pred`` else ``false_fn()`` (traced as one conditional).

    Args:
        pred: a scalar boolean tensor (or Python bool).
        true_fn: a function of no arguments.
        false_fn: a function of no arguments returning the same structure, shapes
            and dtypes as ``true_fn``.

    Returns:
        The output of the branch taken.

    Example:
    >>> x = keras_core.ops.convert_to_tensor(2.0)
    >>> float(keras_core.ops.cond(x > 1, lambda: x * 2, lambda: x))
    4.0
    """
    check_callable("cond", true_fn, "true_fn")
    check_callable("cond", false_fn, "false_fn")
    if any_symbolic_tensors((pred,)):
        if pred.shape not in ((), (1,)) and None not in pred.shape:
            raise ValueError(f"cond: `pred` must be a scalar. Received: pred.shape={pred.shape}")
        return Cond().symbolic_call(pred, true_fn, false_fn)
    return backend.control_flow.cond(pred, true_fn, false_fn)


class Switch(_Probed):
    def call(self, index, branches, *operands):
        return backend.control_flow.switch(index, branches, *operands)


def switch(index: Tensor, branches: list, *operands: Tensor) -> Tensor:
    """Applies ``branches[index](*operands)``; ``index`` is clamped to the valid range.

    Args:
        index: a scalar integer tensor (or int).
        branches: a list of functions with the same signature and output structure.
        *operands: the arguments passed to the branch.

    Returns:
        The output of the selected branch.

    Example:
    >>> fns = [lambda x: x + 1, lambda x: x * 10]
    >>> float(keras_core.ops.switch(1, fns, keras_core.ops.convert_to_tensor(2.0)))
    20.0
    """
    if not isinstance(branches, (list, tuple)) or not branches:
        raise ValueError(f"switch: `branches` must be a non-empty list. Received: {branches!r}")
    for i, b in enumerate(branches):
        check_callable("switch", b, f"branches[{i}]")
    if any_symbolic_tensors((index,) + operands):
        return Switch().symbolic_call(index, branches, *operands)
    return backend.control_flow.switch(index, branches, *operands)


# ---------------------------------------------------------------------------
# Loops


class WhileLoop(Operation):
    def __init__(self, cond, body, maximum_iterations=None, name=None):
        super().__init__(name=name)
        self.cond = cond
        self.body = body
        self.maximum_iterations = maximum_iterations

    def call(self, loop_vars):
        return backend.control_flow.while_loop(
            self.cond, self.body, loop_vars, self.maximum_iterations
        )

    def compute_output_spec(self, loop_vars):
        return tree.map_structure(spec_like, loop_vars)


def while_loop(
    cond: Callable, body: Callable, loop_vars: Tensor, maximum_iterations: int | None = None
) -> Tensor:
    """Repeats ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)`` is True.

    Args:
        cond: a function of the loop variables returning a scalar boolean.
        body: a function of the loop variables returning new values with the
            same structure, shapes and dtypes.
        loop_vars: a tensor, or a tuple/list of tensors (then passed unpacked).
        maximum_iterations: an optional cap on the number of iterations.

    Returns:
        The final loop variables, in the structure of ``loop_vars``.

    Example:
    >>> out = keras_core.ops.while_loop(lambda i: i < 10, lambda i: i * 2, 1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    16
    """
    check_callable("while_loop", cond, "cond")
    check_callable("while_loop", body, "body")
    if maximum_iterations is not None:
        maximum_iterations = operator.index(maximum_iterations)
        if maximum_iterations < 0:
            raise ValueError(
                f"while_loop: `maximum_iterations` must be >= 0. Received: {maximum_iterations}"
            )
    if any_symbolic_tensors((loop_vars,)):
        return WhileLoop(cond, body, maximum_iterations).symbolic_call(loop_vars)
    return backend.control_flow.while_loop(cond, body, loop_vars, maximum_iterations)


class ForiLoop(Operation):
    def __init__(self, lower, upper, body_fun, name=None):
        super().__init__(name=name)
        self.lower = lower
        self.upper = upper
        self.body_fun = body_fun

    def call(self, init_val):
        return backend.control_flow.fori_loop(self.lower, self.upper, self.body_fun, init_val)

    def compute_output_spec(self, init_val):
        return tree.map_structure(spec_like, init_val)


def fori_loop(
    lower: int | Tensor, upper: int | Tensor, body_fun: Callable, init_val: Tensor
) -> Tensor:
    """Runs ``val = body_fun(i, val)`` for ``i`` from ``lower`` to ``upper - 1``.

    Args:
        lower: the first index (int or scalar int tensor).
        upper: the end index (exclusive).
        body_fun: a function ``(i, val) -> val`` keeping structure, shapes, dtypes.
        init_val: the initial value (a tensor or a structure of tensors).

    Returns:
        The final value.

    Example:
    >>> int(keras_core.ops.fori_loop(0, 5, lambda i, v: v + i, 0))
    10
    """
    check_callable("fori_loop", body_fun, "body_fun")
    if any_symbolic_tensors((init_val,)):
        return ForiLoop(lower, upper, body_fun).symbolic_call(init_val)
    return backend.control_flow.fori_loop(lower, upper, body_fun, init_val)


class Scan(_Probed):
    def __init__(self, f, length=None, reverse=False, unroll=1, name=None):
        super().__init__(name=name)
        self.f = f
        self.length = length
        self.reverse = reverse
        self.unroll = unroll

    def call(self, init, xs=None):
        return backend.control_flow.scan(self.f, init, xs, self.length, self.reverse, self.unroll)


def scan(
    f: Callable,
    init: Tensor,
    xs: Tensor = None,
    length: int | None = None,
    reverse: bool = False,
    unroll: int = 1,
) -> tuple:
    """Scans ``f`` over the leading axis of ``xs``, carrying a state.

    ``carry, y = f(carry, x)`` for each slice ``x`` of ``xs`` (in reverse order
    when ``reverse``); the ``y``'s are stacked.

    Args:
        f: a function ``(carry, x) -> (carry, y)``; the carry keeps its structure,
            shapes and dtypes.
        init: the initial carry.
        xs: a tensor or a structure of tensors with the same leading size, or None
            (then ``f`` gets None and ``length`` steps are run).
        length: the number of steps (required when ``xs`` is None).
        reverse: whether to scan from the end.
        unroll: a positive int or a bool, a hint for the compiler.

    Returns:
        ``(final_carry, stacked_ys)``.

    Example:
    >>> def step(c, x):
    ...     return c + x, c
    >>> out = keras_core.ops.scan(step, 0.0, keras_core.ops.arange(4.0))
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [6.0, [0.0, 0.0, 1.0, 3.0]]
    """
    check_callable("scan", f, "f")
    if xs is None and length is None:
        raise ValueError("scan: give `xs` or `length`. Received: xs=None, length=None")
    if length is not None:
        length = operator.index(length)
    if not isinstance(unroll, bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(f"scan: `unroll` must be a positive int or a bool. Received: {unroll!r}")
    sizes = (
        {shape_of(x)[0] for x in tree.flatten(xs) if len(shape_of(x))} if xs is not None else set()
    )
    sizes.discard(None)
    if len(sizes) > 1 or (length is not None and sizes and sizes != {length}):
        raise ValueError(
            f"scan: every tensor in `xs` must have the same leading size (and equal `length`). "
            f"Received leading sizes {sorted(sizes)}, length={length}"
        )
    if any_symbolic_tensors((init, xs)):
        return Scan(f, length, bool(reverse), unroll).symbolic_call(init, xs)
    return backend.control_flow.scan(f, init, xs, length, bool(reverse), unroll)


class AssociativeScan(_Probed):
    def __init__(self, f, reverse=False, axis=0, name=None):
        super().__init__(name=name)
        self.f = f
        self.reverse = reverse
        self.axis = axis

    def call(self, elems):
        return backend.control_flow.associative_scan(self.f, elems, self.reverse, self.axis)


def associative_scan(
    f: Callable, elems: Tensor, reverse: bool = False, axis: int | tuple = 0
) -> Tensor:
    """Inclusive scan with an associative binary function (e.g. a prefix sum).

    ``out[i] = f(out[i - 1], elems[i])`` along ``axis`` (from the end when
    ``reverse``); ``f`` must be associative and elementwise-vectorized, since
    backends may combine elements in any grouping.

    Args:
        f: an associative function ``(a, b) -> c`` of structures like ``elems``.
        elems: a tensor or a structure of tensors with the same size along ``axis``.
        reverse: whether to scan from the end.
        axis: the scanned axis.

    Returns:
        A structure like ``elems``.

    Example:
    >>> x = keras_core.ops.convert_to_tensor([1, 2, 3])
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.associative_scan(lambda a, b: a + b, x)).tolist()
    [1, 3, 6]
    """
    check_callable("associative_scan", f, "f")
    leaves = tree.flatten(elems)
    if not leaves:
        raise ValueError("associative_scan: `elems` must hold at least one tensor.")
    ndim = len(shape_of(leaves[0]))
    axis = canonicalize_axis(axis, ndim, "associative_scan")
    sizes = {shape_of(x)[axis] for x in leaves} - {None}
    if len(sizes) > 1:
        raise ValueError(
            f"associative_scan: every tensor in `elems` must have the same size along axis "
            f"{axis}. Received sizes {sorted(sizes)}"
        )
    if any_symbolic_tensors((elems,)):
        return AssociativeScan(f, bool(reverse), axis).symbolic_call(elems)
    return backend.control_flow.associative_scan(f, elems, bool(reverse), axis)


class Map(_Probed):
    def __init__(self, f, name=None):
        super().__init__(name=name)
        self.f = f

    def call(self, xs):
        return backend.control_flow.map(self.f, xs)


def map(f: Callable, xs: Tensor) -> Tensor:
    """Applies ``f`` to each slice of ``xs`` along its leading axis and stacks the results.

    Args:
        f: a function of one slice (a tensor or a structure like ``xs``).
        xs: a tensor or a structure of tensors with the same leading size.

    Returns:
        The stacked outputs of ``f``.

    Example:
    >>> out = keras_core.ops.map(lambda x: x * 2, keras_core.ops.arange(3.0))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 2.0, 4.0]
    """
    check_callable("map", f, "f")
    if any_symbolic_tensors((xs,)):
        return Map(f).symbolic_call(xs)
    return backend.control_flow.map(f, xs)


class VectorizedMap(Map):
    def call(self, elements):
        return backend.control_flow.vectorized_map(self.f, elements)


def vectorized_map(function: Callable, elements: Tensor) -> Tensor:
    """Maps ``function`` over the leading axis of ``elements``, vectorized where possible.

    Args:
        function: a function of one slice.
        elements: a tensor or a structure of tensors with the same leading size.

    Returns:
        The stacked outputs, as ``map`` would give.

    Example:
    >>> out = keras_core.ops.vectorized_map(lambda x: x + 1, keras_core.ops.zeros((2, 3)))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """
    check_callable("vectorized_map", function, "function")
    if any_symbolic_tensors((elements,)):
        return VectorizedMap(function).symbolic_call(elements)
    return backend.control_flow.vectorized_map(function, elements)


__all__ = op_names(__name__)
