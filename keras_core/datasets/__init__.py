"""keras_core.datasets: loaders for the small standard datasets.

Each ``load_data`` fetches the dataset's standard file into the cache folder
(``$KERAS_HOME/datasets``, else ``~/.keras/datasets``) with
``keras_core.utils.get_file``, checks its published hash, and reads it into
NumPy arrays. A file already in the cache is used as is.
"""

from keras_core.datasets import (
    boston_housing,
    cifar10,
    cifar100,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)

__all__ = [
    "boston_housing",
    "cifar10",
    "cifar100",
    "fashion_mnist",
    "imdb",
    "mnist",
    "reuters",
]
