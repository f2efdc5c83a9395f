"""keras_core.utils (growing)."""

from keras_core.backend.common.global_state import clear_session
from keras_core.backend.common.keras_tensor import is_keras_tensor
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
from keras_core.utils.dataset_utils import split_dataset
from keras_core.utils.directory_datasets import (
    audio_dataset_from_directory,
    image_dataset_from_directory,
    text_dataset_from_directory,
)
from keras_core.utils.feature_space import FeatureSpace
from keras_core.utils.file_utils import get_file
from keras_core.utils.graph_utils import get_source_inputs
from keras_core.utils.image_utils import array_to_img, img_to_array, load_img, save_img
from keras_core.utils.io_utils import (
    disable_interactive_logging,
    enable_interactive_logging,
    is_interactive_logging_enabled,
)
from keras_core.utils.model_visualization import model_to_dot, plot_model
from keras_core.utils.numerical_utils import normalize, to_categorical
from keras_core.utils.progbar import Progbar
from keras_core.utils.rng_utils import set_random_seed
from keras_core.utils.sequence_utils import pad_sequences
from keras_core.utils.timeseries_dataset_utils import timeseries_dataset_from_array

Sequence = PyDataset
