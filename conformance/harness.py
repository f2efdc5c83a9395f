"""Runs registry cases on the active backend and compares them with the references.

Every check returns a ``Result``; nothing here asserts, so the same code feeds
pytest (registry_test.py) and the JSON report (``python -m conformance run``).
"""

import dataclasses
import re
import traceback

import ml_dtypes
import numpy as np

from conformance import backends
from conformance.tolerances import checks_signed_zero, error_floor, tolerance
from keras_core.backend.common import dtype_rules, tree
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.keras_tensor import KerasTensor

FLOAT_KINDS = "fc"


@dataclasses.dataclass
class Result:
    status: str  # pass | fail | xfail | unsupported | not_applicable | error
    message: str = ""
    max_abs: float = 0.0
    max_rel: float = 0.0
    tol: float = 0.0
    # The signed errors (got - want) / max(floor, |want|) of every finite float
    # element, in order: two backends' errors subtract to their exact difference
    # (the reference is shared). None when unknown (complex outputs, early failures).
    errs: list = None

    @property
    def ok(self):
        return self.status in ("pass", "xfail", "unsupported", "not_applicable")


def _dtype_name(a):
    if isinstance(a, np.ndarray) or isinstance(a, np.generic):
        return "bfloat16" if a.dtype == ml_dtypes.bfloat16 else str(a.dtype)
    return None


def _weak(a):
    if isinstance(a, np.ndarray):
        return a
    if isinstance(a, (bool, int, float, complex)):
        return a
    return None


def expected_dtype(entry, case, dtype):
    rule = entry.out_dtype
    if rule is None:
        return None
    if callable(rule):
        return rule(case, dtype)
    operands = [a for a in case.args if _weak(a) is not None]
    if rule == "promote":
        return dtype_rules.binary_dtype(*operands)
    if rule == "float":
        return dtype_rules.float_dtype(*operands)
    if rule == "unary":
        return dtype_rules.arithmetic_unary_dtype(operands[0])
    if rule == "sum":
        return dtype_rules.sum_dtype(operands[0])
    if rule == "same":
        return dtype_rules.dtype_of(operands[0])
    return standardize_dtype(rule)


def _to_ref(a):
    """Reference inputs: floats computed in float64 (complex in complex128)."""
    if isinstance(a, np.ndarray):
        if a.dtype == ml_dtypes.bfloat16 or a.dtype.kind == "f":
            return a.astype(np.float64)
        if a.dtype.kind == "c":
            return a.astype(np.complex128)
    return a


def reference_output(entry, case, expected):
    to_ref = (lambda a: a) if getattr(entry, "ref_native", False) else _to_ref
    args = tree.map_structure(to_ref, tuple(case.args))
    kwargs = tree.map_structure(to_ref, dict(case.kwargs))
    ref = entry.reference(*args, **kwargs)

    def cast(r, d):
        r = np.asarray(r)
        if d is None:
            return r
        target = np.dtype(ml_dtypes.bfloat16) if d == "bfloat16" else np.dtype(d)
        with np.errstate(all="ignore"):
            return r.astype(target)

    if isinstance(expected, (tuple, list)):
        return type(ref)(cast(r, d) for r, d in zip(ref, expected))
    return tree.map_structure(lambda r: cast(r, expected), ref)


def to_backend_args(case):
    args = tree.map_structure(backends.to_backend, tuple(case.args))
    kwargs = tree.map_structure(backends.to_backend, dict(case.kwargs))
    return args, kwargs


