"""Reshaping layers: Flatten, Reshape, Permute, RepeatVector."""

import math

from keras_core import ops
from keras_core.backend import config
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer


class Flatten(Layer):
    """Flattens all axes but the batch axis.

    Args:
        data_format: "channels_last" (default) or "channels_first"; with
            channels_first the channels axis is moved last before flattening,
            so both formats give the same order.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Flatten()(np.ones((2, 3, 4))))
    (2, 12)
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        x = inputs
        if self.data_format == "channels_first" and len(x.shape) > 2:
            x = ops.moveaxis(x, 1, -1)
        batch = ops.shape(x)[0]
        return ops.reshape(x, (batch, -1) if len(x.shape) > 1 else (batch, 1))

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        size = None if any(d is None for d in rest) else math.prod(rest)
        return (input_shape[0], size if rest else 1)

    def get_config(self):
        config_ = super().get_config()
        config_["data_format"] = self.data_format
        return config_


class Reshape(Layer):
    """Reshapes inputs (batch axis kept) to ``target_shape``; one entry may be -1.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Reshape((3, 4))(np.ones((2, 12))))
    (2, 3, 4)
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        if sum(1 for d in target_shape if d == -1) > 1 or any(
            not isinstance(d, int) or (d < 1 and d != -1) for d in target_shape
        ):
            raise ValueError(
                "`target_shape` must hold positive ints and at most one -1. "
                f"Received: target_shape={target_shape}"
            )
        self.target_shape = target_shape

    def _resolve(self, input_shape):
        known = input_shape[1:]
        total = None if any(d is None for d in known) else math.prod(known)
        target = list(self.target_shape)
        if -1 in target:
            rest = math.prod(d for d in target if d != -1)
            if total is None:
                target[target.index(-1)] = None
            else:
                if total % rest:
                    raise ValueError(
                        f"Reshape {self.name!r}: cannot reshape input of shape {tuple(input_shape)} "
                        f"to target_shape {self.target_shape}"
                    )
                target[target.index(-1)] = total // rest
        elif total is not None and math.prod(target) != total:
            raise ValueError(
                f"Reshape {self.name!r}: the input shape {tuple(input_shape)} has {total} values "
                f"per sample, but target_shape {self.target_shape} needs {math.prod(target)}"
            )
        return (input_shape[0],) + tuple(target)

    def call(self, inputs):
        self._resolve(tuple(inputs.shape))
        return ops.reshape(inputs, (ops.shape(inputs)[0],) + self.target_shape)

    def compute_output_shape(self, input_shape):
        return self._resolve(tuple(input_shape))

    def get_config(self):
        config_ = super().get_config()
        config_["target_shape"] = list(self.target_shape)
        return config_


class Permute(Layer):
    """Permutes the non-batch axes: ``dims`` is a permutation of 1..rank-1.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Permute((2, 1))(np.ones((2, 3, 4))))
    (2, 4, 3)
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(
                "`dims` must be a permutation of 1..N (the batch axis 0 is not included). "
                f"Received: dims={dims}"
            )
        self.dims = dims
        self.input_spec = InputSpec(ndim=len(dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        config_ = super().get_config()
        config_["dims"] = list(self.dims)
        return config_


class RepeatVector(Layer):
    """Repeats a ``(batch, features)`` input ``n`` times: ``(batch, n, features)``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.RepeatVector(3)(np.ones((2, 4))))
    (2, 3, 4)
    """

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"RepeatVector expects `n` to be a positive int. Received: n={n!r}")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        config_ = super().get_config()
        config_["n"] = self.n
        return config_
