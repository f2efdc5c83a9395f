"""Registry entries: sorting, searching and counting ops of the numpy family."""

import numpy as np

from conformance.registry import ALL_NUMERIC, INT_DTYPES, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    NUMERIC_NO_BOOL,
    arr,
    axis_error,
    f64,
    is_float,
    lean,
    sample,
    string_error,
)
from conformance.samples import np_dtype
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("accuracy", "exact")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _sort_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((2, 4)),), id="last_axis"),
        Case((r((3, 2)),), {"axis": 0}, id="axis0"),
        Case((r((2, 3)),), {"axis": None}, id="flattened"),
        Case((r((0, 3)),), id="empty"),
    ] + (
        []
        if dtype == "float64"
        else [
            Case((arr([3, 1, 2, 1, 3, 0], dtype),), id="ties"),
            # Long arrays with many ties: unstable sorts (often only past ~16 elements) differ.
            Case((arr(np.arange(100) * 7 % 5, dtype),), id="long_ties"),
            Case(
                (arr((np.arange(120) * 11 % 3).reshape(40, 3), dtype),),
                {"axis": 0},
                id="long_ties_axis0",
            ),
        ]
    )


def _sort_edges(dtype, rng):
    x = arr([np.nan, 1.0, -np.inf, np.inf, -0.0, 0.0, np.nan, -1.0], dtype)
    return [Case((x,), id="nan_last"), Case((x.reshape(2, 4),), {"axis": 0}, id="columns")]


def _sort_ref(x, axis=-1):
    x = np.asarray(x)
    wide = f64(x) if x.dtype.kind == "f" else x
    if axis is None:
        wide, axis = wide.reshape(-1), 0
    return np.sort(wide, axis=axis, kind="stable")


def _argsort_ref(x, axis=-1):
    x = np.asarray(x)
    wide = f64(x) if x.dtype.kind == "f" else x
    if axis is None:
        wide, axis = wide.reshape(-1), 0
    return np.argsort(wide, axis=axis, kind="stable")


_SORT_ERRORS = (axis_error("sort"), string_error(1))
_entry(
    "sort",
    _sort_ref,
    _sort_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    edges=_sort_edges,
    differentiable=True,
    errors=(axis_error("sort"), string_error(1)),
)
_entry(
    "argsort",
    _argsort_ref,
    _sort_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="int32",
    edges=_sort_edges,
    errors=(axis_error("argsort"), string_error(1)),
)

_KTH = 2


def _partition_post(indices):
    """Sorts the indices on each side of position ``kth`` (whose order is unspecified)."""
    a = np.asarray(indices)
    left = np.sort(a[..., :_KTH], axis=-1)
    right = np.sort(a[..., _KTH + 1 :], axis=-1)
    return np.concatenate([left, a[..., _KTH : _KTH + 1], right], axis=-1)


def _distinct(rng, shape, dtype):
    n = int(np.prod(shape))
    values = rng.permutation(n)
    if is_float(dtype):
        values = values * 0.5 - 1.0
    elif not dtype.startswith("u"):
        values = values - 2
    return np.asarray(values.reshape(shape)).astype(np_dtype(dtype))


def _argpartition_samples(dtype, rng):
    return [
        Case((_distinct(rng, (5,), dtype), _KTH), id="vector"),
        Case((_distinct(rng, (2, 5), dtype), _KTH), id="rows"),
        Case((_distinct(rng, (3, 4), dtype), _KTH), {"axis": -1}, id="axis-1"),
    ]


_entry(
    "argpartition",
    lambda x, kth, axis=-1: np.argpartition(x, kth, axis=axis),
    _argpartition_samples,
    dtypes=NUMERIC_NO_BOOL,
    out_dtype="int32",
    postprocess=_partition_post,
    errors=(
        ErrorCase((np.zeros((3,), np.float32), 5), {}, ValueError, "argpartition", "kth"),
        axis_error("argpartition", args=(1,)),
    ),
)


