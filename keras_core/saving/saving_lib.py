"""The Keras 3 ``.keras`` file and the ``.weights.h5`` weights layout.

A ``.keras`` file is a zip archive (members stored uncompressed) holding
``metadata.json`` (``keras_version``, ``date_saved``), ``config.json`` (the
serialized model, with its ``compile_config``) and ``model.weights.h5``.

The weights file gives every saved object (layer, optimizer) a group; the
object's *own* variables are the datasets ``"0"``, ``"1"``, ... of its
``vars`` subgroup, whose ``name`` attribute is the object's name. Group paths
come from the object structure, not from layer names: a Sequential or
Functional model's ``layers`` come first, named by the snake_case of their
class (``dense``, ``dense_1``...); other children are reached through their
attribute names, public before private, each object written once. Loading
walks the freshly built model the same way and assigns datasets by order.
"""

import datetime
import io
import json
import os
import re
import shutil
import stat
import tempfile
import warnings
import zipfile
import zlib

import numpy as np

from keras_core.saving import object_registration, serialization_lib

CONFIG_FILENAME = "config.json"
METADATA_FILENAME = "metadata.json"
VARIABLES_FILENAME = "model.weights.h5"
ASSETS_DIRNAME = "assets"
# Zip-bomb limits: a member larger than ZIP_BOMB_MIN_BYTES may not inflate more than
# ZIP_BOMB_MAX_RATIO times (Keras writes its archives stored, ratio ~1), and no archive
# may inflate beyond MAX_INFLATED_MEMBER_BYTES. The zip reader stops at the declared
# sizes, so checking them bounds what a load can inflate.
ZIP_BOMB_MIN_BYTES = 16 * 2**20
ZIP_BOMB_MAX_RATIO = 100
MAX_INFLATED_MEMBER_BYTES = 64 * 2**30

# Attributes of the base classes that are never walked: bookkeeping, or state Keras
# does not save (compiled losses and metrics, the Sequential's inner graph).
_SKIP_ALWAYS = frozenset(
    {
        "_inbound_nodes",
        "_outbound_nodes",
        "_own_variables",
        "_losses",
        "_torch_params",
        "_torch_children",
        "_init_args",
        "_build_shapes",
        "_dtype_policy",
    }
)
_SKIP_MODEL = frozenset(
    {
        "_compile_loss",
        "_compile_metrics",
        "_loss_tracker",
        "_compile_config",
        "history",
        "train_function",
        "test_function",
        "predict_function",
        "_eval_epoch_iterator",
        "_jax_state",
    }
)
_SKIP_GRAPH_MODEL = frozenset(
    {
        "_layers",
        "_functional",
        "_input_layer",
        "_nodes",
        "_input_tensors",
        "_output_tensors",
        "_inputs_struct",
        "_outputs_struct",
    }
)
_SKIP_OPTIMIZER = frozenset({"_variables", "_trainable_variables", "_iterations", "_learning_rate"})


def to_snake_case(name: str) -> str:
    """The group name of an object of class ``name`` (``MaxPooling2D`` -> ``max_pooling2d``).

    An underscore goes before each capital that follows a lowercase letter or
    that starts a capitalized word; then everything is lowercased.

    Example:
    >>> to_snake_case("GlobalAveragePooling1D")
    'global_average_pooling1d'
    """
    name = re.sub(r"\W+", "", name)
    out = []
    for i, c in enumerate(name):
        if i and c.isupper() and "A" <= c <= "Z":
            prev = name[i - 1]
            nxt = name[i + 1] if i + 1 < len(name) else ""
            if ("a" <= prev <= "z") or ("a" <= nxt <= "z" and nxt != ""):
                out.append("_")
        out.append(c)
    return "".join(out).lower()


# ----------------------------------------------------------------------
# The HDF5 variable store
# ----------------------------------------------------------------------
def _h5py():
    try:
        import h5py
    except ImportError as e:
        raise ImportError("Saving and loading weights needs h5py: `pip install h5py`.") from e
    return h5py


