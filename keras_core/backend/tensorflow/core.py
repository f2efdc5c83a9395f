import ml_dtypes  # noqa: F401
import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.compute_output_spec import compute_output_spec  # noqa: F401
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.tree import map_structure
from keras_core.backend.common.variables import KerasVariable

SUPPORTS_TRAINING = True
SUPPORTS_SPARSE_TENSORS = True
IS_THREAD_SAFE = True


def to_native_dtype(dtype):
    return tf.dtypes.as_dtype(dt.standardize_dtype(dtype))


class Variable(KerasVariable):
    # Lets tf.GradientTape take keras_core Variables as `sources` directly
    # (tape.gradient(loss, model.trainable_variables)): the tape uses `handle`.
    _should_act_as_resource_variable = True

    @property
    def handle(self):
        return self.value.handle

    def _initialize(self, value):
        self._value = tf.Variable(
            value, dtype=to_native_dtype(self._dtype), trainable=self.trainable, name=self.name
        )

    def _direct_assign(self, value):
        self._value.assign(value)

    def _convert_for_tf(self, dtype=None, name=None, as_ref=False):
        value = self.value
        if dtype is not None and value.dtype != dtype:
            return tf.cast(value, dtype)
        return tf.convert_to_tensor(value) if not as_ref else value


tf.register_tensor_conversion_function(
    Variable, lambda v, dtype=None, name=None, as_ref=False: v._convert_for_tf(dtype, name, as_ref)
)


def convert_to_tensor(x, dtype=None, sparse=False):
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        dtype = dt.standardize_dtype(dtype)
    if tf.is_tensor(x):
        if isinstance(x, tf.SparseTensor) and not sparse:
            x = tf.sparse.to_dense(x)
        if dtype is not None and x.dtype != dtype:
            return tf.cast(x, dtype)
        return x
    if dtype is None:
        dtype = scalar_default_dtype(x)
        if dtype is None and isinstance(x, (list, tuple)):
            dtype = nested_default_dtype(x)
    if isinstance(x, np.ndarray) and x.dtype == ml_dtypes.bfloat16:
        x = x.astype(np.float32)
        dtype = dtype or "bfloat16"
    if isinstance(x, np.ndarray) and x.dtype.kind in "USO":
        return tf.convert_to_tensor(x.astype(object).astype(bytes) if x.dtype.kind != "S" else x)
    if dtype is not None and not isinstance(x, (list, tuple)) and np.ndim(x) == 0:
        return tf.constant(x, dtype=dtype)
    t = tf.convert_to_tensor(x)
    if dtype is not None and t.dtype != dtype:
        t = tf.cast(t, dtype)
    return t


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor):
        x = tf.sparse.to_dense(x)
    if tf.is_tensor(x):
        return x.numpy()
    return np.asarray(x)


def is_tensor(x):
    return tf.is_tensor(x)


def shape(x):
    static = x.shape
    if static.rank is None:
        raise ValueError(f"Tensor {x} has an unknown rank.")
    if all(d is not None for d in static.as_list()):
        return tuple(static.as_list())
    dynamic = tf.shape(x)
    return tuple(d if d is not None else dynamic[i] for i, d in enumerate(static.as_list()))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def _shape_probe(fn, args, kwargs):
    def materialize(v):
        if isinstance(v, KerasTensor):
            return tf.zeros(v.shape, dtype=to_native_dtype(v.dtype))
        return v

    with StatelessScope(initialize_variables=False):
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if tf.is_tensor(t):
            return KerasTensor(tuple(t.shape.as_list()), dt.standardize_dtype(t.dtype))
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None


# ---------------------------------------------------------------------------
# Control flow and structural ops (cond, loops, scans, scatter, slices, ...).
# Appended section: everything above this line belongs to the core module proper.
# ---------------------------------------------------------------------------

import builtins  # noqa: E402

from keras_core.backend.common import tree as _tree  # noqa: E402


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
    concrete = tf.function(fn).get_concrete_function(*_spec_of(args))
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


def _index_dtype(indices):
    indices = convert_to_tensor(indices)
    return indices if indices.dtype in (tf.int32, tf.int64) else tf.cast(indices, "int32")


def scatter(indices, values, shape):
    indices = _index_dtype(indices)
    values = convert_to_tensor(values)
    shape = tf.cast(convert_to_tensor(shape), indices.dtype)
    if values.dtype == tf.bool:
        return tf.scatter_nd(indices, tf.cast(values, "int32"), shape) > 0
    return tf.scatter_nd(indices, values, shape)


