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

    with StatelessScope():
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if tf.is_tensor(t):
            return KerasTensor(tuple(t.shape.as_list()), dt.standardize_dtype(t.dtype))
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None
