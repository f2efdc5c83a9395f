"""Data adapters: every supported input kind turned into per-epoch batch iterators."""

from keras_core.backend.common import tree
from keras_core.trainers.data_adapters import data_adapter_utils
from keras_core.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from keras_core.trainers.data_adapters.data_adapter import DataAdapter
from keras_core.trainers.data_adapters.data_adapter_utils import (
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from keras_core.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from keras_core.trainers.data_adapters.py_dataset_adapter import PyDataset, PyDatasetAdapter


def _only_x(kind, y, sample_weight):
    if y is not None or sample_weight is not None:
        raise ValueError(
            f"When `x` is a {kind}, it must yield the targets itself: `y` and `sample_weight` "
            "must not be given separately. Received: "
            f"y={type(y).__name__}, sample_weight={type(sample_weight).__name__}"
        )


def get_data_adapter(
    x,
    y=None,
    sample_weight=None,
    batch_size=None,
    steps_per_epoch=None,
    shuffle=False,
    class_weight=None,
    backend_name="numpy",
):
    """The adapter for ``x`` (arrays, tf.data, DataLoader, PyDataset or a generator)."""
    if isinstance(x, DataAdapter):
        return x
    if data_adapter_utils.is_tf_dataset(x):
        from keras_core.trainers.data_adapters.tf_dataset_adapter import TFDatasetAdapter

        _only_x("tf.data.Dataset", y, sample_weight)
        return TFDatasetAdapter(x, steps=steps_per_epoch, backend_name=backend_name)
    if data_adapter_utils.is_torch_dataloader(x):
        from keras_core.trainers.data_adapters.torch_data_loader_adapter import (
            TorchDataLoaderAdapter,
        )

        _only_x("torch DataLoader", y, sample_weight)
        return TorchDataLoaderAdapter(x, steps=steps_per_epoch, backend_name=backend_name)
    if isinstance(x, PyDataset):
        _only_x("PyDataset", y, sample_weight)
        return PyDatasetAdapter(
            x, shuffle=shuffle, steps=steps_per_epoch, backend_name=backend_name
        )
    if hasattr(x, "__next__") and not isinstance(x, (list, tuple, dict)):
        _only_x("generator", y, sample_weight)
        return GeneratorDataAdapter(x, backend_name=backend_name)
    if x is None:
        raise ValueError("`x` must be given: arrays, a dataset, a PyDataset or a generator.")
    leaves = [v for v in tree.flatten((x, y, sample_weight)) if v is not None]
    for v in leaves:
        if data_adapter_utils.is_tf_dataset(v) or isinstance(v, PyDataset):
            raise ValueError(
                "Datasets and PyDatasets must be passed as `x` alone, not nested in a structure."
            )
    return ArrayDataAdapter(
        x,
        y,
        sample_weight=sample_weight,
        batch_size=batch_size,
        steps=steps_per_epoch,
        shuffle=shuffle,
        class_weight=class_weight,
        backend_name=backend_name,
    )


__all__ = [
    "ArrayDataAdapter",
    "DataAdapter",
    "GeneratorDataAdapter",
    "PyDataset",
    "PyDatasetAdapter",
    "get_data_adapter",
    "pack_x_y_sample_weight",
    "unpack_x_y_sample_weight",
]
