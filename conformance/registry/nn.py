"""Registry entries (family "nn"): activations, normalizations, losses, encodings,
CTC and attention. Conv/pool entries are in ``nn_conv.py``.

Every activation returns ``dtype_rules.float_dtype(x)`` (ints -> floatx).
"""

import numpy as np
import scipy.special

from conformance.references import nn as rnn
from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import float_edges, rand
from keras_core.backend.common import dtype_rules

ACT_DTYPES = ("int32", "float16", "bfloat16", "float32", "float64")
FLOATS = ("float16", "float32", "float64")
EPS = 1e-7  # keras_core.config.epsilon() default


def _fd(x):
    return dtype_rules.float_dtype(x)


def _act_cases(kwargs_list=({},)):
    def samples(dtype, rng):
        cases = []
        for i, kw in enumerate(kwargs_list):
            for shape in ((), (3,), (2, 3)) if i == 0 else ((2, 3),):
                x = np.asarray(rand(rng, shape, dtype, -4.0, 4.0))
                cases.append(Case((x,), dict(kw), id=f"{shape}-{kw}".replace(" ", "")))
        if dtype != "float64":
            cases.append(Case((rand(rng, (0, 2), dtype),), dict(kwargs_list[0]), id="empty"))
        return cases

    return samples


def _sig(x):
    return scipy.special.expit(x)


def _selu(x):
    return 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(np.minimum(x, 0)))


def _gelu(x, approximate=True):
    if approximate:
        return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + scipy.special.erf(x / np.sqrt(2)))


_ACTIVATIONS = {
    # name: (reference, accuracy, kwargs variants, edges?)
    "sigmoid": (_sig, "transcendental", ({},), True),
    "softplus": (lambda x: np.logaddexp(0, x), "transcendental", ({},), True),
    "softsign": (lambda x: x / (1 + np.abs(x)), "elementwise", ({},), False),
    "silu": (lambda x: x * _sig(x), "transcendental", ({},), False),
    "swish": (lambda x: x * _sig(x), "transcendental", ({},), False),
    "log_sigmoid": (lambda x: -np.logaddexp(0, -x), "transcendental", ({},), True),
    "hard_sigmoid": (lambda x: np.clip(x + 3, 0, 6) / 6, "elementwise", ({},), False),
    "hard_silu": (lambda x: x * np.clip(x + 3, 0, 6) / 6, "elementwise", ({},), False),
    "hard_swish": (lambda x: x * np.clip(x + 3, 0, 6) / 6, "elementwise", ({},), False),
    "selu": (_selu, "transcendental", ({},), False),
    "sparse_plus": (
        lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)),
        "elementwise",
        ({},),
        False,
    ),
    "tanh_shrink": (lambda x: x - np.tanh(x), "transcendental", ({},), False),
    "hard_tanh": (lambda x: np.clip(x, -1, 1), "elementwise", ({},), False),
    "sparse_sigmoid": (lambda x: np.clip((x + 1) / 2, 0, 1), "elementwise", ({},), False),
    "leaky_relu": (
        lambda x, negative_slope=0.2: np.where(x >= 0, x, negative_slope * x),
        "elementwise",
        ({}, {"negative_slope": 0.5}),
        False,
    ),
    "elu": (
        lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))),
        "transcendental",
        ({}, {"alpha": 0.3}),
        False,
    ),
    "gelu": (_gelu, "transcendental", ({}, {"approximate": False}), False),
    "celu": (
        lambda x, alpha=1.0: (
            np.maximum(x, 0) + np.minimum(0, alpha * np.expm1(np.minimum(x, 0) / alpha))
        ),
        "transcendental",
        ({}, {"alpha": 2.0}),
        False,
    ),
    "squareplus": (
        lambda x, b=4: (x + np.sqrt(x * x + b)) / 2,
        "transcendental",
        ({}, {"b": 1}),
        False,
    ),
    "soft_shrink": (
        lambda x, threshold=0.5: np.where(
            x > threshold, x - threshold, np.where(x < -threshold, x + threshold, 0)
        ),
        "elementwise",
        ({}, {"threshold": 1.5}),
        False,
    ),
    "hard_shrink": (
        lambda x, threshold=0.5: np.where(np.abs(x) > threshold, x, 0),
        "elementwise",
        ({}, {"threshold": 1.5}),
        False,
    ),
}


