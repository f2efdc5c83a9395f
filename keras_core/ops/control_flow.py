"""Control flow and structural ops: cond, loops, scans, scatter/slice updates, ...

Functions passed to these ops (``true_fn``, ``body``, ``f``, ...) should be
built from keras_core ops so that they run on every backend, eagerly and
inside ``jax.jit`` / ``tf.function``. Symbolic (KerasTensor) inputs are traced
with the active backend's shape inference.
"""

import operator
import re
from typing import Any, Callable

from keras_core import backend
from keras_core.backend.common import dtype_rules, tree
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import canonicalize_axis, shape_of
from keras_core.ops.operation import Operation

# A backend tensor, a KerasTensor, a NumPy array, a nested list or a number.
Tensor = Any

__all__ = [
    "associative_scan",
    "cond",
    "custom_gradient",
    "fori_loop",
    "map",
    "rearrange",
    "saturate_cast",
    "scan",
    "scatter",
    "scatter_update",
    "slice",
    "slice_update",
    "stop_gradient",
    "switch",
    "unstack",
    "vectorized_map",
    "while_loop",
]


def _check_callable(op, fn, name):
    if not callable(fn):
        raise TypeError(f"{op}: `{name}` must be callable. Received: {name}={fn!r}")


def _spec_like(x):
    if isinstance(x, KerasTensor):
        return KerasTensor(x.shape, dtype=x.dtype)
    return KerasTensor(shape_of(x), dtype=dtype_rules.result_type(dtype_rules.dtype_of(x)))


class _Probed(Operation):
    """An op whose output spec comes from the backend's shape inference of ``call``."""

    def compute_output_spec(self, *args, **kwargs):
        return backend.compute_output_spec(self.call, *args, **kwargs)


# ---------------------------------------------------------------------------
# Conditionals


class Cond(Operation):
    def call(self, pred, true_fn, false_fn):
        return backend.core.cond(pred, true_fn, false_fn)

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
            da = (
                a.dtype
                if isinstance(a, KerasTensor)
                else dtype_rules.result_type(dtype_rules.dtype_of(a))
            )
            db = (
                b.dtype
                if isinstance(b, KerasTensor)
                else dtype_rules.result_type(dtype_rules.dtype_of(b))
            )
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
    >>> keras_core.ops.cond(x > 1, lambda: x * 2, lambda: x)  # 4.0
    """
    _check_callable("cond", true_fn, "true_fn")
    _check_callable("cond", false_fn, "false_fn")
    if isinstance(pred, KerasTensor):
        if pred.shape not in ((), (1,)) and None not in pred.shape:
            raise ValueError(f"cond: `pred` must be a scalar. Received: pred.shape={pred.shape}")
        return Cond().symbolic_call(pred, true_fn, false_fn)
    return backend.core.cond(pred, true_fn, false_fn)


class Switch(_Probed):
    def call(self, index, branches, *operands):
        return backend.core.switch(index, branches, *operands)


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
    >>> keras_core.ops.switch(1, fns, keras_core.ops.convert_to_tensor(2.0))  # 20.0
    """
    if not isinstance(branches, (list, tuple)) or not branches:
        raise ValueError(f"switch: `branches` must be a non-empty list. Received: {branches!r}")
    for i, b in enumerate(branches):
        _check_callable("switch", b, f"branches[{i}]")
    if any_symbolic_tensors((index,) + operands):
        return Switch().symbolic_call(index, branches, *operands)
    return backend.core.switch(index, branches, *operands)


# ---------------------------------------------------------------------------
# Loops


