"""Reading the CIFAR "python version" batch files (pickled dicts of bytes keys)."""

import numpy as np

from keras_core.backend import config
from keras_core.datasets.safe_loading import restricted_pickle_load


def load_batch(fpath, label_key="labels"):
    """Reads one CIFAR batch file.

    Returns:
        ``(data, labels)``: uint8 images of shape ``(n, 3, 32, 32)`` and a list of labels.
    """
    with open(fpath, "rb") as f:
        d = restricted_pickle_load(f, encoding="bytes")
    if not isinstance(d, dict):
        raise ValueError(f"{fpath} is not a CIFAR batch: expected a dict, found {type(d).__name__}")
    d = {k.decode("utf8") if isinstance(k, bytes) else k: v for k, v in d.items()}
    for key in ("data", label_key):
        if key not in d:
            raise ValueError(f"{fpath} is not a CIFAR batch: the key {key!r} is missing")
    data = np.asarray(d["data"], dtype="uint8")
    return data.reshape(data.shape[0], 3, 32, 32), d[label_key]


def to_image_format(x):
    """(n, 3, 32, 32) to the configured image data format."""
    if config.image_data_format() == "channels_last":
        return x.transpose(0, 2, 3, 1)
    return x
