"""Registry entries: binary arithmetic and bitwise ops of the numpy family."""

import numpy as np

from conformance.registry import (
    ALL_NUMERIC,
    FLOAT_DTYPES,
    INT_DTYPES,
    Case,
    Entry,
    ErrorCase,
    register,
)
from conformance.registry.numpy_common import (
    FAMILY,
    INT_MIX,
    INTS_AND_BOOL,
    MIX,
    NUMERIC_NO_BOOL,
    arr,
    as_int32_if_bool,
    binary_edges,
    binary_errors,
    binary_samples,
    f64,
    is_float,
    is_int,
    lean,
    no_bool,
    nonzero_sample,
    pair_edges,
    sample,
    string_error,
)
from conformance.samples import np_dtype
from keras_core.backend.common import dtype_rules


def _promote_no_bool(case, dtype):
    return no_bool(dtype_rules.binary_dtype(*case.args))


def _entry(name, reference, samples, **kwargs):
    kwargs.setdefault("errors", binary_errors(name))
    register(Entry(name=name, family=FAMILY, reference=reference, samples=lean(samples), **kwargs))


def _float_ref(fn):
    def ref(x1, x2):
        with np.errstate(all="ignore"):
            return fn(f64(x1), f64(x2))

    return ref


def _int_ref(fn):
    """Integer references: bool operands count as int32 (the ops' result dtype)."""

    def ref(x1, x2):
        with np.errstate(all="ignore"):
            return fn(as_int32_if_bool(x1), as_int32_if_bool(x2))

    return ref


# ----------------------------------------------------------------------------- + - * /

_entry(
    "add",
    np.add,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=binary_edges,
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "subtract",
    np.subtract,
    binary_samples(),
    dtypes=NUMERIC_NO_BOOL,
    edges=binary_edges,
    differentiable=True,
    grad_argnums=(0, 1),
    errors=binary_errors("subtract")
    + (ErrorCase((np.array([True]), np.array([False])), exc=TypeError, id="bool_minus_bool"),),
)
_entry(
    "multiply",
    np.multiply,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=binary_edges,
    differentiable=True,
    grad_argnums=(0, 1),
)
for _name in ("divide", "true_divide"):
    _entry(
        _name,
        _float_ref(np.true_divide),
        binary_samples(nonzero_rhs=True),
        dtypes=ALL_NUMERIC,
        out_dtype="float",
        edges=binary_edges,
        differentiable=True,
        grad_argnums=(0, 1),
    )


def _divide_no_nan_ref(x1, x2):
    a, b = f64(x1), f64(x2)
    with np.errstate(all="ignore"):
        return np.where(b == 0, 0.0, a / b)


def _with_zero_divisors(dtype, rng):
    cases = binary_samples()(dtype, rng)
    x1 = sample(rng, (2, 3), dtype)
    x2 = sample(rng, (2, 3), dtype)
    x2[0] = 0
    return cases + [Case((x1, x2), id="zero_divisors")]


_entry(
    "divide_no_nan",
    _divide_no_nan_ref,
    _with_zero_divisors,
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    edges=pair_edges([1.0, -1.0, 0.0, np.nan, np.inf], [0.0, 0.0, 0.0, 0.0, 2.0]),
)


# ----------------------------------------------------------------------------- // % fmod

_DIVISORS = np.array([0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 4.0, -4.0])


def _exact_division_samples(dtype, rng):
    """Operands whose quotients are exact in every float dtype, so rounding cannot move a
    result across an integer; integers include negative dividends and divisors. float64
    (which also feeds the gradient check) uses generic values away from discontinuities."""
    if dtype == "float64":
        signs = (arr([-7, 7, -7, 7, -0.75], dtype), arr([2, 2, -2, -2, 0.5], dtype))
        cases = binary_samples(nonzero_rhs=True)(dtype, rng)
        return cases + [Case(signs, id="signs")]
    if not is_float(dtype):
        build = binary_samples(nonzero_rhs=True, low=-9, high=9, int_range=(-9, 9), mixed=False)
        cases = build(dtype, rng)
        if is_int(dtype):
            x1 = sample(rng, (2, 3), dtype, -9, 9)
            x2 = nonzero_sample(rng, (2, 3), "int8" if dtype != "int8" else "int16", -9, 9)
            cases.append(Case((x1, x2), id="mixed_ints"))
        signs = np.array([[-7, 7, -7, 7], [5, -5, 0, 6]])
        divs = np.array([[2, 2, -2, -2], [3, 3, 4, -4]])
        if dtype.startswith("int"):
            cases.append(Case((signs.astype(dtype), divs.astype(dtype)), id="sign_rules"))
        return cases

    def num(shape):
        return (rng.integers(-12, 13, size=shape) * 0.25).astype(np_dtype(dtype))

    def den(shape):
        return rng.choice(_DIVISORS, size=shape).astype(np_dtype(dtype))

    cases = [
        Case((num((2, 3)), den((2, 3))), id="same"),
        Case((num((2, 1, 3)), den((4, 1))), id="broadcast"),
        Case((num(()), den((3,))), id="scalar0d"),
        Case((num((0, 3)), den((3,))), id="empty"),
        Case((num((2, 2)), 2.0), id="weak_scalar"),
        Case((arr([-7, 7, -7, 7, -0.75], dtype), arr([2, 2, -2, -2, 0.5], dtype)), id="signs"),
    ]
    partner = MIX[dtype]
    if partner in FLOAT_DTYPES:
        cases.append(Case((num((2, 3)), rng.choice(_DIVISORS, (2, 3)).astype(np_dtype(partner))),
                          id="mixed"))  # fmt: skip
    return cases


