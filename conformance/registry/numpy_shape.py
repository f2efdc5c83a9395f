"""Registry entries: shape manipulation ops of the numpy family."""

import numpy as np

from conformance.registry import ALL_NUMERIC, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import FAMILY, MIX, axis_error, lean, sample
from conformance.samples import np_dtype
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("accuracy", "exact")
    kwargs.setdefault("dtypes", ALL_NUMERIC)
    kwargs.setdefault("out_dtype", "same")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _cases(*specs):
    """``samples`` from ``(shape, kwargs, id)`` triples (one random input of the dtype)."""

    def build(dtype, rng):
        return [Case((sample(rng, shape, dtype),), dict(kw), id=i) for shape, kw, i in specs]

    return build


def _promote_list(case, dtype):
    return dtype_rules.binary_dtype(*case.args[0])


def _pair_dtype(case, dtype):
    return dtype_rules.binary_dtype(case.args[0], case.args[1])


_entry(
    "reshape",
    lambda x, new_shape: np.reshape(x, new_shape),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), (3, 2)), id="2x3_to_3x2"),
        Case((sample(rng, (2, 3), dtype), (-1,)), id="flatten"),
        Case((sample(rng, (2, 3), dtype), (1, -1, 3)), id="infer"),
        Case((sample(rng, (), dtype), (1, 1)), id="0d"),
        Case((sample(rng, (0, 3), dtype), (3, 0)), id="empty"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), (4,)), exc=ValueError, match="reshape"),
        ErrorCase((np.zeros((2, 3), np.float32), (-1, -1)), exc=ValueError, match="reshape"),
    ),
)
_entry(
    "ravel",
    np.ravel,
    _cases(((2, 3), {}, "2d"), ((), {}, "0d"), ((0, 2), {}, "empty")),
    differentiable=True,
)
_entry(
    "transpose",
    lambda x, axes=None: np.transpose(x, axes),
    _cases(
        ((2, 3), {}, "2d"),
        ((2, 3, 2), {"axes": (1, 0, 2)}, "axes"),
        ((), {}, "0d"),
        ((2, 1, 3), {"axes": (-1, 0, 1)}, "negative_axes"),
    ),  # fmt: skip
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32),), {"axes": (0, 0)}, ValueError, "transpose"),
        ErrorCase((np.zeros((2, 3), np.float32),), {"axes": (0, 2)}, ValueError, "transpose"),
    ),
)
_entry(
    "expand_dims",
    lambda x, axis: np.expand_dims(x, axis),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), 0), id="front"),
        Case((sample(rng, (2, 3), dtype), -1), id="back"),
        Case((sample(rng, (2, 3), dtype), (0, 2)), id="tuple"),
        Case((sample(rng, (), dtype), 0), id="0d"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), 3), {}, ValueError, r"expand_dims[\s\S]*axis"),
    ),
)
_entry(
    "squeeze",
    lambda x, axis=None: np.squeeze(x, axis),
    _cases(
        ((2, 1, 3, 1), {}, "all"),
        ((2, 1, 3, 1), {"axis": 1}, "axis"),
        ((1, 3, 1), {"axis": (0, -1)}, "tuple"),
        ((1,), {"axis": 0}, "to_0d"),
    ),  # fmt: skip
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32),), {"axis": 0}, ValueError, "squeeze"),
        axis_error("squeeze", shape=(1, 3)),
    ),
)
_entry(
    "swapaxes",
    lambda x, axis1, axis2: np.swapaxes(x, axis1, axis2),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3, 4), dtype), 0, 2), id="0_2"),
        Case((sample(rng, (2, 3), dtype), -1, 0), id="negative"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), 0, 2), {}, ValueError, r"swapaxes[\s\S]*axis"),
    ),
)
_entry(
    "moveaxis",
    lambda x, source, destination: np.moveaxis(x, source, destination),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3, 4), dtype), 0, -1), id="to_end"),
        Case((sample(rng, (2, 3, 4), dtype), (0, 1), (-1, -2)), id="tuple"),
        Case((sample(rng, (2, 3, 4), dtype), 2, 0), id="to_front"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), 0, 2), {}, ValueError, r"moveaxis"),
        ErrorCase((np.zeros((2, 3), np.float32), (0, 1), 0), {}, ValueError, r"moveaxis"),
    ),
)
_entry(
    "broadcast_to",
    lambda x, shape: np.broadcast_to(x, shape),
    lambda dtype, rng: [
        Case((sample(rng, (3,), dtype), (2, 3)), id="rows"),
        Case((sample(rng, (2, 1), dtype), (2, 4)), id="column"),
        Case((sample(rng, (), dtype), (2, 2)), id="0d"),
        Case((sample(rng, (1, 3), dtype), (0, 3)), id="empty"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), (4, 3)), exc=ValueError, match="broadcast_to"),
    ),
)


