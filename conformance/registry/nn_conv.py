"""Registry entries (family "nn"): convolutions, pooling, depth/space, fold/unfold.

References are the explicit-loop code in ``conformance/references/{conv,pool}.py``.
Cases cover both data formats, 1D/2D/3D, odd sizes, strides > 1 and dilation > 1.
float64 samples are tiny: they also drive the finite-difference gradient checks.
"""

import math

import numpy as np

from conformance.references import conv as rconv
from conformance.references import pool as rpool
from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import rand

CONV_DTYPES = ("float16", "float32", "float64")


def _cf(x):
    """channels_last array -> channels_first."""
    return np.ascontiguousarray(np.moveaxis(x, -1, 1))


def _half_subset(dtype, cases, keep=3):
    """float16/bfloat16 check a few cases only (the suite must stay fast)."""
    return cases[:keep] if dtype in ("float16", "bfloat16") else cases


def _conv_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1.0, 1.0)  # noqa: E731
    if dtype == "float64":
        return [
            Case((r(1, 4, 2), r(2, 2, 3)), id="1d", n=4),
            Case((r(1, 3, 3, 1), r(2, 2, 1, 2)), {"padding": "same"}, id="2d-same", n=4),
            Case((r(1, 2, 3, 2), r(1, 2, 1, 2)), {"padding": "same"}, id="2d-groups", n=2),
        ]
    x2 = r(2, 5, 6, 3)
    return _half_subset(
        dtype,
        [
            Case((r(2, 7, 3), r(3, 3, 4)), id="1d-valid", n=9),
            Case((r(2, 7, 3), r(3, 3, 4)), {"strides": 2, "padding": "same"}, id="1d-same-s2", n=9),
            Case((x2, r(3, 3, 3, 4)), id="2d-valid", n=27),
            Case(
                (x2, r(3, 2, 3, 2)), {"strides": (2, 1), "padding": "same"}, id="2d-same-s21", n=18
            ),
            Case((x2, r(2, 2, 3, 2)), {"dilation_rate": 2, "padding": "same"}, id="2d-dil2", n=12),
            Case((x2, r(2, 3, 3, 2)), {"dilation_rate": (2, 1)}, id="2d-valid-dil21", n=18),
            Case((x2, r(3, 3, 1, 6)), {"padding": "same"}, id="2d-groups3", n=9),
            Case(
                (_cf(x2), r(3, 3, 3, 4)),
                {"strides": 2, "padding": "same", "data_format": "channels_first"},
                id="2d-cf-s2",
                n=27,
            ),
            Case(
                (_cf(x2), r(2, 2, 3, 2)),
                {"dilation_rate": 2, "data_format": "channels_first"},
                id="2d-cf-dil2",
                n=12,
            ),
            Case((r(1, 4, 5, 3, 2), r(2, 3, 2, 2, 3)), {"padding": "same"}, id="3d-same", n=24),
            Case(
                (_cf(r(1, 4, 5, 3, 2)), r(2, 2, 2, 2, 2)),
                {"strides": 2, "data_format": "channels_first"},
                id="3d-cf-s2",
                n=16,
            ),
        ],
    )


def _conv_errors():
    x = np.ones((1, 5, 5, 3), np.float32)
    return (
        ErrorCase(
            (x, np.ones((3, 3, 2, 4), np.float32)),
            match=r"conv.*channels.*kernel.*shape",
            id="channel-mismatch",
        ),
        ErrorCase(
            (x, np.ones((7, 7, 3, 4), np.float32)),
            match=r"conv.*kernel.*shape",
            id="kernel-larger-than-input",
        ),
        ErrorCase(
            (x, np.ones((3, 3, 3, 4), np.float32)),
            {"padding": "full"},
            match=r"conv.*padding",
            id="bad-padding",
        ),
        ErrorCase(
            (np.ones((5, 3), np.float32), np.ones((3, 3, 4), np.float32)),
            match=r"conv.*inputs.*rank",
            id="rank",
        ),
        ErrorCase(
            (x, np.ones((3, 3, 3, 4), np.float32)),
            {"strides": (1, 2, 3)},
            match=r"conv.*strides",
            id="strides-length",
        ),
    )


