"""keras_core.ops.nn: activations, normalizations, losses, encodings and attention.

Activations live in ``nn_activations.py``, convolution/pooling ops in ``nn_conv.py``
and the CTC ops in ``nn_ctc.py``; all are exported here.
Every activation returns a floating tensor: bool and integer inputs become
``floatx()`` (``dtype_rules.float_dtype``).
"""

import operator
from typing import Any

from keras_core import backend
from keras_core.backend import config
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.exports import export_ops
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops import nn_activations, nn_conv, nn_ctc
from keras_core.ops.op_utils import (
    Tensor,
    broadcast_shapes,
    canonicalize_axis,
    check_number,
    float_dtype,
    op_names,
    reduce_shape,
    shape_of,
    standardize_axis,
)
from keras_core.ops.operation import Operation


def _ndim(x):
    return len(shape_of(x))


# ---------------------------------------------------------------------------
# Encodings


def _check_num_classes(op, value, name):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        try:
            value = operator.index(value)
        except TypeError:
            value = None
        if value is None or value < 1:
            raise ValueError(f"{op}: `{name}` must be a positive int. Received: {name}={value!r}")
    return value


class OneHot(Operation):
    def __init__(self, num_classes, axis=-1, dtype=None, sparse=False, name=None):
        super().__init__(name=name)
        self.num_classes = num_classes
        self.axis = axis
        self.dtype = dtype
        self.sparse = sparse

    def call(self, x):
        return backend.nn.one_hot(x, self.num_classes, self.axis, self.dtype, self.sparse)

    def compute_output_spec(self, x):
        shape = list(shape_of(x))
        axis = self.axis if self.axis >= 0 else len(shape) + 1 + self.axis
        shape.insert(axis, self.num_classes)
        return KerasTensor(tuple(shape), dtype=self.dtype)


def one_hot(
    x: Tensor,
    num_classes: int,
    axis: int | tuple = -1,
    dtype: str | None = None,
    sparse: bool = False,
) -> Tensor:
    """One-hot encodes integer class ids; out-of-range ids give all-zero vectors.

    Args:
        x: an integer tensor of class ids.
        num_classes: the number of classes (the new axis' length).
        axis: where to insert the new axis.
        dtype: the result dtype (default ``floatx()``).
        sparse: whether to return a sparse tensor (backends without sparse
            tensors raise ``ValueError``).

    Returns:
        A tensor of rank ``x.ndim + 1``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.one_hot([0, 2], 3)).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    """
    num_classes = _check_num_classes("one_hot", num_classes, "num_classes")
    axis = canonicalize_axis(axis, _ndim(x) + 1, "one_hot")
    dtype = standardize_dtype(dtype)
    if any_symbolic_tensors((x,)):
        return OneHot(num_classes, axis, dtype, sparse).symbolic_call(x)
    return backend.nn.one_hot(x, num_classes, axis=axis, dtype=dtype, sparse=sparse)


class MultiHot(Operation):
    def __init__(self, num_classes, axis=-1, dtype=None, sparse=False, name=None):
        super().__init__(name=name)
        self.num_classes = num_classes
        self.axis = axis
        self.dtype = dtype
        self.sparse = sparse

    def call(self, inputs):
        return backend.nn.multi_hot(inputs, self.num_classes, self.axis, self.dtype, self.sparse)

    def compute_output_spec(self, inputs):
        shape = list(shape_of(inputs))
        if len(shape) <= 1:
            return KerasTensor((self.num_classes,), dtype=self.dtype)
        shape = shape[:-1]
        axis = self.axis if self.axis >= 0 else len(shape) + 1 + self.axis
        shape.insert(axis, self.num_classes)
        return KerasTensor(tuple(shape), dtype=self.dtype)


