import numpy as np
import pytest

import keras_core
from keras_core import layers
from keras_core.applications import _common


def test_validate_weights_arg(tmp_path):
    _common.validate_weights_arg(None, True, 10)
    _common.validate_weights_arg("imagenet", True, 1000)
    _common.validate_weights_arg("imagenet", False, 7)
    path = tmp_path / "w.weights.h5"
    path.write_bytes(b"")
    _common.validate_weights_arg(str(path), True, 3)
    _common.validate_weights_arg(path, True, 3)
    msg = "`weights` must be None, 'imagenet' or the path of a weights file. Received: "
    with pytest.raises(ValueError, match=msg.replace("(", "\\(").replace(".", "\\.")):
        _common.validate_weights_arg("imagenett", True, 1000)
    with pytest.raises(ValueError, match="weights=42"):
        _common.validate_weights_arg(42, True, 1000)
    with pytest.raises(ValueError, match="`classes` must be 1000.*classes=10"):
        _common.validate_weights_arg("imagenet", True, 10)
    with pytest.raises(ValueError, match="`classes` must be a positive integer"):
        _common.validate_weights_arg(None, True, 0)


def test_validate_pooling_and_activation():
    for pooling in (None, "avg", "max"):
        _common.validate_pooling(pooling)
    with pytest.raises(ValueError, match="`pooling` must be None, 'avg' or 'max'. Received: "):
        _common.validate_pooling("mean")
    _common.validate_classifier_activation("softmax", "imagenet")
    _common.validate_classifier_activation(None, "imagenet")
    _common.validate_classifier_activation("sigmoid", None)
    with pytest.raises(ValueError, match="classifier_activation='sigmoid'"):
        _common.validate_classifier_activation("sigmoid", "imagenet")


def test_resolve_input_shape_defaults():
    r = _common.resolve_input_shape
    assert r(None, 224, 32, "channels_last", True, "imagenet") == (224, 224, 3)
    assert r(None, 224, 32, "channels_first", True, None) == (3, 224, 224)
    assert r(None, 224, 32, "channels_last", False, "imagenet") == (None, None, 3)
    assert r((64, 48, 3), 224, 32, "channels_last", False, "imagenet") == (64, 48, 3)
    assert r((64, 48, 1), 224, 32, "channels_last", True, None) == (64, 48, 1)
    assert r([5, 40, 40], 224, 32, "channels_first", False, None) == (5, 40, 40)
    assert r((None, None, 3), 224, 32, "channels_last", False, None) == (None, None, 3)
    assert r((224, 224, 3), 224, 32, "channels_last", True, "imagenet") == (224, 224, 3)


def test_resolve_input_shape_errors():
    r = _common.resolve_input_shape
    with pytest.raises(ValueError, match="must be \\(224, 224, 3\\)"):
        r((128, 128, 3), 224, 32, "channels_last", True, "imagenet")
    with pytest.raises(ValueError, match="3 channels"):
        r((64, 64, 1), 224, 32, "channels_last", False, "imagenet")
    with pytest.raises(ValueError, match="at least 32"):
        r((31, 64, 3), 224, 32, "channels_last", False, None)
    with pytest.raises(ValueError, match="3 entries"):
        r((64, 64), 224, 32, "channels_last", False, None)
    with pytest.raises(ValueError, match="static height and width"):
        r((None, 64, 3), 224, 32, "channels_last", True, None)
    with pytest.raises(ValueError, match="tuple of 3 integers"):
        r("abc", 224, 32, "channels_last", False, None)


def test_model_input():
    inputs, x = _common.model_input(None, (8, 8, 3))
    assert inputs is x and tuple(x.shape) == (None, 8, 8, 3)
    source = keras_core.Input((8, 8, 3))
    scaled = layers.Rescaling(2.0)(source)
    inputs, x = _common.model_input(scaled, (8, 8, 3))
    assert inputs is source and x is scaled
    with pytest.raises(ValueError, match="`input_tensor` must be a symbolic tensor"):
        _common.model_input(np.zeros((1, 8, 8, 3)), (8, 8, 3))


@pytest.mark.parametrize(
    "include_top, pooling, shape, names",
    [
        (True, None, (None, 5), ["avg_pool", "predictions"]),
        (False, "avg", (None, 4), ["avg_pool"]),
        (False, "max", (None, 4), ["max_pool"]),
        (False, None, (None, 3, 3, 4), []),
    ],
)
def test_classifier_head(include_top, pooling, shape, names):
    inp = keras_core.Input((3, 3, 4))
    out = _common.classifier_head(inp, include_top, pooling, 5, "softmax")
    model = keras_core.Model(inp, out)
    assert tuple(out.shape) == shape
    assert [layer.name for layer in model.layers[1:]] == names
    x = np.random.default_rng(0).normal(size=(2, 3, 3, 4)).astype("float32")
    y = keras_core.ops.convert_to_numpy(model(x))
    if include_top:
        np.testing.assert_allclose(y.sum(axis=-1), np.ones(2), rtol=1e-6)
    elif pooling == "max":
        np.testing.assert_allclose(y, x.max(axis=(1, 2)), rtol=1e-6)
    elif pooling == "avg":
        np.testing.assert_allclose(y, x.mean(axis=(1, 2)), rtol=1e-5, atol=1e-6)


def _tiny_model():
    inp = keras_core.Input((4,))
    return keras_core.Model(inp, layers.Dense(2, name="d")(inp))


def test_load_weights_arg_local_and_imagenet(tmp_path, monkeypatch):
    source = _tiny_model()
    path = str(tmp_path / "tiny.weights.h5")
    source.save_weights(path)
    target = _tiny_model()
    _common.load_weights_arg(target, path, "unused.h5", "https://example.invalid/x", "00")
    for a, b in zip(source.weights, target.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())

    calls = []

    def fake_get_file(fname, origin, cache_subdir, file_hash):
        calls.append((fname, origin, cache_subdir, file_hash))
        return path

    monkeypatch.setattr(_common.file_utils, "get_file", fake_get_file)
    other = _tiny_model()
    _common.load_weights_arg(other, "imagenet", "tiny.weights.h5", "https://h/tiny", "abc")
    assert calls == [("tiny.weights.h5", "https://h/tiny", "models", "abc")]
    np.testing.assert_array_equal(other.weights[0].numpy(), source.weights[0].numpy())

    untouched = _tiny_model()
    before = untouched.weights[0].numpy().copy()
    _common.load_weights_arg(untouched, None, "x", "y", "z")
    np.testing.assert_array_equal(untouched.weights[0].numpy(), before)
    with pytest.raises(ValueError, match="`weights` must be None"):
        _common.load_weights_arg(untouched, str(tmp_path / "missing.h5"), "x", "y", "z")
