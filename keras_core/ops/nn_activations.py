"""Activation ops of ``keras_core.ops.nn`` (re-exported by ``nn.py``).

Activations return floating tensors (bool and integer inputs become ``floatx()``,
``dtype_rules.float_dtype``), except the piecewise-linear ``relu`` and ``relu6``,
which keep integer dtypes, and ``threshold``, which promotes ``x`` with
``default_value`` like ``where``.
"""

from keras_core import backend
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import (
    Tensor,
    canonicalize_axis,
    check_number,
    float_dtype,
    op_names,
    shape_of,
    standardize_axis,
)
from keras_core.ops.operation import Operation


def _ndim(x):
    return len(shape_of(x))


# ---------------------------------------------------------------------------
# Element-wise activations


class _Activation(Operation):
    backend_fn = None

    def __init__(self, name=None, **params):
        super().__init__(name=name)
        self.params = params

    def call(self, x):
        return getattr(backend.nn, self.backend_fn)(x, **self.params)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


def _make(cls_name, fn_name):
    return type(cls_name, (_Activation,), {"backend_fn": fn_name})


class _IntKeeping(_Activation):
    """Piecewise-linear activations that keep integer dtypes (bool becomes int32)."""

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=dtype_rules.arithmetic_unary_dtype(x))


class Relu(_IntKeeping):
    backend_fn = "relu"


class Relu6(_IntKeeping):
    backend_fn = "relu6"


class Threshold(_Activation):
    backend_fn = "threshold"

    def compute_output_spec(self, x):
        return KerasTensor(
            shape_of(x), dtype=dtype_rules.binary_dtype(x, self.params["default_value"])
        )


Sigmoid = _make("Sigmoid", "sigmoid")
Softplus = _make("Softplus", "softplus")
Softsign = _make("Softsign", "softsign")
Silu = _make("Silu", "silu")
LogSigmoid = _make("LogSigmoid", "log_sigmoid")
LeakyRelu = _make("LeakyRelu", "leaky_relu")
HardSigmoid = _make("HardSigmoid", "hard_sigmoid")
HardSilu = _make("HardSilu", "hard_silu")
Elu = _make("Elu", "elu")
Selu = _make("Selu", "selu")
Gelu = _make("Gelu", "gelu")
Celu = _make("Celu", "celu")
SparsePlus = _make("SparsePlus", "sparse_plus")
Squareplus = _make("Squareplus", "squareplus")
SoftShrink = _make("SoftShrink", "soft_shrink")
HardShrink = _make("HardShrink", "hard_shrink")
TanhShrink = _make("TanhShrink", "tanh_shrink")
HardTanh = _make("HardTanh", "hard_tanh")
SparseSigmoid = _make("SparseSigmoid", "sparse_sigmoid")


def _activation(cls, x, **params):
    if any_symbolic_tensors((x,)):
        return cls(**params).symbolic_call(x)
    return getattr(backend.nn, cls.backend_fn)(x, **params)


def relu(x: Tensor) -> Tensor:
    """Rectified linear unit: ``max(x, 0)``.

    Args:
        x: input tensor.

    Returns:
        A tensor of the same shape: floats and integers keep their dtype (bool
        becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.relu([-1.0, 0.0, 2.0])).tolist()
    [0.0, 0.0, 2.0]
    """
    return _activation(Relu, x)


def relu6(x: Tensor) -> Tensor:
    """ReLU capped at 6: ``min(max(x, 0), 6)``.

    Args:
        x: input tensor.

    Returns:
        A tensor of the same shape; integer dtypes are kept (bool becomes int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.relu6([-1.0, 3.0, 8.0])).tolist()
    [0.0, 3.0, 6.0]
    """
    return _activation(Relu6, x)


def sigmoid(x: Tensor) -> Tensor:
    """Logistic sigmoid: ``1 / (1 + exp(-x))``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sigmoid([0.0])).tolist()
    [0.5]
    """
    return _activation(Sigmoid, x)


