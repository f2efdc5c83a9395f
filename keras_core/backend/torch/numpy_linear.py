"""The torch backend's NumPy linear-algebra style products (matmul, dot, tensordot, einsum, ...).

The ops declared in ``keras_core/ops/numpy/linear.py``; ``numpy.py`` gathers them.
"""

import re

import torch

from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.core import Variable

UNSUPPORTED = {}


_TYPES = b.TENSOR_TYPES

_MM_FAST = frozenset(
    b.NATIVE[n]
    for n in (
        "float16",
        "bfloat16",
        "float32",
        "float64",
        "complex64",
        "complex128",
        "int16",
        "int32",
        "int64",
        "uint8",
    )
)


def _shape_error(op, a, c):
    return ValueError(
        f"{op}: shapes {tuple(a.shape)} and {tuple(c.shape)} are not aligned for this product."
    )


def _product(op, x1, x2, fn):
    dtype = b.result_type(op, x1, x2)
    a, c = b.as_dtype(x1, dtype, op, "x1"), b.as_dtype(x2, dtype, op, "x2")
    return _apply(op, fn, a, c)


def _apply(op, fn, a, c):
    nat = a.dtype
    try:
        if nat == torch.bool:
            return fn(a.to(torch.int64), c.to(torch.int64)) != 0
        if nat in b.WIDE_UINTS:
            return b.narrow_arith(fn(b.widen_arith(a), b.widen_arith(c)), nat)
        return fn(a, c)
    except RuntimeError:
        raise _shape_error(op, a, c) from None


def matmul(x1, x2):
    if type(x1) is Variable:  # a layer's weight: its Parameter
        x1 = x1.value
    if type(x2) is Variable:
        x2 = x2.value
    if type(x1) in _TYPES and type(x2) in _TYPES and (d := x1.dtype) is x2.dtype and d in _MM_FAST:
        try:
            return torch.matmul(x1, x2)
        except RuntimeError:
            raise _shape_error("matmul", x1, x2) from None
    return _product("matmul", x1, x2, torch.matmul)


def _dot(a, c):
    if a.ndim == 0 or c.ndim == 0:
        return a * c
    return torch.tensordot(a, c, dims=([a.ndim - 1], [0 if c.ndim == 1 else c.ndim - 2]))


def dot(x1, x2):
    return _product("dot", x1, x2, _dot)


def _inner(a, c):
    if a.ndim == 0 or c.ndim == 0:
        return a * c
    return torch.tensordot(a, c, dims=([a.ndim - 1], [c.ndim - 1]))


def inner(x1, x2):
    return _product("inner", x1, x2, _inner)


def outer(x1, x2):
    return _product("outer", x1, x2, lambda a, c: a.reshape(-1, 1) * c.reshape(1, -1))


def vdot(x1, x2):
    def fn(a, c):
        a, c = a.reshape(-1), c.reshape(-1)
        if a.shape != c.shape:
            raise RuntimeError("size mismatch")
        return (
            torch.sum(torch.conj_physical(a) * c)
            if a.is_complex()
            else torch.sum(a * c, dtype=a.dtype)
        )

    return _product("vdot", x1, x2, fn)


def kron(x1, x2):
    return _product("kron", x1, x2, torch.kron)


def _tensordot_axes(op, axes, a, c):
    if isinstance(axes, int):
        if axes < 0 or axes > a.ndim or axes > c.ndim:
            raise ValueError(
                f"{op}: axes={axes} is invalid for tensors of ranks {a.ndim} and {c.ndim}."
            )
        return axes
    if len(axes) != 2:
        raise ValueError(f"{op}: `axes` must be an int or a pair of axis lists; received {axes!r}.")
    xa, xc = ([v] if isinstance(v, int) else list(v) for v in axes)
    if len(xa) != len(xc):
        raise ValueError(f"{op}: both axis lists must have the same length; received {axes!r}.")
    return (
        [b.canonical_axis(op, v, a.ndim, "axes") for v in xa],
        [b.canonical_axis(op, v, c.ndim, "axes") for v in xc],
    )


