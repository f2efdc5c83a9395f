"""Registry entries: comparisons, logical ops, value tests, isclose, isin, where, select."""

import numpy as np

from conformance.registry import ALL_NUMERIC, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    MIX,
    WITH_COMPLEX,
    arr,
    binary_errors,
    f64,
    float_edge_values,
    is_float,
    lean,
    sample,
    string_error,
    unary_edges,
    unary_samples,
)
from conformance.samples import np_dtype
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("accuracy", "exact")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _grid(rng, shape, dtype, zeros=True):
    """Values on a coarse grid (ties and zeros are common)."""
    if dtype == "bool":
        return rng.random(shape) < 0.5
    values = rng.integers(-2 if not dtype.startswith("u") else 0, 3, size=shape)
    if is_float(dtype) and not zeros:
        values = np.where(values == 0, 1, values)
    return np.asarray(values * (0.5 if is_float(dtype) else 1)).astype(np_dtype(dtype))


def _compare_samples(dtype, rng):
    g = lambda shape, d=dtype: _grid(rng, shape, d)  # noqa: E731
    scalar = True if dtype == "bool" else (1 if not is_float(dtype) else 0.5)
    return [
        Case((g((2, 3)), g((2, 3))), id="same"),
        Case((g((2, 1, 3)), g((4, 1))), id="broadcast"),
        Case((g(()), g((3,))), id="scalar0d"),
        Case((g((0, 3)), g((3,))), id="empty"),
        Case((g((2, 3)), scalar), id="weak_scalar"),
        Case((g((2, 3)), g((2, 3), MIX[dtype])), id="mixed"),
    ]


def _compare_edges(dtype, rng):
    x = float_edge_values(dtype, huge=False)
    return [Case((x, x[::-1].copy()), id="edges"), Case((x, x), id="edges-self")]


def _compare_ref(fn):
    def ref(x1, x2):
        with np.errstate(all="ignore"):
            return fn(x1, x2)

    return ref


for _name, _fn in (
    ("equal", np.equal),
    ("not_equal", np.not_equal),
    ("less", np.less),
    ("less_equal", np.less_equal),
    ("greater", np.greater),
    ("greater_equal", np.greater_equal),
):
    _entry(
        _name,
        _compare_ref(_fn),
        _compare_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="bool",
        edges=_compare_edges,
        errors=binary_errors(_name),
    )

for _name, _fn in (
    ("logical_and", np.logical_and),
    ("logical_or", np.logical_or),
    ("logical_xor", np.logical_xor),
):
    _entry(
        _name,
        _fn,
        _compare_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="bool",
        edges=_compare_edges,
        errors=binary_errors(_name),
    )
_entry(
    "logical_not",
    np.logical_not,
    lambda dtype, rng: [Case((_grid(rng, s, dtype),), id=f"shape{s}") for s in ((), (3,), (2, 3))],
    dtypes=ALL_NUMERIC,
    out_dtype="bool",
    edges=unary_edges(),
    errors=(string_error(1),),
)


# ----------------------------------------------------------------------------- value tests


def _floats_only(fn):
    """``fn`` on float inputs; False everywhere for integers and bools."""

    def ref(x):
        x = np.asarray(x)
        return fn(x) if x.dtype.kind == "f" else np.zeros(x.shape, bool)

    return ref


for _name, _fn in (
    ("isnan", np.isnan),
    ("isinf", np.isinf),
    ("isfinite", np.isfinite),
    ("isneginf", _floats_only(np.isneginf)),
    ("isposinf", _floats_only(np.isposinf)),
    (
        "signbit",
        lambda x: np.signbit(np.asarray(x).astype(np.int8) if np.asarray(x).dtype == bool else x),
    ),
):
    _entry(
        _name,
        _fn,
        unary_samples(),
        dtypes=ALL_NUMERIC,
        out_dtype="bool",
        edges=unary_edges(),
        errors=(string_error(1),),
    )
_entry(
    "isreal",
    np.isreal,
    lambda dtype, rng: (
        unary_samples()(dtype, rng)
        + (
            [Case((np.array([1 + 0j, 2 + 1j, -0j], np.complex64),), id="mixed_imag")]
            if dtype == "complex64"
            else []
        )
    ),
    dtypes=WITH_COMPLEX,
    out_dtype="bool",
    edges=unary_edges(),
    errors=(string_error(1),),
)


# ----------------------------------------------------------------------------- closeness