# ----------------------------------------------------------------------------- joining


def _join_samples(dtype, rng):
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    return [
        Case(([r((2, 3)), r((1, 3))],), id="axis0"),
        Case(([r((2, 1)), r((2, 3)), r((2, 2))],), {"axis": 1}, id="axis1"),
        Case(([r((2, 3)), r((3,))],), {"axis": None}, id="flatten"),
        Case(([r((2, 3)), r((2, 3), MIX[dtype])],), id="mixed_dtypes"),
        Case(([r((0, 3)), r((2, 3))],), id="empty"),
    ]


def _join_errors(name):
    return (
        ErrorCase(
            ([np.zeros((2, 3), np.float32), np.zeros((2, 4), np.float32)],),
            exc=ValueError,
            match=name,
            id="mismatch",
        ),
    )


_entry(
    "concatenate",
    lambda xs, axis=0: np.concatenate(xs, axis=axis),
    _join_samples,
    out_dtype=_promote_list,
    # list inputs: the harness differentiates array arguments only
    errors=_join_errors("concatenate")
    + (
        ErrorCase(
            ([np.zeros((2, 3), np.float32)] * 2,),
            {"axis": 2},
            ValueError,
            r"concatenate[\s\S]*axis",
        ),  # fmt: skip
    ),
)


def _stack_samples(dtype, rng):
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    return [
        Case(([r((2, 3)), r((2, 3))],), id="axis0"),
        Case(([r((2, 3)), r((2, 3)), r((2, 3))],), {"axis": -1}, id="last"),
        Case(([r(()), r(())],), id="0d"),
        Case(([r((3,)), r((3,), MIX[dtype])],), {"axis": 1}, id="mixed_dtypes"),
    ]


_entry(
    "stack",
    lambda x, axis=0: np.stack(x, axis=axis),
    _stack_samples,
    out_dtype=_promote_list,
    # list inputs: the harness differentiates array arguments only
    errors=(
        ErrorCase(
            ([np.zeros((2, 3), np.float32), np.zeros((3, 2), np.float32)],),
            exc=ValueError,
            match="stack",
        ),
    ),
)


def _stack_like_samples(dtype, rng):
    r = lambda shape, d=dtype: sample(rng, shape, d)  # noqa: E731
    return [
        Case(([r((3,)), r((3,))],), id="1d"),
        Case(([r((2, 3)), r((2, 3))],), id="2d"),
        Case(([r(()), r(())],), id="0d"),
        Case(([r((2, 3)), r((2, 3), MIX[dtype])],), id="mixed_dtypes"),
    ]


for _name, _fn in (("hstack", np.hstack), ("vstack", np.vstack), ("dstack", np.dstack)):
    _entry(
        _name,
        _fn,
        _stack_like_samples,
        out_dtype=_promote_list,
        errors=(
            ErrorCase(
                ([np.zeros((2, 3), np.float32), np.zeros((4, 5), np.float32)],),
                exc=ValueError,
                match=_name,
            ),
        ),
    )
_entry(
    "append",
    lambda x1, x2, axis=None: np.append(x1, x2, axis=axis),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), sample(rng, (2,), dtype)), id="flatten"),
        Case((sample(rng, (2, 3), dtype), sample(rng, (1, 3), dtype)), {"axis": 0}, id="axis0"),
        Case((sample(rng, (2,), dtype), sample(rng, (2,), MIX[dtype])), id="mixed_dtypes"),
    ],
    out_dtype=_pair_dtype,
    differentiable=True,
    errors=(axis_error("append", args=(np.zeros((2, 3), np.float32),)),),
)


# ----------------------------------------------------------------------------- splitting


def _split_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((r((4, 3)), 2), id="sections"),
        Case((r((2, 6)), 3), {"axis": 1}, id="axis1"),
        Case((r((5,)), [1, 3]), id="indices"),
        Case((r((4,)), [2, 2, 6]), id="empty_pieces"),
    ]


