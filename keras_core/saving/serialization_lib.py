"""Turning keras_core objects into JSON-able dicts and back, in the Keras 3 format.

An object becomes ``{"module", "class_name", "config", "registered_name"}``
(layers add ``"build_config"``). Built-in classes are written with Keras's
public module names (``"keras.layers"``) so files move to and from Keras 3;
both ``keras.*`` and ``keras_core.*`` module names are read back. Loading only
looks classes up in keras_core's public namespaces and the custom-object
registry: it never imports a module named by the file, and Python lambdas
are refused unless safe mode is off.
"""

import importlib
import inspect
import types

import numpy as np

from keras_core.backend.common import global_state
from keras_core.saving import object_registration

PUBLIC_NAMESPACES = (
    "layers",
    "models",
    "initializers",
    "regularizers",
    "constraints",
    "losses",
    "metrics",
    "optimizers",
    "optimizers.schedules",
    "activations",
    "mixed_precision",
    "random",
    "",
)

_PACKAGE_TO_PUBLIC = {
    "keras_core.layers": "keras.layers",
    "keras_core.models": "keras.models",
    "keras_core.initializers": "keras.initializers",
    "keras_core.regularizers": "keras.regularizers",
    "keras_core.constraints": "keras.constraints",
    "keras_core.losses": "keras.losses",
    "keras_core.metrics": "keras.metrics",
    "keras_core.optimizers.schedules": "keras.optimizers.schedules",
    "keras_core.optimizers": "keras.optimizers",
    "keras_core.activations": "keras.activations",
    "keras_core.mixed_precision": "keras",
    "keras_core.backend.common.seed_generator": "keras.random",
}


class SafeModeScope:
    """Sets safe mode (refuse code in files) inside a ``with`` block."""

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode
        self._backup = None

    def __enter__(self):
        self._backup = global_state.get_global_attribute("safe_mode_saving")
        global_state.set_global_attribute("safe_mode_saving", self.safe_mode)
        return self

    def __exit__(self, *exc):
        global_state.set_global_attribute("safe_mode_saving", self._backup)
        return False


def in_safe_mode():
    value = global_state.get_global_attribute("safe_mode_saving")
    if value is not None:
        return bool(value)
    unsafe = global_state.get_global_attribute("safe_mode")  # set by enable_unsafe_deserialization
    return unsafe is not False


def _public_module(cls):
    module = cls.__module__
    if cls.__name__ == "Functional":
        return "keras.src.models.functional"
    if cls.__name__ == "Sequential":
        return "keras"
    for package, public in _PACKAGE_TO_PUBLIC.items():
        if module == package or module.startswith(package + "."):
            return public
    return module


def _is_builtin(cls):
    return cls.__module__.startswith("keras_core.")


def serialize_keras_object(obj):
    """Returns a JSON-able representation of ``obj``.

    Example:
    >>> keras_core.saving.serialize_keras_object(keras_core.layers.Dense(2))["class_name"]
    'Dense'
    """
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, tuple):
        return {
            "class_name": "__tuple__",
            "config": {"value": [serialize_keras_object(v) for v in obj]},
        }
    if isinstance(obj, list):
        return [serialize_keras_object(v) for v in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray) or (
        hasattr(obj, "shape") and hasattr(obj, "dtype") and not hasattr(obj, "get_config")
    ):
        from keras_core import backend

        arr = np.asarray(backend.convert_to_numpy(obj) if not isinstance(obj, np.ndarray) else obj)
        return {
            "class_name": "__numpy__",
            "config": {"value": arr.tolist(), "dtype": str(arr.dtype)},
        }
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        import base64
        import marshal

        code = base64.b64encode(marshal.dumps(obj.__code__)).decode("ascii")
        return {"class_name": "__lambda__", "config": {"value": code}}
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {
            "module": _public_module_of_function(obj),
            "class_name": "function",
            "config": obj.__name__,
            "registered_name": registered or obj.__name__,
        }
    if isinstance(obj, type):
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {"class_name": "__typespec__", "config": registered or obj.__name__}
    if hasattr(obj, "get_config"):
        cls = type(obj)
        try:
            config = obj.get_config()
        except NotImplementedError as e:
            raise NotImplementedError(
                f"Cannot serialize {cls.__name__}: its get_config() is not implemented. "
                "Override get_config() to return the constructor arguments."
            ) from e
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(cls)
        if registered is None and not _is_builtin(cls):
            registered = cls.__name__
        out = {
            "module": _public_module(cls),
            "class_name": cls.__name__,
            "config": serialize_keras_object(config),
            "registered_name": registered,
        }
        if hasattr(obj, "get_build_config"):
            build_config = obj.get_build_config()
            if build_config is not None:
                out["build_config"] = serialize_keras_object(build_config)
        return out
    raise TypeError(
        f"Cannot serialize object {obj!r} of type {type(obj).__name__}: it has no get_config()."
    )


