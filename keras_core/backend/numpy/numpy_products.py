"""The numpy backend's products and contractions, selection and membership ops."""

import numpy as np

from keras_core.backend.numpy.numpy_base import (
    HALF,
    arr,
    as_dtype,
    axis_index,
    cast_out,
    check_broadcast,
    float_type,
    native,
    promote,
    tensor,
)
from keras_core.backend.numpy.numpy_math import FAST_DTYPES
from keras_core.backend.numpy.numpy_reduce import nonzero


def _pair(op, x1, x2, d=None):
    d = d or promote(op, x1, x2)
    a, b = as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2")
    if d in HALF:
        a, b = a.astype(np.float32), b.astype(np.float32)
    return a, b, d


def _shapes_error(op, a, b, e):
    return ValueError(f"{op}: incompatible shapes {a.shape} and {b.shape}: {e}")


_ND = np.ndarray
_NP_MATMUL = np.matmul
# Half precision goes through float32 (ml_dtypes' matmul returns float32 for bfloat16).
_MATMUL_FAST = FAST_DTYPES - {native("float16"), native("bfloat16"), native("bool")}


def matmul(x1, x2):
    # Fast path: two arrays of one numeric dtype, at least 1-D (np.matmul handles the rest).
    if type(x1) is _ND and type(x2) is _ND:
        d = x1.dtype
        if d is x2.dtype and d in _MATMUL_FAST and x1.ndim and x2.ndim:
            try:
                out = _NP_MATMUL(x1, x2)
            except ValueError as e:
                raise _shapes_error("matmul", x1, x2, e) from None
            return out if type(out) is _ND else np.asarray(out)
    a, b, d = _pair("matmul", x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError(
            f"matmul: inputs must be at least 1-D (use multiply for scalars). "
            f"Received shapes {a.shape} and {b.shape}."
        )
    try:
        return cast_out(np.matmul(a, b), d)
    except ValueError as e:
        raise _shapes_error("matmul", a, b, e) from None


def dot(x1, x2):
    a, b, d = _pair("dot", x1, x2)
    try:
        return cast_out(np.dot(a, b), d)
    except ValueError as e:
        raise _shapes_error("dot", a, b, e) from None


def inner(x1, x2):
    a, b, d = _pair("inner", x1, x2)
    try:
        return cast_out(np.inner(a, b), d)
    except ValueError as e:
        raise _shapes_error("inner", a, b, e) from None


def outer(x1, x2):
    a, b, d = _pair("outer", x1, x2)
    return cast_out(np.outer(a, b), d)


def vdot(x1, x2):
    a, b, d = _pair("vdot", x1, x2)
    if a.size != b.size:
        raise ValueError(
            f"vdot: inputs must have the same number of elements. "
            f"Received shapes {a.shape} and {b.shape}."
        )
    return cast_out(np.vdot(a, b), d)


def tensordot(x1, x2, axes=2):
    a, b, d = _pair("tensordot", x1, x2)
    if type(axes) is np.ndarray:
        axes = axes.tolist()
    try:
        return cast_out(np.tensordot(a, b, axes), d)
    except (ValueError, IndexError) as e:
        raise ValueError(
            f"tensordot: cannot contract shapes {a.shape} and {b.shape} over axes={axes}: {e}"
        ) from None


def einsum(subscripts, *operands, **kwargs):
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string. Received: {subscripts!r}")
    d = promote("einsum", *operands)
    arrays = [as_dtype(o, d, "einsum", "operands") for o in operands]
    if d in HALF:
        arrays = [a.astype(np.float32) for a in arrays]
    try:
        return cast_out(np.einsum(subscripts, *arrays), d)
    except ValueError as e:
        shapes = [a.shape for a in arrays]
        raise ValueError(f"einsum: {e} (subscripts={subscripts!r}, shapes {shapes})") from None


def kron(x1, x2):
    a, b, d = _pair("kron", x1, x2)
    return cast_out(np.kron(a, b), d)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    d = promote("cross", x1, x2)
    a, b, d = _pair("cross", x1, x2, "int32" if d == "bool" else d)
    if axis is not None:
        axisa = axisb = axisc = axis
    axisa = axis_index("cross", axisa, a.ndim, "axisa")
    axisb = axis_index("cross", axisb, b.ndim, "axisb")
    if a.shape[axisa] not in (2, 3) or b.shape[axisb] not in (2, 3):
        raise ValueError(
            "cross: the vector dimension must have size 2 or 3. "
            f"Received shapes {a.shape} (axisa={axisa}) and {b.shape} (axisb={axisb})."
        )
    a = np.moveaxis(a, axisa, -1)
    b = np.moveaxis(b, axisb, -1)
    if a.shape[-1] == 2:
        a = np.concatenate([a, np.zeros(a.shape[:-1] + (1,), a.dtype)], -1)
    if b.shape[-1] == 2:
        b = np.concatenate([b, np.zeros(b.shape[:-1] + (1,), b.dtype)], -1)
    check_broadcast("cross", a[..., 0], b[..., 0])
    out = np.cross(a, b)
    if _x_2d(x1, x2, axisa, axisb):
        out = out[..., 2]
        return cast_out(out, d)
    axisc = axis_index("cross", axisc, out.ndim, "axisc")
    return cast_out(np.moveaxis(out, -1, axisc), d)


def _x_2d(x1, x2, axisa, axisb):
    sa = np.shape(x1)[axisa]
    sb = np.shape(x2)[axisb]
    return sa == 2 and sb == 2


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(
            f"correlate: `mode` must be 'valid', 'same' or 'full'. Received: mode={mode!r}"
        )
    d = float_type("correlate", x1, x2)
    a, b, d = _pair("correlate", x1, x2, d)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"correlate: inputs must be 1-D. Received shapes {a.shape} and {b.shape}.")
    if a.size == 0 or b.size == 0:
        raise ValueError("correlate: inputs must not be empty.")
    return cast_out(np.correlate(a, b, mode=mode), d)


