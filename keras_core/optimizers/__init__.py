"""keras_core.optimizers: optimizers, ``get``, ``serialize``, ``deserialize``."""

from keras_core.optimizers import schedules
from keras_core.optimizers.adadelta import Adadelta
from keras_core.optimizers.adafactor import Adafactor
from keras_core.optimizers.adagrad import Adagrad
from keras_core.optimizers.adam import Adam
from keras_core.optimizers.adamax import Adamax
from keras_core.optimizers.adamw import AdamW
from keras_core.optimizers.base_optimizer import BaseOptimizer, Optimizer
from keras_core.optimizers.ftrl import Ftrl
from keras_core.optimizers.lamb import Lamb
from keras_core.optimizers.lion import Lion
from keras_core.optimizers.loss_scale_optimizer import LossScaleOptimizer
from keras_core.optimizers.muon import Muon
from keras_core.optimizers.nadam import Nadam
from keras_core.optimizers.rmsprop import RMSprop
from keras_core.optimizers.sgd import SGD
from keras_core.saving import object_registration, serialization_lib

_BUILTINS = (
    Adadelta,
    Adafactor,
    Adagrad,
    Adam,
    Adamax,
    AdamW,
    Ftrl,
    Lamb,
    Lion,
    LossScaleOptimizer,
    Muon,
    Nadam,
    RMSprop,
    SGD,
)
_BY_LOWER_NAME = {cls.__name__.lower(): cls for cls in _BUILTINS}


def serialize(optimizer) -> dict:
    """Returns the Keras 3 config dict of ``optimizer``.

    Example:
    >>> keras_core.optimizers.serialize(keras_core.optimizers.Adam())["class_name"]
    'Adam'
    """
    return serialization_lib.serialize_keras_object(optimizer)


def deserialize(config, custom_objects=None):
    """Rebuilds an optimizer from ``serialize``'s output (class names are case-insensitive).

    Built-in class names are looked up whatever the ``module`` says (files
    saved by Keras 3 on torch name a torch-specific module for ``Adam``).

    Example:
    >>> opt = keras_core.optimizers.deserialize({"class_name": "adam", "config": {}})
    >>> type(opt).__name__
    'Adam'
    """
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"`config` must be a dict with a 'class_name' key. Received: config={config!r}"
        )
    class_name = config["class_name"]
    registered = config.get("registered_name")
    custom = None
    if registered and registered != class_name:
        custom = object_registration.get_registered_object(registered, custom_objects)
    if custom is None:
        custom = object_registration.get_registered_object(class_name, custom_objects)
    if custom is None and isinstance(class_name, str):
        builtin = _BY_LOWER_NAME.get(class_name.lower())
        if builtin is not None:
            with object_registration.CustomObjectScope(custom_objects or {}):
                return builtin.from_config(
                    dict(config.get("config") or {}), custom_objects=custom_objects
                )
    if custom is not None and hasattr(custom, "from_config"):
        return custom.from_config(dict(config.get("config") or {}))
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """An optimizer from a name (``"adam"``), a config dict or an instance.

    Example:
    >>> type(keras_core.optimizers.get("rmsprop")).__name__
    'RMSprop'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        if identifier.lower() not in _BY_LOWER_NAME and (
            object_registration.get_registered_object(identifier) is None
        ):
            raise ValueError(
                f"Could not interpret optimizer identifier: {identifier!r}. Expected one of "
                f"{sorted(_BY_LOWER_NAME)} or a registered optimizer."
            )
        if identifier.lower() == "lossscaleoptimizer":
            raise ValueError(
                "LossScaleOptimizer needs an `inner_optimizer`: create it with "
                "keras_core.optimizers.LossScaleOptimizer(inner_optimizer)."
            )
        obj = deserialize({"class_name": identifier, "config": {}})
    else:
        obj = identifier
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier!r}")
