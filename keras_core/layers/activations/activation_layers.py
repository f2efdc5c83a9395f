"""Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax."""

from keras_core import activations, constraints, initializers, ops, regularizers
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.saving.serialization_lib import serialize_keras_object


def _non_negative(value, name, layer):
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0
    ):
        raise ValueError(f"{layer} expects `{name}` >= 0. Received: {name}={value!r}")
    return value


class _Elementwise(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        return input_shape


class ReLU(_Elementwise):
    """Rectified linear unit with optional cap, leak and threshold.

    Example:
    >>> out = keras_core.layers.ReLU(max_value=1.0)(np.array([-1.0, 0.5, 3.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 0.5, 1.0]
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        self.max_value = _non_negative(max_value, "max_value", "ReLU")
        self.negative_slope = _non_negative(negative_slope, "negative_slope", "ReLU")
        self.threshold = threshold

    def call(self, inputs):
        return activations.relu(
            inputs,
            negative_slope=self.negative_slope,
            max_value=self.max_value,
            threshold=self.threshold,
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "max_value": self.max_value,
                "negative_slope": self.negative_slope,
                "threshold": self.threshold,
            }
        )
        return config


class LeakyReLU(_Elementwise):
    """``x`` for x >= 0, ``negative_slope * x`` otherwise (default slope 0.3).

    Example:
    >>> out = keras_core.layers.LeakyReLU()(np.array([-1.0, 2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-0.3, 2.0]
    """

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:  # the Keras 2 name of the argument
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        self.negative_slope = _non_negative(negative_slope, "negative_slope", "LeakyReLU")

    def call(self, inputs):
        return ops.leaky_relu(inputs, negative_slope=self.negative_slope)

    def get_config(self):
        config = super().get_config()
        config["negative_slope"] = self.negative_slope
        return config


class ELU(_Elementwise):
    """``x`` for x > 0, ``alpha * (exp(x) - 1)`` otherwise.

    Example:
    >>> out = keras_core.layers.ELU()(np.array([-1.0, 2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [-0.6321, 2.0]
    """

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def call(self, inputs):
        return ops.elu(inputs, alpha=self.alpha)

    def get_config(self):
        config = super().get_config()
        config["alpha"] = self.alpha
        return config


class Softmax(_Elementwise):
    """Softmax over ``axis``; with a mask, masked entries get probability 0.

    Example:
    >>> out = keras_core.layers.Softmax()(np.array([[1.0, 2.0]], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.2689, 0.7311]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs, mask=None):
        keep = None
        if mask is not None:
            # Masked entries (False, or <= 0.5) take a large negative number (not
            # -inf, so fully-masked rows stay finite) and are zeroed afterwards: a
            # fully-masked row gives zeros, as in Keras 3.
            keep = mask if ops.dtype(mask) == "bool" else ops.greater(mask, 0.5)
            big = 3e4 if ops.dtype(inputs) == "float16" else 1e9
            inputs = ops.where(keep, inputs, ops.cast(-big, ops.dtype(inputs)))
        if isinstance(self.axis, (list, tuple)):
            lse = ops.logsumexp(inputs, axis=self.axis, keepdims=True)
            outputs = ops.exp(ops.subtract(inputs, lse))
        else:
            outputs = ops.softmax(inputs, axis=self.axis)
        if keep is not None:
            outputs = ops.where(keep, outputs, ops.zeros_like(outputs))
        return outputs

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


class PReLU(Layer):
    """Leaky ReLU with a learned slope per entry (``alpha`` broadcast over ``shared_axes``).

    Example:
    >>> out = keras_core.layers.PReLU()(np.array([[-1.0, 2.0]], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.0, 2.0]]
    """

    def __init__(
        self,
        alpha_initializer="Zeros",
        alpha_regularizer=None,
        alpha_constraint=None,
        shared_axes=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, int):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)

    def build(self, input_shape):
        param_shape = list(input_shape[1:])
        if self.shared_axes is not None:
            for axis in self.shared_axes:
                if not 1 <= axis < len(input_shape):
                    raise ValueError(
                        f"PReLU {self.name!r}: `shared_axes` entry {axis} is out of range for an "
                        f"input of shape {tuple(input_shape)}"
                    )
                param_shape[axis - 1] = 1
        if any(d is None for d in param_shape):
            raise ValueError(
                f"PReLU {self.name!r} needs known non-batch dims (or shared_axes over the unknown "
                f"ones). Received input_shape={tuple(input_shape)}"
            )
        self.alpha = self.add_weight(
            shape=tuple(param_shape),
            name="alpha",
            initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer,
            constraint=self.alpha_constraint,
        )
        axes = {}
        if self.shared_axes is None:
            axes = {i: d for i, d in enumerate(input_shape) if i > 0}
        else:
            axes = {i: d for i, d in enumerate(input_shape) if i > 0 and i not in self.shared_axes}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)

    def call(self, inputs):
        positive = ops.relu(inputs)
        negative = ops.multiply(self.alpha, ops.subtract(inputs, positive))
        return ops.add(positive, negative)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "alpha_initializer": serialize_keras_object(self.alpha_initializer),
                "alpha_regularizer": serialize_keras_object(self.alpha_regularizer),
                "alpha_constraint": serialize_keras_object(self.alpha_constraint),
                "shared_axes": self.shared_axes,
            }
        )
        return config