def slogdet(x):
    x = tensor(x, "slogdet")
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"slogdet: `x` must be a square matrix (or a batch of them). Received: {x.shape}"
        )
    d = float_type("slogdet", x)
    a = as_dtype(x, "float32" if d in HALF else d)
    sign, logdet = np.linalg.slogdet(a)
    return cast_out(sign, d), cast_out(logdet, d)


def vectorize(pyfunc, *, excluded=None, signature=None):
    excluded = set(excluded or ())

    def wrapped(*args, **kwargs):
        arrays = [a if i in excluded else tensor(a, "vectorize") for i, a in enumerate(args)]
        dtypes = [a.dtype if isinstance(a, np.ndarray) else None for a in arrays]

        def call(*elements, **kw):
            # NumPy hands elements over as Python scalars, which would count as weak types:
            # give them back the dtype of their input.
            elements = [
                e if d is None else np.asarray(e, dtype=d) for e, d in zip(elements, dtypes)
            ]
            return pyfunc(*elements, **kw)

        out = np.vectorize(call, excluded=excluded, signature=signature)(*arrays, **kwargs)
        if isinstance(out, tuple):
            return tuple(arr(o) for o in out)
        return arr(out)

    return wrapped


# ----------------------------------------------------------------------------- selection


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("where: pass both `x1` and `x2`, or neither.")
    c = tensor(condition, "where", "condition").astype(bool, copy=False)
    d = promote("where", x1, x2)
    a, b = as_dtype(x1, d, "where", "x1"), as_dtype(x2, d, "where", "x2")
    check_broadcast("where", c, a, b)
    return cast_out(np.where(c, a, b), d)


def select(condlist, choicelist, default=0):
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise TypeError("select: `condlist` and `choicelist` must be lists of tensors.")
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length. "
            f"Received: {len(condlist)} and {len(choicelist)}"
        )
    if not condlist:
        raise ValueError("select: `condlist` must not be empty.")
    d = promote("select", *choicelist, default)
    conds = [tensor(c, "select", "condlist").astype(bool, copy=False) for c in condlist]
    choices = [as_dtype(c, d, "select", "choicelist") for c in choicelist]
    dflt = as_dtype(default, d, "select", "default")
    check_broadcast("select", *conds, *choices, dflt)
    return cast_out(np.select(conds, choices, dflt), d)


def isin(x1, x2, assume_unique=False, invert=False):
    d = promote("isin", x1, x2)
    a = as_dtype(x1, d, "isin", "x1")
    b = as_dtype(x2, d, "isin", "x2")
    if d in HALF:
        a, b = a.astype(np.float32), b.astype(np.float32)
    return arr(np.isin(a, b, assume_unique=assume_unique, invert=invert))


__all__ = [
    n for n, v in list(globals().items())
    if callable(v) and getattr(v, "__module__", None) == __name__ and not n.startswith("_")
]  # fmt: skip
