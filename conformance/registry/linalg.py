"""Registry entries (family "linalg"), registered under their top-level names.

Decompositions that are unique only up to signs/phases/order are compared after
a ``postprocess`` that normalizes them (or reconstructs the input from them).
Matrices are well conditioned (random + n * I) so the budgets stay meaningful.
"""

import numpy as np
import scipy.linalg
import scipy.special

import keras_core
from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import np_dtype
from keras_core.backend.common import dtype_rules

FLOATS = ("float32", "float64")


def _fd(x):
    return dtype_rules.float_dtype(x)


def _m(rng, dtype, *shape, diag=0.0):
    m = rng.uniform(-1, 1, shape)
    if diag:
        m = m + diag * np.eye(shape[-1])
    return m.astype(np_dtype(dtype))


def _spd(rng, dtype, *shape):
    m = rng.uniform(-1, 1, shape)
    n = shape[-1]
    return (m @ np.swapaxes(m, -1, -2) + n * np.eye(n)).astype(np_dtype(dtype))


def _square_error(name):
    return ErrorCase(
        (np.ones((2, 3), np.float32),), match=rf"{name}.*square.*shape", id="non-square"
    )


def _square_samples(dtype, rng, maker=_m):
    kwargs = {"diag": 3.0} if maker is _m else {}
    if dtype == "float64":
        return [Case((maker(rng, dtype, 2, 2, **kwargs),), id="2x2", n=2)]
    return [
        Case((maker(rng, dtype, 3, 3, **kwargs),), id="3x3", n=3),
        Case((maker(rng, dtype, 2, 4, 4, **kwargs),), id="batch", n=4),
    ]


def _cholesky_ref(x, upper=False):
    lower = np.linalg.cholesky(x)
    return np.swapaxes(lower, -1, -2) if upper else lower


def _cholesky_samples(dtype, rng):
    cases = _square_samples(dtype, rng, _spd)
    cases.append(Case((_spd(rng, dtype, 3, 3),), {"upper": True}, id="upper", n=3))
    return cases


register(
    Entry(
        name="cholesky",
        family="linalg",
        reference=_cholesky_ref,
        samples=_cholesky_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(_square_error("cholesky"),),
        differentiable=True,
    )
)


def _cholesky_inverse_ref(x, upper=False):
    a = np.swapaxes(x, -1, -2) @ x if upper else x @ np.swapaxes(x, -1, -2)
    return np.linalg.inv(a)


def _cholesky_inverse_samples(dtype, rng):
    lower = np.linalg.cholesky(_spd(rng, "float64", 3, 3)).astype(np_dtype(dtype))
    batch = np.linalg.cholesky(_spd(rng, "float64", 2, 2, 2)).astype(np_dtype(dtype))
    return [
        Case((lower,), id="lower", n=3),
        Case((batch,), id="batch", n=2),
        Case((np.ascontiguousarray(lower.T),), {"upper": True}, id="upper", n=3),
    ]


register(
    Entry(
        name="cholesky_inverse",
        family="linalg",
        reference=_cholesky_inverse_ref,
        samples=_cholesky_inverse_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(_square_error("cholesky_inverse"),),
        differentiable=True,
    )
)

register(
    Entry(
        name="det",
        family="linalg",
        reference=np.linalg.det,
        samples=_square_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(_square_error("det"),),
        differentiable=True,
    )
)
register(
    Entry(
        name="inv",
        family="linalg",
        reference=np.linalg.inv,
        samples=_square_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(_square_error("inv"),),
        differentiable=True,
    )
)


def _keep(dtype, *arrays):
    """Postprocessed values keep the output's dtype, so the tolerance is that dtype's."""
    return tuple(np.asarray(a).astype(dtype) for a in arrays)


def _eig_post(out):
    dtype = np.asarray(out[0]).dtype
    w, v = (np.asarray(a, np.complex128) for a in out)
    order = np.lexsort((w.imag, np.round(w.real, 4)), axis=-1)
    recon = v @ (w[..., :, None] * np.linalg.inv(v))
    return _keep(dtype, np.take_along_axis(w, order, axis=-1), recon)


register(
    Entry(
        name="eig",
        family="linalg",
        reference=lambda x: tuple(np.linalg.eig(x)),
        samples=_square_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype=lambda case, d: (
            ("complex128", "complex128") if d == "float64" else ("complex64", "complex64")
        ),
        errors=(_square_error("eig"),),
        postprocess=_eig_post,
    )
)


def _sym(rng, dtype, *shape):
    m = rng.uniform(-1, 1, shape)
    return (m + np.swapaxes(m, -1, -2)).astype(np_dtype(dtype))


def _eigh_samples(dtype, rng):
    return [
        Case((_sym(rng, dtype, 3, 3),), id="3x3", n=3),
        Case((_sym(rng, dtype, 2, 2, 2),), id="batch", n=2),
    ]


def _eigh_post(out):
    dtype = np.asarray(out[0]).dtype
    w, v = (np.asarray(a, np.float64) for a in out)
    idx = np.argmax(np.abs(v), axis=-2)[..., None, :]
    signs = np.sign(np.take_along_axis(v, idx, axis=-2))
    return _keep(dtype, w, v * signs)


