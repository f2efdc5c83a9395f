"""MNIST: 70,000 28x28 grayscale images of the digits 0-9 (60,000 train, 10,000 test)."""

from keras_core.datasets._common import ORIGIN_FOLDER
from keras_core.datasets.safe_loading import load_npz
from keras_core.utils.file_utils import get_file

FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(path="mnist.npz"):
    """Loads MNIST from ``mnist.npz`` in the cache folder (fetching it if needed).

    Args:
        path: the file name in the cache folder (``$KERAS_HOME/datasets``).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        ``(n, 28, 28)`` with values 0-255 and uint8 labels of shape ``(n,)``.
    """
    path = get_file(fname=path, origin=ORIGIN_FOLDER + "mnist.npz", file_hash=FILE_HASH)
    data = load_npz(path)
    return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
