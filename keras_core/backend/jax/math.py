"""The jax backend's ops of ``keras_core/ops/math.py`` (``qr`` is linalg's, re-exported)."""

import operator

import jax
import jax.numpy as jnp
import jax.scipy as jsp
import numpy as np
from jax import lax

from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.linalg import qr  # noqa: F401  (keras-core also has ops.math.qr)
from keras_core.backend.jax.op_helpers import check_min_rank, to_float

UNSUPPORTED = {}


def erf(x):
    return lax.erf(to_float(x))


def erfc(x):
    return lax.erfc(to_float(x))


def erfinv(x):
    return lax.erf_inv(to_float(x))


def rsqrt(x):
    return lax.rsqrt(to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    return jsp.special.logsumexp(x, axis=axis, keepdims=keepdims)


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    k = operator.index(k)
    if x.ndim < 1 or not 0 <= k <= x.shape[-1]:
        raise ValueError(
            f"top_k: `k` must be between 0 and the size of the last axis. Received: k={k}, "
            f"x.shape={tuple(x.shape)}"
        )
    values, indices = lax.top_k(x, k)
    return values, indices.astype("int32")


def in_top_k(targets, predictions, k):
    targets = convert_to_tensor(targets)
    predictions = convert_to_tensor(predictions)
    if predictions.ndim != 2 or targets.ndim != 1 or targets.shape[0] != predictions.shape[0]:
        raise ValueError(
            "in_top_k: expected `predictions` of shape (batch, classes) and `targets` of shape "
            f"(batch,). Received: predictions.shape={tuple(predictions.shape)}, "
            f"targets.shape={tuple(targets.shape)}"
        )
    classes = predictions.shape[1]
    targets = targets.astype("int32")
    valid = (targets >= 0) & (targets < classes)
    target_pred = jnp.take_along_axis(predictions, jnp.clip(targets, 0, classes - 1)[:, None], 1)
    higher = jnp.sum(predictions > target_pred, axis=1)
    finite = (
        jnp.isfinite(target_pred[:, 0]) if jnp.issubdtype(predictions.dtype, jnp.inexact) else True
    )
    return valid & finite & (higher < k)


def _segment_count(segment_ids, num_segments, op):
    if num_segments is not None:
        return operator.index(num_segments)
    if isinstance(segment_ids, jax.core.Tracer):
        raise ValueError(
            f"{op}: `num_segments` must be given when the op is traced (jax.jit), because "
            "the output shape depends on the values of `segment_ids`."
        )
    return int(jnp.max(segment_ids)) + 1 if segment_ids.size else 0


def _segment(fn, data, segment_ids, num_segments, sorted, op):
    data = convert_to_tensor(data)
    segment_ids = convert_to_tensor(segment_ids)
    if segment_ids.ndim != 1 or data.ndim < 1 or segment_ids.shape[0] != data.shape[0]:
        raise ValueError(
            f"{op}: `segment_ids` must be 1-D with the length of `data`'s first axis. "
            f"Received: data.shape={tuple(data.shape)}, segment_ids.shape="
            f"{tuple(segment_ids.shape)}"
        )
    n = _segment_count(segment_ids, num_segments, op)
    return fn(data, segment_ids.astype("int32"), num_segments=n, indices_are_sorted=bool(sorted))


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_sum, data, segment_ids, num_segments, sorted, "segment_sum")


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_max, data, segment_ids, num_segments, sorted, "segment_max")


def segment_min(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_min, data, segment_ids, num_segments, sorted, "segment_min")


def segment_prod(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_prod, data, segment_ids, num_segments, sorted, "segment_prod")


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    length, stride = operator.index(sequence_length), operator.index(sequence_stride)
    if x.ndim < 1 or length < 1 or stride < 1 or length > x.shape[-1]:
        raise ValueError(
            "extract_sequences: need a positive `sequence_length` no longer than the last axis "
            f"and a positive `sequence_stride`. Received: sequence_length={length}, "
            f"sequence_stride={stride}, x.shape={tuple(x.shape)}"
        )
    count = shape_rules.conv_output_length(x.shape[-1], length, stride, "valid")
    index = np.arange(count)[:, None] * stride + np.arange(length)[None, :]
    return jnp.take(x, jnp.asarray(index), axis=-1)


