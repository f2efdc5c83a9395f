"""Dataset helpers shared by the ``*_dataset_from_*`` utilities, and ``split_dataset``.

The datasets these helpers build are ``tf.data.Dataset`` objects, so they need
TensorFlow installed (whatever the keras_core backend); they say so clearly
when it is missing. TensorFlow is imported only when one of them is called.
"""

import os
import random

import numpy as np


def require_tensorflow(what: str):
    """Imports and returns TensorFlow, or raises an ImportError naming ``what`` needs it."""
    try:
        import tensorflow as tf
    except ImportError as e:
        raise ImportError(
            f"`{what}` builds a tf.data.Dataset and needs TensorFlow installed "
            "(pip install tensorflow-cpu), whatever the keras_core backend. "
            f"TensorFlow could not be imported: {e}"
        ) from e
    return tf


# ---------------------------------------------------------------- split_dataset


def split_dataset(dataset, left_size=None, right_size=None, shuffle: bool = False, seed=None):
    """Splits a dataset into a left and a right ``tf.data.Dataset``.

    Args:
        dataset: a NumPy array, a list or tuple of arrays with the same first
            dimension, a dict of such arrays, a finite ``tf.data.Dataset`` (of
            unbatched samples), or a ``torch.utils.data.Dataset``.
        left_size: a float in ``(0, 1)`` (a fraction of the samples) or an int
            (a number of samples) for the left split; the complement of
            ``right_size`` when None.
        right_size: the same for the right split; the complement of
            ``left_size`` when None.
        shuffle: whether to shuffle the samples before splitting.
        seed: the shuffling seed.

    Returns:
        A tuple ``(left_dataset, right_dataset)`` of ``tf.data.Dataset``.

    Raises:
        ValueError: on sizes that are not fractions/ints or that do not fit.
        ImportError: when TensorFlow is not installed.
    """
    tf = require_tensorflow("split_dataset")
    samples = _dataset_to_samples(dataset, tf)
    total = _num_samples(samples)
    left, right = _split_sizes(total, left_size, right_size)
    indices = np.arange(total)
    if shuffle:
        if seed is None:
            seed = random.randint(0, 2**31 - 1)
        np.random.RandomState(seed).shuffle(indices)
    left_idx, right_idx = indices[:left], indices[left : left + right]
    pick = _sample_picker(samples)
    left_ds = tf.data.Dataset.from_tensor_slices(pick(left_idx))
    right_ds = tf.data.Dataset.from_tensor_slices(pick(right_idx))
    return left_ds, right_ds


def _dataset_to_samples(dataset, tf):
    if isinstance(dataset, tf.data.Dataset):
        if dataset.cardinality() == tf.data.INFINITE_CARDINALITY:
            raise ValueError(
                "`dataset` must be finite to be split. Received: an infinite tf.data.Dataset "
                "(e.g. one with .repeat())"
            )
        items = list(dataset.as_numpy_iterator())
        return _stack_items(items)
    if _is_torch_dataset(dataset):
        items = [_to_numpy_tree(dataset[i]) for i in range(len(dataset))]
        return _stack_items(items)
    if isinstance(dataset, np.ndarray):
        return dataset
    if isinstance(dataset, dict):
        return {k: np.asarray(v) for k, v in dataset.items()}
    if isinstance(dataset, (list, tuple)):
        if not dataset:
            raise ValueError("`dataset` must not be empty. Received: dataset=[]")
        if all(np.ndim(x) == 0 for x in dataset):
            return np.asarray(dataset)
        return tuple(np.asarray(x) for x in dataset)
    if hasattr(dataset, "__array__") or hasattr(dataset, "numpy"):
        return np.asarray(dataset)
    raise TypeError(
        "`dataset` must be a NumPy array, a list/tuple/dict of arrays, a tf.data.Dataset "
        f"or a torch Dataset. Received: dataset of type {type(dataset).__name__}"
    )


def _is_torch_dataset(x):
    import sys

    if "torch" not in sys.modules:
        return False
    import torch.utils.data

    return isinstance(x, torch.utils.data.Dataset)


