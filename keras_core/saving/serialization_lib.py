"""Turning keras_core objects into JSON-able dicts and back, in the Keras 3 format.

An object becomes ``{"module", "class_name", "config", "registered_name"}``;
layers add ``"build_config"`` and compiled models ``"compile_config"``.
Built-in classes are written with Keras's public module names
(``"keras.layers"``) so files move to and from Keras 3; ``keras.*``,
``keras.src.*`` and ``keras_core.*`` module names are all read back.

Safe mode (the default) guarantees that reading a config runs no code taken
from it: classes and functions are looked up only in keras_core's public
namespaces, the custom-object registry and ``custom_objects``; no module named
by the config is imported and Python lambdas stored as bytecode are refused.
With ``safe_mode=False`` (or ``keras_core.config.enable_unsafe_deserialization()``)
lambdas are rebuilt and unknown ``module``s are imported.
"""

import codecs
import importlib
import inspect
import marshal
import re
import types
import warnings

import numpy as np

from keras_core.backend.common import global_state
from keras_core.saving import object_registration

# keras_core namespaces searched for built-in classes, in this order by default.
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

# Where a keras_core package is exported in Keras 3 (the ``module`` written to files).
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

# Dotted parts of a Keras module path that name a public namespace
# ("keras.src.backend.torch.optimizers.torch_adam" -> "optimizers").
_NAMESPACE_HINTS = {
    "layers": "layers",
    "models": "models",
    "initializers": "initializers",
    "regularizers": "regularizers",
    "constraints": "constraints",
    "losses": "losses",
    "metrics": "metrics",
    "optimizers": "optimizers",
    "schedules": "optimizers.schedules",
    "activations": "activations",
    "dtype_policies": "mixed_precision",
    "mixed_precision": "mixed_precision",
    "random": "random",
}

_UNSAFE_HINT = (
    "Only load files you trust; then pass `safe_mode=False` to the loading function (or "
    "call keras_core.config.enable_unsafe_deserialization())."
)


# ----------------------------------------------------------------------
# Scopes
# ----------------------------------------------------------------------
class SafeModeScope:
    """Sets safe mode (refuse code stored in configs) inside a ``with`` block.

    Example:
    >>> with SafeModeScope(False):
    ...     in_safe_mode()
    False
    """

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


def in_safe_mode() -> bool:
    """Whether deserialization currently refuses code (lambdas, module imports).

    ``keras_core.config.enable_unsafe_deserialization()`` turns safe mode off
    everywhere; otherwise the innermost ``SafeModeScope`` decides (default: on).
    """
    if global_state.get_global_attribute("safe_mode") is False:
        return False
    value = global_state.get_global_attribute("safe_mode_saving")
    return True if value is None else bool(value)


class ObjectSharingScope:
    """While loading: configs carrying the same ``shared_object_id`` give one object."""

    def __enter__(self):
        self._backup = global_state.get_global_attribute("shared_objects_by_id")
        global_state.set_global_attribute("shared_objects_by_id", {})
        return self

    def __exit__(self, *exc):
        global_state.set_global_attribute("shared_objects_by_id", self._backup)
        return False


def _shared_objects():
    return global_state.get_global_attribute("shared_objects_by_id")


# ----------------------------------------------------------------------
# Serialization
# ----------------------------------------------------------------------
def _public_module(cls):
    module = cls.__module__
    if cls.__name__ == "Functional" and module.startswith("keras_core."):
        return "keras.src.models.functional"
    if cls.__name__ == "Sequential" and module.startswith("keras_core."):
        return "keras"
    for package, public in _PACKAGE_TO_PUBLIC.items():
        if module == package or module.startswith(package + "."):
            return public
    return module


_BUILTIN_CACHE = {}


def _is_builtin(cls):
    """Whether ``cls`` is a public keras_core class (exported in a public namespace)."""
    if not cls.__module__.startswith("keras_core."):
        return False
    if cls not in _BUILTIN_CACHE:
        _BUILTIN_CACHE[cls] = _find_builtin(cls.__name__, _public_module(cls)) is cls
    return _BUILTIN_CACHE[cls]


def _public_module_of_function(fn):
    module = fn.__module__ or ""
    for package in ("activations", "losses", "metrics"):
        if module.startswith(f"keras_core.{package}"):
            return f"keras.{package}"
    return module


