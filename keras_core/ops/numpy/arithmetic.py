"""Binary arithmetic and bitwise ops (NumPy broadcasting, keras_core dtype promotion)."""

from keras_core import backend
from keras_core.backend.common.keras_tensor import any_symbolic_tensors
from keras_core.ops.numpy._base import (
    broadcast,
    check_integer_dtype,
    float_dtype,
    kt,
    op_class,
    promote,
    promote_no_bool,
    same_dtype,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy
_backend_add = _bnp.add  # bound once: the eager path of ``add`` is benchmarked
_EAGER = backend.EAGER_TENSOR_TYPE


def _binary(class_name, fn, rule):
    def spec(x1, x2):
        return kt(broadcast(fn, x1, x2), rule(x1, x2))

    return op_class(class_name, fn, spec)


def _subtract_dtype(x1, x2):
    d = promote(x1, x2)
    if d == "bool":
        raise TypeError("subtract: boolean subtraction is not supported; use logical_xor.")
    return d


def _integer_rule(op, bool_ok=True):
    def rule(x1, x2):
        d = promote(x1, x2)
        check_integer_dtype(op, d)
        return "int32" if d == "bool" and not bool_ok else d

    return rule


Add = _binary("Add", "add", promote)
Subtract = _binary("Subtract", "subtract", _subtract_dtype)
Multiply = _binary("Multiply", "multiply", promote)
Divide = _binary("Divide", "divide", float_dtype)
TrueDivide = _binary("TrueDivide", "true_divide", float_dtype)
DivideNoNan = _binary("DivideNoNan", "divide_no_nan", float_dtype)
FloorDivide = _binary("FloorDivide", "floor_divide", promote_no_bool)
Mod = _binary("Mod", "mod", promote_no_bool)
Fmod = _binary("Fmod", "fmod", promote_no_bool)
Power = _binary("Power", "power", promote_no_bool)
Maximum = _binary("Maximum", "maximum", promote)
Minimum = _binary("Minimum", "minimum", promote)
Fmax = _binary("Fmax", "fmax", promote)
Fmin = _binary("Fmin", "fmin", promote)
Gcd = _binary("Gcd", "gcd", _integer_rule("gcd", bool_ok=False))
Lcm = _binary("Lcm", "lcm", _integer_rule("lcm", bool_ok=False))
Hypot = _binary("Hypot", "hypot", float_dtype)
Arctan2 = _binary("Arctan2", "arctan2", float_dtype)
Logaddexp = _binary("Logaddexp", "logaddexp", float_dtype)
Logaddexp2 = _binary("Logaddexp2", "logaddexp2", float_dtype)
Heaviside = _binary("Heaviside", "heaviside", float_dtype)
Nextafter = _binary("Nextafter", "nextafter", float_dtype)
Ldexp = _binary("Ldexp", "ldexp", lambda x1, x2: float_dtype(x1))
BitwiseAnd = _binary("BitwiseAnd", "bitwise_and", _integer_rule("bitwise_and"))
BitwiseOr = _binary("BitwiseOr", "bitwise_or", _integer_rule("bitwise_or"))
BitwiseXor = _binary("BitwiseXor", "bitwise_xor", _integer_rule("bitwise_xor"))
BitwiseLeftShift = _binary(
    "BitwiseLeftShift", "bitwise_left_shift", _integer_rule("bitwise_left_shift", False)
)
BitwiseRightShift = _binary(
    "BitwiseRightShift", "bitwise_right_shift", _integer_rule("bitwise_right_shift", False)
)
LeftShift = _binary("LeftShift", "left_shift", _integer_rule("left_shift", False))
RightShift = _binary("RightShift", "right_shift", _integer_rule("right_shift", False))


def _invert_spec(x):
    d = same_dtype(x)
    check_integer_dtype("bitwise_invert", d)
    return kt(x.shape, d)


BitwiseInvert = op_class("BitwiseInvert", "bitwise_invert", _invert_spec)
BitwiseNot = op_class("BitwiseNot", "bitwise_not", _invert_spec)


# ----------------------------------------------------------------------------- arithmetic


def add(x1: Tensor, x2: Tensor) -> Tensor:
    """Adds two tensors elementwise, with NumPy broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        The sum; its dtype is the promotion of the inputs' dtypes (Python numbers
        are weak: ``int8 + 1`` stays ``int8``; ``bool + bool`` is a logical or).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.add([1, 2], [10, 20])).tolist()
    [11, 22]
    """
    if (type(x1) is _EAGER and type(x2) is _EAGER) or not any_symbolic_tensors((x1, x2)):
        return _backend_add(x1, x2)
    return Add().symbolic_call(x1, x2)


def subtract(x1: Tensor, x2: Tensor) -> Tensor:
    """Subtracts ``x2`` from ``x1`` elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        The difference, of the promoted dtype. Two boolean inputs raise a TypeError
        (use ``logical_xor``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.subtract([5, 7], 2)).tolist()
    [3, 5]
    """
    if any_symbolic_tensors((x1, x2)):
        return Subtract().symbolic_call(x1, x2)
    return _bnp.subtract(x1, x2)


def multiply(x1: Tensor, x2: Tensor) -> Tensor:
    """Multiplies two tensors elementwise, with broadcasting.

    Args:
        x1: a tensor, array or Python number.
        x2: a tensor, array or Python number.

    Returns:
        The product, of the promoted dtype (``bool * bool`` is a logical and).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.multiply([1.5, 2.0], [2.0, 3.0])).tolist()
    [3.0, 6.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Multiply().symbolic_call(x1, x2)
    return _bnp.multiply(x1, x2)


def divide(x1: Tensor, x2: Tensor) -> Tensor:
    """Divides ``x1`` by ``x2`` elementwise (true division).

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        A floating tensor: integer and bool inputs give ``floatx()``; ``x / 0`` is
        ``inf`` (``nan`` for ``0 / 0``), as in IEEE arithmetic.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.divide([1, 3], 2)).tolist()
    [0.5, 1.5]
    """
    if any_symbolic_tensors((x1, x2)):
        return Divide().symbolic_call(x1, x2)
    return _bnp.divide(x1, x2)


def true_divide(x1: Tensor, x2: Tensor) -> Tensor:
    """Divides ``x1`` by ``x2`` elementwise; an alias of ``divide``.

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.true_divide([1.0, 4.0], [2.0, 8.0])).tolist()
    [0.5, 0.5]
    """
    if any_symbolic_tensors((x1, x2)):
        return TrueDivide().symbolic_call(x1, x2)
    return _bnp.true_divide(x1, x2)


def divide_no_nan(x1: Tensor, x2: Tensor) -> Tensor:
    """Divides elementwise, returning 0 wherever the divisor is 0.

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        ``x1 / x2`` where ``x2 != 0`` and ``0`` elsewhere, as a floating tensor.

    Example:
    >>> out = keras_core.ops.divide_no_nan([1.0, 2.0], [0.0, 4.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 0.5]
    """
    if any_symbolic_tensors((x1, x2)):
        return DivideNoNan().symbolic_call(x1, x2)
    return _bnp.divide_no_nan(x1, x2)


def floor_divide(x1: Tensor, x2: Tensor) -> Tensor:
    """The largest integer not greater than ``x1 / x2``, elementwise (Python's ``//``).

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        A tensor of the promoted dtype (bool becomes int32). Integer results round
        toward minus infinity: ``-7 // 2 == -4``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.floor_divide([-7, 7], 2)).tolist()
    [-4, 3]
    """
    if any_symbolic_tensors((x1, x2)):
        return FloorDivide().symbolic_call(x1, x2)
    return _bnp.floor_divide(x1, x2)


def mod(x1: Tensor, x2: Tensor) -> Tensor:
    """The remainder of floor division, elementwise (Python's ``%``).

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        ``x1 - floor(x1 / x2) * x2``: the result has the sign of the divisor.
        Dtype: the promoted dtype (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.mod([-7, 7], [2, -2])).tolist()
    [1, -1]
    """
    if any_symbolic_tensors((x1, x2)):
        return Mod().symbolic_call(x1, x2)
    return _bnp.mod(x1, x2)


def fmod(x1: Tensor, x2: Tensor) -> Tensor:
    """The C-style remainder of division, elementwise: it has the sign of the dividend.

    Args:
        x1: the dividend.
        x2: the divisor.

    Returns:
        ``x1 - trunc(x1 / x2) * x2``, of the promoted dtype (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.fmod([-7, 7], [2, -2])).tolist()
    [-1, 1]
    """
    if any_symbolic_tensors((x1, x2)):
        return Fmod().symbolic_call(x1, x2)
    return _bnp.fmod(x1, x2)


def power(x1: Tensor, x2: Tensor) -> Tensor:
    """Raises ``x1`` to the power ``x2``, elementwise.

    Args:
        x1: the bases.
        x2: the exponents.

    Returns:
        A tensor of the promoted dtype (bool becomes int32). Integers to negative
        integer powers are an error, as in NumPy.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.power([2, 3], 2)).tolist()
    [4, 9]
    """
    if any_symbolic_tensors((x1, x2)):
        return Power().symbolic_call(x1, x2)
    return _bnp.power(x1, x2)


def maximum(x1: Tensor, x2: Tensor) -> Tensor:
    """The elementwise maximum of two tensors; NaN propagates.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor of the promoted dtype; where either input is NaN the result is NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.maximum([1.0, 5.0], [3.0, 2.0])).tolist()
    [3.0, 5.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Maximum().symbolic_call(x1, x2)
    return _bnp.maximum(x1, x2)


def minimum(x1: Tensor, x2: Tensor) -> Tensor:
    """The elementwise minimum of two tensors; NaN propagates.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor of the promoted dtype; where either input is NaN the result is NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.minimum([1.0, 5.0], [3.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Minimum().symbolic_call(x1, x2)
    return _bnp.minimum(x1, x2)


def fmax(x1: Tensor, x2: Tensor) -> Tensor:
    """The elementwise maximum, ignoring NaN (NaN only where both inputs are NaN).

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> out = keras_core.ops.fmax([float("nan"), 1.0], [2.0, 3.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2.0, 3.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Fmax().symbolic_call(x1, x2)
    return _bnp.fmax(x1, x2)


def fmin(x1: Tensor, x2: Tensor) -> Tensor:
    """The elementwise minimum, ignoring NaN (NaN only where both inputs are NaN).

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> out = keras_core.ops.fmin([float("nan"), 1.0], [2.0, 3.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2.0, 1.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Fmin().symbolic_call(x1, x2)
    return _bnp.fmin(x1, x2)


def gcd(x1: Tensor, x2: Tensor) -> Tensor:
    """The greatest common divisor of integers, elementwise (always non-negative).

    Args:
        x1: an integer tensor.
        x2: an integer tensor.

    Returns:
        An integer tensor of the promoted dtype (bool becomes int32); floats raise
        a TypeError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.gcd([12, -9], [18, 6])).tolist()
    [6, 3]
    """
    if any_symbolic_tensors((x1, x2)):
        return Gcd().symbolic_call(x1, x2)
    return _bnp.gcd(x1, x2)


def lcm(x1: Tensor, x2: Tensor) -> Tensor:
    """The least common multiple of integers, elementwise (always non-negative).

    Args:
        x1: an integer tensor.
        x2: an integer tensor.

    Returns:
        An integer tensor of the promoted dtype (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.lcm([4, 6], [6, -4])).tolist()
    [12, 12]
    """
    if any_symbolic_tensors((x1, x2)):
        return Lcm().symbolic_call(x1, x2)
    return _bnp.lcm(x1, x2)


def hypot(x1: Tensor, x2: Tensor) -> Tensor:
    """``sqrt(x1**2 + x2**2)`` elementwise, without undue overflow.

    Args:
        x1: the first leg.
        x2: the second leg.

    Returns:
        A floating tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hypot([3.0], [4.0])).tolist()
    [5.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Hypot().symbolic_call(x1, x2)
    return _bnp.hypot(x1, x2)


def arctan2(x1: Tensor, x2: Tensor) -> Tensor:
    """The angle of the point ``(x2, x1)``, elementwise, in radians in ``[-pi, pi]``.

    Args:
        x1: the y-coordinates.
        x2: the x-coordinates.

    Returns:
        A floating tensor; the quadrant follows the signs of both inputs (and of zeros).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.arctan2([1.0, -1.0], [-1.0, -1.0])).tolist()
    [2.3562, -2.3562]
    """
    if any_symbolic_tensors((x1, x2)):
        return Arctan2().symbolic_call(x1, x2)
    return _bnp.arctan2(x1, x2)


def logaddexp(x1: Tensor, x2: Tensor) -> Tensor:
    """``log(exp(x1) + exp(x2))``, elementwise, computed without overflow.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A floating tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logaddexp([0.0], [0.0])).tolist()
    [0.6931]
    """
    if any_symbolic_tensors((x1, x2)):
        return Logaddexp().symbolic_call(x1, x2)
    return _bnp.logaddexp(x1, x2)


def logaddexp2(x1: Tensor, x2: Tensor) -> Tensor:
    """``log2(2**x1 + 2**x2)``, elementwise, computed without overflow.

    Args:
        x1: a tensor.
        x2: a tensor.

    Returns:
        A floating tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.logaddexp2([1.0], [1.0])).tolist()
    [2.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Logaddexp2().symbolic_call(x1, x2)
    return _bnp.logaddexp2(x1, x2)


def heaviside(x1: Tensor, x2: Tensor) -> Tensor:
    """The Heaviside step function: 0 for ``x1 < 0``, ``x2`` for ``x1 == 0``, 1 for ``x1 > 0``.

    Args:
        x1: the input values.
        x2: the value of the function at 0.

    Returns:
        A floating tensor; NaN in ``x1`` gives NaN.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.heaviside([-1.0, 0.0, 2.0], 0.5)).tolist()
    [0.0, 0.5, 1.0]
    """
    if any_symbolic_tensors((x1, x2)):
        return Heaviside().symbolic_call(x1, x2)
    return _bnp.heaviside(x1, x2)


def nextafter(x1: Tensor, x2: Tensor) -> Tensor:
    """The next representable floating value after ``x1`` toward ``x2``, elementwise.

    Args:
        x1: the start values.
        x2: the directions.

    Returns:
        A floating tensor of the promoted floating dtype (the step is one ulp of it).

    Example:
    The float32 value after 1.0 is ``1 + 2**-23``:

    >>> x = keras_core.ops.nextafter([1.0], [2.0])
    >>> keras_core.ops.convert_to_numpy(x).tolist() == [1.0 + 2.0**-23]
    True
    """
    if any_symbolic_tensors((x1, x2)):
        return Nextafter().symbolic_call(x1, x2)
    return _bnp.nextafter(x1, x2)


def ldexp(x1: Tensor, x2: Tensor) -> Tensor:
    """``x1 * 2**x2`` elementwise, for integer exponents ``x2``.

    Args:
        x1: the mantissas.
        x2: integer exponents (a float tensor raises a TypeError).

    Returns:
        A floating tensor with the floating dtype of ``x1`` (ints become ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ldexp([1.0, 3.0], [2, -1])).tolist()
    [4.0, 1.5]
    """
    if any_symbolic_tensors((x1, x2)):
        return Ldexp().symbolic_call(x1, x2)
    return _bnp.ldexp(x1, x2)


# ----------------------------------------------------------------------------- bitwise


def bitwise_and(x: Tensor, y: Tensor) -> Tensor:
    """The bitwise AND of integers or booleans, elementwise.

    Args:
        x: an integer or bool tensor.
        y: an integer or bool tensor.

    Returns:
        A tensor of the promoted dtype; floats raise a TypeError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_and([12, 10], 6)).tolist()
    [4, 2]
    """
    if any_symbolic_tensors((x, y)):
        return BitwiseAnd().symbolic_call(x, y)
    return _bnp.bitwise_and(x, y)


def bitwise_or(x: Tensor, y: Tensor) -> Tensor:
    """The bitwise OR of integers or booleans, elementwise.

    Args:
        x: an integer or bool tensor.
        y: an integer or bool tensor.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_or([12, 10], 6)).tolist()
    [14, 14]
    """
    if any_symbolic_tensors((x, y)):
        return BitwiseOr().symbolic_call(x, y)
    return _bnp.bitwise_or(x, y)


def bitwise_xor(x: Tensor, y: Tensor) -> Tensor:
    """The bitwise XOR of integers or booleans, elementwise.

    Args:
        x: an integer or bool tensor.
        y: an integer or bool tensor.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_xor([12, 10], 6)).tolist()
    [10, 12]
    """
    if any_symbolic_tensors((x, y)):
        return BitwiseXor().symbolic_call(x, y)
    return _bnp.bitwise_xor(x, y)


def bitwise_invert(x: Tensor) -> Tensor:
    """The bitwise NOT of integers (``~x``), or the logical NOT of booleans.

    Args:
        x: an integer or bool tensor.

    Returns:
        A tensor of the dtype of ``x``; for signed integers ``~x == -x - 1``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_invert([0, 5])).tolist()
    [-1, -6]
    """
    if any_symbolic_tensors((x,)):
        return BitwiseInvert().symbolic_call(x)
    return _bnp.bitwise_invert(x)


def bitwise_not(x: Tensor) -> Tensor:
    """The bitwise NOT of integers; an alias of ``bitwise_invert``.

    Args:
        x: an integer or bool tensor.

    Returns:
        A tensor of the dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_not([True, False])).tolist()
    [False, True]
    """
    if any_symbolic_tensors((x,)):
        return BitwiseNot().symbolic_call(x)
    return _bnp.bitwise_not(x)


def bitwise_left_shift(x: Tensor, y: Tensor) -> Tensor:
    """Shifts the bits of ``x`` left by ``y``, elementwise (``x << y``).

    Args:
        x: an integer tensor.
        y: the shift amounts (non-negative, less than the bit width).

    Returns:
        An integer tensor of the promoted dtype (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_left_shift([1, 3], 2)).tolist()
    [4, 12]
    """
    if any_symbolic_tensors((x, y)):
        return BitwiseLeftShift().symbolic_call(x, y)
    return _bnp.bitwise_left_shift(x, y)


def bitwise_right_shift(x: Tensor, y: Tensor) -> Tensor:
    """Shifts the bits of ``x`` right by ``y``, elementwise (arithmetic for signed ints).

    Args:
        x: an integer tensor.
        y: the shift amounts (non-negative, less than the bit width).

    Returns:
        An integer tensor of the promoted dtype (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bitwise_right_shift([8, -8], 2)).tolist()
    [2, -2]
    """
    if any_symbolic_tensors((x, y)):
        return BitwiseRightShift().symbolic_call(x, y)
    return _bnp.bitwise_right_shift(x, y)


def left_shift(x: Tensor, y: Tensor) -> Tensor:
    """Shifts the bits of ``x`` left by ``y``; an alias of ``bitwise_left_shift``.

    Args:
        x: an integer tensor.
        y: the shift amounts.

    Returns:
        An integer tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.left_shift([1], [3])).tolist()
    [8]
    """
    if any_symbolic_tensors((x, y)):
        return LeftShift().symbolic_call(x, y)
    return _bnp.left_shift(x, y)


def right_shift(x: Tensor, y: Tensor) -> Tensor:
    """Shifts the bits of ``x`` right by ``y``; an alias of ``bitwise_right_shift``.

    Args:
        x: an integer tensor.
        y: the shift amounts.

    Returns:
        An integer tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.right_shift([16], [3])).tolist()
    [2]
    """
    if any_symbolic_tensors((x, y)):
        return RightShift().symbolic_call(x, y)
    return _bnp.right_shift(x, y)
