import ml_dtypes
import numpy as np
import torch

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.compute_output_spec import compute_output_spec  # noqa: F401
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.tree import map_structure
from keras_core.backend.common.variables import KerasVariable

SUPPORTS_TRAINING = True
SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True

_TORCH_DTYPES = {
    "bool": torch.bool,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "uint8": torch.uint8,
    "uint16": torch.uint16,
    "uint32": torch.uint32,
    "uint64": torch.uint64,
    "bfloat16": torch.bfloat16,
    "float16": torch.float16,
    "float32": torch.float32,
    "float64": torch.float64,
    "complex64": torch.complex64,
    "complex128": torch.complex128,
}
_FROM_TORCH = {v: k for k, v in _TORCH_DTYPES.items()}


def get_device():
    return "cpu"


def to_native_dtype(dtype):
    name = dt.standardize_dtype(dtype)
    if name not in _TORCH_DTYPES:
        raise ValueError(f"The torch backend has no dtype {name!r}.")
    return _TORCH_DTYPES[name]


def standardize_torch_dtype(dtype):
    return _FROM_TORCH[dtype]


class Variable(KerasVariable):
    def _initialize(self, value):
        value = convert_to_tensor(value, dtype=self._dtype)
        grad = self.trainable and (value.is_floating_point() or value.is_complex())
        self._value = torch.nn.Parameter(value.detach().clone(), requires_grad=grad)

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        def unwrap(v):
            return v.value if isinstance(v, Variable) else v

        return func(*map_structure(unwrap, tuple(args)), **map_structure(unwrap, kwargs or {}))




def _from_numpy(x):
    if x.dtype == ml_dtypes.bfloat16:
        return torch.from_numpy(x.astype(np.float32)).to(torch.bfloat16)
    if x.dtype.kind in "USO":
        raise ValueError(f"The torch backend has no string tensors. Received dtype {x.dtype}")
    return torch.from_numpy(np.ascontiguousarray(x))


def convert_to_tensor(x, dtype=None, sparse=False):
    if sparse:
        raise ValueError("The torch backend does not support sparse tensors. Received: sparse=True")
    if type(x) is torch.Tensor or isinstance(x, torch.Tensor):
        if dtype is None:
            return x
        native = to_native_dtype(dtype)
        return x if x.dtype == native else x.to(native)
    if isinstance(x, Variable):
        return convert_to_tensor(x.value, dtype)
    if dtype is None:
        dtype = scalar_default_dtype(x)
        if dtype is None and isinstance(x, (list, tuple)):
            dtype = nested_default_dtype(x)
    if isinstance(x, (np.ndarray, np.generic)):
        t = _from_numpy(np.asarray(x))
    elif isinstance(x, (list, tuple)):
        t = _from_list(x)
    elif hasattr(x, "__array__") and not isinstance(x, (int, float, bool, complex)):
        t = _from_numpy(np.asarray(x))
    else:
        t = torch.as_tensor(x)
    if dtype is not None:
        native = to_native_dtype(dtype)
        if t.dtype != native:
            t = t.to(native)
    return t


def _from_list(x):
    try:
        return torch.as_tensor(x)
    except (TypeError, ValueError, RuntimeError):
        parts = [convert_to_tensor(e) for e in x]
        return torch.stack(parts) if parts else torch.as_tensor(x)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu()
        if x.dtype == torch.bfloat16:
            return x.to(torch.float32).numpy().astype(ml_dtypes.bfloat16)
        return x.numpy()
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def _shape_probe(fn, args, kwargs):
    def materialize(v):
        if isinstance(v, KerasTensor):
            return torch.zeros(v.shape, dtype=to_native_dtype(v.dtype))
        return v

    with StatelessScope(), torch.no_grad():
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if isinstance(t, torch.Tensor):
            return KerasTensor(tuple(t.shape), _FROM_TORCH[t.dtype])
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None
