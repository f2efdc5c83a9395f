"""Shared pieces of the dataset loaders: the file host and the word-sequence preprocessing."""

import numpy as np

ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def check_fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise ValueError(f"`{name}` must be a float in [0, 1). Received: {name}={value!r}")


def prepare_word_sequences(
    splits, num_words, skip_top, maxlen, start_char, oov_char, index_from, dataset
):
    """Applies the documented IMDB/Reuters transforms to lists of word-index sequences.

    ``splits`` is a list of ``(sequences, labels)``; the same list is returned
    with: every index shifted by ``index_from`` and ``start_char`` prepended
    (when not None); sequences of ``maxlen`` words or more dropped; indices
    outside ``[skip_top, num_words)`` replaced by ``oov_char`` (or removed
    when it is None). The vocabulary size defaults to the largest index + 1.
    """
    if num_words is not None and (isinstance(num_words, bool) or int(num_words) <= 0):
        raise ValueError(f"`num_words` must be a positive integer or None. Received: {num_words!r}")
    if maxlen is not None and (isinstance(maxlen, bool) or int(maxlen) <= 0):
        raise ValueError(
            f"`maxlen` must be a positive integer or None. Received: maxlen={maxlen!r}"
        )
    if isinstance(skip_top, bool) or int(skip_top) < 0:
        raise ValueError(f"`skip_top` must be a non-negative integer. Received: {skip_top!r}")
    shifted = []
    for seqs, labels in splits:
        if start_char is not None:
            seqs = [[start_char] + [int(w) + index_from for w in s] for s in seqs]
        elif index_from:
            seqs = [[int(w) + index_from for w in s] for s in seqs]
        else:
            seqs = [[int(w) for w in s] for s in seqs]
        labels = np.asarray(labels)
        if maxlen is not None:
            keep = [i for i, s in enumerate(seqs) if len(s) < maxlen]
            if not keep:
                raise ValueError(
                    f"After removing the {dataset} sequences of {maxlen} words or more, a split "
                    f"holds no sequence. Increase `maxlen`. Received: maxlen={maxlen}"
                )
            seqs = [seqs[i] for i in keep]
            labels = labels[keep]
        shifted.append((seqs, labels))
    if num_words is None:
        num_words = max((max(s) for seqs, _ in shifted for s in seqs if s), default=0) + 1
    out = []
    for seqs, labels in shifted:
        if oov_char is not None:
            seqs = [[w if skip_top <= w < num_words else oov_char for w in s] for s in seqs]
        else:
            seqs = [[w for w in s if skip_top <= w < num_words] for s in seqs]
        array = np.empty(len(seqs), dtype=object)
        array[:] = seqs
        out.append((array, labels))
    return out
