"""Registry entries: reductions, statistics and cumulative ops of the numpy family."""

import warnings

import numpy as np

from conformance.registry import ALL_NUMERIC, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    NUMERIC_NO_BOOL,
    arr,
    as_int32_if_bool,
    axis_error,
    f64,
    is_float,
    lean,
    sample,
    string_error,
)
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _quiet(fn):
    def ref(*args, **kwargs):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(*args, **kwargs)

    return ref


def _with_nans(x, dtype):
    """Puts a NaN at a few fixed positions of float samples."""
    if is_float(dtype) and x.size:
        x = x.copy()
        flat = x.reshape(-1)
        flat[:: max(1, flat.size // 2)] = np.nan
    return x


def reduce_samples(low=-3.0, high=3.0, keepdims=True, tuple_axis=True, empty=True, nans=False):
    """Cases for ``op(x, axis=..., keepdims=...)``; ``n`` is the reduction length."""

    def build(dtype, rng):
        def r(shape):
            x = sample(rng, shape, dtype, low, high)
            return _with_nans(x, dtype) if nans else x

        kd = {"keepdims": True} if keepdims else {}
        cases = [
            Case((r((2, 3)),), id="all", n=6),
            Case((r((2, 3)),), {"axis": 0}, id="axis0", n=2),
            Case((r((2, 3)),), dict(axis=-1, **kd), id="axis-1", n=3),
            Case((r(()),), id="0d"),
        ]
        if keepdims:
            cases.append(Case((r((2, 3)),), {"axis": None, "keepdims": True}, id="keepdims", n=6))
        if tuple_axis:
            cases.append(Case((r((2, 2, 2)),), {"axis": (0, 2)}, id="tuple_axis", n=4))
        if empty:
            cases.append(Case((r((0, 3)),), {"axis": 0}, id="empty"))
        return cases

    return build


def _errors(name, **kwargs):
    return (axis_error(name, **kwargs), string_error(1))


# ----------------------------------------------------------------------------- sums


def _sum_dtype(case, dtype):
    given = case.kwargs.get("dtype")
    return dtype_rules.standardize_dtype(given) if given else dtype_rules.sum_dtype(case.args[0])


def _f(fn):
    """A float64 reference for float inputs, native integer arithmetic otherwise."""

    def ref(x, *args, **kwargs):
        x = np.asarray(x)
        x = f64(x) if x.dtype.kind == "f" else as_int32_if_bool(x).astype(np.int64)
        return fn(x, *args, **kwargs)

    return _quiet(ref)


_entry(
    "sum",
    _f(np.sum),
    reduce_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="sum",
    accuracy="reduction",
    differentiable=True,
    errors=_errors("sum"),
)


def _prod_samples(dtype, rng):
    cases = reduce_samples(-2.0, 2.0)(dtype, rng)
    if dtype != "float64":  # float64 samples feed the gradient check: no cast to float32
        cases.append(
            Case((sample(rng, (2, 3), dtype, -2, 2),), {"dtype": "float32"}, id="dtype", n=6)
        )
    return cases


_entry(
    "prod",
    _f(lambda x, axis=None, keepdims=False, dtype=None: np.prod(x, axis=axis, keepdims=keepdims)),
    _prod_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_sum_dtype,
    accuracy="reduction",
    differentiable=True,
    errors=_errors("prod"),
)
_entry(
    "nansum",
    _f(np.nansum),
    reduce_samples(nans=True),
    dtypes=ALL_NUMERIC,
    out_dtype="sum",
    accuracy="reduction",
    errors=_errors("nansum"),
)
_entry(
    "nanprod",
    _f(np.nanprod),
    reduce_samples(-2.0, 2.0, nans=True),
    dtypes=ALL_NUMERIC,
    out_dtype="sum",
    accuracy="reduction",
    errors=_errors("nanprod"),
)


def _cumulative_samples(nans=False, low=-3.0, high=3.0):
    def build(dtype, rng):
        def r(shape):
            x = sample(rng, shape, dtype, low, high)
            return _with_nans(x, dtype) if nans else x

        cases = [
            Case((r((2, 3)),), id="flattened", n=6),
            Case((r((2, 3)),), {"axis": 0}, id="axis0", n=2),
            Case((r((2, 3)),), {"axis": -1}, id="axis-1", n=3),
            Case((r((0, 2)),), {"axis": 1}, id="empty"),
        ]
        if dtype != "float64":  # float64 samples feed the gradient check: no cast to float32
            cases.append(Case((r((3,)),), {"axis": 0, "dtype": "float32"}, id="dtype", n=3))
        return cases

    return build


def _cum_ref(fn):
    def ref(x, axis=None, dtype=None):
        return fn(x, axis=axis)

    return _f(ref)


for _name, _fn, _nans, _lo, _hi in (
    ("cumsum", np.cumsum, False, -3.0, 3.0),
    ("cumprod", np.cumprod, False, -2.0, 2.0),
    ("nancumsum", np.nancumsum, True, -3.0, 3.0),
    ("nancumprod", np.nancumprod, True, -2.0, 2.0),
):
    _entry(
        _name,
        _cum_ref(_fn),
        _cumulative_samples(_nans, _lo, _hi),
        dtypes=ALL_NUMERIC,
        out_dtype=_sum_dtype,
        accuracy="reduction",
        differentiable=not _nans,
        errors=_errors(_name),
    )


# ----------------------------------------------------------------------------- extrema

_EXTREMA_EDGES = lambda dtype, rng: [  # noqa: E731
    Case((arr([1.0, np.nan, -np.inf, 2.0], dtype),), id="nan_propagates"),
    Case((arr([[1.0, np.nan], [np.inf, -np.inf]], dtype),), {"axis": 1}, id="rows"),
]  # fmt: skip
_EMPTY_ERROR = ErrorCase((np.zeros((0, 3), np.float32),), {"axis": 0}, ValueError, id="empty")


def _max_samples(dtype, rng):
    cases = reduce_samples(empty=False)(dtype, rng)
    if dtype != "bool":
        cases.append(Case((sample(rng, (2, 3), dtype),), {"axis": 1, "initial": 1}, id="initial"))
        cases.append(Case((sample(rng, (0, 3), dtype),), {"axis": 0, "initial": 2}, id="empty"))
    return cases


for _name, _fn in (("max", np.max), ("min", np.min)):
    _entry(
        _name,
        _fn,
        _max_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="same",
        accuracy="exact",
        edges=_EXTREMA_EDGES,
        differentiable=True,
        errors=_errors(_name) + (_EMPTY_ERROR,),
    )
for _name, _fn in (("amax", np.max), ("amin", np.min)):
    _entry(
        _name,
        _fn,
        reduce_samples(empty=False),
        dtypes=ALL_NUMERIC,
        out_dtype="same",
        accuracy="exact",
        edges=_EXTREMA_EDGES,
        differentiable=True,
        errors=_errors(_name) + (_EMPTY_ERROR,),
    )
for _name, _fn in (("nanmax", np.nanmax), ("nanmin", np.nanmin)):
    _entry(
        _name,
        _quiet(_fn),
        reduce_samples(empty=False, nans=True),
        dtypes=ALL_NUMERIC,
        out_dtype="same",
        accuracy="exact",
        edges=lambda dtype, rng: [
            Case((arr([[1.0, np.nan], [np.nan, np.nan]], dtype),), {"axis": 1}, id="all_nan_row")
        ],
        errors=_errors(_name),
    )
_entry(
    "ptp",
    np.ptp,
    reduce_samples(empty=False),
    dtypes=NUMERIC_NO_BOOL,
    out_dtype="same",
    accuracy="exact",
    errors=_errors("ptp")
    + (ErrorCase((np.ones((2,), bool),), exc=TypeError, match="ptp", id="bool"),),
)


def _arg_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((2, 3)),), id="flattened"),
        Case((r((2, 3)),), {"axis": 0}, id="axis0"),
        Case((r((2, 3)),), {"axis": -1, "keepdims": True}, id="keepdims"),
        Case((r((3, 2, 2)),), {"axis": 1}, id="3d"),
        Case((r(()),), id="0d"),
        Case((arr([[1, 3, 3], [2, 2, 0]], dtype),), {"axis": 1}, id="ties_first"),
    ]


