"""keras_core.constraints: projections applied to weights after each update."""

from keras_core.constraints.constraints import (
    Constraint,
    MaxNorm,
    MinMaxNorm,
    NonNeg,
    UnitNorm,
)
from keras_core.saving import serialization_lib

max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

_BY_NAME = {
    "max_norm": MaxNorm,
    "min_max_norm": MinMaxNorm,
    "non_neg": NonNeg,
    "unit_norm": UnitNorm,
    "MaxNorm": MaxNorm,
    "MinMaxNorm": MinMaxNorm,
    "NonNeg": NonNeg,
    "UnitNorm": UnitNorm,
}


def serialize(constraint):
    """The Keras config dict of a constraint.

    Example:
    >>> keras_core.constraints.serialize(keras_core.constraints.NonNeg())["class_name"]
    'NonNeg'
    """
    return serialization_lib.serialize_keras_object(constraint)


def deserialize(config, custom_objects=None):
    """A constraint from its config dict.

    Example:
    >>> type(keras_core.constraints.deserialize({"class_name": "NonNeg", "config": {}})).__name__
    'NonNeg'
    """
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """A constraint from a name (``"non_neg"``), a config dict, an instance or a callable.

    Example:
    >>> type(keras_core.constraints.get("unit_norm")).__name__
    'UnitNorm'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError(
                f"Unknown constraint: {identifier!r}. Expected one of {sorted(_BY_NAME)}."
            )
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint identifier: {identifier!r}")
