"""Reuters newswires: 11,228 newswires as word-index sequences, labelled with 46 topics."""

import json

import numpy as np

from keras_core.datasets._common import ORIGIN_FOLDER, check_fraction, prepare_word_sequences
from keras_core.datasets.safe_loading import load_npz
from keras_core.utils.file_utils import get_file

FILE_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
WORD_INDEX_HASH = "4d44cc38712099c9e383dc6e5f11a921"

_LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing",
    "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton",
    "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp",
    "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock",
    "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc",
    "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead",
)  # fmt: skip


def load_data(
    path="reuters.npz",
    num_words=None,
    skip_top=0,
    maxlen=None,
    test_split=0.2,
    seed=113,
    start_char=1,
    oov_char=2,
    index_from=3,
):
    """Loads the Reuters newswires from ``reuters.npz`` and splits them.

    The newswires are shuffled with ``seed``; the last ``test_split`` fraction
    becomes the test set. ``num_words``, ``skip_top``, ``maxlen``,
    ``start_char``, ``oov_char`` and ``index_from`` work as in
    ``keras_core.datasets.imdb.load_data``.

    Args:
        path: the file name in the cache folder.
        num_words: keep only the ``num_words - 1`` most frequent words.
        skip_top: also replace the ``skip_top`` most frequent words.
        maxlen: drop the newswires of ``maxlen`` words or more.
        test_split: the fraction kept for testing, in ``[0, 1)``.
        seed: the shuffling seed.
        start_char: the index prepended to every newswire (None: nothing).
        oov_char: the index of dropped words (None: remove them).
        index_from: added to every word index.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: object arrays of lists of int
        and int topic labels (0-45, see ``get_label_names``).
    """
    check_fraction("test_split", test_split)
    path = get_file(path, origin=ORIGIN_FOLDER + "reuters.npz", file_hash=FILE_HASH)
    data = load_npz(path)
    x, y = data["x"], data["y"]
    order = np.arange(len(x))
    np.random.RandomState(seed).shuffle(order)
    x, y = list(x[order]), y[order]
    ((xs, labels),) = prepare_word_sequences(
        [(x, y)], num_words, skip_top, maxlen, start_char, oov_char, index_from, "Reuters"
    )
    n_train = int(len(xs) * (1 - test_split))
    return (xs[:n_train], labels[:n_train]), (xs[n_train:], labels[n_train:])


def get_word_index(path="reuters_word_index.json"):
    """The Reuters vocabulary: a dict from word to its index (before ``index_from``).

    Args:
        path: the file name in the cache folder.

    Returns:
        A dict ``{word: index}``.
    """
    path = get_file(
        path, origin=ORIGIN_FOLDER + "reuters_word_index.json", file_hash=WORD_INDEX_HASH
    )
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def get_label_names():
    """The 46 topic names, in label order.

    Example:
    >>> get_label_names()[:4]
    ('cocoa', 'grain', 'veg-oil', 'earn')
    >>> len(get_label_names())
    46
    """
    return _LABEL_NAMES
