"""The jax backend's ops of ``keras_core/ops/numpy/indexing.py``."""

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.op_helpers import (
    as_int,
    broadcast_error,
    broadcastable,
    check_axis,
    check_rank,
    has_str,
    shape_arg,
    sum_type,
    tensor,
    without_axis,
)


def _key_part(p):
    if p is None or p is Ellipsis or isinstance(p, (slice, int)):
        return p
    if isinstance(p, KerasVariable):
        return p.value
    if isinstance(p, (list, np.ndarray)):
        if has_str(p):
            raise IndexError(f"get_item: indices must be integers or booleans. Received {p!r:.80}")
        p = np.asarray(p)  # Python/NumPy indices stay static, so boolean masks work under jit
        if p.dtype.kind not in "iub":
            raise IndexError(f"get_item: indices must be integers or booleans. Received {p.dtype}")
        return p
    if isinstance(p, jax.Array) and p.dtype.kind == "f":
        raise IndexError(f"get_item: indices must be integers or booleans. Received {p.dtype}")
    return p


def _check_int_keys(x, key):
    parts = key if isinstance(key, tuple) else (key,)
    consumed = [
        0
        if p is None or p is Ellipsis or isinstance(p, bool)
        else (p.ndim if hasattr(p, "dtype") and p.dtype == bool else 1)
        for p in parts
    ]
    if sum(consumed) > x.ndim:
        raise IndexError(
            f"get_item: too many indices for a tensor of rank {x.ndim}: {sum(consumed)}"
        )
    ell = [i for i, p in enumerate(parts) if p is Ellipsis]
    if len(ell) > 1:
        raise IndexError("get_item: an index can only have a single ellipsis ('...').")
    split = ell[0] if ell else len(parts)
    dim = 0
    for p, c in zip(parts[:split], consumed[:split]):
        _check_int_key(x, p, dim)
        dim += c
    dim = x.ndim
    for p, c in reversed(list(zip(parts[split + 1 :], consumed[split + 1 :]))):
        dim -= c
        _check_int_key(x, p, dim)


def _check_int_key(x, p, dim):
    if type(p) is int and not -x.shape[dim] <= p < x.shape[dim]:
        raise IndexError(
            f"get_item: index {p} is out of bounds for axis {dim} with size {x.shape[dim]}."
        )


def get_item(x, key):
    x = tensor(x, "get_item")
    key = tuple(_key_part(p) for p in key) if isinstance(key, tuple) else _key_part(key)
    _check_int_keys(x, key)
    return x[key]


def _int_indices(op, indices, arg="indices"):
    idx = tensor(indices, op, arg)
    if idx.dtype.kind not in "iu":
        raise TypeError(f"{op}: `{arg}` must hold integers. Received dtype {idx.dtype}")
    return idx


def take(x, indices, axis=None):
    x = tensor(x, "take")
    idx = _int_indices("take", indices)
    if axis is None:
        return jnp.take(jnp.ravel(x), idx)
    return jnp.take(x, idx, axis=check_axis("take", axis, x))


def take_along_axis(x, indices, axis=None):
    x = tensor(x, "take_along_axis")
    idx = _int_indices("take_along_axis", indices)
    if axis is None:
        check_rank("take_along_axis", idx, (1,), "indices")
        return jnp.take_along_axis(jnp.ravel(x), idx, axis=0)
    axis = check_axis("take_along_axis", axis, x)
    if idx.ndim != x.ndim:
        raise ValueError(
            "take_along_axis: `indices` must have the rank of `x`. "
            f"Received: x.shape={x.shape}, indices.shape={idx.shape}"
        )
    rest_x, rest_i = without_axis(x.shape, axis), without_axis(idx.shape, axis)
    if not broadcastable(rest_x, rest_i):
        raise broadcast_error("take_along_axis", x.shape, idx.shape)
    common = [b if a == 1 else a for a, b in zip(rest_x, rest_i)]
    x_shape = tuple(common[:axis]) + (x.shape[axis],) + tuple(common[axis:])
    i_shape = tuple(common[:axis]) + (idx.shape[axis],) + tuple(common[axis:])
    return jnp.take_along_axis(
        jnp.broadcast_to(x, x_shape), jnp.broadcast_to(idx, i_shape), axis=axis
    )


def unravel_index(indices, shape):
    idx = _int_indices("unravel_index", indices)
    shape = shape_arg("unravel_index", shape)
    return tuple(i.astype(INDEX_DTYPE) for i in jnp.unravel_index(idx, shape))


def diff(a, n=1, axis=-1):
    a = tensor(a, "diff", "a")
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: `n` must be >= 0. Received: n={n}")
    if a.ndim == 0:
        raise ValueError("diff: the input must be at least 1-D. Received a 0-d tensor.")
    axis = check_axis("diff", axis, a)
    return jnp.diff(a, n=n, axis=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "trace")
    if x.ndim < 2:
        raise ValueError(f"trace: the input must be at least 2-D. Received: x.shape={x.shape}")
    a1, a2 = check_axis("trace", axis1, x, "axis1"), check_axis("trace", axis2, x, "axis2")
    if a1 == a2:
        raise ValueError(f"trace: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = as_int("trace", offset, "offset")
    return jnp.trace(x, offset=offset, axis1=a1, axis2=a2, dtype=sum_type("trace", x))
