"""Elementwise math on one tensor: absolute values, roots, exponentials, logarithms,
trigonometry, rounding, complex parts, ``clip`` and ``nan_to_num``."""

from keras_core import backend
from keras_core.backend.common.keras_tensor import any_symbolic_tensors
from keras_core.ops.numpy._base import (
    broadcast,
    float_dtype,
    kt,
    op_class,
    promote_no_bool,
    real_dtype,
    same_dtype,
    unary_dtype,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy


def _unary(class_name, fn, rule):
    def spec(x, **config):
        return kt(x.shape, rule(x))

    return op_class(class_name, fn, spec)


def _clip_spec(x, x_min, x_max):
    operands = [v for v in (x, x_min, x_max) if v is not None]
    return kt(broadcast("clip", *operands), promote_no_bool(*operands))


Abs = _unary("Abs", "abs", lambda x: real_dtype(unary_dtype(x)))
Absolute = _unary("Absolute", "absolute", lambda x: real_dtype(unary_dtype(x)))
Fabs = _unary("Fabs", "fabs", float_dtype)
Negative = _unary("Negative", "negative", unary_dtype)
Square = _unary("Square", "square", unary_dtype)
Sign = _unary("Sign", "sign", unary_dtype)
Trunc = _unary("Trunc", "trunc", same_dtype)
Round = _unary("Round", "round", unary_dtype)
Conj = _unary("Conj", "conj", same_dtype)
Conjugate = _unary("Conjugate", "conjugate", same_dtype)
Real = _unary("Real", "real", lambda x: real_dtype(same_dtype(x)))
Imag = _unary("Imag", "imag", lambda x: real_dtype(same_dtype(x)))
Angle = _unary("Angle", "angle", lambda x: real_dtype(float_dtype(x)))
NanToNum = _unary("NanToNum", "nan_to_num", same_dtype)
Clip = op_class("Clip", "clip", _clip_spec)
Reciprocal = _unary("Reciprocal", "reciprocal", float_dtype)
Sqrt = _unary("Sqrt", "sqrt", float_dtype)
Cbrt = _unary("Cbrt", "cbrt", float_dtype)
Exp = _unary("Exp", "exp", float_dtype)
Exp2 = _unary("Exp2", "exp2", float_dtype)
Expm1 = _unary("Expm1", "expm1", float_dtype)
Log = _unary("Log", "log", float_dtype)
Log2 = _unary("Log2", "log2", float_dtype)
Log10 = _unary("Log10", "log10", float_dtype)
Log1p = _unary("Log1p", "log1p", float_dtype)
Sin = _unary("Sin", "sin", float_dtype)
Cos = _unary("Cos", "cos", float_dtype)
Tan = _unary("Tan", "tan", float_dtype)
Arcsin = _unary("Arcsin", "arcsin", float_dtype)
Arccos = _unary("Arccos", "arccos", float_dtype)
Arctan = _unary("Arctan", "arctan", float_dtype)
Sinh = _unary("Sinh", "sinh", float_dtype)
Cosh = _unary("Cosh", "cosh", float_dtype)
Tanh = _unary("Tanh", "tanh", float_dtype)
Arcsinh = _unary("Arcsinh", "arcsinh", float_dtype)
Arccosh = _unary("Arccosh", "arccosh", float_dtype)
Arctanh = _unary("Arctanh", "arctanh", float_dtype)
Deg2rad = _unary("Deg2rad", "deg2rad", float_dtype)
Rad2deg = _unary("Rad2deg", "rad2deg", float_dtype)
Sinc = _unary("Sinc", "sinc", float_dtype)
I0 = _unary("I0", "i0", float_dtype)
Ceil = _unary("Ceil", "ceil", float_dtype)
Floor = _unary("Floor", "floor", float_dtype)


def abs(x: Tensor) -> Tensor:
    """The absolute value, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32; complex gives its real dtype).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.abs([-1.5, 2.0])).tolist()
    [1.5, 2.0]
    """
    if any_symbolic_tensors((x,)):
        return Abs().symbolic_call(x)
    return _bnp.abs(x)


def absolute(x: Tensor) -> Tensor:
    """The absolute value, elementwise; an alias of ``abs``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.absolute([-3, 4])).tolist()
    [3, 4]
    """
    if any_symbolic_tensors((x,)):
        return Absolute().symbolic_call(x)
    return _bnp.absolute(x)


def fabs(x: Tensor) -> Tensor:
    """The absolute value as a floating tensor, elementwise.

    Args:
        x: a real tensor (complex raises a TypeError).

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.fabs([-3, 4])).tolist()
    [3.0, 4.0]
    """
    if any_symbolic_tensors((x,)):
        return Fabs().symbolic_call(x)
    return _bnp.fabs(x)


def negative(x: Tensor) -> Tensor:
    """The numerical negative ``-x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32; unsigned integers wrap).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.negative([1.0, -2.0])).tolist()
    [-1.0, 2.0]
    """
    if any_symbolic_tensors((x,)):
        return Negative().symbolic_call(x)
    return _bnp.negative(x)


def square(x: Tensor) -> Tensor:
    """The square ``x * x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.square([-3, 2])).tolist()
    [9, 4]
    """
    if any_symbolic_tensors((x,)):
        return Square().symbolic_call(x)
    return _bnp.square(x)


def sign(x: Tensor) -> Tensor:
    """The sign of ``x``: -1, 0 or 1, elementwise (NaN stays NaN).

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sign([-2.5, 0.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Sign().symbolic_call(x)
    return _bnp.sign(x)


def reciprocal(x: Tensor) -> Tensor:
    """The reciprocal ``1 / x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``). ``1 /
        0`` is ``inf``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.reciprocal([2, 4])).tolist()
    [0.5, 0.25]
    """
    if any_symbolic_tensors((x,)):
        return Reciprocal().symbolic_call(x)
    return _bnp.reciprocal(x)


def sqrt(x: Tensor) -> Tensor:
    """The non-negative square root, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``). Negative
        inputs give NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sqrt([4.0, 9.0])).tolist()
    [2.0, 3.0]
    """
    if any_symbolic_tensors((x,)):
        return Sqrt().symbolic_call(x)
    return _bnp.sqrt(x)


def cbrt(x: Tensor) -> Tensor:
    """The cube root, elementwise (real, also for negative inputs).

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cbrt([-8.0, 27.0])).tolist()
    [-2.0, 3.0]
    """
    if any_symbolic_tensors((x,)):
        return Cbrt().symbolic_call(x)
    return _bnp.cbrt(x)


def exp(x: Tensor) -> Tensor:
    """The exponential ``e**x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.exp([0.0, 1.0])).tolist()
    [1.0, 2.7183]
    """
    if any_symbolic_tensors((x,)):
        return Exp().symbolic_call(x)
    return _bnp.exp(x)


def exp2(x: Tensor) -> Tensor:
    """``2**x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.exp2([3.0, -1.0])).tolist()
    [8.0, 0.5]
    """
    if any_symbolic_tensors((x,)):
        return Exp2().symbolic_call(x)
    return _bnp.exp2(x)


def expm1(x: Tensor) -> Tensor:
    """``exp(x) - 1``, elementwise, accurate for small ``x``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.expm1([1e-10])).tolist()
    [0.0]
    """
    if any_symbolic_tensors((x,)):
        return Expm1().symbolic_call(x)
    return _bnp.expm1(x)


def log(x: Tensor) -> Tensor:
    """The natural logarithm, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).
        ``log(0)`` is ``-inf``; negative inputs give NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log([1.0, 2.7183])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Log().symbolic_call(x)
    return _bnp.log(x)