def multi_hot(
    inputs: Tensor,
    num_tokens: int | None = None,
    axis: int | tuple = -1,
    dtype: str | None = None,
    sparse: bool = False,
    num_classes: int | None = None,
) -> Tensor:
    """Multi-hot encodes the class ids of each sample (the last axis of ``inputs``).

    A rank-1 ``inputs`` is one sample; a rank-``r`` input gives rank ``r``:
    the last axis (the ids) is replaced by a ``num_classes`` axis at ``axis``.
    Out-of-range ids are ignored.

    Args:
        inputs: an integer tensor of class ids.
        num_tokens: the number of classes (keras-core's name).
        axis: where the class axis goes in the output (only the default, -1, is
            pinned down by the conformance suite).
        dtype: the result dtype (default ``floatx()``).
        sparse: whether to return a sparse tensor.
        num_classes: the number of classes (Keras 3's name; same as ``num_tokens``).

    Returns:
        A tensor holding 1 for every class present in a sample, 0 elsewhere.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.multi_hot([[0, 2], [1, 1]], 3)).tolist()
    [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    if num_tokens is None and num_classes is None:
        raise ValueError("multi_hot: `num_classes` (or `num_tokens`) is required. Received: None")
    if num_tokens is not None and num_classes is not None and num_tokens != num_classes:
        raise ValueError(
            "multi_hot: `num_tokens` and `num_classes` are the same argument and disagree. "
            f"Received: num_tokens={num_tokens}, num_classes={num_classes}"
        )
    n = _check_num_classes(
        "multi_hot", num_classes if num_tokens is None else num_tokens, "num_classes"
    )
    out_rank = max(_ndim(inputs), 1)
    canonicalize_axis(axis, out_rank, "multi_hot")  # checked; passed on as given
    dtype = standardize_dtype(dtype)
    if any_symbolic_tensors((inputs,)):
        return MultiHot(n, axis, dtype, sparse).symbolic_call(inputs)
    return backend.nn.multi_hot(inputs, n, axis=axis, dtype=dtype, sparse=sparse)


# ---------------------------------------------------------------------------
# Losses


def _check_same_shape(op, target, output):
    ts, os_ = shape_of(target), shape_of(output)
    if len(ts) != len(os_) or any(
        a is not None and b is not None and a != b for a, b in zip(ts, os_)
    ):
        raise ValueError(
            f"{op}: `target` and `output` must have the same shape. "
            f"Received: target.shape={tuple(ts)}, output.shape={tuple(os_)}"
        )


class BinaryCrossentropy(Operation):
    def __init__(self, from_logits=False, name=None):
        super().__init__(name=name)
        self.from_logits = from_logits

    def call(self, target, output):
        return backend.nn.binary_crossentropy(target, output, from_logits=self.from_logits)

    def compute_output_spec(self, target, output):
        return KerasTensor(shape_of(output), dtype=float_dtype(target, output))


def binary_crossentropy(target: Tensor, output: Tensor, from_logits: bool = False) -> Tensor:
    """Element-wise binary cross-entropy (no reduction).

    Probabilities are clipped to ``[epsilon, 1 - epsilon]`` with
    ``keras_core.config.epsilon()``; logits use the stable form
    ``max(x, 0) - x * t + log(1 + exp(-|x|))``.

    Args:
        target: the targets, in [0, 1].
        output: probabilities, or logits when ``from_logits=True``.
        from_logits: whether ``output`` holds logits.

    Returns:
        A floating tensor of the same shape as ``output``.

    Example:
    >>> out = keras_core.ops.binary_crossentropy([1.0, 0.0], [0.9, 0.2])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.1054, 0.2231]
    """
    _check_same_shape("binary_crossentropy", target, output)
    if any_symbolic_tensors((target, output)):
        return BinaryCrossentropy(bool(from_logits)).symbolic_call(target, output)
    return backend.nn.binary_crossentropy(target, output, from_logits=bool(from_logits))


class CategoricalCrossentropy(Operation):
    def __init__(self, from_logits=False, axis=-1, name=None):
        super().__init__(name=name)
        self.from_logits = from_logits
        self.axis = axis

    def call(self, target, output):
        return backend.nn.categorical_crossentropy(
            target, output, from_logits=self.from_logits, axis=self.axis
        )

    def compute_output_spec(self, target, output):
        return KerasTensor(
            reduce_shape(shape_of(output), self.axis), dtype=float_dtype(target, output)
        )


def categorical_crossentropy(
    target: Tensor, output: Tensor, from_logits: bool = False, axis: int | tuple = -1
) -> Tensor:
    """Categorical cross-entropy between one-hot (or soft) targets and predictions.

    Without logits, ``output`` is first divided by its sum along ``axis`` and then
    clipped to ``[epsilon, 1 - epsilon]``; with logits, ``log_softmax`` is used.

    Args:
        target: the targets, the same shape as ``output``.
        output: probabilities, or logits when ``from_logits=True``.
        from_logits: whether ``output`` holds logits.
        axis: the class axis.

    Returns:
        A floating tensor: ``output``'s shape without ``axis``.

    Example:
    >>> out = keras_core.ops.categorical_crossentropy([[0.0, 1.0]], [[0.2, 0.8]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.2231]
    """
    op = "categorical_crossentropy"
    _check_same_shape(op, target, output)
    if _ndim(output) < 1:
        raise ValueError(f"{op}: `output` must have rank >= 1. Received: shape={shape_of(output)}")
    axis = canonicalize_axis(axis, _ndim(output), op)
    if any_symbolic_tensors((target, output)):
        return CategoricalCrossentropy(bool(from_logits), axis).symbolic_call(target, output)
    return backend.nn.categorical_crossentropy(
        target, output, from_logits=bool(from_logits), axis=axis
    )


class SparseCategoricalCrossentropy(CategoricalCrossentropy):
    def call(self, target, output):
        return backend.nn.sparse_categorical_crossentropy(
            target, output, from_logits=self.from_logits, axis=self.axis
        )

    def compute_output_spec(self, target, output):
        return KerasTensor(reduce_shape(shape_of(output), self.axis), dtype=float_dtype(output))


def sparse_categorical_crossentropy(
    target: Tensor, output: Tensor, from_logits: bool = False, axis: int | tuple = -1
) -> Tensor:
    """Categorical cross-entropy with integer class-id targets.

    Args:
        target: integer class ids: ``output``'s shape without ``axis`` (a trailing
            axis of size 1 is also accepted).
        output: probabilities, or logits when ``from_logits=True``.
        from_logits: whether ``output`` holds logits.
        axis: the class axis of ``output``.

    Returns:
        A floating tensor: ``output``'s shape without ``axis``.

    Example:
    >>> out = keras_core.ops.sparse_categorical_crossentropy([1], [[0.2, 0.8]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.2231]
    """
    op = "sparse_categorical_crossentropy"
    ts, os_ = shape_of(target), shape_of(output)
    if len(os_) < 1:
        raise ValueError(f"{op}: `output` must have rank >= 1. Received: shape={tuple(os_)}")
    axis = canonicalize_axis(axis, len(os_), op)
    expected = tuple(d for i, d in enumerate(os_) if i != axis)
    squeezed = ts[:-1] if len(ts) == len(os_) and ts and ts[-1] == 1 else ts
    if len(squeezed) != len(expected) or any(
        a is not None and b is not None and a != b for a, b in zip(squeezed, expected)
    ):
        raise ValueError(
            f"{op}: `target` must have `output`'s shape without the class axis, "
            f"{expected}. Received: target.shape={tuple(ts)}, output.shape={tuple(os_)}"
        )
    if any_symbolic_tensors((target, output)):
        return SparseCategoricalCrossentropy(bool(from_logits), axis).symbolic_call(target, output)
    return backend.nn.sparse_categorical_crossentropy(
        target, output, from_logits=bool(from_logits), axis=axis
    )


# ---------------------------------------------------------------------------
# Statistics and normalization


class Moments(Operation):
    def __init__(self, axes, keepdims=False, synchronized=False, name=None):
        super().__init__(name=name)
        self.axes = axes
        self.keepdims = keepdims
        self.synchronized = synchronized

    def call(self, x):
        return backend.nn.moments(x, self.axes, self.keepdims, self.synchronized)

    def compute_output_spec(self, x):
        shape = reduce_shape(shape_of(x), self.axes, self.keepdims)
        d = float_dtype(x)
        return KerasTensor(shape, dtype=d), KerasTensor(shape, dtype=d)


def moments(
    x: Tensor, axes: int | tuple, keepdims: bool = False, synchronized: bool = False
) -> tuple:
    """Mean and (population) variance of ``x`` over ``axes``.

    float16 and bfloat16 inputs are accumulated in float32; results keep the
    input's floating dtype.

    Args:
        x: input tensor.
        axes: an int or a sequence of ints.
        keepdims: whether to keep the reduced axes with length 1.
        synchronized: accepted for API compatibility (no cross-device effect here).

    Returns:
        A tuple ``(mean, variance)``.

    Example:
    >>> out = keras_core.ops.moments([1.0, 2.0, 3.0, 4.0], axes=0)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [2.5, 1.25]
    """
    axes = standardize_axis(axes, _ndim(x), "moments", "axes")
    if any_symbolic_tensors((x,)):
        return Moments(axes, bool(keepdims), bool(synchronized)).symbolic_call(x)
    return backend.nn.moments(x, axes, keepdims=bool(keepdims), synchronized=bool(synchronized))


class BatchNormalization(Operation):
    def __init__(self, axis, epsilon=1e-3, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.epsilon = epsilon

    def call(self, x, mean, variance, offset=None, scale=None):
        return backend.nn.batch_normalization(
            x, mean, variance, self.axis, offset=offset, scale=scale, epsilon=self.epsilon
        )

    def compute_output_spec(self, x, mean, variance, offset=None, scale=None):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


def batch_normalization(
    x: Tensor,
    mean: Tensor,
    variance: Tensor,
    axis: int,
    offset: Tensor = None,
    scale: Tensor = None,
    epsilon: float = 1e-3,
) -> Tensor:
    """Normalizes ``x`` with given statistics: ``(x - mean) / sqrt(variance + epsilon)``.

    Then ``* scale + offset`` when given. ``mean``, ``variance``, ``offset`` and
    ``scale`` are vectors of length ``x.shape[axis]``.

    Args:
        x: input tensor.
        mean: the means, one per entry of ``axis``.
        variance: the variances.
        axis: the feature axis (an int).
        offset: optional shift (beta).
        scale: optional scale (gamma).
        epsilon: added to the variance.

    Returns:
        A tensor of ``x``'s shape and floating dtype.

    Example:
    >>> out = keras_core.ops.batch_normalization([[1.0, 2.0]], [1.0, 0.0], [1.0, 4.0], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 0.9999]]
    """
    op = "batch_normalization"
    axis = canonicalize_axis(axis, _ndim(x), op)
    size = shape_of(x)[axis]
    for name, v in (("mean", mean), ("variance", variance), ("offset", offset), ("scale", scale)):
        if v is None:
            continue
        s = shape_of(v)
        if len(s) != 1 or (size is not None and s[0] is not None and s[0] != size):
            raise ValueError(
                f"{op}: `{name}` must be a vector of length x.shape[{axis}]={size}. "
                f"Received: {name}.shape={tuple(s)}, x.shape={tuple(shape_of(x))}"
            )
    check_number(epsilon, op, "epsilon")
    if any_symbolic_tensors((x, mean, variance, offset, scale)):
        return BatchNormalization(axis, epsilon).symbolic_call(x, mean, variance, offset, scale)
    return backend.nn.batch_normalization(
        x, mean, variance, axis, offset=offset, scale=scale, epsilon=epsilon
    )


class LayerNormalization(Operation):
    def __init__(self, axis=-1, epsilon=None, rms_scaling=False, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.epsilon = epsilon
        self.rms_scaling = rms_scaling

    def call(self, x, gamma=None, beta=None):
        extra = {"rms_scaling": True} if self.rms_scaling else {}
        return backend.nn.layer_normalization(x, gamma, beta, self.axis, self.epsilon, **extra)

    def compute_output_spec(self, x, gamma=None, beta=None):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


def _norm_axes(op, x, axis):
    axes = standardize_axis(axis, _ndim(x), op)
    return axes if len(axes) > 1 else axes[0]


def layer_normalization(
    x: Tensor,
    gamma: Tensor = None,
    beta: Tensor = None,
    axis: int | tuple = -1,
    epsilon: float | None = None,
    **kwargs: Any,
) -> Tensor:
    """Layer normalization: ``(x - mean) / sqrt(var + epsilon) * gamma + beta`` over ``axis``.

    ``gamma`` and ``beta`` broadcast against the normalized axes (their shape is
    ``x.shape`` at those axes).

    Args:
        x: input tensor.
        gamma: optional scale.
        beta: optional offset.
        axis: an int or a tuple of ints: the axes to normalize over.
        epsilon: added to the variance; None means ``keras_core.config.epsilon()``.
        **kwargs: ``rms_scaling=True`` skips the centering (RMS normalization).

    Returns:
        A tensor of ``x``'s shape and floating dtype.

    Example:
    >>> out = keras_core.ops.layer_normalization([0.0, 1.0, 2.0, 3.0, 4.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-1.4142, -0.7071, 0.0, 0.7071, 1.4142]
    """
    unknown = set(kwargs) - {"rms_scaling"}
    if unknown:
        raise TypeError(f"layer_normalization: unexpected keyword arguments {sorted(unknown)}")
    rms_scaling = bool(kwargs.get("rms_scaling", False))
    axis = _norm_axes("layer_normalization", x, axis)
    epsilon = (
        config.epsilon()
        if epsilon is None
        else check_number(epsilon, "layer_normalization", "epsilon")
    )
    if any_symbolic_tensors((x, gamma, beta)):
        return LayerNormalization(axis, epsilon, rms_scaling).symbolic_call(x, gamma, beta)
    extra = {"rms_scaling": True} if rms_scaling else {}
    return backend.nn.layer_normalization(x, gamma, beta, axis, epsilon, **extra)


class RmsNormalization(Operation):
    def __init__(self, axis=-1, epsilon=None, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.epsilon = epsilon

    def call(self, x, scale=None):
        return backend.nn.rms_normalization(x, scale, self.axis, self.epsilon)

    def compute_output_spec(self, x, scale=None):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


def rms_normalization(
    x: Tensor, scale: Tensor = None, axis: int | tuple = -1, epsilon: float | None = None
) -> Tensor:
    """Root-mean-square normalization: ``x / sqrt(mean(x**2, axis) + epsilon) * scale``.

    Args:
        x: input tensor.
        scale: optional scale, broadcast against the normalized axes.
        axis: an int or a tuple of ints.
        epsilon: added to the mean square; None means ``keras_core.config.epsilon()``.

    Returns:
        A tensor of ``x``'s shape and floating dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.rms_normalization([3.0, 4.0])).tolist()
    [0.8485, 1.1314]
    """
    axis = _norm_axes("rms_normalization", x, axis)
    epsilon = (
        config.epsilon()
        if epsilon is None
        else check_number(epsilon, "rms_normalization", "epsilon")
    )
    if any_symbolic_tensors((x, scale)):
        return RmsNormalization(axis, epsilon).symbolic_call(x, scale)
    return backend.nn.rms_normalization(x, scale, axis, epsilon)


class Normalize(Operation):
    def __init__(self, axis=-1, order=2, epsilon=None, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.order = order
        self.epsilon = epsilon

    def call(self, x):
        return backend.nn.normalize(x, self.axis, self.order, self.epsilon)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


def normalize(
    x: Tensor, axis: int | tuple = -1, order: int | float = 2, epsilon: float | None = None
) -> Tensor:
    """Divides ``x`` by its ``order``-norm along ``axis``: ``x / max(norm, epsilon)``.

    Args:
        x: input tensor.
        axis: an int or a tuple of ints.
        order: the norm order (as ``numpy.linalg.norm``'s ``ord`` for vectors):
            an int >= 1, or ``inf``.
        epsilon: the smallest norm divided by; None means ``keras_core.config.epsilon()``.

    Returns:
        A tensor of ``x``'s shape and floating dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.normalize([3.0, 4.0])).tolist()
    [0.6, 0.8]
    """
    if isinstance(order, bool) or not isinstance(order, (int, float)) or order < 1:
        raise ValueError(
            f"normalize: `order` must be a number >= 1 (or inf). Received: order={order!r}"
        )
    axis = _norm_axes("normalize", x, axis)
    epsilon = config.epsilon() if epsilon is None else check_number(epsilon, "normalize", "epsilon")
    if any_symbolic_tensors((x,)):
        return Normalize(axis, order, epsilon).symbolic_call(x)
    return backend.nn.normalize(x, axis, order, epsilon)


class Psnr(Operation):
    def __init__(self, max_val, name=None):
        super().__init__(name=name)
        self.max_val = max_val

    def call(self, x1, x2):
        return backend.nn.psnr(x1, x2, self.max_val)

    def compute_output_spec(self, x1, x2):
        return KerasTensor((), dtype=float_dtype(x1, x2))


def psnr(x1: Tensor, x2: Tensor, max_val: float) -> Tensor:
    """Peak signal-to-noise ratio: ``20 * log10(max_val) - 10 * log10(mean((x1 - x2)**2))``.

    Args:
        x1: first tensor.
        x2: second tensor, the same shape as ``x1``.
        max_val: the largest possible value (e.g. 1.0 or 255).

    Returns:
        A scalar floating tensor (the mean is over every element).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.psnr([0.0, 1.0], [0.0, 0.9], 1.0)).tolist()
    23.0103
    """
    _check_same_shape("psnr", x1, x2)
    check_number(max_val, "psnr", "max_val")
    if any_symbolic_tensors((x1, x2)):
        return Psnr(max_val).symbolic_call(x1, x2)
    return backend.nn.psnr(x1, x2, max_val)


class Polar(Operation):
    def call(self, abs_, angle):
        return backend.nn.polar(abs_, angle)

    def compute_output_spec(self, abs_, angle):
        d = float_dtype(abs_, angle)
        out = "complex128" if d == "float64" else "complex64"
        return KerasTensor(broadcast_shapes(shape_of(abs_), shape_of(angle), "polar"), dtype=out)


def polar(abs_: Tensor, angle: Tensor) -> Tensor:
    """Builds complex numbers from magnitudes and angles: ``abs_ * (cos(angle) + i sin(angle))``.

    Args:
        abs_: the magnitudes.
        angle: the angles in radians (broadcast against ``abs_``).

    Returns:
        A complex tensor: complex128 for float64 inputs, otherwise complex64.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.polar([2.0], [0.0])).tolist()
    [(2+0j)]
    """
    broadcast_shapes(shape_of(abs_), shape_of(angle), "polar")
    if any_symbolic_tensors((abs_, angle)):
        return Polar().symbolic_call(abs_, angle)
    return backend.nn.polar(abs_, angle)


# ---------------------------------------------------------------------------
# Attention


class DotProductAttention(Operation):
    def __init__(
        self,
        scale=None,
        is_causal=False,
        flash_attention=None,
        attn_logits_soft_cap=None,
        name=None,
    ):
        super().__init__(name=name)
        self.scale = scale
        self.is_causal = is_causal
        self.flash_attention = flash_attention
        self.attn_logits_soft_cap = attn_logits_soft_cap

    def call(self, query, key, value, bias=None, mask=None):
        return backend.nn.dot_product_attention(
            query,
            key,
            value,
            bias=bias,
            mask=mask,
            scale=self.scale,
            is_causal=self.is_causal,
            flash_attention=self.flash_attention,
            attn_logits_soft_cap=self.attn_logits_soft_cap,
        )

    def compute_output_spec(self, query, key, value, bias=None, mask=None):
        q = shape_of(query)
        return KerasTensor(q[:-1] + (shape_of(value)[-1],), dtype=float_dtype(query, key, value))


def dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    bias: Tensor = None,
    mask: Tensor = None,
    scale: float | None = None,
    is_causal: bool = False,
    flash_attention: bool | None = None,
    attn_logits_soft_cap: float | None = None,
) -> Tensor:
    """Scaled dot-product attention over ``(batch, seq, heads, dim)`` inputs.

    ``logits[b, n, t, s] = scale * sum_h query[b, t, n, h] * key[b, s, n', h]`` where
    key/value heads ``n'`` are shared by groups of query heads (grouped-query
    attention when ``heads`` of key/value divides that of query). Then
    ``cap * tanh(logits / cap)`` if ``attn_logits_soft_cap``, ``+ bias``, masking,
    a softmax over ``s`` and a weighted sum of ``value``.

    Args:
        query: ``(batch, target_len, heads, dim)``.
        key: ``(batch, source_len, kv_heads, dim)``.
        value: ``(batch, source_len, kv_heads, value_dim)``.
        bias: optional, broadcastable to ``(batch, heads, target_len, source_len)``.
        mask: optional bool, broadcastable to the same; False positions are excluded.
        scale: the logit scale; None means ``1 / sqrt(dim)``.
        is_causal: whether target ``t`` attends only to sources ``s <= t``.
        flash_attention: accepted for API compatibility; the result is the same.
        attn_logits_soft_cap: optional soft cap of the logits.

    Returns:
        A tensor of shape ``(batch, target_len, heads, value_dim)``.

    Example:
    >>> q = keras_core.ops.ones((1, 2, 1, 4))
    >>> keras_core.ops.shape(keras_core.ops.dot_product_attention(q, q, q))
    (1, 2, 1, 4)
    """
    op = "dot_product_attention"
    qs, ks, vs = shape_of(query), shape_of(key), shape_of(value)
    for name, s in (("query", qs), ("key", ks), ("value", vs)):
        if len(s) != 4:
            raise ValueError(
                f"{op}: `{name}` must have rank 4 (batch, seq, heads, dim). "
                f"Received: {name}.shape={tuple(s)}"
            )
    if qs[-1] is not None and ks[-1] is not None and qs[-1] != ks[-1]:
        raise ValueError(
            f"{op}: `query` and `key` must have the same last dimension. "
            f"Received: query.shape={tuple(qs)}, key.shape={tuple(ks)}"
        )
    if ks[1] is not None and vs[1] is not None and ks[1] != vs[1]:
        raise ValueError(
            f"{op}: `key` and `value` must have the same sequence length. "
            f"Received: key.shape={tuple(ks)}, value.shape={tuple(vs)}"
        )
    if qs[2] is not None and ks[2] is not None and qs[2] % ks[2]:
        raise ValueError(
            f"{op}: the number of query heads ({qs[2]}) must be a multiple of the number "
            f"of key/value heads ({ks[2]}). Received: query.shape={tuple(qs)}, "
            f"key.shape={tuple(ks)}"
        )
    if attn_logits_soft_cap is not None:
        check_number(attn_logits_soft_cap, op, "attn_logits_soft_cap", positive=True)
    if any_symbolic_tensors((query, key, value, bias, mask)):
        return DotProductAttention(
            scale, bool(is_causal), flash_attention, attn_logits_soft_cap
        ).symbolic_call(query, key, value, bias, mask)
    return backend.nn.dot_product_attention(
        query,
        key,
        value,
        bias=bias,
        mask=mask,
        scale=scale,
        is_causal=bool(is_causal),
        flash_attention=flash_attention,
        attn_logits_soft_cap=attn_logits_soft_cap,
    )


# The activation, convolution and CTC ops are declared in their own modules;
# ``keras_core.ops.nn`` is the namespace of all of them.
export_ops(globals(), nn_activations, nn_conv, nn_ctc, classes=False)
__all__ = op_names(__name__, nn_activations, nn_conv, nn_ctc)