class H5Entry:
    """The ``vars`` group of one object: a dict of arrays keyed ``"0"``, ``"1"``, ...

    Objects with custom state implement ``save_own_variables(store)`` and
    ``load_own_variables(store)`` against this mapping.
    """

    def __init__(self, group, writable):
        self._group = group
        self._writable = writable

    def keys(self):
        if self._group is None:
            return []
        return sorted(
            self._group.keys(), key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k)
        )

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return self._group is not None and str(key) in self._group

    def __iter__(self):
        return iter(self.keys())

    def items(self):
        return [(k, self[k]) for k in self.keys()]

    def __getitem__(self, key):
        if self._group is None or str(key) not in self._group:
            raise KeyError(f"No variable {key!r} in this group.")
        dataset = self._group[str(key)]
        value = np.asarray(dataset[()])
        if dataset.attrs.get("dtype") == "bfloat16":
            import ml_dtypes

            if value.dtype.itemsize == 2 and value.dtype.kind in "uiV":
                return value.view(ml_dtypes.bfloat16)
            return value.astype(ml_dtypes.bfloat16)
        return value

    def __setitem__(self, key, value):
        if not self._writable:
            raise ValueError("This weights store was opened for reading; it cannot be written.")
        from keras_core import backend

        if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
            value = value.numpy()
        value = np.asarray(backend.convert_to_numpy(value))
        if value.dtype.name == "bfloat16":
            dataset = self._group.create_dataset(str(key), data=value)
            dataset.attrs["dtype"] = "bfloat16"
        else:
            self._group.create_dataset(str(key), data=value)


class H5IOStore:
    """Reads or writes the variables of a model in the Keras 3 HDF5 layout.

    Args:
        target: a path or a binary file object.
        mode: ``"r"`` or ``"w"``.
        display_name: how errors name the file.
    """

    def __init__(self, target, mode="r", display_name=None):
        h5py = _h5py()
        self.mode = mode
        self.display_name = display_name or str(target)
        try:
            self.h5_file = h5py.File(target, mode)
        except OSError as e:
            raise ValueError(
                f"Cannot open {self.display_name!r} as an HDF5 weights file: {e}. The file is "
                "missing, truncated or corrupt."
            ) from e

    def make(self, path, name=None):
        """Creates (for writing) the ``vars`` group of the object at ``path``."""
        if self.mode != "w":
            raise ValueError("`make` needs a store opened with mode='w'.")
        group = self.h5_file.create_group(f"{path}/vars" if path else "vars")
        if name is not None:
            group.attrs["name"] = name
        return H5Entry(group, writable=True)

    def get(self, path):
        """The ``vars`` group of the object at ``path`` (empty if absent)."""
        key = f"{path}/vars" if path else "vars"
        try:
            group = self.h5_file[key] if key in self.h5_file else None
        except (KeyError, OSError, RuntimeError) as e:
            raise ValueError(f"Cannot read group {key!r} of {self.display_name!r}: {e}") from e
        return H5Entry(group, writable=False)

    def has_path(self, path):
        return path in self.h5_file

    def close(self):
        self.h5_file.close()


class DiskIOStore:
    """Directories for objects' assets (``save_assets(dir)``/``load_assets(dir)``)."""

    def __init__(self, root):
        self.root = root

    def make(self, path):
        directory = os.path.join(self.root, path) if path else self.root
        os.makedirs(directory, exist_ok=True)
        return directory

    def get(self, path):
        directory = os.path.join(self.root, path) if path else self.root
        return directory if os.path.isdir(directory) else self.make(path)


# ----------------------------------------------------------------------
# Walking the object structure
# ----------------------------------------------------------------------
def _saveable_types():
    from keras_core.layers.layer import Layer
    from keras_core.optimizers.base_optimizer import Optimizer

    return (Layer, Optimizer)


def _is_saveable(obj):
    return isinstance(obj, _saveable_types())


def _framework_classes():
    """Base classes whose properties are never walked (weights, layers, metrics...)."""
    from keras_core import backend
    from keras_core.layers.layer import Layer
    from keras_core.models.functional import Functional
    from keras_core.models.model import Model, Trainer
    from keras_core.models.sequential import Sequential
    from keras_core.ops.operation import Operation
    from keras_core.optimizers.base_optimizer import Optimizer
    from keras_core.trainers.trainer import Trainer as BaseTrainer

    return {
        Layer,
        Model,
        Functional,
        Sequential,
        Operation,
        Optimizer,
        Trainer,
        BaseTrainer,
        backend.BackendLayer,
        object,
    }


def _class_properties(obj):
    """Properties defined by the object's own classes (not the framework base classes)."""
    skip = _framework_classes()
    names = []
    for klass in type(obj).__mro__:
        if klass in skip or klass.__module__.startswith("torch."):
            continue
        for name, value in vars(klass).items():
            if isinstance(value, property) and not name.startswith("__"):
                names.append(name)
    return names