register(
    Entry(
        name="eigh",
        family="linalg",
        reference=lambda x: tuple(np.linalg.eigh(x)),
        samples=_eigh_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype=lambda case, d: (d, d),
        errors=(_square_error("eigh"),),
        postprocess=_eigh_post,
    )
)


def _jvp_fun(x):
    ops = keras_core.ops
    return ops.erf(ops.nn.softplus(x))


def _jvp_aux_fun(x):
    return _jvp_fun(x), keras_core.ops.nn.sigmoid(x)


def _jvp_ref(fun, primals, tangents, has_aux=False):
    (x,), (t,) = primals, tangents
    sp = np.logaddexp(0, x)
    out = scipy.special.erf(sp)
    tangent = 2 / np.sqrt(np.pi) * np.exp(-sp * sp) * scipy.special.expit(x) * t
    if has_aux:
        return out, tangent, scipy.special.expit(x)
    return out, tangent


def _jvp_samples(dtype, rng):
    x = rng.uniform(-2, 2, (2, 3)).astype(np_dtype(dtype))
    t = rng.uniform(-1, 1, (2, 3)).astype(np_dtype(dtype))
    return [
        Case((_jvp_fun, (x,), (t,)), id="plain"),
        Case((_jvp_aux_fun, (x,), (t,)), {"has_aux": True}, id="aux"),
    ]


register(
    Entry(
        name="jvp",
        family="linalg",
        reference=_jvp_ref,
        samples=_jvp_samples,
        dtypes=FLOATS,
        accuracy="transcendental",
        out_dtype=lambda case, d: (d, d, d) if case.kwargs.get("has_aux") else (d, d),
        errors=(
            ErrorCase(
                (_jvp_fun, (np.ones(2, np.float32),), (np.ones(3, np.float32),)),
                match=r"jvp.*shape",
                id="tangent-shape",
            ),
        ),
    )
)


def _lstsq_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 5, 3), _m(rng, dtype, 5)), id="vector", n=5),
        Case((_m(rng, dtype, 4, 2), _m(rng, dtype, 4, 3)), id="matrix", n=4),
    ]


register(
    Entry(
        name="lstsq",
        family="linalg",
        reference=lambda a, b, rcond=None: np.linalg.lstsq(a, b, rcond=None)[0],
        samples=_lstsq_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((3, 2), np.float32), np.ones(4, np.float32)),
                match=r"lstsq.*shape",
                id="rows-mismatch",
            ),
        ),
    )
)


def _lu_ref(x):
    x = np.asarray(x)
    flat = x.reshape((-1,) + x.shape[-2:])
    lus, pivs = zip(*[scipy.linalg.lu_factor(m) for m in flat])
    return (
        np.stack(lus).reshape(x.shape),
        np.stack(pivs).reshape(x.shape[:-2] + (min(x.shape[-2:]),)),
    )


def _lu_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 3, 3),), id="3x3", n=3),
        Case((_m(rng, dtype, 2, 4, 4),), id="batch", n=4),
    ]


register(
    Entry(
        name="lu_factor",
        family="linalg",
        reference=_lu_ref,
        samples=_lu_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype=lambda case, d: (d, "int32"),
    )
)


def _rank_ref(x, tol=None):
    s = np.linalg.svd(x, compute_uv=False)
    if tol is None:
        tol = s.max(-1, keepdims=True) * max(x.shape[-2:]) * 1.2e-7
    return np.sum(s > tol, axis=-1)


def _rank_samples(dtype, rng):
    def low_rank(m, n, r, batch=()):
        return (rng.uniform(-1, 1, batch + (m, r)) @ rng.uniform(-1, 1, batch + (r, n))).astype(
            np_dtype(dtype)
        )

    return [
        Case((low_rank(4, 3, 2),), id="rank2"),
        Case((low_rank(3, 5, 3, (2,)),), id="batch"),
        Case((low_rank(3, 3, 1),), {"tol": 0.5}, id="tol"),
    ]


register(
    Entry(
        name="matrix_rank",
        family="linalg",
        reference=_rank_ref,
        samples=_rank_samples,
        dtypes=FLOATS,
        accuracy="exact",
        out_dtype="int32",
    )
)


def _norm_ref(x, ord=None, axis=None, keepdims=False):
    return np.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def _norm_samples(dtype, rng):
    v, m = _m(rng, dtype, 5), _m(rng, dtype, 3, 4)
    if dtype == "float64":
        return [Case((m,), id="fro", n=12), Case((v,), {"ord": 1}, id="l1", n=5)]
    return [
        Case((v,), id="l2", n=5),
        Case((v,), {"ord": np.inf}, id="linf", n=5),
        Case((v,), {"ord": 3}, id="l3", n=5),
        Case((m,), id="fro", n=12),
        Case((m,), {"ord": 1}, id="matrix-1", n=12),
        Case((m,), {"ord": "nuc"}, id="nuclear", n=12),
        Case((m,), {"ord": 2}, id="spectral", n=12),
        Case((_m(rng, dtype, 2, 3, 4),), {"axis": 1, "keepdims": True}, id="axis1", n=3),
        Case((_m(rng, dtype, 2, 3, 4),), {"axis": (0, 2), "ord": "fro"}, id="axes02", n=8),
        Case((_m(rng, dtype, 2, 3, 4),), id="all", n=24),
    ]