def _public_module_of_function(fn):
    module = fn.__module__ or ""
    if module.startswith("keras_core.activations"):
        return "keras.activations"
    if module.startswith("keras_core.losses"):
        return "keras.losses"
    if module.startswith("keras_core.metrics"):
        return "keras.metrics"
    return module


def _find_builtin(class_name, module=None):
    """Looks ``class_name`` up in keras_core's public namespaces (no other imports)."""
    candidates = list(PUBLIC_NAMESPACES)
    if module:
        stripped = (
            module.replace("keras_core", "keras", 1) if module.startswith("keras_core") else module
        )
        if stripped.startswith("keras."):
            first = stripped[len("keras.") :]
            if first.startswith("src."):
                first = ""
            if first in PUBLIC_NAMESPACES:
                candidates.remove(first)
                candidates.insert(0, first)
    for ns in candidates:
        try:
            mod = importlib.import_module("keras_core" + (("." + ns) if ns else ""))
        except ImportError:
            continue
        obj = getattr(mod, class_name, None)
        if obj is not None:
            return obj
    return None


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Rebuilds an object from ``serialize_keras_object``'s output.

    Args:
        config: the serialized dict (or plain value).
        custom_objects: ``{name: class_or_function}`` for custom objects.
        safe_mode: refuse to run code stored in the config (lambdas).

    Example:
    >>> cfg = keras_core.saving.serialize_keras_object(keras_core.layers.Dense(2))
    >>> keras_core.saving.deserialize_keras_object(cfg).units
    2
    """
    safe_mode = safe_mode and in_safe_mode()
    if config is None or isinstance(config, (bool, int, float, str)):
        return config
    if isinstance(config, list):
        return [deserialize_keras_object(v, custom_objects, safe_mode) for v in config]
    if not isinstance(config, dict):
        raise TypeError(f"Cannot deserialize {config!r}: expected a dict, list or plain value.")
    if "class_name" not in config or "config" not in config:
        return {
            k: deserialize_keras_object(v, custom_objects, safe_mode) for k, v in config.items()
        }
    class_name = config["class_name"]
    inner = config["config"]
    if class_name == "__tuple__":
        return tuple(deserialize_keras_object(v, custom_objects, safe_mode) for v in inner["value"])
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner["dtype"])
    if class_name == "__lambda__":
        if safe_mode:
            raise ValueError(
                "Refusing to deserialize a Python lambda: it would run code stored in the "
                "file. Only load files you trust, then pass `safe_mode=False` (or call "
                "keras_core.config.enable_unsafe_deserialization())."
            )
        import base64
        import marshal

        code = marshal.loads(base64.b64decode(inner["value"]))
        return types.FunctionType(code, globals())
    if class_name == "__typespec__":
        obj = object_registration.get_registered_object(inner, custom_objects) or _find_builtin(
            inner
        )
        if obj is None:
            raise ValueError(f"Could not locate class {inner!r}.")
        return obj
    registered = config.get("registered_name")
    module = config.get("module")
    if class_name == "function":
        name = inner
        obj = object_registration.get_registered_object(registered or name, custom_objects)
        if obj is None:
            obj = object_registration.get_registered_object(name, custom_objects)
        if obj is None and module in ("keras.activations", "keras_core.activations"):
            from keras_core import activations

            obj = activations.get(name)
        if obj is None and module in ("keras.losses", "keras_core.losses"):
            obj = _find_builtin(name, "keras.losses")
        if obj is None:
            raise ValueError(
                f"Could not locate function {name!r} (module {module!r}). Register it with "
                "@keras_core.saving.register_keras_serializable() or pass it in `custom_objects`."
            )
        return obj
    cls = None
    for key in (registered, class_name):
        if key:
            cls = object_registration.get_registered_object(key, custom_objects)
            if cls is not None:
                break
    if cls is None:
        cls = _find_builtin(class_name, module)
    if cls is None:
        raise ValueError(
            f"Could not locate class {class_name!r} (module {module!r}). Make sure custom "
            "classes are decorated with @keras_core.saving.register_keras_serializable() "
            "or passed in `custom_objects`."
        )
    if not hasattr(cls, "from_config"):
        raise TypeError(f"{class_name} has no from_config(); it cannot be deserialized.")
    with SafeModeScope(safe_mode), object_registration.CustomObjectScope(custom_objects or {}):
        sig = inspect.signature(cls.from_config)
        if "custom_objects" in sig.parameters:
            obj = cls.from_config(inner, custom_objects=custom_objects)
        else:
            obj = cls.from_config(inner)
        build_config = config.get("build_config")
        if build_config and hasattr(obj, "build_from_config"):
            obj.build_from_config(build_config)
    return obj
