"""Products and contractions: ``matmul``, ``dot``, ``inner``, ``outer``, ``vdot``,
``tensordot``, ``einsum``, ``kron``, ``cross``, ``correlate``, ``slogdet``, and ``vectorize``."""

import re
from typing import Any, Callable

from keras_core import backend
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.numpy._base import (
    choice,
    float_dtype,
    kt,
    multiply_dims,
    ndim_of,
    one_axis,
    op_class,
    promote,
    shape_of,
)
from keras_core.ops.op_utils import Tensor, broadcast_shapes

_bnp = backend.numpy
_backend_matmul = _bnp.matmul  # bound once: the eager path of ``matmul`` is benchmarked
_EAGER = backend.EAGER_TENSOR_TYPE


def _match(op, a, b, s1, s2):
    if a is not None and b is not None and a != b:
        raise ValueError(f"{op}: incompatible shapes {tuple(s1)} and {tuple(s2)}: {a} != {b}.")
    return a if a is not None else b


# ----------------------------------------------------------------------------- specs


def _matmul_shape(op, s1, s2):
    s1, s2 = tuple(s1), tuple(s2)
    if not s1 or not s2:
        raise ValueError(
            f"{op}: inputs must be at least 1-D (use multiply for scalars). "
            f"Received shapes {s1} and {s2}."
        )
    a = (1,) + s1 if len(s1) == 1 else s1
    b = s2 + (1,) if len(s2) == 1 else s2
    _match(op, a[-1], b[-2], s1, s2)
    batch = broadcast_shapes(a[:-2], b[:-2], op)
    out = batch + (a[-2], b[-1])
    if len(s1) == 1:
        out = out[:-2] + out[-1:]
    if len(s2) == 1:
        out = out[:-1]
    return out


def _matmul_spec(x1, x2):
    return kt(
        _matmul_shape("matmul", shape_of(x1), shape_of(x2)),
        dtype_rules.binary_dtype(x1, x2, op="matmul"),
    )


def _dot_spec(x1, x2):
    s1, s2 = tuple(shape_of(x1)), tuple(shape_of(x2))
    d = promote(x1, x2)
    if not s1 or not s2:
        return kt(broadcast_shapes(s1, s2, "dot"), d)
    if len(s2) == 1:
        _match("dot", s1[-1], s2[0], s1, s2)
        return kt(s1[:-1], d)
    _match("dot", s1[-1], s2[-2], s1, s2)
    return kt(s1[:-1] + s2[:-2] + s2[-1:], d)


def _inner_spec(x1, x2):
    s1, s2 = tuple(shape_of(x1)), tuple(shape_of(x2))
    d = promote(x1, x2)
    if not s1 or not s2:
        return kt(broadcast_shapes(s1, s2, "inner"), d)
    _match("inner", s1[-1], s2[-1], s1, s2)
    return kt(s1[:-1] + s2[:-1], d)


def _outer_spec(x1, x2):
    return kt((multiply_dims(*shape_of(x1)), multiply_dims(*shape_of(x2))), promote(x1, x2))


def _vdot_spec(x1, x2):
    n1, n2 = multiply_dims(*shape_of(x1)), multiply_dims(*shape_of(x2))
    _match("vdot", n1, n2, shape_of(x1), shape_of(x2))
    return kt((), promote(x1, x2))


def _tensordot_axes(axes, n1, n2):
    if isinstance(axes, int):
        return list(range(n1 - axes, n1)), list(range(axes))
    a, b = axes
    a = [a] if isinstance(a, int) else list(a)
    b = [b] if isinstance(b, int) else list(b)
    return [v % n1 for v in a], [v % n2 for v in b]


def _tensordot_spec(x1, x2, axes=2):
    s1, s2 = tuple(shape_of(x1)), tuple(shape_of(x2))
    a, b = _tensordot_axes(axes, len(s1), len(s2))
    for i, j in zip(a, b):
        _match("tensordot", s1[i], s2[j], s1, s2)
    out = [d for i, d in enumerate(s1) if i not in a] + [d for i, d in enumerate(s2) if i not in b]
    return kt(out, promote(x1, x2))


