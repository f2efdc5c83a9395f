"""Core ops: tensor conversion, casting, shape queries, scatter and slice updates,
unstack, stop_gradient, custom_gradient, saturate_cast and rearrange.

Control-flow ops (cond, while_loop, scan, ...) live in ops/control_flow.py.
"""

import operator
import re
from typing import Any, Callable

import numpy as np

from keras_core import backend
from keras_core.backend.common import dtypes
from keras_core.backend.common.dtypes import standardize_dtype
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


class Cast(Operation):
    def __init__(self, dtype, name=None):
        super().__init__(name=name)
        self.dtype = dtypes.standardize_dtype(dtype)

    def call(self, x):
        return backend.core.cast(x, self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, dtype=self.dtype, sparse=x.sparse)


def cast(x: Tensor, dtype: str) -> Tensor:
    """Casts ``x`` to ``dtype``.

    Args:
        x: a tensor, array, scalar or KerasTensor.
        dtype: the target dtype name.

    Float to integer casts round toward zero.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cast([1.7, -1.2], "int32")).tolist()
    [1, -1]
    """
    dtype = dtypes.standardize_dtype(dtype)
    if any_symbolic_tensors((x,)):
        return Cast(dtype).symbolic_call(x)
    return backend.core.cast(x, dtype)


def convert_to_tensor(x: Tensor, dtype: str | None = None, sparse: bool = False) -> Tensor:
    """Converts ``x`` (array, list, scalar, tensor, Variable) to a backend tensor.

    Python ints become int32 and floats ``floatx()`` unless ``dtype`` is given.

    Example:
    >>> t = keras_core.ops.convert_to_tensor([1, 2, 3])
    >>> keras_core.backend.standardize_dtype(t.dtype)
    'int32'
    """
    if dtype is not None:
        dtype = dtypes.standardize_dtype(dtype)
    return backend.core.convert_to_tensor(x, dtype=dtype, sparse=sparse)


def convert_to_numpy(x: Tensor) -> np.ndarray:
    """Converts a tensor or Variable to a NumPy array.

    Example:
    >>> a = keras_core.ops.convert_to_numpy(keras_core.ops.convert_to_tensor([1.0]))
    >>> type(a).__name__, a.dtype.name, a.tolist()
    ('ndarray', 'float32', [1.0])
    """
    if isinstance(x, KerasTensor):
        raise ValueError(f"convert_to_numpy: a symbolic KerasTensor has no value. Received: x={x}")
    return backend.core.convert_to_numpy(x)


def is_tensor(x: Any) -> bool:
    """True when ``x`` is a tensor of the active backend (not a NumPy array).

    Example:
    >>> keras_core.ops.is_tensor(keras_core.ops.convert_to_tensor(1.0))
    True
    """
    return backend.core.is_tensor(x)


def shape(x: Tensor) -> tuple:
    """Returns the shape of ``x`` as a tuple (``None`` for unknown dims).

    Example:
    >>> keras_core.ops.shape(keras_core.KerasTensor((None, 4)))
    (None, 4)
    """
    if any_symbolic_tensors((x,)):
        return x.shape
    if not backend.core.is_tensor(x):
        x = backend.core.convert_to_tensor(x)
    return backend.core.shape(x)


def dtype(x: Tensor) -> str:
    """Returns the dtype name of ``x``.

    Example:
    >>> keras_core.ops.dtype(keras_core.ops.ones((2,), dtype="int8"))
    'int8'
    """
    if any_symbolic_tensors((x,)):
        return x.dtype
    return dtypes.standardize_dtype(backend.core.convert_to_tensor(x).dtype)


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
        return KerasTensor(self.shape, dtype=spec_like(values).dtype)


def scatter(indices: Tensor, values: Tensor, shape: int | tuple) -> Tensor:
    """A zero tensor of ``shape`` with ``values`` added at ``indices`` (duplicates add up).

    Args:
        indices: integers ``(..., k)``: the first ``k`` coordinates of each update.
        values: ``indices.shape[:-1] + shape[k:]``.
        shape: the output shape.

    Returns:
        A tensor of ``shape`` and ``values``' dtype.

    Example:
    >>> out = keras_core.ops.scatter([[0], [2], [0]], [1.0, 2.0, 3.0], (4,))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [4.0, 0.0, 2.0, 0.0]
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
        return spec_like(inputs)


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
    >>> out = keras_core.ops.scatter_update(keras_core.ops.zeros(4), [[1], [3]], [5.0, 6.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 5.0, 0.0, 6.0]
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
        return KerasTensor(self.shape, dtype=spec_like(inputs).dtype)


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
    >>> out = keras_core.ops.slice(keras_core.ops.arange(6), [2], [3])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2, 3, 4]
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
        return spec_like(inputs)


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
    >>> out = keras_core.ops.slice_update(keras_core.ops.zeros(5), [1], [1.0, 2.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 1.0, 2.0, 0.0, 0.0]
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
        return spec_like(variable)


def stop_gradient(variable: Tensor) -> Tensor:
    """Returns ``variable``'s value; gradients do not flow through it.

    Args:
        variable: a tensor or a Variable.

    Returns:
        A tensor with the same value.

    Example:
    >>> out = keras_core.ops.stop_gradient(keras_core.ops.ones(2))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 1.0]
    """
    if any_symbolic_tensors((variable,)):
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
    if any_symbolic_tensors((x,)):
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
    >>> keras_core.ops.convert_to_numpy(log1pexp(keras_core.ops.convert_to_tensor(0.0))).tolist()
    0.6931
    """
    check_callable("custom_gradient", f, "f")
    wrapped = backend.core.custom_gradient(f)

    def call(*args, **kwargs):
        if any_symbolic_tensors(args, kwargs):
            return _CustomGradientCall(f).symbolic_call(*args, **kwargs)
        return wrapped(*args, **kwargs)

    call.__name__ = getattr(f, "__name__", "custom_gradient")
    call.__doc__ = getattr(f, "__doc__", None)
    return call


class _CustomGradientCall(Operation):
    def __init__(self, f, name=None):
        super().__init__(name=name)
        self.f = f

    def call(self, *args, **kwargs):
        return self.f(*args, **kwargs)[0]

    def compute_output_spec(self, *args, **kwargs):
        return backend.compute_output_spec(self.call, *args, **kwargs)


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
    >>> out = keras_core.ops.saturate_cast([-1.0, 300.0], "uint8")
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0, 255]
    """
    dtype = standardize_dtype(dtype)
    if any_symbolic_tensors((x,)):
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
    >>> x = keras_core.ops.zeros((2, 6, 3))
    >>> keras_core.ops.shape(keras_core.ops.rearrange(x, "b (h w) c -> b c h w", h=2))
    (2, 3, 2, 3)
    """
    _rearrange_plan(pattern, tuple(shape_of(tensor)), axes_lengths)
    if any_symbolic_tensors((tensor,)):
        return Rearrange(pattern, dict(axes_lengths)).symbolic_call(tensor)
    return _rearrange_eager(tensor, pattern, axes_lengths)


__all__ = op_names(__name__)
