"""Registry entries (family "core"): control flow, scatter/slice, casts, conversion.

Loop and branch functions here are pure functions of their arguments (they close
over no tensors), so the compiled mode (jax.jit / tf.function) traces the loop
itself with the loop state as traced inputs.
"""

import ml_dtypes
import numpy as np

import keras_core
from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import np_dtype, rand
from keras_core.backend.common import dtype_rules

ops = keras_core.ops


def _same(case, dtype):
    return dtype_rules.dtype_of(case.args[0])


# ---------------------------------------------------------------------------
# cond / switch


def _two():
    return ops.convert_to_tensor([2.0, 2.0])


def _one():
    return ops.convert_to_tensor([1.0, 1.0])


register(
    Entry(
        name="cond",
        family="core",
        reference=lambda pred, true_fn, false_fn: np.full(2, 2.0) if pred else np.ones(2),
        samples=lambda dtype, rng: [
            Case((np.array(True), _two, _one), id="true"),
            Case((np.array(False), _two, _one), id="false"),
        ],
        dtypes=("bool",),
        accuracy="exact",
        out_dtype="float32",
        errors=(
            ErrorCase(
                (np.array(True), _two, 3), exc=TypeError, match=r"cond.*false_fn", id="not-callable"
            ),
        ),
    )
)


def _double(x):
    return ops.multiply(x, 2)


def _inc(x):
    return ops.add(x, 1)


def _square(x):
    return ops.multiply(x, x)


_BRANCHES = [_double, _inc, _square]


def _switch_ref(index, branches, x):
    i = int(np.clip(int(index), 0, 2))
    return [x * 2, x + 1, x * x][i]


def _switch_samples(dtype, rng):
    x = rand(rng, (2, 3), dtype)
    return [Case((np.array(i, np.int32), _BRANCHES, x), id=f"index{i}") for i in (0, 1, 2)] + [
        Case((np.array(7, np.int32), _BRANCHES, x), id="clamped-high"),
        Case((np.array(-2, np.int32), _BRANCHES, x), id="clamped-low"),
    ]


