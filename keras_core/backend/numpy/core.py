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

    with StatelessScope():
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if isinstance(t, (np.ndarray, np.generic)):
            return KerasTensor(tuple(np.shape(t)), dt.standardize_dtype(t.dtype))
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None
