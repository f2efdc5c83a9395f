"""keras_core.layers: the Layer base class and the built-in layers."""

from keras_core.layers.activations.activation import Activation
from keras_core.layers.activations.activation_layers import ELU, LeakyReLU, PReLU, ReLU, Softmax
from keras_core.layers.core.dense import Dense
from keras_core.layers.core.einsum_dense import EinsumDense
from keras_core.layers.core.embedding import Embedding
from keras_core.layers.core.input_layer import Input, InputLayer
from keras_core.layers.core.simple import Identity, Lambda, Masking, Wrapper
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.layers.merging.merging import (
    Add,
    Average,
    Concatenate,
    Dot,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    concatenate,
    dot,
    maximum,
    minimum,
    multiply,
    subtract,
)
from keras_core.layers.regularization.regularization import (
    ActivityRegularization,
    Dropout,
    GaussianDropout,
    GaussianNoise,
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
)
from keras_core.layers.reshaping.reshaping import Flatten, Permute, RepeatVector, Reshape
from keras_core.layers.reshaping.spatial import (
    Cropping1D,
    Cropping2D,
    Cropping3D,
    UpSampling1D,
    UpSampling2D,
    UpSampling3D,
    ZeroPadding1D,
    ZeroPadding2D,
    ZeroPadding3D,
)


def serialize(layer: Layer) -> dict:
    """The Keras config dict of a layer (``module``, ``class_name``, ``config``).

    Example:
    >>> keras_core.layers.serialize(keras_core.layers.Dense(2))["class_name"]
    'Dense'
    """
    from keras_core.saving import serialization_lib

    if not isinstance(layer, Layer):
        raise TypeError(f"`layer` must be a keras_core Layer. Received: layer={layer!r}")
    return serialization_lib.serialize_keras_object(layer)


def deserialize(config: dict, custom_objects: dict | None = None) -> Layer:
    """A layer rebuilt from its config dict (the output of ``serialize``).

    Example:
    >>> cfg = keras_core.layers.serialize(keras_core.layers.Dense(2))
    >>> keras_core.layers.deserialize(cfg).units
    2
    """
    from keras_core.saving import serialization_lib

    if not isinstance(config, dict) or "class_name" not in config:
        raise TypeError(
            "`config` must be a dict with a 'class_name' key (the output of "
            f"keras_core.layers.serialize). Received: config={config!r:.200}"
        )
    obj = serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
    if not isinstance(obj, Layer):
        raise ValueError(
            f"`config` does not describe a layer: it rebuilt a {type(obj).__name__}. "
            f"Received: config['class_name']={config['class_name']!r}"
        )
    return obj
