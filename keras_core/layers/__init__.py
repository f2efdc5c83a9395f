"""keras_core.layers: the Layer base class and the built-in layers."""

from keras_core.layers.core.dense import Dense
from keras_core.layers.core.einsum_dense import EinsumDense
from keras_core.layers.core.embedding import Embedding
from keras_core.layers.core.input_layer import Input, InputLayer
from keras_core.layers.core.simple import Activation, Identity, Lambda, Masking, Wrapper
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.layers.activations.activation_layers import ELU, LeakyReLU, PReLU, ReLU, Softmax
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
