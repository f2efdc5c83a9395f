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

# isort: split
# Recurrent layers, wrappers and framework bridges (issue 9).
from keras_core.layers.core.alpha_dropout import AlphaDropout
from keras_core.layers.core.reversible_embedding import ReversibleEmbedding
from keras_core.layers.core.tfsm_layer import TFSMLayer
from keras_core.layers.rnn import (
    GRU,
    LSTM,
    RNN,
    Bidirectional,
    ConvLSTM1D,
    ConvLSTM2D,
    ConvLSTM3D,
    GRUCell,
    LSTMCell,
    SimpleRNN,
    SimpleRNNCell,
    StackedRNNCells,
    TimeDistributed,
)
from keras_core.utils.jax_layer import JaxLayer
from keras_core.utils.torch_utils import TorchModuleWrapper

# isort: split
# Convolution, pooling, normalization and attention layers (issue 9).
from keras_core.layers.attention.attention import AdditiveAttention, Attention
from keras_core.layers.attention.grouped_query_attention import (
    GroupedQueryAttention,
    GroupQueryAttention,
)
from keras_core.layers.attention.multi_head_attention import MultiHeadAttention
from keras_core.layers.convolutional.base_conv import (
    Conv1D,
    Conv2D,
    Conv3D,
    Convolution1D,
    Convolution2D,
    Convolution3D,
)
from keras_core.layers.convolutional.conv_transpose import (
    Conv1DTranspose,
    Conv2DTranspose,
    Conv3DTranspose,
    Convolution1DTranspose,
    Convolution2DTranspose,
    Convolution3DTranspose,
)
from keras_core.layers.convolutional.depthwise_separable import (
    DepthwiseConv1D,
    DepthwiseConv2D,
    SeparableConv1D,
    SeparableConv2D,
    SeparableConvolution1D,
    SeparableConvolution2D,
)
from keras_core.layers.normalization.batch_normalization import BatchNormalization
from keras_core.layers.normalization.normalization import (
    GroupNormalization,
    LayerNormalization,
    RMSNormalization,
    UnitNormalization,
)
from keras_core.layers.normalization.spectral_normalization import SpectralNormalization
from keras_core.layers.pooling.pooling import (
    AdaptiveAveragePooling1D,
    AdaptiveAveragePooling2D,
    AdaptiveAveragePooling3D,
    AdaptiveMaxPooling1D,
    AdaptiveMaxPooling2D,
    AdaptiveMaxPooling3D,
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    AvgPool1D,
    AvgPool2D,
    AvgPool3D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalAveragePooling3D,
    GlobalAvgPool1D,
    GlobalAvgPool2D,
    GlobalAvgPool3D,
    GlobalMaxPool1D,
    GlobalMaxPool2D,
    GlobalMaxPool3D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    GlobalMaxPooling3D,
    MaxPool1D,
    MaxPool2D,
    MaxPool3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
)

# isort: split
# Preprocessing layers (issue 13).
from keras_core.layers.preprocessing.augmentation import (
    RandomBrightness,
    RandomContrast,
    RandomCrop,
    RandomFlip,
    RandomRotation,
    RandomTranslation,
    RandomZoom,
)
from keras_core.layers.preprocessing.hashing import HashedCrossing, Hashing
from keras_core.layers.preprocessing.image import CenterCrop, Resizing
from keras_core.layers.preprocessing.lookup import IntegerLookup, StringLookup
from keras_core.layers.preprocessing.numeric import (
    CategoryEncoding,
    Discretization,
    Normalization,
    Rescaling,
)
from keras_core.layers.preprocessing.text_vectorization import TextVectorization


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
