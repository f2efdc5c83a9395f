"""RNN: runs a recurrent cell over the time axis of a sequence."""

from typing import Any

from keras_core import backend, ops
from keras_core.backend.common import tree
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.layers.rnn.cell_utils import batch_zeros, cell_output_shape, state_structure_zeros
from keras_core.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from keras_core.layers.rnn.stacked_rnn_cells import StackedRNNCells
from keras_core.layers.rnn.time_loop import run_time_loop
from keras_core.saving import serialization_lib

Tensor = Any


def _check_cell(cell: Any) -> None:
    if not hasattr(cell, "call"):
        raise ValueError(
            f"`cell` must have a `call(inputs, states)` method. Received: cell={cell!r}"
        )
    if not hasattr(cell, "state_size"):
        raise ValueError(
            "`cell` must have a `state_size` attribute (an int, or a list of ints, one per "
            f"state). Received: cell={cell!r}"
        )


class RNN(Layer):
    """Runs a recurrent cell over a ``(batch, time, features...)`` sequence.

    The cell is any layer with ``call(inputs, states[, training])`` returning
    ``(output, new_states)`` and a ``state_size`` (an int or a list of ints, one
    per state; a nested list for stacked cells); ``output_size`` is optional
    (default: the first state's size) and ``get_initial_state(batch_size)`` is
    used when the cell has it. A list of cells is stacked with ``StackedRNNCells``.

    Masked time steps (a ``(batch, time)`` boolean ``mask``, or the mask carried
    by the input) leave the states unchanged and repeat the previous output, so
    left- or right-padded sequences give the states of the unpadded ones.

    Args:
        cell: a cell, or a list of cells.
        return_sequences: return the output of every step ``(batch, time, ...)``
            instead of the last output.
        return_state: also return the final states: ``(output, *states)``.
        go_backwards: process the sequence from its end (the returned sequence
            is in that reversed order).
        stateful: keep the final states of each batch as the initial states of
            the next (needs a fixed batch size); ``reset_states()`` zeroes them.
        unroll: a Python loop over the (static) time steps instead of a scan.
        zero_output_for_mask: masked steps output zeros.

    Example:
    >>> layer = keras_core.layers.RNN(keras_core.layers.SimpleRNNCell(4))
    >>> tuple(layer(np.ones((2, 5, 3), "float32")).shape)
    (2, 4)
    """

    def __init__(
        self,
        cell: Any,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        zero_output_for_mask: bool = False,
        **kwargs,
    ):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        _check_cell(cell)
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = bool(stateful)
        self.unroll = bool(unroll)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self.input_spec = InputSpec(min_ndim=3)
        # The stateful layer's state variables: not weights (Keras 3 does not save them).
        self.states = None

    # ------------------------------------------------------------------
    # Building and initial states
    # ------------------------------------------------------------------
    def build(self, sequences_shape):
        sequences_shape = tuple(sequences_shape)
        if self.stateful and sequences_shape[0] is None:
            raise ValueError(
                "A stateful RNN needs a static batch size: give the input a batch dimension "
                "(e.g. keras_core.Input(batch_size=...)). "
                f"Received: sequences.shape={sequences_shape}"
            )
        if self.unroll and sequences_shape[1] is None:
            raise ValueError(
                f"Layer {self.name!r} cannot unroll a sequence of unknown length: give the "
                f"input a static time dimension or set unroll=False. "
                f"Received: sequences.shape={sequences_shape}"
            )
        step_shape = (sequences_shape[0],) + sequences_shape[2:]
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
        elif not isinstance(self.cell, Layer) and hasattr(self.cell, "build"):
            self.cell.build(step_shape)
        if self.stateful:
            self._create_state_variables(sequences_shape)

    def _create_state_variables(self, sequences_shape):
        values = tree.flatten(self._zero_states_for_shape(sequences_shape))
        self.states = [
            backend.Variable(
                initializer=backend.convert_to_numpy(v),
                shape=tuple(v.shape),
                dtype=self.variable_dtype,
                trainable=False,
                name="rnn_state",
            )
            for v in values
        ]

    def _zero_states_for_shape(self, sequences_shape):
        """Zero initial states for a static input shape (used for stateful variables)."""
        return self.get_initial_state(sequences_shape[0])

    def get_initial_state(self, batch_size: Any) -> list:
        """Zero states (the cell's ``get_initial_state`` when it has one), as a list."""
        fn = getattr(self.cell, "get_initial_state", None)
        if fn is not None:
            states = fn(batch_size)
        else:
            states = state_structure_zeros(self.cell.state_size, batch_size, self.compute_dtype)
        if not isinstance(states, (list, tuple)):
            states = [states]
        return list(states)

    def _initial_state_for(self, sequences):
        return self.get_initial_state(ops.shape(sequences)[0])

    def reset_states(self) -> None:
        """Zeroes the states of a stateful RNN."""
        if self.states is None:
            return
        for v in self.states:
            v.assign(ops.zeros(v.shape, dtype=v.dtype))

    def reset_state(self) -> None:
        """Alias of ``reset_states``."""
        self.reset_states()

    # ------------------------------------------------------------------
    # Calling
    # ------------------------------------------------------------------
    def _call_cell(self, inputs, states, training):
        if isinstance(self.cell, Layer):
            return self.cell(inputs, states, training=training)
        return self.cell.call(inputs, states)

    def _prime_dropout(self, cell, step_input, states, training):
        """Draws the cells' dropout masks before the loop (one mask for all steps)."""
        if isinstance(cell, StackedRNNCells):
            x = step_input
            for sub, sub_states in zip(cell.cells, states):
                flat = tree.flatten(sub_states)
                self._prime_dropout(sub, x, flat, training)
                x = _zeros_like_batch(flat[0], cell_output_shape(sub), step_input.dtype)
        elif isinstance(cell, DropoutRNNCell):
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()
            if training:
                cell.get_dropout_mask(step_input)
                flat = tree.flatten(states)
                if flat:
                    cell.get_recurrent_dropout_mask(flat[0])

    def _reset_dropout(self, cell):
        if isinstance(cell, StackedRNNCells):
            for sub in cell.cells:
                self._reset_dropout(sub)
        elif isinstance(cell, DropoutRNNCell):
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()

    def _normalize_initial_state(self, initial_state, structure):
        flat = tree.flatten(initial_state)
        expected = len(tree.flatten(structure))
        if len(flat) != expected:
            raise ValueError(
                f"Layer {self.name!r} expects {expected} initial state tensors (its cell's "
                f"`state_size` is {self.cell.state_size!r}). Received: {len(flat)} tensors"
            )
        flat = [ops.convert_to_tensor(s) for s in flat]
        return tree.pack_sequence_as(structure, flat)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        structure = self._initial_state_for(sequences)
        if initial_state is not None:
            structure = self._normalize_initial_state(initial_state, structure)
        elif self.stateful:
            if self.states is None:
                self._create_state_variables(tuple(sequences.shape))
            structure = tree.pack_sequence_as(structure, [v.value for v in self.states])
        flat_states = [
            ops.cast(s, self.compute_dtype) if backend.is_float_dtype(s.dtype) else s
            for s in tree.flatten(structure)
        ]
        structure = tree.pack_sequence_as(structure, flat_states)

        def step(x, states):
            nested = tree.pack_sequence_as(structure, list(states))
            output, new_states = self._call_cell(x, nested, training)
            return output, tree.flatten(new_states)

        self._prime_dropout(self.cell, sequences[:, 0], structure, training)
        try:
            fused = self._fused_time_loop(sequences, flat_states, mask, training)
            if fused is None:
                fused = run_time_loop(
                    step,
                    sequences,
                    flat_states,
                    mask=mask,
                    go_backwards=self.go_backwards,
                    unroll=self.unroll,
                    zero_output_for_mask=self.zero_output_for_mask,
                )
            last_output, outputs, final_states = fused
        finally:
            self._reset_dropout(self.cell)
        if self.stateful:
            for var, value in zip(self.states, final_states):
                var.assign(ops.cast(ops.stop_gradient(value), var.dtype))
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return (output,) + tuple(tree.pack_sequence_as(structure, final_states))
        return output

    def _fused_time_loop(self, sequences, flat_states, mask, training):
        """``(last_output, outputs, final_states)`` from a framework's fused kernel, or
        None to run the generic loop (always None here; LSTM and GRU override it). The
        cells' dropout masks are drawn already (``_prime_dropout``)."""
        return None

    # ------------------------------------------------------------------
    # Shapes and masks
    # ------------------------------------------------------------------
    def _state_shapes(self, batch):
        """Per-state shapes (batch included), in the nested structure of the states."""

        def shapes(size):
            if isinstance(size, int):
                return (batch, size)
            return [shapes(s) for s in size]

        size = self.cell.state_size
        out = shapes(size)
        return [out] if isinstance(size, int) else out

    def _output_shape_per_step(self, sequences_shape):
        return cell_output_shape(self.cell)

    def compute_output_shape(self, sequences_shape):
        sequences_shape = tuple(sequences_shape)
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build((sequences_shape[0],) + sequences_shape[2:])
        batch, steps = sequences_shape[0], sequences_shape[1]
        per_step = tuple(self._output_shape_per_step(sequences_shape))
        if self.return_sequences:
            output_shape = (batch, steps) + per_step
        else:
            output_shape = (batch,) + per_step
        if not self.return_state:
            return output_shape
        return (output_shape,) + tuple(self._state_shapes(batch))

    def compute_output_spec(self, sequences, initial_state=None, mask=None, training=False):
        return Layer.compute_output_spec(self, sequences)

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(self._state_shapes(None))
        return output_mask

    # ------------------------------------------------------------------
    # Config
    # ------------------------------------------------------------------
    def _base_config(self):
        config = Layer.get_config(self)
        config.update(
            {
                "return_sequences": self.return_sequences,
                "return_state": self.return_state,
                "go_backwards": self.go_backwards,
                "stateful": self.stateful,
                "unroll": self.unroll,
                "zero_output_for_mask": self.zero_output_for_mask,
            }
        )
        return config

    def get_config(self):
        config = self._base_config()
        config["cell"] = serialization_lib.serialize_keras_object(self.cell)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["cell"] = serialization_lib.deserialize_keras_object(
            config["cell"], custom_objects=custom_objects
        )
        return super().from_config(config)


def _zeros_like_batch(reference, shape, dtype):
    """Zeros ``(batch,) + shape`` with ``reference``'s batch size (static or dynamic)."""
    batch = ops.shape(reference)[0]
    return batch_zeros(batch, tuple(shape), dtype)
