"""Helpers shared by the data adapters: packing batches, type checks, class weights, splits.

Nothing here imports TensorFlow or torch: a value is tested against their types
only when the framework is already in ``sys.modules`` (it cannot be one of their
tensors otherwise).
"""

import math
import sys

import numpy as np

from keras_core.backend.common import tree


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """Packs ``x``, ``y`` and ``sample_weight`` into the tuple a data pipeline yields.

    Args:
        x: the model inputs.
        y: the targets (optional).
        sample_weight: per-sample weights (optional, needs ``y``).

    Returns:
        ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)``; a lone list or dict
        ``x`` is returned as ``(x,)`` so it is not taken for ``(x, y)``.

    Example:
    >>> pack_x_y_sample_weight(1, 2)
    (1, 2)
    >>> pack_x_y_sample_weight([1, 2])
    ([1, 2],)
    """
    if y is None:
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def unpack_x_y_sample_weight(data):
    """Splits a batch into ``(x, y, sample_weight)``, missing parts as ``None``.

    A tuple (or list) of length 1, 2 or 3 is ``(x,)``, ``(x, y)`` or
    ``(x, y, sample_weight)``; anything else is ``x`` alone.

    Example:
    >>> unpack_x_y_sample_weight((1, 2))
    (1, 2, None)
    >>> unpack_x_y_sample_weight({"a": 1})
    ({'a': 1}, None, None)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return (data, None, None)
    if len(data) == 1:
        return (data[0], None, None)
    if len(data) == 2:
        return (data[0], data[1], None)
    if len(data) == 3:
        return (data[0], data[1], data[2])
    raise ValueError(
        "A batch must be `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`. "
        f"Received a tuple of length {len(data)}."
    )


def is_tf_tensor(x):
    if "tensorflow" not in sys.modules:
        return False
    import tensorflow as tf

    return isinstance(x, (tf.Tensor, tf.Variable, tf.RaggedTensor, tf.SparseTensor))


def is_tf_dataset(x):
    if "tensorflow" not in sys.modules:
        return False
    import tensorflow as tf

    return isinstance(x, tf.data.Dataset)


def is_torch_tensor(x):
    if "torch" not in sys.modules:
        return False
    import torch

    return isinstance(x, torch.Tensor)


def is_torch_dataloader(x):
    if "torch" not in sys.modules:
        return False
    import torch.utils.data

    return isinstance(x, torch.utils.data.DataLoader)


def is_jax_array(x):
    if "jax" not in sys.modules:
        return False
    import jax

    return isinstance(x, jax.Array)


def is_array_like(x):
    """Arrays that can be sliced along the first axis: NumPy, framework tensors, pandas."""
    return (
        isinstance(x, np.ndarray)
        or is_tf_tensor(x)
        or is_torch_tensor(x)
        or is_jax_array(x)
        or hasattr(x, "to_numpy")
    )


def standardize_leaf(x, backend_name):
    """One input/target leaf as an array the current backend can take cheaply.

    Float64 NumPy data becomes ``floatx()`` (as on a layer call); pandas data and
    Python lists become NumPy; a tensor of another framework becomes NumPy (a
    zero-copy view on CPU); the backend's own tensors are kept.
    """
    from keras_core.backend import config

    if x is None:
        return None
    if isinstance(x, np.ndarray):
        if x.dtype == np.float64:
            return x.astype(config.floatx())
        return x
    if backend_name != "tensorflow" and is_tf_tensor(x):
        return standardize_leaf(x.numpy(), backend_name)
    if backend_name != "torch" and is_torch_tensor(x):
        return standardize_leaf(x.detach().cpu().numpy(), backend_name)
    if backend_name != "jax" and is_jax_array(x):
        return standardize_leaf(np.asarray(x), backend_name)
    if is_tf_tensor(x) or is_torch_tensor(x) or is_jax_array(x):
        return x
    if hasattr(x, "to_numpy"):
        return standardize_leaf(np.asarray(x.to_numpy()), backend_name)
    if isinstance(x, (list, tuple, int, float, bool, np.generic)):
        return standardize_leaf(np.asarray(x), backend_name)
    if isinstance(x, str) or hasattr(x, "__array__"):
        return np.asarray(x)
    raise ValueError(
        "Unrecognized data type in a batch: expected NumPy arrays, tensors, lists or "
        f"pandas objects. Received: {type(x).__name__}"
    )


def _is_number_list(x):
    if isinstance(x, (list, tuple)):
        return len(x) > 0 and all(_is_number_list(e) for e in x)
    return isinstance(x, (int, float, bool, np.generic))


def standardize_structure(data, backend_name):
    """Applies :func:`standardize_leaf` to every leaf of nested lists/tuples/dicts.

    A (nested) list of plain numbers is one array, not a structure of scalars.
    """
    if _is_number_list(data) and not isinstance(data, tuple):
        return standardize_leaf(np.asarray(data), backend_name)
    if isinstance(data, dict):
        return {k: standardize_structure(v, backend_name) for k, v in data.items()}
    if isinstance(data, tuple) and hasattr(data, "_fields"):
        return type(data)(*[standardize_structure(v, backend_name) for v in data])
    if isinstance(data, (list, tuple)):
        return type(data)(standardize_structure(v, backend_name) for v in data)
    return standardize_leaf(data, backend_name)


def num_samples(x):
    return int(x.shape[0])


def check_data_cardinality(data):
    """Raises if the first dimensions of the arrays in ``(x, y, sample_weight)`` differ."""
    sizes = {}
    for label, part in zip(("x", "y", "sample_weight"), data):
        for leaf in tree.flatten(part):
            if leaf is None:
                continue
            if len(getattr(leaf, "shape", ())) == 0:
                raise ValueError(
                    f"Every `{label}` array needs a batch dimension; received a scalar value "
                    f"{leaf!r}."
                )
            sizes.setdefault(label, set()).add(num_samples(leaf))
    all_sizes = set().union(*sizes.values()) if sizes else set()
    if len(all_sizes) > 1:
        detail = ", ".join(f"{k} sizes: {sorted(v)}" for k, v in sizes.items())
        raise ValueError(
            "Data cardinality is ambiguous: all arrays must have the same number of samples. "
            f"Received: {detail}"
        )
    return all_sizes.pop() if all_sizes else 0


def train_validation_split(arrays, validation_split):
    """Splits every array in ``arrays`` (a nested structure) at ``1 - validation_split``.

    The last ``validation_split`` fraction of the samples (before any shuffling)
    becomes the validation data, as in Keras.
    """
    flat = [a for a in tree.flatten(arrays) if a is not None]
    for a in flat:
        if not is_array_like(a):
            raise ValueError(
                "`validation_split` is only supported for NumPy arrays and tensors; use "
                "`validation_data` with datasets, generators and PyDatasets. Received data of "
                f"type {type(a).__name__}"
            )
    if not 0.0 < validation_split < 1.0:
        raise ValueError(
            f"`validation_split` must be a float in (0, 1). Received: validation_split="
            f"{validation_split}"
        )
    sizes = {num_samples(a) for a in flat}
    if len(sizes) != 1:
        raise ValueError(
            f"All arrays must have the same number of samples; received sizes {sorted(sizes)}"
        )
    n = sizes.pop()
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(
            f"`validation_split`={validation_split} leaves no training or no validation data "
            f"with {n} samples."
        )

    def left(a):
        return None if a is None else a[:split_at]

    def right(a):
        return None if a is None else a[split_at:]

    return tree.map_structure(left, arrays), tree.map_structure(right, arrays)


def _class_weight_table(class_weight):
    if not isinstance(class_weight, dict) or not class_weight:
        raise ValueError(
            "`class_weight` must be a non-empty dict mapping class indices to weights. "
            f"Received: class_weight={class_weight!r}"
        )
    for key in class_weight:
        if isinstance(key, bool) or not isinstance(key, (int, np.integer)) or key < 0:
            raise ValueError(
                "`class_weight` keys must be non-negative integer class indices. "
                f"Received key: {key!r}"
            )
    size = int(max(class_weight)) + 1
    table = np.ones((size,), dtype="float32")
    for key, weight in class_weight.items():
        table[int(key)] = float(weight)
    return table


def class_indices_numpy(y):
    y = np.asarray(y)
    if y.ndim > 1 and y.shape[-1] > 1:
        return np.argmax(y, axis=-1)
    if y.ndim > 1:
        y = np.squeeze(y, axis=-1)
    return np.round(y).astype("int64")


def class_weight_to_sample_weight_numpy(y, class_weight):
    """Per-sample weights ``class_weight[label]`` (1.0 for classes not listed)."""
    from keras_core.backend import config

    table = _class_weight_table(class_weight)
    idx = class_indices_numpy(y)
    out = np.ones(idx.shape, dtype="float32")
    known = (idx >= 0) & (idx < table.shape[0])
    out[known] = table[idx[known]]
    return out.astype(config.floatx())


def class_weight_to_sample_weight_ops(y, class_weight):
    """The same as the NumPy version, with keras ops on a backend tensor ``y``."""
    from keras_core import ops
    from keras_core.backend import config

    table = ops.convert_to_tensor(_class_weight_table(class_weight), dtype=config.floatx())
    if len(y.shape) > 1 and y.shape[-1] is not None and y.shape[-1] > 1:
        idx = ops.argmax(y, axis=-1)
    else:
        if len(y.shape) > 1:
            y = ops.squeeze(y, axis=-1)
        idx = ops.cast(ops.round(ops.cast(y, "float32")), "int32")
    idx = ops.cast(idx, "int32")
    size = table.shape[0]
    known = ops.logical_and(ops.greater_equal(idx, 0), ops.less(idx, size))
    safe = ops.where(known, idx, ops.zeros_like(idx))
    return ops.where(known, ops.take(table, safe), ops.ones_like(ops.take(table, safe)))


def check_class_weight_targets(y, class_weight):
    if class_weight is None:
        return
    if isinstance(y, (list, tuple, dict)):
        raise ValueError(
            "`class_weight` is only supported for models with a single output; for several "
            "outputs pass per-output `sample_weight` instead."
        )
