"""The ``Activation`` layer: applies any activation function (by name or callable)."""

from keras_core import activations
from keras_core.layers.layer import Layer


class Activation(Layer):
    """Applies an activation function.

    Example:
    >>> out = keras_core.layers.Activation("relu")(np.array([-1.0, 2.0], "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0.0, 2.0]
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
