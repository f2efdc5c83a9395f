import sys

import numpy as np
import pytest
import tensorflow as tf

from keras_core import backend, layers, ops
from keras_core.layers.preprocessing import base


def _np(x):
    return np.asarray(x.numpy() if tf.is_tensor(x) else ops.convert_to_numpy(x))


def _ref_lookup(x, vocab, num_oov=1, mask=None):
    """Pure-Python IntegerLookup reference (int mode)."""
    start = (1 if mask is not None else 0) + num_oov
    table = {t: i + start for i, t in enumerate(vocab)}
    out = []
    for v in np.ravel(x).tolist():
        if mask is not None and v == mask:
            out.append(0)
        elif v in table:
            out.append(table[v])
        else:
            out.append(v % num_oov + (1 if mask is not None else 0))
    return np.array(out).reshape(np.shape(x))


def test_integer_lookup_matches_reference():
    vocab = [12, 36, 1138, 42]
    x = np.array([[12, 1138, 42], [42, 1000, 36], [0, 7, 12]])
    for num_oov, mask in ((1, None), (3, None), (2, 0)):
        layer = layers.IntegerLookup(vocabulary=vocab, num_oov_indices=num_oov, mask_token=mask)
        y = layer(x)
        assert backend.standardize_dtype(y.dtype) == "int64"
        np.testing.assert_array_equal(_np(y), _ref_lookup(x, vocab, num_oov, mask))
    layer = layers.IntegerLookup(vocabulary=vocab, mask_token=0)
    assert layer.get_vocabulary() == [0, -1] + vocab
    assert layer.vocabulary_size() == 6


def test_integer_lookup_invert_and_modes():
    vocab = [12, 36, 1138, 42]
    inv = layers.IntegerLookup(vocabulary=vocab, invert=True)
    np.testing.assert_array_equal(
        _np(inv(np.array([[1, 3, 4], [4, 0, 9]]))), [[12, 1138, 42], [42, -1, -1]]
    )
    x = np.array([[12, 12, 7], [36, 42, 42]])
    ids = _ref_lookup(x, vocab)
    counts = np.stack([np.bincount(r, minlength=5) for r in ids]).astype("float32")
    multi = layers.IntegerLookup(vocabulary=vocab, output_mode="multi_hot")
    np.testing.assert_array_equal(_np(multi(x)), (counts > 0).astype("float32"))
    count = layers.IntegerLookup(vocabulary=vocab, output_mode="count")
    np.testing.assert_array_equal(_np(count(x)), counts)
    one_hot = layers.IntegerLookup(vocabulary=vocab, output_mode="one_hot")
    np.testing.assert_array_equal(_np(one_hot(np.array([12, 7]))), np.eye(5)[[1, 0]])
    padded = layers.IntegerLookup(
        vocabulary=vocab, output_mode="count", max_tokens=8, pad_to_max_tokens=True
    )
    assert _np(padded(x)).shape == (2, 8)


def test_integer_lookup_adapt_and_tf_idf():
    data = np.array([[1, 2, 2], [2, 3, 9], [3, 2, 1]])
    for src in (data, tf.data.Dataset.from_tensor_slices(data).batch(2)):
        layer = layers.IntegerLookup(output_mode="tf_idf")
        layer.adapt(src)
        # counts: 2 -> 4, 1 -> 2, 3 -> 2, 9 -> 1 (ties in ascending token order)
        assert layer.get_vocabulary() == [-1, 2, 1, 3, 9]
        docs = [set(r) for r in data.tolist()]
        idf = [np.log(1 + 3 / (1 + sum(t in d for d in docs))) for t in (2, 1, 3, 9)]
        x = np.array([[2, 2, 5]])
        expected = np.array([[np.mean(idf), 2 * idf[0], 0, 0, 0]])
        np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-6)
    limited = layers.IntegerLookup(max_tokens=3)
    limited.adapt(data)
    assert limited.get_vocabulary() == [-1, 2, 1]


def test_integer_lookup_vocabulary_file_config_and_errors(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("5\n9\n2\n")
    layer = layers.IntegerLookup(vocabulary=str(path))
    assert layer.get_vocabulary() == [-1, 5, 9, 2]
    cfg = layer.get_config()
    revived = layers.IntegerLookup.from_config(cfg)
    np.testing.assert_array_equal(_np(revived(np.array([9, 4]))), [2, 0])
    with pytest.raises(ValueError, match="output_mode"):
        layers.IntegerLookup(output_mode="bad")
    with pytest.raises(ValueError, match="num_oov_indices"):
        layers.IntegerLookup(num_oov_indices=-1)
    with pytest.raises(ValueError, match="repeated"):
        layers.IntegerLookup(vocabulary=[1, 1])
    with pytest.raises(ValueError, match="no vocabulary"):
        layers.IntegerLookup()(np.array([1]))
    with pytest.raises(ValueError, match="does not exist"):
        layers.IntegerLookup(vocabulary=str(tmp_path / "missing.txt"))


def test_string_lookup_values_invert_adapt():
    vocab = ["a", "b", "c", "d"]
    x = np.array([["a", "c", "d"], ["d", "z", "b"]])
    layer = layers.StringLookup(vocabulary=vocab)
    table = {t: i + 1 for i, t in enumerate(vocab)}
    expected = [[table.get(t, 0) for t in row] for row in x.tolist()]
    np.testing.assert_array_equal(_np(layer(x)), expected)
    masked = layers.StringLookup(vocabulary=vocab, mask_token="")
    np.testing.assert_array_equal(_np(masked(np.array(["", "a", "q"]))), [0, 2, 1])
    inv = layers.StringLookup(vocabulary=vocab, invert=True)
    out = _np(inv(np.array([[1, 3, 4], [4, 0, 2]])))
    assert [[t.decode() for t in r] for r in out.tolist()] == [["a", "c", "d"], ["d", "[UNK]", "b"]]
    adapted = layers.StringLookup()
    adapted.adapt(np.array([["x", "y"], ["y", "z"], ["y", "x"]]))
    assert adapted.get_vocabulary() == ["[UNK]", "y", "x", "z"]
    oov = layers.StringLookup(vocabulary=vocab, num_oov_indices=3)
    bucket = tf.strings.to_hash_bucket_fast(["zz"], 3).numpy()[0]
    np.testing.assert_array_equal(_np(oov(np.array(["zz", "a"]))), [bucket, 3])
    multi = layers.StringLookup(vocabulary=vocab, output_mode="multi_hot")
    np.testing.assert_array_equal(_np(multi(np.array([["a", "a", "q"]]))), [[1, 1, 0, 0, 0]])
    cfg = layer.get_config()
    assert layers.StringLookup.from_config(cfg).get_vocabulary() == layer.get_vocabulary()
    with pytest.raises(ValueError, match="string inputs"):
        layers.StringLookup(vocabulary=vocab).call(ops.convert_to_tensor([1, 2]))


def test_string_layers_without_tensorflow_name_it(monkeypatch):
    monkeypatch.setattr(base, "tf_available", lambda: False)
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    with pytest.raises(ImportError, match="TensorFlow"):
        layers.TextVectorization()
    if backend.backend() != "tensorflow":
        with pytest.raises(ImportError, match="TensorFlow"):
            layers.StringLookup(vocabulary=["a"])(np.array(["a"]))
        with pytest.raises(ImportError, match="TensorFlow"):
            layers.Hashing(3)(np.array([1]))
