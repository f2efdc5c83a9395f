"""The legacy (Keras 2) HDF5 model and weights format (``.h5``).

A full-model file has root attributes ``model_config`` (JSON of
``{"class_name", "config"}``), ``training_config`` (the compile arguments,
with ``optimizer_config``), ``keras_version`` and ``backend``; a
``model_weights`` group; and, when the optimizer was included, an
``optimizer_weights`` group. A weights-only file is the ``model_weights``
group at the root. Layer weights live in one group per layer, named by the
layer's name, whose ``weight_names`` attribute lists the datasets in the
order of ``layer.weights`` (trainable, then non-trainable); ``layer_names``
lists the layers in model order. Loading matches layers by order (only
layers that have weights count) or, with ``by_name=True``, by name.
Attributes over 64 KB are split into ``name0``, ``name1``, ...
"""

import json
import os
import warnings

import numpy as np

from keras_core.legacy.saving import config_conversion
from keras_core.saving import object_registration, saving_lib, serialization_lib

_ATTR_LIMIT = 64512


def _h5py():
    return saving_lib._h5py()


def _open(filepath, mode):
    h5py = _h5py()
    try:
        return h5py.File(filepath, mode)
    except OSError as e:
        raise ValueError(
            f"Cannot open {os.fspath(filepath)!r} as an HDF5 file: {e}. The file is missing, "
            "truncated or corrupt."
        ) from e


def _decode(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.bytes_):
        return bytes(value).decode("utf-8")
    return value


# ----------------------------------------------------------------------
# Attributes (split in chunks when too large)
# ----------------------------------------------------------------------
def save_attributes_to_hdf5_group(group, name, data):
    """Writes a list of strings as attribute ``name`` (``name0``, ``name1``... if over 64 KB)."""
    encoded = [d.encode("utf-8") if isinstance(d, str) else d for d in data]
    too_long = [x for x in encoded if len(x) > _ATTR_LIMIT]
    if too_long:
        raise ValueError(
            f"Attribute {name!r}: items longer than {_ATTR_LIMIT} bytes cannot be saved in "
            f"HDF5. Received items of length {[len(x) for x in too_long]}."
        )
    array = np.asarray(encoded, dtype="S") if encoded else np.asarray([], dtype="S1")
    chunks = 1
    split = [array]
    while any(c.nbytes > _ATTR_LIMIT for c in split):
        chunks += 1
        split = np.array_split(array, chunks)
    if chunks > 1:
        for i, chunk in enumerate(split):
            group.attrs[f"{name}{i}"] = chunk
    else:
        group.attrs[name] = array


def load_attributes_from_hdf5_group(group, name):
    """Reads a list-of-strings attribute written by ``save_attributes_to_hdf5_group``."""
    if name in group.attrs:
        values = group.attrs[name]
        values = values.tolist() if hasattr(values, "tolist") else list(values)
        return [_decode(v) for v in values]
    out, i = [], 0
    while f"{name}{i}" in group.attrs:
        out.extend(_decode(v) for v in group.attrs[f"{name}{i}"].tolist())
        i += 1
    return out


