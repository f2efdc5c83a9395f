"""CIFAR-100: 60,000 32x32 colour images in 100 fine classes grouped into 20 coarse ones."""

import os

import numpy as np

from keras_core.datasets.cifar import load_batch, to_image_format
from keras_core.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
FILE_HASH = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def load_data(label_mode="fine"):
    """Loads CIFAR-100 from ``cifar-100-python`` in the cache folder (fetching it if needed).

    Args:
        label_mode: ``"fine"`` (100 classes) or ``"coarse"`` (20 superclasses).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        ``(n, 32, 32, 3)`` (or channels first) and uint8 labels of shape ``(n, 1)``.
    """
    if label_mode not in ("fine", "coarse"):
        raise ValueError(
            f'`label_mode` must be "fine" or "coarse". Received: label_mode={label_mode!r}'
        )
    path = get_file(fname="cifar-100-python", origin=ORIGIN, untar=True, file_hash=FILE_HASH)
    key = label_mode + "_labels"
    x_train, y_train = load_batch(os.path.join(path, "train"), label_key=key)
    x_test, y_test = load_batch(os.path.join(path, "test"), label_key=key)
    y_train = np.reshape(np.asarray(y_train, dtype="uint8"), (-1, 1))
    y_test = np.reshape(np.asarray(y_test, dtype="uint8"), (-1, 1))
    return (to_image_format(x_train), y_train), (to_image_format(x_test), y_test)
