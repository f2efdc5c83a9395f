"""The torch backend's NumPy creation ops (arange, zeros, eye, tri/tril/triu, diag, windows, ...).

The ops declared in ``keras_core/ops/numpy/creation.py``; ``numpy.py`` gathers them.
"""

import math

import torch

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.core import Variable

UNSUPPORTED = {}


def _number(v, op, arg):
    if isinstance(v, (b.Tensor, Variable)):
        t = b.tensor(v, op, arg)
        if t.numel() != 1:
            raise TypeError(f"{op}: `{arg}` must be a scalar; received shape {tuple(t.shape)}.")
        return t.item()
    if hasattr(v, "item") and not isinstance(v, (int, float, bool, complex)):
        return v.item()
    return v


def _creation_dtype(dtype, *values):
    return b.native(rules.creation_dtype(dtype, *[v for v in values if v is not None]))


# ---------------------------------------------------------------- ranges
def arange(start, stop=None, step=1, dtype=None):
    nat = _creation_dtype(dtype, start, stop, step)
    step = 1 if step is None else step
    start, stop, step = (
        _number(v, "arange", n) for v, n in ((start, "start"), (stop, "stop"), (step, "step"))
    )
    if stop is None:
        start, stop = 0, start
    if step == 0:
        raise ValueError("arange: `step` must not be zero.")
    n = max(int(math.ceil((stop - start) / step)), 0)
    if nat in b.FLOATS or nat in b.COMPLEX:
        return (torch.arange(n, dtype=torch.float64) * step + start).to(nat)
    return (torch.arange(n, dtype=torch.int64) * int(step) + int(start)).to(nat)


def _endpoints(op, start, stop, dtype):
    out_nat = b.native(dtype) if dtype is not None else b.native(b.float_type(op, start, stop))
    lo = b.tensor(start, op, "start")
    hi = b.tensor(stop, op, "stop")
    work = torch.complex128 if torch.complex64 in (lo.dtype, hi.dtype, out_nat) else torch.float64
    lo, hi = torch.broadcast_tensors(lo.to(work), hi.to(work))
    return lo, hi, out_nat


def _ramp(op, lo, hi, num, endpoint, axis):
    num = int(num)
    if num < 0:
        raise ValueError(f"{op}: `num` must be non-negative; received {num}.")
    div = (num - 1) if endpoint else num
    steps = torch.arange(num, dtype=torch.float64).reshape((num,) + (1,) * lo.ndim)
    delta = hi - lo
    step = delta / div if div > 0 else torch.full_like(delta, float("nan"))
    out = lo + steps * (step if div > 0 else torch.zeros_like(delta))
    if endpoint and num > 1:
        out = torch.cat([out[:-1], hi.unsqueeze(0)], dim=0)
    ax = b.canonical_axis(op, axis, lo.ndim + 1)
    return torch.movedim(out, 0, ax), step


def _to_out(t, nat, rounding):
    if nat in b.FLOATS or nat in b.COMPLEX:
        return t.to(nat)
    t = t.real if t.is_complex() else t
    return rounding(t).to(nat)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    lo, hi, nat = _endpoints("linspace", start, stop, dtype)
    out, step = _ramp("linspace", lo, hi, num, endpoint, axis)
    out = _to_out(out, nat, torch.floor)
    if retstep:
        return out, _to_out(step, nat if nat in b.INEXACT else b.floatx(), torch.floor)
    return out


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    lo, hi, nat = _endpoints("logspace", start, stop, dtype)
    out, _ = _ramp("logspace", lo, hi, num, endpoint, axis)
    base = b.tensor(base, "logspace", "base").to(out.dtype)
    if base.ndim:
        raise ValueError(f"logspace: `base` must be a scalar; received shape {tuple(base.shape)}.")
    return _to_out(torch.pow(base, out), nat, torch.trunc)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    lo, hi, nat = _endpoints("geomspace", start, stop, dtype)
    if lo.is_complex():
        raise TypeError("geomspace: complex endpoints are not supported by the torch backend.")
    if bool(((lo == 0) | (hi == 0)).any()):
        raise ValueError("geomspace: `start` and `stop` must be non-zero.")
    if bool((torch.sign(lo) != torch.sign(hi)).any()):
        raise ValueError("geomspace: `start` and `stop` must have the same sign.")
    sign = torch.sign(lo)
    out, _ = _ramp("geomspace", torch.log(lo.abs()), torch.log(hi.abs()), num, endpoint, 0)
    out = torch.exp(out) * sign
    if int(num) > 0:
        out = torch.cat([lo.unsqueeze(0), out[1:]], dim=0)
        if endpoint and int(num) > 1:
            out = torch.cat([out[:-1], hi.unsqueeze(0)], dim=0)
    ax = b.canonical_axis("geomspace", axis, lo.ndim + 1)
    return _to_out(torch.movedim(out, 0, ax), nat, torch.trunc)


