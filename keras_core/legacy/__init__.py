"""keras_core.legacy: the Keras 2 formats (``keras_core.legacy.saving``)."""

from keras_core.legacy import saving
