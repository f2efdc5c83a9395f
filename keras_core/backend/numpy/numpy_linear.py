"""The numpy backend's NumPy linear-algebra style products (matmul, dot, tensordot, einsum, ...).

The ops declared in ``keras_core/ops/numpy/linear.py``; ``numpy.py`` gathers them.
"""

import numpy as np

from keras_core.backend.numpy.op_helpers import (
    FAST_DTYPES,
    HALF,
    arr,
    as_dtype,
    canonical_axis,
    cast,
    check_broadcast,
    float_type,
    native,
    promote_no_bool,
    result_type,
    tensor,
)

UNSUPPORTED = {}


def _pair(op, x1, x2, d=None):
    d = d or result_type(op, x1, x2)
    a, b = as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2")
    if d in HALF:
        a, b = a.astype(np.float32), b.astype(np.float32)
    return a, b, d


def _shapes_error(op, a, b, e):
    return ValueError(f"{op}: incompatible shapes {a.shape} and {b.shape}: {e}")


_ND = np.ndarray
_NP_MATMUL = np.matmul

# Half precision goes through float32 (ml_dtypes' matmul returns float32 for bfloat16).
# int8 is left to the general path: its products accumulate in int32 (dtype_rules).
_MATMUL_FAST = FAST_DTYPES - {native(d) for d in ("float16", "bfloat16", "bool", "int8")}


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
        return cast(np.matmul(a, b), d)
    except ValueError as e:
        raise _shapes_error("matmul", a, b, e) from None


def dot(x1, x2):
    a, b, d = _pair("dot", x1, x2)
    try:
        return cast(np.dot(a, b), d)
    except ValueError as e:
        raise _shapes_error("dot", a, b, e) from None


def inner(x1, x2):
    a, b, d = _pair("inner", x1, x2)
    try:
        return cast(np.inner(a, b), d)
    except ValueError as e:
        raise _shapes_error("inner", a, b, e) from None


def outer(x1, x2):
    a, b, d = _pair("outer", x1, x2)
    return cast(np.outer(a, b), d)


def vdot(x1, x2):
    a, b, d = _pair("vdot", x1, x2)
    if a.size != b.size:
        raise ValueError(
            f"vdot: inputs must have the same number of elements. "
            f"Received shapes {a.shape} and {b.shape}."
        )
    return cast(np.vdot(a, b), d)


def tensordot(x1, x2, axes=2):
    a, b, d = _pair("tensordot", x1, x2)
    if type(axes) is np.ndarray:
        axes = axes.tolist()
    try:
        return cast(np.tensordot(a, b, axes), d)
    except (ValueError, IndexError) as e:
        raise ValueError(
            f"tensordot: cannot contract shapes {a.shape} and {b.shape} over axes={axes}: {e}"
        ) from None


def einsum(subscripts, *operands, **kwargs):
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string. Received: {subscripts!r}")
    d = result_type("einsum", *operands)
    arrays = [as_dtype(o, d, "einsum", "operands") for o in operands]
    if d in HALF:
        arrays = [a.astype(np.float32) for a in arrays]
    try:
        return cast(np.einsum(subscripts, *arrays), d)
    except ValueError as e:
        shapes = [a.shape for a in arrays]
        raise ValueError(f"einsum: {e} (subscripts={subscripts!r}, shapes {shapes})") from None


def kron(x1, x2):
    a, b, d = _pair("kron", x1, x2)
    return cast(np.kron(a, b), d)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    a, b, d = _pair("cross", x1, x2, promote_no_bool("cross", x1, x2))
    if axis is not None:
        axisa = axisb = axisc = axis
    axisa = canonical_axis("cross", axisa, a.ndim, "axisa")
    axisb = canonical_axis("cross", axisb, b.ndim, "axisb")
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
        return cast(out, d)
    axisc = canonical_axis("cross", axisc, out.ndim, "axisc")
    return cast(np.moveaxis(out, -1, axisc), d)


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
    return cast(np.correlate(a, b, mode=mode), d)


def slogdet(x):
    x = tensor(x, "slogdet")
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"slogdet: `x` must be a square matrix (or a batch of them). Received: {x.shape}"
        )
    d = float_type("slogdet", x)
    a = as_dtype(x, "float32" if d in HALF else d)
    sign, logdet = np.linalg.slogdet(a)
    return cast(sign, d), cast(logdet, d)


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
