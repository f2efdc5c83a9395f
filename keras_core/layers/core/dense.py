"""Dense: ``activation(inputs @ kernel + bias)`` on the last axis."""

from keras_core import activations, backend, constraints, initializers, ops, regularizers
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.saving.serialization_lib import serialize_keras_object


def _check_positive_int(value, name, layer):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(
            f"{layer} expects `{name}` to be a positive int. Received: {name}={value!r} "
            f"({type(value).__name__})"
        )
    return value


class Dense(Layer):
    """A densely connected layer: ``activation(dot(inputs, kernel) + bias)``.

    Applies to the last axis of inputs of any rank >= 1; the kernel has shape
    ``(input_dim, units)``.

    Args:
        units: positive int, the output size.
        activation: activation function (name or callable); default linear.
        use_bias: whether to add a bias vector.
        kernel_initializer, bias_initializer: initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer: regularizers.
        kernel_constraint, bias_constraint: constraints.

    Example:
    >>> layer = keras_core.layers.Dense(4, activation="relu")
    >>> keras_core.ops.shape(layer(np.ones((2, 3), "float32")))
    (2, 4)
    """

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        _check_no_quantization(kwargs.pop("quantization_config", None), "Dense")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = _check_positive_int(units, "units", "Dense")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=1)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"Dense {self.name!r} needs a known last input dimension. "
                f"Received input_shape={input_shape}"
            )
        self.kernel = self.add_weight(
            name="kernel",
            shape=(input_dim, self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.units,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = InputSpec(
            min_ndim=2 if len(input_shape) >= 2 else 1, axes={-1: input_dim}
        )

    def call(self, inputs):
        x = None
        if self.bias is not None:
            x = backend.layer.dense(inputs, self.kernel, self.bias)  # None: no fused kernel
        if x is None:
            x = ops.matmul(inputs, self.kernel)
            if self.bias is not None:
                x = ops.add(x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "units": self.units,
                "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
                "kernel_initializer": serialize_keras_object(self.kernel_initializer),
                "bias_initializer": serialize_keras_object(self.bias_initializer),
                "kernel_regularizer": serialize_keras_object(self.kernel_regularizer),
                "bias_regularizer": serialize_keras_object(self.bias_regularizer),
                "activity_regularizer": serialize_keras_object(self.activity_regularizer),
                "kernel_constraint": serialize_keras_object(self.kernel_constraint),
                "bias_constraint": serialize_keras_object(self.bias_constraint),
                "quantization_config": None,
            }
        )
        return config


def _check_no_quantization(quantization_config, layer):
    """Keras 3 writes ``quantization_config`` (None unless quantized); only None is supported."""
    if quantization_config is not None:
        raise ValueError(
            f"{layer}: keras_core does not support quantized layers, so "
            "`quantization_config` must be None. Received: "
            f"quantization_config={quantization_config!r}"
        )