def _act_edges(dtype, rng):
    cases = float_edges(rng, dtype)
    x = cases[0].args[0]
    # The negated edges (log_sigmoid(-huge) = -huge, not log(0)) and moderate magnitudes
    # where exp(|x|) overflows in half precision or sigmoid saturates.
    cases.append(Case((np.negative(x),), id="edges_negated"))
    cases.append(Case((np.asarray([-100.0, -30.0, 30.0, 100.0]).astype(x.dtype),), id="large"))
    return cases


for _name, (_ref, _acc, _kws, _edges) in _ACTIVATIONS.items():
    register(
        Entry(
            name=_name,
            family="nn",
            reference=_ref,
            samples=_act_cases(_kws),
            dtypes=ACT_DTYPES,
            accuracy=_acc,
            out_dtype="float",
            edges=_act_edges if _edges else None,
            differentiable=True,
        )
    )


for _name, _ref, _edges in (
    ("relu", lambda x: np.maximum(x, 0), True),
    ("relu6", lambda x: np.clip(x, 0, 6), False),
):
    register(
        Entry(
            name=_name,
            family="nn",
            reference=_ref,
            samples=_act_cases(),
            dtypes=("bool", "int8", "int32") + ACT_DTYPES[1:],
            accuracy="elementwise",
            out_dtype="unary",
            edges=_act_edges if _edges else None,
            differentiable=True,
        )
    )


def _threshold_samples(dtype, rng):
    x = rand(rng, (2, 3), dtype, -4.0, 4.0)
    return [
        Case((x, 0.5, -1.0), id="basic"),
        Case((rand(rng, (4,), dtype, -4, 4), 1, 0), id="int-args"),
    ]


register(
    Entry(
        name="threshold",
        family="nn",
        reference=lambda x, threshold, default_value: np.where(x > threshold, x, default_value),
        samples=_threshold_samples,
        dtypes=ACT_DTYPES,
        accuracy="exact",
        out_dtype=lambda case, d: dtype_rules.binary_dtype(case.args[0], case.args[2]),
        differentiable=True,
    )
)


# ---------------------------------------------------------------------------
# Along an axis


def _as_float(x):
    # Integer inputs give floats; computing in float64 also keeps old SciPy's logsumexp
    # from casting -inf (an empty reduction) back to the integer dtype.
    x = np.asarray(x)
    return x if x.dtype.kind in "fc" else x.astype(np.float64)


def _softmax_ref(x, axis=-1):
    x = _as_float(x)
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return np.exp(x - scipy.special.logsumexp(x, axis=axis, keepdims=True))


def _log_softmax_ref(x, axis=-1):
    x = _as_float(x)
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return x - scipy.special.logsumexp(x, axis=axis, keepdims=True)


def _softmax_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -4.0, 4.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 3),), id="last", n=3), Case((r(2, 3),), {"axis": 0}, id="axis0", n=2)]
    return [
        Case(
            (
                r(
                    4,
                ),
            ),
            id="1d",
            n=4,
        ),
        Case((r(2, 3, 4),), id="last", n=4),
        Case((r(2, 3, 4),), {"axis": 1}, id="axis1", n=3),
        Case((r(2, 3, 4),), {"axis": (0, 2)}, id="tuple", n=8),
        Case((r(0, 3),), id="empty"),
        # Large logit gaps: exp overflows unless the maximum is subtracted first, and
        # log(softmax) underflows to -inf where log_softmax is finite.
        Case((_gap_logits(dtype),), id="large_gap", n=4),
        Case((_gap_logits(dtype).T.copy(),), {"axis": 0}, id="large_gap_axis0", n=4),
    ]