def func_dump(fn):
    """``(code, defaults, closure)`` of a Python function: its bytecode in base64."""
    code = codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")
    defaults = fn.__defaults__
    if defaults is not None:
        defaults = [serialize_keras_object(d) for d in defaults]
    closure = fn.__closure__
    if closure is not None:
        closure = [serialize_keras_object(c.cell_contents) for c in closure]
    return code, defaults, closure


def func_load(code, defaults=None, closure=None, custom_objects=None):
    """Rebuilds a function from ``func_dump``'s output. Runs stored bytecode: unsafe."""
    if isinstance(code, (tuple, list)):
        code, defaults, closure = (list(code) + [None, None])[:3]
    raw = codecs.decode(code.encode("ascii"), "base64")
    code_obj = marshal.loads(raw)
    if defaults is not None:
        defaults = tuple(deserialize_keras_object(d, safe_mode=False) for d in defaults)
    cells = None
    if closure is not None:
        cells = tuple(types.CellType(deserialize_keras_object(c, safe_mode=False)) for c in closure)
    import keras_core

    namespace = {"keras_core": keras_core, "keras": keras_core, "ops": keras_core.ops, "np": np}
    namespace.update(custom_objects or {})
    return types.FunctionType(
        code_obj, namespace, name=code_obj.co_name, argdefs=defaults, closure=cells
    )


def _serialize_compile_config(obj):
    """The Keras 3 ``compile_config`` of a compiled model, or None."""
    get = getattr(obj, "get_compile_config", None)
    if get is None:
        return None
    config = get()
    if config is None:
        return None
    from keras_core.trainers.trainer import Trainer

    if type(obj).get_compile_config is not Trainer.get_compile_config:
        return serialize_keras_object(config)
    config = dict(config)
    config.pop("auto_scale_loss", None)
    optimizer = getattr(obj, "optimizer", None)
    config["optimizer"] = serialize_keras_object(optimizer) if optimizer is not None else None
    jit = getattr(obj, "jit_compile", config.get("jit_compile"))
    config["jit_compile"] = bool(jit) if jit != "auto" else jit
    return serialize_keras_object(config)


def serialize_keras_object(obj):
    """Returns a JSON-able representation of ``obj`` (the Keras 3 format).

    Plain values, lists and dicts are kept (tuples become lists); arrays
    become ``__numpy__``/``__tensor__`` entries; Keras objects become
    ``{"module", "class_name", "config", "registered_name"}`` dicts.

    Example:
    >>> keras_core.saving.serialize_keras_object(keras_core.layers.Dense(2))["class_name"]
    'Dense'
    """
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(v) for v in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, slice):
        return {
            "class_name": "__slice__",
            "config": {
                "start": serialize_keras_object(obj.start),
                "stop": serialize_keras_object(obj.stop),
                "step": serialize_keras_object(obj.step),
            },
        }
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        if obj.ndim == 0:
            return obj.item()
        return {
            "class_name": "__numpy__",
            "config": {"value": obj.tolist(), "dtype": _dtype_name(obj.dtype)},
        }
    from keras_core.backend.common.keras_tensor import KerasTensor

    if isinstance(obj, KerasTensor):
        history = obj._keras_history
        return {
            "class_name": "__keras_tensor__",
            "config": {
                "shape": list(obj.shape),
                "dtype": obj.dtype,
                "keras_history": (
                    [history.operation.name, history.node_index, history.tensor_index]
                    if history is not None
                    else None
                ),
            },
        }
    if _is_tensor_like(obj):
        from keras_core import backend

        arr = np.asarray(backend.convert_to_numpy(obj))
        return {
            "class_name": "__tensor__",
            "config": {"value": arr.tolist(), "dtype": _dtype_name(arr.dtype)},
        }
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        code, defaults, closure = func_dump(obj)
        return {
            "class_name": "__lambda__",
            "config": {
                "value": [code, defaults, closure],
                "code": code,
                "defaults": defaults,
                "closure": closure,
            },
        }
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {
            "module": _public_module_of_function(obj),
            "class_name": "function",
            "config": registered or obj.__name__,
            "registered_name": registered or obj.__name__,
        }
    if isinstance(obj, type):
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {"class_name": "__typespec__", "config": registered or obj.__name__}
    if hasattr(obj, "get_config"):
        return _serialize_object(obj)
    raise TypeError(
        f"Cannot serialize object {obj!r} of type {type(obj).__name__}: it has no get_config()."
    )


