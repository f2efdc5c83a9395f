"""Tensor creation: ranges, constant tensors, identity and triangular matrices,
diagonals, Vandermonde matrices, and window functions."""

from keras_core import backend
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.numpy._base import (
    as_int,
    broadcast,
    float_dtype,
    kt,
    ndim_of,
    one_axis,
    op_class,
    same_dtype,
    shape_arg,
    shape_of,
    unary_dtype,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy


def _dtype(dtype):
    return None if dtype is None else standardize_dtype(dtype)


def _space_spec(op):
    def spec(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, **config):
        base = list(broadcast(op, start, stop))
        base.insert(axis % (len(base) + 1), num)
        d = dtype if dtype is not None else float_dtype(start, stop)
        out = kt(base, d)
        if retstep:
            return out, kt(broadcast(op, start, stop), d)
        return out

    return spec


def _like_spec(x, dtype=None):
    return kt(shape_of(x), dtype or same_dtype(x))


def _full_spec(fill_value, shape=(), dtype=None):
    return kt(shape, dtype or dtype_rules.creation_dtype(None, fill_value))


def _full_like_spec(x, fill_value, dtype=None):
    return kt(shape_of(x), dtype or same_dtype(x))


def _diag_len(m, n, k):
    if m is None or n is None:
        return None
    return max(0, min(m, n - k)) if k >= 0 else max(0, min(m + k, n))


def _diag_spec(x, k=0):
    shape = shape_of(x)
    if len(shape) == 1:
        n = None if shape[0] is None else shape[0] + abs(k)
        return kt((n, n), same_dtype(x))
    return kt((_diag_len(shape[0], shape[1], k),), same_dtype(x))


def _diagflat_spec(x, k=0):
    shape = shape_of(x)
    size = None if None in shape else int(_prod(shape))
    n = None if size is None else size + abs(k)
    return kt((n, n), same_dtype(x))


def _prod(values):
    out = 1
    for v in values:
        out *= v
    return out


def _diagonal_spec(x, offset=0, axis1=0, axis2=1):
    shape = shape_of(x)
    rest = [d for i, d in enumerate(shape) if i not in (axis1, axis2)]
    return kt(rest + [_diag_len(shape[axis1], shape[axis2], offset)], same_dtype(x))


def _vander_spec(x, N=None, increasing=False):
    n = shape_of(x)[0]
    return kt((n, n if N is None else N), unary_dtype(x))


def _window_spec(x, *args, **config):
    return kt((None,), backend.floatx())


Linspace = op_class("Linspace", "linspace", _space_spec("linspace"))
Logspace = op_class("Logspace", "logspace", _space_spec("logspace"))
Geomspace = op_class("Geomspace", "geomspace", _space_spec("geomspace"))
Full = op_class(
    "Full", "full", _full_spec, call=lambda c, v: _bnp.full(c["shape"], v, dtype=c["dtype"])
)
ZerosLike = op_class("ZerosLike", "zeros_like", _like_spec)
OnesLike = op_class("OnesLike", "ones_like", _like_spec)
EmptyLike = op_class("EmptyLike", "empty_like", _like_spec)
FullLike = op_class("FullLike", "full_like", _full_like_spec)
Tril = op_class("Tril", "tril", lambda x, k=0: kt(shape_of(x), same_dtype(x)))
Triu = op_class("Triu", "triu", lambda x, k=0: kt(shape_of(x), same_dtype(x)))
Diag = op_class("Diag", "diag", _diag_spec)
Diagflat = op_class("Diagflat", "diagflat", _diagflat_spec)
Diagonal = op_class("Diagonal", "diagonal", _diagonal_spec)
Vander = op_class("Vander", "vander", _vander_spec)
Array = op_class("Array", "array", _like_spec)
Bartlett = op_class("Bartlett", "bartlett", _window_spec)
Blackman = op_class("Blackman", "blackman", _window_spec)
Hamming = op_class("Hamming", "hamming", _window_spec)
Hanning = op_class("Hanning", "hanning", _window_spec)
Kaiser = op_class("Kaiser", "kaiser", _window_spec)


# ----------------------------------------------------------------------------- ranges


def arange(
    start: Tensor, stop: Tensor = None, step: Tensor = 1, dtype: str | None = None
) -> Tensor:
    """Evenly spaced values in ``[start, stop)`` with spacing ``step``.

    Args:
        start: the first value (or the end, with ``stop`` None and start 0).
        stop: the end (excluded).
        step: the spacing (not 0; may be negative).
        dtype: the result dtype; by default int32 for Python ints and ``floatx()``
            when any argument is a float.

    Returns:
        A 1-D tensor of ``ceil((stop - start) / step)`` values.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arange(1, 7, 2)).tolist()
    [1, 3, 5]
    """
    for arg, value in (("start", start), ("stop", stop), ("step", step)):
        if isinstance(value, KerasTensor):
            raise TypeError(f"arange: `{arg}` must be a concrete number, not a symbolic tensor.")
    if step is not None and not isinstance(step, bool) and step == 0:
        raise ValueError("arange: `step` must not be zero. Received: step=0")
    return _bnp.arange(start, stop, step=step, dtype=_dtype(dtype))


def _space_args(op, num, axis, start, stop):
    num = as_int(op, num, "num")
    if num < 0:
        raise ValueError(f"{op}: `num` must be >= 0. Received: num={num}")
    ndim = len(broadcast(op, start, stop)) + 1
    return num, one_axis(op, axis, ndim)


def linspace(
    start: Tensor,
    stop: Tensor,
    num: int = 50,
    endpoint: bool = True,
    retstep: bool = False,
    dtype: str | None = None,
    axis: int = 0,
) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop``.

    Args:
        start: the first value (a number or a tensor, broadcast with ``stop``).
        stop: the last value (included when ``endpoint``).
        num: the number of values.
        endpoint: include ``stop``.
        retstep: also return the spacing.
        dtype: the result dtype; floating by default. Integer dtypes round down.
        axis: where the new axis goes when ``start``/``stop`` are tensors.

    Returns:
        The values, or ``(values, step)`` with ``retstep``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.linspace(0.0, 1.0, 5)).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    num, axis = _space_args("linspace", num, axis, start, stop)
    config = dict(num=num, endpoint=endpoint, retstep=retstep, dtype=_dtype(dtype), axis=axis)
    if any_symbolic_tensors((start, stop)):
        return Linspace(**config).symbolic_call(start, stop)
    return _bnp.linspace(start, stop, **config)


