"""Registry entries (family "math"): special functions, FFTs, STFT, top-k, segments, ...

FFT ops take and return ``(real, imag)`` tuples. References are NumPy/SciPy.
"""

import numpy as np
import scipy.special

from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import np_dtype, rand
from keras_core.backend.common import dtype_rules

FLOATS = ("float16", "bfloat16", "float32", "float64")


def _fd(x):
    return dtype_rules.float_dtype(x)


def _quiet(fn):
    def wrapped(*args, **kwargs):
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)

    return wrapped


def _unary(low, high, shapes=((), (3,), (2, 3), (0, 2))):
    def samples(dtype, rng):
        return [
            Case((rand(rng, s, dtype, low, high),), id=f"shape{s}".replace(" ", "")) for s in shapes
        ]

    return samples


def _edges(values):
    def edges(dtype, rng):
        return [Case((np.array(values, dtype=np_dtype(dtype)),), id="edges")]

    return edges


register(
    Entry(
        name="erf",
        family="math",
        reference=_quiet(scipy.special.erf),
        samples=_unary(-3, 3),
        dtypes=("int32",) + FLOATS,
        accuracy="transcendental",
        out_dtype="float",
        edges=_edges([np.nan, np.inf, -np.inf, 0.0, -0.0, 6.0]),
        differentiable=True,
    )
)
register(
    Entry(
        name="erfc",
        family="math",
        reference=_quiet(scipy.special.erfc),
        samples=_unary(-3, 3),
        dtypes=FLOATS,
        accuracy="transcendental",
        out_dtype="float",
        edges=_edges([np.nan, np.inf, -np.inf, 0.0]),
        differentiable=True,
    )
)
register(
    Entry(
        name="erfinv",
        family="math",
        reference=_quiet(scipy.special.erfinv),
        samples=_unary(-0.95, 0.95),
        dtypes=FLOATS,
        accuracy="transcendental",
        out_dtype="float",
        edges=_edges([np.nan, 1.0, -1.0, 0.0, 2.0]),
        differentiable=True,
    )
)
register(
    Entry(
        name="rsqrt",
        family="math",
        reference=_quiet(lambda x: 1 / np.sqrt(x)),
        samples=_unary(0.1, 5),
        dtypes=("int32",) + FLOATS,
        accuracy="transcendental",
        out_dtype="float",
        edges=_edges([np.inf, 0.0, -1.0, np.nan]),
        differentiable=True,
    )
)


def _lse_ref(x, axis=None, keepdims=False):
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return scipy.special.logsumexp(x, axis=axis, keepdims=keepdims)


def _lse_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -4, 4)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 3),), {"axis": 1}, id="axis1", n=3)]
    return [
        Case((r(2, 3),), id="all", n=6),
        Case((r(2, 3, 4),), {"axis": (0, 2), "keepdims": True}, id="tuple-keepdims", n=8),
        Case(
            (
                r(
                    5,
                ),
            ),
            {"axis": -1},
            id="1d",
            n=5,
        ),
        Case(
            # far past exp's overflow: only a max-shifted logsumexp is finite here
            ((r(2, 3).astype(np.float64) + 1000.0).astype(r(1).dtype),),
            {"axis": 1},
            id="large",
            n=3,
        ),
    ]


register(
    Entry(
        name="logsumexp",
        family="math",
        reference=_lse_ref,
        samples=_lse_samples,
        dtypes=("int32",) + FLOATS,
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32),),
                {"axis": 3},
                match=r"logsumexp.*axis",
                id="axis-out-of-range",
            ),
        ),
        differentiable=True,
    )
)


# ---------------------------------------------------------------------------
# FFT


def _pair_out(case, dtype):
    d = _fd(case.args[0][0])
    return (d, d)


def _complex(pair):
    return pair[0] + 1j * pair[1]


def _fft_samples(min_rank):
    def samples(dtype, rng):
        r = lambda *s: rand(rng, s, dtype, -2, 2)  # noqa: E731
        if dtype == "float64":
            return [Case(((r(2, 3), r(2, 3)),), id="small", n=6)]
        shapes = [(5,), (2, 6), (2, 3, 4)] if min_rank == 1 else [(3, 4), (2, 3, 5)]
        return [Case(((r(*s), r(*s)),), id=f"{s}".replace(" ", ""), n=max(s)) for s in shapes]

    return samples


