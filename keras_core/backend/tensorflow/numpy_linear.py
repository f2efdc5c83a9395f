"""The tensorflow backend's NumPy linear-algebra products (matmul, dot, einsum, kron, cross, ...).

Every public function here is an op declared in keras_core/ops/numpy/linear.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import builtins
import re

import tensorflow as tf

from keras_core.backend.common.tree import map_structure
from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.numpy_arithmetic import multiply
from keras_core.backend.tensorflow.op_helpers import (
    EAGER,
    NO_SMALL_INT,
    canonical_axis,
    cast,
    check_broadcast,
    dims,
    flatten,
    float_type,
    result_type,
    shape_str,
    static_rank,
    widened,
)

_MATMUL_FAST = frozenset(
    tf.as_dtype(d)
    for d in ("float16", "bfloat16", "float32", "float64", "int32", "int64", "complex64")
)

_CONTRACT_MISSING = NO_SMALL_INT


def _operands(op, x1, x2):
    """Both inputs as tensors of their promoted dtype (contractions check shapes themselves)."""
    dtype = result_type(op, x1, x2)
    return cast(x1, dtype), cast(x2, dtype)


def _contract_error(op, a, b, detail):
    return ValueError(f"{op}: shapes {shape_str(a)} and {shape_str(b)} are not aligned: {detail}")


def matmul(x1, x2):
    if (
        type(x1) is EAGER
        and type(x2) is EAGER
        and x1.dtype == x2.dtype
        and x1.dtype in _MATMUL_FAST
        and x1.ndim >= 2
        and x2.ndim >= 2
    ):
        try:
            return tf.matmul(x1, x2)
        except tf.errors.InvalidArgumentError:
            raise _contract_error("matmul", x1, x2, "incompatible dimensions") from None
    a, b = _operands("matmul", x1, x2)
    ra, rb = static_rank("matmul", a), static_rank("matmul", b)
    if ra == 0 or rb == 0:
        raise ValueError(
            "matmul: inputs must have at least 1 dimension. "
            f"Received: x1.shape={shape_str(a)}, x2.shape={shape_str(b)}"
        )
    a2 = a[None, :] if ra == 1 else a
    b2 = b[:, None] if rb == 1 else b
    k1, k2 = a2.shape[-1], b2.shape[-2]
    if k1 is not None and k2 is not None and k1 != k2:
        raise _contract_error("matmul", a, b, f"dim {k1} (x1 axis -1) != {k2} (x2 axis -2)")
    try:
        tf.broadcast_static_shape(a2.shape[:-2], b2.shape[:-2])
    except ValueError:
        raise _contract_error("matmul", a, b, "batch dimensions do not broadcast") from None
    out = _matmul_any(a2, b2)
    if ra == 1:
        out = tf.squeeze(out, -2)
    if rb == 1:
        out = tf.squeeze(out, -1)
    return out


def _matmul_any(a, b):
    if a.dtype == tf.uint64:
        res = tf.matmul(tf.bitcast(a, tf.int64), tf.bitcast(b, tf.int64))
        return tf.bitcast(res, tf.uint64)
    if a.dtype == tf.bool:
        return tf.not_equal(tf.matmul(tf.cast(a, tf.int32), tf.cast(b, tf.int32)), 0)
    return widened(tf.matmul, _CONTRACT_MISSING, a, b)


def _tensordot_any(a, b, ax):
    if a.dtype == tf.bool:
        return tf.not_equal(tf.tensordot(tf.cast(a, tf.int32), tf.cast(b, tf.int32), ax), 0)
    return widened(lambda u, v: tf.tensordot(u, v, ax), _CONTRACT_MISSING, a, b)


def _check_contract(op, a, b, axa, axb):
    for i, j in zip(axa, axb):
        da, db = a.shape[i], b.shape[j]
        if da is not None and db is not None and da != db:
            raise _contract_error(op, a, b, f"dim {da} (x1 axis {i}) != {db} (x2 axis {j})")


def dot(x1, x2):
    a, b = _operands("dot", x1, x2)
    ra, rb = static_rank("dot", a), static_rank("dot", b)
    if ra == 0 or rb == 0:
        return multiply(a, b)
    axa, axb = [ra - 1], [0 if rb == 1 else rb - 2]
    _check_contract("dot", a, b, axa, axb)
    return _tensordot_any(a, b, [axa, axb])


def tensordot(x1, x2, axes=2):
    a, b = _operands("tensordot", x1, x2)
    ra, rb = static_rank("tensordot", a), static_rank("tensordot", b)
    if isinstance(axes, int):
        if axes < 0 or axes > builtins.min(ra, rb):
            raise ValueError(
                f"tensordot: `axes`={axes} must be in [0, min(rank(x1), rank(x2))]. "
                f"Received shapes {shape_str(a)} and {shape_str(b)}"
            )
        axa, axb = list(range(ra - axes, ra)), list(range(axes))
    else:
        if len(axes) != 2:
            raise ValueError(f"tensordot: `axes` must be an int or a pair. Received: {axes}")
        axa = axes[0] if isinstance(axes[0], (list, tuple)) else [axes[0]]
        axb = axes[1] if isinstance(axes[1], (list, tuple)) else [axes[1]]
        if len(axa) != len(axb):
            raise ValueError(f"tensordot: the axes lists must have equal length. Received {axes}")
        axa = [canonical_axis("tensordot", i, static_rank("tensordot", a), "axes") for i in axa]
        axb = [canonical_axis("tensordot", i, static_rank("tensordot", b), "axes") for i in axb]
    _check_contract("tensordot", a, b, axa, axb)
    return _tensordot_any(a, b, [axa, axb])


def inner(x1, x2):
    a, b = _operands("inner", x1, x2)
    ra, rb = static_rank("inner", a), static_rank("inner", b)
    if ra == 0 or rb == 0:
        return multiply(a, b)
    _check_contract("inner", a, b, [ra - 1], [rb - 1])
    return _tensordot_any(a, b, [[ra - 1], [rb - 1]])


def outer(x1, x2):
    a, b = _operands("outer", x1, x2)
    return multiply(flatten(a)[:, None], flatten(b)[None, :])


def vdot(x1, x2):
    a, b = _operands("vdot", x1, x2)
    a, b = flatten(a), flatten(b)
    if a.dtype.is_complex:
        a = tf.math.conj(a)
    _check_contract("vdot", a, b, [0], [0])
    return _tensordot_any(a, b, 1)


def einsum(subscripts, *operands, **kwargs):
    unknown = set(kwargs) - {"optimize"}
    if unknown:
        raise TypeError(f"einsum got unexpected keyword arguments: {sorted(unknown)}")
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string. Received: {subscripts!r}")
    dtype = result_type("einsum", *operands)
    ops = [cast(o, dtype) for o in operands]
    try:
        if dtype == "bool":
            out = tf.einsum(subscripts, *[tf.cast(o, tf.int32) for o in ops])
            return tf.not_equal(out, 0)
        if dtype == "uint64":
            out = tf.einsum(subscripts, *[tf.bitcast(o, tf.int64) for o in ops])
            return tf.bitcast(out, tf.uint64)
        if dtype in _CONTRACT_MISSING:
            wide = "int32" if dtype in ("int8", "int16", "uint8", "uint16") else "int64"
            return cast(tf.einsum(subscripts, *[tf.cast(o, wide) for o in ops]), dtype)
        return tf.einsum(subscripts, *ops)
    except (tf.errors.InvalidArgumentError, ValueError) as e:
        shapes = [shape_str(o) for o in ops]
        raise ValueError(
            f"einsum: invalid subscripts {subscripts!r} for operands of shapes {shapes}: {e}"
        ) from None


def kron(x1, x2):
    a, b = _operands("kron", x1, x2)
    ra, rb = static_rank("kron", a), static_rank("kron", b)
    r = builtins.max(ra, rb)
    sa = [1] * (r - ra) + dims(a)
    sb = [1] * (r - rb) + dims(b)
    ae = tf.reshape(a, [d for s in sa for d in (s, 1)])
    be = tf.reshape(b, [d for s in sb for d in (1, s)])
    out = multiply(ae, be)
    return tf.reshape(out, [p * q for p, q in zip(sa, sb)])


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = _operands("cross", x1, x2)
    if a.dtype == tf.bool:
        raise TypeError("cross: boolean inputs are not supported. Received: dtype=bool")
    a = _last(a, canonical_axis("cross", axisa, static_rank("cross", a), "axisa"))
    b = _last(b, canonical_axis("cross", axisb, static_rank("cross", b), "axisb"))
    na, nb = a.shape[-1], b.shape[-1]
    if na is None or nb is None:
        raise ValueError(
            "cross needs static sizes (2 or 3) along the vector axes. "
            f"Received: x1.shape={shape_str(a)}, x2.shape={shape_str(b)} (vector axis last)"
        )
    if na not in (2, 3) or nb not in (2, 3):
        raise ValueError(
            "cross: incompatible dimensions for cross product (dimension must be 2 or 3). "
            f"Received: x1.shape={shape_str(x1 if tf.is_tensor(x1) else a)}, "
            f"x2.shape={shape_str(b)}"
        )
    check_broadcast("cross", a[..., 0], b[..., 0])
    if na == 2 and nb == 2:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    a0, a1 = a[..., 0], a[..., 1]
    b0, b1 = b[..., 0], b[..., 1]
    a2 = a[..., 2] if na == 3 else tf.zeros_like(a0)
    b2 = b[..., 2] if nb == 3 else tf.zeros_like(b0)
    c = tf.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], -1)
    axc = canonical_axis("cross", axisc, static_rank("cross", c), "axisc")
    return _from_last(c, axc)


def _last(x, axis):
    r = x.shape.rank
    if axis == r - 1:
        return x
    return tf.transpose(x, [i for i in range(r) if i != axis] + [axis])


def _from_last(x, axis):
    r = x.shape.rank
    if axis == r - 1:
        return x
    perm = list(range(r - 1))
    perm.insert(axis, r - 1)
    return tf.transpose(x, perm)


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(
            f"correlate: `mode` must be 'valid', 'same' or 'full'. Received: mode={mode!r}"
        )
    dtype = float_type("correlate", x1, x2)
    a, v = cast(x1, dtype), cast(x2, dtype)
    if static_rank("correlate", a) != 1 or static_rank("correlate", v) != 1:
        raise ValueError(
            "correlate: inputs must be 1-D. "
            f"Received: x1.shape={shape_str(a)}, x2.shape={shape_str(v)}"
        )
    n, m = a.shape[0], v.shape[0]
    if n == 0 or m == 0:
        raise ValueError(f"correlate: inputs must not be empty. Received lengths {n} and {m}")
    if n is None or m is None:
        n, m = tf.shape(a)[0], tf.shape(v)[0]
        small, big = tf.minimum(n, m), tf.maximum(n, m)
    else:
        small, big = builtins.min(n, m), builtins.max(n, m)
    if v.dtype.is_complex:
        v = tf.math.conj(v)
    padded = tf.pad(a, [[m - 1, m - 1]])
    frames = tf.signal.frame(padded, m, 1)
    full = _matmul_any(frames, v[:, None])[:, 0]
    if mode == "full":
        return full
    if mode == "valid":
        lo, length = small - 1, big - small + 1
    elif isinstance(n, int):
        lo, length = ((m - 1) // 2 if n >= m else n // 2), big
    else:
        lo, length = tf.where(n >= m, (m - 1) // 2, n // 2), big
    return full[lo : lo + length]


def slogdet(x):
    dtype = float_type("slogdet", x)
    x = cast(x, dtype)
    r = static_rank("slogdet", x)
    if r < 2 or (
        x.shape[-1] is not None and x.shape[-2] is not None and x.shape[-1] != x.shape[-2]
    ):
        raise ValueError(
            f"slogdet: `x` must be a (batch of) square matrices. Received: shape={shape_str(x)}"
        )
    wide = x if x.dtype not in (tf.float16, tf.bfloat16) else tf.cast(x, tf.float32)
    sign, logdet = tf.linalg.slogdet(wide)
    return cast(sign, dtype), cast(logdet, dtype)


_CORE = re.compile(r"\(([^()]*)\)")


def _parse_signature(signature):
    if "->" not in signature:
        raise ValueError(f"vectorize: invalid signature {signature!r}; expected '(..)->(..)'")
    ins, outs = signature.replace(" ", "").split("->")
    parse = lambda part: [  # noqa: E731
        tuple(d for d in g.split(",") if d) for g in _CORE.findall(part)
    ]
    return parse(ins), parse(outs)


def vectorize(pyfunc, *, excluded=None, signature=None):
    if not callable(pyfunc):
        raise TypeError(f"vectorize: `pyfunc` must be callable. Received: {pyfunc!r}")
    excluded = set(excluded or ())
    core = _parse_signature(signature) if signature is not None else None

    def wrapped(*args, **kwargs):
        pos = [i for i in range(len(args)) if i not in excluded]
        keys = [k for k in kwargs if k not in excluded]
        values = [convert_to_tensor(args[i]) for i in pos] + [
            convert_to_tensor(kwargs[k]) for k in keys
        ]
        in_core = core[0] if core is not None else [()] * len(values)
        if len(in_core) != len(values):
            raise ValueError(
                f"vectorize: the signature has {len(in_core)} inputs but {len(values)} were given"
            )
        loop = tf.TensorShape([])
        for v, c in zip(values, in_core):
            loop = tf.broadcast_static_shape(loop, v.shape[: v.shape.rank - len(c)])
        loop_dyn = tf.constant([], tf.int32)
        for v, c in zip(values, in_core):
            loop_dyn = tf.broadcast_dynamic_shape(loop_dyn, tf.shape(v)[: v.shape.rank - len(c)])
        flat = []
        for v, c in zip(values, in_core):
            core_shape = tf.shape(v)[v.shape.rank - len(c) :]
            v = tf.broadcast_to(v, tf.concat([loop_dyn, core_shape], 0))
            flat.append(tf.reshape(v, tf.concat([[-1], core_shape], 0)))

        def call(elems):
            new_args, new_kwargs = list(args), dict(kwargs)
            for j, i in enumerate(pos):
                new_args[i] = elems[j]
            for j, k in enumerate(keys):
                new_kwargs[k] = elems[len(pos) + j]
            return pyfunc(*new_args, **new_kwargs)

        out = tf.vectorized_map(call, tuple(flat))

        def restore(o):
            o = convert_to_tensor(o)
            return tf.reshape(o, tf.concat([loop_dyn, tf.shape(o)[1:]], 0))

        return map_structure(restore, out)

    return wrapped
