"""The torch backend's control flow ops (cond, switch, while_loop, fori_loop, scan,
associative_scan, map, vectorized_map): the ops declared in ``keras_core/ops/control_flow.py``.

torch runs these eagerly in Python; autograd follows every branch and iteration that
actually ran, so gradients flow through the results.
"""

import torch

from keras_core.backend.common.tree import flatten as _flatten
from keras_core.backend.common.tree import pack_sequence_as as _pack
from keras_core.backend.torch.core import Variable, _as_int, convert_to_tensor

UNSUPPORTED = {}


def _as_bool(pred):
    if isinstance(pred, Variable):
        pred = pred.value
    if isinstance(pred, torch.Tensor):
        if pred.numel() != 1:
            raise ValueError(f"The predicate must be a scalar. Received shape {tuple(pred.shape)}")
        return bool(pred.reshape(()))
    return bool(pred)


def cond(pred, true_fn, false_fn):
    return true_fn() if _as_bool(pred) else false_fn()


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = tuple(loop_vars) if is_sequence else (loop_vars,)
    limit = None if maximum_iterations is None else _as_int(maximum_iterations)
    step = 0
    while (limit is None or step < limit) and _as_bool(cond(*state)):
        out = body(*state)
        state = tuple(out) if isinstance(out, (list, tuple)) else (out,)
        step += 1
    if not is_sequence:
        return state[0]
    return list(state) if isinstance(loop_vars, list) else state


def fori_loop(lower, upper, body_fun, init_val):
    val = init_val
    for i in range(_as_int(lower), _as_int(upper)):
        val = body_fun(i, val)
    return val


def _stack_structure(items):
    # items: a list of same-structure results -> one structure of stacked tensors.
    flats = [_flatten(item) for item in items]
    stacked = [
        None if parts[0] is None else torch.stack([convert_to_tensor(p) for p in parts])
        for parts in zip(*flats)
    ]
    return _pack(items[0], stacked)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if isinstance(unroll, bool):
        unroll = 1
    if not isinstance(unroll, int) or unroll < 1:
        raise ValueError(
            f"scan: `unroll` must be a positive int or a bool. Received: unroll={unroll!r}"
        )
    leaves = [convert_to_tensor(v) for v in _flatten(xs)] if xs is not None else []
    if xs is None and length is None:
        raise ValueError("scan: `length` is required when `xs` is None.")
    n = leaves[0].shape[0] if leaves else _as_int(length)
    if length is not None and _as_int(length) != n:
        raise ValueError(
            f"scan: `length` ({length}) does not match the leading axis of `xs` ({n})."
        )
    carry = init
    ys = []
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        x = _pack(xs, [leaf[i] for leaf in leaves]) if xs is not None else None
        carry, y = f(carry, x)
        ys.append(y)
    if reverse:
        ys.reverse()
    if not ys:
        return carry, None
    if all(v is None for v in _flatten(ys[0])) and _flatten(ys[0]):
        return carry, ys[0]
    return carry, _stack_structure(ys)


def associative_scan(f, elems, reverse=False, axis=0):
    leaves = [convert_to_tensor(v) for v in _flatten(elems)]
    if not leaves:
        raise ValueError("associative_scan: `elems` has no tensors.")
    ndim = leaves[0].ndim
    if not -ndim <= axis < ndim:
        raise ValueError(f"associative_scan: axis {axis} is out of range for rank {ndim}.")
    axis = axis % ndim
    n = leaves[0].shape[axis]
    if any(leaf.shape[axis] != n for leaf in leaves):
        raise ValueError(
            f"associative_scan: every leaf of `elems` must have the same size along axis {axis}."
        )
    if reverse:
        leaves = [torch.flip(leaf, (axis,)) for leaf in leaves]

    def combine(a, b):
        out = f(_pack(elems, a), _pack(elems, b))
        return [convert_to_tensor(v) for v in _flatten(out)]

    # Hillis-Steele prefix scan: log2(n) rounds of f on shifted slices.
    offset = 1
    while offset < n:
        head = [leaf.narrow(axis, 0, offset) for leaf in leaves]
        left = [leaf.narrow(axis, 0, n - offset) for leaf in leaves]
        right = [leaf.narrow(axis, offset, n - offset) for leaf in leaves]
        tail = combine(left, right)
        leaves = [torch.cat([h, t], dim=axis) for h, t in zip(head, tail)]
        offset *= 2
    if reverse:
        leaves = [torch.flip(leaf, (axis,)) for leaf in leaves]
    return _pack(elems, leaves)


def switch(index, branches, *operands):
    if not branches:
        raise ValueError("switch: `branches` must not be empty.")
    i = min(max(_as_int(index), 0), len(branches) - 1)
    return branches[i](*operands)


def map(f, xs):
    leaves = [convert_to_tensor(v) for v in _flatten(xs)]
    if not leaves:
        raise ValueError("map: `xs` has no tensors.")
    n = leaves[0].shape[0]
    results = [f(_pack(xs, [leaf[i] for leaf in leaves])) for i in range(n)]
    if not results:
        raise ValueError("map: `xs` has a leading axis of size 0.")
    return _stack_structure(results)


def vectorized_map(function, elements):
    leaves = [convert_to_tensor(v) for v in _flatten(elements)]
    return torch.vmap(lambda *ls: function(_pack(elements, list(ls))))(*leaves)