def _serialize_object(obj):
    cls = type(obj)
    try:
        config = obj.get_config()
    except NotImplementedError as e:
        raise NotImplementedError(
            f"Cannot serialize {cls.__name__}: its get_config() is not implemented. "
            "Override get_config() to return the constructor arguments."
        ) from e
    if not isinstance(config, dict):
        raise TypeError(
            f"The get_config() method of {cls.__name__} must return a dict. Received: {config!r}"
        )
    registered = object_registration._GLOBAL_CUSTOM_NAMES.get(cls)
    if registered is None and not _is_builtin(cls):
        registered = cls.__name__
    if registered is None and cls.__name__ == "Functional" and _is_builtin(cls):
        registered = "Functional"
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
    compile_config = _serialize_compile_config(obj)
    if compile_config is not None:
        out["compile_config"] = compile_config
    return out


def _is_tensor_like(obj):
    from keras_core.backend.common.variables import KerasVariable

    if isinstance(obj, KerasVariable):
        return True
    if hasattr(obj, "get_config"):
        return False
    return hasattr(obj, "shape") and hasattr(obj, "dtype") and hasattr(obj, "__array__")


def _dtype_name(dtype):
    from keras_core import backend

    try:
        return backend.standardize_dtype(dtype)
    except (TypeError, ValueError):
        return str(dtype)


# ----------------------------------------------------------------------
# Deserialization
# ----------------------------------------------------------------------
def _namespaces_for(module):
    """The keras_core namespaces to search for a class written with ``module``."""
    order = list(PUBLIC_NAMESPACES)
    if not module:
        return order
    if module.startswith("keras_core"):
        module = "keras" + module[len("keras_core") :]
    preferred = None
    if module.startswith("keras."):
        rest = module[len("keras.") :]
        if rest in PUBLIC_NAMESPACES:
            preferred = rest
        else:
            for part in reversed(rest.split(".")):
                if part in _NAMESPACE_HINTS:
                    preferred = _NAMESPACE_HINTS[part]
                    break
    if preferred is not None:
        order.remove(preferred)
        order.insert(0, preferred)
    return order


def _is_keras_module(module):
    return bool(module) and (
        module in ("keras", "keras_core")
        or module.startswith("keras.")
        or module.startswith("keras_core.")
    )


_CLASS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


# A config may name only objects meant to be deserialized. Built-in is not harmless:
# public functions such as ``save_model`` (writes files), ``get_file`` (downloads) or the
# safe-mode switch must never be reachable from a file. So functions resolve only from
# the namespaces of activations, losses and metrics (minus their lookup helpers), and
# classes from the top-level namespace only when they are models, layers and the like.
_FUNCTION_NAMESPACES = ("activations", "losses", "metrics")
_NOT_DESERIALIZABLE_FUNCTIONS = frozenset({"get", "serialize", "deserialize"})
_TOP_LEVEL_CLASSES = frozenset(
    {
        "Model",
        "Sequential",
        "Functional",
        "Layer",
        "Variable",
        "InputSpec",
        "Initializer",
        "Regularizer",
    }
)


def _find_builtin(class_name, module=None, kind="class"):
    """Looks ``class_name`` up in keras_core's public namespaces (no other imports).

    Only objects meant to be deserialized are found (see ``_FUNCTION_NAMESPACES``).
    """
    if not isinstance(class_name, str) or not _CLASS_NAME.match(class_name):
        return None
    if kind == "function" and class_name in _NOT_DESERIALIZABLE_FUNCTIONS:
        return None
    for ns in _namespaces_for(module):
        if kind == "function" and ns not in _FUNCTION_NAMESPACES:
            continue
        if kind == "class" and ns == "" and class_name not in _TOP_LEVEL_CLASSES:
            continue
        try:
            mod = importlib.import_module("keras_core" + (("." + ns) if ns else ""))
        except ImportError:
            continue
        obj = getattr(mod, class_name, None)
        if obj is None or isinstance(obj, types.ModuleType):
            continue
        if kind == "class" and isinstance(obj, type):
            return obj
        if kind == "function" and callable(obj) and not isinstance(obj, type):
            return obj
    return None


