import json

import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.applications import imagenet_utils


def _images(shape=(2, 4, 5, 3), dtype="float32"):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=shape).astype(dtype)


def _reference(x, mode, channels_first):
    x = x.astype("float64")
    if channels_first:
        x = np.moveaxis(x, 1 if x.ndim == 4 else 0, -1)
    if mode == "tf":
        y = x / 127.5 - 1.0
    elif mode == "torch":
        y = (x / 255.0 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
    else:
        y = x[..., ::-1] - np.array([103.939, 116.779, 123.68])
    if channels_first:
        y = np.moveaxis(y, -1, 1 if y.ndim == 4 else 0)
    return y


@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_preprocess_numpy_matches_reference(mode, data_format):
    shape = (2, 4, 5, 3) if data_format == "channels_last" else (2, 3, 4, 5)
    x = _images(shape)
    before = x.copy()
    y = imagenet_utils.preprocess_input(x, data_format=data_format, mode=mode)
    assert isinstance(y, np.ndarray)
    assert y.dtype == np.float32 and y.shape == x.shape
    np.testing.assert_allclose(y, _reference(x, mode, data_format == "channels_first"), atol=1e-5)
    np.testing.assert_array_equal(x, before)  # input not mutated


@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
def test_preprocess_single_image_channels_first(mode):
    x = _images((3, 4, 2))
    y = imagenet_utils.preprocess_input(x, data_format="channels_first", mode=mode)
    np.testing.assert_allclose(y, _reference(x, mode, True), atol=1e-5)


def test_preprocess_integer_numpy_becomes_floatx_and_is_not_mutated():
    x = _images((1, 2, 2, 3), dtype="uint8")
    before = x.copy()
    y = imagenet_utils.preprocess_input(x)
    assert y.dtype == np.dtype(backend.floatx())
    np.testing.assert_allclose(y, _reference(x, "caffe", False), atol=1e-4)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
def test_preprocess_tensor_matches_reference(mode):
    x = _images()
    t = ops.convert_to_tensor(x)
    y = imagenet_utils.preprocess_input(t, mode=mode)
    assert ops.is_tensor(y)
    assert backend.standardize_dtype(y.dtype) == "float32"
    np.testing.assert_allclose(ops.convert_to_numpy(y), _reference(x, mode, False), atol=1e-4)
    np.testing.assert_array_equal(ops.convert_to_numpy(t), x)


def test_preprocess_integer_tensor_is_cast():
    x = _images((1, 2, 2, 3), dtype="int32")
    y = imagenet_utils.preprocess_input(ops.convert_to_tensor(x), mode="tf")
    assert backend.standardize_dtype(y.dtype) == backend.floatx()
    np.testing.assert_allclose(ops.convert_to_numpy(y), x / 127.5 - 1.0, atol=1e-6)


def test_preprocess_symbolic_tensor():
    import keras_core

    inp = keras_core.Input((4, 4, 3))
    out = imagenet_utils.preprocess_input(inp, mode="torch")
    assert tuple(out.shape) == (None, 4, 4, 3)


def test_preprocess_errors():
    x = _images((1, 2, 2, 3))
    with pytest.raises(ValueError, match="`mode` must be one of"):
        imagenet_utils.preprocess_input(x, mode="bad")
    with pytest.raises(ValueError, match="`data_format` must be"):
        imagenet_utils.preprocess_input(x, data_format="nhwc")
    with pytest.raises(ValueError, match="3 \\(RGB\\) channels"):
        imagenet_utils.preprocess_input(_images((1, 2, 2, 4)))


@pytest.fixture
def fake_index(tmp_path, monkeypatch):
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    path = tmp_path / "imagenet_class_index.json"
    path.write_text(json.dumps(index))
    calls = []

    def fake_get_file(fname, origin, cache_subdir, file_hash):
        calls.append((fname, origin, cache_subdir, file_hash))
        return str(path)

    monkeypatch.setattr(imagenet_utils.file_utils, "get_file", fake_get_file)
    monkeypatch.setattr(imagenet_utils, "_CLASS_INDEX", None)
    return calls


def test_decode_predictions(fake_index):
    preds = np.zeros((2, 1000), dtype="float32")
    preds[0, [7, 3, 999]] = [0.5, 0.3, 0.2]
    preds[1, 42] = 1.0
    out = imagenet_utils.decode_predictions(preds, top=3)
    assert out[0] == [
        ("n00000007", "class_7", 0.5),
        ("n00000003", "class_3", pytest.approx(0.3)),
        ("n00000999", "class_999", pytest.approx(0.2)),
    ]
    assert out[1][0] == ("n00000042", "class_42", 1.0)
    assert len(out[1]) == 3
    assert fake_index == [
        (
            "imagenet_class_index.json",
            imagenet_utils.CLASS_INDEX_URL,
            "models",
            imagenet_utils.CLASS_INDEX_HASH,
        )
    ]
    # Tensor input, default top, index read only once.
    out = imagenet_utils.decode_predictions(ops.convert_to_tensor(preds))
    assert [len(r) for r in out] == [5, 5] and out[0][0][1] == "class_7"
    assert len(fake_index) == 1


def test_decode_predictions_errors(fake_index):
    with pytest.raises(ValueError, match=r"shape \(samples, 1000\).*\(2, 10\)"):
        imagenet_utils.decode_predictions(np.zeros((2, 10)))
    with pytest.raises(ValueError, match="shape"):
        imagenet_utils.decode_predictions(np.zeros((1000,)))
    with pytest.raises(ValueError, match="`top` must be a positive integer"):
        imagenet_utils.decode_predictions(np.zeros((1, 1000)), top=0)
