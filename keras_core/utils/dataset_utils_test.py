"""tf.data builders: split_dataset, timeseries and the *_dataset_from_directory functions.

They return tf.data datasets whatever the backend; they run here on every backend
except torch (TensorFlow and torch in one process can crash), where only the
missing-TensorFlow error is checked.
"""

import os
import sys

import numpy as np
import pytest

from keras_core import backend
from keras_core.utils import (
    audio_dataset_from_directory,
    image_dataset_from_directory,
    split_dataset,
    text_dataset_from_directory,
    timeseries_dataset_from_array,
)

uses_tf = pytest.mark.skipif(
    backend.backend() == "torch",
    reason="TensorFlow next to torch in one process can crash; covered by the other backends",
)


def test_missing_tensorflow_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    with pytest.raises(ImportError, match="needs TensorFlow installed"):
        split_dataset(np.zeros(4))
    with pytest.raises(ImportError, match="image_dataset_from_directory"):
        image_dataset_from_directory(str(tmp_path))
    with pytest.raises(ImportError, match="timeseries_dataset_from_array"):
        timeseries_dataset_from_array(np.zeros(4), None, 2)


def _collect(ds):
    return [
        tuple(np.asarray(v) for v in item) if isinstance(item, tuple) else np.asarray(item)
        for item in ds.as_numpy_iterator()
    ]


@uses_tf
def test_split_dataset_arrays_tuples_dicts():
    x = np.arange(10).reshape(10, 1)
    left, right = split_dataset(x, left_size=0.8)
    assert np.concatenate(_collect(left)).tolist() == list(range(8))
    assert np.concatenate(_collect(right)).tolist() == [8, 9]
    left, right = split_dataset((x, x * 2), right_size=3, shuffle=True, seed=1)
    order = np.arange(10)
    np.random.RandomState(1).shuffle(order)
    got = _collect(left)
    assert [int(a[0]) for a, _ in got] == order[:7].tolist()
    assert all(int(b[0]) == 2 * int(a[0]) for a, b in got)
    assert len(_collect(right)) == 3
    left, right = split_dataset({"a": np.arange(4.0)}, left_size=1)
    assert [float(d["a"]) for d in left.as_numpy_iterator()] == [0.0]


@uses_tf
def test_split_dataset_from_tf_dataset_and_errors():
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((np.arange(6), np.arange(6) + 10))
    left, right = split_dataset(ds, left_size=2, right_size=2)
    assert [(int(a), int(b)) for a, b in left.as_numpy_iterator()] == [(0, 10), (1, 11)]
    assert [int(a) for a, _ in right.as_numpy_iterator()] == [2, 3]
    with pytest.raises(ValueError, match="left_size=1.5"):
        split_dataset(np.zeros(4), left_size=1.5)
    with pytest.raises(ValueError, match="must not exceed"):
        split_dataset(np.zeros(4), left_size=3, right_size=3)
    with pytest.raises(ValueError, match="at least one sample"):
        split_dataset(np.zeros(4), left_size=4)
    with pytest.raises(ValueError, match="infinite"):
        split_dataset(tf.data.Dataset.range(3).repeat())
    with pytest.raises(ValueError, match="same number of samples"):
        split_dataset((np.zeros(3), np.zeros(4)))


def _windows_reference(data, targets, length, stride, rate, start, end):
    n = end - start - (length - 1) * rate
    if targets is not None:
        n = min(n, len(targets) - start)
    xs, ys = [], []
    for p in range(0, n, stride):
        xs.append(data[[start + p + k * rate for k in range(length)]])
        if targets is not None:
            ys.append(targets[start + p])
    return np.array(xs), np.array(ys)


@uses_tf
@pytest.mark.parametrize(
    "length,stride,rate,start,end", [(3, 1, 1, None, None), (2, 2, 3, 1, 18), (4, 3, 2, 5, None)]
)
def test_timeseries_matches_reference(length, stride, rate, start, end):
    data = np.arange(40, dtype="float32").reshape(20, 2)
    targets = np.arange(20) * 10
    ds = timeseries_dataset_from_array(
        data,
        targets,
        length,
        sequence_stride=stride,
        sampling_rate=rate,
        batch_size=4,
        start_index=start,
        end_index=end,
    )
    batches = _collect(ds)
    got_x = np.concatenate([b[0] for b in batches])
    got_y = np.concatenate([b[1] for b in batches])
    ref_x, ref_y = _windows_reference(data, targets, length, stride, rate, start or 0, end or 20)
    assert all(b[0].shape[0] <= 4 for b in batches)
    np.testing.assert_array_equal(got_x, ref_x)
    np.testing.assert_array_equal(got_y, ref_y)
    assert got_x.dtype == np.float32


@uses_tf
def test_timeseries_no_targets_shuffle_and_errors():
    data = np.arange(10)
    ds = timeseries_dataset_from_array(data, None, 3, batch_size=None, shuffle=True, seed=4)
    windows = [w.tolist() for w in ds.as_numpy_iterator()]
    assert sorted(windows) == [[i, i + 1, i + 2] for i in range(8)]
    with pytest.raises(ValueError, match="sequence_length=0"):
        timeseries_dataset_from_array(data, None, 0)
    with pytest.raises(ValueError, match="end_index=20"):
        timeseries_dataset_from_array(data, None, 2, end_index=20)
    with pytest.raises(ValueError, match="len\\(targets\\)=3"):
        timeseries_dataset_from_array(data, np.zeros(3), 2)