def log2(x: Tensor) -> Tensor:
    """The base-2 logarithm, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log2([8.0, 0.5])).tolist()
    [3.0, -1.0]
    """
    if any_symbolic_tensors((x,)):
        return Log2().symbolic_call(x)
    return _bnp.log2(x)


def log10(x: Tensor) -> Tensor:
    """The base-10 logarithm, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log10([1000.0])).tolist()
    [3.0]
    """
    if any_symbolic_tensors((x,)):
        return Log10().symbolic_call(x)
    return _bnp.log10(x)


def log1p(x: Tensor) -> Tensor:
    """``log(1 + x)``, elementwise, accurate for small ``x``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log1p([1e-10])).tolist()
    [0.0]
    """
    if any_symbolic_tensors((x,)):
        return Log1p().symbolic_call(x)
    return _bnp.log1p(x)


def sin(x: Tensor) -> Tensor:
    """The sine of angles in radians, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sin([0.0, 1.5708])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Sin().symbolic_call(x)
    return _bnp.sin(x)


def cos(x: Tensor) -> Tensor:
    """The cosine of angles in radians, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cos([0.0, 3.1416])).tolist()
    [1.0, -1.0]
    """
    if any_symbolic_tensors((x,)):
        return Cos().symbolic_call(x)
    return _bnp.cos(x)


def tan(x: Tensor) -> Tensor:
    """The tangent of angles in radians, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tan([0.0, 0.7854])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Tan().symbolic_call(x)
    return _bnp.tan(x)


def arcsin(x: Tensor) -> Tensor:
    """The inverse sine, elementwise, in ``[-pi/2, pi/2]``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``). Inputs
        outside ``[-1, 1]`` give NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arcsin([0.0, 1.0])).tolist()
    [0.0, 1.5708]
    """
    if any_symbolic_tensors((x,)):
        return Arcsin().symbolic_call(x)
    return _bnp.arcsin(x)


