"""Each loader reads small files that the test writes in the standard layouts (no network)."""

import gzip
import hashlib
import io
import json
import os
import pickle
import tarfile

import numpy as np
import pytest

from keras_core.backend import config
from keras_core.datasets import (
    boston_housing,
    cifar10,
    cifar100,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)
from keras_core.datasets.safe_loading import load_npz, restricted_pickle_load


@pytest.fixture
def cache(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "datasets").mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home / "datasets"


def _sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _objects(seqs):
    arr = np.empty(len(seqs), dtype=object)
    arr[:] = [list(s) for s in seqs]
    return arr


def test_mnist(cache, monkeypatch):
    rng = np.random.RandomState(0)
    arrays = {
        "x_train": rng.randint(0, 256, (5, 28, 28)).astype("uint8"),
        "y_train": np.arange(5, dtype="uint8"),
        "x_test": rng.randint(0, 256, (2, 28, 28)).astype("uint8"),
        "y_test": np.array([7, 1], dtype="uint8"),
    }
    np.savez(cache / "mnist.npz", **arrays)
    monkeypatch.setattr(mnist, "FILE_HASH", _sha256(cache / "mnist.npz"))
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    for got, key in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test")):
        np.testing.assert_array_equal(got, arrays[key])
        assert got.dtype == np.uint8
    np.testing.assert_array_equal(y_test, [7, 1])


def test_mnist_wrong_hash_is_a_clear_error(cache, tmp_path, monkeypatch):
    # A cached file with the wrong hash is fetched again (here from a local folder
    # holding an equally wrong file), and the mismatch is reported.
    np.savez(cache / "mnist.npz", x_train=np.zeros(1))
    origin = tmp_path / "origin"
    origin.mkdir()
    np.savez(origin / "mnist.npz", x_train=np.ones(1))
    monkeypatch.setattr(mnist, "ORIGIN_FOLDER", origin.as_uri() + "/")
    with pytest.raises(ValueError, match="expected sha256 hash"):
        mnist.load_data()
    assert not (cache / "mnist.npz").exists()


def _idx(path, header, data):
    with gzip.open(path, "wb") as f:
        f.write(header + data.tobytes())


def test_fashion_mnist(cache):
    folder = cache / "fashion-mnist"
    folder.mkdir()
    x_tr = np.arange(3 * 784, dtype="uint32").astype("uint8").reshape(3, 28, 28)
    x_te = (255 - np.arange(2 * 784) % 256).astype("uint8").reshape(2, 28, 28)
    _idx(folder / "train-labels-idx1-ubyte.gz", b"\0" * 8, np.array([1, 2, 3], "uint8"))
    _idx(folder / "train-images-idx3-ubyte.gz", b"\0" * 16, x_tr)
    _idx(folder / "t10k-labels-idx1-ubyte.gz", b"\0" * 8, np.array([9, 0], "uint8"))
    _idx(folder / "t10k-images-idx3-ubyte.gz", b"\0" * 16, x_te)
    (a, b), (c, d) = fashion_mnist.load_data()
    np.testing.assert_array_equal(a, x_tr)
    np.testing.assert_array_equal(b, [1, 2, 3])
    np.testing.assert_array_equal(c, x_te)
    np.testing.assert_array_equal(d, [9, 0])