_ARG_EDGES = lambda dtype, rng: [  # noqa: E731
    Case((arr([1.0, np.nan, 3.0, np.nan], dtype),), id="nan"),
    Case((arr([-np.inf, np.inf, 0.0, -0.0], dtype),), id="infinities"),
]  # fmt: skip


def _arg_errors(name):
    return (
        axis_error(name),
        ErrorCase((np.zeros((2, 3), np.float32),), {"axis": (0, 1)}, TypeError, name, "tuple"),
        ErrorCase((np.zeros((0,), np.float32),), {}, ValueError, name, "empty"),
        string_error(1),
    )


for _name, _fn in (("argmax", np.argmax), ("argmin", np.argmin)):
    _entry(
        _name,
        _fn,
        _arg_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="int32",
        accuracy="exact",
        edges=_ARG_EDGES,
        errors=_arg_errors(_name),
    )


def _nanarg_samples(dtype, rng):
    cases = _arg_samples(dtype, rng)
    if is_float(dtype):
        cases.append(Case((arr([[np.nan, 1.0, 3.0], [2.0, np.nan, -1.0]], dtype),), {"axis": 1},
                          id="nans"))  # fmt: skip
    return cases


for _name, _fn in (("nanargmax", np.nanargmax), ("nanargmin", np.nanargmin)):
    _entry(
        _name,
        _fn,
        _nanarg_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="int32",
        accuracy="exact",
        errors=_arg_errors(_name),
    )