def compare(out, ref, accuracy, n=1, expected=None, entry=None):
    """Compares op output(s) with reference output(s); returns a Result.

    ``entry`` (optional) gives the family and error floor: elementwise and
    transcendental numpy/math ops are measured relative down to the dtype's
    smallest normal, and exact zeros must carry the reference's sign.
    """
    family = getattr(entry, "family", "")
    # (the sign-of-zero and relative-error rules need the entry; without it: the old metric)
    outs, refs = tree.flatten(out), tree.flatten(ref)
    if len(outs) != len(refs):
        return Result("fail", f"{len(outs)} outputs, reference has {len(refs)}")
    worst_abs = worst_rel = tol_used = 0.0
    errs = []
    exp_list = list(expected) if isinstance(expected, (tuple, list)) else [expected] * len(outs)
    for i, (o, r) in enumerate(zip(outs, refs)):
        o, r = np.asarray(o), np.asarray(r)
        if o.shape != r.shape:
            return Result("fail", f"output {i}: shape {o.shape}, expected {r.shape}")
        if exp_list[i] is not None and _dtype_name(o) != exp_list[i]:
            return Result("fail", f"output {i}: dtype {_dtype_name(o)}, expected {exp_list[i]}")
        dname = _dtype_name(r)
        is_float = r.dtype == ml_dtypes.bfloat16 or r.dtype.kind in FLOAT_KINDS
        if not is_float or accuracy == "exact":
            if r.dtype.kind in FLOAT_KINDS or r.dtype == ml_dtypes.bfloat16:
                wide = np.complex128 if r.dtype.kind == "c" else np.float64
                same = np.array_equal(o.astype(wide), r.astype(wide), equal_nan=True)
            else:
                same = np.array_equal(o, r)
            if (
                same
                and entry is not None
                and r.dtype.kind == "f"
                or (same and entry is not None and r.dtype == ml_dtypes.bfloat16)
            ):
                zero_sign = _signed_zero_mismatch(o, r)
                if zero_sign is not None and checks_signed_zero(
                    accuracy, family, getattr(entry, "error_floor", None)
                ):
                    return Result("fail", f"output {i}: sign of zero differs at {zero_sign}")
            if not same:
                bad = np.argwhere(o != r)[:3].tolist() if o.shape else []
                return Result(
                    "fail",
                    f"output {i}: values differ (exact check) at {bad}: "
                    f"got {o.ravel()[:6]}, expected {r.ravel()[:6]}",
                )
            continue
        tol = tolerance(
            accuracy,
            dname
            if dname in ("float16", "bfloat16", "float32", "float64")
            else ("float32" if r.dtype == np.complex64 else "float64"),
            n,
        )
        o64 = o.astype(np.complex128 if r.dtype.kind == "c" else np.float64)
        r64 = r.astype(np.complex128 if r.dtype.kind == "c" else np.float64)
        nan_o, nan_r = np.isnan(o64), np.isnan(r64)
        if not np.array_equal(nan_o, nan_r):
            return Result(
                "fail",
                f"output {i}: NaN positions differ: got {o.ravel()[:6]}, expected {r.ravel()[:6]}",
            )
        inf_r = np.isinf(r64)
        if not np.array_equal(o64[inf_r], r64[inf_r]):
            return Result("fail", f"output {i}: infinities differ")
        finite = ~(nan_r | inf_r)
        if not finite.any():
            continue
        err = np.abs(o64[finite] - r64[finite])
        floor = error_floor(accuracy, family, dname, getattr(entry, "error_floor", None))
        if entry is None:
            floor = 1.0
        den = np.maximum(floor, np.abs(r64[finite]))
        rel = err / den
        if errs is not None and r.dtype.kind != "c":
            errs.extend(((o64[finite] - r64[finite]) / den).tolist())
        else:
            errs = None
        if (
            entry is not None
            and r.dtype.kind != "c"
            and checks_signed_zero(accuracy, family, getattr(entry, "error_floor", None))
        ):
            zero_sign = _signed_zero_mismatch(o64, r64)
            if zero_sign is not None:
                return Result("fail", f"output {i}: sign of zero differs at {zero_sign}")
        worst_abs = max(worst_abs, float(err.max()))
        worst_rel = max(worst_rel, float(rel.max()))
        tol_used = max(tol_used, tol)
        if float(rel.max()) > tol:
            k = int(np.argmax(rel))
            return Result(
                "fail",
                f"output {i}: error {float(rel.max()):.3g} > tolerance {tol:.3g} "
                f"(got {o64[finite][k]!r}, expected {r64[finite][k]!r})",
                worst_abs,
                worst_rel,
                tol,
            )
    return Result("pass", "", worst_abs, worst_rel, tol_used, errs)