def _cifar_tar(cache, folder, files):
    path = cache / f"{folder}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in files.items():
            data = pickle.dumps(payload, protocol=2)
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_cifar10(cache, monkeypatch, data_format):
    rng = np.random.RandomState(1)
    files, expected_x, expected_y = {}, [], []
    for i, name in enumerate([f"data_batch_{k}" for k in range(1, 6)] + ["test_batch"]):
        data = rng.randint(0, 256, (2, 3072)).astype("uint8")
        labels = [i % 10, (i + 3) % 10]
        files[name] = {b"data": data, b"labels": labels, b"batch_label": b"x"}
        expected_x.append(data.reshape(2, 3, 32, 32))
        expected_y.extend(labels)
    tar = _cifar_tar(cache, "cifar-10-batches-py", files)
    monkeypatch.setattr(cifar10, "FILE_HASH", _sha256(tar))
    previous = config.image_data_format()
    config.set_image_data_format(data_format)
    try:
        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    finally:
        config.set_image_data_format(previous)
    ref_train = np.concatenate(expected_x[:5])
    if data_format == "channels_last":
        ref_train = ref_train.transpose(0, 2, 3, 1)
        assert x_train.shape == (10, 32, 32, 3)
    np.testing.assert_array_equal(x_train, ref_train)
    assert y_train.shape == (10, 1) and y_train.dtype == np.uint8
    np.testing.assert_array_equal(y_train[:, 0], expected_y[:10])
    np.testing.assert_array_equal(y_test[:, 0], expected_y[10:])
    assert x_test.shape[0] == 2


def test_cifar100_label_modes(cache, monkeypatch):
    data = np.arange(2 * 3072).astype("uint8").reshape(2, 3072)
    files = {
        "train": {b"data": data, b"fine_labels": [42, 7], b"coarse_labels": [3, 19]},
        "test": {b"data": data[:1], b"fine_labels": [99], b"coarse_labels": [0]},
    }
    tar = _cifar_tar(cache, "cifar-100-python", files)
    monkeypatch.setattr(cifar100, "FILE_HASH", _sha256(tar))
    (_, fine), (_, fine_test) = cifar100.load_data()
    (x, coarse), _ = cifar100.load_data(label_mode="coarse")
    np.testing.assert_array_equal(fine[:, 0], [42, 7])
    np.testing.assert_array_equal(fine_test[:, 0], [99])
    np.testing.assert_array_equal(coarse[:, 0], [3, 19])
    assert x.shape == (2, 32, 32, 3)
    with pytest.raises(ValueError, match="label_mode='medium'"):
        cifar100.load_data(label_mode="medium")


def test_cifar_batch_with_code_is_refused(cache, monkeypatch):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo should-not-run",))

    files = {"train": {b"data": Evil()}, "test": {}}
    tar = _cifar_tar(cache, "cifar-100-python", files)
    monkeypatch.setattr(cifar100, "FILE_HASH", _sha256(tar))
    with pytest.raises(pickle.UnpicklingError, match="Refusing to load"):
        cifar100.load_data()


def test_boston_housing_split(cache, monkeypatch):
    x = np.arange(10 * 13, dtype="float64").reshape(10, 13)
    y = np.arange(10, dtype="float64") * 1.5
    np.savez(cache / "boston_housing.npz", x=x, y=y)
    monkeypatch.setattr(boston_housing, "FILE_HASH", _sha256(cache / "boston_housing.npz"))
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(test_split=0.3, seed=5)
    order = np.random.RandomState(5).permutation(10)
    np.testing.assert_array_equal(x_train, x[order[:7]])
    np.testing.assert_array_equal(y_test, y[order[7:]])
    assert x_test.shape == (3, 13)
    with pytest.raises(ValueError, match="test_split=1.5"):
        boston_housing.load_data(test_split=1.5)


IMDB_TRAIN = [[1, 2, 3], [4, 5, 6, 7, 8], [9]]
IMDB_TEST = [[10, 1], [2, 2, 2, 2]]


@pytest.fixture
def imdb_file(cache, monkeypatch):
    np.savez(
        cache / "imdb.npz",
        x_train=_objects(IMDB_TRAIN),
        labels_train=np.array([0, 1, 0]),
        x_test=_objects(IMDB_TEST),
        labels_test=np.array([1, 0]),
    )
    monkeypatch.setattr(imdb, "FILE_HASH", _sha256(cache / "imdb.npz"))


def _imdb_reference(seed, transform):
    rng = np.random.RandomState(seed)
    out = []
    for seqs, labels in ((IMDB_TRAIN, [0, 1, 0]), (IMDB_TEST, [1, 0])):
        order = np.arange(len(seqs))
        rng.shuffle(order)
        out.append(([transform(seqs[i]) for i in order], [labels[i] for i in order]))
    return out


