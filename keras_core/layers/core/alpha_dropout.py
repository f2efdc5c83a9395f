"""AlphaDropout: dropout that keeps the mean and variance of SELU activations."""

from keras_core import ops, random
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.layer import Layer

# The SELU constants (Klambauer et al., 2017).
_ALPHA = 1.6732632423543772848170429916717
_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Dropout for self-normalizing networks (SELU activations).

    In training, each dropped entry is set to SELU's negative saturation value
    ``-alpha * scale`` instead of 0, then the result is scaled and shifted
    (``a * x + b``) so that inputs with zero mean and unit variance keep them.
    At inference the layer is the identity.

    Args:
        rate: the fraction of entries dropped, in [0, 1).
        noise_shape: the shape of the keep/drop mask, broadcast to the input
            (None entries take the input's size), e.g. ``(batch, 1, features)``
            to drop the same features at every step.
        seed: an int for reproducibility.

    Example:
    >>> layer = keras_core.layers.AlphaDropout(0.2, seed=0)
    >>> tuple(layer(np.ones((2, 3), "float32"), training=True).shape)
    (2, 3)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(
                f"AlphaDropout expects `rate` to be a float in [0, 1). Received: rate={rate!r}"
            )
        self.rate = float(rate)
        self.noise_shape = tuple(noise_shape) if noise_shape is not None else None
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        rate = self.rate
        saturation = -_ALPHA * _SCALE
        # random.dropout gives 0 or 1/(1 - rate), broadcast from noise_shape.
        scaled = random.dropout(
            ops.ones_like(inputs), rate, noise_shape=self.noise_shape, seed=self.seed_generator
        )
        kept = ops.cast(ops.greater(scaled, 0), inputs.dtype)
        a = ((1.0 - rate) * (1.0 + rate * saturation**2)) ** -0.5
        b = -a * saturation * rate
        x = ops.add(ops.multiply(inputs, kept), ops.multiply(ops.subtract(1.0, kept), saturation))
        return ops.add(ops.multiply(x, a), b)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "rate": self.rate,
                "noise_shape": list(self.noise_shape) if self.noise_shape else None,
                "seed": self.seed,
            }
        )
        return config
