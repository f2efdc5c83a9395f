"""The VGG network body shared by VGG16 and VGG19."""

from __future__ import annotations

from typing import Any

from keras_core import backend, layers
from keras_core.applications import _common
from keras_core.models import Model

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"
_FILES = {
    "vgg16": (
        "vgg16_weights_tf_dim_ordering_tf_kernels.h5",
        "64373286793e3c8b2b4e3219cbf3544b",
        "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
        "6d6bbae143d832006294945121d1f1fc",
    ),
    "vgg19": (
        "vgg19_weights_tf_dim_ordering_tf_kernels.h5",
        "cbe5617147190e668d6c5d5026f83318",
        "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
        "253f8cb515780f3b799900260a226db6",
    ),
}


def build_vgg(
    convs_per_block: tuple[int, ...],
    name: str,
    include_top: bool,
    weights: Any,
    input_tensor: Any,
    input_shape: Any,
    pooling: Any,
    classes: int,
    classifier_activation: Any,
) -> Model:
    """Five blocks of 3x3 'same' ReLU convolutions (64, 128, 256, 512, 512 filters),
    each followed by a 2x2 max pooling; then two 4096-unit dense layers and the
    classifier, or the optional global pooling."""
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(
        input_shape, 224, 32, backend.image_data_format(), include_top, weights
    )
    inputs, x = _common.model_input(input_tensor, shape)
    for block, (filters, count) in enumerate(zip((64, 128, 256, 512, 512), convs_per_block), 1):
        for i in range(1, count + 1):
            x = layers.Conv2D(
                filters, 3, padding="same", activation="relu", name=f"block{block}_conv{i}"
            )(x)
        x = layers.MaxPooling2D(2, strides=2, name=f"block{block}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = _common.classifier_head(x, False, pooling, classes, classifier_activation)
    model = Model(inputs, x, name=name)
    top_file, top_hash, notop_file, notop_hash = _FILES[name]
    file_name, file_hash = (top_file, top_hash) if include_top else (notop_file, notop_hash)
    _common.load_weights_arg(model, weights, file_name, f"{_BASE}{name}/{file_name}", file_hash)
    return model
