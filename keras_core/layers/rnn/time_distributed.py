"""TimeDistributed: applies a layer to every time step of a sequence."""

import inspect

from keras_core import ops
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.core.simple import Wrapper
from keras_core.layers.layer import Layer


class TimeDistributed(Wrapper):
    """Applies ``layer`` to every temporal slice of a ``(batch, time, ...)`` input.

    The batch and time axes are merged into one, the layer runs once on
    ``(batch * time, ...)``, and the result is split back into
    ``(batch, time, ...)``: the same weights serve every step. (A layer that
    computes statistics over its batch, such as BatchNormalization in training,
    therefore sees all ``batch * time`` slices at once.) A ``(batch, time)``
    mask is passed on, merged the same way, to layers that take one.

    Args:
        layer: the layer to apply.

    Example:
    >>> layer = keras_core.layers.TimeDistributed(keras_core.layers.Dense(4))
    >>> tuple(layer(np.ones((2, 5, 3), "float32")).shape)
    (2, 5, 4)
    """

    def __init__(self, layer: Layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.supports_masking = True
        params = inspect.signature(layer.call).parameters
        self._layer_takes_mask = "mask" in params
        self._layer_takes_training = "training" in params or any(
            p.kind == p.VAR_KEYWORD for p in params.values()
        )

    @staticmethod
    def _check_shape(input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise ValueError(
                "TimeDistributed expects an input of rank >= 3 (batch, time, ...). "
                f"Received: input_shape={input_shape}"
            )
        return tuple(input_shape)

    def build(self, input_shape):
        input_shape = self._check_shape(input_shape)
        if not self.layer.built:
            self.layer.build((None,) + input_shape[2:])

    def compute_output_shape(self, input_shape):
        input_shape = self._check_shape(input_shape)
        inner = self.layer.compute_output_shape((None,) + input_shape[2:])
        return (input_shape[0], input_shape[1]) + tuple(inner[1:])

    def compute_output_spec(self, inputs, training=None, mask=None):
        batch, steps = inputs.shape[0], inputs.shape[1]
        inner = KerasTensor((None,) + tuple(inputs.shape[2:]), dtype=inputs.dtype)
        spec = self.layer.compute_output_spec(inner)
        return KerasTensor((batch, steps) + tuple(spec.shape[1:]), dtype=spec.dtype)

    def call(self, inputs, training=None, mask=None):
        static = tuple(inputs.shape)
        batch, steps = static[0], static[1]
        kwargs = {}
        if self._layer_takes_training and training is not None:
            kwargs["training"] = training
        if None in static[2:] or (batch is None and steps is None):
            return self._call_per_step(inputs, mask, kwargs)
        merged = ops.reshape(inputs, (-1,) + static[2:])
        if mask is not None and self._layer_takes_mask:
            kwargs["mask"] = ops.reshape(mask, (-1,) + tuple(mask.shape[2:]))
        outputs = self.layer(merged, **kwargs)
        rest = tuple(outputs.shape[1:])
        if None in rest:
            raise ValueError(
                f"TimeDistributed: the wrapped layer {self.layer.name!r} returned an output "
                f"with unknown inner dimensions {rest}; it cannot be split back into steps."
            )
        lead = (-1, steps) if steps is not None else (batch, -1)
        return ops.reshape(outputs, lead + rest)

    def _call_per_step(self, inputs, mask, kwargs):
        """The fallback for unknown inner dims: ``layer`` on each step in a loop."""
        rank = len(inputs.shape)
        time_major = ops.transpose(inputs, (1, 0) + tuple(range(2, rank)))
        if mask is not None and self._layer_takes_mask:
            mask_tm = ops.transpose(mask, (1, 0) + tuple(range(2, len(mask.shape))))

            def fn(pair):
                return self.layer(pair[0], mask=pair[1], **kwargs)

            outputs = ops.map(fn, (time_major, mask_tm))
        else:
            outputs = ops.map(lambda x: self.layer(x, **kwargs), time_major)
        out_rank = len(outputs.shape)
        return ops.transpose(outputs, (1, 0) + tuple(range(2, out_rank)))

    def compute_mask(self, inputs, mask=None):
        return mask
