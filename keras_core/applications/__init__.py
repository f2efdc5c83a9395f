"""Reference image-classification architectures (``keras_core.applications``)."""

from keras_core.applications import imagenet_utils