def _import_from_module(module, name, kind, safe_mode, full_config):
    if safe_mode:
        raise TypeError(
            f"Could not locate {kind} {name!r} (module {module!r}): it is neither a keras_core "
            "built-in nor a registered custom object. Register it with "
            "@keras_core.saving.register_keras_serializable() or pass it in `custom_objects`. "
            f"Importing module {module!r} to find it would run code named by the file, "
            f"which safe mode forbids. {_UNSAFE_HINT}"
        )
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise TypeError(
            f"Could not locate {kind} {name!r}: its module {module!r} cannot be imported ({e}). "
            f"Full object config: {full_config}"
        ) from e
    obj = getattr(mod, name, None)
    if obj is None:
        raise TypeError(
            f"Could not locate {kind} {name!r} in module {module!r}. "
            f"Full object config: {full_config}"
        )
    return obj


def _retrieve(name, registered_name, module, kind, custom_objects, safe_mode, full_config):
    """Finds the class or function a config names (registry first, then built-ins)."""
    for key in (registered_name, name):
        if isinstance(key, str) and key:
            obj = object_registration.get_registered_object(key, custom_objects)
            if obj is not None:
                return obj
    if module is None or _is_keras_module(module) or module == "builtins":
        if kind == "function":
            obj = _find_builtin_function(name, module)
        else:
            obj = _find_builtin(name, module)
        if obj is not None:
            return obj
        if kind == "function" and isinstance(registered_name, str) and ">" not in registered_name:
            # Files of Keras <= 3.6 wrote custom functions by bare name.
            for table in (custom_objects or {}, object_registration._GLOBAL_CUSTOM_OBJECTS):
                for key, value in table.items():
                    if isinstance(key, str) and key.endswith(">" + registered_name):
                        return value
        raise TypeError(
            f"Could not locate {kind} {name!r} (module {module!r}). keras_core has no built-in "
            f"{kind} of that name; if it is a custom {kind}, decorate it with "
            "@keras_core.saving.register_keras_serializable() or pass it in `custom_objects`. "
            f"Full object config: {full_config}"
        )
    return _import_from_module(module, name, kind, safe_mode, full_config)


def _find_builtin_function(name, module):
    if not isinstance(name, str):
        return None
    if module in (None, "builtins") or "activations" in (module or ""):
        from keras_core import activations

        fn = activations.ALL_ACTIVATIONS.get(name)
        if fn is not None:
            return fn
    return _find_builtin(name, module, kind="function")


