"""Registry entries: indexing ops (get_item, take, take_along_axis, unravel_index), trace, diff."""

import numpy as np

from conformance.registry import ALL_NUMERIC, INT_DTYPES, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import FAMILY, axis_error, lean, sample, string_error


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("accuracy", "exact")
    kwargs.setdefault("dtypes", ALL_NUMERIC)
    kwargs.setdefault("out_dtype", "same")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _get_item_ref(x, key):
    return np.asarray(x)[key]


def _get_item_samples(dtype, rng):
    x = sample(rng, (3, 4), dtype)
    x3 = sample(rng, (2, 3, 2), dtype)
    cases = [
        Case((x, 1), id="int"),
        Case((x, -1), id="negative_int"),
        Case((x, (1, 2)), id="element"),
        Case((x, slice(None, None, 2)), id="strided_slice"),
        Case((x, (slice(1, None), slice(None, None, -1))), id="reverse"),
        Case((x3, (Ellipsis, 0)), id="ellipsis"),
        Case((x, (None, slice(None), None)), id="new_axes"),
        Case((x, np.array([2, 0, 2], np.int32)), id="int_array"),
        Case(
            (x3, (np.array([1, 0], np.int32), slice(None), np.array([0, 1], np.int32))),
            id="advanced_split",
        ),  # fmt: skip
        Case((x, (slice(0, 0),)), id="empty_slice"),
    ]
    if dtype != "float32":
        # Boolean masks select a data-dependent number of elements: checked eagerly only.
        mask = np.array([True, False, True])
        cases += [
            Case((x, mask), id="row_mask"),
            Case((x, np.asarray(x).astype(np.float64) > 0), id="element_mask"),
            Case((x3, (slice(None), mask)), id="mask_after_slice"),
        ]
    return cases


_entry(
    "get_item",
    _get_item_ref,
    _get_item_samples,
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 3), np.float32), (0, 5)), exc=IndexError, id="out_of_range"),),
    symbolic_dtypes=False,  # the int32/bool cases index with boolean masks (data-dependent shapes)
)


def _take_samples(dtype, rng):
    x = sample(rng, (3, 4), dtype)
    return [
        Case((x, np.array([0, 5, 11], np.int32)), id="flattened"),
        Case((x, np.array([2, -1], np.int32)), {"axis": 0}, id="rows_negative"),
        Case((x, np.array([[1, 0], [3, 3]], np.int32)), {"axis": 1}, id="2d_indices"),
        Case((x, np.asarray(2, np.int32)), {"axis": 1}, id="0d_index"),
        Case((x, np.zeros((0,), np.int32)), {"axis": 0}, id="no_indices"),
    ]


_entry(
    "take",
    lambda x, indices, axis=None: np.take(x, indices, axis=axis),
    _take_samples,
    differentiable=True,
    errors=(axis_error("take", args=(np.array([0], np.int32),)),),
)


def _take_along_samples(dtype, rng):
    x = sample(rng, (2, 3), dtype)
    order = np.argsort(np.asarray(x).astype(np.float64), axis=1, kind="stable").astype(np.int32)
    return [
        Case((x, order), {"axis": 1}, id="sorted_rows"),
        Case((x, np.array([[1], [0]], np.int32)), {"axis": 1}, id="gather_one"),
        Case((x, np.array([[0, 1, 0]], np.int32)), {"axis": 0}, id="broadcast_rows"),
        Case((x, np.array([5, 0, -1], np.int32)), id="flattened"),
    ]


_entry(
    "take_along_axis",
    lambda x, indices, axis=None: np.take_along_axis(
        np.asarray(x).reshape(-1) if axis is None else x, indices, axis=0 if axis is None else axis
    ),
    _take_along_samples,
    differentiable=True,
    errors=(
        ErrorCase(
            (np.zeros((2, 3), np.float32), np.zeros((2,), np.int32)),
            {"axis": 1},
            ValueError,
            "take_along_axis",
        ),  # fmt: skip
    ),
)


def _unravel_samples(dtype, rng):
    return [
        Case((np.array([0, 5, 7], dtype), (2, 4)), id="2d"),
        Case((np.array([[3, 10], [23, 0]], dtype), (2, 3, 4)), id="3d_of_2d"),
        Case((np.asarray(4, dtype), (5,)), id="0d"),
    ]


_entry(
    "unravel_index",
    lambda indices, shape: np.unravel_index(indices, shape),
    _unravel_samples,
    dtypes=INT_DTYPES,
    out_dtype=lambda case, dtype: ("int32",) * len(case.args[1]),
)


def _trace_ref(x, offset=0, axis1=0, axis2=1):
    x = np.asarray(x)
    x = x.astype(np.float64) if x.dtype.kind == "f" else x.astype(np.int64)
    return np.trace(x, offset, axis1, axis2)


_entry(
    "trace",
    _trace_ref,
    lambda dtype, rng: [
        Case((sample(rng, (3, 3), dtype),), id="square", n=3),
        Case((sample(rng, (3, 4), dtype),), {"offset": 1}, id="offset", n=3),
        Case((sample(rng, (2, 3, 3), dtype),), {"axis1": 1, "axis2": 2}, id="batched", n=3),
        Case((sample(rng, (2, 3), dtype),), {"offset": -5}, id="empty_diagonal"),
    ],
    out_dtype="sum",
    accuracy="reduction",
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((3,), np.float32),), {}, ValueError, "trace"),
        ErrorCase(
            (np.zeros((2, 2), np.float32),),
            {"axis1": 0, "axis2": 2},
            ValueError,
            r"trace[\s\S]*axis",
        ),  # fmt: skip
    ),
)


def _diff_ref(a, n=1, axis=-1):
    return np.diff(a, n=n, axis=axis)


_entry(
    "diff",
    _diff_ref,
    lambda dtype, rng: [
        Case((sample(rng, (2, 4), dtype),), id="last_axis"),
        Case((sample(rng, (3, 2), dtype),), {"axis": 0}, id="axis0"),
        Case((sample(rng, (5,), dtype),), {"n": 2}, id="second_order"),
        Case((sample(rng, (3,), dtype),), {"n": 0}, id="n0"),
        Case((sample(rng, (2,), dtype),), {"n": 3}, id="too_many"),
    ],
    accuracy="elementwise",
    differentiable=True,
    errors=(
        axis_error("diff"),
        ErrorCase((np.zeros((3,), np.float32),), {"n": -1}, ValueError, "diff"),
        string_error(1),
    ),
)
