"""ConvNeXt Tiny, Small, Base, Large and XLarge (Liu et al., "A ConvNet for the 2020s",
CVPR 2022).

A ResNet modernised along the lines of vision transformers: a 4x4 "patchify" stem,
stages of blocks made of a 7x7 depthwise convolution, LayerNormalization and an
inverted MLP (4x expansion, GELU), each scaled by a learned per-channel LayerScale,
and separate 2x2 strided downsampling layers. With ``include_preprocessing=True``
(the default) the model normalises [0, 255] pixels itself; ``preprocess_input`` is
the identity.
"""

from __future__ import annotations

from typing import Any

from keras_core import initializers, layers, ops, random
from keras_core.applications import _common, imagenet_utils
from keras_core.applications._a2_utils import (
    IMAGENET_MEAN_RGB,
    IMAGENET_STDDEV_RGB,
    channel_axis,
    identity_preprocess,
)
from keras_core.models import Model, Sequential
from keras_core.saving import register_keras_serializable

WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/convnext/"

# name: (blocks per stage, channels per stage, default size)
VARIANTS = {
    "tiny": ((3, 3, 9, 3), (96, 192, 384, 768), 224),
    "small": ((3, 3, 27, 3), (96, 192, 384, 768), 224),
    "base": ((3, 3, 27, 3), (128, 256, 512, 1024), 224),
    "large": ((3, 3, 27, 3), (192, 384, 768, 1536), 224),
    "xlarge": ((3, 3, 27, 3), (256, 512, 1024, 2048), 224),
}


