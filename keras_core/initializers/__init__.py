"""keras_core.initializers: how new weights get their first values."""

from keras_core.initializers.initializers import (
    Constant,
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    Identity,
    IdentityInitializer,
    Initializer,
    LecunNormal,
    LecunUniform,
    Ones,
    Orthogonal,
    OrthogonalInitializer,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
    Zeros,
)
from keras_core.saving import serialization_lib

constant = Constant
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
he_normal = HeNormal
he_uniform = HeUniform
identity = Identity
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
ones = Ones
orthogonal = Orthogonal
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
zeros = Zeros

_BY_NAME = {
    name: cls
    for name, cls in globals().items()
    if isinstance(cls, type) and issubclass(cls, Initializer)
}
_BY_NAME.update(
    {
        "Orthogonal": OrthogonalInitializer,
        "Identity": Identity,
        "uniform": RandomUniform,
        "normal": RandomNormal,
    }
)


def serialize(initializer):
    """The Keras config dict of ``initializer``.

    Example:
    >>> keras_core.initializers.serialize(keras_core.initializers.Zeros())["class_name"]
    'Zeros'
    """
    return serialization_lib.serialize_keras_object(initializer)


def deserialize(config, custom_objects=None):
    """An initializer from its config dict.

    Example:
    >>> type(keras_core.initializers.deserialize({"class_name": "Zeros", "config": {}})).__name__
    'Zeros'
    """
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """An initializer from a name (``"he_normal"``), a config dict, an instance or a callable.

    Example:
    >>> type(keras_core.initializers.get("glorot_uniform")).__name__
    'GlorotUniform'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier)
        if cls is None:
            raise ValueError(
                f"Unknown initializer: {identifier!r}. Expected one of "
                f"{sorted(k for k in _BY_NAME if k[0].islower())} or a class name."
            )
        return cls()
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret initializer identifier: {identifier!r} (of type "
        f"{type(identifier).__name__})."
    )