register(
    Entry(
        name="conv",
        family="nn",
        reference=rconv.conv,
        samples=_conv_samples,
        dtypes=CONV_DTYPES,
        accuracy="conv",
        out_dtype="float",
        errors=_conv_errors(),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _depthwise_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1.0, 1.0)  # noqa: E731
    if dtype == "float64":
        return [
            Case((r(1, 5, 2), r(2, 2, 2)), id="1d", n=2),
            Case((r(1, 3, 3, 1), r(2, 2, 1, 2)), {"padding": "same"}, id="2d-same", n=4),
        ]
    x = r(2, 5, 7, 3)
    return _half_subset(
        dtype,
        [
            Case((r(2, 9, 2), r(3, 2, 2)), {"strides": 2}, id="1d-s2", n=3),
            Case((x, r(3, 3, 3, 2)), id="2d-valid", n=9),
            Case((x, r(3, 3, 3, 1)), {"padding": "same", "strides": (1, 2)}, id="2d-same-s12", n=9),
            Case((x, r(2, 2, 3, 2)), {"dilation_rate": 2, "padding": "same"}, id="2d-dil2", n=4),
            Case(
                (_cf(x), r(3, 2, 3, 2)),
                {"data_format": "channels_first", "strides": 2},
                id="2d-cf-s2",
                n=6,
            ),
            Case((r(1, 3, 4, 5, 2), r(2, 2, 2, 2, 1)), {"padding": "same"}, id="3d-same", n=8),
        ],
    )


register(
    Entry(
        name="depthwise_conv",
        family="nn",
        reference=rconv.depthwise_conv,
        samples=_depthwise_samples,
        dtypes=CONV_DTYPES,
        accuracy="conv",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((1, 5, 5, 3), np.float32), np.ones((3, 3, 2, 2), np.float32)),
                match=r"depthwise_conv.*channels.*shape",
                id="channel-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _separable_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1.0, 1.0)  # noqa: E731
    if dtype == "float64":
        return [
            Case(
                (r(1, 3, 3, 1), r(2, 2, 1, 2), r(1, 1, 2, 2)),
                {"padding": "same"},
                id="2d-same",
                n=8,
            )
        ]
    x = r(2, 6, 5, 2)
    return _half_subset(
        dtype,
        [
            Case((r(2, 8, 3), r(3, 3, 2), r(1, 6, 4)), {"strides": 2}, id="1d-s2", n=18),
            Case((x, r(3, 3, 2, 2), r(1, 1, 4, 3)), {"padding": "same"}, id="2d-same", n=36),
            Case((x, r(2, 2, 2, 1), r(1, 1, 2, 3)), {"dilation_rate": 2}, id="2d-dil2", n=8),
            Case(
                (_cf(x), r(3, 3, 2, 2), r(1, 1, 4, 3)),
                {"data_format": "channels_first", "strides": (2, 1), "padding": "same"},
                id="2d-cf",
                n=36,
            ),
        ],
    )


register(
    Entry(
        name="separable_conv",
        family="nn",
        reference=rconv.separable_conv,
        samples=_separable_samples,
        dtypes=CONV_DTYPES,
        accuracy="conv",
        out_dtype="float",
        errors=(
            ErrorCase(
                (
                    np.ones((1, 5, 5, 3), np.float32),
                    np.ones((3, 3, 3, 2), np.float32),
                    np.ones((1, 1, 5, 4), np.float32),
                ),
                match=r"separable_conv.*pointwise_kernel.*shape",
                id="pointwise-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1, 2),
    )
)


def _transpose_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1.0, 1.0)  # noqa: E731
    if dtype == "float64":
        return [
            Case((r(1, 3, 2), r(2, 2, 2)), {"strides": 2}, id="1d-s2", n=4),
            Case(
                (r(1, 2, 2, 2), r(2, 2, 1, 2)),
                {"strides": 2, "padding": "same"},
                id="2d-same-s2",
                n=8,
            ),
        ]
    x = r(2, 4, 5, 3)
    return _half_subset(
        dtype,
        [
            Case((r(2, 5, 3), r(3, 2, 3)), id="1d-valid", n=9),
            Case((r(2, 5, 3), r(3, 2, 3)), {"strides": 2, "padding": "same"}, id="1d-same-s2", n=9),
            Case((r(2, 5, 3), r(4, 2, 3)), {"strides": 3}, id="1d-valid-s3", n=12),
            Case((x, r(3, 3, 2, 3)), {"strides": 2, "padding": "same"}, id="2d-same-s2", n=27),
            Case((x, r(3, 3, 2, 3)), {"strides": (2, 1)}, id="2d-valid-s21", n=27),
            Case(
                (x, r(3, 3, 2, 3)),
                {"strides": 2, "padding": "same", "output_padding": 1},
                id="2d-same-op1",
                n=27,
            ),
            Case(
                (x, r(4, 4, 2, 3)),
                {"strides": 2, "padding": "same", "output_padding": 1},
                id="2d-same-k4-op1",
                n=48,
            ),
            Case(
                (x, r(3, 2, 2, 3)),
                {"strides": 2, "output_padding": (1, 0)},
                id="2d-valid-op10",
                n=18,
            ),
            Case((x, r(2, 2, 2, 3)), {"dilation_rate": 2, "padding": "same"}, id="2d-dil2", n=12),
            Case(
                (_cf(x), r(3, 3, 2, 3)),
                {"strides": 2, "padding": "same", "data_format": "channels_first"},
                id="2d-cf-s2",
                n=27,
            ),
            Case((r(1, 2, 3, 2, 2), r(2, 2, 2, 3, 2)), {"strides": 2}, id="3d-s2", n=16),
        ],
    )


register(
    Entry(
        name="conv_transpose",
        family="nn",
        reference=rconv.conv_transpose,
        samples=_transpose_samples,
        dtypes=CONV_DTYPES,
        accuracy="conv",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((1, 4, 4, 3), np.float32), np.ones((3, 3, 2, 5), np.float32)),
                {"strides": 2},
                match=r"conv_transpose.*channels.*shape",
                id="channel-mismatch",
            ),
            ErrorCase(
                (np.ones((1, 4, 4, 3), np.float32), np.ones((3, 3, 2, 3), np.float32)),
                {"strides": 2, "output_padding": 2},
                match=r"conv_transpose.*output_padding",
                id="output-padding-too-large",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


# ---------------------------------------------------------------------------
# Pooling


def _pool_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -3.0, 3.0)  # noqa: E731
    if dtype == "float64":
        return [
            Case((r(1, 5, 2), 2), id="1d", n=2),
            Case((r(1, 3, 3, 1), 2), {"strides": 1, "padding": "same"}, id="2d-same", n=4),
        ]
    x = r(2, 5, 7, 3)
    return _half_subset(
        dtype,
        [
            Case((r(2, 7, 3), 3), {"strides": 2}, id="1d-s2", n=3),
            Case((r(2, 7, 3), 2), {"padding": "same"}, id="1d-same", n=2),
            Case((x, 2), id="2d-valid", n=4),
            Case((x, (3, 2)), {"strides": (2, 3), "padding": "same"}, id="2d-same-odd", n=6),
            Case((x, 3), {"strides": 1, "padding": "same"}, id="2d-same-s1", n=9),
            Case((_cf(x), 2), {"data_format": "channels_first"}, id="2d-cf", n=4),
            Case(
                (_cf(x), 3),
                {"strides": 2, "padding": "same", "data_format": "channels_first"},
                id="2d-cf-same",
                n=9,
            ),
            Case((r(1, 4, 5, 3, 2), 2), {"padding": "same"}, id="3d-same", n=8),
        ],
    )


def _pool_errors(name):
    return (
        ErrorCase(
            (np.ones((1, 3, 3, 2), np.float32), 4),
            match=rf"{name}.*pool_size.*shape",
            id="pool-larger-than-input",
        ),
        ErrorCase(
            (np.ones((1, 4, 4, 2), np.float32), 2),
            {"padding": "causal"},
            match=rf"{name}.*padding",
            id="bad-padding",
        ),
    )


register(
    Entry(
        name="max_pool",
        family="nn",
        reference=rpool.max_pool,
        samples=_pool_samples,
        dtypes=CONV_DTYPES,
        accuracy="exact",
        out_dtype="float",
        errors=_pool_errors("max_pool"),
        differentiable=True,
    )
)
register(
    Entry(
        name="average_pool",
        family="nn",
        reference=rpool.average_pool,
        samples=_pool_samples,
        dtypes=CONV_DTYPES,
        accuracy="reduction",
        out_dtype="float",
        errors=_pool_errors("average_pool"),
        differentiable=True,
    )
)


def _adaptive_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -3.0, 3.0)  # noqa: E731
    if dtype == "float64":
        return [Case((r(1, 5, 2), 3), id="1d", n=2)]
    x = r(2, 5, 7, 3)
    return _half_subset(
        dtype,
        [
            Case((r(2, 7, 2), 3), id="1d", n=3),
            Case((x, (2, 3)), id="2d", n=9),
            Case((x, 4), id="2d-overlap", n=4),
            Case((_cf(x), (3, 2)), {"data_format": "channels_first"}, id="2d-cf", n=8),
            Case((r(1, 4, 5, 3, 2), 2), id="3d", n=12),
        ],
    )


register(
    Entry(
        name="adaptive_average_pool",
        family="nn",
        reference=rpool.adaptive_average_pool,
        samples=_adaptive_samples,
        dtypes=CONV_DTYPES,
        accuracy="reduction",
        out_dtype="float",
        differentiable=True,
    )
)
register(
    Entry(
        name="adaptive_max_pool",
        family="nn",
        reference=rpool.adaptive_max_pool,
        samples=_adaptive_samples,
        dtypes=CONV_DTYPES,
        accuracy="exact",
        out_dtype="float",
        differentiable=True,
    )
)


# ---------------------------------------------------------------------------
# Rearrangements


def _d2s_samples(dtype, rng):
    x = rand(rng, (2, 2, 3, 8), dtype)
    return [
        Case((x, 2), id="cl"),
        Case((_cf(x), 2), {"data_format": "channels_first"}, id="cf"),
        Case((rand(rng, (1, 1, 2, 18), dtype), 3), id="b3"),
    ]


def _s2d_samples(dtype, rng):
    x = rand(rng, (2, 4, 6, 3), dtype)
    return [
        Case((x, 2), id="cl"),
        Case((_cf(x), 2), {"data_format": "channels_first"}, id="cf"),
        Case((rand(rng, (1, 3, 6, 2), dtype), 3), id="b3"),
    ]


REARRANGE_DTYPES = ("bool", "int32", "float16", "float32", "float64")

register(
    Entry(
        name="depth_to_space",
        family="nn",
        reference=rpool.depth_to_space,
        samples=_d2s_samples,
        dtypes=REARRANGE_DTYPES,
        accuracy="exact",
        out_dtype="same",
        errors=(
            ErrorCase(
                (np.ones((1, 2, 2, 6), np.float32), 2),
                match=r"depth_to_space.*block_size",
                id="channels-not-divisible",
            ),
        ),
    )
)
register(
    Entry(
        name="space_to_depth",
        family="nn",
        reference=rpool.space_to_depth,
        samples=_s2d_samples,
        dtypes=REARRANGE_DTYPES,
        accuracy="exact",
        out_dtype="same",
        errors=(
            ErrorCase(
                (np.ones((1, 3, 4, 2), np.float32), 2),
                match=r"space_to_depth.*block_size",
                id="size-not-divisible",
            ),
        ),
    )
)


def _unfold_samples(dtype, rng):
    if dtype == "float64":
        return [Case((rand(rng, (1, 1, 3, 3), dtype), 2), id="k2")]
    x = rand(rng, (2, 3, 5, 6), dtype)
    return [
        Case((x, 2), id="k2"),
        Case((x, (3, 2)), {"stride": 2, "padding": 1}, id="k32-s2-p1"),
        Case((x, 2), {"dilation": (2, 1), "stride": (1, 2)}, id="dil"),
    ]


def _fold_samples(dtype, rng):
    def blocks(size, k, d, p, s):
        return (size + 2 * p - (k - 1) * d - 1) // s + 1

    if dtype == "float64":
        return [Case((rand(rng, (1, 4, 4), dtype), (3, 3), 2), id="k2")]
    cases = []
    for out, k, d, p, s, cid in (
        ((5, 6), (2, 2), 1, 0, 1, "k2"),
        ((5, 6), (3, 2), 1, 1, 2, "k32-s2-p1"),
        ((5, 6), (2, 2), (2, 1), 0, (1, 2), "dil"),
    ):
        dd = rconv.as_tuple(d, 2)
        ss = rconv.as_tuple(s, 2)
        pp = rconv.as_tuple(p, 2)
        n = math.prod(blocks(o, kk, d_, p_, s_) for o, kk, d_, p_, s_ in zip(out, k, dd, pp, ss))
        x = rand(rng, (2, 3 * k[0] * k[1], n), dtype)
        cases.append(Case((x, out, k), {"dilation": d, "padding": p, "stride": s}, id=cid, n=4))
    return cases


register(
    Entry(
        name="unfold",
        family="nn",
        reference=rpool.unfold,
        samples=_unfold_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="exact",
        out_dtype="same",
        differentiable=True,
    )
)
register(
    Entry(
        name="fold",
        family="nn",
        reference=rpool.fold,
        samples=_fold_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="reduction",
        out_dtype="same",
        differentiable=True,
    )
)