def _searchsorted_samples(dtype, rng):
    seq = np.sort(sample(rng, (6,), dtype).astype(np.float64)).astype(np_dtype(dtype))
    vals = sample(rng, (2, 3), dtype)
    ties = np.concatenate([seq[:2], seq[-1:]])
    return [
        Case((seq, vals), id="left"),
        Case((seq, vals), {"side": "right"}, id="right"),
        Case((seq, ties), id="ties_left"),
        Case((seq, ties), {"side": "right"}, id="ties_right"),
        Case((seq, sample(rng, (), dtype)), id="0d_value"),
    ]


def _searchsorted_ref(sorted_sequence, values, side="left"):
    return np.searchsorted(np.asarray(sorted_sequence), np.asarray(values), side=side)


_entry(
    "searchsorted",
    _searchsorted_ref,
    _searchsorted_samples,
    dtypes=NUMERIC_NO_BOOL,
    out_dtype="int32",
    errors=(
        ErrorCase(
            (np.zeros((3,), np.float32), np.zeros((2,), np.float32)),
            {"side": "middle"},
            ValueError,
            "searchsorted",
        ),
        ErrorCase(
            (np.zeros((2, 2), np.float32), np.zeros((2,), np.float32)),
            exc=ValueError,
            match="searchsorted",
        ),
    ),
)


def _digitize_samples(dtype, rng):
    bins = arr([-2, 0, 1, 2], dtype) if not dtype.startswith("u") else arr([0, 1, 2, 5], dtype)
    return [
        Case((sample(rng, (2, 4), dtype), bins), id="values"),
        Case((bins, bins), id="on_edges"),
        Case((sample(rng, (), dtype), bins), id="0d"),
    ]


_entry(
    "digitize",
    lambda x, bins: np.digitize(np.asarray(x), np.asarray(bins)),
    _digitize_samples,
    dtypes=NUMERIC_NO_BOOL,
    out_dtype="int32",
    errors=(
        ErrorCase(
            (np.zeros((3,), np.float32), np.zeros((2, 2), np.float32)),
            exc=ValueError,
            match="digitize",
        ),
    ),
)


# ----------------------------------------------------------------------------- counting


def _bincount_ref(x, weights=None, minlength=0, sparse=False):
    x = np.asarray(x)
    length = max(minlength, int(x.max()) + 1 if x.size else 0)
    if x.ndim == 1:
        return np.bincount(x, weights=weights, minlength=length)
    rows = [np.bincount(r, weights=None if weights is None else w, minlength=length)
            for r, w in zip(x, weights if weights is not None else [None] * len(x))]  # fmt: skip
    return np.stack(rows)


def _bincount_dtype(case, dtype):
    w = case.kwargs.get("weights")
    if w is None:
        return "int32"
    d = dtype_rules.dtype_of(w)
    return "int32" if d == "bool" else d


def _bincount_samples(dtype, rng):
    x = rng.integers(0, 5, size=(6,)).astype(dtype)
    return [
        Case((x,), id="counts"),
        Case((x,), {"minlength": 8}, id="minlength"),
        Case((x,), {"weights": rng.uniform(0, 2, (6,)).astype(np.float32)}, id="weights"),
        Case((rng.integers(0, 4, size=(2, 5)).astype(dtype),), id="batched"),
        Case((np.zeros((0,), dtype),), {"minlength": 3}, id="empty"),
    ]


_entry(
    "bincount",
    _bincount_ref,
    _bincount_samples,
    dtypes=INT_DTYPES,
    out_dtype=_bincount_dtype,
    accuracy="elementwise",
    dynamic_shape=True,
    jit=False,
    errors=(
        ErrorCase((np.zeros((3,), np.int32),), {"minlength": -1}, ValueError, "bincount"),
        ErrorCase((np.zeros((2, 2, 2), np.int32),), {}, ValueError, "bincount"),
    ),
)


def _histogram_ref(x, bins=10, range=None):
    counts, edges = np.histogram(f64(x), bins=bins, range=range)
    return counts, edges