def _deserialize_lambda(inner, safe_mode, custom_objects):
    if safe_mode:
        raise ValueError(
            "Refusing to deserialize a Python lambda: rebuilding it runs bytecode stored in "
            f"the file, a risk of arbitrary code execution. {_UNSAFE_HINT}"
        )
    if "code" in inner:
        return func_load(inner["code"], inner.get("defaults"), inner.get("closure"), custom_objects)
    value = inner.get("value")
    if isinstance(value, (list, tuple)):
        return func_load(value, custom_objects=custom_objects)
    # The older keras_core layout: base64 of the marshalled code object, no defaults.
    import base64

    code_obj = marshal.loads(base64.b64decode(value))
    import keras_core

    namespace = {"keras_core": keras_core, "keras": keras_core, "ops": keras_core.ops, "np": np}
    namespace.update(custom_objects or {})
    return types.FunctionType(code_obj, namespace)


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Rebuilds an object from ``serialize_keras_object``'s output.

    Args:
        config: the serialized dict (or plain value, list, dict of them).
        custom_objects: ``{name: class_or_function}`` for custom objects.
        safe_mode: refuse to run code named or stored in the config (Python
            lambdas, imports of modules other than keras_core's).
        **kwargs: ``module_objects`` (``{name: object}``) to resolve plain
            string identifiers, as in the legacy API.

    Example:
    >>> cfg = keras_core.saving.serialize_keras_object(keras_core.layers.Dense(2))
    >>> keras_core.saving.deserialize_keras_object(cfg).units
    2
    """
    safe_mode = bool(safe_mode) and in_safe_mode()
    module_objects = kwargs.pop("module_objects", None)
    kwargs.pop("printable_module_name", None)
    if kwargs:
        raise TypeError(f"Unexpected keyword arguments: {sorted(kwargs)}")
    if isinstance(config, str) and module_objects is not None:
        obj = object_registration.get_registered_object(config, custom_objects, module_objects)
        return obj if obj is not None else config
    if config is None or isinstance(config, (bool, int, float, str)):
        return config
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(v, custom_objects, safe_mode) for v in config]
    if not isinstance(config, dict):
        raise TypeError(f"Cannot deserialize {config!r}: expected a dict, list or plain value.")
    if "class_name" not in config or "config" not in config:
        return {
            k: deserialize_keras_object(v, custom_objects, safe_mode) for k, v in config.items()
        }
    class_name = config["class_name"]
    inner = config["config"] if config["config"] is not None else {}
    special = _deserialize_special(class_name, inner, custom_objects, safe_mode)
    if special is not _NOT_SPECIAL:
        return special
    registered = config.get("registered_name")
    module = config.get("module")
    if class_name == "function":
        if not isinstance(inner, str):
            raise TypeError(
                f"A 'function' entry must have a string `config` (the function's name). "
                f"Received: config={config!r}"
            )
        return _retrieve(inner, registered, module, "function", custom_objects, safe_mode, config)
    shared = _shared_objects()
    shared_id = config.get("shared_object_id")
    if shared is not None and shared_id is not None and shared_id in shared:
        return shared[shared_id]
    cls = _retrieve(class_name, registered, module, "class", custom_objects, safe_mode, config)
    if isinstance(cls, types.FunctionType):
        return cls
    if not hasattr(cls, "from_config"):
        raise TypeError(
            f"{class_name} has no from_config(); it cannot be rebuilt from a config. "
            f"Received: config={config!r:.300}"
        )
    if not isinstance(inner, dict):
        raise TypeError(
            f"The `config` of a {class_name} entry must be a dict. Received: {inner!r:.300}"
        )
    inner = _drop_unsupported_defaults(cls, inner)
    with SafeModeScope(safe_mode), object_registration.CustomObjectScope(custom_objects or {}):
        sig = inspect.signature(cls.from_config)
        if "custom_objects" in sig.parameters:
            obj = cls.from_config(inner, custom_objects=custom_objects)
        else:
            obj = cls.from_config(inner)
        build_config = config.get("build_config")
        if build_config and hasattr(obj, "build_from_config"):
            if not getattr(obj, "built", False):
                obj.build_from_config(build_config)
            _complete_build(obj, build_config)
        compile_config = config.get("compile_config")
        if compile_config and hasattr(obj, "compile"):
            compile_from_config(obj, compile_config)
    if shared is not None and shared_id is not None:
        shared[shared_id] = obj
    return obj


_NOT_SPECIAL = object()

# Config keys that newer Keras 3 releases write with a default value for options
# keras_core's built-ins do not have; with these values they change nothing.
_HARMLESS_DEFAULTS = {
    "quantization_config": (None,),
    "input_axes": (None,),
    "output_axes": (None,),
    "data_format": (None, "channels_last"),
    "lora_rank": (None, 0),
    "lora_alpha": (None,),
}
_LAYER_EXTRA_KWARGS = ("input_shape", "batch_input_shape", "batch_size", "input_dim", "weights")


def _accepted_arguments(cls):
    """The keyword arguments ``cls(...)`` accepts, following ``**kwargs`` up the bases."""
    names = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        if klass is object:
            return names
        try:
            params = inspect.signature(init).parameters.values()
        except (TypeError, ValueError):
            return None
        names.update(p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
        if klass.__name__ == "Layer" and klass.__module__ == "keras_core.layers.layer":
            names.update(_LAYER_EXTRA_KWARGS)
            return names
        if not any(p.kind == p.VAR_KEYWORD for p in params):
            return names
    return names


def _drop_unsupported_defaults(cls, inner):
    """Removes Keras-3-only options left at their defaults from a built-in's config."""
    if not isinstance(inner, dict) or not _is_builtin(cls):
        return inner
    candidates = [
        k for k, v in inner.items() if k in _HARMLESS_DEFAULTS and v in _HARMLESS_DEFAULTS[k]
    ]
    if not candidates:
        return inner
    accepted = _accepted_arguments(cls)
    if accepted is None:
        return inner
    return {k: v for k, v in inner.items() if k in accepted or k not in candidates}


def _deserialize_special(class_name, inner, custom_objects, safe_mode):
    if class_name == "__tuple__":
        return tuple(deserialize_keras_object(v, custom_objects, safe_mode) for v in inner["value"])
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name in ("__numpy__", "__tensor__"):
        value = np.array(inner["value"], dtype=_numpy_dtype(inner["dtype"]))
        if class_name == "__tensor__":
            from keras_core import backend

            return backend.convert_to_tensor(value, dtype=inner["dtype"])
        return value
    if class_name == "__slice__":
        return slice(
            deserialize_keras_object(inner.get("start"), custom_objects, safe_mode),
            deserialize_keras_object(inner.get("stop"), custom_objects, safe_mode),
            deserialize_keras_object(inner.get("step"), custom_objects, safe_mode),
        )
    if class_name == "__ellipsis__":
        return Ellipsis
    if class_name == "__keras_tensor__":
        from keras_core.backend.common.keras_tensor import KerasTensor

        shape = tuple(inner["shape"]) if inner.get("shape") is not None else None
        return KerasTensor(shape, dtype=inner.get("dtype", "float32"))
    if class_name == "__lambda__":
        return _deserialize_lambda(inner, safe_mode, custom_objects)
    if class_name == "__typespec__":
        if not isinstance(inner, str):
            raise TypeError(
                "Cannot rebuild a TensorFlow TypeSpec: keras_core does not deserialize "
                f"framework type specs. Received: config={inner!r:.200}"
            )
        obj = object_registration.get_registered_object(inner, custom_objects) or _find_builtin(
            inner
        )
        if obj is None:
            raise TypeError(f"Could not locate class {inner!r}.")
        return obj
    return _NOT_SPECIAL


def _numpy_dtype(name):
    if name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return np.dtype(name)


def _complete_build(obj, build_config):
    """Creates the variables of a subclassed model whose ``build`` is Keras's default.

    ``build_from_config`` only records the input shape when ``build`` is not
    overridden; a symbolic call on that shape creates the sub-layers' weights.
    """
    from keras_core.layers.layer import Layer

    if not isinstance(obj, Layer) or not isinstance(build_config, dict):
        return
    shape = build_config.get("input_shape")
    if shape is None:
        return
    if not any(not layer.built for layer in obj._flatten_layers(include_self=False)):
        return
    from keras_core.backend.common.keras_tensor import KerasTensor
    from keras_core.layers.layer import _map_shapes

    try:
        spec = _map_shapes(lambda s: KerasTensor(s), shape)
        obj(spec)
    except Exception as e:  # the weights loader reports the missing variables precisely
        warnings.warn(
            f"Could not build {type(obj).__name__} {getattr(obj, 'name', '')!r} from its "
            f"build_config {build_config}: {e}",
            stacklevel=2,
        )


def compile_from_config(model, config):
    """Compiles ``model`` from a (serialized) ``compile_config``, as ``load_model`` does.

    Optimizer, losses and metrics are deserialized (also inside lists and
    dicts); keys ``compile()`` does not take are ignored. The optimizer is
    built when its saved state is loaded (``saving_lib``), or by training.
    """
    from keras_core import backend
    from keras_core.trainers.trainer import Trainer

    if type(model).compile_from_config is not Trainer.compile_from_config:
        model.compile_from_config(config)
        return
    config = dict(config)
    kwargs = {}
    accepted = inspect.signature(model.compile).parameters
    for key, value in config.items():
        if key not in accepted:
            continue
        if key == "optimizer" and isinstance(value, dict):
            from keras_core import optimizers

            value = optimizers.deserialize(value)
        elif key in ("loss", "loss_weights", "metrics", "weighted_metrics"):
            value = deserialize_keras_object(value)
        kwargs[key] = value
    if kwargs.get("jit_compile") is True and backend.backend() == "torch":
        # Keras 3 on jax writes `true` for "auto"; on torch that would switch on
        # torch.compile for a model that was never compiled that way.
        kwargs["jit_compile"] = "auto"
    model.compile(**kwargs)
