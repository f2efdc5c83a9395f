"""Registry entries: creation ops (ranges, constants, matrices, diagonals, windows)."""

import numpy as np

from conformance.registry import ALL_NUMERIC, FLOAT_DTYPES, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    NUMERIC_NO_BOOL,
    f64,
    is_float,
    lean,
    sample,
    string_error,
)
from keras_core.backend.common import dtype_rules


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("accuracy", "exact")
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _given_or(default):
    """out_dtype: the ``dtype`` argument if given, else ``default(case)``."""

    def rule(case, dtype):
        given = case.kwargs.get("dtype")
        return dtype_rules.standardize_dtype(given) if given is not None else default(case)

    return rule


def _floatx(case):
    return "float32"


# ----------------------------------------------------------------------------- ranges


def _arange_ref(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    return np.arange(start, stop, 1 if step is None else step, dtype=np.float64)


def _arange_samples(dtype, rng):
    cases = [
        Case((5,), {"dtype": dtype}, id="stop_only"),
        Case((1, 7, 2), {"dtype": dtype}, id="start_stop_step"),
        Case((6, 0, -2), {"dtype": dtype}, id="negative_step"),
        Case((3, 3), {"dtype": dtype}, id="empty"),
    ]
    if is_float(dtype):
        cases.append(Case((0.0, 2.0, 0.25), {"dtype": dtype}, id="float_step", n=8))
    if dtype == "int32":
        cases += [Case((5,), id="default_int"), Case((1, 10, 3), id="default_int_step")]
    if dtype == "float32":
        cases += [Case((0.5, 3.0, 0.5), id="default_float", n=6), Case((0, 2, 0.5), id="mixed")]
    return cases


_entry(
    "arange",
    _arange_ref,
    _arange_samples,
    symbolic=False,  # no tensor inputs
    dtypes=NUMERIC_NO_BOOL,
    out_dtype=_given_or(lambda case: dtype_rules.creation_dtype(None, *case.args)),
    accuracy="reduction",
    errors=(ErrorCase((0, 5, 0), {}, ValueError, "arange", "zero_step"),),
)


def _space_ref(fn):
    def ref(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, **kw):
        out = fn(f64(start), f64(stop), num, endpoint=endpoint, axis=axis, **kw)
        if retstep:
            step = (f64(stop) - f64(start)) / max(num - 1 if endpoint else num, 1)
            return out, step
        return out

    return ref


def _space_dtype(case, dtype):
    given = case.kwargs.get("dtype")
    d = given if given is not None else dtype_rules.float_dtype(*case.args[:2])
    return (d, d) if case.kwargs.get("retstep") else d


def _linspace_samples(dtype, rng):
    kw = {"dtype": dtype}
    if dtype == "float32":  # the symbolic/compiled checks use float32: tensor bounds only
        start = sample(rng, (2,), dtype, 0, 1)
        return [
            Case((start, sample(rng, (2,), dtype, 2, 4), 5), {"axis": 1}, id="tensor_bounds", n=5),
            Case((start, 3.0, 4), {"retstep": True}, id="tensor_retstep", n=4),
        ]
    cases = [
        Case((0, 2, 9), kw, id="quarter_steps", n=9),
        Case((0, 8, 4), dict(kw, endpoint=False), id="no_endpoint", n=4),
        Case((1, 5, 1), kw, id="one"),
        Case((0, 1, 0), kw, id="zero"),
    ]
    if is_float(dtype):
        start = sample(rng, (2,), dtype, 0, 1)
        stop = sample(rng, (2,), dtype, 2, 4)
        cases += [
            Case((start, stop, 5), {"axis": 1}, id="tensor_bounds", n=5),
            Case((0.0, 2.0, 5), dict(kw, retstep=True), id="retstep", n=5),
        ]
    if dtype == "float64":
        cases.append(Case((-1.0, 2.0, 7), id="default_dtype", n=7))
    return cases


_entry(
    "linspace",
    _space_ref(np.linspace),
    _linspace_samples,
    dtypes=NUMERIC_NO_BOOL,
    out_dtype=_space_dtype,
    accuracy="reduction",
    errors=(ErrorCase((0.0, 1.0, -1), {}, ValueError, "linspace", "negative_num"),),
    symbolic_dtypes=False,  # its int32 cases take Python numbers only (nothing symbolic)
)


def _logspace_samples(dtype, rng):
    kw = {"dtype": dtype}
    if dtype == "float32":
        return [Case((sample(rng, (2,), dtype, 0, 1), 1.0, 3), {"axis": -1}, id="tensor_start")]
    return [
        Case((0.0, 2.0, 3), kw, id="decades"),
        Case((0.0, 3.0, 4), dict(kw, base=2.0), id="base2"),
        Case((1.0, 2.0, 3), dict(kw, endpoint=False), id="no_endpoint"),
        Case((sample(rng, (2,), dtype, 0, 1), 1.0, 3), {"axis": -1}, id="tensor_start"),
    ]


_entry(
    "logspace",
    _space_ref(np.logspace),
    _logspace_samples,
    dtypes=FLOAT_DTYPES,
    out_dtype=_space_dtype,
    accuracy="transcendental",
)


def _geomspace_samples(dtype, rng):
    kw = {"dtype": dtype}
    if dtype == "float32":
        return [Case((sample(rng, (2,), dtype, 1, 2), 8.0, 4), {"axis": 1}, id="tensor_start")]
    return [
        Case((1.0, 1000.0, 4), kw, id="decades"),
        Case((-1.0, -16.0, 5), kw, id="negative"),
        Case((2.0, 32.0, 4), dict(kw, endpoint=False), id="no_endpoint"),
    ]


_entry(
    "geomspace",
    _space_ref(np.geomspace),
    _geomspace_samples,
    dtypes=FLOAT_DTYPES,
    out_dtype=_space_dtype,
    accuracy="transcendental",
    errors=(ErrorCase((0.0, 1.0, 3), {}, ValueError, "geomspace", "zero_start"),),
)


# ----------------------------------------------------------------------------- constants


def _filled(fn):
    def ref(shape, dtype=None):
        return fn(shape)

    return ref


def _shape_samples(dtype, rng):
    cases = [
        Case(((2, 3),), {"dtype": dtype}, id="2d"),
        Case((4,), {"dtype": dtype}, id="int_shape"),
        Case(((),), {"dtype": dtype}, id="0d"),
        Case(((0, 2),), {"dtype": dtype}, id="empty"),
    ]
    if dtype == "float32":
        cases.append(Case(((2,),), id="default_dtype"))
    return cases


_SHAPE_ERRORS = lambda name: (  # noqa: E731
    ErrorCase(((2, -1),), {}, ValueError, name, "negative"),
    ErrorCase(((2.5,),), {}, TypeError, name, "float_size"),
)
_entry(
    "zeros",
    _filled(np.zeros),
    _shape_samples,
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
    errors=_SHAPE_ERRORS("zeros"),
)
_entry(
    "ones",
    _filled(np.ones),
    _shape_samples,
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
    errors=_SHAPE_ERRORS("ones"),
)
_entry(
    "empty",
    _filled(np.zeros),
    _shape_samples,
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
    postprocess=lambda x: np.zeros(np.shape(x)),
    errors=_SHAPE_ERRORS("empty"),
)


def _fill_value(dtype):
    return True if dtype == "bool" else (3 if not is_float(dtype) else 1.5)


def _full_samples(dtype, rng):
    if dtype == "float32":
        return [
            Case(((2, 3), sample(rng, (3,), dtype)), {"dtype": dtype}, id="broadcast_row"),
            Case(((2, 2), sample(rng, (2,), "int8")), id="tensor_dtype"),
        ]
    cases = [
        Case(((2, 3), _fill_value(dtype)), {"dtype": dtype}, id="scalar"),
        Case(((2, 3), sample(rng, (3,), dtype)), {"dtype": dtype}, id="broadcast_row"),
        Case(((), _fill_value(dtype)), {"dtype": dtype}, id="0d"),
    ]
    if dtype == "float64":
        cases += [
            Case(((2,), 7), id="default_int"),
            Case(((2,), 1.5), id="default_float"),
            Case(((2,), True), id="default_bool"),
            Case(((2, 2), sample(rng, (2,), "int8")), id="tensor_dtype"),
        ]
    return cases


_entry(
    "full",
    lambda shape, fill_value, dtype=None: np.broadcast_to(np.asarray(fill_value), shape),
    _full_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(lambda case: dtype_rules.creation_dtype(None, case.args[1])),
    errors=(ErrorCase(((2, 3), np.zeros((4,), np.float32)), {}, ValueError, "full"),),
    symbolic_dtypes=False,  # int32/bool fill values are Python scalars (nothing symbolic)
)


def _like_samples(dtype, rng):
    return [
        Case((sample(rng, (2, 3), dtype),), id="same_dtype"),
        Case((sample(rng, (), dtype),), id="0d"),
        Case((sample(rng, (2, 3), dtype),), {"dtype": "float32"}, id="given_dtype"),
        Case((sample(rng, (0, 2), dtype),), id="empty"),
    ]


def _like_rule(case, dtype):
    given = case.kwargs.get("dtype")
    return given if given is not None else dtype_rules.dtype_of(case.args[0])


for _name, _fn in (("zeros_like", np.zeros_like), ("ones_like", np.ones_like)):
    _entry(
        _name,
        lambda x, dtype=None, _fn=_fn: _fn(x),
        _like_samples,
        dtypes=ALL_NUMERIC,
        out_dtype=_like_rule,
        errors=(string_error(1),),
    )
_entry(
    "empty_like",
    lambda x, dtype=None: np.zeros_like(x),
    _like_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_like_rule,
    postprocess=lambda x: np.zeros(np.shape(x)),
)


def _full_like_samples(dtype, rng):
    x = sample(rng, (2, 3), dtype)
    return [
        Case((x, _fill_value(dtype)), id="scalar"),
        Case((x, sample(rng, (3,), dtype)), id="broadcast_row"),
        Case((x, 2), {"dtype": "float32"}, id="given_dtype"),
    ]


_entry(
    "full_like",
    lambda x, fill_value, dtype=None: np.broadcast_to(np.asarray(fill_value), np.shape(x)),
    _full_like_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_like_rule,
    errors=(
        ErrorCase((np.zeros((2, 3), np.float32), np.zeros((4,))), {}, ValueError, "full_like"),
    ),
)


# ----------------------------------------------------------------------------- matrices


def _eye_ref(N, M=None, k=0, dtype=None):
    return np.eye(N, M, k)


def _eye_samples(dtype, rng):
    cases = [
        Case((3,), {"dtype": dtype}, id="square"),
        Case((2, 4, 1), {"dtype": dtype}, id="wide_k1"),
        Case((3, 2, -1), {"dtype": dtype}, id="tall_k-1"),
        Case((0,), {"dtype": dtype}, id="empty"),
    ]
    if dtype == "float32":
        cases.append(Case((2,), id="default_dtype"))
    return cases


_entry(
    "eye",
    _eye_ref,
    _eye_samples,
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
    errors=(ErrorCase((-1,), {}, ValueError, "eye"),),
)
_entry(
    "identity",
    lambda n, dtype=None: np.identity(n),
    lambda dtype, rng: (
        [Case((3,), {"dtype": dtype}, id="3"), Case((0,), {"dtype": dtype}, id="0")]
        + ([Case((2,), id="default_dtype")] if dtype == "float32" else [])
    ),
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
)
_entry(
    "tri",
    lambda N, M=None, k=0, dtype=None: np.tri(N, M, k),
    _eye_samples,
    symbolic=False,  # no tensor inputs
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(_floatx),
)


def _triangle_samples(dtype, rng):
    return [
        Case((sample(rng, (3, 4), dtype),), id="main"),
        Case((sample(rng, (3, 4), dtype),), {"k": 1}, id="k1"),
        Case((sample(rng, (2, 3, 3), dtype),), {"k": -1}, id="batched"),
    ]


for _name, _fn in (("tril", np.tril), ("triu", np.triu)):
    _entry(
        _name,
        _fn,
        _triangle_samples,
        dtypes=ALL_NUMERIC,
        out_dtype="same",
        differentiable=True,
        errors=(ErrorCase((np.zeros((3,), np.float32),), {}, ValueError, _name),),
    )


def _diag_samples(dtype, rng):
    return [
        Case((sample(rng, (3,), dtype),), id="build"),
        Case((sample(rng, (2,), dtype),), {"k": 1}, id="build_k1"),
        Case((sample(rng, (3, 4), dtype),), id="extract"),
        Case((sample(rng, (3, 4), dtype),), {"k": -1}, id="extract_k-1"),
        Case((sample(rng, (2, 2), dtype),), {"k": 3}, id="extract_empty"),
    ]


_entry(
    "diag",
    np.diag,
    _diag_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 2, 2), np.float32),), {}, ValueError, "diag"),),
)
_entry(
    "diagflat",
    np.diagflat,
    lambda dtype, rng: [
        Case((sample(rng, (2, 2), dtype),), id="flattened"),
        Case((sample(rng, (3,), dtype),), {"k": -1}, id="k-1"),
        Case((sample(rng, (), dtype),), id="0d"),
    ],
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    differentiable=True,
)
_entry(
    "diagonal",
    lambda x, offset=0, axis1=0, axis2=1: np.diagonal(x, offset, axis1, axis2),
    lambda dtype, rng: [
        Case((sample(rng, (3, 4), dtype),), id="main"),
        Case((sample(rng, (3, 4), dtype),), {"offset": 1}, id="offset1"),
        Case((sample(rng, (2, 3, 4), dtype),), {"axis1": 1, "axis2": 2}, id="batched"),
        Case((sample(rng, (2, 3, 4), dtype),), {"offset": -1, "axis1": -1, "axis2": 0}, id="axes"),
    ],
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    differentiable=True,
    errors=(
        ErrorCase((np.zeros((3,), np.float32),), {}, ValueError, "diagonal"),
        ErrorCase(
            (np.zeros((2, 2), np.float32),), {"axis1": 1, "axis2": 1}, ValueError, "diagonal"
        ),
    ),
)


