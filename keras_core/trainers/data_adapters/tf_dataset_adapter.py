"""Batches from a ``tf.data.Dataset`` (already batched), on any backend."""

from keras_core.trainers.data_adapters import data_adapter_utils as utils
from keras_core.trainers.data_adapters.data_adapter import DataAdapter


class TFDatasetAdapter(DataAdapter):
    """Iterates a batched ``tf.data.Dataset`` once per epoch.

    On the tensorflow backend the tensors go to the step as they are; on the
    other backends each one becomes a NumPy view (no copy on CPU) for the
    backend to take.
    """

    def __init__(self, dataset, steps=None, backend_name="numpy"):
        import tensorflow as tf

        self._dataset = dataset
        self._backend_name = backend_name
        cardinality = int(dataset.cardinality().numpy())
        known = cardinality >= 0
        self.num_batches = cardinality if known else None
        if steps is not None:
            self.num_batches = int(steps) if not known else min(int(steps), cardinality)
        self._steps = steps
        self._tf = tf

    def get_iterator(self):
        for i, item in enumerate(self._dataset):
            if self._steps is not None and i >= self._steps:
                return
            if not isinstance(item, tuple):
                item = (item,)
            if self._backend_name != "tensorflow":
                item = utils.standardize_structure(item, self._backend_name)
            yield item