def _scatter_mul(inputs, indices, updates):
    depth = indices.shape[-1]
    outer = tf.shape(inputs, out_type=indices.dtype)[:depth]
    flat_index = tf.reshape(indices, [-1, depth])
    strides = tf.math.cumprod(outer, exclusive=True, reverse=True)
    positions = tf.reduce_sum(flat_index * strides, axis=-1)
    inner = tf.shape(inputs)[depth:]
    flat_updates = tf.reshape(updates, tf.concat([[-1], inner], 0))
    count = tf.reduce_prod(outer)
    factors = tf.math.unsorted_segment_prod(flat_updates, positions, count)
    flat_inputs = tf.reshape(inputs, tf.concat([[-1], inner], 0))
    return tf.reshape(flat_inputs * factors, tf.shape(inputs))


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    indices = _index_dtype(indices)
    updates = tf.cast(convert_to_tensor(updates), inputs.dtype)
    ops = {
        None: tf.tensor_scatter_nd_update,
        "add": tf.tensor_scatter_nd_add,
        "max": tf.tensor_scatter_nd_max,
        "min": tf.tensor_scatter_nd_min,
        "mul": _scatter_mul,
    }
    if reduction not in ops:
        raise ValueError(
            "scatter_update: `reduction` must be one of None, 'add', 'max', 'min', 'mul'. "
            f"Received: reduction={reduction!r}"
        )
    return ops[reduction](inputs, indices, updates)


def _clamped_start(inputs, start_indices, sizes, op):
    start = tf.cast(convert_to_tensor(start_indices), "int32")
    rank = inputs.shape.rank
    if start.shape.rank != 1 or (start.shape[0] is not None and start.shape[0] != rank):
        raise ValueError(
            f"{op}: `start_indices` must hold one index per axis of `inputs` ({rank}). "
            f"Received: start_indices={start_indices!r}"
        )
    # Like lax.dynamic_slice: starts are clamped so the window lies inside `inputs`.
    return tf.clip_by_value(start, 0, tf.maximum(tf.shape(inputs) - sizes, 0))


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    sizes = tf.cast(convert_to_tensor(shape), "int32")
    start = _clamped_start(inputs, start_indices, sizes, "slice")
    return tf.slice(inputs, start, sizes)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = tf.cast(convert_to_tensor(updates), inputs.dtype)
    if updates.shape.rank != inputs.shape.rank:
        raise ValueError(
            "slice_update: `updates` must have the rank of `inputs`. Received: "
            f"inputs.shape={tuple(inputs.shape.as_list())}, "
            f"updates.shape={tuple(updates.shape.as_list())}"
        )
    sizes = tf.shape(updates)
    start = _clamped_start(inputs, start_indices, sizes, "slice_update")
    paddings = tf.stack([start, tf.shape(inputs) - start - sizes], axis=1)
    placed = tf.pad(updates, paddings)
    mask = tf.pad(tf.ones(sizes, "bool"), paddings)
    return tf.where(mask, placed, inputs)


def stop_gradient(variable):
    return tf.stop_gradient(convert_to_tensor(variable))


def unstack(x, num=None, axis=0):
    return tf.unstack(convert_to_tensor(x), num=num, axis=axis)


def custom_gradient(f):
    return tf.custom_gradient(f)


def _dtype_range(name):
    if name == "bool":
        return 0, 1
    if dt.is_int_dtype(name):
        info = np.iinfo(name)
        return int(info.min), int(info.max)
    info = ml_dtypes.finfo(name) if name == "bfloat16" else np.finfo(name)
    return float(info.min), float(info.max)


def _bound_in(value, dtype, toward):
    """``value`` as a number of ``dtype`` that does not pass it (rounding ``toward``: -1 or 1)."""
    if dt.is_int_dtype(dtype):
        return int(np.floor(value)) if toward < 0 else int(np.ceil(value))
    np_dtype = ml_dtypes.bfloat16 if dtype == "bfloat16" else np.dtype(dtype)
    v = np.array(value, dtype=np_dtype)

    def passes(candidate):
        exact = int(candidate.item()) if isinstance(value, int) else float(candidate.item())
        return exact > value if toward < 0 else exact < value

    if passes(v):
        v = np.nextafter(v, np.array(-np.inf if toward < 0 else np.inf, np_dtype))
    return v.item()


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = dt.standardize_dtype(dtype)
    src = dt.standardize_dtype(x.dtype)
    if src in dt.COMPLEX_TYPES or dtype in dt.COMPLEX_TYPES or src == "bool":
        return tf.cast(x, dtype)
    in_lo, in_hi = _dtype_range(src)
    out_lo, out_hi = _dtype_range(dtype)
    if dtype == "bool":
        return tf.cast(x, "bool")
    if out_hi < in_hi:
        x = tf.minimum(x, tf.constant(_bound_in(out_hi, src, -1), dtype=x.dtype))
    if out_lo > in_lo:
        x = tf.maximum(x, tf.constant(_bound_in(out_lo, src, 1), dtype=x.dtype))
    if x.dtype.is_floating and dt.is_int_dtype(dtype):
        x = tf.where(tf.math.is_nan(x), tf.zeros_like(x), x)
    return tf.cast(x, dtype)
