"""The torch backend's math ops: the ops declared in ``keras_core/ops/math.py``.

``qr`` (declared in ops/linalg.py) is also reachable here, as ``backend.math.qr``.
"""

import math

import torch

from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.linalg import qr  # noqa: F401  (backend.math.qr, as in Keras)
from keras_core.backend.torch.op_helpers import canonical_axes, half_to_float, to_float

UNSUPPORTED = {}


def erf(x):
    return torch.special.erf(to_float(x))


def erfc(x):
    return torch.special.erfc(to_float(x))


def erfinv(x):
    return torch.special.erfinv(to_float(x))


def rsqrt(x):
    return torch.rsqrt(to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    axes = canonical_axes("logsumexp", axis, x.ndim)
    if x.ndim == 0:
        return x
    return torch.logsumexp(x, dim=axes, keepdim=keepdims)


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    if not 0 <= k <= x.shape[-1]:
        raise ValueError(
            f"top_k: `k` must be between 0 and the size of the last axis "
            f"({x.shape[-1]}). Received: k={k}"
        )
    # A stable descending sort: ties keep the lower index first, whatever `sorted` says.
    values, indices = torch.sort(x, dim=-1, descending=True, stable=True)
    return values[..., :k], indices[..., :k].to(torch.int32)


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = convert_to_tensor(targets).to(torch.int64)
    classes = predictions.shape[-1]
    valid = (targets >= 0) & (targets < classes)
    picked = torch.gather(predictions, -1, targets.clamp(0, classes - 1).unsqueeze(-1))
    above = torch.sum(predictions > picked, dim=-1)
    finite = torch.isfinite(picked.squeeze(-1)) if predictions.is_floating_point() else valid
    return valid & finite & (above < k)


def _segment(data, segment_ids, num_segments, reduce, op):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).to(torch.int64)
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(
            f"{op}: `segment_ids` must be 1-D with one id per row of `data`. "
            f"Received: data.shape={tuple(data.shape)}, segment_ids.shape={tuple(ids.shape)}"
        )
    if num_segments is None:
        num_segments = int(ids.max()) + 1 if ids.numel() else 0
    num_segments = int(num_segments)
    # Ids outside [0, num_segments) go to an extra row that is dropped at the end.
    ids = torch.where((ids < 0) | (ids >= num_segments), num_segments, ids)
    shape = (num_segments + 1,) + tuple(data.shape[1:])
    index = ids.reshape((-1,) + (1,) * (data.ndim - 1)).expand(data.shape)
    if reduce == "sum":
        out = torch.zeros(shape, dtype=data.dtype).scatter_add(0, index, data)
    else:
        out = torch.full(shape, _identity(reduce, data.dtype), dtype=data.dtype)
        out = out.scatter_reduce(0, index, data, reduce=reduce, include_self=True)
    return out[:num_segments]


def _identity(reduce, dtype):
    if reduce == "prod":
        return 1
    if dtype.is_floating_point:
        return -math.inf if reduce == "amax" else math.inf
    if dtype == torch.bool:
        return reduce != "amax"
    info = torch.iinfo(dtype)
    return info.min if reduce == "amax" else info.max


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "sum", "segment_sum")


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "amax", "segment_max")


def segment_min(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "amin", "segment_min")


def segment_prod(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "prod", "segment_prod")


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    if x.shape[-1] < sequence_length:
        raise ValueError(
            f"extract_sequences: the last axis ({x.shape[-1]}) must be at least "
            f"sequence_length ({sequence_length}). Received: x.shape={tuple(x.shape)}"
        )
    return x.unfold(-1, int(sequence_length), int(sequence_stride))


def _complex_input(x, op):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(
            f"{op}: `x` must be a tuple (real, imag) of two tensors. Received: {type(x).__name__}"
        )
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if tuple(real.shape) != tuple(imag.shape):
        raise ValueError(
            f"{op}: real and imag parts must have the same shape. Received: "
            f"{tuple(real.shape)} and {tuple(imag.shape)}"
        )
    for part in (real, imag):
        if not part.is_floating_point():
            raise TypeError(
                f"{op}: the real and imag parts must be floating-point tensors. "
                f"Received: dtype={part.dtype}"
            )
    dtype = to_native_dtype(dtype_rules.float_dtype(real, imag))
    work = half_to_float(real.to(dtype))
    return torch.complex(work, half_to_float(imag.to(dtype))), dtype


def _split(c, dtype):
    return c.real.to(dtype), c.imag.to(dtype)


def fft(x):
    c, dtype = _complex_input(x, "fft")
    return _split(torch.fft.fft(c, dim=-1), dtype)


def fft2(x):
    c, dtype = _complex_input(x, "fft2")
    return _split(torch.fft.fft2(c, dim=(-2, -1)), dtype)


def ifft2(x):
    c, dtype = _complex_input(x, "ifft2")
    return _split(torch.fft.ifft2(c, dim=(-2, -1)), dtype)


def rfft(x, fft_length=None):
    x = to_float(x)
    return _split(torch.fft.rfft(half_to_float(x), n=fft_length, dim=-1), x.dtype)


def irfft(x, fft_length=None):
    c, dtype = _complex_input(x, "irfft")
    return torch.fft.irfft(c, n=fft_length, dim=-1).to(dtype)


