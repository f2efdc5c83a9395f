"""keras_core.legacy.saving: Keras 2 style ``serialize_keras_object``/``deserialize_keras_object``."""

from keras_core.legacy.saving.serialization import (
    deserialize_keras_object,
    serialize_keras_object,
)