def logspace(
    start: Tensor,
    stop: Tensor,
    num: int = 50,
    endpoint: bool = True,
    base: float = 10,
    dtype: str | None = None,
    axis: int = 0,
) -> Tensor:
    """``num`` values evenly spaced on a log scale: ``base ** linspace(start, stop, num)``.

    Args:
        start: the first exponent.
        stop: the last exponent (included when ``endpoint``).
        num: the number of values.
        endpoint: include ``base ** stop``.
        base: the base of the log space.
        dtype: the result dtype; floating by default.
        axis: where the new axis goes when ``start``/``stop`` are tensors.

    Returns:
        The values.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logspace(0.0, 2.0, 3)).tolist()
    [1.0, 10.0, 100.0]
    """
    num, axis = _space_args("logspace", num, axis, start, stop)
    if not isinstance(base, (int, float)):
        raise TypeError(f"logspace: `base` must be a number. Received: base={base!r}")
    config = dict(num=num, endpoint=endpoint, base=base, dtype=_dtype(dtype), axis=axis)
    if any_symbolic_tensors((start, stop)):
        return Logspace(**config).symbolic_call(start, stop)
    return _bnp.logspace(start, stop, **config)


def geomspace(
    start: Tensor,
    stop: Tensor,
    num: int = 50,
    endpoint: bool = True,
    dtype: str | None = None,
    axis: int = 0,
) -> Tensor:
    """``num`` values from ``start`` to ``stop`` in geometric progression.

    Args:
        start: the first value (not 0).
        stop: the last value (not 0, same sign as ``start``).
        num: the number of values.
        endpoint: include ``stop``.
        dtype: the result dtype; floating by default.
        axis: where the new axis goes when ``start``/``stop`` are tensors.

    Returns:
        The values.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.geomspace(1.0, 1000.0, 4)).tolist()
    [1.0, 10.0, 100.0, 1000.0]
    """
    num, axis = _space_args("geomspace", num, axis, start, stop)
    for arg, value in (("start", start), ("stop", stop)):
        if isinstance(value, (int, float)) and value == 0:
            raise ValueError(f"geomspace: `{arg}` must not be zero.")
    config = dict(num=num, endpoint=endpoint, dtype=_dtype(dtype), axis=axis)
    if any_symbolic_tensors((start, stop)):
        return Geomspace(**config).symbolic_call(start, stop)
    return _bnp.geomspace(start, stop, **config)


# ----------------------------------------------------------------------------- constants