def _fft_ref(x):
    z = np.fft.fft(_complex(x), axis=-1)
    return z.real, z.imag


def _fft2_ref(x):
    z = np.fft.fft2(_complex(x), axes=(-2, -1))
    return z.real, z.imag


def _ifft2_ref(x):
    z = np.fft.ifft2(_complex(x), axes=(-2, -1))
    return z.real, z.imag


_FFT_ERRORS = lambda name: (  # noqa: E731
    ErrorCase(
        ((np.ones((2, 3), np.float32), np.ones((3, 2), np.float32)),),
        match=rf"{name}.*shape",
        id="shape-mismatch",
    ),
    ErrorCase((np.ones((2, 3), np.float32),), match=rf"{name}.*tuple", id="not-a-pair"),
)

for _name, _ref, _rank in (("fft", _fft_ref, 1), ("fft2", _fft2_ref, 2), ("ifft2", _ifft2_ref, 2)):
    register(
        Entry(
            name=_name,
            family="math",
            reference=_ref,
            samples=_fft_samples(_rank),
            dtypes=("float32", "float64"),
            accuracy="fft",
            out_dtype=_pair_out,
            errors=_FFT_ERRORS(_name),
            differentiable=False,
        )
    )


def _rfft_ref(x, fft_length=None):
    z = np.fft.rfft(x, n=fft_length, axis=-1)
    return z.real, z.imag


def _rfft_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2, 2)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 4),), id="even", n=4)]
    return [
        Case(
            (
                r(
                    6,
                ),
            ),
            id="even",
            n=6,
        ),
        Case((r(2, 7),), id="odd", n=7),
        Case((r(2, 5),), {"fft_length": 8}, id="pad", n=8),
        Case((r(3, 8),), {"fft_length": 5}, id="crop", n=5),
    ]


register(
    Entry(
        name="rfft",
        family="math",
        reference=_rfft_ref,
        samples=_rfft_samples,
        dtypes=("float32", "float64"),
        accuracy="fft",
        out_dtype=lambda case, d: (_fd(case.args[0]), _fd(case.args[0])),
        differentiable=True,
    )
)


def _irfft_ref(x, fft_length=None):
    return np.fft.irfft(_complex(x), n=fft_length, axis=-1)


def _irfft_samples(dtype, rng):
    def spectrum(shape, n):
        z = np.fft.rfft(rng.uniform(-2, 2, shape[:-1] + (n,)), axis=-1)
        return (z.real.astype(np_dtype(dtype)), z.imag.astype(np_dtype(dtype)))

    return [
        Case((spectrum((2, 4), 6),), id="even", n=6),
        Case((spectrum((5,), 7),), {"fft_length": 7}, id="odd-length", n=7),
        Case((spectrum((2, 3), 4),), {"fft_length": 8}, id="longer", n=8),
    ]


register(
    Entry(
        name="irfft",
        family="math",
        reference=_irfft_ref,
        samples=_irfft_samples,
        dtypes=("float32", "float64"),
        accuracy="fft",
        out_dtype=lambda case, d: _fd(case.args[0][0]),
    )
)


def _hann_or_hamming(window, sequence_length, fft_length):
    if window is None:
        w = np.ones(sequence_length)
    elif isinstance(window, str):
        n = np.arange(sequence_length)
        a = 0.5 if window == "hann" else 0.54
        w = a - (1 - a) * np.cos(2 * np.pi * n / sequence_length)
    else:
        w = np.asarray(window, np.float64)
    left = (fft_length - sequence_length) // 2
    out = np.zeros(fft_length)
    out[left : left + sequence_length] = w
    return out


