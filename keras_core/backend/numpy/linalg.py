"""The numpy backend's linear algebra ops: the ops declared in ``keras_core/ops/linalg.py``."""

import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.numpy.core import convert_to_tensor
from keras_core.backend.numpy.op_helpers import as_result, scipy_linalg

UNSUPPORTED = {
    "jvp": "the numpy backend has no automatic differentiation; "
    "use the jax, torch or tensorflow backend for jvp",
}


def _work(*xs):
    arrays = [convert_to_tensor(x) for x in xs]
    dtype = dtype_rules.float_dtype(*arrays)
    return [a.astype(np.float64) for a in arrays], dtype


def _batched(fn, x, *rest):
    """Applies a per-matrix scipy function over leading batch dimensions."""
    batch = x.shape[:-2]
    flat = x.reshape((-1,) + x.shape[-2:])
    results = [fn(m, *rest) for m in flat]
    if isinstance(results[0], tuple):
        return tuple(np.stack(r).reshape(batch + r[0].shape) for r in zip(*results))
    return np.stack(results).reshape(batch + np.shape(results[0])) if results else np.zeros(batch)


def cholesky(x, upper=False):
    (x,), dtype = _work(x)
    lower = np.linalg.cholesky(x)
    return as_result(np.swapaxes(lower, -1, -2).conj() if upper else lower, dtype)


def cholesky_inverse(x, upper=False):
    (x,), dtype = _work(x)
    factor = np.swapaxes(x, -1, -2) if upper else x
    inv_factor = _batched(
        lambda m, e: scipy_linalg.solve_triangular(m, e, lower=True), factor, np.eye(x.shape[-1])
    )
    return as_result(np.swapaxes(inv_factor, -1, -2) @ inv_factor, dtype)


def det(x):
    (x,), dtype = _work(x)
    return as_result(np.linalg.det(x), dtype)


def eig(x):
    (x,), dtype = _work(x)
    w, v = np.linalg.eig(x)
    cdtype = np.complex128 if dtype == "float64" else np.complex64
    return w.astype(cdtype), v.astype(cdtype)


def eigh(x):
    (x,), dtype = _work(x)
    w, v = np.linalg.eigh(x, UPLO="L")
    return as_result(w, dtype), as_result(v, dtype)


def inv(x):
    (x,), dtype = _work(x)
    return as_result(np.linalg.inv(x), dtype)


def jvp(fun, primals, tangents, has_aux=False):
    raise NotImplementedError(
        "jvp is not supported by the numpy backend: it has no automatic differentiation; "
        "use the jax, torch or tensorflow backend"
    )


def lstsq(a, b, rcond=None):
    (a, b), dtype = _work(a, b)
    if rcond is None:
        rcond = max(a.shape) * _eps(dtype)
    return as_result(np.linalg.lstsq(a, b, rcond=rcond)[0], dtype)


def lu_factor(x):
    (x,), dtype = _work(x)

    def one(m):
        lu, piv = scipy_linalg.lu_factor(m, check_finite=False)
        return lu, piv.astype(np.int32)

    lu, piv = _batched(one, x)
    return as_result(lu, dtype), piv.astype(np.int32)


def _eps(dtype):
    return float(np.finfo(np.float32 if dtype in ("bfloat16", "float16") else dtype).eps)


def matrix_rank(x, tol=None):
    x = convert_to_tensor(x)
    dtype = dtype_rules.float_dtype(x)
    s = np.linalg.svd(x.astype(np.float64), compute_uv=False)
    if tol is None:
        tol = s.max(axis=-1, keepdims=True) * max(x.shape[-2:]) * _eps(dtype)
    else:
        tol = np.asarray(tol)[..., None] if np.ndim(tol) else tol
    return np.sum(s > tol, axis=-1).astype(np.int32)


def norm(x, ord=None, axis=None, keepdims=False):
    (x,), dtype = _work(x)
    return as_result(np.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims), dtype)


def pinv(x, rcond=None):
    (x,), dtype = _work(x)
    if rcond is None:
        rcond = max(x.shape[-2:]) * _eps(dtype)
    return as_result(np.linalg.pinv(x, rcond=rcond), dtype)


def qr(x, mode="reduced"):
    (x,), dtype = _work(x)
    q, r = np.linalg.qr(x, mode=mode)
    return as_result(q, dtype), as_result(r, dtype)


def solve(a, b):
    (a, b), dtype = _work(a, b)
    if b.ndim == a.ndim - 1:
        return as_result(np.linalg.solve(a, b[..., None])[..., 0], dtype)
    return as_result(np.linalg.solve(a, b), dtype)


def solve_triangular(a, b, lower=False):
    (a, b), dtype = _work(a, b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b[..., None]
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = np.broadcast_to(a, batch + a.shape[-2:]).reshape((-1,) + a.shape[-2:])
    b = np.broadcast_to(b, batch + b.shape[-2:]).reshape((-1,) + b.shape[-2:])
    out = np.stack([scipy_linalg.solve_triangular(m, r, lower=lower) for m, r in zip(a, b)])
    out = out.reshape(batch + out.shape[-2:])
    return as_result(out[..., 0] if vector else out, dtype)


def svd(x, full_matrices=True, compute_uv=True):
    (x,), dtype = _work(x)
    if not compute_uv:
        return as_result(np.linalg.svd(x, compute_uv=False), dtype)
    u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
    return as_result(u, dtype), as_result(s, dtype), as_result(vh, dtype)
