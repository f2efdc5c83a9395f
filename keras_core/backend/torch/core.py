"""The torch backend's core: tensors, dtypes, variables and the ops declared in
``keras_core/ops/core.py`` (see keras_core/backend/README.md)."""

import builtins

import ml_dtypes
import numpy as np
import torch

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.compute_output_spec import compute_output_spec  # noqa: F401
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.tree import flatten as _flatten
from keras_core.backend.common.tree import map_structure
from keras_core.backend.common.tree import pack_sequence_as as _pack
from keras_core.backend.common.variables import KerasVariable

SUPPORTS_TRAINING = True
SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True
# The concrete type of an eager tensor: ops test ``type(x) is EAGER_TENSOR_TYPE``
# before anything else, the cheapest way to know an argument is not symbolic.
EAGER_TENSOR_TYPE = torch.Tensor
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


def to_native_dtype(dtype):
    name = dt.standardize_dtype(dtype)
    if name not in _TORCH_DTYPES:
        raise ValueError(f"The torch backend has no dtype {name!r}.")
    return _TORCH_DTYPES[name]


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
    return torch.from_numpy(np.ascontiguousarray(x).reshape(x.shape))


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
        on_cpu = x.device.type == "cpu"
        x = x.detach().cpu()
        if x.dtype == torch.bfloat16:
            return x.to(torch.float32).numpy().astype(ml_dtypes.bfloat16)
        # On CPU, `.numpy()` shares memory with the tensor: a variable updated in place
        # later (an optimizer step, a moving statistic) would change the returned array.
        return x.numpy().copy() if on_cpu else x.numpy()
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

    with StatelessScope(initialize_variables=False), torch.no_grad():
        out = fn(*map_structure(materialize, args), **map_structure(materialize, kwargs))

    def to_spec(t):
        if isinstance(t, torch.Tensor):
            return KerasTensor(tuple(t.shape), _FROM_TORCH[t.dtype])
        return t

    return map_structure(to_spec, out)


def clear_backend_session():
    return None


def _as_int(value):
    if isinstance(value, Variable):
        value = value.value
    if isinstance(value, torch.Tensor):
        return int(value.reshape(()))
    return int(value)


def scatter(indices, values, shape):
    indices = convert_to_tensor(indices).to(torch.int64)
    values = convert_to_tensor(values)
    shape = tuple(_as_int(d) for d in shape)
    if indices.ndim < 1 or indices.shape[-1] > len(shape):
        raise ValueError(
            f"scatter: indices.shape[-1] must be <= len(shape) ({len(shape)}). "
            f"Received: indices.shape={tuple(indices.shape)}, shape={shape}"
        )
    out = torch.zeros(shape, dtype=values.dtype)
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    expected = tuple(indices.shape[:-1]) + shape[indices.shape[-1] :]
    return out.index_put(key, values.expand(expected) if values.ndim else values, accumulate=True)


_SCATTER_REDUCTIONS = {"add": "sum", "mul": "prod", "max": "amax", "min": "amin"}


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    indices = convert_to_tensor(indices).to(torch.int64)
    updates = convert_to_tensor(updates).to(inputs.dtype)
    if indices.ndim < 1 or indices.shape[-1] > inputs.ndim:
        raise ValueError(
            f"scatter_update: indices.shape[-1] must be <= inputs.ndim "
            f"({inputs.ndim}). Received: indices.shape={tuple(indices.shape)}"
        )
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    if reduction is None:
        return inputs.index_put(key, updates)
    if reduction not in _SCATTER_REDUCTIONS:
        raise ValueError(
            f"scatter_update: `reduction` must be None or one of "
            f"{tuple(_SCATTER_REDUCTIONS)}. Received: reduction={reduction!r}"
        )
    if reduction == "add":
        return inputs.index_put(key, updates, accumulate=True)
    depth = indices.shape[-1]
    strides = torch.tensor(
        [int(torch.tensor(inputs.shape[i + 1 : depth]).prod()) for i in range(depth)],
        dtype=torch.int64,
    )
    flat_index = (indices * strides).sum(-1).reshape(-1)
    flat = inputs.reshape((-1,) + tuple(inputs.shape[depth:]))
    src = updates.reshape((-1,) + tuple(inputs.shape[depth:]))
    index = flat_index.reshape((-1,) + (1,) * (flat.ndim - 1)).expand(src.shape)
    out = flat.scatter_reduce(
        0, index, src, reduce=_SCATTER_REDUCTIONS[reduction], include_self=True
    )
    return out.reshape(inputs.shape)


