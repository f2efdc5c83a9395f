"""The jax backend's ops of ``keras_core/ops/numpy/creation.py``."""

import jax.numpy as jnp

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import (
    as_int,
    broadcast_error,
    broadcasts_to,
    canonical_axis,
    cast,
    check_axis,
    check_broadcast,
    check_min_rank,
    check_numeric,
    check_rank,
    float_type,
    result_type,
    shape_arg,
    tensor,
    unary_type,
)


def _creation_type(op, dtype, *values):
    # `dtype` if given, else floatx() or the promoted dtype of the values (weak scalars stay weak)
    if dtype is not None:
        return dt.standardize_dtype(dtype)
    if not values:
        return config.floatx()
    return result_type(op, *values)


def zeros(shape, dtype=None):
    return jnp.zeros(shape_arg("zeros", shape), _creation_type("zeros", dtype))


def ones(shape, dtype=None):
    return jnp.ones(shape_arg("ones", shape), _creation_type("ones", dtype))


def empty(shape, dtype=None):
    return jnp.zeros(shape_arg("empty", shape), _creation_type("empty", dtype))


def _full(op, shape, fill_value, dtype):
    shape = shape_arg(op, shape)
    check_numeric(op, fill_value, "fill_value")
    value = cast(fill_value, _creation_type(op, dtype, fill_value))
    if not broadcasts_to(value.shape, shape):
        raise broadcast_error(op, value.shape, shape)
    return jnp.broadcast_to(value, shape)


def full(shape, fill_value, dtype=None):
    return _full("full", shape, fill_value, dtype)


def _like_type(x, dtype):
    return x.dtype if dtype is None else dt.standardize_dtype(dtype)


def zeros_like(x, dtype=None):
    x = tensor(x, "zeros_like")
    return jnp.zeros(x.shape, _like_type(x, dtype))


def ones_like(x, dtype=None):
    x = tensor(x, "ones_like")
    return jnp.ones(x.shape, _like_type(x, dtype))