def _vander_ref(x, N=None, increasing=False):
    x = np.asarray(x)
    x = f64(x) if x.dtype.kind == "f" else x.astype(np.int64)
    return np.vander(x, N, increasing=increasing)


_entry(
    "vander",
    _vander_ref,
    lambda dtype, rng: [
        Case((sample(rng, (3,), dtype, -2, 2),), id="square", n=3),
        Case((sample(rng, (3,), dtype, -2, 2),), {"N": 4}, id="N4", n=4),
        Case((sample(rng, (2,), dtype, -2, 2),), {"increasing": True}, id="increasing", n=2),
    ],
    dtypes=ALL_NUMERIC,
    out_dtype="unary",
    accuracy="reduction",
    differentiable=True,
    errors=(ErrorCase((np.zeros((2, 2), np.float32),), {}, ValueError, "vander"),),
)


def _array_samples(dtype, rng):
    x = sample(rng, (2, 3), dtype)
    cases = [Case((x,), id="copy"), Case((x,), {"dtype": "float32"}, id="cast")]
    if dtype == "int32":
        cases.append(Case(([[1, 2], [3, 4]],), id="python_ints"))
    if dtype == "float64":
        cases.append(Case(([1.5, 2.0],), id="python_floats"))
    return cases


_entry(
    "array",
    lambda x, dtype=None: np.array(x),
    _array_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_given_or(lambda case: dtype_rules.dtype_of(case.args[0])),
    symbolic_dtypes=False,  # int32 cases are Python lists (nothing symbolic)
)


# ----------------------------------------------------------------------------- windows

for _name, _fn in (
    ("bartlett", np.bartlett),
    ("blackman", np.blackman),
    ("hamming", np.hamming),
    ("hanning", np.hanning),
):
    _entry(
        _name,
        _fn,
        lambda dtype, rng: [
            Case((7,), id="odd"),
            Case((6,), id="even"),
            Case((1,), id="one"),
            Case((0,), id="zero"),
        ],  # fmt: skip
        dtypes=("float32",),
        out_dtype="float32",
        accuracy="transcendental",
        symbolic=False,
    )
_entry(
    "kaiser",
    np.kaiser,
    lambda dtype, rng: [
        Case((7, 5.0), id="beta5"),
        Case((4, 0.0), id="rectangular"),
        Case((1, 2.0), id="one"),
    ],  # fmt: skip
    dtypes=("float32",),
    out_dtype="float32",
    accuracy="transcendental",
    symbolic=False,
)