# ----------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------
def _legacy_weights(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _version_attrs(group):
    from keras_core import backend
    from keras_core.version import __version__

    group.attrs["backend"] = backend.backend().encode("utf-8")
    group.attrs["keras_version"] = str(__version__).encode("utf-8")


def _unique_names(names):
    seen, out = {}, []
    for n in names:
        if n in seen:
            seen[n] += 1
            n = f"{n}_{seen[n]}"
        else:
            seen[n] = 0
        out.append(n)
    return out


def _write_weight_group(group, variables):
    names = _unique_names([v.path for v in variables])
    save_attributes_to_hdf5_group(group, "weight_names", names)
    for name, v in zip(names, variables):
        value = np.asarray(v.numpy())
        dataset = group.create_dataset(name, value.shape, dtype=value.dtype)
        if value.shape:
            dataset[:] = value
        else:
            dataset[()] = value


def save_weights_to_hdf5_group(f, model):
    """Writes ``model``'s layer weights into ``f`` in the legacy layout."""
    layers = model.layers
    save_attributes_to_hdf5_group(f, "layer_names", [layer.name for layer in layers])
    _version_attrs(f)
    for layer in sorted(layers, key=lambda x: x.name):
        _write_weight_group(f.create_group(layer.name), _legacy_weights(layer))
    layer_ids = {id(v) for layer in layers for v in _legacy_weights(layer)}
    own = [v for v in _legacy_weights(model) if id(v) not in layer_ids]
    _write_weight_group(f.create_group("top_level_model_weights"), own)


def _read_weight_group(group):
    names = load_attributes_from_hdf5_group(group, "weight_names")
    return names, [np.asarray(group[n][()]) for n in names]


def _assign_all(layer, variables, values, where, skip_mismatch):
    if len(variables) != len(values):
        msg = (
            f"Weight count mismatch for {where}: layer {layer.name!r} expects "
            f"{len(variables)} weight(s), but the file has {len(values)}."
        )
        if skip_mismatch:
            warnings.warn(f"Skipping loading of weights for {layer.name!r}: {msg}", stacklevel=3)
            return
        raise ValueError(msg)
    for v, value in zip(variables, values):
        if tuple(v.shape) != tuple(value.shape):
            msg = (
                f"Shape mismatch for {where}: weight {v.path!r} of layer {layer.name!r} has "
                f"shape {tuple(v.shape)}, but the saved weight has shape {tuple(value.shape)}."
            )
            if skip_mismatch:
                warnings.warn(
                    f"Skipping loading of weights for {layer.name!r}: {msg}", stacklevel=3
                )
                return
            raise ValueError(msg)
    for v, value in zip(variables, values):
        saving_lib._assign_loaded(v, value)


def load_weights_from_hdf5_group(f, model, skip_mismatch=False):
    """Loads legacy layer weights by layer order (only layers with weights count)."""
    layer_names = load_attributes_from_hdf5_group(f, "layer_names")
    saved = []
    for name in layer_names:
        names, values = _read_weight_group(f[name])
        if values:
            saved.append((name, values))
    layers = [layer for layer in model.layers if _legacy_weights(layer)]
    if len(saved) != len(layers):
        raise ValueError(
            "Layer count mismatch when loading weights from file. Model expected "
            f"{len(layers)} layers with weights, found {len(saved)} saved layers with weights."
        )
    for k, (layer, (name, values)) in enumerate(zip(layers, saved)):
        _assign_all(
            layer,
            _legacy_weights(layer),
            values,
            f"layer #{k} ({layer.name!r} in the model, {name!r} in the file)",
            skip_mismatch,
        )
    _load_top_level(f, model, skip_mismatch)


def _load_top_level(f, model, skip_mismatch):
    if "top_level_model_weights" not in f:
        return
    _, values = _read_weight_group(f["top_level_model_weights"])
    layer_ids = {id(v) for layer in model.layers for v in _legacy_weights(layer)}
    own = [v for v in _legacy_weights(model) if id(v) not in layer_ids]
    if values or own:
        _assign_all(model, own, values, "the model's top-level weights", skip_mismatch)


def load_weights_from_hdf5_group_by_name(f, model, skip_mismatch=False):
    """Loads legacy layer weights into the layers that have the saved layers' names."""
    layer_names = load_attributes_from_hdf5_group(f, "layer_names")
    by_name = {}
    for layer in model.layers:
        by_name.setdefault(layer.name, []).append(layer)
    for name in layer_names:
        _, values = _read_weight_group(f[name])
        for layer in by_name.get(name, []):
            _assign_all(layer, _legacy_weights(layer), values, f"layer {name!r}", skip_mismatch)
    _load_top_level(f, model, skip_mismatch)


def load_weights_from_hdf5(model, filepath, by_name=False, skip_mismatch=False):
    """``model.load_weights`` for a legacy ``.h5`` file (full-model or weights-only)."""
    if skip_mismatch and not by_name:
        raise ValueError(
            "When loading a legacy `.h5` weights file, `skip_mismatch=True` needs "
            "`by_name=True`: matching by layer order cannot skip layers."
        )
    saving_lib._sync_model(model)
    with _open(filepath, "r") as f:
        group = f["model_weights"] if "model_weights" in f else f
        if by_name:
            load_weights_from_hdf5_group_by_name(group, model, skip_mismatch=skip_mismatch)
        else:
            load_weights_from_hdf5_group(group, model)


# ----------------------------------------------------------------------
# Whole models
# ----------------------------------------------------------------------
def _legacy_class_name(obj):
    return object_registration.get_registered_name(type(obj))


def _training_config(model):
    config = model.get_compile_config() if hasattr(model, "get_compile_config") else None
    if not config or model.optimizer is None:
        return None
    out = {}
    for key in (
        "loss",
        "loss_weights",
        "metrics",
        "weighted_metrics",
        "run_eagerly",
        "steps_per_execution",
        "jit_compile",
    ):
        if key in config:
            out[key] = config[key]
    out["jit_compile"] = bool(model.jit_compile)
    optimizer = model.optimizer
    out["optimizer_config"] = {
        "class_name": _legacy_class_name(optimizer),
        "config": serialization_lib.serialize_keras_object(optimizer.get_config()),
    }
    return out


def save_model_to_hdf5(model, filepath, overwrite=True, include_optimizer=True):
    """Writes ``model`` (architecture, weights, compile settings, optimizer state) to ``.h5``."""
    saving_lib._sync_model(model)
    model_config = {
        "class_name": _legacy_class_name(model),
        "config": serialization_lib.serialize_keras_object(model.get_config()),
    }
    training = _training_config(model) if include_optimizer else None

    def write(tmp):
        h5py = _h5py()
        with h5py.File(tmp, "w") as f:
            _version_attrs(f)
            f.attrs["model_config"] = json.dumps(model_config).encode("utf-8")
            save_weights_to_hdf5_group(f.create_group("model_weights"), model)
            if training is not None:
                f.attrs["training_config"] = json.dumps(training).encode("utf-8")
                optimizer = model.optimizer
                if getattr(optimizer, "built", False):
                    _write_weight_group(f.create_group("optimizer_weights"), optimizer.variables)

    saving_lib.atomic_write(filepath, write)


def model_from_legacy_config(model_config, custom_objects=None, safe_mode=True):
    """Builds a model from a legacy ``model_config`` dict (Keras 2 or Keras 3 ``.h5``)."""
    config = config_conversion.convert_legacy_model(model_config)
    with (
        serialization_lib.ObjectSharingScope(),
        serialization_lib.SafeModeScope(safe_mode),
        object_registration.CustomObjectScope(custom_objects or {}),
    ):
        return serialization_lib.deserialize_keras_object(
            config, custom_objects=custom_objects, safe_mode=safe_mode
        )


_OPTIMIZER_DROPPED_KEYS = ("is_legacy_optimizer", "jit_compile", "decay")


def _legacy_optimizer(config, custom_objects):
    from keras_core import optimizers

    config = dict(config)
    inner = dict(config.get("config") or {})
    if "lr" in inner and "learning_rate" not in inner:
        inner["learning_rate"] = inner.pop("lr")
    inner.pop("lr", None)
    for key in _OPTIMIZER_DROPPED_KEYS:
        inner.pop(key, None)
    if isinstance(inner.get("learning_rate"), dict):
        lr = dict(inner["learning_rate"])
        lr.setdefault("module", "keras.optimizers.schedules")
        inner["learning_rate"] = lr
    config["config"] = inner
    return optimizers.deserialize(config, custom_objects=custom_objects)


def _legacy_compile_value(value, namespace, custom_objects):
    if isinstance(value, list):
        return [_legacy_compile_value(v, namespace, custom_objects) for v in value]
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        entry = dict(value)
        inner = dict(entry.get("config") or {})
        if inner.get("reduction") in ("auto", "sum_over_batch_size") and namespace == "losses":
            inner["reduction"] = "sum_over_batch_size"
        entry["config"] = inner
        entry.setdefault("module", f"keras.{namespace}")
        return serialization_lib.deserialize_keras_object(entry, custom_objects=custom_objects)
    if isinstance(value, dict):
        return {k: _legacy_compile_value(v, namespace, custom_objects) for k, v in value.items()}
    return value


def compile_args_from_training_config(training_config, custom_objects=None):
    """The ``compile()`` arguments recorded in a legacy ``training_config``."""
    args = {}
    optimizer_config = training_config.get("optimizer_config")
    if optimizer_config is not None:
        args["optimizer"] = _legacy_optimizer(optimizer_config, custom_objects)
    if training_config.get("loss") is not None:
        args["loss"] = _legacy_compile_value(training_config["loss"], "losses", custom_objects)
    for key in ("metrics", "weighted_metrics"):
        if training_config.get(key) is not None:
            args[key] = _legacy_compile_value(training_config[key], "metrics", custom_objects)
    if training_config.get("loss_weights") is not None:
        args["loss_weights"] = training_config["loss_weights"]
    for key in ("run_eagerly", "steps_per_execution"):
        if key in training_config and training_config[key] is not None:
            args[key] = training_config[key]
    return args


def load_model_from_hdf5(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a legacy ``.h5`` model (saved by Keras 2, Keras 3 or keras_core)."""
    display = os.fspath(filepath)
    with _open(filepath, "r") as f:
        raw = f.attrs.get("model_config")
        if raw is None:
            raise ValueError(
                f"No model config found in the file at {display}: it holds only weights. Build "
                "the model in code and call model.load_weights() instead."
            )
        try:
            model_config = json.loads(_decode(raw))
        except ValueError as e:
            raise ValueError(
                f"The model_config attribute of {display!r} is not valid JSON: {e}."
            ) from e
        model = model_from_legacy_config(model_config, custom_objects, safe_mode)
        try:
            load_weights_from_hdf5_group(f["model_weights"], model)
        except KeyError as e:
            raise ValueError(f"{display!r} has no readable model_weights group: {e}") from e
        if not compile:
            return model
        raw_training = f.attrs.get("training_config")
        if raw_training is None:
            warnings.warn(
                "No training configuration found in the save file, so the model was *not* "
                "compiled. Compile it manually.",
                stacklevel=2,
            )
            return model
        training_config = json.loads(_decode(raw_training))
        with object_registration.CustomObjectScope(custom_objects or {}):
            model.compile(**compile_args_from_training_config(training_config, custom_objects))
        if "optimizer_weights" in f and model.optimizer is not None:
            _, values = _read_weight_group(f["optimizer_weights"])
            optimizer = model.optimizer
            if not optimizer.built and model.trainable_variables:
                optimizer.build(model.trainable_variables)
            try:
                optimizer.set_weights(values)
            except ValueError as e:
                warnings.warn(
                    "Error in loading the saved optimizer state; the optimizer starts fresh. "
                    f"({e})",
                    stacklevel=2,
                )
    return model