def _start_indices(start_indices, inputs, sizes, op):
    if isinstance(start_indices, (Variable, torch.Tensor)):
        start_indices = convert_to_tensor(start_indices).reshape(-1).tolist()
    starts = [_as_int(s) for s in start_indices]
    if len(starts) != inputs.ndim:
        raise ValueError(
            f"{op}: `start_indices` must have one entry per axis ({inputs.ndim}). "
            f"Received: {len(starts)} entries"
        )
    # Like lax.dynamic_slice, starts are clamped so the slice stays inside the input.
    return [min(max(s, 0), max(dim - size, 0)) for s, dim, size in zip(starts, inputs.shape, sizes)]


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    sizes = [_as_int(d) for d in shape]
    if len(sizes) != inputs.ndim or any(s < 0 or s > d for s, d in zip(sizes, inputs.shape)):
        raise ValueError(
            f"slice: `shape` must have one size per axis, each <= the input's. "
            f"Received: shape={tuple(sizes)}, inputs.shape={tuple(inputs.shape)}"
        )
    starts = _start_indices(start_indices, inputs, sizes, "slice")
    out = inputs
    for axis, (start, size) in enumerate(zip(starts, sizes)):
        out = out.narrow(axis, start, size)
    return out


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates).to(inputs.dtype)
    if updates.ndim != inputs.ndim or any(u > d for u, d in zip(updates.shape, inputs.shape)):
        raise ValueError(
            "slice_update: `updates` must have the input's rank and fit in it. "
            f"Received: inputs.shape={tuple(inputs.shape)}, "
            f"updates.shape={tuple(updates.shape)}"
        )
    starts = _start_indices(start_indices, inputs, list(updates.shape), "slice_update")
    key = tuple(builtins.slice(s, s + u) for s, u in zip(starts, updates.shape))
    out = inputs.clone()
    out[key] = updates
    return out


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"unstack: axis {axis} is out of range for rank {x.ndim}.")
    if num is not None and num != x.shape[axis]:
        raise ValueError(
            f"unstack: `num` ({num}) must equal the size of axis {axis} ({x.shape[axis]})."
        )
    return list(torch.unbind(x, dim=axis))


def custom_gradient(f):
    def wrapper(*args, **kwargs):
        positions = [i for i, a in enumerate(args) if isinstance(a, (torch.Tensor, Variable))]
        holder = {}

        class _CustomGradient(torch.autograd.Function):
            @staticmethod
            def forward(ctx, *tensors):
                call_args = list(args)
                for i, t in zip(positions, tensors):
                    call_args[i] = t
                output, grad_fn = f(*call_args, **kwargs)
                holder["grad_fn"] = grad_fn
                holder["structure"] = output
                flat = _flatten(output)
                return tuple(flat) if len(flat) != 1 else flat[0]

            @staticmethod
            def backward(ctx, *upstream):
                grads = holder["grad_fn"](*upstream)
                grads = list(grads) if isinstance(grads, (list, tuple)) else [grads]
                return tuple(None if g is None else convert_to_tensor(g) for g in grads)

        tensors = [convert_to_tensor(args[i]) for i in positions]
        result = _CustomGradient.apply(*tensors)
        flat = list(result) if isinstance(result, tuple) else [result]
        return _pack(holder["structure"], flat)

    return wrapper


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    target = to_native_dtype(dtype)
    if target == torch.bool or x.dtype == torch.bool:
        return x.to(target)
    if target.is_floating_point:
        limit = torch.finfo(target).max
        if x.is_floating_point() and limit < torch.finfo(x.dtype).max:
            x = torch.clamp(x, -limit, limit)
        elif not x.is_floating_point() and limit < torch.iinfo(x.dtype).max:
            x = torch.clamp(x, max(-int(limit), torch.iinfo(x.dtype).min), int(limit))
        return x.to(target)
    info = torch.iinfo(target)
    if x.is_floating_point():
        # the bounds in the source float dtype, rounded toward zero where the
        # target's limit is not representable there (as on every backend)
        hi = torch.tensor(float(info.max), dtype=x.dtype)
        lo = torch.tensor(float(info.min), dtype=x.dtype)
        if float(hi) > info.max:
            hi = torch.nextafter(hi, torch.zeros_like(hi))
        if float(lo) < info.min:
            lo = torch.nextafter(lo, torch.zeros_like(lo))
        x = torch.nan_to_num(x, nan=0.0)
        return torch.trunc(torch.clamp(x, lo, hi)).to(target)
    src = torch.iinfo(x.dtype)
    lo, hi = max(info.min, src.min), min(info.max, src.max)
    return torch.clamp(x, lo, hi).to(target)
