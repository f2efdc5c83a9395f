"""The numpy backend's NumPy creation ops (arange, zeros, eye, tri/tril/triu, diag, windows, ...).

The ops declared in ``keras_core/ops/numpy/creation.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import creation_dtype
from keras_core.backend.numpy.op_helpers import (
    HALF,
    PY_SCALARS,
    as_dtype,
    as_int,
    canonical_axis,
    cast,
    float_type,
    name_of,
    native,
    shape_arg,
    tensor,
    unary_type,
)

UNSUPPORTED = {}


def _dtype_arg(dtype, *values):
    return creation_dtype(dtype, *[v for v in values if v is not None])


def arange(start, stop=None, step=1, dtype=None):
    step = 1 if step is None else step
    d = _dtype_arg(dtype, start, stop, step)
    if stop is None:
        start, stop = 0, start
    vals = [np.asarray(tensor(v, "arange")).item() for v in (start, stop, step)]
    if vals[2] == 0:
        raise ValueError("arange: `step` must not be zero.")
    if dt.is_int_dtype(d) and builtins.all(float(v).is_integer() for v in vals):
        return np.arange(int(vals[0]), int(vals[1]), int(vals[2]), dtype=native(d))
    return cast(np.arange(*[float(v) for v in vals], dtype=np.float64), d)


def _space_dtype(dtype, start, stop):
    return dt.standardize_dtype(dtype) if dtype is not None else float_type("linspace", start, stop)


def _as_float64(v, op):
    return tensor(v, op).astype(np.float64)


def _finish_space(values, d):
    if dt.is_int_dtype(d) or d == "bool":
        values = np.floor(values)
    return cast(values, d)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num = as_int("linspace", num, "num")
    if num < 0:
        raise ValueError(f"linspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "linspace"), _as_float64(stop, "linspace")
    values, step = np.linspace(a, b, num, endpoint=endpoint, retstep=True, axis=axis)
    out = _finish_space(values, d)
    if retstep:
        return out, cast(step, d)
    return out


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    num = as_int("logspace", num, "num")
    if num < 0:
        raise ValueError(f"logspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "logspace"), _as_float64(stop, "logspace")
    values = np.logspace(a, b, num, endpoint=endpoint, base=np.float64(base), axis=axis)
    return _finish_space(values, d)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    num = as_int("geomspace", num, "num")
    if num < 0:
        raise ValueError(f"geomspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "geomspace"), _as_float64(stop, "geomspace")
    if (a == 0).any() or (b == 0).any():
        raise ValueError("geomspace: `start` and `stop` must be non-zero.")
    return _finish_space(np.geomspace(a, b, num, endpoint=endpoint, axis=axis), d)


def _d(dtype):
    return dt.standardize_dtype(dtype) if dtype is not None else config.floatx()


def zeros(shape, dtype=None):
    return np.zeros(shape_arg("zeros", shape), dtype=native(_d(dtype)))


def ones(shape, dtype=None):
    return np.ones(shape_arg("ones", shape), dtype=native(_d(dtype)))


def empty(shape, dtype=None):
    return np.empty(shape_arg("empty", shape), dtype=native(_d(dtype)))


def full(shape, fill_value, dtype=None):
    shape = shape_arg("full", shape)
    if type(fill_value) not in PY_SCALARS:
        fill_value = tensor(fill_value, "full", "fill_value")
    d = creation_dtype(dtype, fill_value)
    v = as_dtype(fill_value, d, "full", "fill_value")
    try:
        return np.array(np.broadcast_to(v, shape))
    except ValueError as e:
        raise ValueError(
            f"full: `fill_value` of shape {v.shape} cannot be broadcast to shape {shape}."
        ) from e


def _like_dtype(x, dtype):
    return dt.standardize_dtype(dtype) if dtype is not None else name_of(x.dtype)


def zeros_like(x, dtype=None):
    x = tensor(x, "zeros_like")
    return np.zeros(x.shape, native(_like_dtype(x, dtype)))


def ones_like(x, dtype=None):
    x = tensor(x, "ones_like")
    return np.ones(x.shape, native(_like_dtype(x, dtype)))


def empty_like(x, dtype=None):
    x = tensor(x, "empty_like")
    return np.empty(x.shape, native(_like_dtype(x, dtype)))


def full_like(x, fill_value, dtype=None):
    x = tensor(x, "full_like")
    d = _like_dtype(x, dtype)
    v = as_dtype(fill_value, d, "full_like", "fill_value")
    try:
        return np.array(np.broadcast_to(v, x.shape))
    except ValueError as e:
        raise ValueError(
            f"full_like: `fill_value` of shape {v.shape} cannot be broadcast to shape {x.shape}."
        ) from e


def eye(N, M=None, k=0, dtype=None):
    N = as_int("eye", N, "N")
    M = N if M is None else as_int("eye", M, "M")
    return np.eye(N, M, as_int("eye", k, "k"), dtype=native(_d(dtype)))


def identity(n, dtype=None):
    return np.identity(as_int("identity", n, "n"), dtype=native(_d(dtype)))


def tri(N, M=None, k=0, dtype=None):
    N = as_int("tri", N, "N")
    M = N if M is None else as_int("tri", M, "M")
    return np.tri(N, M, as_int("tri", k, "k"), dtype=native(_d(dtype)))


def _min_rank(op, x, rank):
    if x.ndim < rank:
        raise ValueError(f"{op}: the input must have rank >= {rank}. Received: x.shape={x.shape}")


def tril(x, k=0):
    x = tensor(x, "tril")
    _min_rank("tril", x, 2)
    return np.tril(x, as_int("tril", k, "k"))


def triu(x, k=0):
    x = tensor(x, "triu")
    _min_rank("triu", x, 2)
    return np.triu(x, as_int("triu", k, "k"))


def diag(x, k=0):
    x = tensor(x, "diag")
    if x.ndim not in (1, 2):
        raise ValueError(f"diag: the input must be 1-D or 2-D. Received: x.shape={x.shape}")
    return np.array(np.diag(x, as_int("diag", k, "k")))


def diagflat(x, k=0):
    return np.diagflat(tensor(x, "diagflat"), as_int("diagflat", k, "k"))


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "diagonal")
    _min_rank("diagonal", x, 2)
    a1 = canonical_axis("diagonal", axis1, x.ndim, "axis1")
    a2 = canonical_axis("diagonal", axis2, x.ndim, "axis2")
    if a1 == a2:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    return np.array(np.diagonal(x, as_int("diagonal", offset, "offset"), a1, a2))


def vander(x, N=None, increasing=False):
    x = tensor(x, "vander")
    if x.ndim != 1:
        raise ValueError(f"vander: `x` must be 1-D. Received: x.shape={x.shape}")
    d = unary_type("vander", x)
    n = x.shape[0] if N is None else as_int("vander", N, "N")
    if n < 0:
        raise ValueError(f"vander: `N` must be >= 0. Received: N={N}")
    src = x.astype(np.float64) if d in HALF else x.astype(native(d))
    return cast(np.vander(src, n, increasing=increasing), d)


def array(x, dtype=None):
    if dtype is None:
        return np.array(tensor(x, "array"), copy=True)
    return np.array(as_dtype(x, dt.standardize_dtype(dtype), "array"), copy=True)


def _window(op, fn, x, *args):
    m = as_int(op, np.asarray(tensor(x, op)).item() if not isinstance(x, int) else x, "x")
    return cast(fn(m, *args), config.floatx())


def bartlett(x):
    return _window("bartlett", np.bartlett, x)


def blackman(x):
    return _window("blackman", np.blackman, x)


def hamming(x):
    return _window("hamming", np.hamming, x)


def hanning(x):
    return _window("hanning", np.hanning, x)


def kaiser(x, beta):
    return _window("kaiser", np.kaiser, x, float(np.asarray(tensor(beta, "kaiser", "beta"))))