# ---------------------------------------------------------------- filled tensors
def zeros(shape, dtype=None):
    return torch.zeros(b.shape_tuple("zeros", shape), dtype=_creation_dtype(dtype))


def ones(shape, dtype=None):
    return torch.ones(b.shape_tuple("ones", shape), dtype=_creation_dtype(dtype))


def empty(shape, dtype=None):
    return torch.zeros(b.shape_tuple("empty", shape), dtype=_creation_dtype(dtype))


def _full(op, shape, fill_value, nat):
    if b.is_scalar(fill_value):
        return torch.full(shape, fill_value, dtype=nat)
    value = b.as_dtype(fill_value, b.NAMES[nat], op, "fill_value")
    try:
        return torch.broadcast_to(value, shape).clone()
    except RuntimeError:
        raise ValueError(
            f"{op}: `fill_value` of shape {tuple(value.shape)} does not broadcast to {shape}."
        ) from None


def full(shape, fill_value, dtype=None):
    shape = b.shape_tuple("full", shape)
    return _full("full", shape, fill_value, _creation_dtype(dtype, fill_value))


def _like_dtype(x, dtype, op):
    t = b.tensor(x, op)
    return t, (t.dtype if dtype is None else b.native(dtype))


def zeros_like(x, dtype=None):
    t, nat = _like_dtype(x, dtype, "zeros_like")
    return torch.zeros(t.shape, dtype=nat)


def ones_like(x, dtype=None):
    t, nat = _like_dtype(x, dtype, "ones_like")
    return torch.ones(t.shape, dtype=nat)


def empty_like(x, dtype=None):
    t, nat = _like_dtype(x, dtype, "empty_like")
    return torch.zeros(t.shape, dtype=nat)


def full_like(x, fill_value, dtype=None):
    t, nat = _like_dtype(x, dtype, "full_like")
    return _full("full_like", tuple(t.shape), fill_value, nat)


def array(x, dtype=None):
    if dtype is None:
        return b.tensor(x, "array").clone()
    return b.as_dtype(x, b.NAMES[b.native(dtype)], "array").clone()


# ---------------------------------------------------------------- matrices
def _mask(op, N, M, k):
    n = int(N)
    m = n if M is None else int(M)
    if n < 0 or m < 0:
        raise ValueError(f"{op}: `N` and `M` must be non-negative; received N={N}, M={M}.")
    return torch.arange(m).unsqueeze(0) - torch.arange(n).unsqueeze(-1) - int(k)


