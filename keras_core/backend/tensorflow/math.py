"""The tensorflow backend's math functions (keras_core/ops/math.py)."""

import math

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtype_rules
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

# qr is a linalg op; the backend API also offers it as math.qr.
from keras_core.backend.tensorflow.linalg import qr  # noqa: F401

UNSUPPORTED = {}


def _half_safe(fn, x):
    """Runs ``fn`` in float32 for half types TF has no kernel for, casting back."""
    return tf.cast(fn(h.upcast_half(x)), x.dtype)


def erf(x):
    x = h.to_float(x)
    # TF's float64 erf returns NaN at +-inf; the limits are +-1.
    return tf.where(tf.math.is_inf(x), tf.sign(x), tf.math.erf(x))


def erfc(x):
    return tf.math.erfc(h.to_float(x))


def _erfinv_refined(x):
    # TF's float64 erfinv is off by ~100 ulp near 0: one Newton step on
    # erf(y) = x restores full precision (skipped where y is infinite, x = +-1).
    y = tf.math.erfinv(x)
    if x.dtype != tf.float64:
        return y
    step = (tf.math.erf(y) - x) / (2.0 / math.sqrt(math.pi) * tf.exp(-tf.square(y)))
    return tf.where(tf.math.is_finite(y), y - step, y)


def erfinv(x):
    return _half_safe(_erfinv_refined, h.to_float(x))


def rsqrt(x):
    return tf.math.rsqrt(h.to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = h.to_float(x)
    axes = h.canonical_axes("logsumexp", axis, h.static_rank("logsumexp", x))
    return tf.reduce_logsumexp(x, axis=axes, keepdims=keepdims)


# ---------------------------------------------------------------- segments


def _segment(op, reduce_fn, data, segment_ids, num_segments):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids)
    if ids.dtype not in (tf.int32, tf.int64):
        ids = tf.cast(ids, "int32")
    if num_segments is None:
        # reduce_max of no ids is the dtype's minimum, so an empty input gives 0 segments.
        num_segments = tf.maximum(tf.reduce_max(ids) + 1, 0)
    if data.dtype == tf.bool:
        out = reduce_fn(tf.cast(data, "int32"), ids, num_segments)
        return tf.cast(out, "bool")
    return reduce_fn(data, ids, num_segments)


def _empty_fill(reduced, data, ids, num_segments, value):
    counts = tf.math.unsorted_segment_sum(tf.ones_like(ids, "int32"), ids, num_segments)
    trailing = tf.ones([data.shape.rank - ids.shape.rank], "int32")
    counts = tf.reshape(counts, tf.concat([tf.shape(counts), trailing], 0))
    return tf.where(counts > 0, reduced, h.cast(value, reduced.dtype))


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment("segment_sum", tf.math.unsorted_segment_sum, data, segment_ids, num_segments)


def segment_prod(data, segment_ids, num_segments=None, sorted=False):
    return _segment("segment_prod", tf.math.unsorted_segment_prod, data, segment_ids, num_segments)


def _extreme(fn, identity_sign):
    def reduce_fn(data, ids, num_segments):
        out = fn(data, ids, num_segments)
        if data.dtype.is_floating:
            return _empty_fill(out, data, ids, num_segments, identity_sign * np.inf)
        return out

    return reduce_fn


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    fn = _extreme(tf.math.unsorted_segment_max, -1)
    return _segment("segment_max", fn, data, segment_ids, num_segments)


def segment_min(data, segment_ids, num_segments=None, sorted=False):
    fn = _extreme(tf.math.unsorted_segment_min, 1)
    return _segment("segment_min", fn, data, segment_ids, num_segments)


# ---------------------------------------------------------------- top k


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    values, indices = tf.math.top_k(x, k, sorted=sorted)
    return values, tf.cast(indices, "int32")


def in_top_k(targets, predictions, k):
    # A target is in the top k when fewer than k predictions are strictly larger than its own
    # (so ties at the boundary count as in), as tf.math.in_top_k documents; computed directly
    # so every dtype keeps its precision. Out-of-range targets and non-finite scores are False.
    predictions = convert_to_tensor(predictions)
    if predictions.dtype == tf.bool:
        predictions = tf.cast(predictions, "int32")
    targets = tf.cast(convert_to_tensor(targets), "int32")
    classes = tf.shape(predictions)[-1]
    valid = (targets >= 0) & (targets < classes)
    safe = tf.where(valid, targets, tf.zeros_like(targets))
    score = tf.gather(predictions, safe[..., None], batch_dims=targets.shape.rank)
    larger = tf.reduce_sum(tf.cast(predictions > score, "int32"), axis=-1)
    finite = tf.math.is_finite(score[..., 0]) if predictions.dtype.is_floating else valid
    return valid & finite & (larger < k)