def zeros(shape: tuple, dtype: str | None = None) -> Tensor:
    """A tensor of zeros.

    Args:
        shape: an int or a tuple of ints.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of ``shape`` filled with 0.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.zeros((2,))).tolist()
    [0.0, 0.0]
    """
    return _bnp.zeros(_shape("zeros", shape), dtype=_dtype(dtype))


def ones(shape: tuple, dtype: str | None = None) -> Tensor:
    """A tensor of ones.

    Args:
        shape: an int or a tuple of ints.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of ``shape`` filled with 1.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ones((2,), dtype="int32")).tolist()
    [1, 1]
    """
    return _bnp.ones(_shape("ones", shape), dtype=_dtype(dtype))


def empty(shape: tuple, dtype: str | None = None) -> Tensor:
    """An uninitialized tensor (its values are unspecified).

    Args:
        shape: an int or a tuple of ints.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of ``shape``.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.empty((2, 3)))
    (2, 3)
    """
    return _bnp.empty(_shape("empty", shape), dtype=_dtype(dtype))


def _shape(op, shape):
    shape = shape_arg(op, shape)
    if any(d < 0 for d in shape):
        raise ValueError(f"{op}: `shape` must hold non-negative sizes. Received: shape={shape}")
    return shape


def full(shape: tuple, fill_value: Tensor, dtype: str | None = None) -> Tensor:
    """A tensor filled with ``fill_value``.

    Args:
        shape: an int or a tuple of ints.
        fill_value: a number, or a tensor broadcastable to ``shape``.
        dtype: the dtype; by default that of ``fill_value`` (int32 for Python ints,
            ``floatx()`` for floats).

    Returns:
        A tensor of ``shape``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.full((2,), 7)).tolist()
    [7, 7]
    """
    shape = _shape("full", shape)
    if any_symbolic_tensors((fill_value,)):
        return Full(shape=shape, dtype=_dtype(dtype)).symbolic_call(fill_value)
    return _bnp.full(shape, fill_value, dtype=_dtype(dtype))


def zeros_like(x: Tensor, dtype: str | None = None) -> Tensor:
    """A tensor of zeros with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        dtype: the dtype; that of ``x`` if None.

    Returns:
        A tensor of zeros.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.zeros_like([1, 2])).tolist()
    [0, 0]
    """
    if any_symbolic_tensors((x,)):
        return ZerosLike(dtype=_dtype(dtype)).symbolic_call(x)
    return _bnp.zeros_like(x, dtype=_dtype(dtype))


def ones_like(x: Tensor, dtype: str | None = None) -> Tensor:
    """A tensor of ones with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        dtype: the dtype; that of ``x`` if None.

    Returns:
        A tensor of ones.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ones_like([1.5, 2.5])).tolist()
    [1.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return OnesLike(dtype=_dtype(dtype)).symbolic_call(x)
    return _bnp.ones_like(x, dtype=_dtype(dtype))


def empty_like(x: Tensor, dtype: str | None = None) -> Tensor:
    """An uninitialized tensor with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        dtype: the dtype; that of ``x`` if None.

    Returns:
        A tensor whose values are unspecified.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.empty_like([[1, 2]]))
    (1, 2)
    """
    if any_symbolic_tensors((x,)):
        return EmptyLike(dtype=_dtype(dtype)).symbolic_call(x)
    return _bnp.empty_like(x, dtype=_dtype(dtype))


def full_like(x: Tensor, fill_value: Tensor, dtype: str | None = None) -> Tensor:
    """A tensor with the shape (and by default the dtype) of ``x`` filled with ``fill_value``.

    Args:
        x: a tensor.
        fill_value: a number, or a tensor broadcastable to the shape of ``x``.
        dtype: the dtype; that of ``x`` if None.

    Returns:
        The filled tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.full_like([1, 2], 5)).tolist()
    [5, 5]
    """
    if any_symbolic_tensors((x, fill_value)):
        return FullLike(dtype=_dtype(dtype)).symbolic_call(x, fill_value)
    return _bnp.full_like(x, fill_value, dtype=_dtype(dtype))


# ----------------------------------------------------------------------------- matrices


def eye(N: int, M: int | None = None, k: int = 0, dtype: str | None = None) -> Tensor:
    """A 2-D tensor with ones on a diagonal and zeros elsewhere.

    Args:
        N: the number of rows.
        M: the number of columns; ``N`` if None.
        k: the diagonal: 0 is the main one, positive above, negative below.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of shape ``(N, M)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.eye(2)).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    N = _size("eye", N, "N")
    M = N if M is None else _size("eye", M, "M")
    return _bnp.eye(N, M, as_int("eye", k, "k"), dtype=_dtype(dtype))