def _to_numpy_tree(x):
    if isinstance(x, (tuple, list)):
        return tuple(_to_numpy_tree(v) for v in x)
    if isinstance(x, dict):
        return {k: _to_numpy_tree(v) for k, v in x.items()}
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def _stack_items(items):
    if not items:
        raise ValueError("`dataset` must not be empty. Received: a dataset with 0 samples")
    first = items[0]
    if isinstance(first, tuple):
        return tuple(np.stack([it[i] for it in items]) for i in range(len(first)))
    if isinstance(first, dict):
        return {k: np.stack([it[k] for it in items]) for k in first}
    return np.stack(items)


def _num_samples(samples):
    if isinstance(samples, np.ndarray):
        return len(samples)
    values = list(samples.values()) if isinstance(samples, dict) else list(samples)
    sizes = {len(v) for v in values}
    if len(sizes) != 1:
        raise ValueError(
            "Every array in `dataset` must have the same number of samples (first dimension). "
            f"Received: sizes {sorted(sizes)}"
        )
    return sizes.pop()


def _sample_picker(samples):
    if isinstance(samples, np.ndarray):
        return lambda idx: samples[idx]
    if isinstance(samples, dict):
        return lambda idx: {k: v[idx] for k, v in samples.items()}
    return lambda idx: tuple(v[idx] for v in samples)


def _check_size(name, value, total):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"`{name}` must be a float in (0, 1), an int or None. Received: {name}={value!r}"
        )
    if isinstance(value, (float, np.floating)):
        if not 0 < value < 1:
            raise ValueError(f"`{name}` as a fraction must be in (0, 1). Received: {name}={value}")
        return int(round(value * total))
    if not 0 < value <= total:
        raise ValueError(
            f"`{name}` as a number of samples must be in [1, {total}] (the dataset has "
            f"{total} samples). Received: {name}={value}"
        )
    return int(value)


def _split_sizes(total, left_size, right_size):
    if left_size is None and right_size is None:
        left_size = 0.5
    left = _check_size("left_size", left_size, total)
    right = _check_size("right_size", right_size, total)
    if left is None:
        left = total - right
    if right is None:
        right = total - left
    if left + right > total:
        raise ValueError(
            f"`left_size` + `right_size` must not exceed the {total} samples of the dataset. "
            f"Received: left_size={left_size} ({left} samples), right_size={right_size} "
            f"({right} samples)"
        )
    if left == 0 or right == 0:
        raise ValueError(
            f"Both splits must hold at least one sample. Received: left_size={left_size}, "
            f"right_size={right_size} on {total} samples ({left} and {right})"
        )
    return left, right


# --------------------------------------------------- directory-based datasets


def check_common_args(labels, label_mode, class_names, validation_split, subset, shuffle, seed):
    """Checks the arguments the ``*_dataset_from_directory`` functions share."""
    if not (labels in ("inferred", None) or isinstance(labels, (list, tuple))):
        raise ValueError(
            '`labels` must be "inferred", None, or a list/tuple of labels. '
            f"Received: labels={labels!r}"
        )
    if label_mode not in ("int", "categorical", "binary", None):
        raise ValueError(
            '`label_mode` must be one of "int", "categorical", "binary" or None. '
            f"Received: label_mode={label_mode!r}"
        )
    if class_names is not None and labels != "inferred":
        raise ValueError(
            '`class_names` is only meaningful with labels="inferred". '
            f"Received: labels={labels!r}, class_names={class_names!r}"
        )
    if validation_split is not None:
        if not isinstance(validation_split, (float, int)) or not 0 < validation_split < 1:
            raise ValueError(
                "`validation_split` must be a float in (0, 1). "
                f"Received: validation_split={validation_split!r}"
            )
        if subset not in ("training", "validation", "both"):
            raise ValueError(
                '`subset` must be "training", "validation" or "both" when `validation_split` '
                f"is set. Received: subset={subset!r}"
            )
        if shuffle and seed is None:
            raise ValueError(
                "With `validation_split` and shuffle=True, pass a `seed` so the training and "
                "validation subsets do not overlap. Received: seed=None"
            )
    elif subset is not None:
        raise ValueError(
            f"`subset` needs `validation_split`. Received: subset={subset!r}, validation_split=None"
        )