# ----------------------------------------------------------------------------- logical, counting


def _truthy_samples(keepdims=True):
    def build(dtype, rng):
        cases = reduce_samples(keepdims=keepdims)(dtype, rng)
        for c in cases:
            x = c.args[0]
            if x.dtype != bool and x.size:
                x = x.copy()
                x.reshape(-1)[::2] = 0
                c.args = (x,)
        return cases

    return build


for _name, _fn in (("all", np.all), ("any", np.any)):
    _entry(
        _name,
        _fn,
        _truthy_samples(),
        dtypes=ALL_NUMERIC,
        out_dtype="bool",
        accuracy="exact",
        edges=lambda dtype, rng: [Case((arr([np.nan, 0.0, -0.0], dtype),), id="nan_is_true")],
        errors=_errors(_name),
    )
_entry(
    "count_nonzero",
    lambda x, axis=None: np.count_nonzero(x, axis=axis),
    _truthy_samples(keepdims=False),
    dtypes=ALL_NUMERIC,
    out_dtype="int32",
    accuracy="exact",
    edges=lambda dtype, rng: [Case((arr([np.nan, 0.0, -0.0, 1.0], dtype),), id="nan_counts")],
    errors=_errors("count_nonzero"),
)


# ----------------------------------------------------------------------------- statistics

_FLOAT_STATS = (
    ("mean", np.mean, False),
    ("var", np.var, False),
    ("std", np.std, False),
    ("median", np.median, False),
    ("nanmean", np.nanmean, True),
    ("nanvar", np.nanvar, True),
    ("nanstd", np.nanstd, True),
    ("nanmedian", np.nanmedian, True),
)
for _name, _fn, _nans in _FLOAT_STATS:
    _entry(
        _name,
        _quiet(lambda x, *a, _fn=_fn, **k: _fn(f64(x), *a, **k)),
        reduce_samples(nans=_nans, empty=not _name.endswith("median")),
        dtypes=ALL_NUMERIC,
        out_dtype="float",
        accuracy="reduction",
        differentiable=not _nans and _name != "median",
        edges=None
        if _nans
        else (lambda dtype, rng: [Case((arr([1.0, np.nan, 2.0], dtype),), id="nan")]),
        errors=_errors(_name),
    )


def _quantile_samples(scale, nans=False):
    def build(dtype, rng):
        def r(shape):
            x = sample(rng, shape, dtype)
            return _with_nans(x, dtype) if nans else x

        cases = [
            Case((r((2, 5)), 0.3 * scale), {"axis": 1}, id="scalar_q", n=5),
            Case((r((2, 5)), [0.3 * scale, 0.75 * scale]), {"axis": 1}, id="vector_q", n=5),
            Case((r((2, 5)), 0.75 * scale), id="flattened", n=10),
            Case((r((2, 5)), 0.3 * scale), {"axis": 1, "keepdims": True}, id="keepdims", n=5),
        ]
        for method in ("lower", "higher", "midpoint", "nearest"):
            cases.append(
                Case(
                    (r((2, 5)), [0.3 * scale, 0.75 * scale]),
                    {"axis": 1, "method": method},
                    id=method,
                    n=5,
                )  # fmt: skip
            )
        return cases

    return build


