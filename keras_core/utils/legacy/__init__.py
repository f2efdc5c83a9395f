"""keras_core.utils.legacy: the Keras 2 (de)serialization functions."""

from keras_core.legacy.saving.serialization import (
    deserialize_keras_object,
    serialize_keras_object,
)
