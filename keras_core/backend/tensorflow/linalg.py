"""The tensorflow backend's linalg functions (keras_core/ops/linalg.py)."""

import numpy as np
import tensorflow as tf

from keras_core.backend.common import tree
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

UNSUPPORTED = {}


def _shape_str(x):
    return tuple(x.shape.as_list()) if x.shape.rank is not None else None


def _matrix(x, op, square=False):
    x = h.to_float(x)
    shape = x.shape
    if shape.rank is None or shape.rank < 2:
        raise ValueError(
            f"{op}: `x` must be a matrix or a batch of matrices (rank >= 2). "
            f"Received: x.shape={_shape_str(x)}"
        )
    if square and shape[-1] is not None and shape[-2] is not None and shape[-1] != shape[-2]:
        raise ValueError(
            f"{op}: `x` must be a square matrix (or a batch of them). "
            f"Received: x.shape={_shape_str(x)}"
        )
    return x


def _in_compute(fn, x, *others):
    """Runs ``fn`` in float32 for half types (TF's linalg kernels lack them); casts back."""
    out = fn(h.upcast_half(x), *[h.upcast_half(o) for o in others])
    if h.dtype_name(x) not in h.HALF_TYPES:
        return out
    return tree.map_structure(lambda t: tf.cast(t, x.dtype) if t.dtype.is_floating else t, out)


def _eps(dtype):
    return float(np.finfo(h.compute_dtype(dtype)).eps)


def cholesky(x, upper=False):
    x = _matrix(x, "cholesky", square=True)
    # Only the lower triangle is read (as LAPACK and NumPy do), so gradients flow to it alone.
    lower = tf.linalg.band_part(x, -1, 0)
    x = lower + tf.linalg.adjoint(lower - tf.linalg.band_part(x, 0, 0))
    out = _in_compute(tf.linalg.cholesky, x)
    return tf.linalg.adjoint(out) if upper else out


def cholesky_inverse(x, upper=False):
    x = _matrix(x, "cholesky_inverse", square=True)
    factor = tf.linalg.adjoint(x) if upper else x

    def inverse(f):
        eye = tf.eye(tf.shape(f)[-1], batch_shape=tf.shape(f)[:-2], dtype=f.dtype)
        return tf.linalg.cholesky_solve(f, eye)

    return _in_compute(inverse, factor)


def det(x):
    return _in_compute(tf.linalg.det, _matrix(x, "det", square=True))


def eig(x):
    x = _matrix(x, "eig", square=True)
    return tf.linalg.eig(h.upcast_half(x))


def eigh(x):
    return _in_compute(tf.linalg.eigh, _matrix(x, "eigh", square=True))


def inv(x):
    return _in_compute(tf.linalg.inv, _matrix(x, "inv", square=True))


def jvp(fun, primals, tangents, has_aux=False):
    if not isinstance(primals, (list, tuple)) or not isinstance(tangents, (list, tuple)):
        raise TypeError(
            "jvp: `primals` and `tangents` must be lists or tuples of the function's "
            f"positional arguments. Received: primals={type(primals).__name__}, "
            f"tangents={type(tangents).__name__}"
        )
    flat_p = [convert_to_tensor(p) for p in tree.flatten(primals)]
    flat_t = tree.flatten(tangents)
    if len(flat_p) != len(flat_t):
        raise ValueError(
            "jvp: `primals` and `tangents` must have the same structure. Received "
            f"{len(flat_p)} primal and {len(flat_t)} tangent leaves."
        )
    flat_t = [tf.cast(convert_to_tensor(t), p.dtype) for p, t in zip(flat_p, flat_t)]
    with tf.autodiff.ForwardAccumulator(flat_p, flat_t) as acc:
        out = fun(*tree.pack_sequence_as(primals, flat_p))
        aux = None
        if has_aux:
            out, aux = out
    zero = tf.UnconnectedGradients.ZERO
    tangent_out = tree.map_structure(lambda o: acc.jvp(o, unconnected_gradients=zero), out)
    return (out, tangent_out, aux) if has_aux else (out, tangent_out)


def _pinv(x, rcond):
    s, u, v = tf.linalg.svd(x, full_matrices=False, compute_uv=True)
    if rcond is None:
        m, n = h.dim(x, -2), h.dim(x, -1)
        rcond = tf.cast(tf.maximum(m, n), s.dtype) * _eps(s.dtype)
    cutoff = h.cast(rcond, s.dtype)[..., None] * tf.reduce_max(s, axis=-1, keepdims=True)
    s_inv = tf.where(s > cutoff, 1 / tf.where(s > cutoff, s, 1), 0)
    s_inv = tf.cast(s_inv, v.dtype)
    return tf.linalg.matmul(v * s_inv[..., None, :], u, adjoint_b=True)