def _size(op, value, arg):
    value = as_int(op, value, arg)
    if value < 0:
        raise ValueError(f"{op}: `{arg}` must be >= 0. Received: {arg}={value}")
    return value


def identity(n: int, dtype: str | None = None) -> Tensor:
    """The ``n`` x ``n`` identity matrix.

    Args:
        n: the number of rows and columns.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of shape ``(n, n)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.identity(2, dtype="int32")).tolist()
    [[1, 0], [0, 1]]
    """
    return _bnp.identity(_size("identity", n, "n"), dtype=_dtype(dtype))


def tri(N: int, M: int | None = None, k: int = 0, dtype: str | None = None) -> Tensor:
    """A matrix with ones at and below the ``k``-th diagonal and zeros above.

    Args:
        N: the number of rows.
        M: the number of columns; ``N`` if None.
        k: the diagonal: 0 is the main one, positive above, negative below.
        dtype: the dtype; ``floatx()`` if None.

    Returns:
        A tensor of shape ``(N, M)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tri(2)).tolist()
    [[1.0, 0.0], [1.0, 1.0]]
    """
    N = _size("tri", N, "N")
    M = N if M is None else _size("tri", M, "M")
    return _bnp.tri(N, M, as_int("tri", k, "k"), dtype=_dtype(dtype))


def _matrix_rank(op, x):
    if ndim_of(x) < 2:
        raise ValueError(f"{op}: `x` must have rank >= 2. Received: shape={shape_of(x)}")


def tril(x: Tensor, k: int = 0) -> Tensor:
    """Zeros the elements above the ``k``-th diagonal of the last two axes of ``x``.

    Args:
        x: a tensor of rank >= 2.
        k: the diagonal: 0 is the main one, positive above, negative below.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tril([[1, 2], [3, 4]])).tolist()
    [[1, 0], [3, 4]]
    """
    _matrix_rank("tril", x)
    k = as_int("tril", k, "k")
    if any_symbolic_tensors((x,)):
        return Tril(k=k).symbolic_call(x)
    return _bnp.tril(x, k=k)


def triu(x: Tensor, k: int = 0) -> Tensor:
    """Zeros the elements below the ``k``-th diagonal of the last two axes of ``x``.

    Args:
        x: a tensor of rank >= 2.
        k: the diagonal: 0 is the main one, positive above, negative below.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.triu([[1, 2], [3, 4]])).tolist()
    [[1, 2], [0, 4]]
    """
    _matrix_rank("triu", x)
    k = as_int("triu", k, "k")
    if any_symbolic_tensors((x,)):
        return Triu(k=k).symbolic_call(x)
    return _bnp.triu(x, k=k)


def diag(x: Tensor, k: int = 0) -> Tensor:
    """Extracts a diagonal of a 2-D tensor, or builds a 2-D tensor from a 1-D diagonal.

    Args:
        x: a 1-D tensor (the diagonal to place) or a 2-D tensor (to read from).
        k: the diagonal: 0 is the main one, positive above, negative below.

    Returns:
        A 2-D tensor for 1-D input, a 1-D tensor for 2-D input.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.diag([1, 2])).tolist()
    [[1, 0], [0, 2]]
    """
    if ndim_of(x) not in (1, 2):
        raise ValueError(f"diag: `x` must be 1-D or 2-D. Received: shape={shape_of(x)}")
    k = as_int("diag", k, "k")
    if any_symbolic_tensors((x,)):
        return Diag(k=k).symbolic_call(x)
    return _bnp.diag(x, k=k)


def diagflat(x: Tensor, k: int = 0) -> Tensor:
    """A 2-D tensor with the flattened ``x`` on the ``k``-th diagonal.

    Args:
        x: a tensor (flattened).
        k: the diagonal: 0 is the main one, positive above, negative below.

    Returns:
        A square 2-D tensor of size ``x.size + |k|``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.diagflat([[1, 2]])).tolist()
    [[1, 0], [0, 2]]
    """
    k = as_int("diagflat", k, "k")
    if any_symbolic_tensors((x,)):
        return Diagflat(k=k).symbolic_call(x)
    return _bnp.diagflat(x, k=k)


