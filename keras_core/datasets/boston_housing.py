"""Boston housing prices: 506 samples of 13 features and the median home value."""

import numpy as np

from keras_core.datasets._common import ORIGIN_FOLDER, check_fraction
from keras_core.datasets.safe_loading import load_npz
from keras_core.utils.file_utils import get_file

FILE_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """Loads the Boston housing data from ``boston_housing.npz`` and splits it.

    The samples are shuffled with ``seed`` and the last ``test_split`` fraction
    becomes the test set.

    Args:
        path: the file name in the cache folder.
        test_split: the fraction of samples kept for testing, in ``[0, 1)``.
        seed: the shuffling seed.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: float arrays of shape
        ``(n, 13)`` and ``(n,)`` (prices in thousands of dollars).
    """
    check_fraction("test_split", test_split)
    path = get_file(path, origin=ORIGIN_FOLDER + "boston_housing.npz", file_hash=FILE_HASH)
    data = load_npz(path)
    x, y = data["x"], data["y"]
    order = np.random.RandomState(seed).permutation(len(x))
    x, y = x[order], y[order]
    n_train = int(len(x) * (1 - test_split))
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])
