"""IMDB movie reviews: 50,000 reviews as word-index sequences, labelled positive (1) or negative (0)."""

import json

import numpy as np

from keras_core.datasets._common import ORIGIN_FOLDER, prepare_word_sequences
from keras_core.datasets.safe_loading import load_npz
from keras_core.utils.file_utils import get_file

FILE_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
WORD_INDEX_HASH = "bfafd718b763782e994055a2d397834f"


def load_data(
    path="imdb.npz",
    num_words=None,
    skip_top=0,
    maxlen=None,
    seed=113,
    start_char=1,
    oov_char=2,
    index_from=3,
    **kwargs,
):
    """Loads the IMDB reviews from ``imdb.npz`` in the cache folder (fetching it if needed).

    Each review is a list of word indices (a word's index is its frequency
    rank, 1 the most frequent). The train and test sets are shuffled with
    ``seed``.

    Args:
        path: the file name in the cache folder.
        num_words: keep only the ``num_words - 1`` most frequent words; others
            become ``oov_char``. All words when None.
        skip_top: also replace the ``skip_top`` most frequent words by ``oov_char``.
        maxlen: drop the reviews of ``maxlen`` words or more.
        seed: the shuffling seed.
        start_char: the index prepended to every review (None: nothing).
        oov_char: the index of dropped words (None: remove them).
        index_from: added to every word index (room for the special indices).
        **kwargs: none are accepted (``nb_words`` is the removed old name of
            ``num_words``).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: object arrays of lists of int
        and int labels of shape ``(n,)``.
    """
    if "nb_words" in kwargs:
        raise TypeError("`nb_words` was renamed `num_words`. Received: nb_words")
    if kwargs:
        raise TypeError(f"Unrecognized keyword arguments for imdb.load_data: {sorted(kwargs)}")
    path = get_file(path, origin=ORIGIN_FOLDER + "imdb.npz", file_hash=FILE_HASH)
    data = load_npz(path)
    rng = np.random.RandomState(seed)
    splits = []
    for x_key, y_key in (("x_train", "labels_train"), ("x_test", "labels_test")):
        x, y = data[x_key], data[y_key]
        order = np.arange(len(x))
        rng.shuffle(order)
        splits.append((list(x[order]), y[order]))
    (x_train, y_train), (x_test, y_test) = prepare_word_sequences(
        splits, num_words, skip_top, maxlen, start_char, oov_char, index_from, "IMDB"
    )
    return (x_train, y_train), (x_test, y_test)


def get_word_index(path="imdb_word_index.json"):
    """The IMDB vocabulary: a dict from word to its index (before ``index_from``).

    Args:
        path: the file name in the cache folder.

    Returns:
        A dict ``{word: index}``.
    """
    path = get_file(path, origin=ORIGIN_FOLDER + "imdb_word_index.json", file_hash=WORD_INDEX_HASH)
    with open(path, encoding="utf-8") as f:
        return json.load(f)