def _parse_einsum(subscripts, ndims):
    """(input term list, output term) with ``...`` replaced by ``'*'`` markers."""
    s = subscripts.replace(" ", "")
    if "->" in s:
        lhs, rhs = s.split("->")
    else:
        lhs, rhs = s, None
    terms = lhs.split(",")
    if len(terms) != len(ndims):
        raise ValueError(
            f"einsum: the subscripts {subscripts!r} name {len(terms)} operands, "
            f"but {len(ndims)} were given."
        )
    for t in terms + ([rhs] if rhs is not None else []):
        if not re.fullmatch(r"[a-zA-Z]*(\.\.\.)?[a-zA-Z]*", t):
            raise ValueError(f"einsum: invalid subscripts {subscripts!r}.")
    if rhs is None:
        letters = "".join(t.replace("...", "") for t in terms)
        once = sorted(c for c in set(letters) if letters.count(c) == 1)
        rhs = ("..." if any("..." in t for t in terms) else "") + "".join(once)
    return terms, rhs


def _einsum_spec(*operands, subscripts):
    shapes = [tuple(shape_of(o)) for o in operands]
    terms, rhs = _parse_einsum(subscripts, [len(s) for s in shapes])
    dims_of, ellipsis = {}, ()
    for term, shape in zip(terms, shapes):
        if "..." in term:
            head, tail = term.split("...")
            n_ell = len(shape) - len(head) - len(tail)
            if n_ell < 0:
                raise ValueError(f"einsum: operand of shape {shape} is too small for {term!r}.")
            ellipsis = broadcast_shapes(ellipsis, shape[len(head) : len(head) + n_ell], "einsum")
            letters = head + tail
            dims = shape[: len(head)] + shape[len(shape) - len(tail) :]
        else:
            if len(term) != len(shape):
                raise ValueError(
                    f"einsum: subscript {term!r} does not match an operand of rank {len(shape)}."
                )
            letters, dims = term, shape
        for c, d in zip(letters, dims):
            dims_of.setdefault(c, []).append(d)
    sizes = {}
    for c, dims in dims_of.items():
        known = {d for d in dims if d is not None and d != 1}
        if len(known) > 1:
            raise ValueError(
                f"einsum: size mismatch for subscript {c!r}: {sorted(known)} (shapes {shapes})."
            )
        sizes[c] = known.pop() if known else (None if None in dims else 1)
    out = []
    head, _, tail = rhs.partition("...")
    out += [sizes[c] for c in head]
    if "..." in rhs:
        out += list(ellipsis)
    out += [sizes[c] for c in tail]
    return kt(out, dtype_rules.binary_dtype(*operands, op="einsum"))


def _kron_spec(x1, x2):
    s1, s2 = tuple(shape_of(x1)), tuple(shape_of(x2))
    n = max(len(s1), len(s2))
    s1, s2 = (1,) * (n - len(s1)) + s1, (1,) * (n - len(s2)) + s2
    return kt([None if a is None or b is None else a * b for a, b in zip(s1, s2)], promote(x1, x2))


