"""Batches from in-memory arrays: NumPy, backend tensors, pandas, nested lists/dicts of them."""

import math

import numpy as np

from keras_core.backend.common import tree
from keras_core.trainers.data_adapters import data_adapter_utils as utils
from keras_core.trainers.data_adapters.data_adapter import DataAdapter


def _take(x, start, stop, indices):
    """Rows ``start:stop`` of ``x`` (or rows ``indices`` when shuffled), in x's own type."""
    if indices is None:
        return x[start:stop]
    if isinstance(x, np.ndarray):
        return x[indices]
    if utils.is_torch_tensor(x):
        import torch

        return x[torch.from_numpy(indices).to(x.device)]
    if utils.is_tf_tensor(x):
        import tensorflow as tf

        return tf.gather(x, indices)
    return x[indices]


class ArrayDataAdapter(DataAdapter):
    """Slices ``(x, y, sample_weight)`` arrays into batches.

    Args:
        x, y, sample_weight: arrays or nested lists/tuples/dicts of arrays with
            the same first dimension.
        batch_size: samples per batch (default 32).
        steps: with no ``batch_size``, the batch size that gives this many batches.
        shuffle: ``True`` (a new permutation of the samples each epoch),
            ``"batch"`` (shuffle batch-sized chunks), or ``False``.
        class_weight: a dict ``{class_index: weight}`` turned into sample weights.
        backend_name: the active backend.
    """

    applies_class_weight = True

    def __init__(
        self,
        x,
        y=None,
        sample_weight=None,
        batch_size=None,
        steps=None,
        shuffle=False,
        class_weight=None,
        backend_name="numpy",
    ):
        if shuffle not in (True, False, "batch"):
            raise ValueError(
                f"`shuffle` must be True, False or 'batch'. Received: shuffle={shuffle!r}"
            )
        x = utils.standardize_structure(x, backend_name)
        y = utils.standardize_structure(y, backend_name)
        sample_weight = utils.standardize_structure(sample_weight, backend_name)
        if class_weight is not None:
            if y is None:
                raise ValueError("`class_weight` needs targets `y`.")
            utils.check_class_weight_targets(y, class_weight)
            if sample_weight is not None:
                raise ValueError(
                    "`class_weight` and `sample_weight` cannot both be given; fold the class "
                    "weights into `sample_weight`."
                )
            from keras_core import backend

            y_np = y if isinstance(y, np.ndarray) else backend.convert_to_numpy(y)
            sample_weight = utils.standardize_leaf(
                utils.class_weight_to_sample_weight_numpy(y_np, class_weight), backend_name
            )
        self._data = utils.pack_x_y_sample_weight(x, y, sample_weight)
        self._num_samples = utils.check_data_cardinality((x, y, sample_weight))
        if batch_size is None:
            batch_size = 32 if steps is None else max(1, math.ceil(self._num_samples / steps))
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(
                f"`batch_size` must be a positive integer. Received: batch_size={batch_size!r}"
            )
        self.batch_size = batch_size
        full = math.ceil(self._num_samples / batch_size) if self._num_samples else 0
        # `steps` only sets the batch size; the epoch iterator limits the batch count.
        self.num_batches = full
        self._shuffle = shuffle
        self._rng = None  # seeded from the OS on the first shuffled epoch (tens of µs)

    @property
    def num_samples(self):
        return self._num_samples

    def _epoch_indices(self):
        if self._shuffle and self._rng is None:
            self._rng = np.random.default_rng()
        if self._shuffle is True:
            return self._rng.permutation(self._num_samples)
        if self._shuffle == "batch":
            # Whole batches change places; a partial last batch stays last.
            full = self._num_samples // self.batch_size * self.batch_size
            chunks = np.arange(full).reshape(-1, self.batch_size)
            chunks = chunks[self._rng.permutation(len(chunks))]
            return np.concatenate([chunks.ravel(), np.arange(full, self._num_samples)])
        return None

    def get_iterator(self):
        indices = self._epoch_indices()
        data = self._data
        bs = self.batch_size
        for i in range(self.num_batches):
            start, stop = i * bs, min((i + 1) * bs, self._num_samples)
            idx = None if indices is None else indices[start:stop]
            yield tree.map_structure(
                lambda a, s=start, e=stop, ix=idx: None if a is None else _take(a, s, e, ix), data
            )