def arccos(x: Tensor) -> Tensor:
    """The inverse cosine, elementwise, in ``[0, pi]``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``). Inputs
        outside ``[-1, 1]`` give NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arccos([1.0, -1.0])).tolist()
    [0.0, 3.1416]
    """
    if any_symbolic_tensors((x,)):
        return Arccos().symbolic_call(x)
    return _bnp.arccos(x)


def arctan(x: Tensor) -> Tensor:
    """The inverse tangent, elementwise, in ``(-pi/2, pi/2)``.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arctan([0.0, 1.0])).tolist()
    [0.0, 0.7854]
    """
    if any_symbolic_tensors((x,)):
        return Arctan().symbolic_call(x)
    return _bnp.arctan(x)


def sinh(x: Tensor) -> Tensor:
    """The hyperbolic sine, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sinh([0.0, 1.0])).tolist()
    [0.0, 1.1752]
    """
    if any_symbolic_tensors((x,)):
        return Sinh().symbolic_call(x)
    return _bnp.sinh(x)


def cosh(x: Tensor) -> Tensor:
    """The hyperbolic cosine, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cosh([0.0, 1.0])).tolist()
    [1.0, 1.5431]
    """
    if any_symbolic_tensors((x,)):
        return Cosh().symbolic_call(x)
    return _bnp.cosh(x)


def tanh(x: Tensor) -> Tensor:
    """The hyperbolic tangent, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tanh([0.0, 1.0])).tolist()
    [0.0, 0.7616]
    """
    if any_symbolic_tensors((x,)):
        return Tanh().symbolic_call(x)
    return _bnp.tanh(x)


def arcsinh(x: Tensor) -> Tensor:
    """The inverse hyperbolic sine, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arcsinh([0.0, 1.1752])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Arcsinh().symbolic_call(x)
    return _bnp.arcsinh(x)


def arccosh(x: Tensor) -> Tensor:
    """The inverse hyperbolic cosine, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``). Inputs
        below 1 give NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arccosh([1.0, 1.5431])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Arccosh().symbolic_call(x)
    return _bnp.arccosh(x)


