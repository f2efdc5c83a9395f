"""keras_core.saving: saving and loading models and weights, (de)serialization, the registry."""

from keras_core.saving.file_editor import KerasFileEditor
from keras_core.saving.object_registration import (
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
)
from keras_core.saving.saving_api import load_model, load_weights, save_model, save_weights
from keras_core.saving.serialization_lib import (
    deserialize_keras_object,
    serialize_keras_object,
)
