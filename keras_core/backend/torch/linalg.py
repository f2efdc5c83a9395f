"""The torch backend's linear algebra ops: the ops declared in ``keras_core/ops/linalg.py``."""

import torch

from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import half_to_float, to_float

UNSUPPORTED = {}


def _float(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    native = to_native_dtype(dtype_rules.float_dtype(*xs))
    # torch's CPU linear algebra has no half-precision kernels: compute in float32.
    work = torch.float32 if native in (torch.float16, torch.bfloat16) else native
    return [x.to(work) for x in xs], native


def _matrix(x, op, square=True):
    (x,), native = _float(x)
    if x.ndim < 2:
        raise ValueError(
            f"{op}: `x` must have rank >= 2 (a matrix or a batch of matrices). "
            f"Received: x.shape={tuple(x.shape)}"
        )
    if square and x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"{op}: `x` must be a square matrix (or a batch of them), shape "
            f"(..., M, M). Received: x.shape={tuple(x.shape)}"
        )
    return x, native


def _out(x, native):
    if x.is_complex() or not x.is_floating_point():
        return x
    return x.to(native)


def _linalg_error(op, e):
    return ValueError(f"{op}: the decomposition failed for this input: {e}")


def cholesky(x, upper=False):
    op = "cholesky"
    x, native = _matrix(x, op)
    # The input is taken as symmetric: (x + x^T) / 2, so gradients are symmetric too.
    x = (x + x.mT) / 2
    try:
        return _out(torch.linalg.cholesky(x, upper=upper), native)
    except torch.linalg.LinAlgError as e:
        raise _linalg_error(op, e) from e


def cholesky_inverse(x, upper=False):
    x, native = _matrix(x, "cholesky_inverse")
    # Only the factor's triangle is read (and differentiated).
    factor = torch.triu(x) if upper else torch.tril(x)
    return _out(torch.cholesky_inverse(factor, upper=upper), native)


def det(x):
    x, native = _matrix(x, "det")
    return _out(torch.linalg.det(x), native)


def eig(x):
    x, _ = _matrix(x, "eig")
    return torch.linalg.eig(x)


def eigh(x):
    x, native = _matrix(x, "eigh")
    w, v = torch.linalg.eigh(x)
    return _out(w, native), _out(v, native)


def inv(x):
    op = "inv"
    x, native = _matrix(x, op)
    try:
        return _out(torch.linalg.inv(x), native)
    except torch.linalg.LinAlgError as e:
        raise _linalg_error(op, e) from e


def lu_factor(x):
    op = "lu_factor"
    x, native = _matrix(x, op, square=False)
    lu, pivots = torch.linalg.lu_factor(x)
    return _out(lu, native), (pivots - 1).to(torch.int32)


def matrix_rank(x, tol=None):
    x, _ = _matrix(x, "matrix_rank", square=False)
    if tol is None:
        rank = torch.linalg.matrix_rank(x)
    else:
        rank = torch.linalg.matrix_rank(x, atol=tol, rtol=0.0)
    return rank.to(torch.int32)


def _vector_ord(ord, op):
    if isinstance(ord, str):
        raise ValueError(f"{op}: `ord`={ord!r} is only valid for matrix norms.")
    return 2 if ord is None else ord


_MATRIX_ORDS = ("fro", "nuc", float("inf"), float("-inf"), 1, -1, 2, -2)


def norm(x, ord=None, axis=None, keepdims=False):
    op = "norm"
    (x,), native = _float(x)
    ndim = x.ndim
    if axis is None:
        if ord is None:
            out = torch.linalg.vector_norm(x, 2, dim=None, keepdim=keepdims)
            return _out(out, native)
        if ndim not in (1, 2):
            raise ValueError(
                f"{op}: with axis=None and an `ord`, `x` must be 1-D or 2-D. "
                f"Received: x.shape={tuple(x.shape)}"
            )
        axis = tuple(range(ndim))
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    for a in axes:
        if not -ndim <= a < ndim:
            raise ValueError(f"{op}: axis {a} is out of range for a tensor of rank {ndim}.")
    axes = tuple(a % ndim for a in axes)
    if len(axes) == 1:
        out = torch.linalg.vector_norm(x, _vector_ord(ord, op), dim=axes, keepdim=keepdims)
        return _out(out, native)
    if len(axes) != 2 or axes[0] == axes[1]:
        raise ValueError(
            f"{op}: `axis` must be an int or a pair of distinct ints. Received: axis={axis!r}"
        )
    ord = "fro" if ord is None else ord
    if ord not in _MATRIX_ORDS:
        raise ValueError(
            f"{op}: invalid `ord` for a matrix norm: {ord!r}. Expected one of {_MATRIX_ORDS}."
        )
    out = torch.linalg.matrix_norm(x, ord, dim=axes, keepdim=keepdims)
    return _out(out, native)


