"""keras_core.ops math ops: special functions, FFTs, top-k, segment reductions, ...

FFT ops take and return ``(real, imag)`` tuples of floating tensors.
``qr`` is declared in ``ops/linalg.py`` and re-exported here (keras-core has it
at the top level).
"""

import operator

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.backend.common.shape_rules import conv_output_length
from keras_core.ops.linalg import qr  # noqa: F401  (also in keras_core.ops.math, as in Keras)
from keras_core.ops.op_utils import (
    Tensor,
    broadcast_shapes,
    dtype_of,
    float_dtype,
    op_names,
    reduce_shape,
    shape_of,
    standardize_axis,
)
from keras_core.ops.operation import Operation


def _positive_int(op, value, name, minimum=1):
    try:
        if isinstance(value, bool):
            raise TypeError
        value = operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{name}` must be an int. Received: {name}={value!r}") from e
    if value < minimum:
        raise ValueError(f"{op}: `{name}` must be >= {minimum}. Received: {name}={value}")
    return value


# ---------------------------------------------------------------------------
# Element-wise


class _Unary(Operation):
    backend_fn = None

    def call(self, x):
        return getattr(backend.math, self.backend_fn)(x)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


class Erf(_Unary):
    backend_fn = "erf"


class Erfc(_Unary):
    backend_fn = "erfc"


class Erfinv(_Unary):
    backend_fn = "erfinv"


class Rsqrt(_Unary):
    backend_fn = "rsqrt"


def erf(x: Tensor) -> Tensor:
    """The error function ``2 / sqrt(pi) * integral_0^x exp(-t**2) dt``, element-wise.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape (ints become ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.erf([0.0, 1.0])).tolist()
    [0.0, 0.8427]
    """
    if any_symbolic_tensors((x,)):
        return Erf().symbolic_call(x)
    return backend.math.erf(x)


def erfc(x: Tensor) -> Tensor:
    """The complementary error function ``1 - erf(x)``, accurate for large ``x``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.erfc([0.0, 3.0])).tolist()
    [1.0, 0.0]
    """
    if any_symbolic_tensors((x,)):
        return Erfc().symbolic_call(x)
    return backend.math.erfc(x)


def erfinv(x: Tensor) -> Tensor:
    """The inverse error function, element-wise (defined on ``[-1, 1]``).

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape; ``±inf`` at ``±1``, NaN outside.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.erfinv([0.0, 0.5])).tolist()
    [0.0, 0.4769]
    """
    if any_symbolic_tensors((x,)):
        return Erfinv().symbolic_call(x)
    return backend.math.erfinv(x)


def rsqrt(x: Tensor) -> Tensor:
    """Reciprocal square root ``1 / sqrt(x)``, element-wise.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.rsqrt([4.0, 16.0])).tolist()
    [0.5, 0.25]
    """
    if any_symbolic_tensors((x,)):
        return Rsqrt().symbolic_call(x)
    return backend.math.rsqrt(x)


class Logsumexp(Operation):
    def __init__(self, axis=None, keepdims=False, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.keepdims = keepdims

    def call(self, x):
        return backend.math.logsumexp(x, axis=self.axis, keepdims=self.keepdims)

    def compute_output_spec(self, x):
        return KerasTensor(
            reduce_shape(shape_of(x), self.axis, self.keepdims), dtype=float_dtype(x)
        )


def logsumexp(x: Tensor, axis: int | tuple | None = None, keepdims: bool = False) -> Tensor:
    """``log(sum(exp(x)))`` over ``axis``, computed without overflow.

    Args:
        x: input tensor.
        axis: None (all axes), an int or a tuple of ints.
        keepdims: whether to keep the reduced axes with length 1.

    Returns:
        A floating tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logsumexp([0.0, 0.0])).tolist()
    0.6931
    """
    if axis is not None:
        axis = standardize_axis(axis, len(shape_of(x)), "logsumexp")
    if any_symbolic_tensors((x,)):
        return Logsumexp(axis, bool(keepdims)).symbolic_call(x)
    return backend.math.logsumexp(x, axis=axis, keepdims=bool(keepdims))


# ---------------------------------------------------------------------------
# FFT


def _check_complex_pair(op, x):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(
            f"{op}: `x` must be a tuple (real, imag) of two tensors. Received: x={x!r}"
        )
    real, imag = x
    rs, is_ = shape_of(real), shape_of(imag)
    if len(rs) != len(is_) or any(
        a is not None and b is not None and a != b for a, b in zip(rs, is_)
    ):
        raise ValueError(
            f"{op}: the real and imaginary parts must have the same shape. "
            f"Received: real.shape={tuple(rs)}, imag.shape={tuple(is_)}"
        )
    for part, name in ((real, "real"), (imag, "imag")):
        d = dtype_of(part)
        if d not in ("float16", "bfloat16", "float32", "float64", float):
            raise TypeError(f"{op}: the {name} part must be a floating tensor. Received: dtype={d}")
    return real, imag, rs


class _FFT(Operation):
    backend_fn = None
    axes = 1

    def call(self, x):
        return getattr(backend.math, self.backend_fn)(x)

    def compute_output_spec(self, x):
        real, imag = x
        d = float_dtype(real, imag)
        return KerasTensor(shape_of(real), dtype=d), KerasTensor(shape_of(real), dtype=d)


class FFT(_FFT):
    backend_fn = "fft"


class FFT2(_FFT):
    backend_fn = "fft2"


class IFFT2(_FFT):
    backend_fn = "ifft2"


def _fft_dispatch(cls, op, x, min_rank):
    real, imag, rs = _check_complex_pair(op, x)
    if len(rs) < min_rank:
        raise ValueError(
            f"{op}: the input must have rank >= {min_rank}. Received: shape={tuple(rs)}"
        )
    if any_symbolic_tensors((real, imag)):
        return cls().symbolic_call((real, imag))
    return getattr(backend.math, cls.backend_fn)((real, imag))


def fft(x: Tensor) -> tuple:
    """Discrete Fourier transform over the last axis.

    Args:
        x: a tuple ``(real, imag)`` of floating tensors of the same shape.

    Returns:
        A tuple ``(real, imag)`` of the transform.

    Example:
    >>> out = keras_core.ops.fft(([1.0, 0.0], [0.0, 0.0]))
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[1.0, 1.0], [0.0, 0.0]]
    """
    return _fft_dispatch(FFT, "fft", x, 1)


def fft2(x: Tensor) -> tuple:
    """Two-dimensional discrete Fourier transform over the last two axes.

    Args:
        x: a tuple ``(real, imag)`` of floating tensors of rank >= 2.

    Returns:
        A tuple ``(real, imag)`` of the transform.

    Example:
    >>> r = keras_core.ops.ones((2, 2))
    >>> out = keras_core.ops.fft2((r, keras_core.ops.zeros((2, 2))))[0]
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[4.0, 0.0], [0.0, 0.0]]
    """
    return _fft_dispatch(FFT2, "fft2", x, 2)


def ifft2(x: Tensor) -> tuple:
    """Inverse two-dimensional discrete Fourier transform over the last two axes.

    Args:
        x: a tuple ``(real, imag)`` of floating tensors of rank >= 2.

    Returns:
        A tuple ``(real, imag)`` (normalized by ``1 / (m * n)``).

    Example:
    >>> r = keras_core.ops.ones((2, 2))
    >>> out = keras_core.ops.ifft2((r, keras_core.ops.zeros((2, 2))))[0]
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 0.0], [0.0, 0.0]]
    """
    return _fft_dispatch(IFFT2, "ifft2", x, 2)


class RFFT(Operation):
    def __init__(self, fft_length=None, name=None):
        super().__init__(name=name)
        self.fft_length = fft_length

    def call(self, x):
        return backend.math.rfft(x, fft_length=self.fft_length)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        n = self.fft_length if self.fft_length is not None else shape[-1]
        bins = None if n is None else n // 2 + 1
        out = tuple(shape[:-1]) + (bins,)
        d = float_dtype(x)
        return KerasTensor(out, dtype=d), KerasTensor(out, dtype=d)


def rfft(x: Tensor, fft_length: int | None = None) -> tuple:
    """Real-input discrete Fourier transform over the last axis.

    Args:
        x: a real tensor of rank >= 1.
        fft_length: the FFT length; the input is cropped or zero-padded to it
            (default: ``x.shape[-1]``).

    Returns:
        A tuple ``(real, imag)`` with last axis ``fft_length // 2 + 1``.

    Example:
    >>> out = keras_core.ops.rfft([1.0, 1.0, 1.0, 1.0])
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[4.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    if len(shape_of(x)) < 1:
        raise ValueError(f"rfft: `x` must have rank >= 1. Received: shape={shape_of(x)}")
    if fft_length is not None:
        fft_length = _positive_int("rfft", fft_length, "fft_length")
    if any_symbolic_tensors((x,)):
        return RFFT(fft_length).symbolic_call(x)
    return backend.math.rfft(x, fft_length=fft_length)


class IRFFT(RFFT):
    def call(self, x):
        return backend.math.irfft(x, fft_length=self.fft_length)

    def compute_output_spec(self, x):
        real, imag = x
        shape = shape_of(real)
        if self.fft_length is not None:
            n = self.fft_length
        else:
            n = None if shape[-1] is None else 2 * (shape[-1] - 1)
        return KerasTensor(tuple(shape[:-1]) + (n,), dtype=float_dtype(real, imag))


def irfft(x: Tensor, fft_length: int | None = None) -> Tensor:
    """Inverse of ``rfft``: a real signal from the non-negative-frequency half spectrum.

    Args:
        x: a tuple ``(real, imag)`` with last axis ``n``.
        fft_length: the output length (default ``2 * (n - 1)``).

    Returns:
        A real floating tensor.

    Example:
    >>> out = keras_core.ops.irfft(([4.0, 0.0, 0.0], [0.0, 0.0, 0.0]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    real, imag, rs = _check_complex_pair("irfft", x)
    if len(rs) < 1:
        raise ValueError("irfft: the input must have rank >= 1. Received: shape=()")
    if fft_length is not None:
        fft_length = _positive_int("irfft", fft_length, "fft_length")
    if any_symbolic_tensors((real, imag)):
        return IRFFT(fft_length).symbolic_call((real, imag))
    return backend.math.irfft((real, imag), fft_length=fft_length)


def _check_window(op, window, sequence_length):
    if window is None or isinstance(window, str):
        if isinstance(window, str) and window not in ("hann", "hamming"):
            raise ValueError(
                f"{op}: `window` must be 'hann', 'hamming', a tensor or None. "
                f"Received: window={window!r}"
            )
        return window
    ws = shape_of(window)
    if len(ws) != 1 or (ws[0] is not None and ws[0] != sequence_length):
        raise ValueError(
            f"{op}: a `window` tensor must have shape (sequence_length,) = "
            f"({sequence_length},). Received: window.shape={tuple(ws)}"
        )
    return window


def _stft_args(op, sequence_length, sequence_stride, fft_length, window):
    sequence_length = _positive_int(op, sequence_length, "sequence_length")
    sequence_stride = _positive_int(op, sequence_stride, "sequence_stride")
    fft_length = _positive_int(op, fft_length, "fft_length")
    if fft_length < sequence_length:
        raise ValueError(
            f"{op}: `fft_length` must be >= `sequence_length`. "
            f"Received: fft_length={fft_length}, sequence_length={sequence_length}"
        )
    window = _check_window(op, window, sequence_length)
    return sequence_length, sequence_stride, fft_length, window


class STFT(Operation):
    def __init__(
        self, sequence_length, sequence_stride, fft_length, window="hann", center=True, name=None
    ):
        super().__init__(name=name)
        self.sequence_length = sequence_length
        self.sequence_stride = sequence_stride
        self.fft_length = fft_length
        self.window = window
        self.center = center

    def call(self, x, window=None):
        w = self.window if window is None else window
        return backend.math.stft(
            x,
            self.sequence_length,
            self.sequence_stride,
            self.fft_length,
            window=w,
            center=self.center,
        )

    def compute_output_spec(self, x, window=None):
        shape = shape_of(x)
        n = shape[-1]
        if n is None:
            frames = None
        else:
            if self.center:
                n = n + 2 * (self.fft_length // 2)
            frames = conv_output_length(n, self.fft_length, self.sequence_stride, "valid")
        out = tuple(shape[:-1]) + (frames, self.fft_length // 2 + 1)
        d = float_dtype(x)
        return KerasTensor(out, dtype=d), KerasTensor(out, dtype=d)


def stft(
    x: Tensor,
    sequence_length: int,
    sequence_stride: int,
    fft_length: int,
    window: Tensor = "hann",
    center: bool = True,
) -> tuple:
    """Short-time Fourier transform over the last axis.

    With ``center=True`` the signal is first padded by ``fft_length // 2`` on both
    sides (reflect mode). Frames of ``fft_length`` samples start every
    ``sequence_stride`` samples; each is multiplied by the window (of length
    ``sequence_length``, zero-padded on both sides to ``fft_length``) and
    transformed with ``rfft``. "hann" and "hamming" are periodic windows.

    Args:
        x: a real tensor ``(..., samples)``.
        sequence_length: the window length.
        sequence_stride: the hop size.
        fft_length: the FFT size (>= ``sequence_length``).
        window: "hann", "hamming", a tensor of length ``sequence_length``, or None.
        center: whether to pad the signal so frame ``t`` is centred at
            ``t * sequence_stride``.

    Returns:
        A tuple ``(real, imag)`` of shape ``(..., frames, fft_length // 2 + 1)``.

    Example:
    >>> real, imag = keras_core.ops.stft([0.0, 1.0, 2.0, 3.0, 4.0], 3, 2, 3)
    >>> keras_core.ops.convert_to_numpy(real).tolist()
    [[0.75, -0.375], [3.75, -1.875], [5.25, -2.625]]
    """
    op = "stft"
    sequence_length, sequence_stride, fft_length, window = _stft_args(
        op, sequence_length, sequence_stride, fft_length, window
    )
    shape = shape_of(x)
    if len(shape) < 1:
        raise ValueError(f"{op}: `x` must have rank >= 1. Received: shape={tuple(shape)}")
    n = shape[-1]
    if n is not None:
        padded = n + 2 * (fft_length // 2) if center else n
        if padded < fft_length or (center and n <= fft_length // 2):
            raise ValueError(
                f"{op}: the signal ({n} samples) is too short for fft_length={fft_length} "
                f"(center={center}). Received: x.shape={tuple(shape)}"
            )
    center = bool(center)
    tensor_window = window if not (window is None or isinstance(window, str)) else None
    if any_symbolic_tensors((x, tensor_window)):
        stored = None if tensor_window is not None else window
        return STFT(sequence_length, sequence_stride, fft_length, stored, center).symbolic_call(
            x, tensor_window
        )
    return backend.math.stft(
        x, sequence_length, sequence_stride, fft_length, window=window, center=center
    )


class ISTFT(Operation):
    def __init__(
        self,
        sequence_length,
        sequence_stride,
        fft_length,
        length=None,
        window="hann",
        center=True,
        name=None,
    ):
        super().__init__(name=name)
        self.sequence_length = sequence_length
        self.sequence_stride = sequence_stride
        self.fft_length = fft_length
        self.length = length
        self.window = window
        self.center = center

    def call(self, x, window=None):
        w = self.window if window is None else window
        return backend.math.istft(
            x,
            self.sequence_length,
            self.sequence_stride,
            self.fft_length,
            length=self.length,
            window=w,
            center=self.center,
        )

    def compute_output_spec(self, x, window=None):
        real, imag = x
        shape = shape_of(real)
        if self.length is not None:
            n = self.length
        elif shape[-2] is None:
            n = None
        else:
            n = self.fft_length + self.sequence_stride * (shape[-2] - 1)
            if self.center:
                n -= 2 * (self.fft_length // 2)
        return KerasTensor(tuple(shape[:-2]) + (n,), dtype=float_dtype(real, imag))


def istft(
    x: Tensor,
    sequence_length: int,
    sequence_stride: int,
    fft_length: int,
    length: int | None = None,
    window: Tensor = "hann",
    center: bool = True,
) -> Tensor:
    """Inverse short-time Fourier transform (overlap-add), the inverse of ``stft``.

    Each frame is ``irfft``-ed to ``fft_length`` samples, multiplied by the
    (zero-padded) window and overlap-added; the sum is divided by the overlap-added
    squared window. With ``center=True`` ``fft_length // 2`` samples are then
    removed from both ends; ``length`` crops (or zero-pads) the result.

    Args:
        x: a tuple ``(real, imag)`` of shape ``(..., frames, fft_length // 2 + 1)``.
        sequence_length: the window length.
        sequence_stride: the hop size.
        fft_length: the FFT size.
        length: the output length (None: all samples).
        window: "hann", "hamming", a tensor of length ``sequence_length``, or None.
        center: whether ``x`` came from a centred ``stft``.

    Returns:
        A real tensor ``(..., samples)``.

    Example:
    A round trip through ``stft`` gives ``x`` back (up to rounding):

    >>> x = keras_core.ops.arange(8.0)
    >>> y = keras_core.ops.istft(keras_core.ops.stft(x, 4, 2, 4), 4, 2, 4)
    >>> keras_core.ops.convert_to_numpy(y).tolist()
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    """
    op = "istft"
    real, imag, rs = _check_complex_pair(op, x)
    if len(rs) < 2:
        raise ValueError(f"{op}: the input must have rank >= 2. Received: shape={tuple(rs)}")
    sequence_length, sequence_stride, fft_length, window = _stft_args(
        op, sequence_length, sequence_stride, fft_length, window
    )
    if rs[-1] is not None and rs[-1] != fft_length // 2 + 1:
        raise ValueError(
            f"{op}: the last axis must have fft_length // 2 + 1 = {fft_length // 2 + 1} "
            f"bins. Received: shape={tuple(rs)}"
        )
    if length is not None:
        length = _positive_int(op, length, "length")
    center = bool(center)
    tensor_window = window if not (window is None or isinstance(window, str)) else None
    if any_symbolic_tensors((real, imag, tensor_window)):
        stored = None if tensor_window is not None else window
        return ISTFT(
            sequence_length, sequence_stride, fft_length, length, stored, center
        ).symbolic_call((real, imag), tensor_window)
    return backend.math.istft(
        (real, imag),
        sequence_length,
        sequence_stride,
        fft_length,
        length=length,
        window=window,
        center=center,
    )


# ---------------------------------------------------------------------------
# Top-k and segments


class TopK(Operation):
    def __init__(self, k, sorted=True, name=None):
        super().__init__(name=name)
        self.k = k
        self.sorted = sorted

    def call(self, x):
        return backend.math.top_k(x, self.k, sorted=self.sorted)

    def compute_output_spec(self, x):
        shape = tuple(shape_of(x)[:-1]) + (self.k,)
        return KerasTensor(shape, dtype=dtype_of(x)), KerasTensor(shape, dtype="int32")


def top_k(x: Tensor, k: int, sorted: bool = True) -> tuple:
    """The ``k`` largest entries of the last axis, and their indices.

    Ties are broken by the lower index. With ``sorted=False`` the order of the
    ``k`` entries is unspecified.

    Args:
        x: a tensor of rank >= 1.
        k: how many entries (``1 <= k <= x.shape[-1]``).
        sorted: whether the values are sorted in descending order.

    Returns:
        A tuple ``(values, indices)``: values of ``x``'s dtype, int32 indices.

    Example:
    >>> out = keras_core.ops.top_k([1.0, 5.0, 3.0], 2)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[5.0, 3.0], [1, 2]]
    """
    shape = shape_of(x)
    if len(shape) < 1:
        raise ValueError(f"top_k: `x` must have rank >= 1. Received: shape={tuple(shape)}")
    k = _positive_int("top_k", k, "k", minimum=0)
    if shape[-1] is not None and k > shape[-1]:
        raise ValueError(
            f"top_k: `k` ({k}) must be <= the size of the last axis ({shape[-1]}). "
            f"Received: x.shape={tuple(shape)}"
        )
    if any_symbolic_tensors((x,)):
        return TopK(k, bool(sorted)).symbolic_call(x)
    return backend.math.top_k(x, k, sorted=bool(sorted))


class InTopK(Operation):
    def __init__(self, k, name=None):
        super().__init__(name=name)
        self.k = k

    def call(self, targets, predictions):
        return backend.math.in_top_k(targets, predictions, self.k)

    def compute_output_spec(self, targets, predictions):
        return KerasTensor(shape_of(targets), dtype="bool")


def in_top_k(targets: Tensor, predictions: Tensor, k: int) -> Tensor:
    """Whether each target class is among the ``k`` highest predictions of its row.

    A target counts as in the top ``k`` when fewer than ``k`` classes have a
    strictly greater prediction (ties at the boundary are all in).

    Args:
        targets: integer class ids ``(batch,)``.
        predictions: scores ``(batch, num_classes)``.
        k: an int.

    Returns:
        A bool tensor ``(batch,)``.

    Example:
    >>> out = keras_core.ops.in_top_k([1, 0], [[0.1, 0.9, 0.0], [0.2, 0.5, 0.3]], 1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [True, False]
    """
    ts, ps = shape_of(targets), shape_of(predictions)
    if len(ts) != 1 or len(ps) != 2:
        raise ValueError(
            "in_top_k: `targets` must have rank 1 and `predictions` rank 2. "
            f"Received: targets.shape={tuple(ts)}, predictions.shape={tuple(ps)}"
        )
    if ts[0] is not None and ps[0] is not None and ts[0] != ps[0]:
        raise ValueError(
            "in_top_k: `targets` and `predictions` must have the same batch size. "
            f"Received: targets.shape={tuple(ts)}, predictions.shape={tuple(ps)}"
        )
    k = _positive_int("in_top_k", k, "k", minimum=0)
    if any_symbolic_tensors((targets, predictions)):
        return InTopK(k).symbolic_call(targets, predictions)
    return backend.math.in_top_k(targets, predictions, k)


class _Segment(Operation):
    backend_fn = None

    def __init__(self, num_segments=None, sorted=False, name=None):
        super().__init__(name=name)
        self.num_segments = num_segments
        self.sorted = sorted

    def call(self, data, segment_ids):
        return getattr(backend.math, self.backend_fn)(
            data, segment_ids, num_segments=self.num_segments, sorted=self.sorted
        )

    def compute_output_spec(self, data, segment_ids):
        shape = (self.num_segments,) + tuple(shape_of(data)[len(shape_of(segment_ids)) :])
        return KerasTensor(shape, dtype=dtype_of(data))


class SegmentSum(_Segment):
    backend_fn = "segment_sum"


class SegmentMax(_Segment):
    backend_fn = "segment_max"


class SegmentMin(_Segment):
    backend_fn = "segment_min"


class SegmentProd(_Segment):
    backend_fn = "segment_prod"


def _segment(cls, op, data, segment_ids, num_segments, sorted):
    ds, ss = shape_of(data), shape_of(segment_ids)
    if len(ss) != 1:
        raise ValueError(
            f"{op}: `segment_ids` must have rank 1. Received: segment_ids.shape={tuple(ss)}"
        )
    if len(ds) < 1 or (ds[0] is not None and ss[0] is not None and ds[0] != ss[0]):
        raise ValueError(
            f"{op}: `segment_ids` must have one id per row of `data`. "
            f"Received: data.shape={tuple(ds)}, segment_ids.shape={tuple(ss)}"
        )
    if num_segments is not None:
        num_segments = _positive_int(op, num_segments, "num_segments", minimum=0)
    if any_symbolic_tensors((data, segment_ids)):
        return cls(num_segments, bool(sorted)).symbolic_call(data, segment_ids)
    return getattr(backend.math, cls.backend_fn)(
        data, segment_ids, num_segments=num_segments, sorted=bool(sorted)
    )


_SEGMENT_DOC = """Computes the {what} of each segment of ``data``'s rows.

    Row ``i`` of ``data`` belongs to segment ``segment_ids[i]``; ids outside
    ``[0, num_segments)`` are dropped. An empty segment gives {empty}.

    Args:
        data: a tensor of rank >= 1.
        segment_ids: int ids ``(data.shape[0],)``.
        num_segments: the number of segments (default ``max(segment_ids) + 1``;
            give it for symbolic or compiled use).
        sorted: whether ``segment_ids`` is sorted (a hint).

    Returns:
        A tensor ``(num_segments, *data.shape[1:])`` of ``data``'s dtype.

    Example:
    >>> x = keras_core.ops.{name}([1.0, 2.0, 3.0], [0, 0, 1], num_segments=2)
    >>> keras_core.ops.convert_to_numpy(x).tolist()
    {example}
    """


def segment_sum(
    data: Tensor, segment_ids: Tensor, num_segments: int | None = None, sorted: bool = False
) -> Tensor:
    return _segment(SegmentSum, "segment_sum", data, segment_ids, num_segments, sorted)


def segment_max(
    data: Tensor, segment_ids: Tensor, num_segments: int | None = None, sorted: bool = False
) -> Tensor:
    return _segment(SegmentMax, "segment_max", data, segment_ids, num_segments, sorted)


def segment_min(
    data: Tensor, segment_ids: Tensor, num_segments: int | None = None, sorted: bool = False
) -> Tensor:
    return _segment(SegmentMin, "segment_min", data, segment_ids, num_segments, sorted)


def segment_prod(
    data: Tensor, segment_ids: Tensor, num_segments: int | None = None, sorted: bool = False
) -> Tensor:
    return _segment(SegmentProd, "segment_prod", data, segment_ids, num_segments, sorted)


segment_sum.__doc__ = _SEGMENT_DOC.format(
    what="sum", empty="0", name="segment_sum", example="[3.0, 3.0]"
)
segment_max.__doc__ = _SEGMENT_DOC.format(
    what="maximum",
    empty="the dtype's lowest value (-inf for floats)",
    name="segment_max",
    example="[2.0, 3.0]",
)
segment_min.__doc__ = _SEGMENT_DOC.format(
    what="minimum",
    empty="the dtype's highest value (inf for floats)",
    name="segment_min",
    example="[1.0, 3.0]",
)
segment_prod.__doc__ = _SEGMENT_DOC.format(
    what="product", empty="1", name="segment_prod", example="[2.0, 3.0]"
)


# ---------------------------------------------------------------------------
# Other


class ExtractSequences(Operation):
    def __init__(self, sequence_length, sequence_stride, name=None):
        super().__init__(name=name)
        self.sequence_length = sequence_length
        self.sequence_stride = sequence_stride

    def call(self, x):
        return backend.math.extract_sequences(x, self.sequence_length, self.sequence_stride)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        n = shape[-1]
        frames = conv_output_length(n, self.sequence_length, self.sequence_stride, "valid")
        return KerasTensor(tuple(shape[:-1]) + (frames, self.sequence_length), dtype=dtype_of(x))


def extract_sequences(x: Tensor, sequence_length: int, sequence_stride: int) -> Tensor:
    """Frames of ``sequence_length`` samples every ``sequence_stride`` along the last axis.

    Args:
        x: a tensor ``(..., samples)``.
        sequence_length: the frame length.
        sequence_stride: the hop between frame starts.

    Returns:
        A tensor ``(..., frames, sequence_length)`` with
        ``frames = (samples - sequence_length) // sequence_stride + 1``.

    Example:
    >>> out = keras_core.ops.extract_sequences([1, 2, 3, 4, 5], 3, 2)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1, 2, 3], [3, 4, 5]]
    """
    op = "extract_sequences"
    sequence_length = _positive_int(op, sequence_length, "sequence_length")
    sequence_stride = _positive_int(op, sequence_stride, "sequence_stride")
    shape = shape_of(x)
    if len(shape) < 1:
        raise ValueError(f"{op}: `x` must have rank >= 1. Received: shape={tuple(shape)}")
    if shape[-1] is not None and shape[-1] < sequence_length:
        raise ValueError(
            f"{op}: the last axis ({shape[-1]}) is shorter than sequence_length "
            f"({sequence_length}). Received: x.shape={tuple(shape)}"
        )
    if any_symbolic_tensors((x,)):
        return ExtractSequences(sequence_length, sequence_stride).symbolic_call(x)
    return backend.math.extract_sequences(x, sequence_length, sequence_stride)


def _check_square(op, x):
    shape = shape_of(x)
    if len(shape) < 2:
        raise ValueError(
            f"{op}: `x` must have rank >= 2 (a matrix or a batch of matrices). "
            f"Received: x.shape={tuple(shape)}"
        )
    if shape[-1] is not None and shape[-2] is not None and shape[-1] != shape[-2]:
        raise ValueError(
            f"{op}: `x` must be a square matrix (or a batch of them). "
            f"Received: x.shape={tuple(shape)}"
        )
    return shape


class Logdet(Operation):
    def call(self, x):
        return backend.math.logdet(x)

    def compute_output_spec(self, x):
        return KerasTensor(tuple(shape_of(x)[:-2]), dtype=float_dtype(x))


def logdet(x: Tensor) -> Tensor:
    """Log-determinant of Hermitian positive-definite matrices.

    Args:
        x: a tensor ``(..., n, n)``.

    Returns:
        A floating tensor ``(...)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logdet([[2.0, 0.0], [0.0, 3.0]])).tolist()
    1.7918
    """
    _check_square("logdet", x)
    if any_symbolic_tensors((x,)):
        return Logdet().symbolic_call(x)
    return backend.math.logdet(x)


class Cdist(Operation):
    def call(self, x, y):
        return backend.math.cdist(x, y)

    def compute_output_spec(self, x, y):
        xs, ys = shape_of(x), shape_of(y)
        batch = broadcast_shapes(xs[:-2], ys[:-2], "cdist")
        return KerasTensor(batch + (xs[-2], ys[-2]), dtype=float_dtype(x, y))


def cdist(x: Tensor, y: Tensor) -> Tensor:
    """Pairwise Euclidean distances between the rows of ``x`` and of ``y``.

    Args:
        x: a tensor ``(..., m, d)``.
        y: a tensor ``(..., n, d)`` (leading dims broadcast).

    Returns:
        A floating tensor ``(..., m, n)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cdist([[0.0, 0.0]], [[3.0, 4.0]])).tolist()
    [[5.0]]
    """
    xs, ys = shape_of(x), shape_of(y)
    if len(xs) < 2 or len(ys) < 2:
        raise ValueError(
            f"cdist: `x` and `y` must have rank >= 2. Received: x.shape={tuple(xs)}, "
            f"y.shape={tuple(ys)}"
        )
    if xs[-1] is not None and ys[-1] is not None and xs[-1] != ys[-1]:
        raise ValueError(
            f"cdist: `x` and `y` must have the same last dimension. "
            f"Received: x.shape={tuple(xs)}, y.shape={tuple(ys)}"
        )
    broadcast_shapes(xs[:-2], ys[:-2], "cdist")
    if any_symbolic_tensors((x, y)):
        return Cdist().symbolic_call(x, y)
    return backend.math.cdist(x, y)


class ViewAsReal(Operation):
    def call(self, x):
        return backend.math.view_as_real(x)

    def compute_output_spec(self, x):
        d = "float64" if x.dtype == "complex128" else "float32"
        return KerasTensor(tuple(shape_of(x)) + (2,), dtype=d)


def view_as_real(x: Tensor) -> Tensor:
    """Splits a complex tensor into a trailing (real, imag) axis of length 2.

    Args:
        x: a complex tensor.

    Returns:
        A float tensor ``(*x.shape, 2)``: float64 for complex128, else float32.

    Example:
    >>> out = keras_core.ops.view_as_real(keras_core.ops.convert_to_tensor([1 + 2j]))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 2.0]]
    """
    d = dtype_of(x)
    if d not in ("complex64", "complex128", complex):
        raise TypeError(f"view_as_real: `x` must be a complex tensor. Received: dtype={d}")
    if any_symbolic_tensors((x,)):
        return ViewAsReal().symbolic_call(x)
    return backend.math.view_as_real(x)


class ViewAsComplex(Operation):
    def call(self, x):
        return backend.math.view_as_complex(x)

    def compute_output_spec(self, x):
        d = "complex128" if x.dtype == "float64" else "complex64"
        return KerasTensor(tuple(shape_of(x))[:-1], dtype=d)


def view_as_complex(x: Tensor) -> Tensor:
    """Combines a trailing (real, imag) axis of length 2 into complex numbers.

    Args:
        x: a floating tensor ``(..., 2)``.

    Returns:
        A complex tensor ``(...)``: complex128 for float64, else complex64.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.view_as_complex([[1.0, 2.0]])).tolist()
    [(1+2j)]
    """
    shape = shape_of(x)
    if len(shape) < 1 or shape[-1] not in (2, None):
        raise ValueError(
            f"view_as_complex: the last axis must have length 2. Received: x.shape={tuple(shape)}"
        )
    if any_symbolic_tensors((x,)):
        return ViewAsComplex().symbolic_call(x)
    return backend.math.view_as_complex(x)


__all__ = op_names(__name__) + ["qr"]
