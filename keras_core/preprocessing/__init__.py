"""keras_core.preprocessing: the dataset-building utilities, under their older names.

``keras_core.preprocessing.image`` and ``keras_core.preprocessing.sequence``
re-export the image file and sequence padding helpers of ``keras_core.utils``.
"""

from keras_core.preprocessing import image, sequence
from keras_core.utils.directory_datasets import (
    image_dataset_from_directory,
    text_dataset_from_directory,
)
from keras_core.utils.timeseries_dataset_utils import timeseries_dataset_from_array

__all__ = [
    "image",
    "sequence",
    "image_dataset_from_directory",
    "text_dataset_from_directory",
    "timeseries_dataset_from_array",
]
