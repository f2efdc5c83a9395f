"""DropoutRNNCell: the dropout masks of a recurrent cell, drawn once per sequence."""

from typing import Any

from keras_core import ops, random

Tensor = Any


def check_rate(value: Any, name: str, owner: str) -> float:
    """``value`` as a float in [0, 1], or a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(
            f"{owner} expects `{name}` to be a float in [0, 1]. Received: {name}={value!r}"
        )
    return float(value)


class DropoutRNNCell:
    """Mixin for cells with ``dropout`` / ``recurrent_dropout`` rates.

    A recurrent layer applies the same dropout mask at every time step (a
    different one per sample and unit), so the masks are drawn once and cached
    until ``reset_dropout_mask`` / ``reset_recurrent_dropout_mask``. ``RNN``
    draws them before its time loop and clears them after it. The class using
    the mixin defines ``dropout``, ``recurrent_dropout`` and ``seed_generator``.

    Example:
    >>> cell = keras_core.layers.SimpleRNNCell(2, dropout=0.5, seed=1)
    >>> m = cell.get_dropout_mask(keras_core.ops.ones((3, 4)))
    >>> tuple(m.shape)
    (3, 4)
    >>> cell.reset_dropout_mask()
    """

    def get_dropout_mask(self, step_input: Tensor) -> Tensor | None:
        """The cached input mask (``step_input``'s shape), drawn on first use."""
        if getattr(self, "_dropout_mask", None) is None and 0 < self.dropout < 1:
            ones = ops.ones_like(step_input)
            self._dropout_mask = random.dropout(ones, rate=self.dropout, seed=self.seed_generator)
        return getattr(self, "_dropout_mask", None)

    def get_recurrent_dropout_mask(self, step_state: Tensor) -> Tensor | None:
        """The cached mask for the recurrent state (``step_state``'s shape)."""
        if (
            getattr(self, "_recurrent_dropout_mask", None) is None
            and 0 < self.recurrent_dropout < 1
        ):
            ones = ops.ones_like(step_state)
            self._recurrent_dropout_mask = random.dropout(
                ones, rate=self.recurrent_dropout, seed=self.seed_generator
            )
        return getattr(self, "_recurrent_dropout_mask", None)

    def reset_dropout_mask(self) -> None:
        """Forgets the input mask; the next step draws a new one."""
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self) -> None:
        """Forgets the recurrent mask; the next step draws a new one."""
        self._recurrent_dropout_mask = None

    def _apply_dropout(self, inputs: Tensor, state: Tensor, training: Any) -> tuple:
        """``(inputs, state)`` with the cached masks applied when training."""
        if training and 0 < self.dropout < 1:
            inputs = ops.multiply(inputs, ops.cast(self.get_dropout_mask(inputs), inputs.dtype))
        if training and 0 < self.recurrent_dropout < 1:
            mask = self.get_recurrent_dropout_mask(state)
            state = ops.multiply(state, ops.cast(mask, state.dtype))
        return inputs, state
