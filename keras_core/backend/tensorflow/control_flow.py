"""The tensorflow backend's control flow (keras_core/ops/control_flow.py):
cond, switch, while_loop, fori_loop, scan, associative_scan, map, vectorized_map.
"""

import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.common import tree as _tree
from keras_core.backend.common.tree import map_structure
from keras_core.backend.tensorflow.core import convert_to_tensor


def _match_structure(template, value):
    """Repacks ``value`` like ``template`` and casts each leaf to the template leaf's dtype."""
    flat_t = _tree.flatten(template)
    flat_v = _tree.flatten(value)
    if len(flat_t) != len(flat_v):
        raise ValueError(
            "The loop body must return the same structure as its inputs. Received "
            f"{len(flat_v)} values for {len(flat_t)} loop variables."
        )
    cast = [tf.cast(convert_to_tensor(v), t.dtype) for t, v in zip(flat_t, flat_v)]
    return _tree.pack_sequence_as(template, cast)


def _to_tensors(structure):
    return map_structure(lambda v: convert_to_tensor(v) if v is not None else None, structure)


def _spec_of(structure):
    return map_structure(
        lambda t: tf.TensorSpec(t.shape, t.dtype) if tf.is_tensor(t) else t, structure
    )


def _output_spec(fn, *args):
    """Traces ``fn`` on specs of ``args`` (no execution) and returns its symbolic outputs."""
    # autograph=False: `fn` is traced once for its output structure only; converting it
    # (autograph) took most of an eager scan's time.
    concrete = tf.function(fn, autograph=False).get_concrete_function(*_spec_of(args))
    return concrete.structured_outputs


def cond(pred, true_fn, false_fn):
    if isinstance(pred, (bool, np.bool_)):
        return true_fn() if pred else false_fn()
    pred = convert_to_tensor(pred)
    if pred.shape.rank not in (None, 0) and pred.shape.num_elements() != 1:
        raise ValueError(
            f"cond: `pred` must be a scalar. Received: pred.shape={tuple(pred.shape.as_list())}"
        )
    return tf.cond(tf.cast(tf.reshape(pred, []), "bool"), true_fn, false_fn)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = tuple(_to_tensors(list(loop_vars))) if is_sequence else (convert_to_tensor(loop_vars),)

    def loop_cond(*args):
        return cond(*args)

    def loop_body(*args):
        out = body(*args)
        if not is_sequence or not isinstance(out, (list, tuple)):
            out = (out,)
        return tuple(_match_structure(list(state), list(out)))

    out = tf.while_loop(loop_cond, loop_body, state, maximum_iterations=maximum_iterations)
    if not is_sequence:
        return out[0]
    return type(loop_vars)(out) if isinstance(loop_vars, list) else tuple(out)


def fori_loop(lower, upper, body_fun, init_val):
    static = isinstance(lower, int) and isinstance(upper, int)
    limit = builtins.max(upper - lower, 0) if static else None
    lower = convert_to_tensor(lower)
    upper = tf.cast(convert_to_tensor(upper), lower.dtype)
    init = _to_tensors(init_val)

    def loop_body(i, value):
        return i + 1, _match_structure(init, body_fun(i, value))

    _, out = tf.while_loop(
        lambda i, _: i < upper, loop_body, (lower, init), maximum_iterations=limit
    )
    return out