# ---------------------------------------------------------------- fft


def _complex_pair(x, op):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(
            f"{op}: `x` must be a tuple (real, imag) of two tensors of the same shape. "
            f"Received: x={x!r}"
        )
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    h.check_shapes_equal(op, real, imag, "real", "imag")
    dtype = dtype_rules.float_dtype(real, imag)
    compute = "float64" if dtype == "float64" else "float32"
    return tf.complex(tf.cast(real, compute), tf.cast(imag, compute)), dtype


def _split(c, dtype):
    return tf.cast(tf.math.real(c), dtype), tf.cast(tf.math.imag(c), dtype)


def _check_fft_rank(c, rank, op):
    if h.static_rank(op, c) < rank:
        raise ValueError(
            f"{op}: the input must have rank >= {rank}. Received: shape={tuple(c.shape.as_list())}"
        )


def fft(x):
    c, dtype = _complex_pair(x, "fft")
    _check_fft_rank(c, 1, "fft")
    return _split(tf.signal.fft(c), dtype)


def fft2(x):
    c, dtype = _complex_pair(x, "fft2")
    _check_fft_rank(c, 2, "fft2")
    return _split(tf.signal.fft2d(c), dtype)


def ifft2(x):
    c, dtype = _complex_pair(x, "ifft2")
    _check_fft_rank(c, 2, "ifft2")
    return _split(tf.signal.ifft2d(c), dtype)


def _real_for_fft(x, op):
    x = h.to_float(x)
    if x.dtype.is_complex:
        raise TypeError(f"{op}: `x` must be real. Received: dtype={x.dtype.name}")
    _check_fft_rank(x, 1, op)
    return x, h.dtype_name(x)


def rfft(x, fft_length=None):
    x, dtype = _real_for_fft(x, "rfft")
    if fft_length is None:
        fft_length = h.dim(x, -1)
    compute = "float64" if dtype == "float64" else "float32"
    out = tf.signal.rfft(tf.cast(x, compute), tf.reshape(fft_length, [1]))
    return _split(out, dtype)


def irfft(x, fft_length=None):
    c, dtype = _complex_pair(x, "irfft")
    _check_fft_rank(c, 1, "irfft")
    if fft_length is None:
        fft_length = 2 * (h.dim(c, -1) - 1)
    # NumPy ignores the imaginary parts of the DC and Nyquist bins of a real signal's spectrum.
    return tf.cast(tf.signal.irfft(c, tf.reshape(fft_length, [1])), dtype)


def _window(window, sequence_length, fft_length, dtype, op):
    if window is None:
        return tf.ones([fft_length], dtype)
    if isinstance(window, str):
        n = np.arange(sequence_length)
        if window == "hann":
            w = 0.5 - 0.5 * np.cos(2 * np.pi * n / sequence_length)
        elif window == "hamming":
            w = 0.54 - 0.46 * np.cos(2 * np.pi * n / sequence_length)
        else:
            raise ValueError(
                f"{op}: `window` must be 'hann', 'hamming', None or a tensor of shape "
                f"({sequence_length},). Received: window={window!r}"
            )
        w = tf.constant(w, dtype)
    else:
        w = tf.cast(convert_to_tensor(window), dtype)
        if w.shape.rank != 1 or (w.shape[0] is not None and w.shape[0] != sequence_length):
            raise ValueError(
                f"{op}: a tensor `window` must have shape ({sequence_length},). "
                f"Received: window.shape={tuple(w.shape.as_list())}"
            )
    left = (fft_length - sequence_length) // 2
    return tf.pad(w, [[left, fft_length - sequence_length - left]])


