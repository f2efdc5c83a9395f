"""Batches from a Python generator (or any iterator) yielding ``x``, ``(x, y)`` or ``(x, y, sw)``."""

from keras_core.trainers.data_adapters import data_adapter_utils as utils
from keras_core.trainers.data_adapters.data_adapter import DataAdapter


class GeneratorDataAdapter(DataAdapter):
    """Pulls batches from one Python iterator; it is consumed once, across epochs.

    With ``steps_per_epoch`` the trainer draws that many batches per epoch from
    the same iterator; without it the first epoch runs until the iterator ends.
    """

    reiterable = False

    def __init__(self, generator, backend_name="numpy"):
        if not hasattr(generator, "__next__"):
            raise ValueError(
                f"Expected a Python generator or iterator. Received: {type(generator).__name__}"
            )
        self._generator = generator
        self._backend_name = backend_name

    def get_iterator(self):
        for item in self._generator:
            if not isinstance(item, tuple):
                item = (item,)
            if not 1 <= len(item) <= 3:
                raise ValueError(
                    "A generator must yield `x`, `(x, y)` or `(x, y, sample_weight)`. "
                    f"Received a tuple of length {len(item)}."
                )
            yield utils.standardize_structure(item, self._backend_name)