def _sort_key(name):
    return (name.startswith("_"), name)


def _children(obj):
    """``(attribute name, value)`` pairs to walk below ``obj``, in Keras 3's order."""
    from keras_core.models.functional import Functional
    from keras_core.models.model import Model
    from keras_core.models.sequential import Sequential
    from keras_core.optimizers.base_optimizer import Optimizer

    skip = _SKIP_ALWAYS
    if isinstance(obj, Model):
        skip = skip | _SKIP_MODEL
    if isinstance(obj, (Sequential, Functional)):
        skip = skip | _SKIP_GRAPH_MODEL
        yield "layers", obj.layers
    if isinstance(obj, Optimizer):
        skip = skip | _SKIP_OPTIMIZER
    names = set()
    for name in list(vars(obj)):
        if name.startswith("__") or name in skip:
            continue
        names.add(name)
    names.update(_class_properties(obj))
    if isinstance(obj, Model) and not isinstance(obj, (Sequential, Functional)):
        names.add("layers")
    for name in sorted(names, key=_sort_key):
        try:
            value = getattr(obj, name)
        except Exception:  # properties of half-built objects may raise
            continue
        yield name, value


def _own_layer_variables(layer):
    own = list(layer._own_variables)
    return [v for v in own if v.trainable] + [v for v in own if not v.trainable]


def _save_own(obj, entry):
    from keras_core.layers.layer import Layer

    custom = getattr(obj, "save_own_variables", None)
    if custom is not None:
        custom(entry)
        return
    if isinstance(obj, Layer):
        for i, v in enumerate(_own_layer_variables(obj)):
            entry[str(i)] = v.numpy()


def _assign_loaded(variable, value):
    # Loading restores values exactly (``assign`` applies no constraint).
    variable.assign(value)


def _load_own(obj, entry):
    from keras_core.layers.layer import Layer

    custom = getattr(obj, "load_own_variables", None)
    if custom is not None:
        custom(entry)
        return
    if not isinstance(obj, Layer):
        return
    variables = _own_layer_variables(obj)
    keys = entry.keys()
    if len(keys) != len(variables):
        if not variables and not obj.built:
            raise ValueError(
                f"Layer {obj.name!r} ({type(obj).__name__}) was never built, so it has no "
                f"variables, while the file holds {len(keys)} for it. Build the model (call "
                "it on data or build(input_shape)) before loading weights."
            )
        raise ValueError(
            f"Layer {obj.name!r} ({type(obj).__name__}) expected {len(variables)} variables, "
            f"but received {len(keys)} variables during loading. Expected: "
            f"{[v.path for v in variables]}"
        )
    values = [entry[str(i)] for i in range(len(variables))]
    for v, value in zip(variables, values):
        if tuple(value.shape) != tuple(v.shape):
            raise ValueError(
                f"Layer {obj.name!r}: variable {v.path!r} has shape {tuple(v.shape)}, but the "
                f"saved value has shape {tuple(value.shape)}."
            )
    for v, value in zip(variables, values):
        _assign_loaded(v, value)


def _walk_save(obj, weights_store, assets_store, path, visited):
    if id(obj) in visited:
        return
    visited.add(id(obj))
    if weights_store is not None:
        name = getattr(obj, "name", None)
        entry = weights_store.make(path, name if isinstance(name, str) else None)
        _save_own(obj, entry)
    if assets_store is not None and hasattr(obj, "save_assets"):
        obj.save_assets(assets_store.make(path))
    for attr, child in _children(obj):
        child_path = f"{path}/{attr}" if path else attr
        if _is_saveable(child):
            _walk_save(child, weights_store, assets_store, child_path, visited)
        elif isinstance(child, (list, tuple, dict)):
            _walk_container(
                child, child_path, visited, set(), _walk_save, weights_store, assets_store
            )


def _walk_container(container, path, visited, seen_containers, fn, *stores, **kwargs):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    items = list(container.values()) if isinstance(container, dict) else list(container)
    used = {}

    def unique(base):
        if base in used:
            used[base] += 1
            return f"{base}_{used[base]}"
        used[base] = 0
        return base

    for item in items:
        if _is_saveable(item):
            name = unique(to_snake_case(type(item).__name__))
            fn(item, *stores, f"{path}/{name}", visited, **kwargs)
        elif isinstance(item, (list, tuple, dict)):
            name = unique("container")
            _walk_container(item, f"{path}/{name}", visited, seen_containers, fn, *stores, **kwargs)