def _stft_args(op, sequence_length, sequence_stride, fft_length):
    for name, v in (
        ("sequence_length", sequence_length),
        ("sequence_stride", sequence_stride),
        ("fft_length", fft_length),
    ):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{op}: `{name}` must be a positive int. Received: {name}={v!r}")
    if sequence_length > fft_length:
        raise ValueError(
            f"{op}: `sequence_length` must be <= `fft_length`. Received: "
            f"sequence_length={sequence_length}, fft_length={fft_length}"
        )


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    op = "stft"
    _stft_args(op, sequence_length, sequence_stride, fft_length)
    x, dtype = _real_for_fft(x, op)
    compute = "float64" if dtype == "float64" else "float32"
    x = tf.cast(x, compute)
    if center:
        pad = fft_length // 2
        rank = x.shape.rank
        x = tf.pad(x, [[0, 0]] * (rank - 1) + [[pad, pad]], mode="REFLECT")
    win = _window(window, sequence_length, fft_length, compute, op)
    frames = tf.signal.frame(x, fft_length, sequence_stride, axis=-1)
    return _split(tf.signal.rfft(frames * win, [fft_length]), dtype)


def istft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    length=None,
    window="hann",
    center=True,
):
    op = "istft"
    _stft_args(op, sequence_length, sequence_stride, fft_length)
    c, dtype = _complex_pair(x, op)
    _check_fft_rank(c, 2, op)
    compute = "float64" if dtype == "float64" else "float32"
    frames = tf.signal.irfft(c, [fft_length])
    win = _window(window, sequence_length, fft_length, compute, op)
    signal = tf.signal.overlap_and_add(frames * win, sequence_stride)
    num_frames = tf.shape(frames)[-2]
    envelope = tf.signal.overlap_and_add(
        tf.tile(tf.square(win)[None, :], tf.stack([num_frames, 1])), sequence_stride
    )
    tiny = tf.constant(np.finfo(compute).tiny, compute)
    signal = tf.where(envelope > tiny, signal / tf.where(envelope > tiny, envelope, 1), 0)
    start = fft_length // 2 if center else 0
    if length is None:
        end = tf.shape(signal)[-1] - start
    else:
        end = start + length
        short = end - tf.shape(signal)[-1]
        rank = signal.shape.rank
        signal = tf.pad(signal, [[0, 0]] * (rank - 1) + [[0, tf.maximum(short, 0)]])
    return tf.cast(signal[..., start:end], dtype)


# ---------------------------------------------------------------- sequences and matrices


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    if h.static_rank("extract_sequences", x) < 1:
        raise ValueError("extract_sequences: `x` must have rank >= 1.")
    return tf.signal.frame(x, sequence_length, sequence_stride, axis=-1)


def _square_float(x, op):
    x = h.to_float(x)
    shape = x.shape
    if (
        shape.rank is None
        or shape.rank < 2
        or (shape[-1] is not None and shape[-2] is not None and shape[-1] != shape[-2])
    ):
        raise ValueError(
            f"{op}: `x` must be a (batch of) square matrices. "
            f"Received: x.shape={tuple(shape.as_list()) if shape.rank is not None else None}"
        )
    return x


def logdet(x):
    x = _square_float(x, "logdet")
    sign, logabs = h.half_safe_pair(tf.linalg.slogdet, x)
    return tf.math.log(sign) + logabs


def cdist(x, y):
    x, y = h.floats(x, y)
    if h.static_rank("cdist", x) < 2 or h.static_rank("cdist", y) < 2:
        raise ValueError(
            "cdist: `x` and `y` must have rank >= 2 (..., points, features). Received: "
            f"x.shape={tuple(x.shape.as_list())}, y.shape={tuple(y.shape.as_list())}"
        )
    if x.shape[-1] is not None and y.shape[-1] is not None and x.shape[-1] != y.shape[-1]:
        raise ValueError(
            "cdist: `x` and `y` must have the same feature size (last axis). Received: "
            f"x.shape={tuple(x.shape.as_list())}, y.shape={tuple(y.shape.as_list())}"
        )
    diff = x[..., :, None, :] - y[..., None, :, :]
    return tf.sqrt(tf.reduce_sum(tf.square(diff), axis=-1))


def view_as_real(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_complex:
        raise ValueError(f"view_as_real: `x` must be complex. Received: dtype={x.dtype.name}")
    return tf.stack([tf.math.real(x), tf.math.imag(x)], axis=-1)


def view_as_complex(x):
    x = h.to_float(x)
    if x.shape.rank is None or x.shape.rank < 1 or x.shape[-1] != 2:
        raise ValueError(
            "view_as_complex: the last axis of `x` must have size 2 (real, imag). "
            f"Received: x.shape={tuple(x.shape.as_list()) if x.shape.rank is not None else None}"
        )
    x = h.upcast_half(x)
    return tf.complex(x[..., 0], x[..., 1])
