"""keras_core.utils (growing)."""

from keras_core.saving.object_registration import (
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
)
from keras_core.saving.serialization_lib import deserialize_keras_object, serialize_keras_object
from keras_core.trainers.data_adapters.data_adapter_utils import (
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from keras_core.trainers.data_adapters.py_dataset_adapter import PyDataset
from keras_core.utils import legacy
from keras_core.utils.io_utils import (
    disable_interactive_logging,
    enable_interactive_logging,
    is_interactive_logging_enabled,
)
from keras_core.utils.progbar import Progbar

Sequence = PyDataset