def _walk_load(obj, weights_store, assets_store, path, visited, errors):
    if id(obj) in visited:
        return
    visited.add(id(obj))
    from keras_core.optimizers.base_optimizer import Optimizer

    # An optimizer absent from the file (the model was saved uncompiled) keeps its state.
    if weights_store is not None and not (
        isinstance(obj, Optimizer) and path and not weights_store.has_path(path)
    ):
        try:
            _load_own(obj, weights_store.get(path))
        except (ValueError, KeyError, TypeError) as e:
            errors.append((obj, path, e))
    if assets_store is not None and hasattr(obj, "load_assets"):
        obj.load_assets(assets_store.get(path))
    for attr, child in _children(obj):
        child_path = f"{path}/{attr}" if path else attr
        if _is_saveable(child):
            _walk_load(child, weights_store, assets_store, child_path, visited, errors)
        elif isinstance(child, (list, tuple, dict)):
            _walk_container(
                child,
                child_path,
                visited,
                set(),
                _walk_load,
                weights_store,
                assets_store,
                errors=errors,
            )


def save_state(model, weights_store, assets_store=None):
    """Writes the variables (and assets) of ``model`` and everything below it."""
    _walk_save(model, weights_store, assets_store, "", set())


def load_state(model, weights_store, assets_store=None, skip_mismatch=False, display_name=""):
    """Reads the variables of ``model`` back; mismatches raise (or warn with ``skip_mismatch``)."""
    errors = []
    _walk_load(model, weights_store, assets_store, "", set(), errors)
    if not errors:
        return
    lines = [
        f"  {type(obj).__name__} {getattr(obj, 'name', '')!r} at {path or '/'!r}: {e}"
        for obj, path, e in errors
    ]
    where = f" from {display_name!r}" if display_name else ""
    if skip_mismatch:
        warnings.warn(
            f"Skipped loading the weights of {len(errors)} object(s){where} that do not match "
            "the model:\n" + "\n".join(lines),
            stacklevel=3,
        )
        return
    raise ValueError(
        f"A total of {len(errors)} object(s) could not be loaded{where}:\n"
        + "\n".join(lines)
        + "\nPass skip_mismatch=True to load the rest anyway."
    )


def _sync_model(model):
    """Writes a JAX trainer's live state back into the Variables before reading them."""
    sync = getattr(model, "_sync_variables", None)
    if callable(sync):
        sync()


