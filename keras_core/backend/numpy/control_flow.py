"""The numpy backend's control flow ops (cond, switch, while_loop, fori_loop, scan,
associative_scan, map, vectorized_map): the ops declared in ``keras_core/ops/control_flow.py``.

Plain Python loops over NumPy arrays (the numpy backend runs eagerly, inference only).
"""

import numpy as np

from keras_core.backend.common import tree as _tree
from keras_core.backend.numpy.core import convert_to_tensor

UNSUPPORTED = {}


def _as_arrays(structure):
    return _tree.map_structure(
        lambda v: convert_to_tensor(v) if not callable(v) and v is not None else v, structure
    )


def _scalar_bool(pred, op):
    value = np.asarray(pred)
    if value.size != 1:
        raise ValueError(f"{op}: `pred` must be a scalar boolean. Received: shape={value.shape}")
    return bool(value.reshape(()))


def _cast_like(new, old):
    """Loop variables keep their dtypes from one iteration to the next."""
    flat_new, flat_old = _tree.flatten(new), _tree.flatten(old)
    cast = [
        np.asarray(convert_to_tensor(n)).astype(np.asarray(o).dtype)
        for n, o in zip(flat_new, flat_old)
    ]
    return _tree.pack_sequence_as(old, cast)


def cond(pred, true_fn, false_fn):
    return true_fn() if _scalar_bool(pred, "cond") else false_fn()


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_seq = isinstance(loop_vars, (list, tuple))
    state = tuple(_as_arrays(list(loop_vars))) if is_seq else (convert_to_tensor(loop_vars),)
    steps = 0
    while (maximum_iterations is None or steps < maximum_iterations) and _scalar_bool(
        cond(*state), "while_loop"
    ):
        out = body(*state)
        out = tuple(out) if is_seq else (out,)
        if len(out) != len(state):
            raise ValueError(
                f"while_loop: `body` must return {len(state)} loop variables. Received: {len(out)}"
            )
        state = tuple(_cast_like(o, s) for o, s in zip(out, state))
        steps += 1
    if not is_seq:
        return state[0]
    return list(state) if isinstance(loop_vars, list) else state


def fori_loop(lower, upper, body_fun, init_val):
    value = _as_arrays(init_val)
    for i in range(int(lower), int(upper)):
        value = body_fun(np.asarray(i, dtype=np.int32), value)
    return value


def _index_leaves(structure, i):
    return _tree.map_structure(lambda v: v[i], structure)


def _stack_leaves(items):
    flat = [_tree.flatten(item) for item in items]
    stacked = [np.stack([f[j] for f in flat]) for j in range(len(flat[0]))]
    return _tree.pack_sequence_as(items[0], stacked)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None and length is None:
        raise ValueError("scan: give `xs` or `length`. Received: xs=None, length=None")
    xs = _as_arrays(xs) if xs is not None else None
    n = length if length is not None else len(_tree.flatten(xs)[0])
    carry = _as_arrays(init)
    ys = []
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        carry, y = f(carry, None if xs is None else _index_leaves(xs, i))
        carry = _as_arrays(carry)
        ys.append(_as_arrays(y))
    if reverse:
        ys = ys[::-1]
    if not ys or ys[0] is None:
        return carry, None
    return carry, _stack_leaves(ys)


def associative_scan(f, elems, reverse=False, axis=0):
    elems = _as_arrays(elems)
    flat = _tree.flatten(elems)
    n = flat[0].shape[axis]
    moved = _tree.pack_sequence_as(elems, [np.moveaxis(v, axis, 0) for v in flat])
    order = list(range(n - 1, -1, -1)) if reverse else list(range(n))
    outs = [None] * n
    acc = None
    for i in order:
        item = _index_leaves(moved, i)
        acc = item if acc is None else (f(item, acc) if reverse else f(acc, item))
        acc = _as_arrays(acc)
        outs[i] = acc
    stacked = _stack_leaves(outs)
    return _tree.pack_sequence_as(elems, [np.moveaxis(v, 0, axis) for v in _tree.flatten(stacked)])


def switch(index, branches, *operands):
    i = int(np.clip(int(np.asarray(index)), 0, len(branches) - 1))
    return branches[i](*operands)


def map(f, xs):
    xs = _as_arrays(xs)
    n = len(_tree.flatten(xs)[0])
    return _stack_leaves([_as_arrays(f(_index_leaves(xs, i))) for i in range(n)])


def vectorized_map(function, elements):
    return map(function, elements)
