"""keras_core.regularizers: penalties on weights, added to a layer's losses."""

from keras_core.regularizers.regularizers import (
    L1,
    L1L2,
    L2,
    OrthogonalRegularizer,
    Regularizer,
)
from keras_core.saving import serialization_lib

l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_BY_NAME = {
    "l1": L1,
    "l2": L2,
    "l1_l2": L1L2,
    "orthogonal_regularizer": OrthogonalRegularizer,
    "L1": L1,
    "L2": L2,
    "L1L2": L1L2,
    "OrthogonalRegularizer": OrthogonalRegularizer,
}


def serialize(initializer):
    """The Keras config dict of a regularizer.

    Example:
    >>> keras_core.regularizers.serialize(keras_core.regularizers.L2(0.1))["config"]
    {'l2': 0.1}
    """
    return serialization_lib.serialize_keras_object(initializer)


def deserialize(config, custom_objects=None):
    """A regularizer from its config dict.

    Example:
    >>> keras_core.regularizers.deserialize({"class_name": "L1", "config": {"l1": 0.1}}).l1
    0.1
    """
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """A regularizer from a name (``"l2"``), a config dict, an instance or a callable.

    Example:
    >>> type(keras_core.regularizers.get("l1")).__name__
    'L1'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError(
                f"Unknown regularizer: {identifier!r}. Expected one of {sorted(_BY_NAME)}."
            )
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier!r}")
