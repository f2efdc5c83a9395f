"""Regularization layers: dropout variants, Gaussian noise, activity regularization."""

from keras_core import backend, ops, random
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer


def _check_rate(rate, layer):
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError(f"{layer} expects `rate` to be a float in [0, 1]. Received: rate={rate!r}")
    return float(rate)


class _Noise(Layer):
    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        return input_shape


class Dropout(_Noise):
    """Zeroes inputs with probability ``rate`` during training, scaling the rest by ``1/(1-rate)``.

    Args:
        rate: fraction of inputs to drop, in [0, 1].
        noise_shape: the shape of the keep/drop mask, broadcast to the input
            (None entries take the input's size).
        seed: an int for reproducibility.

    Example:
    >>> layer = keras_core.layers.Dropout(0.5, seed=1)
    >>> keras_core.ops.shape(layer(np.ones((2, 4), "float32"), training=True))
    (2, 4)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.rate = _check_rate(rate, "Dropout")
        self.noise_shape = tuple(noise_shape) if noise_shape is not None else None

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        if self.rate == 1:
            return ops.zeros_like(inputs)
        return random.dropout(
            inputs, self.rate, noise_shape=self.noise_shape, seed=self.seed_generator
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "rate": self.rate,
                "seed": self.seed,
                "noise_shape": list(self.noise_shape) if self.noise_shape else None,
            }
        )
        return config


class _SpatialDropout(Dropout):
    rank = 1

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = (
            backend.standardize_data_format(data_format) if self.rank > 1 else "channels_last"
        )
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        shape = ops.shape(inputs)
        if self.data_format == "channels_first":
            noise = (shape[0], shape[1]) + (1,) * self.rank
        else:
            noise = (shape[0],) + (1,) * self.rank + (shape[-1],)
        if self.rate == 1:
            return ops.zeros_like(inputs)
        return random.dropout(inputs, self.rate, noise_shape=noise, seed=self.seed_generator)

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        trainable = config.pop("trainable", True)
        layer = super().from_config(config)
        layer.trainable = trainable
        return layer

    def get_config(self):
        config = {
            "name": self.name,
            "trainable": self.trainable,
            "rate": self.rate,
            "seed": self.seed,
            "dtype": Layer.get_config(self)["dtype"],
        }
        if self.rank > 1:
            config["data_format"] = self.data_format
        return config


class SpatialDropout1D(_SpatialDropout):
    """Drops whole feature channels of ``(batch, steps, channels)`` inputs.

    Example:
    Each channel is either zeroed or kept (scaled by ``1 / (1 - rate)``) everywhere:

    >>> layer = keras_core.layers.SpatialDropout1D(0.5, seed=0)
    >>> y = layer(np.ones((1, 4, 3), "float32"), training=True)
    >>> y = keras_core.ops.convert_to_numpy(y)
    >>> bool(np.all(y == y[:, :1, :])), set(y.ravel().tolist()) <= {0.0, 2.0}
    (True, True)
    """

    rank = 1

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)


class SpatialDropout2D(_SpatialDropout):
    """Drops whole feature maps of 4D inputs.

    Example:
    Each channel is either zeroed or kept (scaled by ``1 / (1 - rate)``) everywhere:

    >>> layer = keras_core.layers.SpatialDropout2D(0.5, seed=0)
    >>> y = layer(np.ones((1, 2, 2, 3), "float32"), training=True)
    >>> y = keras_core.ops.convert_to_numpy(y)
    >>> bool(np.all(y == y[:, :1, :1, :])), set(y.ravel().tolist()) <= {0.0, 2.0}
    (True, True)
    """

    rank = 2


class SpatialDropout3D(_SpatialDropout):
    """Drops whole feature volumes of 5D inputs.

    Example:
    Each channel is either zeroed or kept (scaled by ``1 / (1 - rate)``) everywhere:

    >>> layer = keras_core.layers.SpatialDropout3D(0.5, seed=0)
    >>> y = layer(np.ones((1, 2, 2, 2, 3), "float32"), training=True)
    >>> y = keras_core.ops.convert_to_numpy(y)
    >>> bool(np.all(y == y[:, :1, :1, :1, :])), set(y.ravel().tolist()) <= {0.0, 2.0}
    (True, True)
    """

    rank = 3


class GaussianDropout(_Noise):
    """Multiplies inputs by ``1``-centred Gaussian noise with variance ``rate/(1-rate)`` in training.

    Example:
    >>> layer = keras_core.layers.GaussianDropout(0.2, seed=0)
    >>> x = np.ones((2, 3), "float32")
    >>> keras_core.ops.shape(layer(x, training=True))
    (2, 3)

    At inference it is the identity:

    >>> keras_core.ops.convert_to_numpy(layer(x)).tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.rate = _check_rate(rate, "GaussianDropout")

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        stddev = (self.rate / (1.0 - self.rate)) ** 0.5
        noise = random.normal(
            ops.shape(inputs), mean=1.0, stddev=stddev, dtype=inputs.dtype, seed=self.seed_generator
        )
        return ops.multiply(inputs, noise)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config


class GaussianNoise(_Noise):
    """Adds zero-centred Gaussian noise with ``stddev`` during training.

    Example:
    >>> layer = keras_core.layers.GaussianNoise(0.1, seed=0)
    >>> x = np.ones((2, 3), "float32")
    >>> keras_core.ops.shape(layer(x, training=True))
    (2, 3)

    At inference it is the identity:

    >>> keras_core.ops.convert_to_numpy(layer(x)).tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        if isinstance(stddev, bool) or not isinstance(stddev, (int, float)) or stddev < 0:
            raise ValueError(f"GaussianNoise expects `stddev` >= 0. Received: stddev={stddev!r}")
        self.stddev = float(stddev)

    def call(self, inputs, training=False):
        if not training or self.stddev == 0:
            return inputs
        noise = random.normal(
            ops.shape(inputs),
            mean=0.0,
            stddev=self.stddev,
            dtype=inputs.dtype,
            seed=self.seed_generator,
        )
        return ops.add(inputs, noise)

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config


class ActivityRegularization(Layer):
    """Returns its input and adds ``l1 * sum(|x|) + l2 * sum(x**2)`` to the losses.

    Example:
    >>> layer = keras_core.layers.ActivityRegularization(l1=0.1)
    >>> _ = layer(np.ones((2, 3), "float32"))
    >>> len(layer.losses)
    1
    """

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        from keras_core import regularizers

        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.l1, self.l2 = float(l1), float(l2)
        self.supports_masking = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"l1": self.l1, "l2": self.l2})
        return config
