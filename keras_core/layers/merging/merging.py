"""Merge layers: combine a list of tensors (Add, Concatenate, Dot, ...)."""

from keras_core import ops
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.layer import Layer
from keras_core.ops.op_utils import broadcast_shapes


class Merge(Layer):
    """Base class of merge layers: ``call`` takes a list of at least two tensors."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _check_inputs(self, shapes):
        if (
            not isinstance(shapes, (list, tuple))
            or not shapes
            or not isinstance(shapes[0], (list, tuple))
        ):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} must be called on a list of tensors. "
                f"Received input shape: {shapes}"
            )
        if len(shapes) < 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} needs at least 2 inputs. Received "
                f"{len(shapes)} input(s) with shapes {list(shapes)}"
            )

    def build(self, input_shape):
        self._check_inputs(input_shape)
        self._output_shape_of(input_shape)

    def _output_shape_of(self, shapes):
        out = tuple(shapes[0])
        for s in shapes[1:]:
            try:
                out = broadcast_shapes(out, tuple(s), type(self).__name__)
            except ValueError as e:
                raise ValueError(
                    f"{type(self).__name__} layer {self.name!r} needs inputs of compatible "
                    f"shapes. Received shapes {[tuple(x) for x in shapes]}"
                ) from e
        return out

    def _merge(self, inputs):
        raise NotImplementedError

    def call(self, inputs):
        self._check_inputs(
            [tuple(x.shape) for x in inputs] if isinstance(inputs, (list, tuple)) else inputs
        )
        return self._merge(list(inputs))

    def compute_output_shape(self, input_shape):
        self._check_inputs(input_shape)
        return self._output_shape_of(input_shape)

    def compute_output_spec(self, inputs):
        shape = self.compute_output_shape([x.shape for x in inputs])
        from keras_core.backend.common.dtype_rules import binary_dtype

        return KerasTensor(shape, dtype=binary_dtype(*inputs))

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(f"`mask` must be a list of {len(inputs)} masks. Received: {mask}")
        masks = [m for m in mask if m is not None]
        if not masks:
            return None
        out = masks[0]
        for m in masks[1:]:
            out = ops.logical_and(out, m)
        return out


def _reduce(fn, inputs):
    out = inputs[0]
    for x in inputs[1:]:
        out = fn(out, x)
    return out


class Add(Merge):
    """Adds a list of tensors (broadcasting).

    Example:
    >>> out = keras_core.layers.Add()([np.ones((2, 3)), np.ones((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[2.0, 2.0, 2.0], [2.0, 2.0, 2.0]]
    """

    def _merge(self, inputs):
        return _reduce(ops.add, inputs)


class Subtract(Merge):
    """Subtracts the second of exactly two tensors from the first.

    Example:
    >>> out = keras_core.layers.Subtract()([np.ones((2, 3)), np.ones((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """

    def _check_inputs(self, shapes):
        super()._check_inputs(shapes)
        if len(shapes) != 2:
            raise ValueError(
                f"Subtract layer {self.name!r} needs exactly 2 inputs. Received {len(shapes)}."
            )

    def _merge(self, inputs):
        return ops.subtract(inputs[0], inputs[1])


class Multiply(Merge):
    """Multiplies a list of tensors elementwise.

    Example:
    >>> out = keras_core.layers.Multiply()([np.ones((2, 3)), np.ones((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    def _merge(self, inputs):
        return _reduce(ops.multiply, inputs)


class Average(Merge):
    """The elementwise mean of a list of tensors.

    Example:
    >>> out = keras_core.layers.Average()([np.ones((2, 3)), np.zeros((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
    """

    def _merge(self, inputs):
        return ops.divide(_reduce(ops.add, inputs), float(len(inputs)))


class Maximum(Merge):
    """The elementwise maximum of a list of tensors.

    Example:
    >>> out = keras_core.layers.Maximum()([np.ones((2, 3)), np.zeros((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    def _merge(self, inputs):
        return _reduce(ops.maximum, inputs)


class Minimum(Merge):
    """The elementwise minimum of a list of tensors.

    Example:
    >>> out = keras_core.layers.Minimum()([np.ones((2, 3)), np.zeros((2, 3))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """

    def _merge(self, inputs):
        return _reduce(ops.minimum, inputs)


class Concatenate(Merge):
    """Concatenates a list of tensors along ``axis``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Concatenate()([np.ones((2, 3)), np.zeros((2, 1))]))
    (2, 4)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _output_shape_of(self, shapes):
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes):
            raise ValueError(
                f"Concatenate layer {self.name!r} needs inputs of the same rank. Received shapes "
                f"{[tuple(s) for s in shapes]}"
            )
        axis = self.axis % rank
        out = list(shapes[0])
        for s in shapes[1:]:
            for i, (a, b) in enumerate(zip(out, s)):
                if i == axis:
                    continue
                if a is not None and b is not None and a != b:
                    raise ValueError(
                        f"Concatenate layer {self.name!r} needs matching shapes except along the "
                        f"concat axis {self.axis}. Received shapes {[tuple(x) for x in shapes]}"
                    )
                out[i] = a if a is not None else b
        sizes = [s[axis] for s in shapes]
        out[axis] = None if any(d is None for d in sizes) else sum(sizes)
        return tuple(out)

    def _merge(self, inputs):
        return ops.concatenate(inputs, axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        filled = []
        for x, m in zip(inputs, mask):
            if m is None:
                m = ops.ones(
                    ops.shape(x)[:-1] if self.axis in (-1, len(x.shape) - 1) else ops.shape(x),
                    dtype="bool",
                )
            if len(m.shape) < len(x.shape):
                m = ops.expand_dims(m, axis=-1)
                m = ops.broadcast_to(m, ops.shape(x))
            filled.append(m)
        out = ops.concatenate(filled, axis=self.axis)
        return ops.all(out, axis=-1) if self.axis in (-1,) else out

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


class Dot(Merge):
    """Dot products between samples of two tensors, over ``axes``.

    Args:
        axes: an int or a pair of ints: the axis of each input to contract.
        normalize: L2-normalize along those axes first (cosine similarity).

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Dot(axes=1)([np.ones((2, 3)), np.ones((2, 3))]))
    (2, 1)
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axes, int):
            axes = (axes, axes)
        if not (
            isinstance(axes, (list, tuple))
            and len(axes) == 2
            and all(isinstance(a, int) for a in axes)
        ):
            raise ValueError(f"`axes` must be an int or a pair of ints. Received: axes={axes!r}")
        self.axes = tuple(axes)
        self.normalize = normalize
        self.supports_masking = False

    def _check_inputs(self, shapes):
        super()._check_inputs(shapes)
        if len(shapes) != 2:
            raise ValueError(
                f"Dot layer {self.name!r} needs exactly 2 inputs. Received {len(shapes)}."
            )

    def _axes(self, s1, s2):
        return self.axes[0] % len(s1), self.axes[1] % len(s2)

    def _output_shape_of(self, shapes):
        s1, s2 = tuple(shapes[0]), tuple(shapes[1])
        a1, a2 = self._axes(s1, s2)
        if s1[a1] is not None and s2[a2] is not None and s1[a1] != s2[a2]:
            raise ValueError(
                f"Dot layer {self.name!r}: dimension {a1} of the first input ({s1[a1]}) must equal "
                f"dimension {a2} of the second ({s2[a2]}). Received shapes {s1} and {s2}"
            )
        out = s1[:a1] + s1[a1 + 1 :] + s2[1:a2] + s2[a2 + 1 :]
        return out if len(out) > 1 else out + (1,)

    def _merge(self, inputs):
        x1, x2 = inputs
        a1, a2 = self._axes(x1.shape, x2.shape)
        if self.normalize:
            x1 = ops.divide(
                x1, ops.maximum(ops.sqrt(ops.sum(ops.square(x1), axis=a1, keepdims=True)), 1e-12)
            )
            x2 = ops.divide(
                x2, ops.maximum(ops.sqrt(ops.sum(ops.square(x2), axis=a2, keepdims=True)), 1e-12)
            )
        # Batched contraction: bring the contracted axes last/first and use matmul.
        x1 = ops.moveaxis(x1, a1, -1)
        x2 = ops.moveaxis(x2, a2, 1)
        b = x1.shape[0]
        left = ops.reshape(x1, (b, -1, x1.shape[-1]))
        right = ops.reshape(x2, (b, x2.shape[1], -1))
        out = ops.matmul(left, right)
        shape = self._output_shape_of([tuple(inputs[0].shape), tuple(inputs[1].shape)])
        return ops.reshape(out, (b,) + tuple(shape[1:]))

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": list(self.axes), "normalize": self.normalize})
        return config


def add(inputs, **kwargs):
    """Functional form of ``Add``: ``add([x1, x2, ...])``.

    Example:
    >>> out = keras_core.layers.add([np.ones((1, 2)), np.ones((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[2.0, 2.0]]
    """
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """Functional form of ``Subtract``.

    Example:
    >>> out = keras_core.layers.subtract([np.ones((1, 2)), np.ones((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 0.0]]
    """
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Functional form of ``Multiply``.

    Example:
    >>> out = keras_core.layers.multiply([np.ones((1, 2)), np.ones((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 1.0]]
    """
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Functional form of ``Average``.

    Example:
    >>> out = keras_core.layers.average([np.ones((1, 2)), np.zeros((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.5, 0.5]]
    """
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Functional form of ``Maximum``.

    Example:
    >>> out = keras_core.layers.maximum([np.ones((1, 2)), np.zeros((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, 1.0]]
    """
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Functional form of ``Minimum``.

    Example:
    >>> out = keras_core.layers.minimum([np.ones((1, 2)), np.zeros((1, 2))])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 0.0]]
    """
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of ``Concatenate``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.concatenate([np.ones((1, 2)), np.zeros((1, 2))]))
    (1, 4)
    """
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, **kwargs):
    """Functional form of ``Dot``.

    Example:
    >>> out = keras_core.layers.dot([np.ones((1, 2)), np.ones((1, 2))], axes=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[2.0]]
    """
    return Dot(axes=axes, **kwargs)(inputs)
