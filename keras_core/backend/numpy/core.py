import ml_dtypes
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.compute_output_spec import compute_output_spec  # noqa: F401
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.tree import map_structure
from keras_core.backend.common.variables import KerasVariable

# The NumPy backend runs inference only: no gradients, so no training.
SUPPORTS_TRAINING = False
SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True


def to_native_dtype(dtype):
    name = dt.standardize_dtype(dtype)
    if name == "bfloat16":
        return np.dtype(ml_dtypes.bfloat16)
    if name == "string":
        return np.dtype(object)
    return np.dtype(name)


class Variable(KerasVariable):
    def _initialize(self, value):
        self._value = np.array(value, dtype=to_native_dtype(self._dtype))

    def _direct_assign(self, value):
        self._value = np.array(value, dtype=to_native_dtype(self._dtype))

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.value, dtype=dtype)


def convert_to_tensor(x, dtype=None, sparse=False):
    if sparse:
        raise ValueError("The numpy backend does not support sparse tensors. Received: sparse=True")
    if isinstance(x, Variable):
        x = x.value
    if dtype is None:
        if isinstance(x, np.ndarray):
            return x
        dtype = scalar_default_dtype(x)
        if dtype is None and isinstance(x, (list, tuple)):
            dtype = nested_default_dtype(x)
        if dtype is None:
            return np.asarray(x)
    native = to_native_dtype(dtype)
    if isinstance(x, np.ndarray) and x.dtype == native:
        return x
    return np.asarray(x, dtype=native)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, np.ndarray)


def shape(x):
    return tuple(np.shape(x))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def _shape_probe(fn, args, kwargs):
    def materialize(v):
        if isinstance(v, KerasTensor):
            return np.zeros(v.shape, dtype=to_native_dtype(v.dtype))
        return v

    with StatelessScope(initialize_variables=False):
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if isinstance(t, (np.ndarray, np.generic)):
            return KerasTensor(tuple(np.shape(t)), dt.standardize_dtype(t.dtype))
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None


# ---------------------------------------------------------------------------
# control flow and structural ops
# (appended by the ops part-2 helper; plain Python loops over NumPy arrays)
import builtins  # noqa: E402

from keras_core.backend.common import tree as _tree  # noqa: E402


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


def _index_tuple(indices, op):
    indices = convert_to_tensor(indices)
    if indices.dtype.kind not in "iu":
        raise TypeError(f"{op}: `indices` must be integers. Received: dtype={indices.dtype}")
    return tuple(np.moveaxis(indices.astype(np.int64), -1, 0))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    out = np.zeros(tuple(builtins.map(int, shape)), dtype=values.dtype)
    np.add.at(out, _index_tuple(indices, "scatter"), values)
    return out


_SCATTER_UFUNCS = {"add": np.add, "mul": np.multiply, "max": np.maximum, "min": np.minimum}


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    out = inputs.copy()
    key = _index_tuple(indices, "scatter_update")
    updates = convert_to_tensor(updates).astype(inputs.dtype)
    if reduction is None:
        out[key] = updates
    else:
        _SCATTER_UFUNCS[reduction].at(out, key, updates)
    return out


def _starts(inputs, start_indices, sizes):
    starts = [
        int(np.asarray(s))
        for s in (
            start_indices if isinstance(start_indices, (list, tuple)) else np.asarray(start_indices)
        )
    ]
    return [builtins.min(builtins.max(s, 0), n - k) for s, n, k in zip(starts, inputs.shape, sizes)]


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    starts = _starts(inputs, start_indices, shape)
    return inputs[tuple(builtins.slice(s, s + k) for s, k in zip(starts, shape))]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates).astype(inputs.dtype)
    starts = _starts(inputs, start_indices, updates.shape)
    out = inputs.copy()
    out[tuple(builtins.slice(s, s + k) for s, k in zip(starts, updates.shape))] = updates
    return out


def stop_gradient(variable):
    return convert_to_tensor(variable)


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    return [np.take(x, i, axis=axis) for i in range(x.shape[axis])]


def custom_gradient(f):
    def wrapper(*args, **kwargs):
        output, _ = f(*args, **kwargs)
        return output

    return wrapper


def _dtype_bounds(name):
    if name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        info = np.iinfo(name)
        return int(info.min), int(info.max)
    info = ml_dtypes.finfo(to_native_dtype(name))
    return float(info.min), float(info.max)


def saturate_cast(x, dtype):
    dtype = dt.standardize_dtype(dtype)
    x = convert_to_tensor(x)
    in_name = dt.standardize_dtype(x.dtype)
    skip = ("bool", "complex64", "complex128")
    if dtype in skip or in_name in skip or in_name == dtype:
        return x.astype(to_native_dtype(dtype))
    t_lo, t_hi = _dtype_bounds(dtype)
    if dt.is_int_dtype(in_name):
        i_lo, i_hi = _dtype_bounds(in_name)
        lo, hi = builtins.max(i_lo, int(t_lo)), builtins.min(i_hi, int(t_hi))
        return np.clip(x, lo, hi).astype(to_native_dtype(dtype))
    # float input: the bounds in the input dtype, rounded toward zero if the cast
    # would otherwise overflow the target
    native = x.dtype
    lo, hi = np.array(t_lo).astype(native), np.array(t_hi).astype(native)
    if dt.is_int_dtype(dtype):
        if int(hi.astype(np.float64)) > t_hi:
            hi = np.nextafter(hi, native.type(0))
        if int(lo.astype(np.float64)) < t_lo:
            lo = np.nextafter(lo, native.type(0))
        return np.trunc(np.clip(x, lo, hi)).astype(to_native_dtype(dtype))
    return np.clip(x, lo, hi).astype(to_native_dtype(dtype))
