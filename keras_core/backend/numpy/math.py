"""The numpy backend's math ops: the ops declared in ``keras_core/ops/math.py``.

``qr`` (declared in ops/linalg.py) is also reachable here, as ``backend.math.qr``.
"""

import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.numpy.core import convert_to_tensor
from keras_core.backend.numpy.linalg import qr  # noqa: F401  (backend.math.qr, as in Keras)
from keras_core.backend.numpy.op_helpers import as_result, float_work, scipy_special

UNSUPPORTED = {}


def _unary(fn, x):
    (x,), dtype = float_work(x)
    with np.errstate(all="ignore"):
        return as_result(fn(x), dtype)


def erf(x):
    return _unary(scipy_special.erf, x)


def erfc(x):
    return _unary(scipy_special.erfc, x)


def erfinv(x):
    return _unary(scipy_special.erfinv, x)


def rsqrt(x):
    return _unary(lambda v: 1 / np.sqrt(v), x)


def logsumexp(x, axis=None, keepdims=False):
    (x,), dtype = float_work(x)
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    with np.errstate(all="ignore"):
        return as_result(scipy_special.logsumexp(x, axis=axis, keepdims=keepdims), dtype)


def _pair(x):
    real, imag = (convert_to_tensor(v) for v in x)
    dtype = dtype_rules.float_dtype(real, imag)
    return real.astype(np.float64) + 1j * imag.astype(np.float64), dtype


def _split(z, dtype):
    return as_result(z.real, dtype), as_result(z.imag, dtype)


def fft(x):
    z, dtype = _pair(x)
    return _split(np.fft.fft(z, axis=-1), dtype)


def fft2(x):
    z, dtype = _pair(x)
    return _split(np.fft.fft2(z, axes=(-2, -1)), dtype)


def ifft2(x):
    z, dtype = _pair(x)
    return _split(np.fft.ifft2(z, axes=(-2, -1)), dtype)


def rfft(x, fft_length=None):
    (x,), dtype = float_work(x)
    return _split(np.fft.rfft(x.astype(np.float64), n=fft_length, axis=-1), dtype)


def irfft(x, fft_length=None):
    z, dtype = _pair(x)
    return as_result(np.fft.irfft(z, n=fft_length, axis=-1), dtype)


def _window(window, sequence_length, fft_length):
    if window is None:
        win = np.ones(sequence_length)
    elif isinstance(window, str):
        n = np.arange(sequence_length)
        phase = 2 * np.pi * n / sequence_length  # periodic windows
        if window == "hann":
            win = 0.5 - 0.5 * np.cos(phase)
        else:
            win = 0.54 - 0.46 * np.cos(phase)
    else:
        win = convert_to_tensor(window).astype(np.float64)
    left = (fft_length - sequence_length) // 2
    return np.pad(win, (left, fft_length - sequence_length - left))


def _frames(x, length, stride):
    count = (x.shape[-1] - length) // stride + 1
    index = np.arange(count)[:, None] * stride + np.arange(length)[None, :]
    return x[..., index]


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    (x,), dtype = float_work(x)
    x = x.astype(np.float64)
    if center:
        pad = fft_length // 2
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode="reflect")
    frames = _frames(x, fft_length, sequence_stride) * _window(window, sequence_length, fft_length)
    return _split(np.fft.rfft(frames, n=fft_length, axis=-1), dtype)


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    z, dtype = _pair(x)
    win = _window(window, sequence_length, fft_length)
    frames = np.fft.irfft(z, n=fft_length, axis=-1) * win
    count = frames.shape[-2]
    total = fft_length + sequence_stride * (count - 1)
    out = np.zeros(frames.shape[:-2] + (total,))
    norm = np.zeros(total)
    for i in range(count):
        start = i * sequence_stride
        out[..., start : start + fft_length] += frames[..., i, :]
        norm[start : start + fft_length] += win * win
    out = out / np.where(norm > 1e-11, norm, 1.0)
    start = fft_length // 2 if center else 0
    if length is not None:
        out = out[..., start : start + length]
        if out.shape[-1] < length:
            out = np.pad(out, [(0, 0)] * (out.ndim - 1) + [(0, length - out.shape[-1])])
    else:
        stop = total - (fft_length // 2 if center else 0)
        out = out[..., start:stop]
    return as_result(out, dtype)


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    order = np.argsort(
        -x.astype(np.float64) if x.dtype.kind != "b" else ~x, axis=-1, kind="stable"
    )[..., :k]
    return np.take_along_axis(x, order, axis=-1), order.astype(np.int32)


def in_top_k(targets, predictions, k):
    targets = convert_to_tensor(targets).astype(np.int64)
    predictions = convert_to_tensor(predictions)
    target_scores = np.take_along_axis(predictions, targets[:, None], axis=-1)
    greater = np.sum(predictions > target_scores, axis=-1)
    return greater < k


def _segment(data, segment_ids, num_segments, ufunc, identity):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).astype(np.int64)
    if num_segments is None:
        num_segments = int(ids.max()) + 1 if ids.size else 0
    out = np.full((num_segments,) + data.shape[1:], identity(data.dtype), dtype=data.dtype)
    keep = (ids >= 0) & (ids < num_segments)
    ufunc.at(out, ids[keep], data[keep])
    return out


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else (np.iinfo(dtype).min if dtype.kind in "iu" else False)


def _highest(dtype):
    return np.inf if dtype.kind == "f" else (np.iinfo(dtype).max if dtype.kind in "iu" else True)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, np.add, lambda d: 0)


def segment_prod(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, np.multiply, lambda d: 1)


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, np.maximum, _lowest)


def segment_min(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, np.minimum, _highest)


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    return _frames(x, sequence_length, sequence_stride)


def logdet(x):
    (x,), dtype = float_work(x)
    _, value = np.linalg.slogdet(x.astype(np.float64))
    return as_result(value, dtype)


def cdist(x, y):
    (x, y), dtype = float_work(x, y)
    diff = x[..., :, None, :].astype(np.float64) - y[..., None, :, :]
    return as_result(np.sqrt(np.sum(diff * diff, axis=-1)), dtype)


def view_as_real(x):
    x = convert_to_tensor(x)
    real_dtype = np.float64 if x.dtype == np.complex128 else np.float32
    return np.stack([x.real, x.imag], axis=-1).astype(real_dtype)


def view_as_complex(x):
    x = convert_to_tensor(x)
    dtype = "complex128" if standardize_dtype(x.dtype) == "float64" else "complex64"
    return (x[..., 0] + 1j * x[..., 1]).astype(dtype)
