"""Fashion-MNIST: 70,000 28x28 grayscale images of 10 kinds of clothing."""

import gzip
import os

import numpy as np

from keras_core.datasets._common import ORIGIN_FOLDER
from keras_core.utils.file_utils import get_file

FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)


def _read_idx(path, offset, what):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if len(raw) < offset:
        raise ValueError(f"{path} is too short to be an IDX {what} file ({len(raw)} bytes).")
    return np.frombuffer(raw, np.uint8, offset=offset)


def load_data():
    """Loads Fashion-MNIST from the four gzipped IDX files in ``datasets/fashion-mnist``.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        ``(n, 28, 28)`` and uint8 labels of shape ``(n,)`` (0 T-shirt/top,
        1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker,
        8 Bag, 9 Ankle boot).
    """
    subdir = os.path.join("datasets", "fashion-mnist")
    paths = [
        get_file(name, origin=ORIGIN_FOLDER + "fashion-mnist/" + name, cache_subdir=subdir)
        for name in FILES
    ]
    y_train = _read_idx(paths[0], 8, "label")
    x_train = _read_idx(paths[1], 16, "image").reshape(len(y_train), 28, 28)
    y_test = _read_idx(paths[2], 8, "label")
    x_test = _read_idx(paths[3], 16, "image").reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