def _gap_logits(dtype):
    values = [[1000.0, 0.0, -1000.0, 3.0], [-500.0, 200.0, 199.0, -2.0]]
    return np.asarray(values, np.float64).astype(rand(np.random.default_rng(0), (), dtype).dtype)


_AXIS_ERRORS = lambda name: (  # noqa: E731
    ErrorCase(
        (np.ones((2, 3), np.float32),), {"axis": 2}, match=rf"{name}.*axis", id="axis-out-of-range"
    ),
)
register(
    Entry(
        name="softmax",
        family="nn",
        reference=_softmax_ref,
        samples=_softmax_samples,
        dtypes=ACT_DTYPES,
        accuracy="loss",
        out_dtype="float",
        errors=_AXIS_ERRORS("softmax"),
        differentiable=True,
    )
)
register(
    Entry(
        name="log_softmax",
        family="nn",
        reference=_log_softmax_ref,
        samples=_softmax_samples,
        dtypes=ACT_DTYPES,
        accuracy="loss",
        out_dtype="float",
        errors=_AXIS_ERRORS("log_softmax"),
        differentiable=True,
    )
)


def _sparsemax_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2.0, 2.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 4),), id="last", n=4)]
    return [
        Case(
            (
                r(
                    5,
                ),
            ),
            id="1d",
            n=5,
        ),
        Case((r(3, 4),), id="2d", n=4),
        Case((r(3, 4),), {"axis": 0}, id="axis0", n=3),
    ]


register(
    Entry(
        name="sparsemax",
        family="nn",
        reference=rnn.sparsemax,
        samples=_sparsemax_samples,
        dtypes=("float32", "float64"),
        accuracy="reduction",
        out_dtype="float",
        differentiable=True,
    )
)


def _glu_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -3.0, 3.0)  # noqa: E731
    return [Case((r(2, 4),), id="last"), Case((r(4, 3),), {"axis": 0}, id="axis0")]


def _glu_ref(x, axis=-1):
    a, b = np.split(x, 2, axis=axis)
    return a * _sig(b)


register(
    Entry(
        name="glu",
        family="nn",
        reference=_glu_ref,
        samples=_glu_samples,
        dtypes=("float16", "float32", "float64"),
        accuracy="transcendental",
        out_dtype="float",
        errors=(ErrorCase((np.ones((2, 3), np.float32),), match=r"glu.*even", id="odd"),),
        differentiable=True,
    )
)


# ---------------------------------------------------------------------------
# Encodings


def _one_hot_ref(x, num_classes, axis=-1, dtype=None, sparse=False):
    out = (np.asarray(x)[..., None] == np.arange(num_classes)).astype(np.float64)
    axis = axis if axis >= 0 else np.ndim(x) + 1 + axis
    return np.moveaxis(out, -1, axis)


def _one_hot_samples(dtype, rng):
    x = rand(rng, (2, 3), dtype, -1, 4)
    return [
        Case((x, 4), id="last"),
        Case((x, 4), {"axis": 0}, id="axis0"),
        Case((x, 3), {"axis": 1, "dtype": "int32"}, id="axis1-int32-outofrange"),
        Case((rand(rng, (5,), dtype, 0, 3), 4), {"dtype": "bool"}, id="1d-bool"),
    ]


register(
    Entry(
        name="one_hot",
        family="nn",
        reference=_one_hot_ref,
        samples=_one_hot_samples,
        dtypes=("int8", "int32", "int64"),
        accuracy="exact",
        out_dtype=lambda case, d: case.kwargs.get("dtype", "float32"),
        errors=(
            ErrorCase(
                (np.array([1, 2], np.int32), 0), match=r"one_hot.*num_classes", id="zero-classes"
            ),
        ),
        symbolic_none=True,
    )
)