def index_directory(
    directory, labels, formats, class_names=None, shuffle=True, seed=None, follow_links=False
):
    """Lists the files of ``directory`` whose extension is in ``formats``.

    With ``labels="inferred"`` every subfolder is a class (sorted by name unless
    ``class_names`` gives the order) and each file's label is its class index.

    Returns:
        ``(file_paths, labels, class_names)``: the paths (shuffled with ``seed``
        when ``shuffle``), an int array of labels (None when ``labels`` is None),
        and the class names.
    """
    if not isinstance(directory, (str, os.PathLike)) or not os.path.isdir(directory):
        raise ValueError(
            f"`directory` must be an existing folder. Received: directory={directory!r}"
        )
    directory = os.fspath(directory)
    formats = tuple(f.lower() for f in formats)
    if labels == "inferred":
        subdirs = sorted(
            d
            for d in os.listdir(directory)
            if os.path.isdir(os.path.join(directory, d)) and not d.startswith(".")
        )
        if class_names is not None:
            missing = sorted(set(class_names) - set(subdirs))
            extra = sorted(set(subdirs) - set(class_names))
            if missing or extra:
                raise ValueError(
                    "`class_names` must list exactly the subfolders of `directory`. "
                    f"Received: class_names={list(class_names)}, subfolders={subdirs}"
                )
            subdirs = list(class_names)
        paths, label_list = [], []
        for index, sub in enumerate(subdirs):
            found = _walk_files(os.path.join(directory, sub), formats, follow_links)
            paths.extend(found)
            label_list.extend([index] * len(found))
        class_names = list(subdirs)
    else:
        paths = _walk_files(directory, formats, follow_links)
        label_list = None
        if isinstance(labels, (list, tuple)):
            if len(labels) != len(paths):
                raise ValueError(
                    f"`labels` must have one entry per file found in {directory!r} "
                    f"({len(paths)} files, in alphanumeric order). Received: "
                    f"{len(labels)} labels"
                )
            label_list = list(labels)
        class_names = None
    if not paths:
        raise ValueError(
            f"No files with extension {formats} were found in directory={directory!r}. "
            "Expected one subfolder per class holding the files (or the files themselves "
            "with labels=None)."
        )
    label_arr = None if label_list is None else np.asarray(label_list)
    if shuffle:
        if seed is None:
            seed = random.randint(0, 2**31 - 1)
        order = np.random.RandomState(seed).permutation(len(paths))
        paths = [paths[i] for i in order]
        if label_arr is not None:
            label_arr = label_arr[order]
    return paths, label_arr, class_names


def _walk_files(folder, formats, follow_links):
    found = []
    for root, dirs, files in os.walk(folder, followlinks=follow_links):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(formats):
                found.append(os.path.join(root, name))
    return found


def split_for_subset(paths, labels, validation_split, subset):
    """Returns the ``subset`` part of ``paths``/``labels`` (the last fraction is validation)."""
    if validation_split is None:
        return paths, labels
    n_val = int(validation_split * len(paths))
    if subset == "training":
        sl = slice(0, len(paths) - n_val)
    else:
        sl = slice(len(paths) - n_val, None)
    return paths[sl], None if labels is None else labels[sl]


def labels_to_dataset(tf, labels, label_mode, num_classes):
    """A tf.data dataset of ``labels`` encoded as ``label_mode`` asks."""
    ds = tf.data.Dataset.from_tensor_slices(np.asarray(labels))
    if label_mode == "binary":
        return ds.map(lambda x: tf.expand_dims(tf.cast(x, "float32"), -1))
    if label_mode == "categorical":
        return ds.map(lambda x: tf.one_hot(x, num_classes))
    return ds.map(lambda x: tf.cast(x, "int32"))


def check_label_mode_classes(label_mode, class_names, labels):
    num_classes = (
        len(class_names)
        if class_names
        else (int(np.max(labels)) + 1 if labels is not None and len(labels) else 0)
    )
    if label_mode == "binary" and num_classes != 2:
        raise ValueError(
            'label_mode="binary" needs exactly 2 classes. '
            f"Received: {num_classes} classes ({class_names})"
        )
    return num_classes


def finish_dataset(ds, batch_size, shuffle, seed, n):
    """Shuffles (per epoch), batches and prefetches ``ds``."""
    import tensorflow as tf

    if shuffle:
        ds = ds.shuffle(buffer_size=max(1, min(n, 1024 if batch_size else n)), seed=seed)
    if batch_size is not None:
        ds = ds.batch(batch_size)
    return ds.prefetch(tf.data.AUTOTUNE)


def build_from_directory(make_subset, validation_split, subset):
    """Calls ``make_subset(name)`` once, or for both subsets when subset="both"."""
    if subset == "both" and validation_split is not None:
        return make_subset("training"), make_subset("validation")
    return make_subset(subset)