class WhileLoop(Operation):
    def __init__(self, cond, body, maximum_iterations=None, name=None):
        super().__init__(name=name)
        self.cond = cond
        self.body = body
        self.maximum_iterations = maximum_iterations

    def call(self, loop_vars):
        return backend.core.while_loop(self.cond, self.body, loop_vars, self.maximum_iterations)

    def compute_output_spec(self, loop_vars):
        return tree.map_structure(_spec_like, loop_vars)


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
    >>> keras_core.ops.while_loop(lambda i: i < 10, lambda i: i * 2, 1)  # 16
    """
    _check_callable("while_loop", cond, "cond")
    _check_callable("while_loop", body, "body")
    if maximum_iterations is not None:
        maximum_iterations = operator.index(maximum_iterations)
        if maximum_iterations < 0:
            raise ValueError(
                f"while_loop: `maximum_iterations` must be >= 0. Received: {maximum_iterations}"
            )
    if any_symbolic_tensors((loop_vars,)):
        return WhileLoop(cond, body, maximum_iterations).symbolic_call(loop_vars)
    return backend.core.while_loop(cond, body, loop_vars, maximum_iterations)


class ForiLoop(Operation):
    def __init__(self, lower, upper, body_fun, name=None):
        super().__init__(name=name)
        self.lower = lower
        self.upper = upper
        self.body_fun = body_fun

    def call(self, init_val):
        return backend.core.fori_loop(self.lower, self.upper, self.body_fun, init_val)

    def compute_output_spec(self, init_val):
        return tree.map_structure(_spec_like, init_val)


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
    >>> keras_core.ops.fori_loop(0, 5, lambda i, v: v + i, 0)  # 10
    """
    _check_callable("fori_loop", body_fun, "body_fun")
    if any_symbolic_tensors((init_val,)):
        return ForiLoop(lower, upper, body_fun).symbolic_call(init_val)
    return backend.core.fori_loop(lower, upper, body_fun, init_val)


class Scan(_Probed):
    def __init__(self, f, length=None, reverse=False, unroll=1, name=None):
        super().__init__(name=name)
        self.f = f
        self.length = length
        self.reverse = reverse
        self.unroll = unroll

    def call(self, init, xs=None):
        return backend.core.scan(self.f, init, xs, self.length, self.reverse, self.unroll)


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
    >>> keras_core.ops.scan(step, 0.0, keras_core.ops.arange(4.0))  # (6.0, [0., 0., 1., 3.])
    """
    _check_callable("scan", f, "f")
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
    return backend.core.scan(f, init, xs, length, bool(reverse), unroll)


class AssociativeScan(_Probed):
    def __init__(self, f, reverse=False, axis=0, name=None):
        super().__init__(name=name)
        self.f = f
        self.reverse = reverse
        self.axis = axis

    def call(self, elems):
        return backend.core.associative_scan(self.f, elems, self.reverse, self.axis)


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
    >>> keras_core.ops.associative_scan(lambda a, b: a + b, [1, 2, 3])  # [1, 3, 6]
    """
    _check_callable("associative_scan", f, "f")
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
    return backend.core.associative_scan(f, elems, bool(reverse), axis)


class Map(_Probed):
    def __init__(self, f, name=None):
        super().__init__(name=name)
        self.f = f

    def call(self, xs):
        return backend.core.map(self.f, xs)


def map(f: Callable, xs: Tensor) -> Tensor:
    """Applies ``f`` to each slice of ``xs`` along its leading axis and stacks the results.

    Args:
        f: a function of one slice (a tensor or a structure like ``xs``).
        xs: a tensor or a structure of tensors with the same leading size.

    Returns:
        The stacked outputs of ``f``.

    Example:
    >>> keras_core.ops.map(lambda x: x * 2, keras_core.ops.arange(3.0))  # [0., 2., 4.]
    """
    _check_callable("map", f, "f")
    if any_symbolic_tensors((xs,)):
        return Map(f).symbolic_call(xs)
    return backend.core.map(f, xs)


class VectorizedMap(Map):
    def call(self, elements):
        return backend.core.vectorized_map(self.f, elements)


