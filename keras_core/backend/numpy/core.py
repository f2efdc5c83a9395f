"""The numpy backend's core: arrays, dtypes, variables and the ops declared in
``keras_core/ops/core.py`` (see keras_core/backend/README.md)."""

import builtins

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
# The concrete type of an eager tensor: ops test ``type(x) is EAGER_TENSOR_TYPE``
# before anything else, the cheapest way to know an argument is not symbolic.
EAGER_TENSOR_TYPE = np.ndarray


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
