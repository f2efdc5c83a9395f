"""TextVectorization, Hashing and HashedCrossing (TensorFlow string ops) on the active backend."""

import math
import re
import string

import numpy as np
import pytest
import tensorflow as tf

from keras_core import backend, layers, ops


def _np(x):
    return np.asarray(x.numpy() if tf.is_tensor(x) else ops.convert_to_numpy(x))


DATA = ["The Cat sat.", "the dog sat!", "a cat", "A cat, a DOG?"]


def _py_tokens(text, ngrams=None):
    """Pure-Python standardize (lower, strip punctuation) + whitespace split + n-grams."""
    text = text.lower()
    text = re.sub("[" + re.escape(string.punctuation) + "]", "", text)
    words = text.split()
    if ngrams is None:
        return words
    out = []
    for n in range(1, ngrams + 1):
        out += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    return out


def _py_vocab(docs, ngrams=None):
    counts = {}
    for d in docs:
        for t in _py_tokens(d, ngrams):
            counts[t] = counts.get(t, 0) + 1
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def test_text_vectorization_int_matches_python():
    layer = layers.TextVectorization(output_sequence_length=5)
    layer.adapt(np.array(DATA))
    vocab = _py_vocab(DATA)
    assert layer.get_vocabulary() == ["", "[UNK]"] + vocab
    index = {t: i + 2 for i, t in enumerate(vocab)}
    texts = ["the cat ran home", "DOG"]
    expected = []
    for t in texts:
        ids = [index.get(w, 1) for w in _py_tokens(t)][:5]
        expected.append(ids + [0] * (5 - len(ids)))
    y = layer(np.array(texts))
    assert backend.standardize_dtype(y.dtype) == "int64"
    np.testing.assert_array_equal(_np(y), expected)


def test_text_vectorization_bag_modes_ngrams_match_python():
    docs = np.array(DATA)
    vocab = _py_vocab(DATA, ngrams=2)
    layer = layers.TextVectorization(output_mode="tf_idf", ngrams=2)
    layer.adapt(docs)
    assert layer.get_vocabulary() == ["[UNK]"] + vocab
    doc_sets = [set(_py_tokens(d, 2)) for d in DATA]
    idf = [math.log(1 + len(DATA) / (1 + sum(t in s for s in doc_sets))) for t in vocab]
    text = "the cat the moon"
    row = np.zeros(len(vocab) + 1)
    for tok in _py_tokens(text, 2):
        if tok in vocab:
            row[vocab.index(tok) + 1] += idf[vocab.index(tok)]
        else:
            row[0] += np.mean(idf)
    np.testing.assert_allclose(_np(layer(np.array([text])))[0], row, rtol=1e-5)
    count = layers.TextVectorization(output_mode="count", vocabulary=["cat", "dog"])
    np.testing.assert_array_equal(_np(count(np.array(["cat cat bird"]))), [[1, 2, 0]])
    multi = layers.TextVectorization(output_mode="multi_hot", vocabulary=["cat", "dog"])
    np.testing.assert_array_equal(_np(multi(np.array([["cat cat bird"]]))), [[1, 1, 0]])


def test_text_vectorization_options_file_config(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("b\na\n")
    chars = layers.TextVectorization(
        standardize=None, split="character", vocabulary=str(path), output_sequence_length=4
    )
    np.testing.assert_array_equal(_np(chars(np.array(["abA"]))), [[3, 2, 1, 0]])
    lower = layers.TextVectorization(standardize="lower", split=None, vocabulary=["x y!"])
    np.testing.assert_array_equal(_np(lower(np.array(["X Y!", "x y"]))), [[2], [1]])
    revived = layers.TextVectorization.from_config(chars.get_config())
    assert revived.get_vocabulary() == chars.get_vocabulary()
    with pytest.raises(ValueError, match="standardize"):
        layers.TextVectorization(standardize="upper")
    with pytest.raises(ValueError, match="output_sequence_length"):
        layers.TextVectorization(output_mode="count", output_sequence_length=3)
    with pytest.raises(ValueError, match="strings"):
        layers.TextVectorization(vocabulary=["a"])(np.array([1, 2]))


# Bucket numbers documented for Keras' Hashing and HashedCrossing (FarmHash / SipHash).
def test_hashing_documented_buckets():
    x = np.array([["A"], ["B"], ["C"], ["D"], ["E"]])
    np.testing.assert_array_equal(_np(layers.Hashing(3)(x)).ravel(), [1, 0, 1, 1, 2])
    masked = np.array([["A"], ["B"], [""], ["C"], ["D"]])
    out = layers.Hashing(3, mask_value="")(masked)
    np.testing.assert_array_equal(_np(out).ravel(), [1, 1, 0, 2, 2])
    np.testing.assert_array_equal(_np(layers.Hashing(3, salt=133)(x)).ravel(), [0, 0, 2, 1, 0])
    ints = np.array([[1], [2], [3], [40]])
    as_strings = np.array([["1"], ["2"], ["3"], ["40"]])
    np.testing.assert_array_equal(_np(layers.Hashing(7)(ints)), _np(layers.Hashing(7)(as_strings)))
    one_hot = _np(layers.Hashing(3, output_mode="one_hot")(np.array(["A", "B"])))
    np.testing.assert_array_equal(one_hot, np.eye(3)[[1, 0]])
    cfg = layers.Hashing(3, salt=[1, 2]).get_config()
    assert layers.Hashing.from_config(cfg).salt == [1, 2]
    with pytest.raises(ValueError, match="num_bins"):
        layers.Hashing(0)
    with pytest.raises(ValueError, match="strings or integers"):
        layers.Hashing(3)(np.array([1.5]))


def test_hashed_crossing_documented_buckets():
    a = np.array(["A", "B", "A", "B", "A"])
    b = np.array([101, 101, 101, 102, 102])
    layer = layers.HashedCrossing(num_bins=5)
    np.testing.assert_array_equal(_np(layer((a, b))), [1, 4, 1, 1, 3])
    col = _np(layer((a.reshape(-1, 1), b.reshape(-1, 1))))
    np.testing.assert_array_equal(col.ravel(), [1, 4, 1, 1, 3])
    one_hot = layers.HashedCrossing(num_bins=5, output_mode="one_hot")
    np.testing.assert_array_equal(_np(one_hot((a, b))), np.eye(5)[[1, 4, 1, 1, 3]])
    with pytest.raises(ValueError, match="tuple of at least two"):
        layer.call(tf.constant([1, 2]))
