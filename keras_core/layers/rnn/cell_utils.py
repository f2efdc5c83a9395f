"""Helpers shared by the recurrent cells and layers: zero states and output sizes."""

from typing import Any

import numpy as np

from keras_core import ops

Tensor = Any


def check_positive_int(value: Any, name: str, owner: str) -> int:
    """``value`` if it is a positive int, else a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(
            f"{owner} expects `{name}` to be a positive int. Received: {name}={value!r}"
        )
    return value


def batch_zeros(batch_size: Any, shape: tuple, dtype: str) -> Tensor:
    """Zeros of ``(batch_size,) + shape``; ``batch_size`` may be a dynamic scalar tensor."""
    shape = tuple(shape)
    if isinstance(batch_size, (int, np.integer)):
        return ops.zeros((int(batch_size),) + shape, dtype=dtype)
    return ops.repeat(ops.zeros((1,) + shape, dtype=dtype), batch_size, axis=0)


def state_structure_zeros(state_size: Any, batch_size: Any, dtype: str) -> Any:
    """Zero states in the structure of a Keras ``state_size`` (ints, nested lists of ints)."""
    if isinstance(state_size, int):
        return batch_zeros(batch_size, (state_size,), dtype)
    if isinstance(state_size, (list, tuple)):
        return [state_structure_zeros(s, batch_size, dtype) for s in state_size]
    raise ValueError(
        "A cell's `state_size` must be an int or a (nested) list of ints. "
        f"Received: state_size={state_size!r}"
    )


def cell_output_shape(cell: Any) -> tuple:
    """The per-sample output shape of ``cell``: ``output_size``, else its first state's size."""
    size = getattr(cell, "output_size", None)
    if size is None:
        size = cell.state_size
        while isinstance(size, (list, tuple)):
            size = size[0]
    if isinstance(size, int):
        return (size,)
    return tuple(size)