def _stft_ref(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = np.asarray(x, np.float64)
    if center:
        p = fft_length // 2
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(p, p)], mode="reflect")
    w = _hann_or_hamming(window, sequence_length, fft_length)
    count = (x.shape[-1] - fft_length) // sequence_stride + 1
    frames = np.stack(
        [x[..., i * sequence_stride : i * sequence_stride + fft_length] * w for i in range(count)],
        axis=-2,
    )
    z = np.fft.rfft(frames, axis=-1)
    return z.real, z.imag


def _stft_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -1, 1)  # noqa: E731
    return [
        Case(
            (
                r(
                    10,
                ),
                4,
                2,
                4,
            ),
            id="hann",
            n=4,
        ),
        Case((r(2, 11), 3, 2, 4), {"window": "hamming"}, id="hamming-pad", n=4),
        Case(
            (
                r(
                    12,
                ),
                5,
                3,
                8,
            ),
            {"center": False},
            id="no-center",
            n=8,
        ),
        Case(
            (
                r(
                    9,
                ),
                4,
                1,
                4,
            ),
            {"window": None},
            id="rect",
            n=4,
        ),
        Case(
            (r(2, 10), 4, 2, 6),
            {"window": rand(rng, (4,), dtype, 0.1, 1.0)},
            id="tensor-window",
            n=6,
        ),
    ]


register(
    Entry(
        name="stft",
        family="math",
        reference=_stft_ref,
        samples=_stft_samples,
        dtypes=("float32", "float64"),
        accuracy="fft",
        out_dtype=lambda case, d: (_fd(case.args[0]), _fd(case.args[0])),
        errors=(
            ErrorCase(
                (np.ones(10, np.float32), 4, 2, 4),
                {"window": "kaiser"},
                match=r"stft.*window",
                id="bad-window",
            ),
            ErrorCase(
                (np.ones(10, np.float32), 8, 2, 4),
                match=r"stft.*fft_length",
                id="fft-shorter-than-window",
            ),
        ),
    )
)


def _istft_ref(
    x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True
):
    frames = np.fft.irfft(_complex(x), n=fft_length, axis=-1)
    w = _hann_or_hamming(window, sequence_length, fft_length)
    count = frames.shape[-2]
    total = fft_length + sequence_stride * (count - 1)
    signal = np.zeros(frames.shape[:-2] + (total,))
    envelope = np.zeros(total)
    for i in range(count):
        signal[..., i * sequence_stride : i * sequence_stride + fft_length] += frames[..., i, :] * w
        envelope[i * sequence_stride : i * sequence_stride + fft_length] += w * w
    signal = np.where(envelope > 1e-11, signal / np.where(envelope > 1e-11, envelope, 1), 0.0)
    start = fft_length // 2 if center else 0
    if length is None:
        return signal[..., start : total - start]
    out = signal[..., start : start + length]
    return np.pad(out, [(0, 0)] * (out.ndim - 1) + [(0, length - out.shape[-1])])


def _istft_samples(dtype, rng):
    def spec(n, seq, stride, fft, **kw):
        re, im = _stft_ref(rng.uniform(-1, 1, n), seq, stride, fft, **kw)
        return (re.astype(np_dtype(dtype)), im.astype(np_dtype(dtype)))

    return [
        Case((spec((10,), 4, 2, 4), 4, 2, 4), id="hann", n=4),
        Case(
            (spec((2, 11), 4, 1, 6, window="hamming"), 4, 1, 6),
            {"window": "hamming", "length": 11},
            id="hamming-length",
            n=6,
        ),
        Case(
            (spec((12,), 4, 2, 4, center=False), 4, 2, 4),
            {"center": False, "length": 13},
            id="no-center-pad",
            n=4,
        ),
    ]


register(
    Entry(
        name="istft",
        family="math",
        reference=_istft_ref,
        samples=_istft_samples,
        dtypes=("float32", "float64"),
        accuracy="fft",
        out_dtype=lambda case, d: _fd(case.args[0][0]),
    )
)


# ---------------------------------------------------------------------------
# top-k, segments


def _top_k_ref(x, k, sorted=True):
    x = np.asarray(x)
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(x, order, axis=-1), order