def vectorized_map(function: Callable, elements: Tensor) -> Tensor:
    """Maps ``function`` over the leading axis of ``elements``, vectorized where possible.

    Args:
        function: a function of one slice.
        elements: a tensor or a structure of tensors with the same leading size.

    Returns:
        The stacked outputs, as ``map`` would give.

    Example:
    >>> keras_core.ops.vectorized_map(lambda x: x + 1, keras_core.ops.zeros((2, 3)))
    """
    _check_callable("vectorized_map", function, "function")
    if any_symbolic_tensors((elements,)):
        return VectorizedMap(function).symbolic_call(elements)
    return backend.core.vectorized_map(function, elements)


# ---------------------------------------------------------------------------
# Scatter and slices


def _check_indices(op, indices, target_rank):
    s = shape_of(indices)
    if len(s) < 1 or (s[-1] is not None and s[-1] > target_rank):
        raise ValueError(
            f"{op}: `indices` must have shape (..., k) with k <= {target_rank} (the rank of "
            f"the target). Received: indices.shape={tuple(s)}"
        )
    return s


class Scatter(Operation):
    def __init__(self, shape, name=None):
        super().__init__(name=name)
        self.shape = shape

    def call(self, indices, values):
        return backend.core.scatter(indices, values, self.shape)

    def compute_output_spec(self, indices, values):
        return KerasTensor(self.shape, dtype=_spec_like(values).dtype)


def scatter(indices: Tensor, values: Tensor, shape: int | tuple) -> Tensor:
    """A zero tensor of ``shape`` with ``values`` added at ``indices`` (duplicates add up).

    Args:
        indices: integers ``(..., k)``: the first ``k`` coordinates of each update.
        values: ``indices.shape[:-1] + shape[k:]``.
        shape: the output shape.

    Returns:
        A tensor of ``shape`` and ``values``' dtype.

    Example:
    >>> keras_core.ops.scatter([[0], [2], [0]], [1.0, 2.0, 3.0], (4,))  # [4., 0., 2., 0.]
    """
    try:
        shape = tuple(operator.index(d) for d in shape)
    except TypeError as e:
        raise TypeError(
            f"scatter: `shape` must be a tuple of ints. Received: shape={shape!r}"
        ) from e
    s = _check_indices("scatter", indices, len(shape))
    vs = shape_of(values)
    k = s[-1]
    if k is not None:
        expected = tuple(s[:-1]) + shape[k:]
        if len(vs) != len(expected) or any(
            a is not None and b is not None and a != b for a, b in zip(vs, expected)
        ):
            raise ValueError(
                f"scatter: `values` must have shape indices.shape[:-1] + shape[k:] = {expected}. "
                f"Received: values.shape={tuple(vs)}"
            )
    if any_symbolic_tensors((indices, values)):
        return Scatter(shape).symbolic_call(indices, values)
    return backend.core.scatter(indices, values, shape)


class ScatterUpdate(Operation):
    def __init__(self, reduction=None, name=None):
        super().__init__(name=name)
        self.reduction = reduction

    def call(self, inputs, indices, updates):
        if self.reduction is None:
            return backend.core.scatter_update(inputs, indices, updates)
        return backend.core.scatter_update(inputs, indices, updates, reduction=self.reduction)

    def compute_output_spec(self, inputs, indices, updates):
        return _spec_like(inputs)


_REDUCTIONS = (None, "add", "mul", "max", "min")


