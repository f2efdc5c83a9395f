"""The convolution unit shared by InceptionV3 and InceptionResNetV2."""

from __future__ import annotations

from keras_core import backend, layers


def channel_axis() -> int:
    return 3 if backend.image_data_format() == "channels_last" else 1


def conv_bn(
    x,
    filters: int,
    kernel: tuple[int, int],
    strides: int = 1,
    padding: str = "same",
    name: str | None = None,
    activation: str | None = "relu",
):
    """Convolution without bias, batch normalization without scale (a ReLU follows, so
    the scale is redundant), then the activation. Layer names derive from ``name``."""
    conv_name = bn_name = act_name = None
    if name is not None:
        conv_name, bn_name, act_name = f"{name}_conv", f"{name}_bn", name
    x = layers.Conv2D(
        filters, kernel, strides=strides, padding=padding, use_bias=False, name=conv_name
    )(x)
    x = layers.BatchNormalization(axis=channel_axis(), scale=False, name=bn_name)(x)
    if activation is not None:
        x = layers.Activation(activation, name=act_name)(x)
    return x
