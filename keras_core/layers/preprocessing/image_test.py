"""Resizing, CenterCrop and the random augmentation layers on the active backend."""

import numpy as np
import pytest

from keras_core import backend, layers, ops
from keras_core.ops.image import RESIZE_INTERPOLATIONS

RNG = np.random.default_rng(3)
X = RNG.uniform(0, 255, (2, 6, 8, 3)).astype("float32")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("interpolation", RESIZE_INTERPOLATIONS)
def test_resizing_every_interpolation_matches_ops(interpolation):
    layer = layers.Resizing(3, 4, interpolation=interpolation)
    y = layer(X)
    assert backend.standardize_dtype(y.dtype) == "float32"
    ref = ops.image.resize(X, (3, 4), interpolation=interpolation)
    np.testing.assert_allclose(_np(y), _np(ref), rtol=1e-6, atol=1e-6)


def test_resizing_values_and_aspect_ratio_options():
    # Halving with "area" averages 2x2 blocks.
    x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    ref = x.reshape(1, 2, 2, 2, 2, 1).mean(axis=(2, 4))
    np.testing.assert_allclose(_np(layers.Resizing(2, 2, interpolation="area")(x)), ref)
    # Nearest upsampling by 2 repeats pixels.
    up = _np(layers.Resizing(8, 8, interpolation="nearest")(x))
    np.testing.assert_array_equal(up, x.repeat(2, axis=1).repeat(2, axis=2))
    # crop_to_aspect_ratio: a 4x8 image to 2x2 keeps the centre 4x4 block.
    wide = np.arange(32, dtype="float32").reshape(1, 4, 8, 1)
    crop = _np(layers.Resizing(4, 4, crop_to_aspect_ratio=True, interpolation="nearest")(wide))
    np.testing.assert_array_equal(crop, wide[:, :, 2:6])
    # pad_to_aspect_ratio: a 2x4 image to 4x4 adds a row of zeros above and below.
    small = np.ones((1, 2, 4, 1), "float32")
    pad = _np(layers.Resizing(4, 4, pad_to_aspect_ratio=True, interpolation="nearest")(small))
    np.testing.assert_array_equal(pad[0, :, :, 0], [[0] * 4, [1] * 4, [1] * 4, [0] * 4])
    cf = layers.Resizing(3, 4, data_format="channels_first")
    assert tuple(ops.shape(cf(np.ones((1, 3, 6, 8), "float32")))) == (1, 3, 3, 4)
    with pytest.raises(ValueError, match="interpolation"):
        layers.Resizing(2, 2, interpolation="cubic")
    with pytest.raises(ValueError, match="only one"):
        layers.Resizing(2, 2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)
    with pytest.raises(ValueError, match="height"):
        layers.Resizing(0, 2)
    cfg = layers.Resizing(2, 3, interpolation="bicubic").get_config()
    assert layers.Resizing.from_config(cfg).get_config() == cfg


def test_center_crop_values():
    np.testing.assert_array_equal(_np(layers.CenterCrop(4, 4)(X)), X[:, 1:5, 2:6])
    np.testing.assert_array_equal(_np(layers.CenterCrop(2, 3)(X[0])), X[0, 2:4, 2:5])
    # Smaller than the target: crop to the aspect ratio and resize.
    y = layers.CenterCrop(12, 12)(X)
    ref = ops.image.resize(X, (12, 12), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(_np(y), _np(ref), rtol=1e-6)


def test_random_layers_are_identity_at_inference():
    for layer in (
        layers.RandomFlip(),
        layers.RandomRotation(0.3),
        layers.RandomTranslation(0.3, 0.3),
        layers.RandomZoom(0.3),
        layers.RandomContrast(0.3),
        layers.RandomBrightness(0.3),
    ):
        np.testing.assert_array_equal(_np(layer(X, training=False)), X)


def test_random_flip_values_and_seed():
    out = _np(layers.RandomFlip("horizontal", seed=5)(X, training=True))
    for i in range(len(X)):
        assert np.array_equal(out[i], X[i]) or np.array_equal(out[i], X[i, :, ::-1])
    out = _np(layers.RandomFlip("vertical", seed=5)(X, training=True))
    for i in range(len(X)):
        assert np.array_equal(out[i], X[i]) or np.array_equal(out[i], X[i, ::-1])
    a = _np(layers.RandomFlip(seed=7)(X, training=True))
    b = _np(layers.RandomFlip(seed=7)(X, training=True))
    np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="mode"):
        layers.RandomFlip("diagonal")