def tensordot(x1, x2, axes=2):
    dtype = b.result_type("tensordot", x1, x2)
    a, c = b.as_dtype(x1, dtype, "tensordot", "x1"), b.as_dtype(x2, dtype, "tensordot", "x2")
    dims = _tensordot_axes("tensordot", axes, a, c)
    return _apply("tensordot", lambda p, q: torch.tensordot(p, q, dims=dims), a, c)


def einsum(subscripts, *operands, **kwargs):
    extra = set(kwargs) - {"optimize"}
    if extra:
        raise TypeError(f"einsum: unexpected keyword arguments {sorted(extra)}.")
    if not operands:
        raise ValueError("einsum: at least one operand is required.")
    dtype = b.result_type("einsum", *operands)
    ts = [b.as_dtype(v, dtype, "einsum", "operands") for v in operands]
    nat = ts[0].dtype
    if nat == torch.bool:
        ts = [t.to(torch.int64) for t in ts]
    elif nat in b.WIDE_UINTS:
        ts = [b.widen_arith(t) for t in ts]
    try:
        out = torch.einsum(subscripts, *ts)
    except RuntimeError as e:
        shapes = [tuple(t.shape) for t in ts]
        raise ValueError(
            f"einsum: subscripts {subscripts!r} do not fit shapes {shapes}: {e}"
        ) from None
    return out != 0 if nat == torch.bool else b.narrow_arith(out, nat)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    dtype = b.result_type("cross", x1, x2)
    if dtype == "bool":
        raise TypeError("cross: boolean inputs are not supported.")
    a, c = b.as_dtype(x1, dtype, "cross", "x1"), b.as_dtype(x2, dtype, "cross", "x2")
    nat = a.dtype
    a = torch.movedim(b.widen_arith(a), b.canonical_axis("cross", axisa, a.ndim, "axisa"), -1)
    c = torch.movedim(b.widen_arith(c), b.canonical_axis("cross", axisb, c.ndim, "axisb"), -1)
    if a.shape[-1] not in (2, 3) or c.shape[-1] not in (2, 3):
        raise ValueError(
            "cross: incompatible dimensions for cross product (dimension must be 2 or 3); "
            f"received {a.shape[-1]} and {c.shape[-1]}."
        )
    try:
        out = _cross_last(a, c)
    except RuntimeError:
        raise b.broadcast_error("cross", a[..., 0], c[..., 0]) from None
    if out.ndim and a.shape[-1] + c.shape[-1] > 4:
        out = torch.movedim(out, -1, b.canonical_axis("cross", axisc, out.ndim, "axisc"))
    return b.narrow_arith(out, nat)


def _cross_last(a, c):
    a0, a1 = a[..., 0], a[..., 1]
    c0, c1 = c[..., 0], c[..., 1]
    if a.shape[-1] == 2 and c.shape[-1] == 2:
        return a0 * c1 - a1 * c0
    a2 = a[..., 2] if a.shape[-1] == 3 else torch.zeros_like(a0)
    c2 = c[..., 2] if c.shape[-1] == 3 else torch.zeros_like(c0)
    return torch.stack([a1 * c2 - a2 * c1, a2 * c0 - a0 * c2, a0 * c1 - a1 * c0], dim=-1)


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"correlate: `mode` must be 'valid', 'same' or 'full'; received {mode!r}.")
    dtype = b.float_type("correlate", x1, x2)
    a, v = b.as_dtype(x1, dtype, "correlate", "x1"), b.as_dtype(x2, dtype, "correlate", "x2")
    if a.ndim != 1 or v.ndim != 1:
        raise ValueError(
            f"correlate: inputs must be 1-D; received shapes {tuple(a.shape)} and {tuple(v.shape)}."
        )
    la, lv = a.shape[0], v.shape[0]
    if la == 0 or lv == 0:
        raise ValueError("correlate: inputs must not be empty.")
    nat = a.dtype
    a, v = b.half_to_float(a), b.half_to_float(v)
    full = torch.nn.functional.conv1d(
        a.reshape(1, 1, -1), v.conj().reshape(1, 1, -1), padding=lv - 1
    ).reshape(-1)
    n, m = min(la, lv), max(la, lv)
    if mode == "full":
        out = full
    elif mode == "valid":
        out = full[n - 1 : n - 1 + m - n + 1]
    else:
        start = (n - 1) - n // 2 if la >= lv else n // 2
        out = full[start : start + m]
    return out.to(nat)