def softplus(x: Tensor) -> Tensor:
    """Softplus: ``log(1 + exp(x))``, computed stably.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.softplus([0.0])).tolist()
    [0.6931]
    """
    return _activation(Softplus, x)


def softsign(x: Tensor) -> Tensor:
    """Softsign: ``x / (1 + |x|)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.softsign([1.0, -3.0])).tolist()
    [0.5, -0.75]
    """
    return _activation(Softsign, x)


def silu(x: Tensor) -> Tensor:
    """Sigmoid linear unit (swish): ``x * sigmoid(x)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.silu([0.0, 1.0])).tolist()
    [0.0, 0.7311]
    """
    return _activation(Silu, x)


def swish(x: Tensor) -> Tensor:
    """Swish, the same function as ``silu``: ``x * sigmoid(x)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.swish([1.0])).tolist()
    [0.7311]
    """
    return _activation(Silu, x)


def log_sigmoid(x: Tensor) -> Tensor:
    """Logarithm of the sigmoid: ``-softplus(-x)``, computed stably.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log_sigmoid([0.0])).tolist()
    [-0.6931]
    """
    return _activation(LogSigmoid, x)


def leaky_relu(x: Tensor, negative_slope: float = 0.2) -> Tensor:
    """Leaky ReLU: ``x`` for ``x >= 0``, ``negative_slope * x`` otherwise.

    Args:
        x: input tensor.
        negative_slope: the slope for negative inputs.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.leaky_relu([-1.0, 1.0])).tolist()
    [-0.2, 1.0]
    """
    check_number(negative_slope, "leaky_relu", "negative_slope")
    return _activation(LeakyRelu, x, negative_slope=negative_slope)


