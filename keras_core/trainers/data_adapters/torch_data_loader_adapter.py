"""Batches from a ``torch.utils.data.DataLoader``, on any backend."""

from keras_core.trainers.data_adapters import data_adapter_utils as utils
from keras_core.trainers.data_adapters.data_adapter import DataAdapter


class TorchDataLoaderAdapter(DataAdapter):
    """Iterates a DataLoader once per epoch.

    On the torch backend the batch tensors go to the step as they are; on the
    other backends each becomes a NumPy view of the CPU tensor.
    """

    def __init__(self, dataloader, steps=None, backend_name="numpy"):
        self._loader = dataloader
        self._backend_name = backend_name
        try:
            n = len(dataloader)
        except TypeError:
            n = None
        self.num_batches = n if steps is None else (int(steps) if n is None else min(steps, n))
        self._steps = steps
        self.batch_size = dataloader.batch_size

    def get_iterator(self):
        for i, item in enumerate(self._loader):
            if self._steps is not None and i >= self._steps:
                return
            if isinstance(item, list):
                item = tuple(item)
            if not isinstance(item, tuple):
                item = (item,)
            if self._backend_name != "torch":
                item = utils.standardize_structure(item, self._backend_name)
            yield item