# ---------------------------------------------------------------------------
# FFT: complex values travel as (real, imag) pairs of float tensors


def _complex_pair(x, op):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(
            f"{op}: `x` must be a tuple (real, imag) of two tensors. Received: x={x!r}"
        )
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if real.shape != imag.shape:
        raise ValueError(
            f"{op}: the real and imaginary parts must have the same shape. Received: "
            f"real.shape={tuple(real.shape)}, imag.shape={tuple(imag.shape)}"
        )
    dtype = dtype_rules.float_dtype(real, imag)
    return lax.complex(*(_part(v, dtype) for v in (real, imag))), dtype


def _part(v, dtype):
    return v.astype("float64" if dtype == "float64" else "float32")


def _split(z, dtype):
    return jnp.real(z).astype(dtype), jnp.imag(z).astype(dtype)


def fft(x):
    z, dtype = _complex_pair(x, "fft")
    check_min_rank("fft", z, 1)
    return _split(jnp.fft.fft(z), dtype)


def fft2(x):
    z, dtype = _complex_pair(x, "fft2")
    check_min_rank("fft2", z, 2)
    return _split(jnp.fft.fft2(z), dtype)


def ifft2(x):
    z, dtype = _complex_pair(x, "ifft2")
    check_min_rank("ifft2", z, 2)
    return _split(jnp.fft.ifft2(z), dtype)


def rfft(x, fft_length=None):
    x = to_float(x)
    check_min_rank("rfft", x, 1)
    return _split(jnp.fft.rfft(_part(x, x.dtype), n=fft_length), x.dtype)


def irfft(x, fft_length=None):
    z, dtype = _complex_pair(x, "irfft")
    check_min_rank("irfft", z, 1)
    return jnp.fft.irfft(z, n=fft_length).astype(dtype)


def _window(window, sequence_length, fft_length, dtype, op):
    if window is None:
        win = jnp.ones((sequence_length,), dtype)
    elif isinstance(window, str):
        if window not in ("hann", "hamming"):
            raise ValueError(
                f"{op}: `window` must be 'hann', 'hamming', a tensor or None. "
                f"Received: window={window!r}"
            )
        n = np.arange(sequence_length)
        a0 = 0.5 if window == "hann" else 0.54
        win = jnp.asarray(a0 - (1 - a0) * np.cos(2 * np.pi * n / sequence_length), dtype)
    else:
        win = convert_to_tensor(window).astype(dtype)
        if win.shape != (sequence_length,):
            raise ValueError(
                f"{op}: a tensor `window` must have shape ({sequence_length},). "
                f"Received: window.shape={tuple(win.shape)}"
            )
    left = (fft_length - sequence_length) // 2
    return jnp.pad(win, (left, fft_length - sequence_length - left))


