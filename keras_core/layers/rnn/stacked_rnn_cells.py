"""StackedRNNCells: several recurrent cells run one after the other at each step."""

from typing import Any

from keras_core.backend.common import tree
from keras_core.layers.layer import Layer
from keras_core.layers.rnn.cell_utils import cell_output_shape, state_structure_zeros
from keras_core.saving import serialization_lib


class StackedRNNCells(Layer):
    """Wraps a list of cells into one cell: each step feeds the output of a cell
    to the next; the states are one entry per cell (``state_size`` is the list
    of the cells' state sizes).

    Args:
        cells: a list of cells (layers with ``call(inputs, states)`` and ``state_size``).

    Example:
    >>> cells = [keras_core.layers.LSTMCell(4), keras_core.layers.GRUCell(3)]
    >>> layer = keras_core.layers.RNN(keras_core.layers.StackedRNNCells(cells))
    >>> tuple(layer(np.ones((2, 5, 6), "float32")).shape)
    (2, 3)
    """

    def __init__(self, cells: list, **kwargs):
        if not isinstance(cells, (list, tuple)) or not cells:
            raise ValueError(
                f"`cells` must be a non-empty list of cells. Received: cells={cells!r}"
            )
        for cell in cells:
            if not hasattr(cell, "call") or not hasattr(cell, "state_size"):
                raise ValueError(
                    "Every entry of `cells` must have a `call(inputs, states)` method and a "
                    f"`state_size` attribute. Received: {cell!r}"
                )
        super().__init__(**kwargs)
        self.cells = list(cells)

    @property
    def state_size(self) -> list:
        return [cell.state_size for cell in self.cells]

    @property
    def output_size(self) -> Any:
        size = getattr(self.cells[-1], "output_size", None)
        if size is not None:
            return size
        shape = cell_output_shape(self.cells[-1])
        return shape[0] if len(shape) == 1 else shape

    def get_initial_state(self, batch_size: Any) -> list:
        states = []
        for cell in self.cells:
            fn = getattr(cell, "get_initial_state", None)
            if fn is not None:
                init = fn(batch_size)
            else:
                init = state_structure_zeros(cell.state_size, batch_size, self.compute_dtype)
            if isinstance(cell.state_size, int) and isinstance(init, (list, tuple)):
                init = init[0]
            states.append(init)
        return states

    def build(self, input_shape):
        shape = tuple(input_shape)
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(shape)
            shape = (shape[0],) + cell_output_shape(cell)

    def call(self, inputs, states, training=False):
        if len(states) != len(self.cells):
            raise ValueError(
                f"StackedRNNCells expects one state entry per cell ({len(self.cells)}). "
                f"Received: {len(states)} entries"
            )
        new_states = []
        x = inputs
        for cell, cell_states in zip(self.cells, states):
            if isinstance(cell, Layer):
                x, new = cell(x, cell_states, training=training)
            else:
                x, new = cell.call(x, cell_states)
            if tree.is_nested(cell_states) != tree.is_nested(new):
                new = list(new) if tree.is_nested(new) else [new]
                new = new if tree.is_nested(cell_states) else new[0]
            new_states.append(new)
        return x, new_states

    def get_config(self):
        config = super().get_config()
        config["cells"] = [serialization_lib.serialize_keras_object(c) for c in self.cells]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["cells"] = [
            serialization_lib.deserialize_keras_object(c, custom_objects=custom_objects)
            for c in config["cells"]
        ]
        return super().from_config(config)
