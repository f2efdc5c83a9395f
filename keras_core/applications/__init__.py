"""Reference image-classification architectures (``keras_core.applications``)."""

from keras_core.applications import imagenet_utils, vgg16, vgg19
from keras_core.applications.vgg16 import VGG16
from keras_core.applications.vgg19 import VGG19