def hard_sigmoid(x: Tensor) -> Tensor:
    """Piecewise-linear sigmoid: ``relu6(x + 3) / 6``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hard_sigmoid([-4.0, 0.0, 4.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    return _activation(HardSigmoid, x)


def hard_silu(x: Tensor) -> Tensor:
    """Hard SiLU (hard swish): ``x * relu6(x + 3) / 6``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hard_silu([-4.0, 1.0, 4.0])).tolist()
    [0.0, 0.6667, 4.0]
    """
    return _activation(HardSilu, x)


def hard_swish(x: Tensor) -> Tensor:
    """Hard swish, the same function as ``hard_silu``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hard_swish([1.0])).tolist()
    [0.6667]
    """
    return _activation(HardSilu, x)


def elu(x: Tensor, alpha: float = 1.0) -> Tensor:
    """Exponential linear unit: ``x`` if ``x > 0`` else ``alpha * (exp(x) - 1)``.

    Args:
        x: input tensor.
        alpha: the scale of the negative part.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.elu([-1.0, 1.0])).tolist()
    [-0.6321, 1.0]
    """
    check_number(alpha, "elu", "alpha")
    return _activation(Elu, x, alpha=alpha)


def selu(x: Tensor) -> Tensor:
    """Scaled ELU: ``1.0507009873554805 * elu(x, 1.6732632423543772)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.selu([1.0])).tolist()
    [1.0507]
    """
    return _activation(Selu, x)


def gelu(x: Tensor, approximate: bool = True) -> Tensor:
    """Gaussian error linear unit.

    Exact: ``x * (1 + erf(x / sqrt(2))) / 2``; approximate (default):
    ``x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))) / 2``.

    Args:
        x: input tensor.
        approximate: whether to use the tanh approximation.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.gelu([1.0], approximate=False)).tolist()
    [0.8413]
    """
    if not isinstance(approximate, bool):
        raise TypeError(
            f"gelu: `approximate` must be a bool. Received: approximate={approximate!r}"
        )
    return _activation(Gelu, x, approximate=approximate)


def celu(x: Tensor, alpha: float = 1.0) -> Tensor:
    """Continuously differentiable ELU: ``max(x, 0) + min(0, alpha * (exp(x / alpha) - 1))``.

    Args:
        x: input tensor.
        alpha: a positive number.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.celu([-1.0, 1.0])).tolist()
    [-0.6321, 1.0]
    """
    check_number(alpha, "celu", "alpha", positive=True)
    return _activation(Celu, x, alpha=alpha)


def sparse_plus(x: Tensor) -> Tensor:
    """SparsePlus: 0 for ``x <= -1``, ``x`` for ``x >= 1``, ``(x + 1)**2 / 4`` between.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sparse_plus([-2.0, 0.0, 2.0])).tolist()
    [0.0, 0.25, 2.0]
    """
    return _activation(SparsePlus, x)


def squareplus(x: Tensor, b: float = 4) -> Tensor:
    """Squareplus: ``(x + sqrt(x**2 + b)) / 2``.

    Args:
        x: input tensor.
        b: a non-negative smoothness parameter.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.squareplus([0.0])).tolist()
    [1.0]
    """
    check_number(b, "squareplus", "b")
    if isinstance(b, (int, float)) and b < 0:
        raise ValueError(f"squareplus: `b` must be >= 0. Received: b={b!r}")
    return _activation(Squareplus, x, b=b)


def soft_shrink(x: Tensor, threshold: float = 0.5) -> Tensor:
    """Soft shrinkage: ``x - t`` above ``t``, ``x + t`` below ``-t``, 0 between.

    Args:
        x: input tensor.
        threshold: the non-negative threshold ``t``.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.soft_shrink([-1.0, 0.2, 1.0])).tolist()
    [-0.5, 0.0, 0.5]
    """
    check_number(threshold, "soft_shrink", "threshold")
    return _activation(SoftShrink, x, threshold=threshold)


def hard_shrink(x: Tensor, threshold: float = 0.5) -> Tensor:
    """Hard shrinkage: ``x`` where ``|x| > threshold``, else 0.

    Args:
        x: input tensor.
        threshold: the non-negative threshold.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hard_shrink([-1.0, 0.2, 1.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    check_number(threshold, "hard_shrink", "threshold")
    return _activation(HardShrink, x, threshold=threshold)


def tanh_shrink(x: Tensor) -> Tensor:
    """Tanh shrink: ``x - tanh(x)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tanh_shrink([1.0])).tolist()
    [0.2384]
    """
    return _activation(TanhShrink, x)


def hard_tanh(x: Tensor) -> Tensor:
    """Hard tanh: ``clip(x, -1, 1)``.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hard_tanh([-2.0, 0.5, 2.0])).tolist()
    [-1.0, 0.5, 1.0]
    """
    return _activation(HardTanh, x)


def sparse_sigmoid(x: Tensor) -> Tensor:
    """Sparse sigmoid: 0 for ``x <= -1``, 1 for ``x >= 1``, ``(x + 1) / 2`` between.

    Args:
        x: input tensor.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sparse_sigmoid([-2.0, 0.0, 2.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    return _activation(SparseSigmoid, x)


def threshold(x: Tensor, threshold: float, default_value: float) -> Tensor:
    """Keeps ``x`` where ``x > threshold``, elsewhere ``default_value``.

    Args:
        x: input tensor.
        threshold: a number.
        default_value: the number written where ``x <= threshold``.

    Returns:
        A tensor of the same shape; its dtype promotes ``x`` with ``default_value``
        (a Python scalar is weak: ``int8`` with ``0`` stays ``int8``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.threshold([0.5, 2.0], 1.0, -1.0)).tolist()
    [-1.0, 2.0]
    """
    check_number(threshold, "threshold", "threshold")
    check_number(default_value, "threshold", "default_value")
    return _activation(Threshold, x, threshold=threshold, default_value=default_value)


# ---------------------------------------------------------------------------
# Activations along an axis


class _AxisActivation(Operation):
    backend_fn = None

    def __init__(self, axis=-1, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x):
        return getattr(backend.nn, self.backend_fn)(x, axis=self.axis)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


class Softmax(_AxisActivation):
    backend_fn = "softmax"


class LogSoftmax(_AxisActivation):
    backend_fn = "log_softmax"


class Sparsemax(_AxisActivation):
    backend_fn = "sparsemax"


class Glu(_AxisActivation):
    backend_fn = "glu"

    def compute_output_spec(self, x):
        shape = list(shape_of(x))
        axis = canonicalize_axis(self.axis, len(shape), "glu")
        if shape[axis] is not None:
            shape[axis] //= 2
        return KerasTensor(tuple(shape), dtype=float_dtype(x))


def _axis_arg(op, x, axis, allow_tuple=True):
    ndim = _ndim(x)
    if allow_tuple and isinstance(axis, (list, tuple)):
        return standardize_axis(tuple(axis), ndim, op)
    if ndim == 0:
        if axis in (-1, 0):
            return axis
    return canonicalize_axis(axis, max(ndim, 1), op)


def softmax(x: Tensor, axis: int | tuple = -1) -> Tensor:
    """Softmax: ``exp(x) / sum(exp(x))`` along ``axis`` (an int or a tuple of ints).

    Args:
        x: input tensor.
        axis: the axis or axes to normalize over.

    Returns:
        A floating tensor of the same shape; slices along ``axis`` sum to 1.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.softmax([1.0, 1.0])).tolist()
    [0.5, 0.5]
    """
    axis = _axis_arg("softmax", x, axis)
    if any_symbolic_tensors((x,)):
        return Softmax(axis).symbolic_call(x)
    return backend.nn.softmax(x, axis=axis)


def log_softmax(x: Tensor, axis: int | tuple = -1) -> Tensor:
    """Log of the softmax along ``axis``: ``x - logsumexp(x, axis)``.

    Args:
        x: input tensor.
        axis: the axis or axes to normalize over.

    Returns:
        A floating tensor of the same shape.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.log_softmax([1.0, 1.0])).tolist()
    [-0.6931, -0.6931]
    """
    axis = _axis_arg("log_softmax", x, axis)
    if any_symbolic_tensors((x,)):
        return LogSoftmax(axis).symbolic_call(x)
    return backend.nn.log_softmax(x, axis=axis)


def sparsemax(x: Tensor, axis: int | tuple = -1) -> Tensor:
    """Sparsemax: the Euclidean projection of ``x`` onto the probability simplex.

    Args:
        x: input tensor.
        axis: the axis to normalize over (an int).

    Returns:
        A floating tensor of the same shape; slices sum to 1 and may hold zeros.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sparsemax([1.0, 0.0, -1.0])).tolist()
    [1.0, 0.0, 0.0]
    """
    axis = _axis_arg("sparsemax", x, axis, allow_tuple=False)
    if any_symbolic_tensors((x,)):
        return Sparsemax(axis).symbolic_call(x)
    return backend.nn.sparsemax(x, axis=axis)


def glu(x: Tensor, axis: int | tuple = -1) -> Tensor:
    """Gated linear unit: splits ``x`` in halves ``a, b`` along ``axis``; ``a * sigmoid(b)``.

    Args:
        x: input tensor; its size along ``axis`` must be even.
        axis: the axis to split.

    Returns:
        A floating tensor whose ``axis`` is half as long.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.glu([1.0, 0.0])).tolist()
    [0.5]
    """
    axis = _axis_arg("glu", x, axis, allow_tuple=False)
    size = shape_of(x)[axis] if _ndim(x) else None
    if size is not None and size % 2:
        raise ValueError(
            f"glu: the size of `axis` ({axis}) must be even. Received: x.shape={shape_of(x)}"
        )
    if any_symbolic_tensors((x,)):
        return Glu(axis).symbolic_call(x)
    return backend.nn.glu(x, axis=axis)


__all__ = op_names(__name__)
