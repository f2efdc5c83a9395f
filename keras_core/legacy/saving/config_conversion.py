"""Rewrites Keras 2 model configs into the Keras 3 layout that keras_core reads.

Keras 2 differs in a few places: Functional ``inbound_nodes`` are lists of
``[layer_name, node_index, tensor_index, kwargs]`` entries, single inputs
and outputs are one-element lists, the model class may be called
``"Model"``, very old Sequential configs are a bare list of layers, and
``Lambda`` layers store their function as bytecode next to a
``function_type``. Everything else (module-less ``{"class_name", "config"}``
entries, ``batch_input_shape``) is understood as is.
"""

import copy

_MODEL_CLASSES = ("Functional", "Model", "Sequential")


def _tensor_ref(entry):
    name, node_index, tensor_index = entry[0], entry[1], entry[2]
    return {
        "class_name": "__keras_tensor__",
        "config": {"shape": None, "dtype": None, "keras_history": [name, node_index, tensor_index]},
    }


def _convert_node(node):
    if isinstance(node, dict):
        return node
    entries = list(node)
    if not entries:
        return {"args": [], "kwargs": {}}
    kwargs = {}
    if len(entries[0]) > 3 and isinstance(entries[0][3], dict):
        kwargs = dict(entries[0][3])
    refs = [_tensor_ref(e) for e in entries]
    args = [refs[0]] if len(refs) == 1 else [refs]
    return {"args": args, "kwargs": kwargs}


def _unwrap_single(struct):
    if (
        isinstance(struct, list)
        and len(struct) == 1
        and isinstance(struct[0], list)
        and struct[0]
        and isinstance(struct[0][0], str)
    ):
        return struct[0]
    return struct


def _convert_function_field(config, key):
    """A Keras 2 ``Lambda`` function/output_shape field -> a Keras 3 serialized entry."""
    kind = config.pop(f"{key}_type", None)
    module = config.pop(f"{key}_module", None)
    if key == "function":
        module = config.pop("module", module)
    value = config.get(key)
    if kind is None or value is None:
        return
    if kind == "lambda":
        if isinstance(value, (list, tuple)):
            code, defaults, closure = (list(value) + [None, None])[:3]
        else:
            code, defaults, closure = value, None, None
        config[key] = {
            "class_name": "__lambda__",
            "config": {"code": code, "defaults": defaults, "closure": closure},
        }
    elif kind == "function":
        config[key] = {
            "module": module,
            "class_name": "function",
            "config": value,
            "registered_name": value,
        }
    # kind == "raw": a plain value (a shape), kept as is.


def convert_legacy_layer_config(entry):
    """One serialized layer (or model) in Keras 2 form -> Keras 3 form (a new dict)."""
    if not isinstance(entry, dict) or "class_name" not in entry:
        return entry
    entry = copy.deepcopy(entry)
    class_name = entry["class_name"]
    config = entry.get("config")
    if class_name == "Model":
        entry["class_name"] = "Functional"
        class_name = "Functional"
    if class_name == "Sequential" and isinstance(config, list):
        entry["config"] = config = {"name": None, "layers": config}
    if class_name == "Lambda" and isinstance(config, dict):
        _convert_function_field(config, "function")
        _convert_function_field(config, "output_shape")
    if class_name in _MODEL_CLASSES and isinstance(config, dict):
        entry["config"] = convert_legacy_model_config(class_name, config)
    if isinstance(config, dict) and isinstance(config.get("layer"), dict):
        config["layer"] = convert_legacy_layer_config(config["layer"])
    if "inbound_nodes" in entry:
        entry["inbound_nodes"] = [_convert_node(n) for n in entry["inbound_nodes"]]
    return entry


def convert_legacy_model_config(class_name, config):
    """The ``config`` of a Keras 2 Sequential/Functional model in the Keras 3 layout."""
    config = dict(config)
    layers = config.get("layers") or []
    config["layers"] = [convert_legacy_layer_config(layer) for layer in layers]
    if class_name != "Sequential":
        for key in ("input_layers", "output_layers"):
            if key in config:
                config[key] = _unwrap_single(config[key])
    return config


def convert_legacy_model(model_config):
    """A whole legacy ``model_config`` (``{"class_name", "config"}``) in the Keras 3 layout."""
    return convert_legacy_layer_config(model_config)
