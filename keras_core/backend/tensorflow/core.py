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
# The concrete type of an eager tensor: ops test ``type(x) is EAGER_TENSOR_TYPE``
# before anything else, the cheapest way to know an argument is not symbolic.
EAGER_TENSOR_TYPE = type(tf.constant(0.0))


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