def _stft_args(sequence_length, sequence_stride, fft_length, op):
    sequence_length = operator.index(sequence_length)
    sequence_stride = operator.index(sequence_stride)
    fft_length = operator.index(fft_length)
    if not 0 < sequence_length <= fft_length or sequence_stride < 1:
        raise ValueError(
            f"{op}: need 0 < sequence_length <= fft_length and sequence_stride >= 1. Received: "
            f"sequence_length={sequence_length}, sequence_stride={sequence_stride}, "
            f"fft_length={fft_length}"
        )
    return sequence_length, sequence_stride, fft_length


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = to_float(x)
    check_min_rank("stft", x, 1)
    length, stride, n_fft = _stft_args(sequence_length, sequence_stride, fft_length, "stft")
    if center:
        pad = [(0, 0)] * (x.ndim - 1) + [(n_fft // 2, n_fft // 2)]
        x = jnp.pad(x, pad, mode="reflect")
    if x.shape[-1] < n_fft:
        raise ValueError(
            f"stft: the (padded) signal length {x.shape[-1]} is shorter than fft_length={n_fft}."
        )
    frames = extract_sequences(x, n_fft, stride)
    frames = frames * _window(window, length, n_fft, x.dtype, "stft")
    return _split(jnp.fft.rfft(_part(frames, x.dtype), n=n_fft, axis=-1), x.dtype)


def istft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    length=None,
    window="hann",
    center=True,
):
    z, dtype = _complex_pair(x, "istft")
    check_min_rank("istft", z, 2)
    seq_len, stride, n_fft = _stft_args(sequence_length, sequence_stride, fft_length, "istft")
    frames = jnp.fft.irfft(z, n=n_fft, axis=-1).astype(dtype)
    win = _window(window, seq_len, n_fft, dtype, "istft")
    frames = frames * win
    count = frames.shape[-2]
    total = n_fft + stride * (count - 1)
    index = (np.arange(count)[:, None] * stride + np.arange(n_fft)[None, :]).reshape(-1)
    batch = frames.shape[:-2]
    signal = jnp.zeros(batch + (total,), dtype).at[..., index].add(frames.reshape(batch + (-1,)))
    norm = jnp.zeros((total,), dtype).at[index].add(jnp.tile(jnp.square(win), count))
    start = n_fft // 2 if center else 0
    end = total - n_fft // 2 if center else total
    if length is not None:
        end = start + operator.index(length)
    signal, norm = signal[..., start:end], norm[start:end]
    signal = signal / jnp.where(norm > 1e-11, norm, 1)
    if length is not None and signal.shape[-1] < length:
        signal = jnp.pad(signal, [(0, 0)] * len(batch) + [(0, length - signal.shape[-1])])
    return signal


# ---------------------------------------------------------------------------
# decompositions and misc


def _check_square_batch(x, op, argument="x"):
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"{op}: `{argument}` must be a (batch of) square matrices. "
            f"Received: {argument}.shape={tuple(x.shape)}"
        )


def logdet(x):
    x = to_float(x)
    _check_square_batch(x, "logdet")
    sign, logabs = jnp.linalg.slogdet(x)
    return jnp.where(sign > 0, logabs, jnp.where(sign == 0, -jnp.inf, jnp.nan)).astype(x.dtype)


def cdist(x, y):
    x, y = convert_to_tensor(x), convert_to_tensor(y)
    dtype = dtype_rules.float_dtype(x, y)
    x, y = x.astype(dtype), y.astype(dtype)
    if x.ndim < 2 or y.ndim < 2 or x.shape[-1] != y.shape[-1]:
        raise ValueError(
            "cdist: `x` and `y` must have rank >= 2 and the same last dimension. "
            f"Received: x.shape={tuple(x.shape)}, y.shape={tuple(y.shape)}"
        )
    diff = x[..., :, None, :] - y[..., None, :, :]
    sq = jnp.sum(jnp.square(diff), axis=-1)
    positive = sq > 0
    # zero distances get a zero (not NaN) gradient
    return jnp.where(positive, jnp.sqrt(jnp.where(positive, sq, 1)), 0)


def view_as_real(x):
    x = convert_to_tensor(x)
    if not jnp.issubdtype(x.dtype, jnp.complexfloating):
        raise ValueError(f"view_as_real: `x` must be complex. Received: x.dtype={x.dtype}")
    return jnp.stack([jnp.real(x), jnp.imag(x)], axis=-1)


def view_as_complex(x):
    x = convert_to_tensor(x)
    if x.ndim < 1 or x.shape[-1] != 2:
        raise ValueError(
            f"view_as_complex: the last axis of `x` must have size 2. "
            f"Received: x.shape={tuple(x.shape)}"
        )
    x = to_float(x)
    part = "float64" if x.dtype == jnp.float64 else "float32"
    return lax.complex(x[..., 0].astype(part), x[..., 1].astype(part))