def eye(N, M=None, k=0, dtype=None):
    return (_mask("eye", N, M, k) == 0).to(_creation_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    return (_mask("tri", N, M, k) <= 0).to(_creation_dtype(dtype))


def vander(x, N=None, increasing=False):
    t = b.tensor(x, "vander")
    if t.ndim != 1:
        raise ValueError(f"vander: `x` must be 1-D; received shape {tuple(t.shape)}.")
    if t.dtype == torch.bool:
        t = t.to(b.INDEX_T)
    n = t.shape[0] if N is None else int(N)
    if n < 0:
        raise ValueError(f"vander: `N` must be non-negative; received {N}.")
    nat = t.dtype
    w = b.widen_arith(t)
    cols = torch.cat(
        [torch.ones_like(w).unsqueeze(-1), w.unsqueeze(-1).expand(-1, max(n - 1, 0))], -1
    )
    out = torch.cumprod(cols[:, :n], dim=-1)
    out = out if increasing else out.flip(-1)
    return b.narrow_arith(out, nat)


# ---------------------------------------------------------------- windows
def _window_length(op, x):
    m = _number(x, op, "x")
    if isinstance(m, float) and m.is_integer():
        m = int(m)
    if isinstance(m, bool) or not isinstance(m, int):
        raise TypeError(f"{op}: the window length must be an int; received {x!r}.")
    return m


def _cosine_window(op, x, coeffs):
    m = _window_length(op, x)
    if m < 1:
        return torch.zeros(0, dtype=b.floatx())
    if m == 1:
        return torch.ones(1, dtype=b.floatx())
    n = torch.arange(m, dtype=torch.float64)
    out = torch.zeros(m, dtype=torch.float64)
    for i, c in enumerate(coeffs):
        out = out + c * torch.cos(2.0 * math.pi * i * n / (m - 1))
    return out.to(b.floatx())


def hamming(x):
    return _cosine_window("hamming", x, (0.54, -0.46))


def hanning(x):
    return _cosine_window("hanning", x, (0.5, -0.5))


def blackman(x):
    return _cosine_window("blackman", x, (0.42, -0.5, 0.08))


def bartlett(x):
    m = _window_length("bartlett", x)
    if m < 1:
        return torch.zeros(0, dtype=b.floatx())
    if m == 1:
        return torch.ones(1, dtype=b.floatx())
    n = torch.arange(m, dtype=torch.float64)
    return (1.0 - torch.abs(2.0 * n / (m - 1) - 1.0)).to(b.floatx())


def kaiser(x, beta):
    m = _window_length("kaiser", x)
    if m < 1:
        return torch.zeros(0, dtype=b.floatx())
    if m == 1:
        return torch.ones(1, dtype=b.floatx())
    beta_t = b.tensor(beta, "kaiser", "beta").to(torch.float64)
    alpha = (m - 1) / 2.0
    n = torch.arange(m, dtype=torch.float64)
    arg = beta_t * torch.sqrt(torch.clamp(1.0 - ((n - alpha) / alpha) ** 2, min=0.0))
    return (torch.special.i0(arg) / torch.special.i0(beta_t)).to(b.floatx())


# ---------------------------------------------------------------- triangles and diagonals
def _tri_mask(n, m, k, upper):
    rows = torch.arange(n).unsqueeze(-1)
    cols = torch.arange(m).unsqueeze(0)
    return (cols - rows >= k) if upper else (cols - rows <= k)


def _triangle(op, x, k, upper):
    t = b.tensor(x, op)
    if t.ndim == 0:
        raise ValueError(f"{op}: `x` must be at least 1-D; received a 0-d tensor.")
    if t.ndim == 1:
        t = t.unsqueeze(0).expand(t.shape[0], t.shape[0])
    mask = _tri_mask(t.shape[-2], t.shape[-1], int(k), upper)
    return b.on_wide(lambda v: torch.where(mask, v, torch.zeros_like(v)), t)


def tril(x, k=0):
    return _triangle("tril", x, k, False)


def triu(x, k=0):
    return _triangle("triu", x, k, True)


def diag(x, k=0):
    t = b.tensor(x, "diag")
    if t.ndim not in (1, 2):
        raise ValueError(f"diag: `x` must be 1-D or 2-D; received shape {tuple(t.shape)}.")
    return b.on_wide(torch.diag, t, int(k))


def diagflat(x, k=0):
    return b.on_wide(torch.diagflat, b.tensor(x, "diagflat"), int(k))


def diagonal(x, offset=0, axis1=0, axis2=1):
    t = b.tensor(x, "diagonal")
    if t.ndim < 2:
        raise ValueError(f"diagonal: `x` must be at least 2-D; received shape {tuple(t.shape)}.")
    a1, a2 = (
        b.canonical_axis("diagonal", axis1, t.ndim, "axis1"),
        b.canonical_axis("diagonal", axis2, t.ndim, "axis2"),
    )
    if a1 == a2:
        raise ValueError(f"diagonal: `axis1` and `axis2` must differ; received {axis1}, {axis2}.")
    return torch.diagonal(t, int(offset), a1, a2)