def pinv(x, rcond=None):
    x = _matrix(x, "pinv")
    return _in_compute(lambda v: _pinv(v, rcond), x)


def lstsq(a, b, rcond=None):
    a, b = h.floats(a, b)
    a = _matrix(a, "lstsq")
    if a.shape.rank != 2 or b.shape.rank not in (1, 2):
        raise ValueError(
            "lstsq: `a` must have shape (M, N) and `b` shape (M,) or (M, K). "
            f"Received: a.shape={_shape_str(a)}, b.shape={_shape_str(b)}"
        )
    if a.shape[0] is not None and b.shape[0] is not None and a.shape[0] != b.shape[0]:
        raise ValueError(
            "lstsq: `a` and `b` must have the same number of rows. "
            f"Received: a.shape={_shape_str(a)}, b.shape={_shape_str(b)}"
        )
    vector = b.shape.rank == 1

    def solve_ls(a_, b_):
        rhs = b_[:, None] if vector else b_
        out = tf.linalg.matmul(_pinv(a_, rcond), rhs)
        return out[:, 0] if vector else out

    return _in_compute(solve_ls, a, b)


def _perm_to_pivots(perm):
    # LAPACK-style pivots: row i was swapped with row piv[i], applied in order i = 0..n-1.
    n = perm.shape[-1]
    batch_rank = perm.shape.rank - 1
    arange = tf.range(n, dtype=perm.dtype)
    current = tf.broadcast_to(arange, tf.shape(perm))
    position = current
    pivots = []
    for i in range(n):
        wanted = perm[..., i : i + 1]
        j = tf.gather(position, wanted, batch_dims=batch_rank)
        row_i = current[..., i : i + 1]
        pivots.append(j[..., 0])
        current = tf.where(arange == i, wanted, tf.where(arange == j, row_i, current))
        position = tf.where(arange == wanted, i, tf.where(arange == row_i, j, position))
    return tf.cast(tf.stack(pivots, axis=-1), "int32")


def lu_factor(x):
    x = _matrix(x, "lu_factor", square=True)
    if x.shape[-1] is None:
        raise ValueError(f"lu_factor: the matrix size must be known. Received: {_shape_str(x)}")
    lu, perm = _in_compute(tf.linalg.lu, x)
    return lu, _perm_to_pivots(perm)


def matrix_rank(x, tol=None):
    x = _matrix(x, "matrix_rank")

    def rank(v):
        s = tf.linalg.svd(v, compute_uv=False)
        if tol is None:
            size = tf.cast(tf.maximum(h.dim(v, -2), h.dim(v, -1)), s.dtype)
            threshold = tf.reduce_max(s, axis=-1, keepdims=True) * size * _eps(s.dtype)
        else:
            threshold = h.cast(tol, s.dtype)[..., None]
        return tf.reduce_sum(tf.cast(s > threshold, "int32"), axis=-1)

    return _in_compute(rank, x)