def _multi_hot_ref(inputs, num_tokens=None, axis=-1, dtype=None, sparse=False, num_classes=None):
    n = num_tokens if num_tokens is not None else num_classes
    x = np.asarray(inputs)
    if x.ndim <= 1:
        return (x.reshape(-1, 1) == np.arange(n)).any(axis=0).astype(np.float64)
    hot = (x[..., None] == np.arange(n)).any(axis=-2).astype(np.float64)
    axis = axis if axis >= 0 else hot.ndim + axis
    return np.moveaxis(hot, -1, axis)


def _multi_hot_samples(dtype, rng):
    return [
        Case((rand(rng, (3, 4), dtype, 0, 6), 5), id="2d-outofrange"),
        Case((rand(rng, (4,), dtype, 0, 4), 5), id="1d"),
        Case(
            (rand(rng, (3, 2), dtype, 0, 4),),
            {"num_classes": 5, "dtype": "int32"},
            id="num-classes-kw-int32",
        ),
    ]


register(
    Entry(
        name="multi_hot",
        family="nn",
        reference=_multi_hot_ref,
        samples=_multi_hot_samples,
        dtypes=("int32", "int64"),
        accuracy="exact",
        out_dtype=lambda case, d: case.kwargs.get("dtype", "float32"),
        errors=(
            ErrorCase(
                (np.array([1, 2], np.int32),),
                match=r"multi_hot.*num_classes",
                id="missing-num-classes",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# Losses


def _bce_ref(target, output, from_logits=False):
    if from_logits:
        return np.maximum(output, 0) - output * target + np.log1p(np.exp(-np.abs(output)))
    o = np.clip(output, EPS, 1 - EPS)
    return -(target * np.log(o) + (1 - target) * np.log(1 - o))


def _bce_samples(dtype, rng):
    t = rand(rng, (2, 3), dtype, 0.0, 1.0)
    return [
        Case((t, rand(rng, (2, 3), dtype, 0.05, 0.95)), id="probs", n=1),
        Case((t, rand(rng, (2, 3), dtype, -4.0, 4.0)), {"from_logits": True}, id="logits"),
        Case((rand(rng, (4,), dtype, 0.0, 1.0), rand(rng, (4,), dtype, 0.1, 0.9)), id="1d"),
    ] + (
        []
        if dtype == "float64"  # (the grad cases: no finite differences across the clamp)
        else [
            # Probabilities of exactly 0 and 1 reach the clamp at epsilon.
            # (not target 0 at output 1: the clamp 1 - epsilon rounds in the dtype)
            Case((_arr([1.0, 1.0, 0.0, 0.0], dtype), _arr([0.0, 1.0, 0.0, 0.5], dtype)), id="p01"),
            # Large logits: sigmoid saturates; the loss is still |logit| for a wrong label.
            Case(
                (_arr([1.0, 0.0, 0.0, 1.0], dtype), _arr([-100.0, 100.0, -60.0, 60.0], dtype)),
                {"from_logits": True},
                id="large_logits",
            ),
        ]
    )


def _arr(values, dtype):
    return np.asarray(values, np.float64).astype(rand(np.random.default_rng(0), (), dtype).dtype)


register(
    Entry(
        name="binary_crossentropy",
        family="nn",
        reference=_bce_ref,
        samples=_bce_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), np.ones((3, 2), np.float32)),
                match=r"binary_crossentropy.*shape",
                id="shape-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _cce_ref(target, output, from_logits=False, axis=-1):
    if from_logits:
        logp = _log_softmax_ref(output, axis)
    else:
        o = output / np.sum(output, axis=axis, keepdims=True)
        logp = np.log(np.clip(o, EPS, 1 - EPS))
    return -np.sum(target * logp, axis=axis)


def _cce_samples(dtype, rng):
    onehot = np.eye(4, dtype=np.float64)[rng.integers(0, 4, 3)].astype(rand(rng, (), dtype).dtype)
    soft = rand(rng, (3, 4), dtype, 0.0, 1.0)
    return [
        Case((onehot, rand(rng, (3, 4), dtype, 0.1, 1.0)), id="probs-unnormalized", n=4),
        Case((soft, rand(rng, (3, 4), dtype, -3.0, 3.0)), {"from_logits": True}, id="logits", n=4),
        Case((soft.T.copy(), rand(rng, (4, 3), dtype, 0.1, 1.0)), {"axis": 0}, id="axis0", n=4),
    ] + (
        []
        if dtype == "float64"
        else [
            Case((soft[:2], _gap_logits(dtype)), {"from_logits": True}, id="large_gap_logits", n=4),
            Case((onehot[:2], _arr([[1, 0, 0, 0], [0, 0.5, 0.5, 0]], dtype)), id="p01", n=4),
        ]
    )


register(
    Entry(
        name="categorical_crossentropy",
        family="nn",
        reference=_cce_ref,
        samples=_cce_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)),
                match=r"categorical_crossentropy.*shape",
                id="shape-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _scce_ref(target, output, from_logits=False, axis=-1):
    target = np.asarray(target)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target[..., 0]
    if from_logits:
        logp = _log_softmax_ref(output, axis)
    else:
        o = output / np.sum(output, axis=axis, keepdims=True)
        logp = np.log(np.clip(o, EPS, 1 - EPS))
    axis = axis % output.ndim
    # Ids outside [0, classes) have an all-zero one-hot vector: their loss is zero.
    ids = target.astype(np.int64)
    valid = (ids >= 0) & (ids < output.shape[axis])
    picked = np.take_along_axis(logp, np.expand_dims(np.where(valid, ids, 0), axis), axis)
    return np.where(valid, -np.squeeze(picked, axis), 0.0)


def _scce_samples(dtype, rng):
    labels = rng.integers(0, 4, 3).astype(np.int32)
    return [
        Case((labels, rand(rng, (3, 4), dtype, 0.1, 1.0)), id="probs", n=4),
        Case((labels, rand(rng, (3, 4), dtype, -3, 3)), {"from_logits": True}, id="logits", n=4),
        Case(
            (labels.reshape(3, 1), rand(rng, (3, 4), dtype, -3, 3)),
            {"from_logits": True},
            id="target-trailing-1",
            n=4,
        ),
        Case(
            (rng.integers(0, 3, (2, 4)).astype(np.int64), rand(rng, (2, 3, 4), dtype, 0.1, 1)),
            {"axis": 1},
            id="axis1",
            n=3,
        ),
        Case(
            (np.array([-1, 4, 2, 7], np.int32), rand(rng, (4, 4), dtype, -3, 3)),
            {"from_logits": True},
            id="ids-out-of-range",
            n=4,
        ),
    ]


register(
    Entry(
        name="sparse_categorical_crossentropy",
        family="nn",
        reference=_scce_ref,
        samples=_scce_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype=lambda case, d: _fd(case.args[1]),
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.int32), np.ones((2, 4), np.float32)),
                match=r"sparse_categorical_crossentropy.*shape",
                id="shape-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(1,),
    )
)


# ---------------------------------------------------------------------------
# Statistics and normalization


def _moments_ref(x, axes, keepdims=False, synchronized=False):
    axes = tuple(axes) if isinstance(axes, (list, tuple)) else (axes,)
    return np.mean(x, axis=axes, keepdims=keepdims), np.var(x, axis=axes, keepdims=keepdims)


def _moments_samples(dtype, rng):
    x = rand(rng, (3, 4), dtype)
    if dtype == "float64":
        return [Case((x, 0), id="axis0", n=3)]
    return [
        Case((x, 0), id="axis0", n=3),
        Case((x, [0, 1]), {"keepdims": True}, id="all-keepdims", n=12),
        Case((rand(rng, (2, 3, 4), dtype), [0, 2]), id="tuple", n=8),
        Case((rand(rng, (5,), dtype), -1), {"synchronized": True}, id="1d", n=5),
    ]


register(
    Entry(
        name="moments",
        family="nn",
        reference=_moments_ref,
        samples=_moments_samples,
        dtypes=("int32", "float16", "bfloat16", "float32", "float64"),
        accuracy="reduction",
        out_dtype=lambda case, d: (_fd(case.args[0]), _fd(case.args[0])),
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), 3), match=r"moments.*axes", id="axis-out-of-range"
            ),
        ),
        differentiable=True,
    )
)