def _isclose_ref(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    d = dtype_rules.binary_dtype(x1, x2)
    if not dtype_rules.standardize_dtype(d).startswith(("float", "bfloat", "complex")):
        d = dtype_rules.float_dtype(x1, x2)
    with np.errstate(all="ignore"):
        return np.isclose(f64(x1), f64(x2), rtol=rtol, atol=atol, equal_nan=equal_nan)


def _isclose_samples(dtype, rng):
    x1 = sample(rng, (2, 4), dtype)
    far = np.array([[0, 1, 0, 1], [1, 0, 0, 1]], bool)
    if dtype == "bool":
        x2 = np.where(far, ~x1, x1)
    else:
        x2 = np.where(far, (x1.astype(np.float64) + 1.0).astype(x1.dtype), x1)
    cases = [
        Case((x1, x2), id="exact_or_far"),
        Case((x1[0], x1), id="broadcast"),
        Case((sample(rng, (), dtype), x1), id="scalar0d"),
        Case((x1, x2[:1]), {"rtol": 0.0, "atol": 0.0}, id="zero_tolerance"),
    ]
    if is_float(dtype):
        base = f64(sample(rng, (2, 4), dtype, 1.0, 3.0))
        near = np.where(far, base * 1.5, base * 1.005)
        cases.append(
            Case(
                (near.astype(np_dtype(dtype)), base.astype(np_dtype(dtype))),
                {"rtol": 0.1},
                id="relative",
            )  # fmt: skip
        )
    return cases


_NAN_EDGES = lambda dtype, rng: [  # noqa: E731
    Case((arr([np.nan, np.inf, -np.inf, 1.0], dtype), arr([np.nan, np.inf, np.inf, 1.0], dtype)),
         id="edges"),
    Case((arr([np.nan, np.inf, 0.0], dtype), arr([np.nan, np.inf, -0.0], dtype)),
         {"equal_nan": True}, id="equal_nan"),
]  # fmt: skip

_entry(
    "isclose",
    _isclose_ref,
    _isclose_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="bool",
    edges=_NAN_EDGES,
    errors=binary_errors("isclose"),
)
_entry(
    "allclose",
    lambda x1, x2, **kw: np.all(_isclose_ref(x1, x2, **kw)),
    _isclose_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="bool",
    edges=_NAN_EDGES,
    errors=binary_errors("allclose"),
)


def _isin_samples(dtype, rng):
    x = _grid(rng, (2, 3), dtype)
    return [
        Case((x, _grid(rng, (3,), dtype)), id="vector"),
        Case((x, _grid(rng, (2, 2), dtype)), id="matrix_test_values"),
        Case((x, _grid(rng, (3,), dtype)), {"invert": True}, id="invert"),
        Case((_grid(rng, (), dtype), _grid(rng, (4,), dtype)), id="0d"),
        Case((x, _grid(rng, (0,), dtype)), id="empty_test_values"),
    ]


_entry(
    "isin",
    lambda x1, x2, assume_unique=False, invert=False: np.isin(x1, x2, invert=invert),
    _isin_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="bool",
    errors=(string_error(2),),
)


# ----------------------------------------------------------------------------- where, select


def _where_ref(condition, x1=None, x2=None):
    if x1 is None:
        return np.nonzero(condition)
    return np.where(np.asarray(condition).astype(bool), x1, x2)


def _where_dtype(case, dtype):
    if len(case.args) == 1:
        return "int32"
    return dtype_rules.binary_dtype(case.args[1], case.args[2])


def _where_samples(dtype, rng):
    c = lambda shape: rng.random(shape) < 0.5  # noqa: E731
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    cases = [
        Case((c((2, 3)), r((2, 3)), r((2, 3))), id="same"),
        Case((c((2, 1)), r((3,)), r((2, 3))), id="broadcast"),
        Case((np.asarray(c(())), r(()), r(())), id="0d"),
        Case((c((0, 3)), r((0, 3)), r((3,))), id="empty"),
        Case((c((2, 3)), r((2, 3)), 0 if dtype != "bool" else False), id="weak_scalar"),
        Case((c((2, 3)), r((2, 3)), r((2, 3), MIX[dtype])), id="mixed"),
        Case((r((2, 3), "int32"), r((2, 3)), r((2, 3))), id="int_condition"),
    ]
    if dtype == "bool":
        # The one-argument form has a data-dependent shape: only checked eagerly.
        cases.append(Case((c((2, 3)),), id="nonzero_form"))
    return cases


_entry(
    "where",
    _where_ref,
    _where_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: (
        ("int32",) * np.ndim(case.args[0]) if len(case.args) == 1 else _where_dtype(case, dtype)
    ),
    differentiable=True,
    grad_argnums=(1, 2),
    symbolic_dtypes=False,  # the bool cases include where(condition) (data-dependent shape)
    errors=(
        ErrorCase(
            (np.ones((2, 3), bool), np.zeros((2, 3), np.float32), np.zeros((4,), np.float32)),
            exc=ValueError,
            match=r"where[\s\S]*2, 3[\s\S]*4",
        ),
        ErrorCase((np.ones((2,), bool), np.ones((2,), np.float32)), exc=ValueError, match="where"),
    ),
)


def _select_ref(condlist, choicelist, default=0):
    return np.select([np.asarray(c).astype(bool) for c in condlist], choicelist, default)


def _select_samples(dtype, rng):
    c = lambda shape: rng.random(shape) < 0.5  # noqa: E731
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    default = True if dtype == "bool" else (7 if not is_float(dtype) else 0.5)
    return [
        Case(([c((2, 3)), c((2, 3))], [r((2, 3)), r((2, 3))]), id="two"),
        Case(([c((2, 3))], [r((3,))], default), id="broadcast_default"),
        Case(([c(()), c(())], [r(()), r(())], r(())), id="0d"),
    ]


_entry(
    "select",
    _select_ref,
    _select_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: dtype_rules.binary_dtype(
        *case.args[1], case.args[2] if len(case.args) > 2 else 0
    ),
    errors=(
        ErrorCase(
            ([np.ones((2,), bool)], [np.ones((2,), np.float32), np.ones((2,), np.float32)]),
            exc=ValueError,
            match="select",
        ),
    ),
)