def _histogram_samples(dtype, rng):
    cases = [
        Case((sample(rng, (8,), dtype, 0, 4),), {"bins": 4, "range": (0.0, 4.0)}, id="range"),
        Case((sample(rng, (2, 4), dtype, 0, 4),), {"bins": 2, "range": (0.0, 4.0)}, id="2d"),
    ]
    if dtype in ("float32", "float64") or dtype.startswith(("int", "uint")):
        cases.append(Case((sample(rng, (8,), dtype),), {"bins": 3}, id="data_range"))
    return cases


_entry(
    "histogram",
    _histogram_ref,
    _histogram_samples,
    dtypes=NUMERIC_NO_BOOL,
    out_dtype=lambda case, dtype: ("int32", dtype_rules.float_dtype(case.args[0])),
    accuracy="elementwise",
    errors=(
        ErrorCase((np.zeros((3,), np.float32),), {"bins": 0}, ValueError, "histogram"),
        ErrorCase((np.zeros((3,), np.float32),), {"range": (2.0, 1.0)}, ValueError, "histogram"),
    ),
)


def _unique_ref(x, sorted=True, return_index=False, return_inverse=False, return_counts=False,
                axis=None, size=None, fill_value=None):  # fmt: skip
    x = np.asarray(x)
    wide = f64(x) if x.dtype.kind == "f" else x
    out = np.unique(wide, return_index=return_index, return_inverse=return_inverse,
                    return_counts=return_counts, axis=axis)  # fmt: skip
    out = list(out) if isinstance(out, tuple) else [out]
    if return_inverse and axis is None:
        # The inverse has the input's shape (NumPy 2's rule, which the ops follow);
        # NumPy 1.26 returns it flattened.
        i = 1 + bool(return_index)
        out[i] = out[i].reshape(x.shape)
    if size is not None:
        values = out[0]
        fill = values.min() if fill_value is None else fill_value
        pad = np.full((max(size - values.shape[0], 0),) + values.shape[1:], fill, values.dtype)
        out[0] = np.concatenate([values[:size], pad])
    return out[0] if len(out) == 1 else tuple(out)


def _unique_dtype(case, dtype):
    kw = case.kwargs
    n = 1 + sum(bool(kw.get(k)) for k in ("return_index", "return_inverse", "return_counts"))
    d = dtype_rules.dtype_of(case.args[0])
    return d if n == 1 else (d,) + ("int32",) * (n - 1)


def _unique_samples(dtype, rng):
    x = sample(rng, (2, 4), dtype, -2, 2)
    rows = np.concatenate([x[:1], x[:1], x[1:]]).copy()
    return [
        Case((x,), id="flattened"),
        Case((x,), {"return_index": True, "return_counts": True}, id="index_counts"),
        Case((x,), {"return_inverse": True}, id="inverse"),
        Case((rows,), {"axis": 0}, id="rows"),
        Case((x,), {"size": 10, "fill_value": 0 if dtype != "bool" else False}, id="size_pad"),
        Case((np.zeros((0,), np_dtype(dtype)),), id="empty"),
    ]


_entry(
    "unique",
    _unique_ref,
    _unique_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_unique_dtype,
    dynamic_shape=True,
    jit=False,
    errors=(axis_error("unique"),),
)


def _nonzero_samples(dtype, rng):
    x = sample(rng, (2, 3), dtype)
    if x.dtype != bool:
        x.reshape(-1)[::2] = 0
    return [
        Case((x,), id="2d"),
        Case((x[0],), id="1d"),
        Case((np.zeros((0, 2), np_dtype(dtype)),), id="empty"),
    ]


_entry(
    "nonzero",
    np.nonzero,
    _nonzero_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: ("int32",) * np.ndim(case.args[0]),
    dynamic_shape=True,
    jit=False,
    errors=(ErrorCase((np.asarray(1.0, np.float32),), {}, ValueError, "nonzero", "0d"),),
)
