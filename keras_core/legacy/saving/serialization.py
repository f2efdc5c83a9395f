"""The Keras 2 (de)serialization format: ``{"class_name": ..., "config": ...}``.

Used by legacy ``.h5`` files and by code written against
``keras.utils.legacy``. Objects are named by their registered (or class)
name only; there is no ``module``. Functions are written as their name.
"""

import inspect
import types

from keras_core.saving import object_registration

_PASSIVE = "__passive_serialization__"


def _builtin_objects():
    """The public classes and functions a config may name, by name.

    The same policy as the ``.keras`` loader: functions only from activations,
    losses and metrics (not their lookup helpers), top-level classes only when
    they are models, layers and the like; never ``save_model``, ``get_file`` or
    the safe-mode switch.
    """
    import importlib

    from keras_core.saving.serialization_lib import (
        _FUNCTION_NAMESPACES,
        _NOT_DESERIALIZABLE_FUNCTIONS,
        _TOP_LEVEL_CLASSES,
        PUBLIC_NAMESPACES,
    )

    table = {}
    for ns in reversed(PUBLIC_NAMESPACES):
        try:
            mod = importlib.import_module("keras_core" + (("." + ns) if ns else ""))
        except ImportError:
            continue
        for name in dir(mod):
            if name.startswith("_"):
                continue
            obj = getattr(mod, name)
            if isinstance(obj, types.ModuleType):
                continue
            if isinstance(obj, type):
                if ns or name in _TOP_LEVEL_CLASSES:
                    table[name] = obj
            elif callable(obj):
                if ns in _FUNCTION_NAMESPACES and name not in _NOT_DESERIALIZABLE_FUNCTIONS:
                    table[name] = obj
    return table


def serialize_keras_object(instance):
    """The Keras 2 config of ``instance``: ``{"class_name", "config"}``, or a function's name.

    Example:
    >>> cfg = keras_core.legacy.saving.serialize_keras_object(keras_core.layers.Dense(2))
    >>> cfg["class_name"], cfg["config"]["units"]
    ('Dense', 2)
    """
    if instance is None:
        return None
    if hasattr(instance, "get_config") and not isinstance(instance, type):
        name = object_registration.get_registered_name(type(instance))
        config = instance.get_config()
        if not isinstance(config, dict):
            raise TypeError(
                f"The get_config() method of {type(instance).__name__} must return a dict. "
                f"Received: {config!r}"
            )
        out = {}
        for key, item in config.items():
            if isinstance(item, str):
                out[key] = item
                continue
            try:
                serialized = serialize_keras_object(item)
            except ValueError:
                serialized = item
            if isinstance(serialized, dict) and not isinstance(item, dict):
                serialized[_PASSIVE] = True
            out[key] = serialized
        return {"class_name": name, "config": out}
    if hasattr(instance, "__name__"):
        return object_registration.get_registered_name(instance)
    raise ValueError(
        f"Cannot serialize {instance!r}: it has no get_config() method and no __name__."
    )


def class_and_config_for_serialized_keras_object(
    config, module_objects=None, custom_objects=None, printable_module_name="object"
):
    """``(class, config)`` of a Keras 2 serialized dict, nested passive entries rebuilt."""
    if not isinstance(config, dict) or "class_name" not in config or "config" not in config:
        raise ValueError(
            f"Improper config format for {printable_module_name}: expected a dict with "
            f"'class_name' and 'config'. Received: {config!r:.300}"
        )
    class_name = config["class_name"]
    cls = object_registration.get_registered_object(
        class_name, custom_objects, module_objects if module_objects is not None else None
    )
    if cls is None and module_objects is None:
        cls = _builtin_objects().get(class_name)
    if cls is None:
        raise ValueError(
            f"Unknown {printable_module_name}: '{class_name}'. Please ensure you are using a "
            "`keras_core.saving.custom_object_scope` and that this object is included in the "
            "scope, or register it with @keras_core.saving.register_keras_serializable()."
        )
    cls_config = config["config"]
    if isinstance(cls_config, list):  # very old Sequential configs: a bare list of layers
        return cls, cls_config
    cls_config = dict(cls_config or {})
    for key, item in list(cls_config.items()):
        if key == "name":
            continue
        if isinstance(item, dict) and item.get(_PASSIVE):
            item = dict(item)
            item.pop(_PASSIVE)
            cls_config[key] = deserialize_keras_object(
                item,
                module_objects=module_objects,
                custom_objects=custom_objects,
                printable_module_name="config_item",
            )
        elif isinstance(item, str) and custom_objects and item in custom_objects:
            cls_config[key] = custom_objects[item]
    return cls, cls_config


def deserialize_keras_object(
    identifier, module_objects=None, custom_objects=None, printable_module_name="object"
):
    """Rebuilds an object from its Keras 2 config (a dict) or name (a string).

    Args:
        identifier: ``{"class_name", "config"}`` or the name of a function or class.
        module_objects: ``{name: object}`` where built-in names are looked up;
            default: keras_core's public classes and functions.
        custom_objects: ``{name: object}`` for custom objects.
        printable_module_name: how errors name the kind of object.

    Example:
    >>> layer = keras_core.legacy.saving.deserialize_keras_object(
    ...     {"class_name": "Dense", "config": {"units": 3}})
    >>> layer.units
    3
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        from keras_core.legacy.saving import config_conversion

        identifier = config_conversion.convert_legacy_layer_config(identifier)
        cls, cls_config = class_and_config_for_serialized_keras_object(
            identifier, module_objects, custom_objects, printable_module_name
        )
        custom_objects = dict(custom_objects or {})
        if not hasattr(cls, "from_config"):
            with object_registration.CustomObjectScope(custom_objects):
                return cls(**cls_config)
        params = inspect.signature(cls.from_config).parameters
        with object_registration.CustomObjectScope(custom_objects):
            if "custom_objects" in params:
                merged = dict(object_registration.get_custom_objects())
                merged.update(custom_objects)
                return cls.from_config(cls_config, custom_objects=merged)
            return cls.from_config(cls_config)
    if isinstance(identifier, str):
        obj = None
        if custom_objects and identifier in custom_objects:
            obj = custom_objects[identifier]
        if obj is None:
            obj = object_registration.get_registered_object(identifier, None, module_objects)
        if obj is None and module_objects is None:
            obj = _builtin_objects().get(identifier)
        if obj is None:
            raise ValueError(
                f"Unknown {printable_module_name}: '{identifier}'. Please ensure you are using "
                "a `keras_core.saving.custom_object_scope` and that this object is included in "
                "the scope."
            )
        if isinstance(obj, type):
            return obj()
        return obj
    if isinstance(identifier, types.FunctionType):
        return identifier
    raise ValueError(f"Could not interpret serialized {printable_module_name}: {identifier!r}")