def _prepare_optimizer_for_loading(model, weights_store):
    """Builds a compiled model's optimizer when the file holds optimizer state."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or getattr(optimizer, "built", True) or not getattr(model, "built", False):
        return
    if len(weights_store.get("optimizer").keys()) > len(optimizer.variables):
        trainable = model.trainable_variables
        if trainable:
            optimizer.build(trainable)


# ----------------------------------------------------------------------
# .keras files
# ----------------------------------------------------------------------
def _version():
    from keras_core.version import __version__

    return __version__


def serialize_model_as_json(model):
    """``(config.json text, metadata.json text)`` for ``model``."""
    config = serialization_lib.serialize_keras_object(model)
    metadata = {
        "keras_version": _version(),
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
    }
    return json.dumps(config), json.dumps(metadata)


def _write_archive(model, fileobj, display_name):
    config_json, metadata_json = serialize_model_as_json(model)
    weights = io.BytesIO()
    store = H5IOStore(weights, "w", display_name=display_name)
    assets_dir = tempfile.mkdtemp(prefix="keras_core_assets_")
    try:
        try:
            save_state(model, store, DiskIOStore(assets_dir))
        finally:
            store.close()
        with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(METADATA_FILENAME, metadata_json)
            archive.writestr(CONFIG_FILENAME, config_json)
            archive.writestr(VARIABLES_FILENAME, weights.getvalue())
            for root, _, files in os.walk(assets_dir):
                for filename in sorted(files):
                    full = os.path.join(root, filename)
                    rel = os.path.relpath(full, assets_dir).replace(os.sep, "/")
                    archive.write(full, f"{ASSETS_DIRNAME}/{rel}")
    finally:
        shutil.rmtree(assets_dir, ignore_errors=True)


def atomic_write(filepath, write_fn):
    """Calls ``write_fn(tmp_path)`` then renames: a failed save leaves ``filepath`` intact."""
    filepath = os.fspath(filepath)
    directory = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix="." + os.path.basename(filepath) + ".", suffix=".tmp", dir=directory
    )
    os.close(fd)
    try:
        write_fn(tmp)
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def save_model(model, filepath, zipped=True):
    """Writes ``model`` as a ``.keras`` archive (or, ``zipped=False``, a directory).

    ``filepath`` may be a path or a writable binary file object.
    """
    _sync_model(model)
    if hasattr(filepath, "write"):
        _write_archive(model, filepath, display_name=getattr(filepath, "name", "<file object>"))
        return
    filepath = os.fspath(filepath)
    if not zipped:
        _save_unzipped(model, filepath)
        return

    def write(tmp):
        with open(tmp, "wb") as f:
            _write_archive(model, f, display_name=filepath)

    atomic_write(filepath, write)


def _save_unzipped(model, directory):
    parent = os.path.dirname(os.path.abspath(directory))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="." + os.path.basename(directory) + ".", dir=parent)
    try:
        config_json, metadata_json = serialize_model_as_json(model)
        with open(os.path.join(tmp, METADATA_FILENAME), "w") as f:
            f.write(metadata_json)
        with open(os.path.join(tmp, CONFIG_FILENAME), "w") as f:
            f.write(config_json)
        store = H5IOStore(os.path.join(tmp, VARIABLES_FILENAME), "w")
        try:
            save_state(model, store, DiskIOStore(os.path.join(tmp, ASSETS_DIRNAME)))
        finally:
            store.close()
        assets = os.path.join(tmp, ASSETS_DIRNAME)
        if os.path.isdir(assets) and not os.listdir(assets):
            os.rmdir(assets)
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        os.replace(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class _Archive:
    """Read access to a ``.keras`` zip (path or file object) or an unzipped directory."""

    def __init__(self, filepath):
        self.display_name = (
            getattr(filepath, "name", "<file object>")
            if hasattr(filepath, "read")
            else os.fspath(filepath)
        )
        self.directory = None
        self.zip = None
        if not hasattr(filepath, "read") and os.path.isdir(os.fspath(filepath)):
            self.directory = os.fspath(filepath)
            if not os.path.exists(os.path.join(self.directory, CONFIG_FILENAME)):
                raise ValueError(
                    f"{self.display_name!r} is a directory without a {CONFIG_FILENAME}: it is "
                    "not an unzipped Keras model."
                )
            return
        try:
            self.zip = zipfile.ZipFile(filepath, "r")
        except FileNotFoundError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
            raise ValueError(
                f"Cannot open {self.display_name!r} as a .keras archive: {e}. The file is "
                "truncated, corrupt or not a .keras (zip) file."
            ) from e
        try:
            self._check_members()
        except BaseException:
            self.zip.close()
            raise

    def _check_members(self):
        """Refuses unsafe member names, links and members that inflate like a zip bomb."""
        total = 0
        for info in self.zip.infolist():
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if (
                name.startswith(("/", "\\"))
                or re.match(r"^[A-Za-z]:", name)
                or ".." in parts
                or "\x00" in name
            ):
                raise ValueError(
                    f"{self.display_name!r} holds a member with an unsafe path {name!r} "
                    "(absolute, or with '..'): refusing to read the file."
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ValueError(
                    f"{self.display_name!r} holds a symbolic link {name!r}: refusing to read "
                    "the file."
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_INFLATED_MEMBER_BYTES or (
                info.file_size > ZIP_BOMB_MIN_BYTES and ratio > ZIP_BOMB_MAX_RATIO
            ):
                raise ValueError(
                    f"{self.display_name!r}: member {name!r} would inflate to "
                    f"{info.file_size} bytes from {info.compress_size} (ratio {ratio:.0f}); "
                    "refusing it as a possible zip bomb."
                )
            total += info.file_size
        if total > MAX_INFLATED_MEMBER_BYTES:
            raise ValueError(
                f"{self.display_name!r} would inflate to {total} bytes in all; refusing it as "
                "a possible zip bomb."
            )

    def names(self):
        if self.directory is not None:
            out = []
            for root, _, files in os.walk(self.directory):
                for f in files:
                    out.append(os.path.relpath(os.path.join(root, f), self.directory))
            return [n.replace(os.sep, "/") for n in out]
        return self.zip.namelist()

    def read(self, member):
        if self.directory is not None:
            path = os.path.join(self.directory, member)
            if not os.path.exists(path):
                raise ValueError(f"{self.display_name!r} has no {member}.")
            if os.path.islink(path) or not os.path.realpath(path).startswith(
                os.path.realpath(self.directory) + os.sep
            ):
                raise ValueError(
                    f"{member} in {self.display_name!r} is a link or leads outside the "
                    "directory: refusing to read it."
                )
            with open(path, "rb") as f:
                return f.read()
        try:
            return self.zip.read(member)
        except KeyError as e:
            raise ValueError(
                f"{self.display_name!r} has no {member}: it is not a Keras model archive."
            ) from e
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise ValueError(
                f"Cannot read {member} from {self.display_name!r}: {e}. The file is truncated "
                "or corrupt."
            ) from e

    def read_json(self, member):
        data = self.read(member)
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ValueError(
                f"{member} in {self.display_name!r} is not valid JSON: {e}. The file is corrupt."
            ) from e

    def weights_store(self):
        if self.directory is not None:
            return H5IOStore(
                os.path.join(self.directory, VARIABLES_FILENAME),
                "r",
                display_name=f"{self.display_name}/{VARIABLES_FILENAME}",
            )
        data = self.read(VARIABLES_FILENAME)
        return H5IOStore(
            io.BytesIO(data), "r", display_name=f"{self.display_name}:{VARIABLES_FILENAME}"
        )

    def extract_assets(self, target):
        prefix = ASSETS_DIRNAME + "/"
        found = False
        for name in self.names():
            if not name.startswith(prefix) or name.endswith("/"):
                continue
            rel = name[len(prefix) :]
            dest = os.path.realpath(os.path.join(target, rel))
            if not dest.startswith(os.path.realpath(target) + os.sep):
                raise ValueError(
                    f"{self.display_name!r} holds an asset with an unsafe path {name!r}."
                )
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(self.read(name))
            found = True
        return found

    def close(self):
        if self.zip is not None:
            self.zip.close()


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Rebuilds a model from a ``.keras`` archive (path, file object or unzipped directory)."""
    archive = _Archive(filepath)
    try:
        config = archive.read_json(CONFIG_FILENAME)
        if not isinstance(config, dict) or "class_name" not in config:
            raise ValueError(
                f"{CONFIG_FILENAME} in {archive.display_name!r} does not describe a model: "
                f"expected a dict with a 'class_name'. Received: {str(config)[:200]}"
            )
        if not compile:
            config = dict(config)
            config.pop("compile_config", None)
        with (
            serialization_lib.ObjectSharingScope(),
            serialization_lib.SafeModeScope(safe_mode),
            object_registration.CustomObjectScope(custom_objects or {}),
        ):
            model = serialization_lib.deserialize_keras_object(
                config, custom_objects=custom_objects, safe_mode=safe_mode
            )
        _load_archive_state(model, archive, skip_mismatch=False)
    finally:
        archive.close()
    return model


