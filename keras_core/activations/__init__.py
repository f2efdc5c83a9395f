"""keras_core.activations: activation functions and their lookup by name."""

import types

from keras_core.activations.activations import (
    elu,
    exponential,
    gelu,
    hard_sigmoid,
    leaky_relu,
    linear,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softmax,
    softplus,
    softsign,
    swish,
    tanh,
)
from keras_core.saving import object_registration, serialization_lib

ALL_ACTIVATIONS = {
    fn.__name__: fn
    for fn in (
        elu,
        exponential,
        gelu,
        hard_sigmoid,
        leaky_relu,
        linear,
        log_softmax,
        mish,
        relu,
        relu6,
        selu,
        sigmoid,
        silu,
        softmax,
        softplus,
        softsign,
        tanh,
    )
}
ALL_ACTIVATIONS["swish"] = silu


def serialize(activation):
    """The name of a built-in activation, else its Keras config dict.

    Example:
    >>> keras_core.activations.serialize(keras_core.activations.relu)
    'relu'
    """
    for name, fn in ALL_ACTIVATIONS.items():
        if fn is activation and name != "swish":
            return name
    return serialization_lib.serialize_keras_object(activation)


def deserialize(config, custom_objects=None):
    """An activation function from a name or config.

    Example:
    >>> keras_core.activations.deserialize("relu") is keras_core.activations.relu
    True
    """
    if isinstance(config, str):
        fn = object_registration.get_registered_object(
            config, custom_objects
        ) or ALL_ACTIVATIONS.get(config)
        if fn is None:
            raise ValueError(
                f"Unknown activation function: {config!r}. Expected one of "
                f"{sorted(ALL_ACTIVATIONS)} or a registered custom function."
            )
        return fn
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """An activation from None (linear), a name, a config dict or a callable.

    Example:
    >>> keras_core.activations.get("softmax").__name__
    'softmax'
    """
    if identifier is None:
        return linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret activation function identifier: {identifier!r} "
        f"(of type {type(identifier).__name__})."
    )


del types