_entry(
    "split",
    lambda x, ios, axis=0: np.split(x, ios, axis=axis),
    _split_samples,
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((5,), np.float32), 2), {}, ValueError, "split", "uneven"),
        axis_error("split", args=(2,)),
    ),
)
_entry(
    "array_split",
    lambda x, ios, axis=0: np.array_split(x, ios, axis=axis),
    lambda dtype, rng: (
        _split_samples(dtype, rng) + [Case((sample(rng, (5, 2), dtype), 3), id="uneven")]
    ),
    differentiable=True,
    errors=(axis_error("array_split", args=(2,)),),
)
_entry(
    "hsplit",
    np.hsplit,
    lambda dtype, rng: [
        Case((sample(rng, (2, 4), dtype), 2), id="2d"),
        Case((sample(rng, (6,), dtype), 3), id="1d"),
        Case((sample(rng, (2, 4), dtype), [1, 3]), id="indices"),
    ],
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 3), np.float32), 2), {}, ValueError, "hsplit"),),
)
_entry(
    "vsplit",
    np.vsplit,
    lambda dtype, rng: [
        Case((sample(rng, (4, 2), dtype), 2), id="2d"),
        Case((sample(rng, (3, 2), dtype), [1]), id="indices"),
    ],
    differentiable=True,
    errors=(ErrorCase((np.zeros((4,), np.float32), 2), {}, ValueError, "vsplit"),),
)
_entry(
    "dsplit",
    np.dsplit,
    lambda dtype, rng: [
        Case((sample(rng, (1, 2, 4), dtype), 2), id="3d"),
        Case((sample(rng, (2, 1, 3), dtype), [1]), id="indices"),
    ],
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 4), np.float32), 2), {}, ValueError, "dsplit"),),
)


# ----------------------------------------------------------------------------- repeating


_entry(
    "tile",
    lambda x, repeats: np.tile(x, repeats),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), 2), id="int"),
        Case((sample(rng, (2, 3), dtype), (2, 1)), id="per_axis"),
        Case((sample(rng, (3,), dtype), (2, 2)), id="more_reps"),
        Case((sample(rng, (2, 1, 2), dtype), (3,)), id="fewer_reps"),
        Case((sample(rng, (2,), dtype), 0), id="zero"),
    ],
    differentiable=True,
    errors=(ErrorCase((np.zeros((2,), np.float32), -1), {}, ValueError, "tile"),),
)
_entry(
    "repeat",
    lambda x, repeats, axis=None: np.repeat(x, repeats, axis=axis),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), 2), id="flattened"),
        Case((sample(rng, (2, 3), dtype), 2), {"axis": 1}, id="axis1"),
        Case((sample(rng, (2, 3), dtype), [1, 0, 2]), {"axis": 1}, id="per_element"),
        Case((sample(rng, (), dtype), 3), id="0d"),
    ],
    differentiable=True,
    errors=(axis_error("repeat", args=(2,)),),
)


# ----------------------------------------------------------------------------- reordering

_entry(
    "flip",
    lambda x, axis=None: np.flip(x, axis),
    _cases(
        ((2, 3), {}, "all"),
        ((2, 3), {"axis": 1}, "axis1"),
        ((2, 2, 2), {"axis": (0, 2)}, "tuple"),
        ((), {}, "0d"),
    ),  # fmt: skip
    differentiable=True,
    errors=(axis_error("flip"),),
)
_entry(
    "fliplr",
    np.fliplr,
    _cases(((2, 3), {}, "2d"), ((2, 3, 2), {}, "3d")),
    differentiable=True,
    errors=(ErrorCase((np.zeros((3,), np.float32),), {}, ValueError, "fliplr"),),
)
_entry(
    "flipud",
    np.flipud,
    _cases(((2, 3), {}, "2d"), ((3,), {}, "1d")),
    differentiable=True,
    errors=(ErrorCase((np.zeros((), np.float32),), {}, ValueError, "flipud"),),
)
_entry(
    "roll",
    lambda x, shift, axis=None: np.roll(x, shift, axis),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype), 1), id="flattened"),
        Case((sample(rng, (2, 3), dtype), -1), {"axis": 1}, id="axis1"),
        Case((sample(rng, (2, 3), dtype), (1, 2)), {"axis": (0, 1)}, id="tuple"),
        Case((sample(rng, (3,), dtype), 7), id="wraps"),
    ],
    differentiable=True,
    errors=(axis_error("roll", args=(1,)),),
)
_entry(
    "rot90",
    lambda array, k=1, axes=(0, 1): np.rot90(array, k, axes),
    lambda dtype, rng: [
        Case((sample(rng, (2, 3), dtype),), id="once"),
        Case((sample(rng, (2, 3), dtype),), {"k": 2}, id="twice"),
        Case((sample(rng, (2, 3), dtype),), {"k": -1}, id="clockwise"),
        Case((sample(rng, (2, 3, 2), dtype),), {"k": 3, "axes": (1, 2)}, id="axes"),
    ],
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((3,), np.float32),), {}, ValueError, "rot90"),
        ErrorCase((np.zeros((2, 2), np.float32),), {"axes": (0, 0)}, ValueError, "rot90"),
    ),
)