def _top_k_samples(dtype, rng):
    return [
        Case((rand(rng, (6,), dtype), 3), id="1d"),
        Case((rand(rng, (2, 5), dtype), 1), id="k1"),
        Case((rand(rng, (2, 3, 4), dtype), 4), {"sorted": True}, id="k-all"),
        Case((np.array([[1, 3, 3, 2, 3]], dtype=np_dtype(dtype)), 2), id="ties"),
    ]


register(
    Entry(
        name="top_k",
        family="math",
        reference=_top_k_ref,
        samples=_top_k_samples,
        dtypes=("int32", "float16", "float32", "float64"),
        accuracy="exact",
        out_dtype=lambda case, d: (d, "int32"),
        errors=(ErrorCase((np.ones((2, 3), np.float32), 4), match=r"top_k.*k", id="k-too-large"),),
    )
)


def _in_top_k_ref(targets, predictions, k):
    picked = np.take_along_axis(predictions, np.asarray(targets)[:, None].astype(int), -1)
    return np.sum(predictions > picked, axis=-1) < k


def _in_top_k_samples(dtype, rng):
    preds = rand(rng, (5, 4), dtype)
    targets = rng.integers(0, 4, 5).astype(np.int32)
    return [
        Case((targets, preds, 1), id="k1"),
        Case((targets, preds, 2), id="k2"),
        Case((targets.astype(np.int64), preds, 4), id="k-all"),
    ]


register(
    Entry(
        name="in_top_k",
        family="math",
        reference=_in_top_k_ref,
        samples=_in_top_k_samples,
        dtypes=("float32", "float64"),
        accuracy="exact",
        out_dtype="bool",
    )
)


def _segment_ref(ufunc, identity):
    def ref(data, segment_ids, num_segments=None, sorted=False):
        data = np.asarray(data)
        ids = np.asarray(segment_ids).astype(int)
        n = num_segments if num_segments is not None else int(ids.max()) + 1
        fill = identity
        if data.dtype.kind in "iu" and np.isinf(identity):
            info = np.iinfo(data.dtype)
            fill = info.min if identity < 0 else info.max
        out = np.full((n,) + data.shape[1:], fill, dtype=data.dtype)
        for i, s in enumerate(ids):
            if 0 <= s < n:
                out[s] = ufunc(out[s], data[i])
        return out

    return ref


def _segment_samples(empty_ok):
    def samples(dtype, rng):
        r = lambda *s: rand(rng, s, dtype, -3, 3)  # noqa: E731
        cases = [
            Case(
                (r(5), np.array([0, 0, 1, 2, 2], np.int32)), {"num_segments": 3}, id="sorted", n=2
            ),
            Case(
                (r(6, 2), np.array([2, 0, 1, 0, 2, 1], np.int32)),
                {"num_segments": 3},
                id="unsorted-2d",
                n=2,
            ),
            Case(
                (r(4, 2, 2), np.array([1, 1, 0, 0], np.int64)),
                {"num_segments": 2, "sorted": False},
                id="3d",
                n=2,
            ),
        ]
        if empty_ok:
            cases.append(
                Case(
                    (r(4), np.array([0, 0, 3, 3], np.int32)),
                    {"num_segments": 5},
                    id="empty-segments",
                    n=2,
                )
            )
        return cases

    return samples


for _name, _ufunc, _identity, _empty in (
    ("segment_sum", np.add, 0, True),
    ("segment_prod", np.multiply, 1, True),
    ("segment_max", np.maximum, -np.inf, False),
    ("segment_min", np.minimum, np.inf, False),
):
    register(
        Entry(
            name=_name,
            family="math",
            reference=_segment_ref(_ufunc, _identity),
            samples=_segment_samples(_empty),
            dtypes=("int32", "float32", "float64"),
            accuracy="reduction" if _name in ("segment_sum", "segment_prod") else "exact",
            out_dtype="same",
            errors=(
                ErrorCase(
                    (np.ones((3, 2), np.float32), np.zeros((2,), np.int32)),
                    {"num_segments": 2},
                    match=rf"{_name}.*segment_ids.*shape",
                    id="length-mismatch",
                ),
            ),
            differentiable=_name == "segment_sum",
        )
    )