def _signed_zero_mismatch(o, r):
    """The first index where both are zero but the signs differ (None if nowhere)."""
    o = np.asarray(o, np.float64)
    r = np.asarray(r, np.float64)
    both = (o == 0) & (r == 0)
    bad = both & (np.signbit(o) != np.signbit(r))
    if bad.any():
        return np.argwhere(bad)[0].tolist() if bad.ndim else []
    return None


def _guard(fn):
    def wrapped(entry, *a, **k):
        try:
            return fn(entry, *a, **k)
        except NotImplementedError as e:
            # Only what the backend declares (its UNSUPPORTED tables) is unsupported;
            # any other NotImplementedError is a conformance error.
            declared = backends.declared_unsupported(entry.name)
            if declared is not None:
                return Result("unsupported", f"declared unsupported ({declared}): {e}")
            return Result(
                "error",
                f"undeclared NotImplementedError: {e} ({entry.name} is not in the "
                f"{backends.NAME} backend's UNSUPPORTED tables)",
            )
        except Exception as e:  # the harness reports, pytest decides
            return Result("error", f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=6)}")

    return wrapped


def _post(entry, x):
    return entry.postprocess(x) if entry.postprocess is not None else x


@_guard
def run_eager(entry, case, dtype):
    expected = expected_dtype(entry, case, dtype)
    args, kwargs = to_backend_args(case)
    out = backends.to_numpy(entry.op()(*args, **kwargs))
    ref = reference_output(entry, case, expected)
    if entry.postprocess is not None:
        # Dtypes are checked on the raw outputs, values after postprocessing.
        dres = _check_dtypes(out, expected)
        if dres is not None:
            return dres
        return compare(_post(entry, out), _post(entry, ref), entry.accuracy, case.n, None, entry)
    return compare(out, ref, entry.accuracy, case.n, expected, entry)


def _check_dtypes(out, expected):
    outs = tree.flatten(out)
    exp = list(expected) if isinstance(expected, (tuple, list)) else [expected] * len(outs)
    for i, (o, e) in enumerate(zip(outs, exp)):
        if e is not None and _dtype_name(np.asarray(o)) != e:
            return Result("fail", f"output {i}: dtype {_dtype_name(np.asarray(o))}, expected {e}")
    return None


def _symbolic_args(case, none_batch):
    def sym(a):
        if isinstance(a, np.ndarray):
            shape = tuple(a.shape)
            if none_batch and shape:
                shape = (None,) + shape[1:]
            return KerasTensor(shape, _dtype_name(a))
        return a

    return tree.map_structure(sym, tuple(case.args)), tree.map_structure(sym, dict(case.kwargs))


@_guard
def run_symbolic(entry, case, dtype, none_batch=False):
    args, kwargs = to_backend_args(case)
    eager = backends.to_numpy(entry.op()(*args, **kwargs))
    sargs, skwargs = _symbolic_args(case, none_batch)
    spec = entry.op()(*sargs, **skwargs)
    specs, outs = tree.flatten(spec), tree.flatten(eager)
    if len(specs) != len(outs):
        return Result("fail", f"symbolic call gave {len(specs)} outputs, eager {len(outs)}")
    for i, (s, o) in enumerate(zip(specs, outs)):
        if not isinstance(s, KerasTensor):
            return Result("fail", f"symbolic output {i} is {type(s).__name__}, not a KerasTensor")
        o = np.asarray(o)
        if len(s.shape) != o.ndim:
            return Result(
                "fail", f"output {i}: symbolic rank {len(s.shape)} vs eager shape {o.shape}"
            )
        for sd, od in zip(s.shape, o.shape):
            if sd is None and (none_batch or getattr(entry, "dynamic_shape", False)):
                continue
            if sd != od:
                return Result("fail", f"output {i}: symbolic shape {s.shape} vs eager {o.shape}")
        if s.dtype != _dtype_name(o):
            return Result("fail", f"output {i}: symbolic dtype {s.dtype} vs eager {_dtype_name(o)}")
    return Result("pass")


