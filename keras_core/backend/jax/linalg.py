"""The jax backend's ops of ``keras_core/ops/linalg.py``."""

import jax
import jax.numpy as jnp
import jax.scipy as jsp
from jax import lax

from keras_core.backend.common import dtype_rules
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import to_float

UNSUPPORTED = {}


def _square(x, op, argument="x"):
    x = to_float(x)
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"{op}: `{argument}` must be a square matrix (or a batch of them), shape "
            f"(..., M, M). Received: {argument}.shape={tuple(x.shape)}"
        )
    return x


def _matrix(x, op, argument="x"):
    x = to_float(x)
    if x.ndim < 2:
        raise ValueError(
            f"{op}: `{argument}` must have rank >= 2. Received: {argument}.shape={tuple(x.shape)}"
        )
    return x


def _mT(x):
    return jnp.conj(jnp.swapaxes(x, -1, -2))


def cholesky(x, upper=False):
    x = _square(x, "cholesky")
    out = jnp.linalg.cholesky(x)
    if not isinstance(out, jax.core.Tracer) and bool(jnp.any(jnp.isnan(out))):
        raise ValueError("cholesky: `x` is not positive definite (the decomposition failed).")
    return _mT(out) if upper else out


def cholesky_inverse(x, upper=False):
    x = _square(x, "cholesky_inverse")
    eye = jnp.broadcast_to(jnp.eye(x.shape[-1], dtype=x.dtype), x.shape)
    lower = _mT(x) if upper else x
    inv_lower = lax.linalg.triangular_solve(lower, eye, left_side=True, lower=True)
    return _mT(inv_lower) @ inv_lower


def det(x):
    return jnp.linalg.det(_square(x, "det"))


def eig(x):
    return jnp.linalg.eig(_square(x, "eig"))


def eigh(x):
    return jnp.linalg.eigh(_square(x, "eigh"))


def inv(x):
    return jnp.linalg.inv(_square(x, "inv"))


def jvp(fun, primals, tangents, has_aux=False):
    return jax.jvp(fun, primals, tangents, has_aux=has_aux)


def lstsq(a, b, rcond=None):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = dtype_rules.float_dtype(a, b)
    a, b = a.astype(dtype), b.astype(dtype)
    if a.ndim != 2 or b.ndim not in (1, 2) or b.shape[0] != a.shape[0]:
        raise ValueError(
            "lstsq: `a` must have shape (M, N) and `b` shape (M,) or (M, K). "
            f"Received: a.shape={tuple(a.shape)}, b.shape={tuple(b.shape)}"
        )
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0]


def lu_factor(x):
    x = _matrix(x, "lu_factor")
    lu, pivots = jsp.linalg.lu_factor(x)
    return lu, pivots.astype("int32")


def matrix_rank(x, tol=None):
    x = _matrix(x, "matrix_rank")
    s = jnp.linalg.svd(x, compute_uv=False)
    if tol is None:
        eps = jnp.finfo(x.dtype).eps
        tol = jnp.max(s, axis=-1, keepdims=True) * max(x.shape[-2:]) * eps
    else:
        tol = jnp.expand_dims(convert_to_tensor(tol).astype(s.dtype), -1)
    return jnp.sum(s > tol, axis=-1).astype("int32")


def norm(x, ord=None, axis=None, keepdims=False):
    x = to_float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    if axis is None and ord is not None and x.ndim not in (1, 2):
        raise ValueError(
            f"norm: `ord`={ord!r} needs `axis` for a tensor of rank {x.ndim}. "
            f"Received: x.shape={tuple(x.shape)}"
        )
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def pinv(x, rcond=None):
    x = _matrix(x, "pinv")
    return jnp.linalg.pinv(x, rtol=rcond)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"qr: `mode` must be 'reduced' or 'complete'. Received: mode={mode!r}")
    x = to_float(x)
    if x.ndim < 2:
        raise ValueError(f"qr: `x` must have rank >= 2. Received: x.shape={tuple(x.shape)}")
    return jnp.linalg.qr(x, mode=mode)


def solve(a, b):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = dtype_rules.float_dtype(a, b)
    a = _square(a.astype(dtype), "solve", "a")
    return jnp.linalg.solve(a, b.astype(dtype))


def solve_triangular(a, b, lower=False):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = dtype_rules.float_dtype(a, b)
    a = _square(a.astype(dtype), "solve_triangular", "a")
    b = b.astype(dtype)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b[..., None]
    if b.shape[-2] != a.shape[-1]:
        raise ValueError(
            "solve_triangular: `b` must have as many rows as `a`. Received: "
            f"a.shape={tuple(a.shape)}, b.shape={tuple(b.shape)}"
        )
    batch = jnp.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = jnp.broadcast_to(a, batch + a.shape[-2:])
    b = jnp.broadcast_to(b, batch + b.shape[-2:])
    out = lax.linalg.triangular_solve(a, b, left_side=True, lower=bool(lower))
    return out[..., 0] if vector else out


def svd(x, full_matrices=True, compute_uv=True):
    x = _matrix(x, "svd")
    return jnp.linalg.svd(x, full_matrices=full_matrices, compute_uv=compute_uv)