def _load_archive_state(model, archive, skip_mismatch):
    store = archive.weights_store()
    assets_dir = tempfile.mkdtemp(prefix="keras_core_assets_")
    try:
        has_assets = archive.extract_assets(assets_dir)
        _prepare_optimizer_for_loading(model, store)
        load_state(
            model,
            store,
            DiskIOStore(assets_dir) if has_assets else None,
            skip_mismatch=skip_mismatch,
            display_name=archive.display_name,
        )
    finally:
        store.close()
        shutil.rmtree(assets_dir, ignore_errors=True)


def save_weights_only(model, filepath):
    """Writes the ``.weights.h5`` file of ``model`` (optimizer state included)."""
    _sync_model(model)

    def write(tmp):
        store = H5IOStore(tmp, "w", display_name=os.fspath(filepath))
        try:
            save_state(model, store)
        finally:
            store.close()

    atomic_write(filepath, write)


def load_weights_only(model, filepath, skip_mismatch=False):
    """Loads a ``.weights.h5`` file (or the weights of a ``.keras`` archive) into ``model``."""
    _sync_model(model)
    path = os.fspath(filepath) if not hasattr(filepath, "read") else None
    if path is not None and (path.endswith(".keras") or os.path.isdir(path)):
        archive = _Archive(filepath)
        try:
            _load_archive_state(model, archive, skip_mismatch)
        finally:
            archive.close()
        return
    if path is not None and not os.path.exists(path):
        raise FileNotFoundError(f"Weights file not found: filepath={path}")
    store = H5IOStore(filepath, "r", display_name=path)
    try:
        _prepare_optimizer_for_loading(model, store)
        load_state(model, store, skip_mismatch=skip_mismatch, display_name=path or "")
    finally:
        store.close()
