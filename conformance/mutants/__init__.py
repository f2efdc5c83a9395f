"""The fault catalogue of ``python -m conformance mutate``: small, realistic backend bugs.

Each ``Mutant`` replaces one function of the active backend (``keras_core.backend.<module>``)
or one op's symbolic ``compute_output_spec`` with a faulty version, the way a backend
author could get it wrong: a relative error of 1e-4, a wrong result dtype, a wrong default
axis, NaN or -0.0 mishandled, an off-by-one in ``same`` padding, a wrong gradient, an op
that returns its input, a transposed ``channels_first`` path, unstable ties, rounding at .5
positions, overflow near exp's limit, no clamp at probabilities 0/1, a total loss of
relative precision on tiny arguments, a wrong symbolic dtype for integer inputs, ...

Faults are written against the backend's own ops (``keras_core.backend.numpy`` etc.),
so they run on every backend and gradients flow through them. ``apply(mutant)`` installs
one fault and returns a function that removes it. Nothing here is imported by keras_core.
"""

import dataclasses
import functools
import importlib
import inspect
from typing import Callable

GRAD = "grad"  # a fault only visible through gradients (skipped on backends without them)


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One fault.

    name: a unique id.
    ops: the registry entries whose cases run against the fault.
    target: ``"<backend module>.<function>"`` (e.g. ``"numpy.exp"``) or, for symbolic
        faults, ``"spec:<op module>.<Class>"`` (e.g. ``"spec:numpy.reduction.Mean"``).
    make: ``(original, B) -> replacement``; ``B`` is ``keras_core.backend``.
    kind: the fault's class (for the report).
    needs: ``GRAD`` when only gradients can see the fault, else ``""``.
    """

    name: str
    ops: tuple
    target: str
    make: Callable
    kind: str
    needs: str = ""


CATALOGUE = []


def mutant(name, ops, target, kind, needs=""):
    """Decorator: registers ``make`` as the fault ``name``."""

    def deco(make):
        CATALOGUE.append(Mutant(name, tuple(ops), target, make, kind, needs))
        return make

    return deco


# ----------------------------------------------------------------------------- helpers


def _bind(original, args, kwargs):
    sig = inspect.signature(original)
    bound = sig.bind(*args, **kwargs)
    bound.apply_defaults()
    return bound


def _call_bound(original, bound):
    return original(*bound.args, **bound.kwargs)


def _is_float(B, x):
    return B.standardize_dtype(B.numpy.dtype(x) if False else x.dtype) in (
        "float16",
        "bfloat16",
        "float32",
        "float64",
    )


def _dt(B, x):
    return B.standardize_dtype(x.dtype)


def _float_arg(B, v):
    """``v`` as a backend tensor when it is a float array or tensor, else None."""
    dtype = getattr(v, "dtype", None)
    if dtype is None:
        return None
    try:
        name = B.standardize_dtype(dtype)
    except Exception:
        return None
    if name not in ("float16", "bfloat16", "float32", "float64"):
        return None
    return B.core.convert_to_tensor(v)


def _float(B, x):
    return _dt(B, x) in ("float16", "bfloat16", "float32", "float64")


def post(fn):
    """A fault that transforms the result: ``fn(B, out, bound) -> out``."""

    def make(original, B):
        @functools.wraps(original)
        def wrapped(*args, **kwargs):
            try:
                bound = _bind(original, args, kwargs)
            except Exception:
                return original(*args, **kwargs)
            out = _call_bound(original, bound)
            try:
                return fn(B, out, bound)
            except Exception:
                return out

        return wrapped

    return make


def pre(fn):
    """A fault that rewrites the arguments: ``fn(B, bound) -> None`` (edits ``bound``)."""

    def make(original, B):
        @functools.wraps(original)
        def wrapped(*args, **kwargs):
            try:
                bound = _bind(original, args, kwargs)
                fn(B, bound)
            except Exception:
                return original(*args, **kwargs)
            return _call_bound(original, bound)

        return wrapped

    return make


def replace(fn):
    """A fault that reimplements the function: ``fn(B, original, bound) -> out``."""

    def make(original, B):
        @functools.wraps(original)
        def wrapped(*args, **kwargs):
            try:
                return fn(B, original, _bind(original, args, kwargs))
            except Exception:
                # The fault does not apply to these arguments: the original's behaviour
                # (including its error message) is kept.
                return original(*args, **kwargs)

        return wrapped

    return make


def _rel_error(B, out, eps=1e-4):
    if not _float(B, out):
        return out
    return B.numpy.multiply(out, B.core.cast(1.0 + eps, _dt(B, out)))


def _grad_scaled(B, x, factor):
    """``x`` in value, ``factor * dx`` in gradient."""
    x = _float_arg(B, x)  # (Python scalars and non-float tensors are left alone)
    if x is None:
        raise TypeError("not a float tensor")
    # x - (sg(x) - x) * (factor - 1): +0.0 in value is subtracted, which keeps the sign of
    # zero (-0.0 - 0.0 == -0.0) and infinities (the term is zeroed where x is not finite).
    neg = B.numpy.subtract(B.core.stop_gradient(x), x)
    neg = B.numpy.where(B.numpy.isfinite(x), neg, B.numpy.zeros_like(x))
    return B.numpy.subtract(x, B.numpy.multiply(neg, B.core.cast(factor - 1.0, _dt(B, x))))


def grad_of(arg, factor=1.001):
    """A fault in the gradient with respect to argument ``arg`` only (forward unchanged)."""

    def fn(B, bound):
        bound.arguments[arg] = _grad_scaled(B, bound.arguments[arg], factor)

    return pre(fn)


def _flip_last(B, x, axis=-1):
    return B.numpy.flip(x, axis=axis)


# ----------------------------------------------------------------------------- value faults


for _op, _mod in (
    ("exp", "numpy"),
    ("sqrt", "numpy"),
    ("tanh", "numpy"),
    ("sigmoid", "nn"),
    ("log", "numpy"),
    ("matmul", "numpy"),
    ("mean", "numpy"),
    ("erf", "math"),
):
    mutant(f"{_op}_rel_1e-4", [_op], f"{_mod}.{_op}", "relative error 1e-4")(
        post(lambda B, out, b: _rel_error(B, out))
    )

mutant("log_rel_1e-4_small", ["log"], "numpy.log", "relative error 1e-4 below 1")(
    post(
        lambda B, out, b: (
            B.numpy.where(
                B.numpy.less(B.numpy.abs(out), B.core.cast(1.0, _dt(B, out))),
                _rel_error(B, out, 1e-4),
                out,
            )
            if _float(B, out)
            else out
        )
    )
)


@mutant("sin_rel_tiny", ["sin"], "numpy.sin", "loss of relative precision on tiny arguments")
@post
def _sin_tiny(B, out, b):
    if not _float(B, out):
        return out
    tiny = B.core.cast(1e-3, _dt(B, out))
    return B.numpy.where(B.numpy.less(B.numpy.abs(out), tiny), B.numpy.multiply(out, 1.01), out)


@mutant("multiply_dtype_f64", ["multiply"], "numpy.multiply", "wrong result dtype")
@post
def _mul_dtype(B, out, b):
    return B.core.cast(out, "float64") if _dt(B, out) == "float32" else out


@mutant("sum_int_dtype", ["sum"], "numpy.sum", "wrong result dtype (int8 not widened)")
@post
def _sum_dtype(B, out, b):
    return B.core.cast(out, "int8") if _dt(B, out) in ("int32", "int64") else out


@mutant("argmax_int64", ["argmax"], "numpy.argmax", "wrong result dtype (int64 indices)")
@post
def _argmax_dtype(B, out, b):
    return B.core.cast(out, "int64")


@mutant("mean_int_stays_int", ["mean"], "numpy.mean", "wrong result dtype for int input")
@replace
def _mean_int(B, original, b):
    x = B.core.convert_to_tensor(b.arguments["x"])
    out = _call_bound(original, b)
    if _dt(B, x).startswith(("int", "uint")):
        return B.core.cast(out, "float64")
    return out


# -- wrong default axis


@mutant("cumsum_default_axis0", ["cumsum"], "numpy.cumsum", "wrong default axis")
@pre
def _cumsum_axis(B, b):
    if b.arguments["axis"] is None and len(B.core.shape(b.arguments["x"])) > 1:
        b.arguments["axis"] = 0  # (the default is the flattened array)


@mutant("argmax_default_axis_last", ["argmax"], "numpy.argmax", "wrong default axis")
@pre
def _argmax_axis(B, b):
    if b.arguments["axis"] is None and len(B.core.shape(b.arguments["x"])) > 1:
        b.arguments["axis"] = -1


@mutant("logsumexp_default_axis_last", ["logsumexp"], "math.logsumexp", "wrong default axis")
@pre
def _lse_axis(B, b):
    if b.arguments["axis"] is None and len(B.core.shape(b.arguments["x"])) > 1:
        b.arguments["axis"] = -1


# -- NaN mishandled


@mutant("maximum_ignores_nan", ["maximum"], "numpy.maximum", "NaN mishandled")
@replace
def _maximum_nan(B, original, b):
    return B.numpy.fmax(b.arguments["x1"], b.arguments["x2"])


@mutant("max_ignores_nan", ["max"], "numpy.max", "NaN mishandled")
@replace
def _max_nan(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    b.arguments["x"] = B.numpy.where(B.numpy.isnan(x), B.core.cast(-float("inf"), _dt(B, x)), x)
    return _call_bound(original, b)


@mutant("sort_nan_first", ["sort"], "numpy.sort", "NaN mishandled (sorted first)")
@replace
def _sort_nan(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    b.arguments["x"] = B.numpy.negative(x)
    return B.numpy.negative(B.numpy.flip(_call_bound(original, b), axis=b.arguments["axis"]))


@mutant("clip_nan_to_min", ["clip"], "numpy.clip", "NaN mishandled (clamped)")
@replace
def _clip_nan(B, original, b):
    out = _call_bound(original, b)
    if _float_arg(B, b.arguments["x"]) is None or not _float(B, out):
        return out
    lo = B.core.cast(B.core.convert_to_tensor(b.arguments["x_min"]), _dt(B, out))
    return B.numpy.where(B.numpy.isnan(out), B.numpy.add(B.numpy.zeros_like(out), lo), out)


@mutant("isclose_nan_equal", ["isclose"], "numpy.isclose", "NaN mishandled (equal_nan ignored)")
@pre
def _isclose_nan(B, b):
    b.arguments["equal_nan"] = True


# -- the sign of zero


@mutant("negative_as_subtract", ["negative"], "numpy.negative", "sign of zero (0 - x)")
@replace
def _neg_zero(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.subtract(B.numpy.zeros_like(x), x)


@mutant("abs_keeps_negative_zero", ["abs", "absolute"], "numpy.abs", "sign of zero")
@replace
def _abs_zero(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    out = _call_bound(original, b)
    if x is None:
        return out
    return B.numpy.where(B.numpy.equal(x, B.core.cast(0, _dt(B, x))), x, out)


@mutant("trunc_via_fmod", ["trunc"], "numpy.trunc", "sign of zero (x - fmod(x, 1))")
@replace
def _trunc_zero(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.subtract(x, B.numpy.fmod(x, B.core.cast(1.0, _dt(B, x))))


@mutant("relu_negative_zero", ["relu"], "nn.relu", "sign of zero (-0.0 kept)")
@replace
def _relu_zero(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    out = _call_bound(original, b)
    if x is None:
        return out
    zero = B.core.cast(0, _dt(B, out))
    return B.numpy.where(B.numpy.equal(out, zero), B.numpy.minimum(x, zero), out)


# -- returns its input


@mutant("conj_returns_input", ["conj", "conjugate"], "numpy.conj", "returns its input")
@replace
def _conj_id(B, original, b):
    x = b.arguments["x"]
    if "complex" not in str(getattr(x, "dtype", "")):
        return _call_bound(original, b)
    return B.core.convert_to_tensor(x)


@mutant("nan_to_num_returns_input", ["nan_to_num"], "numpy.nan_to_num", "returns its input")
@replace
def _n2n_id(B, original, b):
    if _float_arg(B, b.arguments["x"]) is None:
        return _call_bound(original, b)
    return B.core.convert_to_tensor(b.arguments["x"])


@mutant("squeeze_noop_on_axis", ["squeeze"], "numpy.squeeze", "returns its input (axis given)")
@replace
def _squeeze_id(B, original, b):
    if b.arguments.get("axis") is not None and hasattr(b.arguments["x"], "shape"):
        return B.core.convert_to_tensor(b.arguments["x"])
    return _call_bound(original, b)


# -- extreme values


@mutant("softmax_no_max_shift", ["softmax"], "nn.softmax", "overflow at large logit gaps")
@replace
def _softmax_naive(B, original, b):
    x, axis = _float_arg(B, b.arguments["x"]), b.arguments["axis"]
    if x is None:
        return _call_bound(original, b)
    e = B.numpy.exp(x)
    return B.numpy.divide(e, B.numpy.sum(e, axis=axis, keepdims=True))


@mutant("log_softmax_as_log_of_softmax", ["log_softmax"], "nn.log_softmax", "underflow at gaps")
@replace
def _log_softmax_naive(B, original, b):
    if _float_arg(B, b.arguments["x"]) is None:
        return _call_bound(original, b)
    return B.numpy.log(B.nn.softmax(b.arguments["x"], axis=b.arguments["axis"]))


@mutant("logsumexp_no_max_shift", ["logsumexp"], "math.logsumexp", "overflow near exp's limit")
@replace
def _lse_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.log(
        B.numpy.sum(B.numpy.exp(x), axis=b.arguments["axis"], keepdims=b.arguments["keepdims"])
    )


@mutant("softplus_naive", ["softplus"], "nn.softplus", "overflow near exp's limit")
@replace
def _softplus_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.log(B.numpy.add(B.numpy.exp(x), B.core.cast(1.0, _dt(B, x))))


@mutant("log_sigmoid_naive", ["log_sigmoid"], "nn.log_sigmoid", "underflow at large -x")
@replace
def _log_sigmoid_naive(B, original, b):
    if _float_arg(B, b.arguments["x"]) is None:
        return _call_bound(original, b)
    return B.numpy.log(B.nn.sigmoid(b.arguments["x"]))


@mutant("logaddexp_naive", ["logaddexp"], "numpy.logaddexp", "overflow near exp's limit")
@replace
def _lae_naive(B, original, b):
    x1, x2 = _float_arg(B, b.arguments["x1"]), _float_arg(B, b.arguments["x2"])
    if x1 is None or x2 is None or _dt(B, x1) != _dt(B, x2):
        return _call_bound(original, b)
    return B.numpy.log(B.numpy.add(B.numpy.exp(x1), B.numpy.exp(x2)))


@mutant("cosh_naive", ["cosh"], "numpy.cosh", "overflow near exp's limit")
@replace
def _cosh_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    half = B.core.cast(0.5, _dt(B, x))
    return B.numpy.multiply(half, B.numpy.add(B.numpy.exp(x), B.numpy.exp(B.numpy.negative(x))))


@mutant("bce_no_clamp", ["binary_crossentropy"], "nn.binary_crossentropy", "no clamp at 0/1")
@replace
def _bce_noclamp(B, original, b):
    if b.arguments["from_logits"]:
        return _call_bound(original, b)
    p = _float_arg(B, b.arguments["output"])
    if p is None or tuple(B.core.shape(p)) != tuple(B.core.shape(b.arguments["target"])):
        return _call_bound(original, b)
    t = B.core.cast(B.core.convert_to_tensor(b.arguments["target"]), _dt(B, p))
    one = B.core.cast(1.0, _dt(B, p))
    return B.numpy.negative(
        B.numpy.add(
            B.numpy.multiply(t, B.numpy.log(p)),
            B.numpy.multiply(B.numpy.subtract(one, t), B.numpy.log(B.numpy.subtract(one, p))),
        )
    )


@mutant("bce_logits_naive", ["binary_crossentropy"], "nn.binary_crossentropy", "logit overflow")
@replace
def _bce_logits(B, original, b):
    if not b.arguments["from_logits"]:
        return _call_bound(original, b)
    b.arguments["output"] = B.nn.sigmoid(b.arguments["output"])
    b.arguments["from_logits"] = False
    return _call_bound(original, b)


@mutant(
    "cce_logits_via_softmax",
    ["categorical_crossentropy"],
    "nn.categorical_crossentropy",
    "large logit gaps (softmax then clamp)",
)
@replace
def _cce_logits(B, original, b):
    if not b.arguments["from_logits"]:
        return _call_bound(original, b)
    b.arguments["output"] = B.nn.softmax(b.arguments["output"], axis=b.arguments["axis"])
    b.arguments["from_logits"] = False
    return _call_bound(original, b)


# -- tiny arguments


@mutant("expm1_as_exp_minus_1", ["expm1"], "numpy.expm1", "precision lost on tiny arguments")
@replace
def _expm1_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.subtract(B.numpy.exp(x), B.core.cast(1.0, _dt(B, x)))


@mutant("log1p_as_log_1_plus", ["log1p"], "numpy.log1p", "precision lost on tiny arguments")
@replace
def _log1p_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    return B.numpy.log(B.numpy.add(x, B.core.cast(1.0, _dt(B, x))))


@mutant("sinh_naive", ["sinh"], "numpy.sinh", "precision lost on tiny arguments")
@replace
def _sinh_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    half = B.core.cast(0.5, _dt(B, x))
    return B.numpy.multiply(
        half, B.numpy.subtract(B.numpy.exp(x), B.numpy.exp(B.numpy.negative(x)))
    )


@mutant("arcsinh_naive", ["arcsinh"], "numpy.arcsinh", "precision lost on tiny arguments")
@replace
def _arcsinh_naive(B, original, b):
    x = _float_arg(B, b.arguments["x"])
    if x is None:
        return _call_bound(original, b)
    one = B.core.cast(1.0, _dt(B, x))
    return B.numpy.log(B.numpy.add(x, B.numpy.sqrt(B.numpy.add(B.numpy.square(x), one))))


# -- ties and .5 positions


@mutant("argsort_unstable_ties", ["argsort"], "numpy.argsort", "unstable ties")
@replace
def _argsort_ties(B, original, b):
    x, axis = B.core.convert_to_tensor(b.arguments["x"]), b.arguments["axis"]
    if axis is None:
        x, axis = B.numpy.ravel(x), -1
    n = B.core.shape(x)[axis]
    b.arguments["x"], b.arguments["axis"] = B.numpy.flip(x, axis=axis), axis
    idx = _call_bound(original, b)
    rev = B.numpy.subtract(B.core.cast(n - 1, _dt(B, idx)), idx)
    # Stable on the reversed array = last-equal-first on the original: ties reversed.
    return rev


@mutant("argmax_last_tie", ["argmax"], "numpy.argmax", "ties give the last index")
@replace
def _argmax_tie(B, original, b):
    x, axis = B.core.convert_to_tensor(b.arguments["x"]), b.arguments["axis"]
    if axis is None:
        x, axis = B.numpy.ravel(x), 0
        b.arguments["keepdims"] = b.arguments["keepdims"]
        if b.arguments["keepdims"]:
            return _call_bound(original, b)
    n = B.core.shape(x)[axis]
    b.arguments["x"], b.arguments["axis"] = B.numpy.flip(x, axis=axis), axis
    idx = _call_bound(original, b)
    return B.numpy.subtract(B.core.cast(n - 1, _dt(B, idx)), idx)


@mutant("top_k_ties_reversed", ["top_k"], "math.top_k", "unstable ties")
@replace
def _topk_ties(B, original, b):
    x = B.core.convert_to_tensor(b.arguments["x"])
    n = B.core.shape(x)[-1]
    b.arguments["x"] = B.numpy.flip(x, axis=-1)
    vals, idx = _call_bound(original, b)
    return vals, B.numpy.subtract(B.core.cast(n - 1, _dt(B, idx)), idx)


@mutant("round_half_up", ["round"], "numpy.round", "rounding at .5 (half up, not to even)")
@replace
def _round_half(B, original, b):
    x = B.core.convert_to_tensor(b.arguments["x"])
    if not _float(B, x) or b.arguments.get("decimals", 0):
        return _call_bound(original, b)
    return B.numpy.floor(B.numpy.add(x, B.core.cast(0.5, _dt(B, x))))


@mutant(
    "quantile_nearest_half_up",
    ["quantile", "percentile"],
    "numpy.quantile",
    "interpolation at .5 positions (nearest rounds up)",
)
@pre
def _quantile_nearest(B, b):
    if b.arguments["method"] == "nearest":
        b.arguments["method"] = "higher"


@mutant(
    "percentile_midpoint_as_linear",
    ["percentile"],
    "numpy.percentile",
    "interpolation method swapped (midpoint vs linear)",
)
@pre
def _percentile_mid(B, b):
    if b.arguments["method"] == "midpoint":
        b.arguments["method"] = "linear"


@mutant("median_lower", ["median"], "numpy.median", "even length takes the lower middle")
@replace
def _median_lower(B, original, b):
    return B.numpy.quantile(
        b.arguments["x"],
        0.5,
        axis=b.arguments["axis"],
        method="lower",
        keepdims=b.arguments["keepdims"],
    )


@mutant(
    "resize_nearest_half_up",
    ["image.resize"],
    "image.resize",
    "nearest interpolation at .5 positions",
)
@pre
def _resize_nearest(B, b):
    image = _float_arg(B, b.arguments["image"])
    if b.arguments["interpolation"] == "nearest" and image is not None:
        b.arguments["interpolation"] = "bilinear"


# -- layouts and padding


def _swap_hw(B, x, data_format):
    nd = len(B.core.shape(x))
    if nd < 4:
        return x
    axes = list(range(nd))
    if data_format == "channels_first":
        axes[2], axes[3] = axes[3], axes[2]
    else:
        axes[1], axes[2] = axes[2], axes[1]
    return B.numpy.transpose(x, axes)


@mutant("conv_channels_first_transposed", ["conv"], "nn.conv", "transposed channels_first path")
@replace
def _conv_cf(B, original, b):
    # The channels_first input is moved to channels_last with H and W swapped (and back).
    fmt = b.arguments["data_format"] or B.image_data_format()
    if fmt != "channels_first" or len(B.core.shape(b.arguments["inputs"])) != 4:
        return _call_bound(original, b)
    b.arguments["inputs"] = _swap_hw(B, b.arguments["inputs"], fmt)
    return _swap_hw(B, _call_bound(original, b), fmt)


def _same_pads(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total


def _tuple(v, n):
    return tuple(v) if isinstance(v, (tuple, list)) else (v,) * n


def _pad_same_wrong(B, x, ksize, strides, fmt, value):
    """Explicit 'same' padding with the odd extra element on the left (should be right)."""
    shape = B.core.shape(x)
    nsp = len(shape) - 2
    sp = list(range(2, 2 + nsp)) if fmt == "channels_first" else list(range(1, 1 + nsp))
    pads = [(0, 0)] * len(shape)
    for j, ax in enumerate(sp):
        total = _same_pads(shape[ax], ksize[j], strides[j])
        pads[ax] = (total - total // 2, total // 2)
    return B.numpy.pad(x, pads, constant_values=value)


@mutant("conv_same_stride_offbyone", ["conv"], "nn.conv", "off-by-one in same padding (stride>1)")
@replace
def _conv_same(B, original, b):
    x = b.arguments["inputs"]
    nsp = len(B.core.shape(x)) - 2
    strides = _tuple(b.arguments["strides"], nsp)
    dil = _tuple(b.arguments["dilation_rate"], nsp)
    if b.arguments["padding"] != "same" or max(strides) == 1 or max(dil) > 1:
        return _call_bound(original, b)
    fmt = b.arguments["data_format"] or B.image_data_format()
    ksize = B.core.shape(b.arguments["kernel"])[:nsp]
    b.arguments["inputs"] = _pad_same_wrong(B, x, ksize, strides, fmt, 0.0)
    b.arguments["padding"] = "valid"
    return _call_bound(original, b)


@mutant(
    "max_pool_same_stride_offbyone",
    ["max_pool"],
    "nn.max_pool",
    "off-by-one in same padding (stride>1)",
)
@replace
def _pool_same(B, original, b):
    x = b.arguments["inputs"]
    nsp = len(B.core.shape(x)) - 2
    pool = _tuple(b.arguments["pool_size"], nsp)
    strides = _tuple(b.arguments["strides"] or pool, nsp)
    if b.arguments["padding"] != "same" or max(strides) == 1:
        return _call_bound(original, b)
    fmt = b.arguments["data_format"] or B.image_data_format()
    b.arguments["inputs"] = _pad_same_wrong(B, x, pool, strides, fmt, -float("inf"))
    b.arguments["padding"] = "valid"
    b.arguments["strides"] = strides
    return _call_bound(original, b)


@mutant(
    "average_pool_counts_padding",
    ["average_pool"],
    "nn.average_pool",
    "same padding counted in the average",
)
@replace
def _avg_same(B, original, b):
    x = b.arguments["inputs"]
    nsp = len(B.core.shape(x)) - 2
    pool = _tuple(b.arguments["pool_size"], nsp)
    strides = _tuple(b.arguments["strides"] or pool, nsp)
    if b.arguments["padding"] != "same":
        return _call_bound(original, b)
    fmt = b.arguments["data_format"] or B.image_data_format()
    shape = B.core.shape(x)
    sp = list(range(2, 2 + nsp)) if fmt == "channels_first" else list(range(1, 1 + nsp))
    pads = [(0, 0)] * len(shape)
    for j, ax in enumerate(sp):
        total = _same_pads(shape[ax], pool[j], strides[j])
        pads[ax] = (total // 2, total - total // 2)
    b.arguments["inputs"] = B.numpy.pad(x, pads)
    b.arguments["padding"] = "valid"
    b.arguments["strides"] = strides
    return _call_bound(original, b)


@mutant(
    "depth_to_space_cf_order",
    ["depth_to_space"],
    "nn.depth_to_space",
    "channels_first channel order (C, b, b) taken for (b, b, C)",
)
@replace
def _d2s(B, original, b):
    if b.arguments["data_format"] != "channels_first":
        return _call_bound(original, b)
    x = B.core.convert_to_tensor(b.arguments["x"])
    n, c, h, w = B.core.shape(x)
    bs = b.arguments["block_size"]
    x = B.numpy.reshape(x, (n, bs * bs, c // (bs * bs), h, w))
    x = B.numpy.transpose(x, (0, 2, 1, 3, 4))
    b.arguments["x"] = B.numpy.reshape(x, (n, c, h, w))
    return _call_bound(original, b)


# -- gradients (invisible to the forward pass)


for _op, _mod, _arg in (
    ("arctan2", "numpy", "x2"),
    ("hypot", "numpy", "x2"),
    ("power", "numpy", "x2"),
    ("subtract", "numpy", "x2"),
    ("divide", "numpy", "x2"),
    ("mod", "numpy", "x2"),
    ("where", "numpy", "x2"),
    ("layer_normalization", "nn", "beta"),
    ("batch_normalization", "nn", "scale"),
    ("binary_crossentropy", "nn", "target"),
):
    mutant(f"{_op}_grad_wrt_{_arg}", [_op], f"{_mod}.{_op}", "wrong gradient (later arg)", GRAD)(
        grad_of(_arg)
    )

mutant("exp_grad", ["exp"], "numpy.exp", "wrong gradient", GRAD)(grad_of("x"))
mutant("softmax_grad", ["softmax"], "nn.softmax", "wrong gradient", GRAD)(grad_of("x"))


for _op, _mod in (("floor", "numpy"), ("sign", "numpy"), ("ceil", "numpy"), ("trunc", "numpy")):

    def _ste(B, original, b):
        x = B.core.convert_to_tensor(b.arguments["x"])
        out = _call_bound(original, b)
        if not _float(B, x):
            return out
        neg = B.numpy.subtract(B.core.stop_gradient(x), x)  # +0.0 in value, -dx in gradient
        neg = B.numpy.where(B.numpy.isfinite(x), neg, B.numpy.zeros_like(x))
        return B.numpy.subtract(out, neg)

    mutant(f"{_op}_nonzero_grad", [_op], f"{_mod}.{_op}", "gradient should be zero", GRAD)(
        replace(_ste)
    )


@mutant(
    "custom_gradient_scaled",
    ["custom_gradient"],
    "core.custom_gradient",
    "custom gradient mishandled (upstream gradient scaled)",
    GRAD,
)
def _cg_make(original, B):
    @functools.wraps(original)
    def custom_gradient(f):
        def f2(*args, **kwargs):
            out, grad_fn = f(*args, **kwargs)

            def g2(*gargs, **gkwargs):
                upstream = [B.numpy.multiply(u, 1.01) for u in gargs]
                return grad_fn(*upstream, **gkwargs)

            return out, g2

        return original(f2)

    return custom_gradient


@mutant(
    "custom_gradient_ignored",
    ["custom_gradient"],
    "core.custom_gradient",
    "custom gradient ignored (autodiff of the forward)",
    GRAD,
)
def _cg_ignored(original, B):
    @functools.wraps(original)
    def custom_gradient(f):
        def call(*args, **kwargs):
            return f(*args, **kwargs)[0]

        return call

    return custom_gradient


# -- symbolic dtype inference for non-float inputs


def spec_fault(fn):
    """A fault in an op's symbolic ``compute_output_spec``: ``fn(spec, args) -> dtype``."""

    def make(original, B):
        from keras_core.backend.common.keras_tensor import KerasTensor

        @functools.wraps(original)
        def compute_output_spec(self, *args, **kwargs):
            spec = original(self, *args, **kwargs)
            dtype = fn(spec, args)
            if dtype is None or not isinstance(spec, KerasTensor):
                return spec
            return KerasTensor(spec.shape, dtype)

        return compute_output_spec

    return make