def diagonal(x: Tensor, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Tensor:
    """The diagonals of ``x`` in the plane of ``axis1`` and ``axis2``.

    Args:
        x: a tensor of rank >= 2.
        offset: the diagonal: 0 is the main one, positive above, negative below.
        axis1: the first axis of the plane (rows).
        axis2: the second axis of the plane (columns).

    Returns:
        A tensor with both axes removed and the diagonal as a new last axis.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.diagonal([[1, 2], [3, 4]])).tolist()
    [1, 4]
    """
    _matrix_rank("diagonal", x)
    ndim = ndim_of(x)
    axis1 = one_axis("diagonal", axis1, ndim, "axis1")
    axis2 = one_axis("diagonal", axis2, ndim, "axis2")
    if axis1 == axis2:
        raise ValueError(f"diagonal: `axis1` and `axis2` must differ. Received: {axis1}, {axis2}")
    offset = as_int("diagonal", offset, "offset")
    if any_symbolic_tensors((x,)):
        return Diagonal(offset=offset, axis1=axis1, axis2=axis2).symbolic_call(x)
    return _bnp.diagonal(x, offset=offset, axis1=axis1, axis2=axis2)


def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:
    """The Vandermonde matrix of ``x``: columns are powers of ``x``.

    Args:
        x: a 1-D tensor.
        N: the number of columns; ``len(x)`` if None.
        increasing: powers increase from left to right (``x**0`` first) when True;
            by default they decrease.

    Returns:
        A tensor of shape ``(len(x), N)`` of the dtype of ``x`` (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.vander([1, 2, 3], 3)).tolist()
    [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
    """
    if ndim_of(x) != 1:
        raise ValueError(f"vander: `x` must be 1-D. Received: shape={shape_of(x)}")
    if N is not None:
        N = _size("vander", N, "N")
    if any_symbolic_tensors((x,)):
        return Vander(N=N, increasing=increasing).symbolic_call(x)
    return _bnp.vander(x, N=N, increasing=increasing)


def array(x: Tensor, dtype: str | None = None) -> Tensor:
    """Creates a tensor from ``x`` (a list, array, number or tensor), copying the data.

    Args:
        x: the values.
        dtype: the dtype; by default that of ``x`` (int32 for Python ints, ``floatx()``
            for floats).

    Returns:
        A tensor.

    Example:
    >>> out = keras_core.ops.array([[1, 2], [3, 4]], dtype="float32")
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    if any_symbolic_tensors((x,)):
        return Array(dtype=_dtype(dtype)).symbolic_call(x)
    return _bnp.array(x, dtype=_dtype(dtype))


# ----------------------------------------------------------------------------- windows


def _window(op, cls, x, *args):
    if any_symbolic_tensors((x,)):
        return cls().symbolic_call(x, *args)
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        if int(x) != x:
            raise TypeError(f"{op}: `x` (the window length) must be an int. Received: x={x}")
        x = int(x)
    return getattr(_bnp, op)(x, *args)


def bartlett(x: int) -> Tensor:
    """The Bartlett (triangular) window of length ``x``.

    Args:
        x: the number of points.

    Returns:
        A 1-D ``floatx()`` tensor peaking at 1 in the middle and 0 at both ends.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bartlett(5)).tolist()
    [0.0, 0.5, 1.0, 0.5, 0.0]
    """
    return _window("bartlett", Bartlett, x)


def blackman(x: int) -> Tensor:
    """The Blackman window of length ``x``.

    Args:
        x: the number of points.

    Returns:
        A 1-D ``floatx()`` tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.blackman(3)).tolist()
    [0.0, 1.0, 0.0]
    """
    return _window("blackman", Blackman, x)


def hamming(x: int) -> Tensor:
    """The Hamming window of length ``x``.

    Args:
        x: the number of points.

    Returns:
        A 1-D ``floatx()`` tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hamming(3)).tolist()
    [0.08, 1.0, 0.08]
    """
    return _window("hamming", Hamming, x)


def hanning(x: int) -> Tensor:
    """The Hann window of length ``x``.

    Args:
        x: the number of points.

    Returns:
        A 1-D ``floatx()`` tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hanning(3)).tolist()
    [0.0, 1.0, 0.0]
    """
    return _window("hanning", Hanning, x)


def kaiser(x: int, beta: float) -> Tensor:
    """The Kaiser window of length ``x`` with shape parameter ``beta``.

    Args:
        x: the number of points.
        beta: the shape parameter (0 gives a rectangular window).

    Returns:
        A 1-D ``floatx()`` tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.kaiser(3, 0.0)).tolist()
    [1.0, 1.0, 1.0]
    """
    if not isinstance(beta, (int, float)) or isinstance(beta, bool):
        raise TypeError(f"kaiser: `beta` must be a number. Received: beta={beta!r}")
    return _window("kaiser", Kaiser, x, beta)
