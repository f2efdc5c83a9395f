"""Registry entries: elementwise one-input math of the numpy family."""

import ml_dtypes
import numpy as np

from conformance.registry import ALL_NUMERIC, Case, Entry, ErrorCase, register
from conformance.registry.numpy_common import (
    FAMILY,
    WITH_COMPLEX,
    arr,
    as_int32_if_bool,
    f64,
    float_edge_values,
    is_float,
    is_int,
    lean,
    sample,
    string_error,
    unary_edges,
    unary_samples,
)
from keras_core.backend.common import dtype_rules


def _float_ref(fn):
    def ref(x):
        with np.errstate(all="ignore"):
            return fn(f64(x))

    return ref


def _real_dtype(d):
    return {"complex64": "float32", "complex128": "float64"}.get(d, d)


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("errors", (string_error(1),))
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


# name -> (numpy function, (low, high) for floats, (low, high) for ints, accuracy, huge edges)
_FLOAT_OPS = {
    "reciprocal": (np.reciprocal, (0.5, 3.0), (1, 3), "elementwise", True),
    "sqrt": (np.sqrt, (0.1, 3.0), (0, 9), "elementwise", True),
    "cbrt": (np.cbrt, (-3.0, 3.0), (-8, 8), "transcendental", True),
    "exp": (np.exp, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "exp2": (np.exp2, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "expm1": (np.expm1, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "log": (np.log, (0.1, 3.0), (1, 9), "transcendental", True),
    "log2": (np.log2, (0.1, 3.0), (1, 9), "transcendental", True),
    "log10": (np.log10, (0.1, 3.0), (1, 9), "transcendental", True),
    "log1p": (np.log1p, (-0.9, 3.0), (0, 9), "transcendental", True),
    "sin": (np.sin, (-3.0, 3.0), (-3, 3), "transcendental", False),
    "cos": (np.cos, (-3.0, 3.0), (-3, 3), "transcendental", False),
    "tan": (np.tan, (-1.4, 1.4), (-1, 1), "transcendental", False),
    "arcsin": (np.arcsin, (-0.95, 0.95), (-1, 1), "transcendental", True),
    "arccos": (np.arccos, (-0.95, 0.95), (-1, 1), "transcendental", True),
    "arctan": (np.arctan, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "sinh": (np.sinh, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "cosh": (np.cosh, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "tanh": (np.tanh, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "arcsinh": (np.arcsinh, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "arccosh": (np.arccosh, (1.1, 3.0), (1, 9), "transcendental", True),
    "arctanh": (np.arctanh, (-0.95, 0.95), (0, 0), "transcendental", True),
    "deg2rad": (np.deg2rad, (-180.0, 180.0), (-90, 90), "elementwise", True),
    "rad2deg": (np.rad2deg, (-3.0, 3.0), (-3, 3), "elementwise", True),
    "sinc": (np.sinc, (-3.0, 3.0), (-3, 3), "transcendental", False),
    "i0": (np.i0, (-3.0, 3.0), (-3, 3), "transcendental", True),
    "ceil": (np.ceil, (-3.0, 3.0), (-3, 3), "elementwise", True),
    "floor": (np.floor, (-3.0, 3.0), (-3, 3), "elementwise", True),
}
_NOT_DIFFERENTIABLE = ()  # (ceil and floor are differentiable: their gradient is zero)

# f(x) ~ x (or ~ x**(1/3)) for tiny x: a total loss of relative precision there (exp(x) - 1,
# log(1 + x), (e**x - e**-x) / 2) must fail.
_TINY_ARGS = ("sin", "tan", "arcsin", "arctan", "sinh", "tanh", "arcsinh", "expm1", "log1p", "cbrt")
# x where f(x) is finite but an intermediate exp(x) overflows: (name -> x as a function of
# the dtype's largest value).
_NEAR_OVERFLOW = {
    "exp": lambda big: [np.log(big) * 0.999, -np.log(big) * 0.999],
    "exp2": lambda big: [np.log2(big) * 0.999],
    "expm1": lambda big: [np.log(big) * 0.999],
    "cosh": lambda big: [np.log(big) + 0.5, -(np.log(big) + 0.5)],
    "sinh": lambda big: [np.log(big) + 0.5, -(np.log(big) + 0.5)],
}


def _extreme_edges(name, base):
    def build(dtype, rng):
        cases = list(base(dtype, rng))
        info = ml_dtypes.finfo(np.dtype(ml_dtypes.bfloat16) if dtype == "bfloat16" else dtype)
        eps, tiny = float(info.eps), float(info.tiny)
        if name in _TINY_ARGS:
            small = max(eps**1.5, tiny * 64)
            cases.append(Case((arr([eps / 4, -eps, small, -3 * small], dtype),), id="tiny_args"))
        if name in _NEAR_OVERFLOW:
            values = _NEAR_OVERFLOW[name](float(info.max))
            cases.append(Case((arr(values, dtype),), id="near_overflow"))
        return cases

    return build


# Known, explained deviations found by the near-overflow edge cases.
_XFAIL = {
    "exp2": {
        "jax:edges:bfloat16": "jax's bfloat16 exp2 overflows to inf just below bfloat16's max",
    },
}

for _name, (_fn, (_lo, _hi), (_ilo, _ihi), _acc, _huge) in _FLOAT_OPS.items():
    _entry(
        _name,
        _float_ref(_fn),
        unary_samples(_lo, _hi, _ilo, _ihi),
        dtypes=ALL_NUMERIC,
        out_dtype="float",
        accuracy=_acc,
        edges=_extreme_edges(_name, unary_edges(huge=_huge)),
        # sinc is zero at the integers, where the float64 reference itself is only
        # absolutely accurate (sin(pi * n) ~ 1e-16): measured relative to max(1, |ref|).
        error_floor=1.0 if _name == "sinc" else None,
        differentiable=_name not in _NOT_DIFFERENTIABLE,
        xfail=_XFAIL.get(_name, {}),
    )


# ----------------------------------------------------------------------------- keep the dtype


def _abs_ref(x):
    return np.abs(as_int32_if_bool(x))


for _name in ("abs", "absolute"):
    _entry(
        _name,
        _abs_ref,
        unary_samples(),
        dtypes=ALL_NUMERIC,
        out_dtype="unary",
        edges=unary_edges(),
        differentiable=True,
    )
_entry(
    "fabs",
    _float_ref(np.abs),
    unary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    edges=unary_edges(),
    differentiable=True,
)
_entry(
    "negative",
    lambda x: np.negative(as_int32_if_bool(x)),
    unary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="unary",
    edges=unary_edges(),
    differentiable=True,
)
_entry(
    "square",
    lambda x: np.square(as_int32_if_bool(x)),
    unary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="unary",
    edges=unary_edges(),
    differentiable=True,
)
_entry(
    "sign",
    lambda x: np.sign(as_int32_if_bool(x)),
    unary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="unary",
    accuracy="exact",
    edges=unary_edges(),
    differentiable=True,  # a zero gradient (almost everywhere)
)
_entry(
    "trunc",
    np.trunc,
    unary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    accuracy="exact",
    edges=unary_edges(),
    differentiable=True,  # a zero gradient (almost everywhere)
)


def _round_samples(dtype, rng):
    cases = unary_samples()(dtype, rng)
    if is_float(dtype):
        halves = arr([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.25, 3.75], dtype)
        cases.append(Case((halves,), id="halves_to_even"))
        if dtype in ("float32", "float64"):
            cases.append(Case((sample(rng, (2, 3), dtype),), {"decimals": 1}, id="decimals1"))
    if is_int(dtype):
        values = np.array([15, 25, -15, 14, 6, 0, 35, -25])
        if dtype.startswith("u"):
            values = np.abs(values)
        cases.append(Case((values.astype(dtype),), {"decimals": -1}, id="decimals-1"))
    return cases


def _round_ref(x, decimals=0):
    x = as_int32_if_bool(x)
    return np.round(x, decimals)


_entry(
    "round",
    _round_ref,
    _round_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="unary",
    edges=unary_edges(),
    errors=(
        ErrorCase((np.ones((2,), np.float32),), {"decimals": 1.5}, TypeError, "round"),
        string_error(1),
    ),
)


# ----------------------------------------------------------------------------- complex parts


def _complex_samples(dtype, rng):
    return unary_samples()(dtype, rng)


for _name, _fn in (("conj", np.conj), ("conjugate", np.conjugate)):
    _entry(
        _name,
        _fn,
        _complex_samples,
        dtypes=WITH_COMPLEX,
        out_dtype="same",
        accuracy="exact",
        edges=unary_edges(),
    )
_entry(
    "real",
    np.real,
    _complex_samples,
    dtypes=WITH_COMPLEX,
    out_dtype=lambda case, dtype: _real_dtype(dtype_rules.dtype_of(case.args[0])),
    accuracy="exact",
)
_entry(
    "imag",
    lambda x: np.imag(x) if np.iscomplexobj(x) else np.zeros_like(x),
    _complex_samples,
    dtypes=WITH_COMPLEX,
    out_dtype=lambda case, dtype: _real_dtype(dtype_rules.dtype_of(case.args[0])),
    accuracy="exact",
)


def _angle_ref(x):
    x = np.asarray(x)
    return np.angle(x if np.iscomplexobj(x) else f64(x))


def _angle_edges(dtype, rng):
    return [Case((arr([np.nan, np.inf, -np.inf, 0.0, 1.0, -1.0, -2.5], dtype),), id="edges")]


_entry(
    "angle",
    _angle_ref,
    _complex_samples,
    dtypes=WITH_COMPLEX,
    out_dtype=lambda case, dtype: _real_dtype(dtype_rules.float_dtype(case.args[0])),
    accuracy="transcendental",
    edges=_angle_edges,
)


# ----------------------------------------------------------------------------- nan_to_num, clip


def _nan_to_num_ref(x, nan=0.0, posinf=None, neginf=None):
    x = np.asarray(x)
    if x.dtype.kind in "iub":
        return x
    info = ml_dtypes.finfo(x.dtype)
    hi = info.max if posinf is None else posinf
    lo = info.min if neginf is None else neginf
    out = np.where(np.isnan(x), np.asarray(nan).astype(x.dtype), x)
    out = np.where(np.isposinf(x), np.asarray(hi).astype(x.dtype), out)
    return np.where(np.isneginf(x), np.asarray(lo).astype(x.dtype), out)


def _nan_to_num_samples(dtype, rng):
    cases = unary_samples()(dtype, rng)
    if is_float(dtype):
        x = float_edge_values(dtype)
        cases.append(Case((x,), {"nan": 1.5, "posinf": 100.0, "neginf": -100.0}, id="values"))
    return cases


_entry(
    "nan_to_num",
    _nan_to_num_ref,
    _nan_to_num_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="same",
    accuracy="exact",
    ref_native=True,
    edges=unary_edges(),
    errors=(
        ErrorCase((np.ones((2,), np.float32),), {"nan": "zero"}, TypeError, "nan_to_num"),
        string_error(1),
    ),
)


def _clip_ref(x, x_min, x_max):
    args = [as_int32_if_bool(v) if v is not None else None for v in (x, x_min, x_max)]
    return np.clip(*args)


def _clip_dtype(case, dtype):
    operands = [a for a in case.args if a is not None]
    d = dtype_rules.binary_dtype(*operands)
    return "int32" if d == "bool" else d


def _clip_samples(dtype, rng):
    r = lambda shape, lo=-3, hi=3: sample(rng, shape, dtype, lo, hi)  # noqa: E731
    if dtype == "bool":
        return [
            Case((r((2, 3)), False, True), id="scalars"),
            Case((r((2, 3)), r(()), True), id="tensor_min"),
        ]
    lo, hi = (1, 2) if is_int(dtype) else (-1.0, 1.5)
    return [
        Case((r((2, 3)), lo, hi), id="scalars"),
        Case((r(()), lo, hi), id="0d"),
        Case((r((0, 2)), lo, hi), id="empty"),
        Case((r((2, 3)), r((3,), -3, -1), r((2, 1), 1, 3)), id="tensor_bounds"),
        Case((r((2, 3)), None, hi), id="max_only"),
    ]


_entry(
    "clip",
    _clip_ref,
    _clip_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_clip_dtype,
    edges=lambda dtype, rng: [Case((float_edge_values(dtype), -1.0, 2.0), id="edges")],
    differentiable=True,
    errors=(
        ErrorCase(
            (np.zeros((2, 3), np.float32), np.zeros((4,), np.float32), 1.0),
            exc=ValueError,
            match=r"clip[\s\S]*2, 3[\s\S]*4",
        ),
        ErrorCase((np.zeros((2,), np.float32), None, None), exc=ValueError, match="clip"),
        ErrorCase((["a", "b"], 0.0, 1.0), exc=TypeError),
    ),
)