def _cross_spec(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    s1, s2 = list(shape_of(x1)), list(shape_of(x2))
    if axis is not None:
        axisa = axisb = axisc = axis
    va, vb = s1.pop(axisa % len(s1)), s2.pop(axisb % len(s2))
    for v in (va, vb):
        if v is not None and v not in (2, 3):
            raise ValueError(
                f"cross: the vector axis must have size 2 or 3. Received sizes {va} and {vb}."
            )
    batch = list(broadcast_shapes(tuple(s1), tuple(s2), "cross"))
    d = promote(x1, x2)
    d = "int32" if d == "bool" else d
    if va == 2 and vb == 2:
        return kt(batch, d)
    batch.insert(axisc % (len(batch) + 1), 3)
    return kt(batch, d)


def _correlate_spec(x1, x2, mode="valid"):
    n, m = shape_of(x1)[0], shape_of(x2)[0]
    if n is None or m is None:
        size = None
    else:
        size = {"valid": max(n, m) - min(n, m) + 1, "same": max(n, m), "full": n + m - 1}[mode]
    return kt((size,), float_dtype(x1, x2))


def _slogdet_spec(x):
    shape = tuple(shape_of(x))[:-2]
    d = float_dtype(x)
    return kt(shape, d), kt(shape, d)


Matmul = op_class("Matmul", "matmul", _matmul_spec)
Dot = op_class("Dot", "dot", _dot_spec)
Inner = op_class("Inner", "inner", _inner_spec)
Outer = op_class("Outer", "outer", _outer_spec)
Vdot = op_class("Vdot", "vdot", _vdot_spec)
Tensordot = op_class("Tensordot", "tensordot", _tensordot_spec)
Einsum = op_class(
    "Einsum",
    "einsum",
    _einsum_spec,
    call=lambda config, *operands: _bnp.einsum(config["subscripts"], *operands),
)
Kron = op_class("Kron", "kron", _kron_spec)
Cross = op_class("Cross", "cross", _cross_spec)
Correlate = op_class("Correlate", "correlate", _correlate_spec)
Slogdet = op_class("Slogdet", "slogdet", _slogdet_spec)


# ----------------------------------------------------------------------------- public ops


def matmul(x1: Tensor, x2: Tensor) -> Tensor:
    """The matrix product of two tensors, with NumPy's rules for 1-D and batched inputs.

    Args:
        x1: a tensor of rank >= 1 (a 1-D tensor is a row vector).
        x2: a tensor of rank >= 1 (a 1-D tensor is a column vector).

    Returns:
        The product, of the promoted dtype; leading (batch) axes broadcast.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.matmul([[1, 2], [3, 4]], [1, 1])).tolist()
    [3, 7]
    """
    if (type(x1) is _EAGER and type(x2) is _EAGER) or not any_symbolic_tensors((x1, x2)):
        return _backend_matmul(x1, x2)
    return Matmul().symbolic_call(x1, x2)


def dot(x1: Tensor, x2: Tensor) -> Tensor:
    """The dot product, with NumPy's rules: scalar products, inner products of vectors,
    matrix products, and sums over the last axis of ``x1`` and the second-to-last of ``x2``.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.dot([1, 2, 3], [4, 5, 6])).tolist()
    32
    """
    if any_symbolic_tensors((x1, x2)):
        return Dot().symbolic_call(x1, x2)
    return _bnp.dot(x1, x2)


def inner(x1: Tensor, x2: Tensor) -> Tensor:
    """The inner product over the last axes of ``x1`` and ``x2``.

    Args:
        x1: a tensor.
        x2: a tensor whose last axis matches that of ``x1`` (0-d inputs multiply).

    Returns:
        A tensor of shape ``x1.shape[:-1] + x2.shape[:-1]`` and the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.inner([1, 2], [3, 4])).tolist()
    11
    """
    if any_symbolic_tensors((x1, x2)):
        return Inner().symbolic_call(x1, x2)
    return _bnp.inner(x1, x2)


def outer(x1: Tensor, x2: Tensor) -> Tensor:
    """The outer product of the flattened ``x1`` and ``x2``.

    Args:
        x1: a tensor (flattened).
        x2: a tensor (flattened).

    Returns:
        A tensor of shape ``(x1.size, x2.size)`` and the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.outer([1, 2], [3, 4])).tolist()
    [[3, 4], [6, 8]]
    """
    if any_symbolic_tensors((x1, x2)):
        return Outer().symbolic_call(x1, x2)
    return _bnp.outer(x1, x2)


def vdot(x1: Tensor, x2: Tensor) -> Tensor:
    """The dot product of the flattened inputs (conjugating ``x1`` if complex).

    Args:
        x1: a tensor.
        x2: a tensor with as many elements as ``x1``.

    Returns:
        A 0-d tensor of the promoted dtype.

    Example:
    >>> out = keras_core.ops.vdot([[1, 2], [3, 4]], [[1, 1], [1, 1]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    10
    """
    if any_symbolic_tensors((x1, x2)):
        return Vdot().symbolic_call(x1, x2)
    return _bnp.vdot(x1, x2)


def tensordot(x1: Tensor, x2: Tensor, axes: int | tuple = 2) -> Tensor:
    """Sums products over chosen axes of ``x1`` and ``x2``.

    Args:
        x1: a tensor.
        x2: a tensor.
        axes: an int ``n`` (the last ``n`` axes of ``x1`` with the first ``n`` of ``x2``),
            or a pair of axis lists of the same length.

    Returns:
        A tensor with the free axes of ``x1`` followed by those of ``x2``.

    Example:
    >>> out = keras_core.ops.tensordot([[1, 2], [3, 4]], [[1, 0], [0, 1]], axes=2)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    5
    """
    n1, n2 = ndim_of(x1), ndim_of(x2)
    if isinstance(axes, int):
        if not 0 <= axes <= min(n1, n2):
            raise ValueError(
                f"tensordot: `axes`={axes} must be in [0, {min(n1, n2)}] for inputs of rank "
                f"{n1} and {n2}."
            )
    else:
        if not isinstance(axes, (list, tuple)) or len(axes) != 2:
            raise ValueError(f"tensordot: `axes` must be an int or a pair. Received: {axes!r}")
        a = [axes[0]] if isinstance(axes[0], int) else list(axes[0])
        b = [axes[1]] if isinstance(axes[1], int) else list(axes[1])
        if len(a) != len(b):
            raise ValueError(f"tensordot: `axes` lists differ in length. Received: {axes!r}")
        a = [one_axis("tensordot", v, n1, "axes") for v in a]
        b = [one_axis("tensordot", v, n2, "axes") for v in b]
        axes = (a, b)
    if any_symbolic_tensors((x1, x2)):
        return Tensordot(axes=axes).symbolic_call(x1, x2)
    return _bnp.tensordot(x1, x2, axes=axes)


def einsum(subscripts: str, *operands: Tensor, **kwargs: Any) -> Tensor:
    """Evaluates an Einstein summation over the operands.

    Args:
        subscripts: the summation, e.g. ``"ij,jk->ik"``; ``...`` stands for broadcast
            axes; without ``->`` the output holds the letters used once, in order.
        *operands: the tensors.
        **kwargs: accepted for compatibility (e.g. ``optimize``) and ignored.

    Returns:
        A tensor of the promoted dtype of the operands.

    Example:
    >>> out = keras_core.ops.einsum("ij,j->i", [[1, 2], [3, 4]], [1, 1])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [3, 7]
    """
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string. Received: {subscripts!r}")
    if not operands:
        raise ValueError("einsum: at least one operand is required.")
    _parse_einsum(subscripts, [ndim_of(o) for o in operands])
    if any_symbolic_tensors((operands,)):
        return Einsum(subscripts=subscripts).symbolic_call(*operands)
    return _bnp.einsum(subscripts, *operands)


def kron(x1: Tensor, x2: Tensor) -> Tensor:
    """The Kronecker product: blocks of ``x2`` scaled by each element of ``x1``.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor whose shape is the elementwise product of the (left-padded) shapes.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.kron([1, 10], [1, 2])).tolist()
    [1, 2, 10, 20]
    """
    if any_symbolic_tensors((x1, x2)):
        return Kron().symbolic_call(x1, x2)
    return _bnp.kron(x1, x2)


def cross(
    x1: Tensor,
    x2: Tensor,
    axisa: int = -1,
    axisb: int = -1,
    axisc: int = -1,
    axis: int | None = None,
) -> Tensor:
    """The cross product of 3-D (or 2-D) vectors, with broadcasting of the other axes.

    Args:
        x1: the first vectors, along ``axisa``.
        x2: the second vectors, along ``axisb``.
        axisa: the vector axis of ``x1``.
        axisb: the vector axis of ``x2``.
        axisc: the vector axis of the result.
        axis: if given, overrides ``axisa``, ``axisb`` and ``axisc``.

    Returns:
        A tensor of the promoted dtype (bool becomes int32); for two 2-D vectors, the
        z-component only.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cross([1, 0, 0], [0, 1, 0])).tolist()
    [0, 0, 1]
    """
    if axis is not None:
        axisa = axisb = axisc = axis
    axisa = one_axis("cross", axisa, ndim_of(x1), "axisa")
    axisb = one_axis("cross", axisb, ndim_of(x2), "axisb")
    if any_symbolic_tensors((x1, x2)):
        return Cross(axisa=axisa, axisb=axisb, axisc=axisc).symbolic_call(x1, x2)
    return _bnp.cross(x1, x2, axisa=axisa, axisb=axisb, axisc=axisc)


def correlate(x1: Tensor, x2: Tensor, mode: str = "valid") -> Tensor:
    """The cross-correlation of two 1-D sequences: ``c[k] = sum_n x1[n + k] * x2[n]``.

    Args:
        x1: a 1-D tensor.
        x2: a 1-D tensor.
        mode: ``'valid'`` (full overlaps only), ``'same'`` (the length of the longer
            input) or ``'full'`` (every overlap).

    Returns:
        A 1-D floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> out = keras_core.ops.correlate([1.0, 2.0, 3.0], [0.0, 1.0, 0.5])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [3.5]
    """
    choice("correlate", "mode", mode, ("valid", "same", "full"))
    if ndim_of(x1) != 1 or ndim_of(x2) != 1:
        raise ValueError(
            f"correlate: inputs must be 1-D. Received shapes {shape_of(x1)} and {shape_of(x2)}."
        )
    if any_symbolic_tensors((x1, x2)):
        return Correlate(mode=mode).symbolic_call(x1, x2)
    return _bnp.correlate(x1, x2, mode=mode)


def slogdet(x: Tensor) -> tuple:
    """The sign and the natural log of the absolute value of a determinant.

    Args:
        x: a square matrix, or a batch of them (last two axes).

    Returns:
        A tuple ``(sign, logabsdet)`` of floating tensors of the batch shape; a
        singular matrix gives sign 0 and ``-inf``.

    Example:
    >>> out = keras_core.ops.slogdet([[2.0, 0.0], [0.0, 3.0]])
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [1.0, 1.7918]
    """
    shape = shape_of(x)
    if len(shape) < 2 or (None not in shape[-2:] and shape[-1] != shape[-2]):
        raise ValueError(
            f"slogdet: `x` must be a square matrix (or a batch of them). Received: {shape}"
        )
    if any_symbolic_tensors((x,)):
        return Slogdet().symbolic_call(x)
    return _bnp.slogdet(x)


def _parse_signature(signature):
    if signature is None:
        return None
    m = re.fullmatch(r"\s*(.*?)\s*->\s*(.*?)\s*", signature)
    if m is None:
        raise ValueError(f"vectorize: invalid `signature` {signature!r}.")

    def groups(text):
        return [
            [d.strip() for d in g.split(",") if d.strip()] for g in re.findall(r"\(([^)]*)\)", text)
        ]

    return groups(m.group(1)), groups(m.group(2))


def vectorize(
    pyfunc: Callable, *, excluded: set | None = None, signature: str | None = None
) -> Callable:
    """Turns ``pyfunc`` into a function mapped over the leading (batch) axes of its inputs.

    Args:
        pyfunc: a function of tensors (written with ``keras_core.ops``).
        excluded: names or positions of arguments passed through unchanged.
        signature: a generalized-ufunc signature such as ``"(n),(n)->()"`` naming the
            core axes of each input and output; without it ``pyfunc`` maps over scalars.

    Returns:
        A function that applies ``pyfunc`` to every batch element, broadcasting batch axes,
        and stacks the results. On KerasTensors it infers the output from one symbolic
        call of ``pyfunc`` on the core shapes.

    Example:
    >>> dot = lambda a, b: keras_core.ops.sum(a * b)
    >>> f = keras_core.ops.vectorize(dot, signature="(n),(n)->()")
    >>> keras_core.ops.convert_to_numpy(f([[1, 2], [3, 4]], [1, 1])).tolist()
    [3, 7]
    """
    if not callable(pyfunc):
        raise TypeError(f"vectorize: `pyfunc` must be callable. Received: {pyfunc!r}")
    parsed = _parse_signature(signature)
    excluded = set(excluded or ())
    eager = _bnp.vectorize(pyfunc, excluded=excluded, signature=signature)

    def wrapped(*args, **kwargs):
        if not any_symbolic_tensors((args, kwargs)):
            return eager(*args, **kwargs)
        core_in = parsed[0] if parsed is not None else [[] for _ in args]
        batch, core_args = (), []
        for i, (a, dims) in enumerate(zip(args, core_in)):
            if i in excluded:
                core_args.append(a)
                continue
            shape = tuple(shape_of(a))
            n = len(dims)
            batch = broadcast_shapes(batch, shape[: len(shape) - n], "vectorize")
            core_shape = shape[len(shape) - n :]
            core_args.append(KerasTensor(core_shape, getattr(a, "dtype", backend.floatx())))
        out = pyfunc(*core_args, **kwargs)
        if isinstance(out, (tuple, list)):
            return type(out)(KerasTensor(batch + tuple(o.shape), o.dtype) for o in out)
        return KerasTensor(batch + tuple(out.shape), out.dtype)

    return wrapped