@register_keras_serializable(package="keras_core.applications.convnext")
class LayerScale(layers.Layer):
    """Multiplies its input by a learned per-channel factor (initialised small).

    Args:
        init_values: initial value of every factor.
        projection_dim: number of channels (size of the last axis).
    """

    def __init__(self, init_values: float, projection_dim: int, **kwargs: Any):
        super().__init__(**kwargs)
        if not isinstance(projection_dim, int) or projection_dim < 1:
            raise ValueError(
                "`projection_dim` must be a positive integer. "
                f"Received: projection_dim={projection_dim!r}"
            )
        self.init_values = float(init_values)
        self.projection_dim = projection_dim

    def build(self, input_shape):
        self.gamma = self.add_weight(
            shape=(self.projection_dim,),
            initializer=initializers.Constant(self.init_values),
            trainable=True,
            name="gamma",
        )
        self.built = True

    def call(self, x):
        return x * ops.cast(self.gamma, x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(init_values=self.init_values, projection_dim=self.projection_dim)
        return config


@register_keras_serializable(package="keras_core.applications.convnext")
class StochasticDepth(layers.Layer):
    """Drops a residual branch for whole samples during training ("drop path").

    Each sample's input is zeroed with probability ``drop_path_rate`` and otherwise
    scaled by ``1 / (1 - drop_path_rate)``; at inference it is the identity.

    Args:
        drop_path_rate: probability of dropping the branch, in [0, 1).
        seed: optional integer seed.
    """

    def __init__(self, drop_path_rate: float, seed: int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        if not 0 <= drop_path_rate < 1:
            raise ValueError(
                f"`drop_path_rate` must be in [0, 1). Received: drop_path_rate={drop_path_rate!r}"
            )
        self.drop_path_rate = float(drop_path_rate)
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed)

    def call(self, x, training=None):
        if not training or self.drop_path_rate == 0:
            return x
        keep = 1.0 - self.drop_path_rate
        shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
        mask = ops.floor(keep + random.uniform(shape, seed=self.seed_generator, dtype=x.dtype))
        return x / keep * mask

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(drop_path_rate=self.drop_path_rate, seed=self.seed)
        return config


def convnext_block(
    x: Any,
    projection_dim: int,
    drop_path_rate: float = 0.0,
    layer_scale_init_value: float = 1e-6,
    name: str = "convnext_block",
) -> Any:
    """One ConvNeXt block: depthwise 7x7, LayerNorm, Dense 4d, GELU, Dense d,
    LayerScale, drop path, residual add (channels-last features)."""
    inputs = x
    x = layers.DepthwiseConv2D(7, padding="same", name=name + "_depthwise_conv")(x)
    x = layers.LayerNormalization(epsilon=1e-6, name=name + "_layernorm")(x)
    x = layers.Dense(4 * projection_dim, name=name + "_pointwise_conv_1")(x)
    x = layers.Activation("gelu", name=name + "_gelu")(x)
    x = layers.Dense(projection_dim, name=name + "_pointwise_conv_2")(x)
    if layer_scale_init_value is not None:
        x = LayerScale(layer_scale_init_value, projection_dim, name=name + "_layer_scale")(x)
    if drop_path_rate:
        x = StochasticDepth(drop_path_rate, name=name + "_stochastic_depth")(x)
    else:
        x = layers.Activation("linear", name=name + "_identity")(x)
    return layers.Add(name=name + "_add")([inputs, x])


def ConvNeXt(
    depths: tuple,
    projection_dims: tuple,
    drop_path_rate: float = 0.0,
    layer_scale_init_value: float = 1e-6,
    default_size: int = 224,
    model_name: str = "convnext",
    include_preprocessing: bool = True,
    include_top: bool = True,
    weights: Any = None,
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    """Builds a ConvNeXt from its stage depths and widths (see ``ConvNeXtTiny``)."""
    if channel_axis() != -1:
        raise ValueError(
            "ConvNeXt supports only the 'channels_last' image data format (its "
            "LayerNormalization and Dense layers act on the last axis). Received: "
            "image_data_format='channels_first'"
        )
    if len(depths) != 4 or len(projection_dims) != 4:
        raise ValueError(
            "`depths` and `projection_dims` must each have 4 entries. "
            f"Received: depths={depths!r}, projection_dims={projection_dims!r}"
        )
    _common.validate_common_args(weights, include_top, classes, pooling, classifier_activation)
    shape = _common.resolve_input_shape(input_shape, default_size, 32, None, include_top, weights)
    inputs, x = _common.model_input(input_tensor, shape)

    if include_preprocessing:
        x = layers.Normalization(
            mean=[m * 255.0 for m in IMAGENET_MEAN_RGB],
            variance=[(s * 255.0) ** 2 for s in IMAGENET_STDDEV_RGB],
            name=model_name + "_prestem_normalization",
        )(x)

    stem = Sequential(
        [
            layers.Conv2D(projection_dims[0], 4, strides=4, name=model_name + "_stem_conv"),
            layers.LayerNormalization(epsilon=1e-6, name=model_name + "_stem_layernorm"),
        ],
        name=model_name + "_stem",
    )
    x = stem(x)

    total = sum(depths)
    rates = [drop_path_rate * i / max(total - 1, 1) for i in range(total)]
    index = 0
    for stage in range(4):
        if stage > 0:
            down = Sequential(
                [
                    layers.LayerNormalization(
                        epsilon=1e-6, name=f"{model_name}_downsampling_layernorm_{stage}"
                    ),
                    layers.Conv2D(
                        projection_dims[stage],
                        2,
                        strides=2,
                        name=f"{model_name}_downsampling_conv_{stage}",
                    ),
                ],
                name=f"{model_name}_downsampling_block_{stage}",
            )
            x = down(x)
        for j in range(depths[stage]):
            x = convnext_block(
                x,
                projection_dim=projection_dims[stage],
                drop_path_rate=rates[index],
                layer_scale_init_value=layer_scale_init_value,
                name=f"{model_name}_stage_{stage}_block_{j}",
            )
            index += 1

    if include_top:
        x = layers.GlobalAveragePooling2D(name=model_name + "_head_gap")(x)
        x = layers.LayerNormalization(epsilon=1e-6, name=model_name + "_head_layernorm")(x)
        x = layers.Dense(
            classes, activation=classifier_activation, name=model_name + "_head_dense"
        )(x)
    else:
        x = _common.classifier_head(x, False, pooling, classes, classifier_activation)
        x = layers.LayerNormalization(epsilon=1e-6, name=model_name + "_features_layernorm")(x)

    model = Model(inputs, x, name=model_name)
    if weights is not None:
        file_name = f"{model_name}.h5" if include_top else f"{model_name}_notop.h5"
        _common.load_weights_arg(model, weights, file_name, WEIGHTS_URL + file_name, None)
    return model


def _variant(
    key,
    model_name,
    include_top,
    include_preprocessing,
    weights,
    input_tensor,
    input_shape,
    pooling,
    classes,
    classifier_activation,
):
    depths, dims, size = VARIANTS[key]
    return ConvNeXt(
        depths,
        dims,
        default_size=size,
        model_name=model_name,
        include_preprocessing=include_preprocessing,
        include_top=include_top,
        weights=weights,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        classes=classes,
        classifier_activation=classifier_activation,
    )


_DOC = """Instantiates the ConvNeXt{v} architecture (default input 224x224x3,
    channels-last only).

    Args:
        model_name: name of the model (prefix of its layer names).
        include_top: whether to add the classifier (global average pooling,
            LayerNormalization, ``Dense(classes)``).
        include_preprocessing: whether the model normalises its [0, 255] inputs itself.
        weights: None (random initialisation), ``"imagenet"`` or the path of a weights file.
        input_tensor: optional symbolic tensor to build the model on.
        input_shape: optional ``(height, width, channels)``; sides at least 32.
        pooling: without the top, None (4D features), ``"avg"`` or ``"max"``; the
            features then go through a LayerNormalization.
        classes: number of classes of the top.
        classifier_activation: activation of the top's ``Dense`` layer.

    Returns:
        A functional ``Model``.
    """


def ConvNeXtTiny(
    model_name: str = "convnext_tiny",
    include_top: bool = True,
    include_preprocessing: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return _variant(
        "tiny",
        model_name,
        include_top,
        include_preprocessing,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ConvNeXtSmall(
    model_name: str = "convnext_small",
    include_top: bool = True,
    include_preprocessing: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return _variant(
        "small",
        model_name,
        include_top,
        include_preprocessing,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ConvNeXtBase(
    model_name: str = "convnext_base",
    include_top: bool = True,
    include_preprocessing: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return _variant(
        "base",
        model_name,
        include_top,
        include_preprocessing,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ConvNeXtLarge(
    model_name: str = "convnext_large",
    include_top: bool = True,
    include_preprocessing: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return _variant(
        "large",
        model_name,
        include_top,
        include_preprocessing,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


def ConvNeXtXLarge(
    model_name: str = "convnext_xlarge",
    include_top: bool = True,
    include_preprocessing: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: int = 1000,
    classifier_activation: Any = "softmax",
) -> Model:
    return _variant(
        "xlarge",
        model_name,
        include_top,
        include_preprocessing,
        weights,
        input_tensor,
        input_shape,
        pooling,
        classes,
        classifier_activation,
    )


for _fn, _v in zip(
    (ConvNeXtTiny, ConvNeXtSmall, ConvNeXtBase, ConvNeXtLarge, ConvNeXtXLarge),
    ("Tiny", "Small", "Base", "Large", "XLarge"),
):
    _fn.__doc__ = _DOC.format(v=_v)
del _fn, _v


def preprocess_input(x: Any, data_format: str | None = None) -> Any:
    """ConvNeXt models normalise inside the network, so this returns ``x`` unchanged.

    Args:
        x: images with pixel values in [0, 255].
        data_format: unused; accepted for API compatibility.

    Returns:
        ``x`` itself.

    Example:
    >>> import numpy as np
    >>> x = np.ones((1, 2, 2, 3))
    >>> preprocess_input(x) is x
    True
    """
    return identity_preprocess(x, data_format)


def decode_predictions(preds: Any, top: int = 5) -> list:
    """Decodes ImageNet predictions (see ``imagenet_utils.decode_predictions``)."""
    return imagenet_utils.decode_predictions(preds, top=top)