def _window(window, sequence_length, fft_length, dtype, op):
    if window is None:
        # No window: every frame is used whole, all fft_length samples of it.
        return torch.ones(fft_length, dtype=dtype)
    if isinstance(window, str):
        if window == "hann":
            w = torch.hann_window(sequence_length, periodic=True, dtype=torch.float64)
        elif window == "hamming":
            w = torch.hamming_window(sequence_length, periodic=True, dtype=torch.float64)
        else:
            raise ValueError(
                f"{op}: `window` must be 'hann', 'hamming', None or a tensor. "
                f"Received: window={window!r}"
            )
        w = w.to(dtype)
    else:
        w = convert_to_tensor(window).to(dtype)
        if w.ndim != 1 or w.shape[0] != sequence_length:
            raise ValueError(
                f"{op}: a window tensor must have shape ({sequence_length},). "
                f"Received: window.shape={tuple(w.shape)}"
            )
    left = (fft_length - sequence_length) // 2
    return torch.nn.functional.pad(w, (left, fft_length - sequence_length - left))


def _check_stft_args(sequence_length, sequence_stride, fft_length, op):
    for name, v in (
        ("sequence_length", sequence_length),
        ("sequence_stride", sequence_stride),
        ("fft_length", fft_length),
    ):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{op}: `{name}` must be a positive int. Received: {name}={v!r}")
    if fft_length < sequence_length:
        raise ValueError(
            f"{op}: `fft_length` ({fft_length}) must be >= sequence_length ({sequence_length})."
        )


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    op = "stft"
    _check_stft_args(sequence_length, sequence_stride, fft_length, op)
    x = to_float(x)
    dtype = x.dtype
    work = half_to_float(x)
    w = _window(window, sequence_length, fft_length, work.dtype, op)
    if center:
        pad = fft_length // 2
        shape = work.shape
        work = torch.nn.functional.pad(
            work.reshape(-1, 1, shape[-1]), (pad, pad), mode="reflect"
        ).reshape(*shape[:-1], -1)
    if work.shape[-1] < fft_length:
        raise ValueError(
            f"{op}: the signal (length {work.shape[-1]} after centering) is "
            f"shorter than fft_length ({fft_length})."
        )
    frames = work.unfold(-1, fft_length, sequence_stride) * w
    return _split(torch.fft.rfft(frames, n=fft_length, dim=-1), dtype)


def _overlap_add(frames, stride):
    # frames: (batch, num_frames, frame_length) -> (batch, (num_frames - 1) * stride + length)
    b, n, length = frames.shape
    total = (n - 1) * stride + length
    out = torch.nn.functional.fold(
        frames.transpose(1, 2), (1, total), (1, length), stride=(1, stride)
    )
    return out.reshape(b, total)


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    op = "istft"
    _check_stft_args(sequence_length, sequence_stride, fft_length, op)
    c, dtype = _complex_input(x, op)
    frames = torch.fft.irfft(c, n=fft_length, dim=-1)
    w = _window(window, sequence_length, fft_length, frames.dtype, op)
    batch_shape = frames.shape[:-2]
    count = frames.shape[-2]
    flat = frames.reshape(-1, count, fft_length) * w
    out = _overlap_add(flat, sequence_stride).reshape(*batch_shape, -1)
    # Divide by the overlap-added squared window (where it is not ~0): an exact inverse of
    # stft wherever the frames cover the signal.
    envelope = _overlap_add(torch.square(w).expand(1, count, fft_length), sequence_stride)[0]
    nonzero = envelope > 1e-11
    out = torch.where(nonzero, out / torch.where(nonzero, envelope, 1.0), 0.0)
    start = fft_length // 2 if center else 0
    if length is not None:
        out = out[..., start : start + length]
        if out.shape[-1] < length:
            out = torch.nn.functional.pad(out, (0, length - out.shape[-1]))
    elif center:
        out = out[..., start : out.shape[-1] - start]
    return out.to(dtype)


def _check_square(x, op):
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"{op}: expected a square matrix (or a batch of them) with shape "
            f"(..., M, M). Received: x.shape={tuple(x.shape)}"
        )


def logdet(x):
    x = to_float(x)
    _check_square(x, "logdet")
    return torch.logdet(half_to_float(x)).to(x.dtype)


def cdist(x, y):
    x, y = convert_to_tensor(x), convert_to_tensor(y)
    native = to_native_dtype(dtype_rules.float_dtype(x, y))
    x, y = half_to_float(x.to(native)), half_to_float(y.to(native))
    if x.ndim < 2 or y.ndim < 2 or x.shape[-1] != y.shape[-1]:
        raise ValueError(
            f"cdist: x and y must have shape (..., P, M) and (..., R, M). "
            f"Received: x.shape={tuple(x.shape)}, y.shape={tuple(y.shape)}"
        )
    out = torch.cdist(x, y, p=2.0, compute_mode="donot_use_mm_for_euclid_dist")
    return out.to(native)


def view_as_real(x):
    x = convert_to_tensor(x)
    if not x.is_complex():
        raise TypeError(f"view_as_real: `x` must be a complex tensor. Received: dtype={x.dtype}")
    return torch.view_as_real(x).clone()


def view_as_complex(x):
    x = convert_to_tensor(x)
    if x.ndim < 1 or x.shape[-1] != 2:
        raise ValueError(
            f"view_as_complex: the last axis of `x` must have size 2. "
            f"Received: x.shape={tuple(x.shape)}"
        )
    x = half_to_float(to_float(x))
    return torch.complex(x[..., 0], x[..., 1])
