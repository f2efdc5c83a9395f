import jax
import jax.numpy as jnp
import ml_dtypes  # noqa: F401  (bfloat16 for NumPy conversions)
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.variables import KerasVariable

# keras_core promises int64/float64 on every backend, which JAX only gives with x64.
jax.config.update("jax_enable_x64", True)

SUPPORTS_TRAINING = True
SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True


class Variable(KerasVariable):
    def _initialize(self, value):
        self._value = jnp.asarray(value, dtype=self._dtype)

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

    leaves, tree = jax.tree_util.tree_flatten((args, kwargs), is_leaf=lambda v: isinstance(v, KerasTensor))
    sym_idx = [i for i, v in enumerate(leaves) if isinstance(v, KerasTensor)]
    sym = [to_struct(leaves[i]) for i in sym_idx]

    def wrapped(*sym_values):
        values = list(leaves)
        for i, v in zip(sym_idx, sym_values):
            values[i] = v
        a, k = jax.tree_util.tree_unflatten(tree, values)
        with StatelessScope():
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
