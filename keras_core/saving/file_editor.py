"""KerasFileEditor: inspect, edit and re-save the weights of ``.keras``/``.weights.h5`` files."""

import os

import numpy as np

from keras_core.saving import saving_lib


class _ShapeEntry:
    def __init__(self, node):
        self._node = node

    def __setitem__(self, key, value):
        self._node[str(key)] = tuple(np.shape(value))


class _ShapeStore:
    """A stand-in weights store that records paths and shapes only."""

    def __init__(self):
        self.spec = {}

    def make(self, path, name=None):
        node = self.spec
        for part in [p for p in path.split("/") if p]:
            node = node.setdefault(part, {})
        return _ShapeEntry(node)


def _spec_of_model(model):
    """``{path part: {... "0": shape}}``: what saving ``model``'s weights would write."""
    store = _ShapeStore()
    saving_lib.save_state(model, store)
    return _prune(store.spec)


def _prune(tree):
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            value = _prune(value)
            if value:
                out[key] = value
        else:
            out[key] = value
    return out


class KerasFileEditor:
    """Utility to inspect, edit and re-save Keras weights files.

    Opens a ``.keras`` archive or a ``.weights.h5`` file and exposes its
    weights as nested dicts (``editor.weights_dict["layers"]["dense"]["0"]``),
    the ``vars`` level folded away. Objects are addressed by path
    (``"layers/dense_2"``) or, when unique, by their last component
    (``"dense_2"``). Useful to adapt a weights file after an architecture
    change.

    Args:
        filepath: the ``.keras`` or ``.weights.h5`` file.

    Example:
    >>> editor = KerasFileEditor("model.weights.h5")  # doctest: +SKIP
    >>> editor.delete_object("layers/dense_2")  # doctest: +SKIP
    >>> editor.save("edited.weights.h5")  # doctest: +SKIP
    """

    def __init__(self, filepath):
        self.filepath = os.fspath(filepath)
        self.metadata = None
        self.config = None
        if self.filepath.endswith(".keras"):
            archive = saving_lib._Archive(self.filepath)
            try:
                self.config = archive.read_json(saving_lib.CONFIG_FILENAME)
                self.metadata = archive.read_json(saving_lib.METADATA_FILENAME)
                store = archive.weights_store()
            finally:
                archive.close()
        elif self.filepath.endswith(".weights.h5"):
            store = saving_lib.H5IOStore(self.filepath, "r")
        else:
            raise ValueError(
                "Invalid filename: expected a `.keras` or `.weights.h5` extension. "
                f"Received: filepath={self.filepath}"
            )
        try:
            self.object_metadata = {}
            self.weights_dict = self._read_group(store.h5_file, "")
        finally:
            store.close()

    # ------------------------------------------------------------------
    def _read_group(self, group, path):
        import h5py

        out = {}
        for key in group.keys():
            link = group.get(key, getclass=True, getlink=True)
            if link in (h5py.ExternalLink, h5py.SoftLink):
                raise ValueError(
                    f"{self.filepath!r} holds an HDF5 {link.__name__} at {path}/{key}: links "
                    "are not allowed in Keras weights files."
                )
            value = group[key]
            child = f"{path}/{key}"
            if isinstance(value, h5py.Group):
                if "vars" in value:
                    vars_group = value["vars"]
                    if "name" in vars_group.attrs:
                        self.object_metadata[child] = {"name": vars_group.attrs["name"]}
                    inner = {k: np.asarray(vars_group[k][()]) for k in vars_group.keys()}
                    for sub in value.keys():
                        if sub != "vars" and isinstance(value[sub], h5py.Group):
                            nested = self._read_group(value[sub], f"{child}/{sub}")
                            if nested:
                                inner[sub] = nested
                    if inner:
                        out[key] = inner
                elif key == "vars" and not path:
                    if "name" in value.attrs:
                        self.object_metadata[""] = {"name": value.attrs["name"]}
                    for k in value.keys():
                        out[k] = np.asarray(value[k][()])
                else:
                    nested = self._read_group(value, child)
                    if nested:
                        out[key] = nested
            else:
                out[key] = np.asarray(value[()])
        return out

    def _find(self, name):
        """``(parent dict, key)`` of the object ``name`` (a path or a unique leaf name)."""
        if "/" in name:
            parts = name.split("/")
            node = self.weights_dict
            for part in parts[:-1]:
                if part not in node or not isinstance(node[part], dict):
                    raise ValueError(f"Path '{name}' not found in the file.")
                node = node[part]
            if parts[-1] not in node:
                raise ValueError(f"Path '{name}' not found in the file.")
            return node, parts[-1]
        hits = []

        def visit(node):
            for key, value in node.items():
                if key == name:
                    hits.append(node)
                if isinstance(value, dict):
                    visit(value)

        visit(self.weights_dict)
        if len(hits) > 1:
            raise ValueError(
                f"Name '{name}' occurs more than once in the file; pass a complete path."
            )
        if not hits:
            raise ValueError(
                f"Name '{name}' does not appear in the file. Use `editor.summary()` to list "
                "all objects."
            )
        return hits[0], name

    # ------------------------------------------------------------------
    def summary(self):
        """Prints the weight structure of the file."""
        print(f"Keras weights file ({self.filepath}):")
        if self.metadata:
            print(
                f"  Saved with Keras {self.metadata.get('keras_version')} on "
                f"{self.metadata.get('date_saved')}"
            )

        def show(node, indent):
            for key, value in node.items():
                if isinstance(value, dict):
                    print(f"{'  ' * indent}{key}")
                    show(value, indent + 1)
                else:
                    print(f"{'  ' * indent}{key}: shape={value.shape}, dtype={value.dtype}")

        show(self.weights_dict, 1)

    def compare(self, reference_model):
        """Lists the differences between the file and ``reference_model``'s weights.

        Returns:
            ``{"status": "success" | "error", "error_count": int, "match_count": int}``.
        """
        ref = _spec_of_model(reference_model)
        errors, matches = [], 0

        def walk(saved, expected, path):
            nonlocal matches
            for key in sorted(set(saved) | set(expected)):
                where = f"{path}/{key}"
                if key not in saved:
                    errors.append(f"{where} is in the reference model, missing from the file")
                elif key not in expected:
                    errors.append(f"{where} is in the file, missing from the reference model")
                elif isinstance(expected[key], dict) != isinstance(saved[key], dict):
                    errors.append(f"{where}: an object on one side, a weight on the other")
                elif isinstance(expected[key], dict):
                    walk(saved[key], expected[key], where)
                elif tuple(saved[key].shape) != tuple(expected[key]):
                    errors.append(
                        f"{where}: shape {tuple(saved[key].shape)} in the file, "
                        f"{tuple(expected[key])} in the reference model"
                    )
                else:
                    matches += 1

        walk(self.weights_dict, ref, "")
        for line in errors:
            print("..." + line)
        if errors:
            print(f"Found {len(errors)} error(s): the file does not fit the reference model")
        else:
            print(f"Comparison successful: found {matches} matching weight(s)")
        return {
            "status": "error" if errors else "success",
            "error_count": len(errors),
            "match_count": matches,
        }

    def rename_object(self, object_name, new_name):
        """Renames an object (e.g. ``"dense_2"`` or ``"layers/dense_2"``) to ``new_name``."""
        if "/" in new_name:
            raise ValueError(
                f"`new_name` must be a leaf name, not a path. Received: new_name={new_name!r}"
            )
        node, key = self._find(object_name)
        node[new_name] = node.pop(key)

    def delete_object(self, object_name):
        """Removes an object (e.g. a layer) and all its weights."""
        node, key = self._find(object_name)
        node.pop(key)

    def add_object(self, object_path, weights):
        """Adds an object at ``object_path`` with ``weights`` (``{"0": array, ...}``)."""
        if not isinstance(weights, dict):
            raise ValueError(
                "`weights` must be a dict mapping weight names ('0', '1', ...) to arrays. "
                f"Received: type(weights)={type(weights).__name__}"
            )
        parts = object_path.split("/")
        node = self.weights_dict
        for part in parts[:-1]:
            if part not in node:
                raise ValueError(f"Path '{'/'.join(parts[:-1])}' not found in the file.")
            node = node[part]
        node[parts[-1]] = {str(k): np.asarray(v) for k, v in weights.items()}

    def delete_weight(self, object_name, weight_name):
        """Removes the weight ``weight_name`` (e.g. ``"0"``) of an object."""
        node, key = self._find(object_name)
        if str(weight_name) not in node[key]:
            raise ValueError(
                f"Weight {weight_name!r} not found in object {object_name!r}. Weights found: "
                f"{list(node[key])}"
            )
        node[key].pop(str(weight_name))

    def add_weights(self, object_name, weights):
        """Adds weights (``{"2": array, ...}``) to an existing object."""
        if not isinstance(weights, dict):
            raise ValueError(
                "`weights` must be a dict mapping weight names to arrays. "
                f"Received: type(weights)={type(weights).__name__}"
            )
        node, key = self._find(object_name)
        node[key].update({str(k): np.asarray(v) for k, v in weights.items()})

    def save(self, filepath):
        """Writes the (edited) weights to a ``.weights.h5`` file."""
        filepath = os.fspath(filepath)
        if not filepath.endswith(".weights.h5"):
            raise ValueError(f"`filepath` must end in `.weights.h5`. Received: filepath={filepath}")

        def write(tmp):
            store = saving_lib.H5IOStore(tmp, "w")
            try:
                self._write(store, self.weights_dict, "")
            finally:
                store.close()

        saving_lib.atomic_write(filepath, write)

    def _write(self, store, node, path):
        leaves = {k: v for k, v in node.items() if not isinstance(v, dict)}
        if leaves or path == "":
            meta = self.object_metadata.get("/" + path if path else "", {})
            name = meta.get("name")
            entry = store.make(path, name if isinstance(name, str) else None)
            for key, value in leaves.items():
                entry[key] = value
        for key, value in node.items():
            if isinstance(value, dict):
                self._write(store, value, f"{path}/{key}" if path else key)

    def resave_weights(self, filepath):
        """Same as :meth:`save`."""
        self.save(filepath)