def _bn_ref(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    out = (x - mean.reshape(shape)) / np.sqrt(variance.reshape(shape) + epsilon)
    if scale is not None:
        out = out * scale.reshape(shape)
    if offset is not None:
        out = out + offset.reshape(shape)
    return out


def _bn_samples(dtype, rng):
    r = lambda *s, lo=-2.0, hi=2.0: rand(rng, s, dtype, lo, hi)  # noqa: E731
    if dtype == "float64":
        # offset and scale positional: the gradient is checked with respect to them too
        return [Case((r(2, 3), r(3), r(3, lo=0.5), -1, r(3), r(3)), id="full")]
    return [
        Case((r(2, 3, 4), r(4), r(4, lo=0.1), -1), id="last"),
        Case(
            (r(2, 3, 4), r(3), r(3, lo=0.1), 1),
            {"offset": r(3), "scale": r(3), "epsilon": 0.01},
            id="axis1-full",
        ),
    ]


register(
    Entry(
        name="batch_normalization",
        family="nn",
        reference=_bn_ref,
        samples=_bn_samples,
        dtypes=FLOATS,
        accuracy="transcendental",
        out_dtype=lambda case, d: _fd(case.args[0]),
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), np.ones(4, np.float32), np.ones(4, np.float32), -1),
                match=r"batch_normalization.*mean.*shape",
                id="length-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1, 2, 4, 5),
    )
)