def test_random_rotation_quarter_turn_matches_rot90():
    x = RNG.uniform(size=(1, 5, 5, 1)).astype("float32")
    layer = layers.RandomRotation((0.25, 0.25), interpolation="nearest", seed=1)
    out = _np(layer(x, training=True))
    np.testing.assert_allclose(out[0, :, :, 0], np.rot90(x[0, :, :, 0]), atol=1e-5)
    with pytest.raises(ValueError, match="factor"):
        layers.RandomRotation((0.3, 0.1))


def test_random_translation_and_zoom_fixed_factors():
    x = np.arange(25, dtype="float32").reshape(1, 5, 5, 1)
    shift = layers.RandomTranslation((0.2, 0.2), (0.0, 0.0), fill_mode="constant", seed=1)
    out = _np(shift(x, training=True))[0, :, :, 0]
    ref = np.zeros((5, 5), "float32")
    ref[1:] = x[0, :4, :, 0]
    np.testing.assert_allclose(out, ref, atol=1e-4)
    zoom = layers.RandomZoom((-0.5, -0.5), interpolation="nearest", seed=1)
    out = _np(zoom(np.arange(16, dtype="float32").reshape(1, 4, 4, 1), training=True))
    # Zooming in by 2 about the centre samples the central 2x2 block, each pixel twice.
    block = np.arange(16, dtype="float32").reshape(4, 4)[1:3, 1:3]
    assert set(np.unique(out).tolist()) <= set(block.ravel().tolist())
    with pytest.raises(ValueError, match="fill_mode"):
        layers.RandomZoom(0.1, fill_mode="bad")


def test_random_contrast_and_brightness_values():
    out = _np(layers.RandomContrast(0.5, seed=2)(X, training=True))
    mean = X.mean(axis=(1, 2), keepdims=True)
    for i in range(len(X)):
        c = ((out[i] - mean[i]) / (X[i] - mean[i])).ravel()
        c = c[np.isfinite(c) & (out[i].ravel() > 0) & (out[i].ravel() < 255)]
        assert 0.5 - 1e-3 <= c.min() and c.max() <= 1.5 + 1e-3
        np.testing.assert_allclose(c, c[0], rtol=1e-3)
    bright = layers.RandomBrightness((0.1, 0.1), value_range=(0, 255))
    np.testing.assert_allclose(_np(bright(X, training=True)), np.clip(X + 25.5, 0, 255), rtol=1e-6)
    with pytest.raises(ValueError, match="factor"):
        layers.RandomBrightness(2.0)
    with pytest.raises(ValueError, match="value_range"):
        layers.RandomBrightness(0.1, value_range=(1, 0))


def test_random_crop_training_and_inference():
    layer = layers.RandomCrop(4, 5, seed=4)
    out = _np(layer(X, training=True))
    assert out.shape == (2, 4, 5, 3)
    found = [
        (t, left)
        for t in range(3)
        for left in range(4)
        if np.array_equal(out, X[:, t : t + 4, left : left + 5])
    ]
    assert len(found) == 1
    inference = _np(layer(X, training=False))
    ref = ops.image.resize(X, (4, 5), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(inference, _np(ref), rtol=1e-6)
    cfg = layer.get_config()
    assert layers.RandomCrop.from_config(cfg).get_config() == cfg
