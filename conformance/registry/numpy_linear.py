"""Registry entries: products and contractions of the numpy family, and ``vectorize``."""

import dataclasses

import numpy as np

from conformance.registry import ALL_NUMERIC, FLOAT_DTYPES, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    MIX,
    NUMERIC_NO_BOOL,
    f64,
    lean,
    sample,
    string_error,
)
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("dtypes", NUMERIC_NO_BOOL)
    kwargs.setdefault("accuracy", "matmul")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _wide(fn):
    """Reference in float64 for float inputs, int64 for integers."""

    def ref(*args, **kwargs):
        conv = [
            f64(a) if np.asarray(a).dtype.kind == "f" else np.asarray(a).astype(np.int64)
            if np.asarray(a).dtype.kind in "iub" else a
            for a in args
        ]  # fmt: skip
        return fn(*conv, **kwargs)

    return ref


def _mismatch(name, s1=(2, 3), s2=(4, 2)):
    return ErrorCase(
        (np.zeros(s1, np.float32), np.zeros(s2, np.float32)),
        exc=ValueError,
        match=name,
        id="shapes",
    )


def _matmul_samples(dtype, rng):
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    return [
        Case((r((2, 3)), r((3, 2))), id="2d", n=3),
        Case((r((3,)), r((3, 2))), id="vector_matrix", n=3),
        Case((r((2, 3)), r((3,))), id="matrix_vector", n=3),
        Case((r((3,)), r((3,))), id="vector_vector", n=3),
        Case((r((2, 2, 3)), r((3, 2))), id="batched", n=3),
        Case((r((1, 2, 3)), r((2, 3, 1))), id="broadcast_batch", n=3),
        Case((r((0, 3)), r((3, 2))), id="empty_rows"),
        Case((r((2, 0)), r((0, 2))), id="empty_contraction"),
        Case((r((2, 3)), r((3, 2), MIX[dtype])), id="mixed", n=3),
    ]


_entry(
    "matmul",
    _wide(np.matmul),
    _matmul_samples,
    out_dtype=lambda case, dtype: dtype_rules.binary_dtype(*case.args, op="matmul"),
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(
        _mismatch("matmul"),
        ErrorCase(
            (np.zeros((), np.float32), np.zeros((2,), np.float32)),
            exc=ValueError,
            match="matmul",
            id="0d",
        ),  # fmt: skip
        string_error(2),
    ),
)


def _dot_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((3,)), r((3,))), id="vectors", n=3),
        Case((r((2, 3)), r((3, 2))), id="matrices", n=3),
        Case((r((2, 3)), r((3,))), id="matrix_vector", n=3),
        Case((r(()), r((2, 3))), id="scalar"),
        Case((r((2, 2, 3)), r((2, 3, 2))), id="nd", n=3),
    ]


_entry(
    "dot",
    _wide(np.dot),
    _dot_samples,
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(_mismatch("dot"),),
)


def _inner_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((3,)), r((3,))), id="vectors", n=3),
        Case((r((2, 3)), r((4, 3))), id="matrices", n=3),
        Case((r(()), r((2,))), id="scalar"),
    ]


_entry(
    "inner",
    _wide(np.inner),
    _inner_samples,
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(_mismatch("inner", (2, 3), (2, 2)),),
)
_entry(
    "outer",
    _wide(np.outer),
    lambda dtype, rng: [
        Case((sample(rng, (3,), dtype), sample(rng, (2,), dtype)), id="vectors"),
        Case((sample(rng, (2, 2), dtype), sample(rng, (3,), dtype)), id="flattens"),
        Case((sample(rng, (), dtype), sample(rng, (0,), dtype)), id="empty"),
    ],
    accuracy="elementwise",
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "vdot",
    _wide(np.vdot),
    lambda dtype, rng: [
        Case((sample(rng, (3,), dtype), sample(rng, (3,), dtype)), id="vectors", n=3),
        Case((sample(rng, (2, 2), dtype), sample(rng, (4,), dtype)), id="flattens", n=4),
    ],
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(_mismatch("vdot", (3,), (4,)),),
)


def _tensordot_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((2, 3)), r((2, 3))), id="default_2", n=6),
        Case((r((2, 3)), r((3, 2))), {"axes": 1}, id="axes1", n=3),
        Case((r((2, 3, 2)), r((2, 3))), {"axes": ([0, 1], [0, 1])}, id="lists", n=6),
        Case((r((3, 2)), r((2, 3))), {"axes": (0, 1)}, id="pair_of_ints", n=3),
        Case((r((2,)), r((3,))), {"axes": 0}, id="outer"),
    ]


_entry(
    "tensordot",
    _wide(np.tensordot),
    _tensordot_samples,
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(
        ErrorCase(
            (np.zeros((2, 3), np.float32), np.zeros((2, 3), np.float32)),
            {"axes": 3},
            ValueError,
            "tensordot",
        ),  # fmt: skip
    ),
)


def _einsum_samples(dtype, rng):
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    return [
        Case(("ij,jk->ik", r((2, 3)), r((3, 2))), id="matmul", n=3),
        Case(("ij->ji", r((2, 3))), id="transpose"),
        Case(("ii->i", r((3, 3))), id="diagonal"),
        Case(("ij->", r((2, 3))), id="sum", n=6),
        Case(("bij,bjk->bik", r((2, 2, 3)), r((2, 3, 2))), id="batched", n=3),
        Case(("...j,j->...", r((2, 2, 3)), r((3,))), id="ellipsis", n=3),
        Case(("i,j", r((2,)), r((3,))), id="implicit_outer"),
        Case(("ij,jk", r((2, 3)), r((3, 2), MIX[dtype])), id="mixed", n=3),
    ]