_DIV_EDGES = pair_edges([1.5, -1.5, 0.0, np.nan, 3.0], [0.0, 0.0, 0.0, 2.0, np.nan])
_SIGNED_DIV_DTYPES = tuple(d for d in ALL_NUMERIC)

_entry(
    "floor_divide",
    _int_ref(np.floor_divide),
    _exact_division_samples,
    dtypes=_SIGNED_DIV_DTYPES,
    out_dtype=_promote_no_bool,
    edges=_DIV_EDGES,
)
_entry(
    "mod",
    _int_ref(np.remainder),
    _exact_division_samples,
    dtypes=_SIGNED_DIV_DTYPES,
    out_dtype=_promote_no_bool,
    edges=_DIV_EDGES,
    differentiable=True,
    grad_argnums=(0, 1),  # d/dx2 = -floor(x1 / x2) (mod) or -trunc(x1 / x2) (fmod)
)
_entry(
    "fmod",
    _int_ref(np.fmod),
    _exact_division_samples,
    dtypes=_SIGNED_DIV_DTYPES,
    out_dtype=_promote_no_bool,
    edges=_DIV_EDGES,
    differentiable=True,
    grad_argnums=(0, 1),  # d/dx2 = -floor(x1 / x2) (mod) or -trunc(x1 / x2) (fmod)
)


def _power_samples(dtype, rng):
    if dtype == "bool" or is_int(dtype):
        return binary_samples(int_range=(-3, 3), int_range2=(0, 3), low2=0, high2=3)(dtype, rng)
    return binary_samples(low=0.5, high=3.0, low2=-2.0, high2=2.0)(dtype, rng)


_entry(
    "power",
    _int_ref(np.power),
    _power_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=_promote_no_bool,
    edges=pair_edges([np.nan, 2.0, 0.5, 0.0, 1.0], [0.0, np.inf, np.inf, 0.0, np.nan]),
    differentiable=True,
    grad_argnums=(0, 1),
    accuracy="transcendental",
)


# ----------------------------------------------------------------------------- extrema

_entry(
    "maximum",
    np.maximum,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=pair_edges([np.nan, 1.0, -np.inf, 2.0], [1.0, np.nan, 2.0, np.inf]),
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "minimum",
    np.minimum,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=pair_edges([np.nan, 1.0, -np.inf, 2.0], [1.0, np.nan, 2.0, np.inf]),
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "fmax",
    np.fmax,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=pair_edges([np.nan, 1.0, np.nan, -np.inf], [1.0, np.nan, np.nan, 2.0]),
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "fmin",
    np.fmin,
    binary_samples(),
    dtypes=ALL_NUMERIC,
    edges=pair_edges([np.nan, 1.0, np.nan, np.inf], [1.0, np.nan, np.nan, 2.0]),
    differentiable=True,
    grad_argnums=(0, 1),
)


# ----------------------------------------------------------------------------- integer math

_INT_ERRORS = (
    ErrorCase((np.ones((2,), np.float32), np.ones((2,), np.float32)), exc=TypeError, id="floats"),
)
for _name, _fn in (("gcd", np.gcd), ("lcm", np.lcm)):
    _entry(
        _name,
        _int_ref(_fn),
        binary_samples(int_range=(-6, 6), int_range2=(-6, 6), mix=INT_MIX),
        dtypes=INT_DTYPES,
        accuracy="exact",
        errors=binary_errors(_name, "int32") + _INT_ERRORS,
    )


# ----------------------------------------------------------------------------- float math

_entry(
    "hypot",
    _float_ref(np.hypot),
    binary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    accuracy="transcendental",
    edges=pair_edges([np.inf, -np.inf, np.nan, 0.0, 3.0], [np.nan, 1.0, 1.0, -0.0, -4.0]),
    differentiable=True,
    grad_argnums=(0, 1),
)
_entry(
    "arctan2",
    _float_ref(np.arctan2),
    binary_samples(),
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    accuracy="transcendental",
    edges=pair_edges(
        [0.0, -0.0, 1.0, -1.0, np.inf, np.nan, 1.0], [-0.0, -0.0, np.inf, -np.inf, np.inf, 1.0, 0.0]
    ),
    differentiable=True,
    grad_argnums=(0, 1),
)
for _name, _fn in (("logaddexp", np.logaddexp), ("logaddexp2", np.logaddexp2)):
    _entry(
        _name,
        _float_ref(_fn),
        binary_samples(),
        dtypes=ALL_NUMERIC,
        out_dtype="float",
        accuracy="transcendental",
        edges=pair_edges([-np.inf, np.inf, np.nan, 0.0, 50.0], [-np.inf, 1.0, 0.0, -np.inf, 50.0]),
        differentiable=True,
        grad_argnums=(0, 1),
        # Exact zeros come from cancellation (logaddexp2(-1, -1) = -1 + 1): measured
        # relative to max(1, |ref|), as before, not down to the smallest normal.
        error_floor=1.0,
    )


