"""CIFAR-10: 60,000 32x32 colour images in 10 classes (50,000 train, 10,000 test)."""

import os

import numpy as np

from keras_core.datasets.cifar import load_batch, to_image_format
from keras_core.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
FILE_HASH = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"


def load_data():
    """Loads CIFAR-10 from ``cifar-10-batches-py`` in the cache folder (fetching it if needed).

    The batches are read without running pickled code (only arrays, lists and
    bytes are accepted).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        ``(n, 32, 32, 3)`` (``(n, 3, 32, 32)`` with channels_first) and uint8
        labels of shape ``(n, 1)`` (0 airplane, 1 automobile, 2 bird, 3 cat,
        4 deer, 5 dog, 6 frog, 7 horse, 8 ship, 9 truck).
    """
    path = get_file(fname="cifar-10-batches-py", origin=ORIGIN, untar=True, file_hash=FILE_HASH)
    xs, ys = [], []
    for i in range(1, 6):
        x, y = load_batch(os.path.join(path, f"data_batch_{i}"))
        xs.append(x)
        ys.extend(y)
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(np.asarray(ys, dtype="uint8"), (-1, 1))
    y_test = np.reshape(np.asarray(y_test, dtype="uint8"), (-1, 1))
    x_train = to_image_format(np.concatenate(xs))
    return (x_train, y_train), (to_image_format(x_test), y_test)