def _int_input(args):
    for a in args:
        d = getattr(a, "dtype", None)
        if d is not None and str(d).startswith(("int", "uint", "bool")):
            return str(d)
    return None


for _op, _cls in (
    ("mean", "spec:numpy.reduction.Mean"),
    ("sqrt", "spec:numpy.elementwise.Sqrt"),
    ("divide", "spec:numpy.arithmetic.Divide"),
    ("sum", "spec:numpy.reduction.Sum"),
    ("abs", "spec:numpy.elementwise.Abs"),
):
    mutant(f"{_op}_symbolic_int_dtype", [_op], _cls, "symbolic dtype for int inputs")(
        spec_fault(
            lambda spec, args: (
                "float32"
                if _int_input(args) and spec.dtype != "float32"
                else (_int_input(args) if _int_input(args) else None)
            )
        )
    )


# ----------------------------------------------------------------------------- install


def _resolve(target):
    """``(owner, attribute)`` of a target."""
    if target.startswith("spec:"):
        path = target[len("spec:") :]
        module, cls = path.rsplit(".", 1)
        owner = getattr(importlib.import_module(f"keras_core.ops.{module}"), cls)
        return owner, "compute_output_spec"
    from keras_core import backend

    module, fn = target.rsplit(".", 1)
    return getattr(backend, module), fn