def _heaviside_samples(dtype, rng):
    cases = binary_samples()(dtype, rng)
    x1 = arr([-2, 0, 3, 0], dtype)
    return cases + [Case((x1, arr([0.5, 0.5, 0.25, 1], dtype)), id="zeros")]


_entry(
    "heaviside",
    _float_ref(np.heaviside),
    _heaviside_samples,
    dtypes=ALL_NUMERIC,
    out_dtype="float",
    edges=pair_edges([np.nan, 0.0, -0.0, np.inf, -np.inf], [0.5, 0.5, 0.5, 0.5, 0.5]),
)


def _nextafter_ref(x1, x2):
    d = dtype_rules.float_dtype(x1, x2)
    nd = np_dtype(d)
    return np.nextafter(np.asarray(x1).astype(nd), np.asarray(x2).astype(nd))


_entry(
    "nextafter",
    _nextafter_ref,
    binary_samples(),
    dtypes=("bool", "int32", "float16", "float32", "float64"),
    out_dtype="float",
    accuracy="exact",
    ref_native=True,
    edges=pair_edges([0.0, 1.0, np.inf, np.nan, -0.0], [1.0, 1.0, 0.0, 1.0, -1.0]),
)


def _ldexp_samples(dtype, rng):
    e = lambda shape: rng.integers(-3, 4, size=shape).astype(np.int32)  # noqa: E731
    x = lambda shape: sample(rng, shape, dtype)  # noqa: E731
    return [
        Case((x((2, 3)), e((2, 3))), id="same"),
        Case((x((2, 1, 3)), e((4, 1))), id="broadcast"),
        Case((x(()), e((3,))), id="scalar0d"),
        Case((x((0, 3)), e((3,))), id="empty"),
        Case((x((2, 2)), 2), id="python_int_exponent"),
    ]


_entry(
    "ldexp",
    lambda x1, x2: np.ldexp(f64(x1), np.asarray(x2, np.int64)),
    _ldexp_samples,
    dtypes=ALL_NUMERIC,
    out_dtype=lambda case, dtype: dtype_rules.float_dtype(case.args[0]),
    differentiable=True,
    errors=(
        ErrorCase(
            (np.zeros((2, 3), np.float32), np.zeros((4,), np.int32)),
            exc=ValueError,
            match=r"ldexp[\s\S]*2, 3[\s\S]*4",
        ),
        ErrorCase(
            (np.ones((2,), np.float32), np.ones((2,), np.float32)), exc=TypeError, id="float_exp"
        ),
        string_error(2),
    ),
)


# ----------------------------------------------------------------------------- bitwise

_BIT_ERRORS = (
    ErrorCase((np.ones((2,), np.float32), np.ones((2,), np.int32)), exc=TypeError, id="float"),
)
for _name, _fn in (
    ("bitwise_and", np.bitwise_and),
    ("bitwise_or", np.bitwise_or),
    ("bitwise_xor", np.bitwise_xor),
):
    _entry(
        _name,
        _fn,
        binary_samples(int_range=(-100, 100), int_range2=(-100, 100), mix=INT_MIX),
        dtypes=INTS_AND_BOOL,
        accuracy="exact",
        errors=binary_errors(_name, "int32") + _BIT_ERRORS,
    )

for _name in ("bitwise_invert", "bitwise_not"):
    register(
        Entry(
            name=_name,
            family=FAMILY,
            reference=np.invert,
            samples=lean(
                lambda dtype, rng: [
                    Case((sample(rng, s, dtype, -100, 100),), id=f"shape{s}".replace(" ", ""))
                    for s in ((), (3,), (2, 3), (0, 2))
                ]
            ),
            dtypes=INTS_AND_BOOL,
            out_dtype="same",
            accuracy="exact",
            errors=(
                ErrorCase((np.ones((2,), np.float32),), exc=TypeError, id="float"),
                string_error(1),
            ),
        )
    )

for _name, _fn in (
    ("bitwise_left_shift", np.left_shift),
    ("left_shift", np.left_shift),
    ("bitwise_right_shift", np.right_shift),
    ("right_shift", np.right_shift),
):
    _entry(
        _name,
        _int_ref(_fn),
        binary_samples(int_range=(-12, 12), int_range2=(0, 3), low2=0, high2=3, mix=INT_MIX),
        dtypes=INTS_AND_BOOL,
        out_dtype=_promote_no_bool,
        accuracy="exact",
        errors=binary_errors(_name, "int32") + _BIT_ERRORS,
    )
