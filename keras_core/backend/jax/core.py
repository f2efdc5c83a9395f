"""The jax backend's core: Variable, conversion, and the ops of ``keras_core/ops/core.py``."""

import builtins

import jax
import jax.numpy as jnp
import ml_dtypes  # also registers bfloat16 with NumPy for conversions
import numpy as np
from jax import lax

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.variables import KerasVariable

# keras_core promises int64/float64 on every backend, which JAX only gives with x64.
jax.config.update("jax_enable_x64", True)

SUPPORTS_TRAINING = True
SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True
# The concrete type of an eager tensor: ops test ``type(x) is EAGER_TENSOR_TYPE``
# before anything else, the cheapest way to know an argument is not symbolic.
try:  # the concrete array class; creating an array here would start XLA at import
    from jax._src.array import ArrayImpl as EAGER_TENSOR_TYPE
except ImportError:  # pragma: no cover - then no argument matches and ops take the general path
    EAGER_TENSOR_TYPE = jax.Array


class Variable(KerasVariable):
    def _initialize(self, value):
        # Under a global keras_core.distribution the value is laid out on its devices.
        from keras_core.distribution import distribution_lib

        value = jnp.asarray(value, dtype=self._dtype)
        self._value = distribution_lib.maybe_distribute_variable_value(self, value)

    def _direct_assign(self, value):
        self._value = value

    def __jax_array__(self):
        return self.value


def to_native_dtype(dtype):
    return jnp.dtype(dt.standardize_dtype(dtype))


def convert_to_tensor(x, dtype=None, sparse=False):
    if sparse:
        raise ValueError("The jax backend does not support sparse tensors. Received: sparse=True")
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        dtype = dt.standardize_dtype(dtype)
        if isinstance(x, jax.Array) and x.dtype == dtype:
            return x
        if dtype == "string":
            raise ValueError("The jax backend has no string tensors.")
        return jnp.asarray(x, dtype=dtype)
    if isinstance(x, jax.Array):
        return x
    default = scalar_default_dtype(x)
    if default is None and isinstance(x, (list, tuple)):
        default = nested_default_dtype(x)
    if isinstance(x, np.ndarray) and x.dtype.kind in "USO":
        raise ValueError(f"The jax backend has no string tensors. Received dtype {x.dtype}")
    return jnp.asarray(x, dtype=default)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, jax.Array)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def _shape_probe(fn, args, kwargs):
    def to_struct(v):
        if isinstance(v, KerasTensor):
            return jax.ShapeDtypeStruct(v.shape, jnp.dtype(v.dtype))
        return v

    leaves, tree = jax.tree_util.tree_flatten(
        (args, kwargs), is_leaf=lambda v: isinstance(v, KerasTensor)
    )
    sym_idx = [i for i, v in enumerate(leaves) if isinstance(v, KerasTensor)]
    sym = [to_struct(leaves[i]) for i in sym_idx]

    def wrapped(*sym_values):
        values = list(leaves)
        for i, v in zip(sym_idx, sym_values):
            values[i] = v
        a, k = jax.tree_util.tree_unflatten(tree, values)
        with StatelessScope(initialize_variables=False):
            return fn(*a, **k)

    out = jax.eval_shape(wrapped, *sym)
    return jax.tree_util.tree_map(
        lambda s: KerasTensor(tuple(s.shape), dt.standardize_dtype(s.dtype)), out
    )


from keras_core.backend.common.compute_output_spec import compute_output_spec  # noqa: E402,F401


def clear_backend_session():
    jax.clear_caches()


def device_scope(device_name):
    return jax.default_device(jax.devices(device_name.split(":")[0].lower())[0])


# ---------------------------------------------------------------------------
# structural ops


def _scatter_key(indices, ndim, op):
    indices = convert_to_tensor(indices)
    if not jnp.issubdtype(indices.dtype, jnp.integer):
        raise TypeError(f"{op}: `indices` must be integers. Received: dtype={indices.dtype}")
    if indices.ndim < 1 or indices.shape[-1] > ndim:
        raise ValueError(
            f"{op}: `indices` must have shape (..., k) with k <= {ndim}. "
            f"Received: indices.shape={tuple(indices.shape)}"
        )
    return tuple(jnp.moveaxis(indices, -1, 0))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    shape = tuple(builtins.map(int, shape))
    key = _scatter_key(indices, len(shape), "scatter")
    return jnp.zeros(shape, values.dtype).at[key].add(values)