def _vector_norm(x, ord, axis, keepdims):
    a = tf.abs(x)
    if ord is None or ord == 2:
        return tf.sqrt(tf.reduce_sum(tf.square(a), axis=axis, keepdims=keepdims))
    if ord == np.inf:
        return tf.reduce_max(a, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return tf.reduce_min(a, axis=axis, keepdims=keepdims)
    if ord == 0:
        return tf.reduce_sum(tf.cast(a != 0, a.dtype), axis=axis, keepdims=keepdims)
    if ord == 1:
        return tf.reduce_sum(a, axis=axis, keepdims=keepdims)
    p = h.cast(ord, a.dtype)
    return tf.reduce_sum(a**p, axis=axis, keepdims=keepdims) ** (1 / p)


def _singular_values(x, axes):
    rank = x.shape.rank
    rest = [i for i in range(rank) if i not in axes]
    moved = tf.transpose(x, rest + list(axes))
    return _in_compute(lambda v: tf.linalg.svd(v, compute_uv=False), moved)


def _matrix_norm(x, ord, axes, keepdims):
    row, col = axes
    a = tf.abs(x)
    if ord is None or ord == "fro":
        return tf.sqrt(tf.reduce_sum(tf.square(a), axis=axes, keepdims=keepdims))
    if ord in (1, -1, np.inf, -np.inf):
        summed, other = (col, row) if ord in (np.inf, -np.inf) else (row, col)
        sums = tf.reduce_sum(a, axis=summed, keepdims=True)
        reduce = tf.reduce_max if ord > 0 else tf.reduce_min
        out = reduce(sums, axis=other, keepdims=True)
    elif ord in ("nuc", 2, -2):
        s = _singular_values(x, axes)
        if ord == "nuc":
            out = tf.reduce_sum(s, axis=-1)
        else:
            out = (tf.reduce_max if ord == 2 else tf.reduce_min)(s, axis=-1)
        out = tf.expand_dims(tf.expand_dims(out, min(axes)), max(axes))
    else:
        raise ValueError(
            "norm: invalid `ord` for a matrix norm. Expected one of None, 'fro', 'nuc', "
            f"inf, -inf, 1, -1, 2, -2. Received: ord={ord!r}"
        )
    return out if keepdims else tf.squeeze(out, axes)


def norm(x, ord=None, axis=None, keepdims=False):
    x = h.to_float(x)
    rank = h.static_rank("norm", x)
    if axis is None:
        if ord is None:
            axes = tuple(range(rank))
            out = tf.sqrt(tf.reduce_sum(tf.square(tf.abs(x)), axis=axes, keepdims=keepdims))
            return out
        if rank not in (1, 2):
            raise ValueError(
                "norm: with `axis=None` and an `ord`, `x` must be 1-D or 2-D. "
                f"Received: x.shape={_shape_str(x)}, ord={ord!r}"
            )
        axes = tuple(range(rank))
    elif isinstance(axis, (list, tuple)):
        axes = tuple(h.canonical_axis("norm", a, rank) for a in axis)
    else:
        axes = (h.canonical_axis("norm", axis, rank),)
    if len(axes) == 1:
        if isinstance(ord, str):
            raise ValueError(f"norm: invalid `ord` for a vector norm. Received: ord={ord!r}")
        return _vector_norm(x, ord, axes[0], keepdims)
    if len(axes) == 2 and axes[0] != axes[1]:
        return _matrix_norm(x, ord, axes, keepdims)
    raise ValueError(f"norm: `axis` must be an int or a pair of distinct ints. Received: {axis!r}")


def _broadcast_solve_args(a, b, op):
    vector = b.shape.rank == 1
    rhs = b[:, None] if vector else b
    if a.shape[-1] is not None and rhs.shape[-2] is not None and a.shape[-1] != rhs.shape[-2]:
        raise ValueError(
            f"{op}: the size of `a` ({_shape_str(a)}) does not match `b` ({_shape_str(b)})."
        )
    batch = tf.broadcast_dynamic_shape(tf.shape(a)[:-2], tf.shape(rhs)[:-2])
    a = tf.broadcast_to(a, tf.concat([batch, tf.shape(a)[-2:]], 0))
    rhs = tf.broadcast_to(rhs, tf.concat([batch, tf.shape(rhs)[-2:]], 0))
    return a, rhs, vector


def solve(a, b):
    a, b = h.floats(a, b)
    a = _matrix(a, "solve", square=True)

    def run(a_, b_):
        a_, rhs, vector = _broadcast_solve_args(a_, b_, "solve")
        out = tf.linalg.solve(a_, rhs)
        return out[..., 0] if vector else out

    return _in_compute(run, a, b)


def solve_triangular(a, b, lower=False):
    a, b = h.floats(a, b)
    a = _matrix(a, "solve_triangular", square=True)

    def run(a_, b_):
        a_, rhs, vector = _broadcast_solve_args(a_, b_, "solve_triangular")
        out = tf.linalg.triangular_solve(a_, rhs, lower=lower)
        return out[..., 0] if vector else out

    return _in_compute(run, a, b)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"qr: `mode` must be 'reduced' or 'complete'. Received: mode={mode!r}")
    x = h.to_float(x)
    if h.static_rank("qr", x) < 2:
        raise ValueError(f"qr: `x` must have rank >= 2. Received: x.shape={x.shape}")
    return h.half_safe_pair(lambda v: tf.linalg.qr(v, full_matrices=mode == "complete"), x)


def svd(x, full_matrices=True, compute_uv=True):
    x = _matrix(x, "svd")
    if not compute_uv:
        return _in_compute(lambda v: tf.linalg.svd(v, compute_uv=False), x)
    s, u, v = _in_compute(lambda m: tf.linalg.svd(m, full_matrices=full_matrices), x)
    return u, s, tf.linalg.adjoint(v)
