"""Public entry points: ``save_model``, ``load_model``, ``save_weights``, ``load_weights``.

The format follows the file name: ``.keras`` (the Keras 3 zip archive, the
recommended format), ``.weights.h5`` (weights only, in the Keras 3 layout)
and ``.h5``/``.hdf5`` (the legacy Keras 2 HDF5 format).
"""

import os
import warnings
import zipfile

from keras_core.saving import saving_lib

_LEGACY_H5 = (".h5", ".hdf5")


def ask_to_proceed_with_overwrite(filepath) -> bool:
    """Asks on stdin whether to overwrite ``filepath``; True for yes.

    Example:
    >>> ask_to_proceed_with_overwrite("model.keras")  # doctest: +SKIP
    """
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n] ").strip().lower()
    while answer not in ("y", "n"):
        answer = input('Enter "y" (overwrite) or "n" (cancel): ').strip().lower()
    if answer == "n":
        return False
    print("[TIP] Next time specify overwrite=True!")
    return True


def _path_str(filepath):
    if hasattr(filepath, "write") or hasattr(filepath, "read"):
        return None
    try:
        return os.fspath(filepath)
    except TypeError as e:
        raise TypeError(
            "`filepath` must be a string, a pathlib.Path or a binary file object. Received: "
            f"filepath={filepath!r}"
        ) from e


def save_model(model, filepath, overwrite: bool = True, zipped=None, **kwargs) -> None:
    """Saves a model to a ``.keras`` archive (or a legacy ``.h5`` file).

    The archive holds the architecture (``config.json``), the compile
    settings, every weight and the optimizer state, so that
    ``load_model`` gives back a model that predicts and trains on exactly
    as before. The file is written to a temporary name and then renamed:
    a save that fails leaves an existing file intact.

    Args:
        model: the model to save.
        filepath: a path ending in ``.keras`` (or ``.h5``), or a binary file object.
        overwrite: if False and the file exists, ask before overwriting.
        zipped: ``False`` writes the archive's members into a directory instead.
        **kwargs: ``include_optimizer`` (legacy ``.h5`` only).

    Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "model.keras")
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> keras_core.saving.save_model(model, path)
    >>> keras_core.saving.load_model(path).output_shape
    (None, 2)
    """
    include_optimizer = kwargs.pop("include_optimizer", True)
    save_format = kwargs.pop("save_format", None)
    if save_format is not None:
        raise ValueError(
            "The `save_format` argument is not supported: the format follows the file "
            "extension. Use a `.keras` path (recommended) or a `.h5` path; to export a "
            f"TensorFlow SavedModel use model.export(). Received: save_format={save_format!r}"
        )
    if kwargs:
        raise ValueError(
            f"save_model() got unsupported keyword arguments: {sorted(kwargs)}. "
            "Supported: overwrite, zipped, include_optimizer (.h5 only)."
        )
    path = _path_str(filepath)
    if path is None:
        saving_lib.save_model(model, filepath)
        return
    if not overwrite and os.path.exists(path):
        if not ask_to_proceed_with_overwrite(path):
            return
    if path.endswith(".keras"):
        saving_lib.save_model(model, path, zipped=True if zipped is None else bool(zipped))
        return
    if path.endswith(_LEGACY_H5):
        from keras_core.legacy.saving import legacy_h5_format

        warnings.warn(
            "You are saving your model as an HDF5 file, a legacy format. The native Keras "
            f"format (`model.save('{os.path.splitext(path)[0]}.keras')`) is recommended.",
            stacklevel=2,
        )
        legacy_h5_format.save_model_to_hdf5(model, path, include_optimizer=include_optimizer)
        return
    raise ValueError(
        "Invalid filepath extension for saving. Add a `.keras` extension for the native Keras "
        "format (recommended) or a `.h5` extension for the legacy HDF5 format. To save only "
        f"the weights, use `.weights.h5` with save_weights(). Received: filepath={path}"
    )


def _is_hdf5(path):
    try:
        with open(path, "rb") as f:
            return f.read(8) == b"\x89HDF\r\n\x1a\n"
    except OSError:
        return False