def _scan_length(op, flat_xs, length):
    sizes = {x.shape[0] for x in flat_xs if x.shape.rank and x.shape[0] is not None}
    if len(sizes) > 1 or (length is not None and sizes and sizes != {length}):
        raise ValueError(
            f"{op}: every array in `xs` must have the same leading size"
            f"{' as `length`' if length is not None else ''}. Received leading sizes "
            f"{sorted(sizes)}, length={length!r}"
        )
    if length is not None:
        return length
    if not flat_xs:
        raise ValueError(f"{op}: `length` is required when `xs` is None.")
    return sizes.pop() if sizes else tf.shape(flat_xs[0])[0]


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if not isinstance(unroll, bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(f"scan: `unroll` must be a positive int or a bool. Received: {unroll!r}")
    flat_xs = [convert_to_tensor(x) for x in _tree.flatten(xs)] if xs is not None else []
    n = _scan_length("scan", flat_xs, length)
    carry0 = _to_tensors(init)

    def x_at(i):
        if xs is None:
            return None
        return _tree.pack_sequence_as(xs, [tf.gather(x, i) for x in flat_xs])

    x_specs = None
    if xs is not None:
        x_specs = _tree.pack_sequence_as(xs, [tf.TensorSpec(x.shape[1:], x.dtype) for x in flat_xs])
    _, y_spec = _output_spec(lambda c, x: f(c, x), carry0, x_specs)
    flat_y = _tree.flatten(y_spec)
    arrays = [
        tf.TensorArray(y.dtype, size=n, element_shape=y.shape) for y in flat_y if y is not None
    ]

    def body(i, carry, arrays):
        index = n - 1 - i if reverse else i
        new_carry, y = f(carry, x_at(index))
        values = [v for v in _tree.flatten(y) if v is not None]
        arrays = [a.write(index, tf.cast(v, a.dtype)) for a, v in zip(arrays, values)]
        return i + 1, _match_structure(carry0, new_carry), arrays

    iterations = n if isinstance(n, int) else None
    _, carry, arrays = tf.while_loop(
        lambda i, c, a: i < n, body, (0, carry0, arrays), maximum_iterations=iterations
    )
    stacked = iter([a.stack() for a in arrays])
    ys = _tree.pack_sequence_as(y_spec, [next(stacked) if y is not None else None for y in flat_y])
    return carry, ys


def _slice_along(x, start, stop, axis):
    return x[(builtins.slice(None),) * axis + (builtins.slice(start, stop),)]


def associative_scan(f, elems, reverse=False, axis=0):
    flat = [convert_to_tensor(e) for e in _tree.flatten(elems)]
    if not flat:
        raise ValueError("associative_scan: `elems` must hold at least one tensor.")
    rank = flat[0].shape.rank
    axis = axis % rank if rank else 0
    sizes = {e.shape[axis] for e in flat}
    if len(sizes) != 1 or None in sizes:
        raise ValueError(
            "associative_scan: every tensor in `elems` must have the same, known size along "
            f"`axis`={axis}. Received sizes {sorted(builtins.map(str, sizes))}"
        )
    n = sizes.pop()
    if reverse:
        flat = [tf.reverse(e, [axis]) for e in flat]
    offset = 1
    while offset < n:
        earlier = _tree.pack_sequence_as(
            elems, [_slice_along(e, 0, n - offset, axis) for e in flat]
        )
        later = _tree.pack_sequence_as(elems, [_slice_along(e, offset, n, axis) for e in flat])
        combined = _tree.flatten(f(earlier, later))
        flat = [
            tf.concat([_slice_along(e, 0, offset, axis), tf.cast(c, e.dtype)], axis=axis)
            for e, c in zip(flat, combined)
        ]
        offset *= 2
    if reverse:
        flat = [tf.reverse(e, [axis]) for e in flat]
    return _tree.pack_sequence_as(elems, flat)


def switch(index, branches, *operands):
    if not branches:
        raise ValueError("switch: `branches` must hold at least one function.")
    index = tf.clip_by_value(tf.cast(convert_to_tensor(index), "int32"), 0, len(branches) - 1)
    fns = [lambda b=b: b(*operands) for b in branches]
    return tf.switch_case(index, fns)


def map(f, xs):
    flat = [convert_to_tensor(x) for x in _tree.flatten(xs)]
    xs = _tree.pack_sequence_as(xs, flat)
    element = _tree.pack_sequence_as(xs, [tf.TensorSpec(x.shape[1:], x.dtype) for x in flat])
    out_spec = _spec_of(_output_spec(f, element))
    return tf.map_fn(f, xs, fn_output_signature=out_spec)


def vectorized_map(function, elements):
    return tf.vectorized_map(function, _to_tensors(elements))