def _make_images(root, classes, per_class, size=(6, 8)):
    import tensorflow as tf

    rng = np.random.RandomState(0)
    pixels = {}
    for c in classes:
        os.makedirs(root / c, exist_ok=True)
        for i in range(per_class):
            img = rng.randint(0, 256, size + (3,)).astype("uint8")
            path = root / c / f"img_{i}.png"
            path.write_bytes(tf.io.encode_png(img).numpy())
            pixels[str(path)] = img
    return pixels


@uses_tf
def test_image_dataset_labels_sizes_and_formats(tmp_path):
    pixels = _make_images(tmp_path, ["cat", "dog"], 3)
    (tmp_path / "dog" / "notes.txt").write_text("ignored")
    ds = image_dataset_from_directory(
        str(tmp_path), image_size=(6, 8), batch_size=4, shuffle=False, interpolation="nearest"
    )
    assert ds.class_names == ["cat", "dog"]
    batches = _collect(ds)
    images = np.concatenate([b[0] for b in batches])
    labels = np.concatenate([b[1] for b in batches])
    assert images.shape == (6, 6, 8, 3) and images.dtype == np.float32
    for img, label, path in zip(images, labels, ds.file_paths):
        np.testing.assert_array_equal(img, pixels[path].astype("float32"))
        assert label == (0 if os.sep + "cat" + os.sep in path else 1)
    ds = image_dataset_from_directory(
        str(tmp_path),
        image_size=(3, 4),
        label_mode="categorical",
        color_mode="grayscale",
        batch_size=None,
        shuffle=False,
        data_format="channels_first",
    )
    img, label = next(iter(ds.as_numpy_iterator()))
    assert img.shape == (1, 3, 4)
    np.testing.assert_array_equal(label, [1.0, 0.0])
    ds = image_dataset_from_directory(
        str(tmp_path), image_size=(4, 4), label_mode="binary", crop_to_aspect_ratio=True, seed=1
    )
    x, y = next(iter(ds))
    assert tuple(x.shape) == (6, 4, 4, 3) and tuple(y.shape) == (6, 1)


@uses_tf
def test_image_dataset_validation_split_and_errors(tmp_path):
    _make_images(tmp_path / "data", ["a", "b", "c"], 4)
    train, val = image_dataset_from_directory(
        str(tmp_path / "data"), image_size=(2, 2), validation_split=0.25, subset="both", seed=3
    )
    assert len(train.file_paths) == 9 and len(val.file_paths) == 3
    assert not set(train.file_paths) & set(val.file_paths)
    with pytest.raises(ValueError, match="existing folder"):
        image_dataset_from_directory(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="No files"):
        image_dataset_from_directory(str(tmp_path / "empty"))
    with pytest.raises(ValueError, match="seed"):
        image_dataset_from_directory(
            str(tmp_path / "data"), validation_split=0.2, subset="training"
        )
    with pytest.raises(ValueError, match="exactly 2 classes"):
        image_dataset_from_directory(str(tmp_path / "data"), label_mode="binary")
    with pytest.raises(ValueError, match="color_mode='cmyk'"):
        image_dataset_from_directory(str(tmp_path / "data"), color_mode="cmyk")


@uses_tf
def test_text_dataset(tmp_path):
    for c, texts in {"neg": ["bad film", "awful"], "pos": ["great", "loved it a lot"]}.items():
        (tmp_path / c).mkdir()
        for i, t in enumerate(texts):
            (tmp_path / c / f"{i}.txt").write_text(t)
    ds = text_dataset_from_directory(str(tmp_path), batch_size=8, shuffle=False, max_length=5)
    texts, labels = next(iter(ds.as_numpy_iterator()))
    assert [t.decode() for t in texts] == ["bad f", "awful", "great", "loved"]
    assert labels.tolist() == [0, 0, 1, 1] and labels.dtype == np.int32
    ds = text_dataset_from_directory(str(tmp_path), labels=None, batch_size=None, shuffle=False)
    assert [t.decode() for t in ds.as_numpy_iterator()][3] == "loved it a lot"


@uses_tf
def test_audio_dataset(tmp_path):
    import tensorflow as tf

    clips = {}
    for c, lengths in {"no": [5, 3], "yes": [4]}.items():
        (tmp_path / c).mkdir()
        for i, n in enumerate(lengths):
            audio = (np.arange(n, dtype="float32")[:, None] / 8.0) - 0.25
            path = tmp_path / c / f"{i}.wav"
            path.write_bytes(tf.audio.encode_wav(audio, 16000).numpy())
            clips[str(path)] = audio
    ds = audio_dataset_from_directory(str(tmp_path), batch_size=3, shuffle=False)
    x, y = next(iter(ds.as_numpy_iterator()))
    assert x.shape == (3, 5, 1) and y.tolist() == [0, 0, 1]
    for row, path in zip(x, ds.file_paths):
        ref = clips[path]
        np.testing.assert_allclose(row[: len(ref)], ref, atol=1 / 32768)
        np.testing.assert_array_equal(row[len(ref) :], 0.0)
    ds = audio_dataset_from_directory(
        str(tmp_path), batch_size=3, shuffle=False, output_sequence_length=4, sampling_rate=16000
    )
    assert next(iter(ds))[0].shape == (3, 4, 1)
    ds = audio_dataset_from_directory(str(tmp_path), batch_size=3, shuffle=False, ragged=True)
    assert next(iter(ds))[0].row_lengths().numpy().tolist() == [5, 3, 4]
    with pytest.raises(ValueError, match="ragged"):
        audio_dataset_from_directory(str(tmp_path), ragged=True, output_sequence_length=3)
    ds = audio_dataset_from_directory(str(tmp_path), shuffle=False, sampling_rate=8000)
    with pytest.raises(tf.errors.InvalidArgumentError, match="does not resample"):
        next(iter(ds))