@_guard
def run_jit(entry, case, dtype):
    if not backends.supports_jit():
        return Result("unsupported", f"no jit mode on {backends.NAME}")
    expected = expected_dtype(entry, case, dtype)
    positions = [i for i, a in enumerate(case.args) if isinstance(a, np.ndarray)]
    args, kwargs = to_backend_args(case)
    op = entry.op()

    def fn(*traced):
        full = list(args)
        for i, t in zip(positions, traced):
            full[i] = t
        return op(*full, **kwargs)

    out = backends.to_numpy(backends.jit(fn)(*[args[i] for i in positions]))
    ref = reference_output(entry, case, expected)
    if entry.postprocess is not None:
        return compare(_post(entry, out), _post(entry, ref), entry.accuracy, case.n, None, entry)
    return compare(out, ref, entry.accuracy, case.n, expected, entry)


@_guard
def run_grad(entry, case, dtype, h=1e-6):
    if not backends.supports_grad():
        return Result("unsupported", f"no gradients on {backends.NAME}")
    argnums = [
        i
        for i in entry.grad_argnums
        if i < len(case.args)
        and isinstance(case.args[i], np.ndarray)
        and case.args[i].dtype.kind == "f"
        and case.args[i].size > 0
    ]
    if not argnums:
        return Result("not_applicable", "no float array argument to differentiate")
    op = entry.op()
    args, kwargs = to_backend_args(case)
    out0 = backends.to_numpy(op(*args, **kwargs))
    rng = np.random.default_rng(0)
    weights = [rng.uniform(-1, 1, np.shape(o)) for o in tree.flatten(out0)]

    def numeric_value(np_args):
        full_args, full_kwargs = to_backend_args(type(case)(tuple(np_args), case.kwargs))
        outs = tree.flatten(backends.to_numpy(op(*full_args, **full_kwargs)))
        return sum(
            float(np.sum(np.asarray(o, np.float64) * w))
            for o, w in zip(outs, weights)
            if np.asarray(o).dtype.kind == "f"
        )

    def traced(*diff):
        full = list(args)
        for i, t in zip(argnums, diff):
            full[i] = t
        outs = tree.flatten(op(*full, **kwargs))
        total = 0.0
        for o, w in zip(outs, weights):
            if backends.backend.standardize_dtype(o.dtype) in ("float32", "float64"):
                total = total + backends.backend.numpy.sum(
                    backends.backend.numpy.multiply(
                        o, backends.backend.convert_to_tensor(w, dtype=o.dtype)
                    )
                )
        return total

    grads = backends.grad(traced, [args[i] for i in argnums])
    base = list(case.args)
    for g, i in zip(grads, argnums):
        x = np.array(base[i], dtype=np.float64)
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            xp, xm = x.copy(), x.copy()
            xp[idx] += h
            xm[idx] -= h
            bp, bm = list(base), list(base)
            bp[i], bm[i] = xp, xm
            numeric[idx] = (numeric_value(bp) - numeric_value(bm)) / (2 * h)
        if g is None:
            g = np.zeros_like(x)
        g = np.asarray(g, dtype=np.float64)
        err = np.abs(g - numeric) / np.maximum(1.0, np.abs(numeric))
        if err.size and float(err.max()) > 1e-5:
            return Result(
                "fail",
                f"gradient of arg {i}: max error {float(err.max()):.3g} "
                f"(autodiff {g.ravel()[:4]}, finite differences {numeric.ravel()[:4]})",
                float(np.abs(g - numeric).max()),
                float(err.max()),
                1e-5,
            )
    return Result("pass")


def run_error(entry, ecase):
    args, kwargs = to_backend_args(ecase)
    try:
        entry.op()(*args, **kwargs)
    except ecase.exc as e:
        if ecase.match and not re.search(ecase.match, str(e)):
            return Result(
                "fail",
                f"raised {type(e).__name__} but message {str(e)!r} does not match {ecase.match!r}",
            )
        return Result("pass")
    except Exception as e:
        return Result("fail", f"raised {type(e).__name__}: {e}; expected {ecase.exc}")
    return Result("fail", f"no error raised; expected {ecase.exc}")
