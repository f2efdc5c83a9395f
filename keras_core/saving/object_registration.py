"""Registration of custom classes and functions, for (de)serialization by name."""

from keras_core.backend.common import global_state

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}


class CustomObjectScope:
    """Makes ``custom_objects`` visible to deserialization inside a ``with`` block.

    Example:
    >>> class Twice(keras_core.layers.Layer):
    ...     def call(self, x):
    ...         return x * 2
    >>> config = keras_core.layers.serialize(Twice())
    >>> with keras_core.saving.custom_object_scope({"Twice": Twice}):
    ...     layer = keras_core.layers.deserialize(config)
    >>> type(layer).__name__
    'Twice'
    """

    def __init__(self, custom_objects):
        if custom_objects is not None and not isinstance(custom_objects, dict):
            raise TypeError(
                f"`custom_objects` must be a dict. Received: {type(custom_objects).__name__}"
            )
        self.custom_objects = custom_objects or {}
        self._backup = None

    def __enter__(self):
        self._backup = global_state.get_global_attribute("custom_objects_scope_dict")
        merged = dict(self._backup or {})
        merged.update(self.custom_objects)
        global_state.set_global_attribute("custom_objects_scope_dict", merged)
        return self

    def __exit__(self, *exc):
        global_state.set_global_attribute("custom_objects_scope_dict", self._backup)
        return False


custom_object_scope = CustomObjectScope


def get_custom_objects() -> dict:
    """The global dict of registered custom objects (mutable).

    Example:
    >>> def my_loss(y_true, y_pred):
    ...     return keras_core.ops.mean(keras_core.ops.abs(y_true - y_pred))
    >>> keras_core.saving.get_custom_objects()["my_loss"] = my_loss
    >>> keras_core.saving.get_registered_object("my_loss") is my_loss
    True
    >>> del keras_core.saving.get_custom_objects()["my_loss"]
    """
    return _GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package: str = "Custom", name: str = None):
    """Decorator registering a class or function under ``"package>name"``.

    Example:
    >>> @keras_core.saving.register_keras_serializable(package="demo")
    ... def double(x):
    ...     return x * 2
    >>> keras_core.saving.get_registered_name(double)
    'demo>double'
    """
    if not isinstance(package, str) or ">" in package:
        raise ValueError(f"`package` must be a string without '>'. Received: package={package!r}")

    def decorator(obj):
        key_name = name if name is not None else obj.__name__
        key = f"{package}>{key_name}"
        if isinstance(obj, type) and not hasattr(obj, "get_config"):
            raise ValueError(
                f"Cannot register {obj.__name__}: a registered class must define get_config()."
            )
        _GLOBAL_CUSTOM_OBJECTS[key] = obj
        _GLOBAL_CUSTOM_NAMES[obj] = key
        return obj

    return decorator


def get_registered_name(obj) -> str:
    """The name ``obj`` is registered under, else its ``__name__``."""
    if obj in _GLOBAL_CUSTOM_NAMES:
        return _GLOBAL_CUSTOM_NAMES[obj]
    return obj.__name__


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Looks ``name`` up in the scope, the given dicts, then the global registry."""
    scope = global_state.get_global_attribute("custom_objects_scope_dict") or {}
    for table in (scope, custom_objects or {}, _GLOBAL_CUSTOM_OBJECTS, module_objects or {}):
        if name in table:
            return table[name]
    return None
