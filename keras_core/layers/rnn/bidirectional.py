"""Bidirectional: runs a recurrent layer forwards and backwards and merges the outputs."""

from typing import Any

from keras_core import ops
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.core.simple import Wrapper
from keras_core.layers.layer import Layer
from keras_core.saving import serialization_lib

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


def _copy_layer(layer: Layer, name: str, **overrides) -> Layer:
    config = layer.get_config()
    config["name"] = name
    config.update(overrides)
    return type(layer).from_config(config)


def _check_recurrent(layer: Any, name: str) -> None:
    if not isinstance(layer, Layer):
        raise ValueError(
            f"Bidirectional expects `{name}` to be a Layer instance. Received: {name}={layer!r}"
        )
    for attr in ("return_sequences", "return_state", "go_backwards"):
        if not hasattr(layer, attr):
            raise ValueError(
                f"Bidirectional expects `{name}` to be a recurrent layer (with "
                f"`return_sequences`, `return_state` and `go_backwards`), such as an RNN or "
                f"LSTM. Received: {name}={layer!r}"
            )


def _strip_prefix(name: str) -> str:
    for prefix in ("forward_", "backward_"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _num_states(layer: Layer) -> int:
    if hasattr(layer, "_state_shapes"):
        return len(layer._state_shapes(None))
    return len(tree.flatten(layer.cell.state_size))


class Bidirectional(Wrapper):
    """Runs a recurrent layer over the sequence in both directions and merges the two.

    The forward layer is a copy of ``layer`` named ``"forward_" + layer.name``;
    the backward layer is ``backward_layer`` or a copy of ``layer`` with
    ``go_backwards`` flipped, named ``"backward_" + layer.name``. With
    ``return_sequences`` the backward outputs are put back in forward time order
    before merging, and masked steps output zeros in both directions.

    Args:
        layer: a recurrent layer (``RNN``, ``LSTM``, ``GRU``, ...).
        merge_mode: ``"concat"`` (default), ``"sum"``, ``"mul"``, ``"ave"``, or
            None for the list ``[forward, backward]``.
        weights: initial weights (the forward layer's, then the backward layer's).
        backward_layer: an optional recurrent layer for the backward direction; it
            must have the same ``return_sequences`` and ``return_state`` and the
            opposite ``go_backwards``.

    Returns with ``return_state``: ``(output, *forward_states, *backward_states)``.

    Example:
    >>> layer = keras_core.layers.Bidirectional(keras_core.layers.LSTM(4))
    >>> tuple(layer(np.ones((2, 5, 3), "float32")).shape)
    (2, 8)
    """

    def __init__(
        self,
        layer: Layer,
        merge_mode: str | None = "concat",
        weights: list | None = None,
        backward_layer: Layer | None = None,
        **kwargs,
    ):
        _check_recurrent(layer, "layer")
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                f"`merge_mode` must be one of {list(_MERGE_MODES)}. Received: "
                f"merge_mode={merge_mode!r}"
            )
        base_name = _strip_prefix(layer.name)
        forward = _copy_layer(layer, "forward_" + base_name)
        if backward_layer is None:
            backward = _copy_layer(
                layer, "backward_" + base_name, go_backwards=not layer.go_backwards
            )
        else:
            _check_recurrent(backward_layer, "backward_layer")
            for attr in ("return_sequences", "return_state"):
                if getattr(backward_layer, attr) != getattr(layer, attr):
                    raise ValueError(
                        f"`backward_layer.{attr}` must equal `layer.{attr}` "
                        f"({getattr(layer, attr)}). Received: "
                        f"backward_layer.{attr}={getattr(backward_layer, attr)}"
                    )
            if backward_layer.go_backwards == layer.go_backwards:
                raise ValueError(
                    "`backward_layer.go_backwards` must be the opposite of "
                    f"`layer.go_backwards` ({layer.go_backwards}). Received: "
                    f"backward_layer.go_backwards={backward_layer.go_backwards}"
                )
            backward = backward_layer
        if weights is not None:
            kwargs["weights"] = weights
        # The wrapped `layer` attribute is the forward copy; the argument is only a template.
        super().__init__(forward, **kwargs)
        self.forward_layer = forward
        self.backward_layer = backward
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.stateful = getattr(layer, "stateful", False)
        for sub in (self.forward_layer, self.backward_layer):
            if hasattr(sub, "zero_output_for_mask"):
                sub.zero_output_for_mask = self.return_sequences
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def build(self, sequences_shape, initial_state_shape=None):
        for sub in (self.forward_layer, self.backward_layer):
            if not sub.built:
                sub.build(sequences_shape)

    def _split_state(self, initial_state):
        if initial_state is None:
            return None, None
        flat = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        if len(flat) % 2:
            raise ValueError(
                "Bidirectional expects an even number of initial states (the forward layer's, "
                f"then the backward layer's). Received: {len(flat)} states"
            )
        half = len(flat) // 2
        return flat[:half], flat[half:]

    def _merge(self, y, y_rev):
        if self.merge_mode == "concat":
            return ops.concatenate([y, y_rev], axis=-1)
        if self.merge_mode == "sum":
            return ops.add(y, y_rev)
        if self.merge_mode == "ave":
            return ops.multiply(ops.add(y, y_rev), 0.5)
        if self.merge_mode == "mul":
            return ops.multiply(y, y_rev)
        return (y, y_rev)

    def call(self, sequences, initial_state=None, mask=None, training=None):
        forward_state, backward_state = self._split_state(initial_state)
        kwargs = {"training": training}
        if mask is not None:
            kwargs["mask"] = mask
        y = self.forward_layer(sequences, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=backward_state, **kwargs)
        states = ()
        if self.return_state:
            states = tuple(y[1:]) + tuple(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = ops.flip(y_rev, axis=1)
        output = self._merge(y, y_rev)
        if self.return_state:
            if self.merge_mode is None:
                return tuple(output) + states
            return (output,) + states
        return output

    def compute_output_shape(self, sequences_shape):
        shape = self.forward_layer.compute_output_shape(tuple(sequences_shape))
        states = ()
        if self.return_state:
            states = tuple(shape[1:]) * 2
            shape = shape[0]
        shape = tuple(shape)
        if self.merge_mode == "concat":
            last = None if shape[-1] is None else 2 * shape[-1]
            out = [shape[:-1] + (last,)]
        elif self.merge_mode is None:
            out = [shape, shape]
        else:
            out = [shape]
        if not self.return_state and len(out) == 1:
            return out[0]
        return tuple(out) + states

    def compute_output_spec(self, sequences, initial_state=None, mask=None, training=None):
        shapes = self.compute_output_shape(tuple(sequences.shape))
        dtype = self.forward_layer.compute_dtype
        if isinstance(shapes, tuple) and all(d is None or isinstance(d, int) for d in shapes):
            return KerasTensor(shapes, dtype=dtype)
        return tuple(KerasTensor(s, dtype=dtype) for s in shapes)

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        outputs = [output_mask, output_mask] if self.merge_mode is None else [output_mask]
        if self.return_state:
            return outputs + [None] * (2 * _num_states(self.forward_layer))
        return outputs if self.merge_mode is None else output_mask

    def reset_states(self) -> None:
        """Zeroes the states of both stateful directions."""
        for sub in (self.forward_layer, self.backward_layer):
            if hasattr(sub, "reset_states"):
                sub.reset_states()

    def reset_state(self) -> None:
        """Alias of ``reset_states``."""
        self.reset_states()

    def get_config(self):
        config = Layer.get_config(self)
        config["merge_mode"] = self.merge_mode
        config["layer"] = serialization_lib.serialize_keras_object(self.forward_layer)
        config["backward_layer"] = serialization_lib.serialize_keras_object(self.backward_layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects
        )
        backward = config.pop("backward_layer", None)
        if backward is not None:
            backward = serialization_lib.deserialize_keras_object(
                backward, custom_objects=custom_objects
            )
        layer = config.pop("layer")
        if "dtype" in config and isinstance(config["dtype"], dict):
            from keras_core.mixed_precision import policy as dtype_policy

            config["dtype"] = dtype_policy.get(config["dtype"])
        instance = cls(layer, backward_layer=backward, **config)
        return instance
