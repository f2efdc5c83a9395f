"""SpectralNormalization: divides a layer's kernel by its largest singular value."""

from keras_core import initializers, ops
from keras_core.layers.core.simple import Wrapper
from keras_core.layers.layer import _dedupe


def _l2_normalize(x):
    return ops.divide(x, ops.sqrt(ops.maximum(ops.sum(ops.square(x)), 1e-12)))


class SpectralNormalization(Wrapper):
    """Keeps the spectral norm of the wrapped layer's kernel at 1 (Miyato et al., 2018).

    The wrapped layer must have a ``kernel`` (Dense, Conv...) or ``embeddings``
    (Embedding). In training, ``power_iterations`` steps of the power method
    (with the persistent vector ``vector_u``, a non-trainable weight of shape
    ``(1, kernel.shape[-1])``) estimate the largest singular value ``sigma`` of
    the kernel reshaped to ``(-1, kernel.shape[-1])``; ``vector_u`` and the
    kernel are updated to their new values (``kernel / sigma``) before the
    wrapped layer runs. In inference the wrapped layer runs unchanged.

    Weights, in Keras 3's order: the kernel, ``vector_u``, then the wrapped
    layer's other weights.

    Args:
        layer: the layer to wrap.
        power_iterations: the number of power-method steps per training call (>= 1).

    Example:
    >>> layer = keras_core.layers.SpectralNormalization(keras_core.layers.Dense(3))
    >>> tuple(layer(np.ones((2, 4), "float32"), training=True).shape)
    (2, 3)
    """

    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        if isinstance(power_iterations, bool) or not isinstance(power_iterations, int):
            raise ValueError(
                "SpectralNormalization: `power_iterations` must be an int >= 1. "
                f"Received: power_iterations={power_iterations!r}"
            )
        if power_iterations < 1:
            raise ValueError(
                "SpectralNormalization: `power_iterations` must be >= 1. "
                f"Received: power_iterations={power_iterations}"
            )
        self.power_iterations = power_iterations

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        if getattr(self.layer, "kernel", None) is not None:
            self.kernel = self.layer.kernel
        elif getattr(self.layer, "embeddings", None) is not None:
            self.kernel = self.layer.embeddings
        else:
            raise ValueError(
                "SpectralNormalization: the wrapped layer must have a `kernel` or an "
                f"`embeddings` weight. Received: layer={type(self.layer).__name__} "
                f"({self.layer.name!r})"
            )
        self.kernel_shape = tuple(self.kernel.shape)
        self.vector_u = self.add_weight(
            name="vector_u",
            shape=(1, self.kernel_shape[-1]),
            initializer=initializers.TruncatedNormal(stddev=0.02),
            trainable=False,
        )

    @property
    def weights(self):
        # Keras 3 order: the wrapper's own weights (kernel, vector_u), then the
        # wrapped layer's (whose kernel is already listed).
        return _dedupe(self._own_weights_ordered() + self.layer.weights)

    def normalized_weights(self):
        """``(vector_u, kernel / sigma)`` after ``power_iterations`` power-method steps."""
        weights = ops.reshape(self.kernel.value, (-1, self.kernel_shape[-1]))
        vector_u = self.vector_u.value
        vector_v = None
        for _ in range(self.power_iterations):
            vector_v = _l2_normalize(ops.matmul(vector_u, ops.transpose(weights)))
            vector_u = _l2_normalize(ops.matmul(vector_v, weights))
        vector_u = ops.stop_gradient(vector_u)
        vector_v = ops.stop_gradient(vector_v)
        sigma = ops.matmul(ops.matmul(vector_v, weights), ops.transpose(vector_u))
        kernel = ops.reshape(ops.divide(self.kernel.value, sigma), self.kernel_shape)
        return ops.cast(vector_u, self.vector_u.dtype), ops.cast(kernel, self.kernel.dtype)

    def call(self, inputs, training=False):
        if training:
            new_u, new_kernel = self.normalized_weights()
            # An all-zero kernel has no spectral norm: leave it (and u) as they are.
            is_zero = ops.all(ops.equal(self.kernel.value, 0))
            self.vector_u.assign(ops.where(is_zero, self.vector_u.value, new_u))
            self.kernel.assign(ops.where(is_zero, self.kernel.value, new_kernel))
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        config = super().get_config()
        config["power_iterations"] = self.power_iterations
        return config
