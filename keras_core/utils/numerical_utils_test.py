import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.utils import normalize, pad_sequences, to_categorical


def test_to_categorical_numpy_matches_eye():
    y = np.array([3, 0, 2, 2])
    out = to_categorical(y, 4)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, np.eye(4, dtype="float32")[y])


def test_to_categorical_infers_classes_and_drops_trailing_one():
    out = to_categorical(np.array([[1], [0], [2]]))
    assert out.shape == (3, 3)
    np.testing.assert_array_equal(out, np.eye(3, dtype="float32")[[1, 0, 2]])


def test_to_categorical_nd_and_tensor():
    y = np.array([[0, 1], [2, 1]])
    np.testing.assert_array_equal(to_categorical(y, 3), np.eye(3, dtype="float32")[y])
    t = to_categorical(ops.convert_to_tensor(y), 3)
    assert backend.is_tensor(t)
    assert backend.standardize_dtype(t.dtype) == "float32"
    np.testing.assert_array_equal(ops.convert_to_numpy(t), np.eye(3, dtype="float32")[y])


def test_to_categorical_errors():
    with pytest.raises(ValueError, match="num_classes=2"):
        to_categorical([0, 3], num_classes=2)
    with pytest.raises(ValueError, match="num_classes"):
        to_categorical([0, 1], num_classes=-1)
    with pytest.raises(ValueError, match="integer class indices"):
        to_categorical([0.5, 1.0])


def test_normalize_l2_l1_and_zero_rows():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]])
    ref = x / np.where(
        np.linalg.norm(x, axis=-1, keepdims=True) == 0, 1, np.linalg.norm(x, axis=-1, keepdims=True)
    )
    np.testing.assert_allclose(normalize(x), ref, rtol=1e-12)
    ref1 = x / np.maximum(np.abs(x).sum(axis=0, keepdims=True), 1e-300)
    np.testing.assert_allclose(normalize(x, axis=0, order=1), ref1, rtol=1e-12)


def test_normalize_tensor():
    x = np.array([[3.0, 4.0], [0.0, 0.0]], dtype="float32")
    out = normalize(ops.convert_to_tensor(x))
    assert backend.is_tensor(out)
    np.testing.assert_allclose(ops.convert_to_numpy(out), [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)
    with pytest.raises(ValueError, match="order=0"):
        normalize(x, order=0)


def test_pad_sequences_modes():
    seqs = [[1, 2, 3], [4], []]
    np.testing.assert_array_equal(pad_sequences(seqs), [[1, 2, 3], [0, 0, 4], [0, 0, 0]])
    np.testing.assert_array_equal(
        pad_sequences(seqs, maxlen=2, padding="post", truncating="post", value=9),
        [[1, 2], [4, 9], [9, 9]],
    )
    np.testing.assert_array_equal(pad_sequences(seqs, maxlen=2), [[2, 3], [0, 4], [0, 0]])
    assert pad_sequences(seqs).dtype == np.int32


def test_pad_sequences_items_strings_and_input_untouched():
    seqs = [np.ones((2, 3)), np.zeros((1, 3))]
    out = pad_sequences(seqs, dtype="float32")
    assert out.shape == (2, 2, 3) and out.dtype == np.float32
    np.testing.assert_array_equal(out[1, 0], 0.0)
    words = [["a", "b"], ["c"]]
    out = pad_sequences(words, dtype=object, value="<pad>")
    assert out.tolist() == [["a", "b"], ["<pad>", "c"]]
    assert words == [["a", "b"], ["c"]]


def test_pad_sequences_errors():
    with pytest.raises(ValueError, match="padding='mid'"):
        pad_sequences([[1]], padding="mid")
    with pytest.raises(ValueError, match="truncating"):
        pad_sequences([[1]], truncating="x")
    with pytest.raises(ValueError, match="maxlen=-1"):
        pad_sequences([[1]], maxlen=-1)
    with pytest.raises(ValueError, match="string padding"):
        pad_sequences([[1]], value="x")
    with pytest.raises(ValueError, match=r"sequences\[1\]"):
        pad_sequences([[1], 5])