def _ln_ref(x, gamma=None, beta=None, axis=-1, epsilon=None, rms_scaling=False):
    epsilon = EPS if epsilon is None else epsilon
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(a % x.ndim for a in axes)
    if rms_scaling:
        out = x / np.sqrt(np.mean(x * x, axis=axes, keepdims=True) + epsilon)
    else:
        out = (x - x.mean(axis=axes, keepdims=True)) / np.sqrt(
            x.var(axis=axes, keepdims=True) + epsilon
        )
    shape = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]
    if gamma is not None:
        out = out * gamma.reshape(shape)
    if beta is not None:
        out = out + beta.reshape(shape)
    return out


def _ln_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2.0, 2.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 3), r(3), r(3)), id="gamma-beta", n=3)]
    return [
        Case(
            (
                r(
                    5,
                ),
            ),
            id="1d",
            n=5,
        ),
        Case((r(2, 5), r(5), r(5)), id="gamma-beta", n=5),
        Case((r(2, 3, 4), r(3, 4)), {"axis": (1, 2), "epsilon": 1e-3}, id="tuple-axis", n=12),
        Case((r(3, 2),), {"axis": 0, "rms_scaling": True}, id="rms-scaling", n=3),
    ]


register(
    Entry(
        name="layer_normalization",
        family="nn",
        reference=_ln_ref,
        samples=_ln_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype=lambda case, d: _fd(case.args[0]),
        differentiable=True,
        grad_argnums=(0, 1, 2),
    )
)


def _rms_ref(x, scale=None, axis=-1, epsilon=None):
    epsilon = EPS if epsilon is None else epsilon
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(a % x.ndim for a in axes)
    out = x / np.sqrt(np.mean(x * x, axis=axes, keepdims=True) + epsilon)
    if scale is not None:
        out = out * np.reshape(scale, [x.shape[i] if i in axes else 1 for i in range(x.ndim)])
    return out


def _rms_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2.0, 2.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 3), r(3)), id="scale", n=3)]
    return [
        Case((r(2, 5),), id="plain", n=5),
        Case((r(2, 5), r(5)), id="scale", n=5),
        Case((r(2, 3, 4), r(3, 4)), {"axis": (1, 2), "epsilon": 1e-3}, id="tuple-axis", n=12),
    ]