_SCATTER_REDUCTIONS = {
    None: "set",
    "add": "add",
    "sum": "add",
    "mul": "multiply",
    "multiply": "multiply",
    "prod": "multiply",
    "max": "max",
    "min": "min",
}


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    if reduction not in _SCATTER_REDUCTIONS:
        raise ValueError(
            "scatter_update: `reduction` must be None, 'add', 'mul', 'max' or 'min'. "
            f"Received: reduction={reduction!r}"
        )
    updates = convert_to_tensor(updates).astype(inputs.dtype)
    key = _scatter_key(indices, inputs.ndim, "scatter_update")
    return getattr(inputs.at[key], _SCATTER_REDUCTIONS[reduction])(updates)


def _start_indices(start_indices, ndim, op):
    if isinstance(start_indices, jax.Array):
        starts = [start_indices[i] for i in range(start_indices.shape[0])]
    else:
        starts = list(start_indices)
    if len(starts) != ndim:
        raise ValueError(
            f"{op}: `start_indices` must have one entry per axis ({ndim}). Received: {len(starts)}"
        )
    return [convert_to_tensor(s).astype("int32") for s in starts]


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    starts = _start_indices(start_indices, inputs.ndim, "slice")
    shape = tuple(builtins.map(int, shape))
    if len(shape) != inputs.ndim:
        raise ValueError(
            f"slice: `shape` must have one entry per axis ({inputs.ndim}). Received: {shape}"
        )
    return lax.dynamic_slice(inputs, starts, shape)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates).astype(inputs.dtype)
    if updates.ndim != inputs.ndim:
        raise ValueError(
            f"slice_update: `updates` must have the rank of `inputs` ({inputs.ndim}). "
            f"Received: updates.shape={tuple(updates.shape)}"
        )
    starts = _start_indices(start_indices, inputs.ndim, "slice_update")
    return lax.dynamic_update_slice(inputs, updates, starts)


def stop_gradient(variable):
    return lax.stop_gradient(convert_to_tensor(variable))


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"unstack: `axis`={axis} is out of range for rank {x.ndim}.")
    axis = axis % x.ndim
    if num is not None and num != x.shape[axis]:
        raise ValueError(
            f"unstack: `num`={num} does not match the size {x.shape[axis]} of axis {axis}."
        )
    return [lax.index_in_dim(x, i, axis, keepdims=False) for i in range(x.shape[axis])]


def custom_gradient(f):
    return jax.custom_gradient(f)


def _dtype_range(name):
    if dt.is_int_dtype(name):
        info = np.iinfo(name)
        return int(info.min), int(info.max)
    info = ml_dtypes.finfo(to_native_dtype(name))
    return float(info.min), float(info.max)


def _saturation_bounds(in_name, out_name):
    (in_lo, in_hi), (out_lo, out_hi) = _dtype_range(in_name), _dtype_range(out_name)
    lo, hi = builtins.max(in_lo, out_lo), builtins.min(in_hi, out_hi)
    native = to_native_dtype(in_name)
    lo_in, hi_in = np.array(lo).astype(native), np.array(hi).astype(native)
    if dt.is_float_dtype(in_name) and dt.is_int_dtype(out_name):
        # the bounds must round inward so the cast cannot overflow
        if int(hi_in) > hi:
            hi_in = _toward_zero(hi_in)
        if int(lo_in) < lo:
            lo_in = _toward_zero(lo_in)
    return lo_in, hi_in


def _toward_zero(value):
    # the neighbouring float of smaller magnitude: one step down in the bit pattern
    bits = np.dtype("uint%d" % (value.dtype.itemsize * 8))
    return (value.view(bits) - bits.type(1)).view(value.dtype)


def saturate_cast(x, dtype):
    dtype = dt.standardize_dtype(dtype)
    x = convert_to_tensor(x)
    in_dtype = dt.standardize_dtype(x.dtype)
    numeric = ("bool", "complex64", "complex128")
    if dtype in numeric or in_dtype in numeric or in_dtype == dtype:
        return x.astype(dtype)
    lo, hi = _saturation_bounds(in_dtype, dtype)
    return jnp.clip(x, jnp.asarray(lo, x.dtype), jnp.asarray(hi, x.dtype)).astype(dtype)