register(
    Entry(
        name="norm",
        family="linalg",
        reference=_norm_ref,
        samples=_norm_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32),), {"ord": "bad"}, match=r"norm.*ord", id="bad-ord"
            ),
        ),
        differentiable=True,
    )
)


def _pinv_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 3, 2),), id="tall", n=3),
        Case((_m(rng, dtype, 2, 2, 3),), id="batch-wide", n=3),
    ]


register(
    Entry(
        name="pinv",
        family="linalg",
        reference=lambda x, rcond=None: np.linalg.pinv(x),
        samples=_pinv_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
    )
)


def _qr_post(out):
    dtype = np.asarray(out[0]).dtype
    q, r = (np.asarray(a, np.float64) for a in out)
    k = min(q.shape[-2], r.shape[-1])
    signs = np.sign(np.diagonal(r, axis1=-2, axis2=-1)[..., :k])
    signs = np.where(signs == 0, 1, signs)
    return _keep(dtype, q[..., :, :k] * signs[..., None, :], r[..., :k, :] * signs[..., :, None])


def _qr_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 4, 3),), id="tall", n=4),
        Case((_m(rng, dtype, 3, 4),), id="wide", n=4),
        Case((_m(rng, dtype, 2, 4, 3),), {"mode": "complete"}, id="complete-batch", n=4),
    ]


register(
    Entry(
        name="qr",
        family="linalg",
        reference=lambda x, mode="reduced": tuple(np.linalg.qr(x, mode=mode)),
        samples=_qr_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype=lambda c, d: (d, d),
        errors=(
            ErrorCase(
                (np.ones((3, 3), np.float32),), {"mode": "full"}, match=r"qr.*mode", id="bad-mode"
            ),
        ),
        postprocess=_qr_post,
    )
)


def _solve_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 3, 3, diag=3.0), _m(rng, dtype, 3)), id="vector", n=3),
        Case((_m(rng, dtype, 3, 3, diag=3.0), _m(rng, dtype, 3, 2)), id="matrix", n=3),
        Case((_m(rng, dtype, 2, 2, 2, diag=3.0), _m(rng, dtype, 2, 2, 1)), id="batch", n=2),
    ]


def _solve_ref(a, b):
    if b.ndim == a.ndim - 1:
        return np.linalg.solve(a, b[..., None])[..., 0]
    return np.linalg.solve(a, b)


register(
    Entry(
        name="solve",
        family="linalg",
        reference=_solve_ref,
        samples=_solve_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((3, 3), np.float32), np.ones(4, np.float32)),
                match=r"solve.*shape",
                id="rows-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _tri_ref(a, b, lower=False):
    t = np.tril(a) if lower else np.triu(a)
    return _solve_ref(t, b)


def _tri_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 3, 3, diag=3.0), _m(rng, dtype, 3)), id="upper-vector", n=3),
        Case(
            (_m(rng, dtype, 3, 3, diag=3.0), _m(rng, dtype, 3, 2)),
            {"lower": True},
            id="lower-matrix",
            n=3,
        ),
        Case(
            (_m(rng, dtype, 2, 2, 2, diag=3.0), _m(rng, dtype, 2, 2, 2)),
            {"lower": True},
            id="batch",
            n=2,
        ),
    ]


register(
    Entry(
        name="solve_triangular",
        family="linalg",
        reference=_tri_ref,
        samples=_tri_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype="float",
        differentiable=True,
        grad_argnums=(1,),
    )
)


def _svd_ref(x, full_matrices=True, compute_uv=True):
    out = np.linalg.svd(x, full_matrices=full_matrices, compute_uv=compute_uv)
    return tuple(out) if compute_uv else out


def _svd_post(out):
    if not isinstance(out, (tuple, list)):
        return np.asarray(out)
    dtype = np.asarray(out[1]).dtype
    u, s, vh = (np.asarray(a, np.float64) for a in out)
    k = s.shape[-1]
    return _keep(dtype, s, (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :])


def _svd_samples(dtype, rng):
    return [
        Case((_m(rng, dtype, 4, 3),), id="full", n=4),
        Case((_m(rng, dtype, 2, 3, 4),), {"full_matrices": False}, id="reduced-batch", n=4),
        Case((_m(rng, dtype, 3, 3),), {"compute_uv": False}, id="values", n=3),
    ]


register(
    Entry(
        name="svd",
        family="linalg",
        reference=_svd_ref,
        samples=_svd_samples,
        dtypes=FLOATS,
        accuracy="linalg",
        out_dtype=lambda case, d: d if case.kwargs.get("compute_uv") is False else (d, d, d),
        postprocess=_svd_post,
    )
)