# ----------------------------------------------------------------------------- padding


def _pad_ref(x, pad_width, mode="constant", constant_values=None):
    if mode == "constant":
        value = 0 if constant_values is None else constant_values
        return np.pad(x, pad_width, mode="constant", constant_values=value)
    return np.pad(x, pad_width, mode={"circular": "wrap"}.get(mode, mode))


def _pad_samples(dtype, rng):
    r = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    fill = True if dtype == "bool" else 7
    return [
        Case((r((2, 3)), 1), id="int"),
        Case((r((2, 3)), (1, 2)), id="pair"),
        Case((r((2, 3)), ((0, 1), (2, 0))), {"constant_values": fill}, id="constant_values"),
        Case((r((2, 3)), ((1, 1), (2, 1))), {"mode": "edge"}, id="edge"),
        Case((r((3, 4)), ((1, 2), (2, 1))), {"mode": "reflect"}, id="reflect"),
        Case((r((3, 4)), ((1, 2), (2, 1))), {"mode": "symmetric"}, id="symmetric"),
        Case((r((3, 4)), ((1, 2), (2, 1))), {"mode": "wrap"}, id="wrap"),
        Case((r((0, 2)), 1), id="empty"),
    ]


_entry(
    "pad",
    _pad_ref,
    _pad_samples,
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((2, 2), np.float32), 1), {"mode": "bogus"}, ValueError, "pad"),
        ErrorCase(
            (np.zeros((2, 2), np.float32), 1),
            {"mode": "edge", "constant_values": 1},
            ValueError,
            "pad",
        ),  # fmt: skip
        ErrorCase((np.zeros((2, 2), np.float32), (1, 2, 3)), {}, ValueError, "pad"),
    ),
)


# ----------------------------------------------------------------------------- queries, views

for _name, _fn in (("ndim", np.ndim), ("size", np.size)):
    _entry(
        _name,
        _fn,
        _cases(((2, 3), {}, "2d"), ((), {}, "0d"), ((0, 4), {}, "empty")),
        out_dtype=None,
        symbolic=False,
        jit=False,
    )

# input dtype -> (same-size view dtype, view dtype of another size or None)
_VIEWS = {
    "bool": ("uint8", None),
    "int8": ("uint8", "int16"),
    "uint8": ("int8", "int32"),
    "int16": ("float16", "int8"),
    "uint16": ("int16", "uint8"),
    "int32": ("float32", "int16"),
    "uint32": ("int32", "uint16"),
    "int64": ("float64", "int32"),
    "float16": ("int16", "uint8"),
    "bfloat16": ("int16", None),
    "float32": ("int32", "int16"),
    "float64": ("int64", "float32"),
}


def _view_samples(dtype, rng):
    same, other = _VIEWS[dtype]
    cases = [Case((sample(rng, (2, 4), dtype), same), id="same_size")]
    if other is not None:
        cases.append(Case((sample(rng, (2, 4), dtype), other), id="resize_last_axis"))
    return cases


_entry(
    "view",
    lambda x, dtype=None: np.asarray(x).view(np_dtype(dtype)),
    _view_samples,
    out_dtype=lambda case, dtype: case.args[1],
    ref_native=True,
    errors=(ErrorCase((np.zeros((3,), np.int8), "int16"), {}, ValueError, "view"),),
)
_entry(
    "copy",
    np.copy,
    _cases(((2, 3), {}, "2d"), ((), {}, "0d"), ((0, 1), {}, "empty")),
    differentiable=True,
)


def _meshgrid_samples(dtype, rng):
    # float64 samples feed the gradient check, which sums outputs of one dtype.
    partner = dtype if dtype == "float64" else MIX[dtype]
    return [
        Case((sample(rng, (3,), dtype), sample(rng, (2,), dtype)), id="xy"),
        Case((sample(rng, (3,), dtype), sample(rng, (2,), dtype)), {"indexing": "ij"}, id="ij"),
        Case(
            (sample(rng, (2,), dtype), sample(rng, (3,), partner), sample(rng, (2,), dtype)),
            id="three_mixed",
        ),  # fmt: skip
    ]


_entry(
    "meshgrid",
    lambda *x, indexing="xy": np.meshgrid(*x, indexing=indexing),
    _meshgrid_samples,
    out_dtype=lambda case, dtype: tuple(dtype_rules.dtype_of(a) for a in case.args),
    differentiable=True,
    grad_argnums=(0, 1),
    errors=(
        ErrorCase((np.zeros((2, 2), np.float32),), {}, ValueError, "meshgrid"),
        ErrorCase((np.zeros((2,), np.float32),), {"indexing": "xx"}, ValueError, "meshgrid"),
    ),
)