_entry(
    "einsum",
    lambda subscripts, *ops: np.einsum(
        subscripts,
        *[
            f64(o) if np.asarray(o).dtype.kind == "f" else np.asarray(o).astype(np.int64)
            for o in ops
        ],
    ),  # fmt: skip
    _einsum_samples,
    out_dtype=lambda case, dtype: dtype_rules.binary_dtype(*case.args[1:], op="einsum"),
    differentiable=True,
    grad_argnums=(1, 2),
    errors=(
        ErrorCase(
            ("ij,jk->ik", np.zeros((2, 3), np.float32), np.zeros((4, 2), np.float32)),
            exc=ValueError,
            match="einsum",
        ),  # fmt: skip
        ErrorCase(("ij,jk->ik", np.zeros((2, 3), np.float32)), exc=ValueError, match="einsum"),
    ),
)
_entry(
    "kron",
    _wide(np.kron),
    lambda dtype, rng: [
        Case((sample(rng, (2,), dtype), sample(rng, (3,), dtype)), id="vectors"),
        Case((sample(rng, (2, 2), dtype), sample(rng, (1, 2), dtype)), id="matrices"),
        Case((sample(rng, (2,), dtype), sample(rng, (2, 2), dtype)), id="ranks_differ"),
    ],
    accuracy="elementwise",
    differentiable=True,
    grad_argnums=(0, 1),
)


def _cross_samples(dtype, rng):
    r = lambda shape, lo=-3, hi=3: sample(rng, shape, dtype, lo, hi)  # noqa: E731
    return [
        Case((r((3,)), r((3,))), id="vectors", n=2),
        Case((r((2, 3)), r((3,))), id="broadcast", n=2),
        Case((r((3, 2)), r((2, 3))), {"axisa": 0, "axisb": 1, "axisc": 0}, id="axes", n=2),
        Case((r((2, 3)), r((2, 3))), {"axis": 1}, id="axis", n=2),
    ]


def _cross_ref(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    return _wide(np.cross)(x1, x2, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


_entry(
    "cross",
    _cross_ref,
    _cross_samples,
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(_mismatch("cross", (2, 4), (2, 4)),),
)


def _correlate_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((5,)), r((3,))), id="valid", n=3),
        Case((r((5,)), r((3,))), {"mode": "same"}, id="same", n=3),
        Case((r((4,)), r((2,))), {"mode": "same"}, id="same_even", n=2),
        Case((r((3,)), r((4,))), {"mode": "full"}, id="full", n=3),
        Case((r((2,)), r((5,))), id="valid_short_first", n=2),
    ]


_entry(
    "correlate",
    lambda x1, x2, mode="valid": np.correlate(f64(x1), f64(x2), mode=mode),
    _correlate_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(
        ErrorCase(
            (np.zeros((3,), np.float32), np.zeros((2,), np.float32)),
            {"mode": "circular"},
            ValueError,
            "correlate",
        ),  # fmt: skip
        _mismatch("correlate", (2, 2), (2,)),
    ),
)


def _slogdet_samples(dtype, rng):
    def m(shape):
        a = sample(rng, shape, dtype, -1, 1).astype(np.float64)
        a = a + 3 * np.eye(shape[-1])
        a[..., 0, :] *= -1  # a negative determinant
        return a.astype(sample(rng, (), dtype).dtype)

    cases = [Case((m((3, 3)),), id="3x3", n=3), Case((m((2, 2, 2)),), id="batched", n=2)]
    if dtype != "float64":  # float64 feeds the gradient check: undefined at a singular matrix
        cases.append(Case((np.zeros((2, 2), sample(rng, (), dtype).dtype),), id="singular", n=2))
    return cases


def _slogdet_ref(x):
    sign, logdet = np.linalg.slogdet(f64(x))
    return sign, logdet


_entry(
    "slogdet",
    _slogdet_ref,
    _slogdet_samples,
    dtypes=("int32",) + FLOAT_DTYPES,
    out_dtype=lambda case, dtype: (dtype_rules.float_dtype(case.args[0]),) * 2,
    accuracy="linalg",
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 3), np.float32),), exc=ValueError, match="slogdet"),),
)


# ----------------------------------------------------------------------------- vectorize


def _scale_shift(v):
    import keras_core.ops as ops

    return ops.add(ops.multiply(v, 2), 1)


def _row_dot(a, b):
    import keras_core.ops as ops

    return ops.sum(ops.multiply(a, b))


_PYFUNCS = {None: _scale_shift, "(n),(n)->()": _row_dot}


@dataclasses.dataclass
class _VectorizeEntry(Entry):
    """``vectorize`` returns a function: the op under test applies it to the case inputs."""

    def op(self):
        import keras_core.ops as ops

        def apply(*args, signature=None):
            return ops.vectorize(_PYFUNCS[signature], signature=signature)(*args)

        return apply


def _vectorize_ref(*args, signature=None):
    if signature is None:
        return f64(args[0]) * 2 + 1
    return np.einsum("...n,...n->...", f64(args[0]), f64(args[1]))


def _vectorize_samples(dtype, rng):
    return [
        Case((sample(rng, (2, 3), dtype),), id="elementwise"),
        Case(
            (sample(rng, (2, 3), dtype), sample(rng, (3,), dtype)),
            {"signature": "(n),(n)->()"},
            id="signature",
            n=3,
        ),  # fmt: skip
    ]


register(
    _VectorizeEntry(
        name="vectorize",
        family=FAMILY,
        reference=_vectorize_ref,
        samples=_vectorize_samples,
        dtypes=("float32", "float64"),
        out_dtype="same",
        accuracy="reduction",
    )
)