def pinv(x, rcond=None):
    x, native = _matrix(x, "pinv", square=False)
    return _out(torch.linalg.pinv(x, rtol=rcond), native)


def _rhs(a, b, op):
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(
            f"{op}: `a` must be a square matrix (or a batch of them). "
            f"Received: a.shape={tuple(a.shape)}"
        )
    vector = b.ndim == a.ndim - 1 if op == "solve_triangular" else b.ndim == 1
    if vector:
        b = b.unsqueeze(-1)
    if b.shape[-2] != a.shape[-1]:
        raise ValueError(
            f"{op}: `b` must have {a.shape[-1]} rows to match `a`. "
            f"Received: a.shape={tuple(a.shape)}, b.shape={tuple(b.shape)}"
        )
    batch = torch.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = a.expand(batch + tuple(a.shape[-2:]))
    b = b.expand(batch + tuple(b.shape[-2:]))
    return a, b, vector


def solve(a, b):
    op = "solve"
    (a, b), native = _float(a, b)
    a, b, vector = _rhs(a, b, op)
    try:
        out = torch.linalg.solve(a, b)
    except torch.linalg.LinAlgError as e:
        raise _linalg_error(op, e) from e
    return _out(out.squeeze(-1) if vector else out, native)


def solve_triangular(a, b, lower=False):
    (a, b), native = _float(a, b)
    a, b, vector = _rhs(a, b, "solve_triangular")
    out = torch.linalg.solve_triangular(a, b, upper=not lower)
    return _out(out.squeeze(-1) if vector else out, native)


def lstsq(a, b, rcond=None):
    op = "lstsq"
    (a, b), native = _float(a, b)
    if a.ndim != 2 or b.ndim not in (1, 2) or b.shape[0] != a.shape[0]:
        raise ValueError(
            f"{op}: expected a of shape (M, N) and b of shape (M,) or (M, K). "
            f"Received: a.shape={tuple(a.shape)}, b.shape={tuple(b.shape)}"
        )
    vector = b.ndim == 1
    rhs = b.unsqueeze(-1) if vector else b
    if rcond is None:
        rcond = torch.finfo(a.dtype).eps * max(a.shape)
    solution = torch.linalg.lstsq(a, rhs, rcond=rcond, driver="gelsd").solution
    return _out(solution.squeeze(-1) if vector else solution, native)


def svd(x, full_matrices=True, compute_uv=True):
    x, native = _matrix(x, "svd", square=False)
    if not compute_uv:
        return _out(torch.linalg.svdvals(x), native)
    u, s, vh = torch.linalg.svd(x, full_matrices=full_matrices)
    return _out(u, native), _out(s, native), _out(vh, native)


def jvp(fun, primals, tangents, has_aux=False):
    if not isinstance(primals, (tuple, list)) or not isinstance(tangents, (tuple, list)):
        raise TypeError(
            "jvp: `primals` and `tangents` must be tuples or lists. Received: "
            f"{type(primals).__name__} and {type(tangents).__name__}"
        )
    if len(primals) != len(tangents):
        raise ValueError(
            f"jvp: `primals` and `tangents` must have the same length. "
            f"Received: {len(primals)} and {len(tangents)}"
        )
    primals = tuple(convert_to_tensor(p) for p in primals)
    tangents = tuple(convert_to_tensor(t).to(p.dtype) for t, p in zip(tangents, primals))
    return torch.func.jvp(fun, primals, tangents, has_aux=has_aux)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"qr: `mode` must be 'reduced' or 'complete'. Received: mode={mode!r}")
    x = to_float(x)
    if x.ndim < 2:
        raise ValueError(f"qr: `x` must have rank >= 2. Received: x.shape={tuple(x.shape)}")
    q, r = torch.linalg.qr(half_to_float(x), mode=mode)
    return q.to(x.dtype), r.to(x.dtype)
