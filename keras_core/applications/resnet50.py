"""``keras_core.applications.resnet50``: ResNet50 (v1) and its input helpers."""

from keras_core.applications.resnet import ResNet50, decode_predictions, preprocess_input

__all__ = ["ResNet50", "decode_predictions", "preprocess_input"]