register(
    Entry(
        name="switch",
        family="core",
        reference=_switch_ref,
        samples=_switch_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="exact",
        out_dtype=lambda case, d: dtype_rules.dtype_of(case.args[2]),
        errors=(
            ErrorCase(
                (np.array(0, np.int32), [], np.ones(2, np.float32)),
                match=r"switch.*branches",
                id="no-branches",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# loops


def _while_cond(x):
    return ops.sum(x) < 100


def _while_body(x):
    return ops.add(ops.multiply(x, 2), 1)


def _pair_cond(i, x):
    return i < 3


def _pair_body(i, x):
    return ops.add(i, 1), ops.multiply(x, 3)


def _while_ref(cond, body, loop_vars, maximum_iterations=None):
    if isinstance(loop_vars, tuple):
        i, x = loop_vars
        steps = 0
        while i < 3 and (maximum_iterations is None or steps < maximum_iterations):
            i, x, steps = i + 1, x * 3, steps + 1
        return np.asarray(i, np.int32), x
    x = np.asarray(loop_vars)
    steps = 0
    while x.sum() < 100 and (maximum_iterations is None or steps < maximum_iterations):
        x, steps = x * 2 + 1, steps + 1
    return x


def _while_samples(dtype, rng):
    x = rand(rng, (3,), dtype, 0, 3)
    return [
        Case((_while_cond, _while_body, x), id="single"),
        Case((_while_cond, _while_body, x), {"maximum_iterations": 2}, id="max-iterations"),
        Case((_pair_cond, _pair_body, (np.array(0, np.int32), x)), id="tuple"),
    ]


def _while_dtype(case, dtype):
    if isinstance(case.args[2], tuple):
        return ("int32", dtype)
    return dtype


register(
    Entry(
        name="while_loop",
        family="core",
        reference=_while_ref,
        samples=_while_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="elementwise",
        out_dtype=_while_dtype,
        errors=(
            ErrorCase(
                (_while_cond, None, np.ones(2, np.float32)),
                exc=TypeError,
                match=r"while_loop.*body",
                id="body-not-callable",
            ),
        ),
    )
)


def _fori_body(i, v):
    return ops.add(ops.multiply(v, 1.5), ops.cast(i, "float32"))


def _fori_ref(lower, upper, body_fun, init_val):
    v = np.asarray(init_val, np.float64)
    for i in range(lower, upper):
        v = v * 1.5 + i
    return v


def _fori_samples(dtype, rng):
    x = rand(rng, (2, 2), dtype)
    return [
        Case((0, 4, _fori_body, x), id="0-4"),
        Case((2, 3, _fori_body, x), id="2-3"),
        Case((3, 3, _fori_body, x), id="empty-range"),
    ]


register(
    Entry(
        name="fori_loop",
        family="core",
        reference=_fori_ref,
        samples=_fori_samples,
        dtypes=("float32", "float64"),
        accuracy="elementwise",
        out_dtype=lambda case, d: d,
        differentiable=False,
    )
)


def _scan_f(c, x):
    return ops.add(c, x), ops.multiply(c, x)


def _scan_no_xs(c, x):
    return ops.multiply(c, 2), c


def _scan_ref(f, init, xs=None, length=None, reverse=False, unroll=1):
    c = np.asarray(init, np.float64)
    ys = []
    if xs is None:
        for _ in range(length):
            ys.append(c)
            c = c * 2
        return c, np.stack(ys)
    order = range(len(xs) - 1, -1, -1) if reverse else range(len(xs))
    out = [None] * len(xs)
    for i in order:
        out[i] = c * xs[i]
        c = c + xs[i]
    return c, np.stack(out)


def _scan_samples(dtype, rng):
    init, xs = rand(rng, (2,), dtype), rand(rng, (4, 2), dtype)
    if dtype == "float64":
        return [Case((_scan_f, init, xs), id="forward")]
    return [
        Case((_scan_f, init, xs), id="forward"),
        Case((_scan_f, init, xs), {"reverse": True, "unroll": 2}, id="reverse"),
        Case((_scan_no_xs, init), {"length": 3}, id="no-xs"),
    ]


register(
    Entry(
        name="scan",
        family="core",
        reference=_scan_ref,
        samples=_scan_samples,
        dtypes=("float32", "float64"),
        accuracy="reduction",
        out_dtype=lambda case, d: (d, d),
        errors=(
            ErrorCase(
                (_scan_f, np.ones(2, np.float32)), match=r"scan.*length", id="no-xs-no-length"
            ),
        ),
        differentiable=True,
        grad_argnums=(1, 2),
        symbolic_none=False,
    )
)


def _assoc_ref(f, elems, reverse=False, axis=0):
    x = np.asarray(elems)
    x = np.flip(x, axis) if reverse else x
    ufunc = np.add if f is ops.add else np.maximum
    out = ufunc.accumulate(x, axis=axis)
    return np.flip(out, axis) if reverse else out


def _assoc_samples(dtype, rng):
    x = rand(rng, (5, 3), dtype)
    return [
        Case((ops.add, x), id="cumsum", n=5),
        Case((ops.maximum, x), {"axis": 1}, id="cummax-axis1", n=3),
        Case((ops.add, x), {"reverse": True}, id="reverse", n=5),
    ]


register(
    Entry(
        name="associative_scan",
        family="core",
        reference=_assoc_ref,
        samples=_assoc_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="reduction",
        out_dtype=lambda case, d: d,
    )
)


def _map_fn(x):
    return ops.add(ops.multiply(x, x), 1)


def _map_samples(dtype, rng):
    return [
        Case((_map_fn, rand(rng, (4, 3), dtype)), id="2d"),
        Case((_map_fn, rand(rng, (3,), dtype)), id="1d"),
    ]


for _name in ("map", "vectorized_map"):
    register(
        Entry(
            name=_name,
            family="core",
            reference=lambda f, xs: xs * xs + 1,
            samples=_map_samples,
            dtypes=("int32", "float32", "float64"),
            accuracy="elementwise",
            out_dtype=lambda case, d: d,
            differentiable=True,
            grad_argnums=(1,),
        )
    )


# ---------------------------------------------------------------------------
# scatter and slices


def _scatter_ref(indices, values, shape):
    out = np.zeros(shape, dtype=np.asarray(values).dtype)
    np.add.at(out, tuple(np.moveaxis(np.asarray(indices), -1, 0)), values)
    return out


def _scatter_samples(dtype, rng):
    return [
        Case(
            (np.array([[0], [2], [0]], np.int32), rand(rng, (3,), dtype), (5,)), id="1d-duplicates"
        ),
        Case(
            (np.array([[0, 1], [2, 2], [0, 1], [1, 0]], np.int64), rand(rng, (4,), dtype), (3, 3)),
            id="2d-points",
        ),
        Case((np.array([[1], [3]], np.int32), rand(rng, (2, 2), dtype), (4, 2)), id="rows"),
    ]


register(
    Entry(
        name="scatter",
        family="core",
        reference=_scatter_ref,
        samples=_scatter_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="reduction",
        out_dtype=lambda case, d: d,
        errors=(
            ErrorCase(
                (np.array([[0], [1]], np.int32), np.ones(3, np.float32), (4,)),
                match=r"scatter.*values.*shape",
                id="values-shape",
            ),
        ),
        differentiable=True,
        grad_argnums=(1,),
        symbolic_none=False,
    )
)


def _scatter_update_ref(inputs, indices, updates, reduction=None):
    out = np.array(inputs, copy=True)
    key = tuple(np.moveaxis(np.asarray(indices), -1, 0))
    updates = np.asarray(updates).astype(out.dtype)
    if reduction is None:
        out[key] = updates
    else:
        {"add": np.add, "mul": np.multiply, "max": np.maximum, "min": np.minimum}[reduction].at(
            out, key, updates
        )
    return out


def _scatter_update_samples(dtype, rng):
    x = rand(rng, (4, 3), dtype)
    dup = np.array([[1], [3], [1]], np.int32)
    return [
        Case((x, np.array([[1], [3]], np.int32), rand(rng, (2, 3), dtype)), id="rows"),
        Case((x, np.array([[0, 2], [3, 1]], np.int64), rand(rng, (2,), dtype)), id="points"),
        Case((x, dup, rand(rng, (3, 3), dtype)), {"reduction": "add"}, id="add"),
        Case((x, dup, rand(rng, (3, 3), dtype)), {"reduction": "mul"}, id="mul"),
        Case((x, dup, rand(rng, (3, 3), dtype)), {"reduction": "max"}, id="max"),
        Case((x, dup, rand(rng, (3, 3), dtype)), {"reduction": "min"}, id="min"),
    ]


register(
    Entry(
        name="scatter_update",
        family="core",
        reference=_scatter_update_ref,
        samples=_scatter_update_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="reduction",
        out_dtype=_same,
        errors=(
            ErrorCase(
                (np.ones(4, np.float32), np.array([[1]], np.int32), np.ones(2, np.float32)),
                match=r"scatter_update.*updates.*shape",
                id="updates-shape",
            ),
            ErrorCase(
                (np.ones(4, np.float32), np.array([[1]], np.int32), np.ones(1, np.float32)),
                {"reduction": "avg"},
                match=r"scatter_update.*reduction",
                id="reduction",
            ),
        ),
    )
)


def _clamped(starts, in_shape, sizes):
    return [min(max(int(s), 0), n - k) for s, n, k in zip(starts, in_shape, sizes)]


def _slice_ref(inputs, start_indices, shape):
    s = _clamped(start_indices, inputs.shape, shape)
    return inputs[tuple(slice(a, a + k) for a, k in zip(s, shape))]


def _slice_samples(dtype, rng):
    x = rand(rng, (4, 5), dtype)
    return [
        Case((x, [1, 2], (2, 3)), id="list-starts"),
        Case((x, np.array([0, 1], np.int32), (4, 2)), id="tensor-starts"),
        Case((x, np.array([3, 4], np.int32), (2, 3)), id="clamped"),
    ]


register(
    Entry(
        name="slice",
        family="core",
        reference=_slice_ref,
        samples=_slice_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="exact",
        out_dtype=_same,
        errors=(
            ErrorCase(
                (np.ones((4, 5), np.float32), [1], (2, 3)),
                match=r"slice.*start_indices",
                id="starts-length",
            ),
        ),
        symbolic_none=False,
    )
)


def _slice_update_ref(inputs, start_indices, updates):
    out = np.array(inputs, copy=True)
    s = _clamped(start_indices, inputs.shape, updates.shape)
    out[tuple(slice(a, a + k) for a, k in zip(s, updates.shape))] = updates
    return out


def _slice_update_samples(dtype, rng):
    x = rand(rng, (4, 5), dtype)
    return [
        Case((x, [1, 2], rand(rng, (2, 3), dtype)), id="list-starts"),
        Case((x, np.array([0, 0], np.int32), rand(rng, (4, 1), dtype)), id="tensor-starts"),
        Case((x, np.array([3, 4], np.int32), rand(rng, (2, 3), dtype)), id="clamped"),
    ]


register(
    Entry(
        name="slice_update",
        family="core",
        reference=_slice_update_ref,
        samples=_slice_update_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="exact",
        out_dtype=_same,
        errors=(
            ErrorCase(
                (np.ones((4, 5), np.float32), [0, 0], np.ones((5, 1), np.float32)),
                match=r"slice_update.*updates.*shape",
                id="too-large",
            ),
        ),
        symbolic_none=False,
    )
)


# ---------------------------------------------------------------------------
# gradients, unstack, casts


def _stop_gradient_samples(dtype, rng):
    return [Case((rand(rng, s, dtype),), id=f"{s}") for s in ((), (3,), (2, 3))]


register(
    Entry(
        name="stop_gradient",
        family="core",
        reference=lambda variable: variable,
        samples=_stop_gradient_samples,
        dtypes=("int32", "float16", "float32", "float64"),
        accuracy="exact",
        out_dtype=_same,
    )
)


def _unstack_ref(x, num=None, axis=0):
    return [np.take(x, i, axis=axis) for i in range(x.shape[axis])]


def _unstack_samples(dtype, rng):
    x = rand(rng, (3, 2, 4), dtype)
    return [
        Case((x,), id="axis0"),
        Case((x,), {"axis": 1, "num": 2}, id="axis1"),
        Case((x,), {"axis": -1}, id="last"),
    ]


register(
    Entry(
        name="unstack",
        family="core",
        reference=_unstack_ref,
        samples=_unstack_samples,
        dtypes=("bool", "int32", "float32"),
        accuracy="exact",
        out_dtype=_same,
        errors=(
            ErrorCase(
                (np.ones((3, 2), np.float32),), {"num": 4}, match=r"unstack.*num", id="num-mismatch"
            ),
        ),
        symbolic_none=False,
    )
)


def _softplus_with_grad(x):
    def grad_fn(upstream):
        return ops.multiply(upstream, ops.nn.sigmoid(x))

    # The forward is opaque to autodiff: the gradient can only come from grad_fn, so a
    # backend that ignores grad_fn (and differentiates the forward) fails.
    return ops.nn.softplus(ops.stop_gradient(x)), grad_fn


def _cg_samples(dtype, rng):
    return [Case((rand(rng, (2, 3), dtype),), id="2d"), Case((rand(rng, (4,), dtype),), id="1d")]


register(
    Entry(
        name="custom_gradient",
        family="core",
        reference=lambda x: np.logaddexp(0, x),
        samples=_cg_samples,
        dtypes=("float32", "float64"),
        accuracy="transcendental",
        out_dtype=_same,
        differentiable=True,
        wrap=lambda custom_gradient: custom_gradient(_softplus_with_grad),
    )
)


def _saturate_ref(x, dtype):
    """Clip in the input dtype to the target's range (bounds rounded inward), then cast."""
    x = np.asarray(x)
    target = np.dtype(ml_dtypes.bfloat16) if dtype == "bfloat16" else np.dtype(dtype)
    if target.kind in "iu":
        t_lo, t_hi = int(np.iinfo(target).min), int(np.iinfo(target).max)
    else:
        t_lo, t_hi = float(ml_dtypes.finfo(target).min), float(ml_dtypes.finfo(target).max)
    if x.dtype.kind in "iu":
        info = np.iinfo(x.dtype)
        lo, hi = max(int(info.min), int(t_lo)), min(int(info.max), int(t_hi))
        return np.clip(x, lo, hi).astype(target)
    lo, hi = np.array(t_lo).astype(x.dtype), np.array(t_hi).astype(x.dtype)
    if target.kind in "iu":
        if int(hi) > t_hi:
            hi = np.nextafter(hi, x.dtype.type(0))
        if int(lo) < t_lo:
            lo = np.nextafter(lo, x.dtype.type(0))
    out = np.clip(x, lo, hi)
    return (np.trunc(out) if target.kind in "iu" else out).astype(target)


def _saturate_samples(dtype, rng):
    values = {
        "float32": [-300.0, 1e10, 3.7, -2.5, 127.9, -128.9, 0.0],
        "float64": [1e300, -1e300, 65519.0, -70000.0, 1.5, -0.25],
        "int32": [-70000, 300, -129, 127, 0, 65535],
        "int64": [2**40, -(2**40), 255, -1, 17],
    }[dtype]
    x = np.array(values, dtype=np_dtype(dtype))
    targets = {
        "float32": ("int8", "uint8", "int32", "float16"),
        "float64": ("float16", "float32", "int16"),
        "int32": ("int8", "uint8", "int16", "uint16"),
        "int64": ("int32", "uint8", "float16"),
    }[dtype]
    return [Case((x, t), id=t) for t in targets]


register(
    Entry(
        name="saturate_cast",
        family="core",
        reference=_saturate_ref,
        samples=_saturate_samples,
        dtypes=("int32", "int64", "float32", "float64"),
        accuracy="exact",
        out_dtype=lambda case, d: case.args[1],
        ref_native=True,
    )
)

_REARRANGE = {
    "b (h w) c -> b c h w": lambda x, h: np.moveaxis(
        x.reshape(x.shape[0], h, x.shape[1] // h, x.shape[2]), 3, 1
    ),
    "a b c -> c a b": lambda x: np.transpose(x, (2, 0, 1)),
    "a b c -> a (c b)": lambda x: np.transpose(x, (0, 2, 1)).reshape(x.shape[0], -1),
    "(a b) c -> b (a c)": lambda x, a: np.transpose(
        x.reshape(a, x.shape[0] // a, x.shape[1]), (1, 0, 2)
    ).reshape(x.shape[0] // a, -1),
}


def _rearrange_samples(dtype, rng):
    return [
        Case((rand(rng, (2, 6, 3), dtype), "b (h w) c -> b c h w"), {"h": 2}, id="split"),
        Case((rand(rng, (2, 3, 4), dtype), "a b c -> c a b"), id="transpose"),
        Case((rand(rng, (2, 3, 4), dtype), "a b c -> a (c b)"), id="merge"),
        Case((rand(rng, (6, 2), dtype), "(a b) c -> b (a c)"), {"a": 3}, id="split-merge"),
    ]


register(
    Entry(
        name="rearrange",
        family="core",
        reference=lambda tensor, pattern, **kw: _REARRANGE[pattern](tensor, **kw),
        samples=_rearrange_samples,
        dtypes=("bool", "int32", "float32"),
        accuracy="exact",
        out_dtype=_same,
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), "a b -> a c"),
                match=r"rearrange.*names",
                id="unknown-name",
            ),
            ErrorCase(
                (np.ones((2, 5), np.float32), "a (b c) -> a b c"),
                {"b": 2},
                match=r"rearrange.*split",
                id="bad-split",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# the foundation ops of ops/core.py


def _cast_samples(dtype, rng):
    x = rand(rng, (2, 3), dtype, 0, 3)
    return [Case((x, t), id=t) for t in ("float32", "int32", "bool", "float16", "int64")]


def _cast_ref(x, dtype):
    x = np.asarray(x)
    if dtype in ("int32", "int64") and x.dtype.kind == "f":
        x = np.trunc(x)
    return x.astype(dtype)


register(
    Entry(
        name="cast",
        family="core",
        reference=_cast_ref,
        samples=_cast_samples,
        dtypes=("bool", "uint8", "int32", "float16", "bfloat16", "float32", "float64"),
        accuracy="exact",
        out_dtype=lambda case, d: case.args[1],
        ref_native=True,
    )
)


def _identity_samples(dtype, rng):
    return [Case((rand(rng, (2, 3), dtype),), id="2d"), Case((rand(rng, (), dtype),), id="0d")]


register(
    Entry(
        name="convert_to_numpy",
        family="core",
        reference=lambda x: x,
        samples=_identity_samples,
        dtypes=("bool", "int32", "float16", "float32", "float64"),
        accuracy="exact",
        out_dtype=_same,
        ref_native=True,
        jit=False,
        symbolic=False,
    )
)


def _convert_samples(dtype, rng):
    x = rand(rng, (2, 3), dtype)
    return [
        Case((x,), id="same"),
        Case((x,), {"dtype": "float64"}, id="to-float64"),
        Case(([[1, 2], [3, 4]],), id="nested-ints"),
        Case(([1.5, -2.0],), id="python-floats"),
    ]


def _convert_ref(x, dtype=None, sparse=None, ragged=None):
    return np.asarray(x)


def _convert_dtype(case, dtype):
    if "dtype" in case.kwargs:
        return case.kwargs["dtype"]
    x = case.args[0]
    if isinstance(x, np.ndarray):
        return dtype
    return dtype_rules.dtype_of(x)


register(
    Entry(
        name="convert_to_tensor",
        family="core",
        reference=_convert_ref,
        samples=_convert_samples,
        dtypes=("bool", "int8", "int32", "float16", "float32", "float64"),
        accuracy="exact",
        out_dtype=_convert_dtype,
        ref_native=True,
        jit=False,
        symbolic=False,
    )
)
register(
    Entry(
        name="dtype",
        family="core",
        reference=lambda x: np.asarray(
            "bfloat16" if np.asarray(x).dtype == ml_dtypes.bfloat16 else str(np.asarray(x).dtype)
        ),
        samples=_identity_samples,
        dtypes=("bool", "uint8", "int32", "bfloat16", "float32"),
        accuracy="exact",
        out_dtype=None,
        ref_native=True,
        jit=False,
        symbolic=False,
    )
)
register(
    Entry(
        name="is_tensor",
        family="core",
        reference=lambda x: np.asarray(True),
        samples=_identity_samples,
        dtypes=("int32", "float32"),
        accuracy="exact",
        out_dtype=None,
        jit=False,
        symbolic=False,
    )
)
register(
    Entry(
        name="shape",
        family="core",
        reference=lambda x: tuple(np.shape(x)),
        samples=lambda dtype, rng: [
            Case((rand(rng, s, dtype),), id=str(s)) for s in ((), (3,), (2, 0, 4))
        ],
        dtypes=("float32",),
        accuracy="exact",
        out_dtype=None,
        jit=False,
        symbolic=False,
    )
)