def load_model(filepath, custom_objects=None, compile: bool = True, safe_mode: bool = True):
    """Loads a model saved with ``save_model``/``model.save`` (or by Keras 3, or Keras 2 ``.h5``).

    Args:
        filepath: a ``.keras`` file (or a binary file object, or an unzipped
            model directory), or a legacy ``.h5`` file.
        custom_objects: ``{name: class_or_function}`` for custom objects that
            are not registered with ``register_keras_serializable``.
        compile: compile the model with the saved settings (optimizer state
            included).
        safe_mode: refuse files that would run code when loaded (Python
            lambdas, classes from modules other than keras_core's). Only
            pass False for files you trust.

    Returns:
        The model.

    Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "model.keras")
    >>> keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)]).save(path)
    >>> keras_core.models.load_model(path).output_shape
    (None, 2)
    """
    path = _path_str(filepath)
    if path is None:
        return saving_lib.load_model(
            filepath, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode
        )
    if not os.path.exists(path):
        raise ValueError(
            f"File not found: filepath={path}. Please ensure the file is an accessible "
            "`.keras` zip file (or a legacy `.h5` file)."
        )
    if os.path.isdir(path):
        if os.path.exists(os.path.join(path, saving_lib.CONFIG_FILENAME)):
            return saving_lib.load_model(
                path, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode
            )
        raise ValueError(
            f"File format not supported: filepath={path} is a directory (a TensorFlow SavedModel?). "
            "keras_core loads `.keras` files and legacy `.h5` files; to run a SavedModel "
            "for inference, use keras_core.layers.TFSMLayer or tf.saved_model.load."
        )
    if path.endswith(".keras") or (not path.endswith(_LEGACY_H5) and zipfile.is_zipfile(path)):
        return saving_lib.load_model(
            path, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode
        )
    if path.endswith(_LEGACY_H5) or _is_hdf5(path):
        from keras_core.legacy.saving import legacy_h5_format

        return legacy_h5_format.load_model_from_hdf5(
            path, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode
        )
    raise ValueError(
        f"File format not supported: filepath={path}. keras_core loads `.keras` files and "
        "legacy `.h5` files."
    )


def save_weights(model, filepath, overwrite: bool = True) -> None:
    """Saves all the weights of ``model`` (and its optimizer state) to a ``.weights.h5`` file.

    Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "model.weights.h5")
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> keras_core.saving.save_weights(model, path)
    >>> keras_core.saving.load_weights(model, path)
    """
    path = _path_str(filepath)
    if path is None or not path.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={filepath!r}")
    if not overwrite and os.path.exists(path):
        if not ask_to_proceed_with_overwrite(path):
            return
    saving_lib.save_weights_only(model, path)


def _is_legacy_weights_file(path):
    from keras_core.saving.saving_lib import _h5py

    h5py = _h5py()
    try:
        with h5py.File(path, "r") as f:
            if "layer_names" in f.attrs or "layer_names0" in f.attrs or "model_weights" in f:
                return True
            return False
    except OSError as e:
        raise ValueError(
            f"Cannot open {path!r} as an HDF5 weights file: {e}. The file is missing, "
            "truncated or corrupt."
        ) from e


def load_weights(model, filepath, skip_mismatch: bool = False, **kwargs) -> None:
    """Loads weights into ``model`` from ``.weights.h5``, ``.keras`` or legacy ``.h5`` files.

    Args:
        model: a built model with the saved architecture.
        filepath: the file.
        skip_mismatch: warn about (instead of failing on) objects whose
            variables do not match the file.
        **kwargs: ``by_name=True`` (legacy ``.h5`` only) matches layers by name.

    Example:
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "model.weights.h5")
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> model.save_weights(path)
    >>> keras_core.saving.load_weights(model, path, skip_mismatch=True)
    """
    path = _path_str(filepath)
    by_name = kwargs.pop("by_name", False)
    if kwargs:
        raise ValueError(
            f"load_weights() got unsupported keyword arguments: {sorted(kwargs)}. "
            "Supported: skip_mismatch, by_name (legacy .h5 only)."
        )
    if path is None:
        raise TypeError(f"`filepath` must be a path. Received: filepath={filepath!r}")
    if not os.path.exists(path):
        raise FileNotFoundError(f"Weights file not found: filepath={path}")
    if path.endswith(".keras") or os.path.isdir(path):
        if by_name:
            raise ValueError("`by_name` is only supported for legacy `.h5` weights files.")
        saving_lib.load_weights_only(model, path, skip_mismatch=skip_mismatch)
        return
    if path.endswith(_LEGACY_H5) or _is_hdf5(path):
        if _is_legacy_weights_file(path):
            from keras_core.legacy.saving import legacy_h5_format

            legacy_h5_format.load_weights_from_hdf5(
                model, path, by_name=by_name, skip_mismatch=skip_mismatch
            )
            return
        if by_name:
            raise ValueError(
                "`by_name` is only supported for legacy `.h5` weights files; "
                f"{path!r} uses the Keras 3 `.weights.h5` layout."
            )
        saving_lib.load_weights_only(model, path, skip_mismatch=skip_mismatch)
        return
    raise ValueError(
        f"File format not supported: filepath={path}. keras_core loads weights from "
        "`.weights.h5`, `.keras` and legacy `.h5` files."
    )