def scatter_update(
    inputs: Tensor, indices: Tensor, updates: Tensor, reduction: str | None = None
) -> Tensor:
    """Writes (or combines) ``updates`` into a copy of ``inputs`` at ``indices``.

    Args:
        inputs: the tensor to update.
        indices: integers ``(n, k)``: the first ``k`` coordinates of each update.
        updates: ``(n,) + inputs.shape[k:]``, cast to ``inputs``' dtype.
        reduction: None (replace; with duplicate indices one of the updates wins),
            "add", "mul", "max" or "min".

    Returns:
        The updated tensor (same shape and dtype as ``inputs``).

    Example:
    >>> keras_core.ops.scatter_update(keras_core.ops.zeros(4), [[1], [3]], [5.0, 6.0])
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(
            f"scatter_update: `reduction` must be one of {_REDUCTIONS}. "
            f"Received: reduction={reduction!r}"
        )
    in_shape = tuple(shape_of(inputs))
    s = _check_indices("scatter_update", indices, len(in_shape))
    if len(s) != 2:
        raise ValueError(
            f"scatter_update: `indices` must have shape (n, k). Received: indices.shape={tuple(s)}"
        )
    us = shape_of(updates)
    k = s[-1]
    if k is not None:
        expected = (s[0],) + in_shape[k:]
        if len(us) != len(expected) or any(
            a is not None and b is not None and a != b for a, b in zip(us, expected)
        ):
            raise ValueError(
                f"scatter_update: `updates` must have shape (n,) + inputs.shape[k:] = {expected}. "
                f"Received: updates.shape={tuple(us)}, inputs.shape={in_shape}"
            )
    if any_symbolic_tensors((inputs, indices, updates)):
        return ScatterUpdate(reduction).symbolic_call(inputs, indices, updates)
    if reduction is None:
        return backend.core.scatter_update(inputs, indices, updates)
    return backend.core.scatter_update(inputs, indices, updates, reduction=reduction)


class Slice(Operation):
    def __init__(self, shape, name=None):
        super().__init__(name=name)
        self.shape = shape

    def call(self, inputs, start_indices):
        return backend.core.slice(inputs, start_indices, self.shape)

    def compute_output_spec(self, inputs, start_indices):
        return KerasTensor(self.shape, dtype=_spec_like(inputs).dtype)


def _check_starts(op, inputs, start_indices):
    rank = len(shape_of(inputs))
    if isinstance(start_indices, (list, tuple)):
        n = len(start_indices)
    else:
        ss = shape_of(start_indices)
        n = ss[0] if len(ss) == 1 else None
        if len(ss) != 1:
            raise ValueError(
                f"{op}: `start_indices` must be a list or a 1-D tensor. Received: shape={tuple(ss)}"
            )
    if n is not None and n != rank:
        raise ValueError(
            f"{op}: `start_indices` must have one entry per axis of `inputs` ({rank}). "
            f"Received: {n} entries"
        )


def slice(inputs: Tensor, start_indices: Tensor, shape: int | tuple) -> Tensor:
    """A slice of ``shape`` starting at ``start_indices`` (which may be tensors).

    Starts are clamped so that the slice lies inside ``inputs``.

    Args:
        inputs: the tensor.
        start_indices: one start per axis (ints or a 1-D int tensor).
        shape: the slice shape (ints).

    Returns:
        A tensor of ``shape``.

    Example:
    >>> keras_core.ops.slice(keras_core.ops.arange(6), [2], [3])  # [2, 3, 4]
    """
    try:
        shape = tuple(operator.index(d) for d in shape)
    except TypeError as e:
        raise TypeError(f"slice: `shape` must be a tuple of ints. Received: shape={shape!r}") from e
    in_shape = tuple(shape_of(inputs))
    _check_starts("slice", inputs, start_indices)
    if len(shape) != len(in_shape) or any(
        n is not None and (d < 0 or d > n) for d, n in zip(shape, in_shape)
    ):
        raise ValueError(
            f"slice: `shape` must have one size per axis, each within the input. "
            f"Received: shape={shape}, inputs.shape={in_shape}"
        )
    if any_symbolic_tensors((inputs, start_indices)):
        return Slice(shape).symbolic_call(inputs, start_indices)
    return backend.core.slice(inputs, start_indices, shape)


class SliceUpdate(Operation):
    def call(self, inputs, start_indices, updates):
        return backend.core.slice_update(inputs, start_indices, updates)

    def compute_output_spec(self, inputs, start_indices, updates):
        return _spec_like(inputs)


def slice_update(inputs: Tensor, start_indices: Tensor, updates: Tensor) -> Tensor:
    """Writes ``updates`` into a copy of ``inputs`` starting at ``start_indices``.

    Starts are clamped so that the update lies inside ``inputs``.

    Args:
        inputs: the tensor.
        start_indices: one start per axis (ints or a 1-D int tensor).
        updates: a tensor of the same rank, cast to ``inputs``' dtype.

    Returns:
        The updated tensor (same shape and dtype as ``inputs``).

    Example:
    >>> keras_core.ops.slice_update(keras_core.ops.zeros(5), [1], [1.0, 2.0])  # [0, 1, 2, 0, 0]
    """
    in_shape, up_shape = tuple(shape_of(inputs)), tuple(shape_of(updates))
    _check_starts("slice_update", inputs, start_indices)
    if len(up_shape) != len(in_shape) or any(
        a is not None and b is not None and a > b for a, b in zip(up_shape, in_shape)
    ):
        raise ValueError(
            "slice_update: `updates` must have the rank of `inputs` and fit inside it. "
            f"Received: updates.shape={up_shape}, inputs.shape={in_shape}"
        )
    if any_symbolic_tensors((inputs, start_indices, updates)):
        return SliceUpdate().symbolic_call(inputs, start_indices, updates)
    return backend.core.slice_update(inputs, start_indices, updates)


# ---------------------------------------------------------------------------
# Gradients, unstack, casts


class StopGradient(Operation):
    def call(self, variable):
        return backend.core.stop_gradient(variable)

    def compute_output_spec(self, variable):
        return _spec_like(variable)


def stop_gradient(variable: Tensor) -> Tensor:
    """Returns ``variable``'s value; gradients do not flow through it.

    Args:
        variable: a tensor or a Variable.

    Returns:
        A tensor with the same value.

    Example:
    >>> keras_core.ops.stop_gradient(keras_core.ops.ones(2))  # [1., 1.]
    """
    if isinstance(variable, KerasTensor):
        return StopGradient().symbolic_call(variable)
    return backend.core.stop_gradient(variable)


class Unstack(Operation):
    def __init__(self, num=None, axis=0, name=None):
        super().__init__(name=name)
        self.num = num
        self.axis = axis

    def call(self, x):
        return backend.core.unstack(x, self.num, self.axis)

    def compute_output_spec(self, x):
        shape = list(x.shape)
        n = shape.pop(self.axis)
        if n is None:
            n = self.num
        if n is None:
            raise ValueError(
                f"unstack: the size of axis {self.axis} is unknown; pass `num`. "
                f"Received: x.shape={x.shape}"
            )
        return [KerasTensor(tuple(shape), dtype=x.dtype) for _ in range(n)]


def unstack(x: Tensor, num: int | None = None, axis: int = 0) -> list:
    """Splits ``x`` along ``axis`` into a list of tensors of rank ``x.ndim - 1``.

    Args:
        x: a tensor of rank >= 1.
        num: the expected size of ``axis`` (needed when it is unknown).
        axis: the axis to unstack.

    Returns:
        A list of ``x.shape[axis]`` tensors.

    Example:
    >>> len(keras_core.ops.unstack(keras_core.ops.zeros((3, 2))))
    3
    """
    shape = shape_of(x)
    if len(shape) < 1:
        raise ValueError(f"unstack: `x` must have rank >= 1. Received: shape={tuple(shape)}")
    axis = canonicalize_axis(axis, len(shape), "unstack")
    if num is not None:
        num = operator.index(num)
        if shape[axis] is not None and num != shape[axis]:
            raise ValueError(
                f"unstack: `num` ({num}) must equal the size of axis {axis} ({shape[axis]}). "
                f"Received: x.shape={tuple(shape)}"
            )
    if isinstance(x, KerasTensor):
        return Unstack(num, axis).symbolic_call(x)
    return backend.core.unstack(x, num, axis)


def custom_gradient(f: Callable) -> Callable:
    """Decorator: ``f(*args)`` returns ``(output, grad_fn)``; ``grad_fn(upstream)``
    returns the gradients with respect to ``f``'s tensor arguments.

    Args:
        f: the function to wrap.

    Returns:
        A function computing ``f``'s output whose gradient is given by ``grad_fn``.

    Example:
    >>> @keras_core.ops.custom_gradient
    ... def log1pexp(x):
    ...     e = keras_core.ops.exp(x)
    ...     return keras_core.ops.log1p(e), lambda upstream: upstream * (1 - 1 / (1 + e))
    >>> log1pexp(keras_core.ops.convert_to_tensor(0.0))  # 0.6931472
    """
    _check_callable("custom_gradient", f, "f")
    wrapped = backend.core.custom_gradient(f)

    def call(*args, **kwargs):
        if any_symbolic_tensors(args, kwargs):
            return _CustomGradientCall(f).symbolic_call(*args, **kwargs)
        return wrapped(*args, **kwargs)

    call.__name__ = getattr(f, "__name__", "custom_gradient")
    call.__doc__ = getattr(f, "__doc__", None)
    return call


class _CustomGradientCall(_Probed):
    def __init__(self, f, name=None):
        super().__init__(name=name)
        self.f = f

    def call(self, *args, **kwargs):
        return self.f(*args, **kwargs)[0]


class SaturateCast(Operation):
    def __init__(self, dtype, name=None):
        super().__init__(name=name)
        self.dtype = dtype

    def call(self, x):
        return backend.core.saturate_cast(x, self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=self.dtype)


def saturate_cast(x: Tensor, dtype: str) -> Tensor:
    """Casts ``x`` to ``dtype``, clipping values to ``dtype``'s range first.

    Float to integer casts truncate toward zero after clipping (NaN is
    unspecified); casts between floats clip to the target's finite range.

    Args:
        x: a tensor.
        dtype: the target dtype.

    Returns:
        A tensor of ``dtype``.

    Example:
    >>> keras_core.ops.saturate_cast([-1.0, 300.0], "uint8")  # [0, 255]
    """
    dtype = standardize_dtype(dtype)
    if isinstance(x, KerasTensor):
        return SaturateCast(dtype).symbolic_call(x)
    return backend.core.saturate_cast(x, dtype)


# ---------------------------------------------------------------------------
# rearrange (einops-style)


_TOKEN = re.compile(r"\(|\)|[A-Za-z_][A-Za-z0-9_]*|\S")


def _parse_side(op, text):
    groups, current = [], None
    for tok in _TOKEN.findall(text):
        if tok == "(":
            if current is not None:
                raise ValueError(f"{op}: nested parentheses are not allowed. Received: {text!r}")
            current = []
        elif tok == ")":
            if current is None:
                raise ValueError(f"{op}: unbalanced parentheses. Received: {text!r}")
            groups.append(tuple(current))
            current = None
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", tok):
            if current is None:
                groups.append((tok,))
            else:
                current.append(tok)
        else:
            raise ValueError(
                f"{op}: unsupported token {tok!r} in the pattern (use names and "
                f"parenthesized groups). Received: {text!r}"
            )
    if current is not None:
        raise ValueError(f"{op}: unbalanced parentheses. Received: {text!r}")
    return groups


def _rearrange_plan(pattern, in_shape, axes_lengths):
    op = "rearrange"
    if not isinstance(pattern, str) or pattern.count("->") != 1:
        raise ValueError(f"{op}: `pattern` must be 'left -> right'. Received: {pattern!r}")
    left_text, right_text = pattern.split("->")
    left, right = _parse_side(op, left_text), _parse_side(op, right_text)
    left_names = [n for g in left for n in g]
    right_names = [n for g in right for n in g]
    if len(set(left_names)) != len(left_names) or len(set(right_names)) != len(right_names):
        raise ValueError(f"{op}: an axis name is repeated. Received: {pattern!r}")
    if set(left_names) != set(right_names):
        raise ValueError(f"{op}: both sides must use the same axis names. Received: {pattern!r}")
    if len(left) != len(in_shape):
        raise ValueError(
            f"{op}: the left side has {len(left)} axes but the tensor has rank "
            f"{len(in_shape)}. Received: pattern={pattern!r}, shape={tuple(in_shape)}"
        )
    sizes = {k: operator.index(v) for k, v in axes_lengths.items()}
    unknown = set(sizes) - set(left_names)
    if unknown:
        raise ValueError(f"{op}: `axes_lengths` names {sorted(unknown)} are not in the pattern.")
    for group, dim in zip(left, in_shape):
        missing = [n for n in group if n not in sizes]
        known = 1
        for n in group:
            if n in sizes:
                known *= sizes[n]
        if len(missing) > 1:
            raise ValueError(
                f"{op}: give the sizes of all but one axis of the group {group} in "
                f"`axes_lengths`. Received: {axes_lengths}"
            )
        if missing:
            sizes[missing[0]] = None if dim is None else dim // known
            if dim is not None and known * sizes[missing[0]] != dim:
                raise ValueError(
                    f"{op}: the axis of size {dim} cannot be split into {group} with "
                    f"{axes_lengths}."
                )
        elif dim is not None and known != dim:
            raise ValueError(
                f"{op}: the group {group} has size {known} but the axis has size {dim}."
            )
    perm = [left_names.index(n) for n in right_names]
    out_shape = []
    for group in right:
        size = 1
        for n in group:
            if sizes[n] is None:
                size = None
                break
            size *= sizes[n]
        out_shape.append(size)
    return [sizes[n] for n in left_names], perm, tuple(out_shape)


def _rearrange_eager(tensor, pattern, axes_lengths):
    x = backend.core.convert_to_tensor(tensor)
    elementary, perm, out_shape = _rearrange_plan(pattern, backend.core.shape(x), axes_lengths)
    x = backend.numpy.reshape(x, tuple(elementary))
    x = backend.numpy.transpose(x, tuple(perm))
    return backend.numpy.reshape(x, out_shape)


class Rearrange(Operation):
    def __init__(self, pattern, axes_lengths, name=None):
        super().__init__(name=name)
        self.pattern = pattern
        self.axes_lengths = axes_lengths

    def call(self, tensor):
        return _rearrange_eager(tensor, self.pattern, self.axes_lengths)

    def compute_output_spec(self, tensor):
        _, _, out_shape = _rearrange_plan(self.pattern, tensor.shape, self.axes_lengths)
        return KerasTensor(out_shape, dtype=tensor.dtype)


def rearrange(tensor: Tensor, pattern: str, **axes_lengths: int) -> Tensor:
    """Reshapes and transposes with an einops-style pattern such as ``"b (h w) c -> b c h w"``.

    Axis names on the left name the input's axes (a parenthesized group splits
    one axis); the right side orders them (a group merges axes).

    Args:
        tensor: the input tensor.
        pattern: ``"left -> right"`` with axis names and parenthesized groups.
        **axes_lengths: sizes of axes that a split cannot infer.

    Returns:
        The rearranged tensor.

    Example:
    >>> keras_core.ops.rearrange(keras_core.ops.zeros((2, 6, 3)), "b (h w) c -> b c h w",
    ...                          h=2).shape
    (2, 3, 2, 3)
    """
    _rearrange_plan(pattern, tuple(shape_of(tensor)), axes_lengths)
    if isinstance(tensor, KerasTensor):
        return Rearrange(pattern, dict(axes_lengths)).symbolic_call(tensor)
    return _rearrange_eager(tensor, pattern, axes_lengths)