def slogdet(x):
    t = b.ints_to_float(b.tensor(x, "slogdet"))
    if t.ndim < 2 or t.shape[-1] != t.shape[-2]:
        raise ValueError(
            f"slogdet: `x` must be a (batch of) square matrices; received shape {tuple(t.shape)}."
        )
    sign, logdet = torch.linalg.slogdet(b.half_to_float(t))
    return sign.to(t.dtype), logdet.to(t.real.dtype if t.is_complex() else t.dtype)


# ---------------------------------------------------------------- vectorize
_DIMS = r"\(\s*(?:\w+\s*(?:,\s*\w+\s*)*)?\)"
_SIGNATURE = re.compile(rf"^{_DIMS}(?:\s*,\s*{_DIMS})*\s*->\s*{_DIMS}(?:\s*,\s*{_DIMS})*$")


def _parse_signature(signature):
    if not _SIGNATURE.match(signature):
        raise ValueError(f"vectorize: invalid signature {signature!r}.")
    ins, outs = signature.split("->")

    def groups(s):
        return [
            tuple(d for d in re.split(r"\s*,\s*", g.strip()) if d)
            for g in re.findall(r"\(([^)]*)\)", s)
        ]

    return groups(ins), groups(outs)


def vectorize(pyfunc, *, excluded=None, signature=None):
    excluded = set(excluded or ())
    cores = _parse_signature(signature) if signature is not None else None

    def wrapped(*args, **kwargs):
        pos = [i for i in range(len(args)) if i not in excluded]
        keys = [k for k in kwargs if k not in excluded]
        ts = [b.tensor(args[i], "vectorize", f"args[{i}]") for i in pos]
        ts += [b.tensor(kwargs[k], "vectorize", k) for k in keys]
        in_cores = cores[0] if cores else [()] * len(ts)
        if len(in_cores) != len(ts):
            raise ValueError(
                f"vectorize: signature {signature!r} expects {len(in_cores)} inputs; got {len(ts)}."
            )

        def call(*vals):
            a, kw = list(args), dict(kwargs)
            for i, v in zip(pos, vals[: len(pos)]):
                a[i] = v
            for k, v in zip(keys, vals[len(pos) :]):
                kw[k] = v
            return pyfunc(*a, **kw)

        return _vmap_batched(call, ts, in_cores)

    return wrapped


def _vmap_batched(call, ts, in_cores):
    batch_shapes = []
    for t, core_dims in zip(ts, in_cores):
        if t.ndim < len(core_dims):
            raise ValueError(
                f"vectorize: an input of shape {tuple(t.shape)} has fewer dims than its core "
                f"dimensions {core_dims}."
            )
        batch_shapes.append(tuple(t.shape[: t.ndim - len(core_dims)]))
    try:
        batch = tuple(torch.broadcast_shapes(*batch_shapes)) if ts else ()
    except RuntimeError:
        raise ValueError(f"vectorize: batch shapes {batch_shapes} do not broadcast.") from None
    if not ts or not batch:
        return call(*ts)
    flat = [
        t.expand(batch + tuple(t.shape[t.ndim - len(c) :])).reshape(
            (-1,) + tuple(t.shape[t.ndim - len(c) :])
        )
        for t, c in zip(ts, in_cores)
    ]
    out = torch.vmap(call)(*flat)

    def unflatten(o):
        return o.reshape(batch + tuple(o.shape[1:]))

    if isinstance(out, (tuple, list)):
        return type(out)(unflatten(o) for o in out)
    return unflatten(out)