def _quantile_ref(fn, scale):
    def ref(x, q, axis=None, method="linear", keepdims=False):
        q = np.asarray(q, dtype=np.float64) / scale
        return fn(f64(x), q, axis=axis, method=method, keepdims=keepdims)

    return _quiet(ref)


for _name, _fn, _scale, _nans in (
    ("quantile", np.quantile, 1, False),
    ("percentile", np.quantile, 100, False),
    ("nanquantile", np.nanquantile, 1, True),
    ("nanpercentile", np.nanquantile, 100, True),
):
    _entry(
        _name,
        _quantile_ref(_fn, _scale),
        _quantile_samples(_scale, _nans),
        dtypes=ALL_NUMERIC,
        out_dtype=lambda case, dtype: dtype_rules.float_dtype(case.args[0]),
        accuracy="reduction",
        differentiable=not _nans,
        errors=(
            axis_error(_name, args=(0.5 * _scale,)),
            ErrorCase((np.zeros((3,), np.float32), 1.5 * _scale), {}, ValueError, _name, "q"),
            ErrorCase((np.zeros((3,), np.float32), 0.5), {"method": "cubic"}, ValueError, _name),
            ErrorCase((["a", "b"], 0.5), exc=TypeError, id="string_input"),
        ),
    )


def _average_ref(x, axis=None, weights=None):
    return np.average(f64(x), axis=axis, weights=None if weights is None else f64(weights))


def _average_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    w = lambda shape: sample(rng, shape, "float32", 0.5, 2.0)  # noqa: E731
    return [
        Case((r((2, 3)),), id="mean", n=6),
        Case((r((2, 3)),), {"weights": w((2, 3))}, id="full_weights", n=6),
        Case((r((2, 3)),), {"axis": 1, "weights": w((3,))}, id="axis_weights", n=3),
        Case((r((2, 3)),), {"axis": 0, "weights": w((2, 3))}, id="axis0", n=2),
    ]


_entry(
    "average",
    _average_ref,
    _average_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: dtype_rules.float_dtype(
        case.args[0], *([case.kwargs["weights"]] if "weights" in case.kwargs else [])
    ),
    accuracy="reduction",
    differentiable=True,
    errors=_errors("average"),
)


def _corrcoef_samples(dtype, rng):
    return [
        Case((sample(rng, (3, 5), dtype),), id="rows", n=40),
        Case((sample(rng, (2, 4), dtype),), id="two", n=40),
    ]


_entry(
    "corrcoef",
    lambda x: np.corrcoef(f64(x)),
    _corrcoef_samples,
    dtypes=tuple(d for d in ALL_NUMERIC if d != "bool"),
    out_dtype="float",
    accuracy="reduction",
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 2, 2), np.float32),), {}, ValueError, "corrcoef"),
        string_error(1),
    ),
)


# NumPy 2 names it trapezoid; NumPy 1.26 (the tensorflow-min env) only has trapz.
_NP_TRAPEZOID = getattr(np, "trapezoid", None) or np.trapz


def _trapezoid_ref(y, x=None, dx=1.0, axis=-1):
    return _NP_TRAPEZOID(f64(y), None if x is None else f64(x), dx=dx, axis=axis)


def _trapezoid_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((2, 4)),), id="default", n=4),
        Case((r((2, 4)),), {"dx": 0.5, "axis": 0}, id="dx", n=2),
        Case((r((2, 4)), np.array([0.0, 0.5, 1.5, 3.0], np.float32)), id="x_1d", n=4),
        Case((r((5,)),), id="vector", n=5),
    ]


_entry(
    "trapezoid",
    _trapezoid_ref,
    _trapezoid_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: dtype_rules.float_dtype(*case.args),
    accuracy="reduction",
    differentiable=True,
    errors=_errors("trapezoid"),
)