def _extract_sequences_ref(x, sequence_length, sequence_stride):
    x = np.asarray(x)
    count = (x.shape[-1] - sequence_length) // sequence_stride + 1
    return np.stack(
        [x[..., i * sequence_stride : i * sequence_stride + sequence_length] for i in range(count)],
        axis=-2,
    )


def _extract_sequences_samples(dtype, rng):
    return [
        Case((rand(rng, (10,), dtype), 4, 3), id="1d"),
        Case((rand(rng, (2, 7), dtype), 3, 1), id="2d-stride1"),
        Case((rand(rng, (2, 2, 6), dtype), 6, 2), id="single-frame"),
    ]


register(
    Entry(
        name="extract_sequences",
        family="math",
        reference=_extract_sequences_ref,
        samples=_extract_sequences_samples,
        dtypes=("int32", "float32", "float64"),
        accuracy="exact",
        out_dtype="same",
        differentiable=True,
    )
)


def _spd(rng, dtype, batch, n):
    m = rng.uniform(-1, 1, batch + (n, n))
    return (m @ np.swapaxes(m, -1, -2) + n * np.eye(n)).astype(np_dtype(dtype))


def _logdet_samples(dtype, rng):
    return [
        Case((_spd(rng, dtype, (), 3),), id="3x3", n=3),
        Case((_spd(rng, dtype, (2,), 2),), id="batch", n=2),
    ]


register(
    Entry(
        name="logdet",
        family="math",
        reference=lambda x: np.linalg.slogdet(x)[1],
        samples=_logdet_samples,
        dtypes=("float32", "float64"),
        accuracy="linalg",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32),), match=r"logdet.*square.*shape", id="non-square"
            ),
        ),
        differentiable=True,
    )
)


def _cdist_ref(x, y):
    return np.sqrt(np.sum((x[..., :, None, :] - y[..., None, :, :]) ** 2, axis=-1))


def _cdist_samples(dtype, rng):
    r = lambda *s: rand(rng, s, dtype, -2, 2)  # noqa: E731
    if dtype == "float64":
        return [Case((r(2, 2), r(3, 2)), id="2d", n=2)]
    return [
        Case((r(3, 4), r(5, 4)), id="2d", n=4),
        Case((r(2, 3, 2), r(1, 4, 2)), id="batch-broadcast", n=2),
    ]


register(
    Entry(
        name="cdist",
        family="math",
        reference=_cdist_ref,
        samples=_cdist_samples,
        dtypes=("float32", "float64"),
        accuracy="reduction",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)),
                match=r"cdist.*shape",
                id="dim-mismatch",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)


def _complex_samples(dtype, rng):
    def c(*s):
        return np.asarray(rng.uniform(-2, 2, s) + 1j * rng.uniform(-2, 2, s)).astype(dtype)

    return [Case((c(3),), id="1d"), Case((c(2, 3),), id="2d"), Case((c(),), id="0d")]


register(
    Entry(
        name="view_as_real",
        family="math",
        reference=lambda x: np.stack([np.real(x), np.imag(x)], axis=-1),
        samples=_complex_samples,
        dtypes=("complex64", "complex128"),
        accuracy="exact",
        out_dtype=lambda case, d: "float64" if d == "complex128" else "float32",
        errors=(
            ErrorCase(
                (np.ones(3, np.float32),),
                exc=TypeError,
                match=r"view_as_real.*complex",
                id="real-input",
            ),
        ),
    )
)


def _view_as_complex_samples(dtype, rng):
    return [Case((rand(rng, (3, 2), dtype),), id="2d"), Case((rand(rng, (2,), dtype),), id="1d")]


register(
    Entry(
        name="view_as_complex",
        family="math",
        reference=lambda x: x[..., 0] + 1j * x[..., 1],
        samples=_view_as_complex_samples,
        dtypes=("float32", "float64"),
        accuracy="elementwise",
        out_dtype=lambda case, d: "complex128" if d == "float64" else "complex64",
        errors=(
            ErrorCase(
                (np.ones((2, 3), np.float32),),
                match=r"view_as_complex.*shape",
                id="last-axis-not-2",
            ),
        ),
    )
)