def test_imdb_defaults(imdb_file):
    (x_train, y_train), (x_test, y_test) = imdb.load_data()
    ref = _imdb_reference(113, lambda s: [1] + [w + 3 for w in s])
    assert x_train.dtype == object
    assert [list(s) for s in x_train] == ref[0][0]
    assert list(y_train) == ref[0][1]
    assert [list(s) for s in x_test] == ref[1][0]
    assert list(y_test) == ref[1][1]


def test_imdb_num_words_skip_top_oov_maxlen(imdb_file):
    (x_train, y_train), (x_test, _) = imdb.load_data(
        num_words=8, skip_top=2, maxlen=5, seed=0, start_char=None, oov_char=0, index_from=1
    )

    def tf_(s):
        return [w + 1 if 2 <= w + 1 < 8 else 0 for w in s]

    ref = _imdb_reference(0, lambda s: s)
    kept = [(tf_(s), y) for s, y in zip(*ref[0]) if len(s) < 5]
    assert [list(s) for s in x_train] == [s for s, _ in kept]
    assert list(y_train) == [y for _, y in kept]
    assert [list(s) for s in x_test] == [tf_(s) for s in ref[1][0] if len(s) < 5]
    (x_train, _), _ = imdb.load_data(num_words=5, oov_char=None, start_char=None, index_from=0)
    assert all(all(w < 5 for w in s) for s in x_train)


def test_imdb_errors(imdb_file):
    with pytest.raises(ValueError, match="maxlen"):
        imdb.load_data(maxlen=1)
    with pytest.raises(TypeError, match="num_words"):
        imdb.load_data(nb_words=10)


def test_word_indexes(cache, monkeypatch):
    for module, name in ((imdb, "imdb_word_index.json"), (reuters, "reuters_word_index.json")):
        (cache / name).write_text(json.dumps({"the": 1, "a": 2}))
        monkeypatch.setattr(module, "WORD_INDEX_HASH", _sha256(cache / name))
        assert module.get_word_index() == {"the": 1, "a": 2}


def test_reuters(cache, monkeypatch):
    seqs = [[1, 2], [3, 4, 5], [6], [7, 8, 9, 10], [2, 2]]
    labels = np.array([0, 3, 45, 1, 2])
    np.savez(cache / "reuters.npz", x=_objects(seqs), y=labels)
    monkeypatch.setattr(reuters, "FILE_HASH", _sha256(cache / "reuters.npz"))
    (x_train, y_train), (x_test, y_test) = reuters.load_data(test_split=0.4, seed=3)
    order = np.arange(5)
    np.random.RandomState(3).shuffle(order)
    ref = [[1] + [w + 3 for w in seqs[i]] for i in order]
    assert [list(s) for s in x_train] == ref[:3]
    assert [list(s) for s in x_test] == ref[3:]
    np.testing.assert_array_equal(np.concatenate([y_train, y_test]), labels[order])
    names = reuters.get_label_names()
    assert len(names) == 46 and len(set(names)) == 46


def test_load_npz_matches_numpy_load(tmp_path):
    path = tmp_path / "a.npz"
    arrays = {
        "a": np.arange(12, dtype="float32").reshape(3, 4),
        "f": np.asfortranarray(np.arange(6).reshape(2, 3)),
        "o": _objects([[1], [2, 3]]),
        "s": np.array(3.5),
    }
    np.savez(path, **arrays)
    got = load_npz(path)
    ref = np.load(path, allow_pickle=True)
    for key in arrays:
        assert got[key].dtype == ref[key].dtype and got[key].shape == ref[key].shape
        if key == "o":
            assert [list(v) for v in got[key]] == [list(v) for v in ref[key]]
        else:
            np.testing.assert_array_equal(got[key], ref[key])
    buf = io.BytesIO(pickle.dumps({b"k": [1, b"x", 2.5]}, protocol=2))
    assert restricted_pickle_load(buf, encoding="bytes") == {b"k": [1, b"x", 2.5]}