register(
    Entry(
        name="rms_normalization",
        family="nn",
        reference=_rms_ref,
        samples=_rms_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype=lambda case, d: _fd(case.args[0]),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _normalize_ref(x, axis=-1, order=2, epsilon=None):
    epsilon = EPS if epsilon is None else epsilon
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    a = np.abs(x)
    if np.isinf(order):
        norm = a.max(axis=axis, keepdims=True)
    else:
        norm = np.sum(a**order, axis=axis, keepdims=True) ** (1 / order)
    return x / np.maximum(norm, epsilon)


def _normalize_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2.0, 2.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 3),), id="l2", n=3)]
    return [
        Case((r(2, 3),), id="l2", n=3),
        Case((r(2, 3),), {"axis": 0, "order": 1}, id="l1-axis0", n=2),
        Case((r(2, 3, 2),), {"axis": (1, 2)}, id="tuple", n=6),
        Case((np.zeros((2, 2), dtype=r(1).dtype),), id="zeros"),
    ]


register(
    Entry(
        name="normalize",
        family="nn",
        reference=_normalize_ref,
        samples=_normalize_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32),),
                {"order": 0},
                match=r"normalize.*order",
                id="bad-order",
            ),
        ),
        differentiable=True,
    )
)


def _psnr_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, 0.0, 1.0)  # noqa: E731
    return [
        Case((r(2, 3), r(2, 3), 1.0), id="basic", n=6),
        Case((r(4, 4, 1), r(4, 4, 1), 2.0), id="image", n=16),
    ]


register(
    Entry(
        name="psnr",
        family="nn",
        reference=lambda x1, x2, max_val: (
            20 * np.log10(max_val) - 10 * np.log10(np.mean((x1 - x2) ** 2))
        ),
        samples=_psnr_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype=lambda case, d: dtype_rules.float_dtype(case.args[0], case.args[1]),
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), np.ones((3, 2), np.float32), 1.0),
                match=r"psnr.*shape",
                id="shape-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _polar_samples(dtype, rng):
    return [
        Case((rand(rng, (2, 3), dtype, 0, 3), rand(rng, (2, 3), dtype, -3, 3)), id="same"),
        Case((rand(rng, (3,), dtype, 0, 3), rand(rng, (2, 1), dtype, -3, 3)), id="broadcast"),
    ]


register(
    Entry(
        name="polar",
        family="nn",
        reference=lambda abs_, angle: abs_ * np.cos(angle) + 1j * abs_ * np.sin(angle),
        samples=_polar_samples,
        dtypes=("float32", "float64"),
        accuracy="transcendental",
        out_dtype=lambda case, d: "complex128" if d == "float64" else "complex64",
    )
)


# ---------------------------------------------------------------------------
# CTC and attention


def _ctc_loss_samples(dtype, rng):
    if dtype == "float64":
        return [
            Case(
                (
                    np.array([[1, 2]], np.int32),
                    rand(rng, (1, 3, 3), dtype),
                    np.array([2], np.int32),
                    np.array([3], np.int32),
                ),
                id="small",
                n=3,
            )
        ]
    return [
        Case(
            (
                np.array([[1, 2], [1, 1]], np.int32),
                rand(rng, (2, 4, 3), dtype),
                np.array([2, 2], np.int32),
                np.array([4, 4], np.int32),
            ),
            id="repeat",
            n=12,
        ),
        Case(
            (
                np.array([[2, 1], [1, 0]], np.int32),
                rand(rng, (2, 4, 3), dtype),
                np.array([2, 1], np.int32),
                np.array([4, 3], np.int32),
            ),
            id="lengths",
            n=12,
        ),
        Case(
            (
                np.array([[0, 1]], np.int32),
                rand(rng, (1, 3, 3), dtype),
                np.array([2], np.int32),
                np.array([3], np.int32),
            ),
            {"mask_index": 2},
            id="mask-index-2",
            n=9,
        ),
    ]