class _Snapshot:
    """The backend's modules as they are before a fault is installed: a fault's own code
    (which may call the very function it replaces, e.g. ``subtract``) uses these."""

    def __init__(self, backend):
        import types

        for name in ("numpy", "core", "nn", "math", "image", "linalg"):
            setattr(self, name, types.SimpleNamespace(**vars(getattr(backend, name))))
        self.standardize_dtype = backend.standardize_dtype
        self.image_data_format = backend.image_data_format


def apply(m: Mutant):
    """Installs the fault ``m`` in this process; returns a function that removes it."""
    from conformance.runner import replace_function
    from keras_core import backend as live

    backend = _Snapshot(live)

    owner, attr = _resolve(m.target)
    original = getattr(owner, attr)
    if m.target.startswith("spec:"):
        replacement = m.make(original, backend)
        setattr(owner, attr, replacement)

        def undo():
            setattr(owner, attr, original)

        return undo
    replacement = m.make(original, backend)
    count = replace_function(original, replacement)
    if not count:
        raise LookupError(f"mutant {m.name}: no reference to {m.target} found")

    def undo():
        replace_function(replacement, original)

    return undo


def catalogue(names=None, ops=None):
    """The mutants, optionally filtered by name or by op."""
    out = list(CATALOGUE)
    if names:
        out = [m for m in out if m.name in names]
    if ops:
        out = [m for m in out if set(m.ops) & set(ops)]
    return out


@mutant("argsort_unstable_past_16", ["argsort"], "numpy.argsort", "unstable ties on long arrays")
@replace
def _argsort_long(B, original, b):
    # An introsort-like kernel: stable on short rows (insertion sort), not past 16 elements.
    x, axis = B.core.convert_to_tensor(b.arguments["x"]), b.arguments["axis"]
    if axis is None or B.core.shape(x)[axis] <= 16:
        return _call_bound(original, b)
    return _reverse_ties(B, original, b)


def _reverse_ties(B, original, b):
    x, axis = B.core.convert_to_tensor(b.arguments["x"]), b.arguments["axis"]
    n = B.core.shape(x)[axis]
    b.arguments["x"] = B.numpy.flip(x, axis=axis)
    idx = _call_bound(original, b)  # (stable on the flipped rows: ties come out reversed)
    return B.numpy.subtract(B.core.cast(n - 1, _dt(B, idx)), idx)