def empty_like(x, dtype=None):
    x = tensor(x, "empty_like")
    return jnp.zeros(x.shape, _like_type(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = tensor(x, "full_like")
    return _full("full_like", x.shape, fill_value, _like_type(x, dtype))


def eye(N, M=None, k=0, dtype=None):
    N = as_int("eye", N, "N")
    M = N if M is None else as_int("eye", M, "M")
    if N < 0 or M < 0:
        raise ValueError(f"eye: `N` and `M` must be >= 0. Received: N={N}, M={M}")
    return jnp.eye(N, M, k=as_int("eye", k, "k"), dtype=_creation_type("eye", dtype))


def identity(n, dtype=None):
    n = as_int("identity", n, "n")
    if n < 0:
        raise ValueError(f"identity: `n` must be >= 0. Received: n={n}")
    return jnp.eye(n, dtype=_creation_type("identity", dtype))


def tri(N, M=None, k=0, dtype=None):
    N = as_int("tri", N, "N")
    M = N if M is None else as_int("tri", M, "M")
    if N < 0 or M < 0:
        raise ValueError(f"tri: `N` and `M` must be >= 0. Received: N={N}, M={M}")
    return jnp.tri(N, M, k=as_int("tri", k, "k"), dtype=_creation_type("tri", dtype))


def arange(start, stop=None, step=1, dtype=None):
    step = 1 if step is None else step
    values = (start, step) if stop is None else (start, stop, step)
    d = _creation_type("arange", dtype, *values)
    if isinstance(step, (int, float)) and step == 0:
        raise ValueError("arange: `step` must not be zero. Received: step=0")
    if stop is None:
        start, stop = 0, start
    if dt.is_int_dtype(d) or d == "bool":
        return jnp.arange(start, stop, step, dtype=d)
    # Computed in float64 then rounded once, as NumPy does.
    return jnp.arange(start, stop, step, dtype="float64").astype(d)


def _space_args(op, num, dtype, start, stop):
    # (num, result dtype, start and stop in the wide dtype the values are computed in)
    num = as_int(op, num, "num")
    if num < 0:
        raise ValueError(f"{op}: `num` must be >= 0. Received: num={num}")
    check_numeric(op, start, "start")
    check_numeric(op, stop, "stop")
    d = dt.standardize_dtype(dtype) if dtype is not None else float_type(op, start, stop)
    w = "complex128" if dt.is_complex_dtype(d) else "float64"
    start, stop = cast(start, w), cast(stop, w)
    check_broadcast(op, start, stop)
    return num, d, start, stop


def _round_to(x, d, floor=False):
    if floor and dt.is_int_dtype(d):
        x = jnp.floor(x)
    return x.astype(d)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num, d, start, stop = _space_args("linspace", num, dtype, start, stop)
    out = jnp.linspace(start, stop, num, endpoint=endpoint, retstep=retstep, axis=axis)
    if not retstep:
        return _round_to(out, d, floor=True)
    step_type = dtype_rules.float_result_dtype(d, op="linspace")
    return _round_to(out[0], d, floor=True), out[1].astype(step_type)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    num, d, start, stop = _space_args("logspace", num, dtype, start, stop)
    base = cast(base, start.dtype)
    out = jnp.logspace(start, stop, num, endpoint=endpoint, base=base, axis=axis)
    return _round_to(out, d)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    for name, v in (("start", start), ("stop", stop)):
        if isinstance(v, (int, float)) and v == 0:
            raise ValueError(f"geomspace: `{name}` must not be zero. Received: {name}={v}")
    num, d, start, stop = _space_args("geomspace", num, dtype, start, stop)
    if dt.is_complex_dtype(start.dtype):
        return _round_to(jnp.geomspace(start, stop, num, endpoint=endpoint, axis=axis), d)
    out_ndim = len(jnp.broadcast_shapes(start.shape, stop.shape)) + 1
    axis = canonical_axis("geomspace", axis, out_ndim)
    sign = jnp.where(start < 0, -1.0, 1.0)
    a, b = start * sign, stop * sign
    out = jnp.logspace(jnp.log10(a), jnp.log10(b), num, endpoint=endpoint, axis=0)
    if num > 0:
        out = out.at[0].set(jnp.broadcast_to(a, out.shape[1:]))
    if num > 1 and endpoint:
        out = out.at[-1].set(jnp.broadcast_to(b, out.shape[1:]))
    return _round_to(jnp.moveaxis(out * sign, 0, axis), d)


def array(x, dtype=None):
    if isinstance(x, KerasVariable):
        x = x.value
    tensor(x, "array")  # rejects strings with a TypeError
    return jnp.array(convert_to_tensor(x, dtype=dtype), copy=True)


def _window(op, fn, x, *args):
    n = as_int(op, x, "x")
    return fn(n, *args).astype(config.floatx())


def bartlett(x):
    return _window("bartlett", jnp.bartlett, x)


def blackman(x):
    return _window("blackman", jnp.blackman, x)


def hamming(x):
    return _window("hamming", jnp.hamming, x)


def hanning(x):
    return _window("hanning", jnp.hanning, x)


def kaiser(x, beta):
    return _window("kaiser", jnp.kaiser, x, float(beta))


# ----------------------------------------------------------------------------- matrices


def tril(x, k=0):
    x = tensor(x, "tril")
    check_min_rank("tril", x, 1)
    return jnp.tril(x, as_int("tril", k, "k"))


def triu(x, k=0):
    x = tensor(x, "triu")
    check_min_rank("triu", x, 1)
    return jnp.triu(x, as_int("triu", k, "k"))


def diag(x, k=0):
    x = tensor(x, "diag")
    check_rank("diag", x, (1, 2))
    return jnp.diag(x, as_int("diag", k, "k"))


def diagflat(x, k=0):
    return jnp.diagflat(tensor(x, "diagflat"), as_int("diagflat", k, "k"))


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "diagonal")
    check_min_rank("diagonal", x, 2)
    a1 = check_axis("diagonal", axis1, x, "axis1")
    a2 = check_axis("diagonal", axis2, x, "axis2")
    if a1 == a2:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    return jnp.diagonal(x, as_int("diagonal", offset, "offset"), a1, a2)


def vander(x, N=None, increasing=False):
    x = tensor(x, "vander")
    check_rank("vander", x, (1,))
    if N is not None and as_int("vander", N, "N") < 0:
        raise ValueError(f"vander: `N` must be >= 0. Received: N={N}")
    return jnp.vander(cast(x, unary_type("vander", x)), N, increasing=increasing)
