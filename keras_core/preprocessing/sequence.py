"""keras_core.preprocessing.sequence: ``pad_sequences`` from keras_core.utils."""

from keras_core.utils.sequence_utils import pad_sequences

__all__ = ["pad_sequences"]