def arctanh(x: Tensor) -> Tensor:
    """The inverse hyperbolic tangent, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).
        ``arctanh(1)`` is ``inf``; ``|x| > 1`` gives NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arctanh([0.0, 0.7616])).tolist()
    [0.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Arctanh().symbolic_call(x)
    return _bnp.arctanh(x)


def deg2rad(x: Tensor) -> Tensor:
    """Converts angles from degrees to radians, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.deg2rad([180.0, 90.0])).tolist()
    [3.1416, 1.5708]
    """
    if any_symbolic_tensors((x,)):
        return Deg2rad().symbolic_call(x)
    return _bnp.deg2rad(x)


def rad2deg(x: Tensor) -> Tensor:
    """Converts angles from radians to degrees, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.rad2deg([3.1416])).tolist()
    [180.0004]
    """
    if any_symbolic_tensors((x,)):
        return Rad2deg().symbolic_call(x)
    return _bnp.rad2deg(x)


def sinc(x: Tensor) -> Tensor:
    """The normalized sinc function ``sin(pi x) / (pi x)`` (1 at 0), elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sinc([0.0, 0.5])).tolist()
    [1.0, 0.6366]
    """
    if any_symbolic_tensors((x,)):
        return Sinc().symbolic_call(x)
    return _bnp.sinc(x)


def i0(x: Tensor) -> Tensor:
    """The modified Bessel function of the first kind, order 0, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.i0([0.0, 1.0])).tolist()
    [1.0, 1.2661]
    """
    if any_symbolic_tensors((x,)):
        return I0().symbolic_call(x)
    return _bnp.i0(x)


def ceil(x: Tensor) -> Tensor:
    """The smallest integer not less than ``x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ceil([1.2, -1.2])).tolist()
    [2.0, -1.0]
    """
    if any_symbolic_tensors((x,)):
        return Ceil().symbolic_call(x)
    return _bnp.ceil(x)


def floor(x: Tensor) -> Tensor:
    """The largest integer not greater than ``x``, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A floating tensor of the shape of ``x`` (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.floor([1.7, -1.2])).tolist()
    [1.0, -2.0]
    """
    if any_symbolic_tensors((x,)):
        return Floor().symbolic_call(x)
    return _bnp.floor(x)


def trunc(x: Tensor) -> Tensor:
    """Rounds toward zero, elementwise.

    Args:
        x: a tensor, array or Python number.

    Returns:
        A tensor of the dtype of ``x`` (integers and bools are returned unchanged).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.trunc([-1.7, 1.7])).tolist()
    [-1.0, 1.0]
    """
    if any_symbolic_tensors((x,)):
        return Trunc().symbolic_call(x)
    return _bnp.trunc(x)


def round(x: Tensor, decimals: int = 0) -> Tensor:
    """Rounds to ``decimals`` decimal places, halves to even, elementwise.

    Args:
        x: a tensor, array or Python number.
        decimals: the number of decimal places; negative values round to tens,
            hundreds, ... (also for integers).

    Returns:
        A tensor of the dtype of ``x`` (bool becomes int32).

    Example:
    >>> out = keras_core.ops.round([0.5, 1.5, 2.567], decimals=0)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 2.0, 3.0]
    """
    decimals = _int_arg("round", decimals, "decimals")
    if any_symbolic_tensors((x,)):
        return Round(decimals=decimals).symbolic_call(x)
    return _bnp.round(x, decimals=decimals)


def conj(x: Tensor) -> Tensor:
    """The complex conjugate, elementwise (real tensors are returned unchanged).

    Args:
        x: a tensor.

    Returns:
        A tensor of the dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.conj([1.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    if any_symbolic_tensors((x,)):
        return Conj().symbolic_call(x)
    return _bnp.conj(x)


def conjugate(x: Tensor) -> Tensor:
    """The complex conjugate, elementwise; an alias of ``conj``.

    Args:
        x: a tensor.

    Returns:
        A tensor of the dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.conjugate([3.0])).tolist()
    [3.0]
    """
    if any_symbolic_tensors((x,)):
        return Conjugate().symbolic_call(x)
    return _bnp.conjugate(x)


def real(x: Tensor) -> Tensor:
    """The real part, elementwise.

    Args:
        x: a tensor.

    Returns:
        A tensor of the real dtype of ``x`` (complex64 gives float32; real tensors are
        returned as they are).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.real([1.5, -2.0])).tolist()
    [1.5, -2.0]
    """
    if any_symbolic_tensors((x,)):
        return Real().symbolic_call(x)
    return _bnp.real(x)


def imag(x: Tensor) -> Tensor:
    """The imaginary part, elementwise.

    Args:
        x: a tensor.

    Returns:
        A tensor of the real dtype of ``x``; zeros for real tensors.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.imag([1.5, -2.0])).tolist()
    [0.0, 0.0]
    """
    if any_symbolic_tensors((x,)):
        return Imag().symbolic_call(x)
    return _bnp.imag(x)


def angle(x: Tensor) -> Tensor:
    """The counterclockwise angle of complex numbers, in radians, elementwise.

    Args:
        x: a tensor; for real values the angle is 0 (``x >= 0``) or pi (``x < 0``).

    Returns:
        A floating tensor (the real dtype of complex inputs; ``floatx()`` for ints).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.angle([1.0, -1.0])).tolist()
    [0.0, 3.1416]
    """
    if any_symbolic_tensors((x,)):
        return Angle().symbolic_call(x)
    return _bnp.angle(x)


def nan_to_num(
    x: Tensor, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> Tensor:
    """Replaces NaN and infinities with finite numbers, elementwise.

    Args:
        x: a tensor.
        nan: the value for NaN.
        posinf: the value for ``+inf``; the largest finite value of the dtype if None.
        neginf: the value for ``-inf``; the most negative finite value if None.

    Returns:
        A tensor of the dtype of ``x`` (integer and bool tensors are unchanged).

    Example:
    >>> out = keras_core.ops.nan_to_num([float("nan"), 1.0], nan=-1.0)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-1.0, 1.0]
    """
    for arg, value in (("nan", nan), ("posinf", posinf), ("neginf", neginf)):
        if value is not None and not isinstance(value, (int, float)):
            raise TypeError(f"nan_to_num: `{arg}` must be a number. Received: {arg}={value!r}")
    if any_symbolic_tensors((x,)):
        return NanToNum(nan=nan, posinf=posinf, neginf=neginf).symbolic_call(x)
    return _bnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def clip(x: Tensor, x_min: Tensor, x_max: Tensor) -> Tensor:
    """Limits the values of ``x`` to ``[x_min, x_max]``, elementwise.

    Args:
        x: a tensor.
        x_min: the lower bound (a number or a tensor broadcastable with ``x``), or None.
        x_max: the upper bound, or None.

    Returns:
        A tensor of the promoted dtype of ``x`` and the bounds (bool becomes int32;
        Python-number bounds are weak, so ``int8`` stays ``int8``). NaN stays NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.clip([-2, 0, 5], 0, 3)).tolist()
    [0, 0, 3]
    """
    if x_min is None and x_max is None:
        raise ValueError("clip: at least one of `x_min` and `x_max` must be given.")
    if any_symbolic_tensors((x, x_min, x_max)):
        return Clip().symbolic_call(x, x_min, x_max)
    return _bnp.clip(x, x_min, x_max)


def _int_arg(op, value, arg):
    import operator

    try:
        return operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{arg}` must be an int. Received: {arg}={value!r}") from e