register(
    Entry(
        name="ctc_loss",
        family="nn",
        reference=rnn.ctc_loss,
        samples=_ctc_loss_samples,
        dtypes=("float32", "float64"),
        accuracy="loss",
        out_dtype=lambda case, d: _fd(case.args[1]),
        errors=(
            ErrorCase(
                (
                    np.ones((2,), np.int32),
                    np.ones((2, 3, 3), np.float32),
                    np.ones(2, np.int32),
                    np.ones(2, np.int32),
                ),
                match=r"ctc_loss.*target.*rank",
                id="target-rank",
            ),
        ),
        differentiable=True,
        grad_argnums=(1,),
    )
)


def _ctc_decode_samples(dtype, rng):
    x = rand(rng, (2, 4, 3), dtype, -2.0, 2.0)
    lengths = np.array([4, 3], np.int32)
    x5 = rand(rng, (3, 5, 3), dtype, -2.0, 2.0)
    lengths5 = np.array([5, 2, 1], np.int32)
    return [
        Case((x, lengths), id="greedy", n=4),
        Case((x, lengths), {"merge_repeated": False}, id="greedy-no-merge", n=4),
        Case((x, lengths), {"mask_index": 2}, id="greedy-mask2", n=4),
        # The beams are wide enough to keep every prefix (2 labels: at most 31 of
        # them over 4 steps, 63 over 5), so the search is exact and matches the
        # reference's enumeration of all labelings.
        Case(
            (x, lengths),
            {"strategy": "beam_search", "beam_width": 50, "top_paths": 2},
            id="beam-top2",
            n=12,
        ),
        Case(
            (x, lengths),
            {"strategy": "beam_search", "beam_width": 40, "top_paths": 3, "mask_index": 2},
            id="beam-mask2-top3",
            n=12,
        ),
        Case(
            (x5, lengths5),
            {"strategy": "beam_search", "beam_width": 64, "top_paths": 1},
            id="beam-top1-lengths",
            n=15,
        ),
    ]


register(
    Entry(
        name="ctc_decode",
        family="nn",
        reference=rnn.ctc_decode,
        samples=_ctc_decode_samples,
        dtypes=("float32", "float64"),
        accuracy="loss",
        out_dtype=lambda case, d: ("int32", _fd(case.args[0])),
        errors=(
            ErrorCase(
                (np.ones((2, 3, 3), np.float32), np.ones(2, np.int32)),
                {"strategy": "best"},
                match=r"ctc_decode.*strategy",
                id="strategy",
            ),
            ErrorCase(
                (np.ones((2, 3, 3), np.float32), np.ones(2, np.int32)),
                {"strategy": "beam_search", "beam_width": 2, "top_paths": 3},
                match=r"ctc_decode.*top_paths",
                id="top-paths",
            ),
        ),
    )
)


def _attention_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1.5, 1.5)  # noqa: E731
    if dtype == "float64":
        return [Case((r(1, 2, 1, 2), r(1, 3, 1, 2), r(1, 3, 1, 2)), id="small", n=3)]
    q, k, v = r(2, 3, 4, 5), r(2, 4, 2, 5), r(2, 4, 2, 3)
    mask = rng.random((2, 1, 3, 4)) < 0.7
    mask[..., 0] = True  # no fully masked row
    return [
        Case((r(2, 3, 2, 4), r(2, 3, 2, 4), r(2, 3, 2, 4)), id="mha", n=4),
        Case((q, k, v), id="gqa", n=5),
        Case((q, k, v), {"mask": mask}, id="mask", n=5),
        Case((r(2, 3, 2, 4), r(2, 3, 2, 4), r(2, 3, 2, 4)), {"is_causal": True}, id="causal", n=4),
        Case((q, k, v), {"bias": r(1, 4, 3, 4), "scale": 0.3}, id="bias-scale", n=5),
        Case((q, k, v), {"attn_logits_soft_cap": 2.0}, id="softcap", n=5),
    ]


register(
    Entry(
        name="dot_product_attention",
        family="nn",
        reference=rnn.dot_product_attention,
        samples=_attention_samples,
        dtypes=FLOATS,
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3, 4), np.float32),) * 3,
                match=r"dot_product_attention.*query.*rank",
                id="rank",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1, 2),
    )
)
