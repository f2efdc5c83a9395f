"""Checks shared by the application tests (forward pass, save/load, argument errors)."""

from __future__ import annotations

import os

import numpy as np
import pytest

import keras_core
from keras_core import ops


def random_images(shape, seed=0):
    return np.random.default_rng(seed).uniform(-1.0, 1.0, size=shape).astype("float32")


def check_forward(model, batch_shape, expected_shape):
    """Runs ``model`` on random images and checks the output shape and finiteness."""
    x = random_images(batch_shape)
    y = ops.convert_to_numpy(model(x, training=False))
    assert y.shape == expected_shape
    assert y.dtype == np.float32
    assert np.all(np.isfinite(y))
    return x, y


def check_softmax_rows(y):
    np.testing.assert_allclose(y.sum(axis=-1), np.ones(y.shape[0]), rtol=1e-5)
    assert np.all(y >= 0)


def check_save_load_round_trip(model, x, tmp_path):
    """Saves ``model`` to ``.keras``, reloads it and compares outputs on ``x``."""
    expected = ops.convert_to_numpy(model(x, training=False))
    path = os.path.join(str(tmp_path), "model.keras")
    model.save(path)
    loaded = keras_core.saving.load_model(path)
    assert loaded.count_params() == model.count_params()
    got = ops.convert_to_numpy(loaded(x, training=False))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def check_local_weights_file(constructor, kwargs, x, tmp_path):
    """Builds twice; the second build loads the first one's weights from a local file."""
    first = constructor(weights=None, **kwargs)
    path = os.path.join(str(tmp_path), "local.weights.h5")
    first.save_weights(path)
    second = constructor(weights=path, **kwargs)
    np.testing.assert_allclose(
        ops.convert_to_numpy(second(x, training=False)),
        ops.convert_to_numpy(first(x, training=False)),
        rtol=1e-5,
        atol=1e-6,
    )


def check_argument_errors(constructor, small_shape):
    with pytest.raises(ValueError, match="`weights` must be None, 'imagenet' or the path"):
        constructor(weights="not-a-file.h5", include_top=False, input_shape=small_shape)
    with pytest.raises(ValueError, match="`classes` must be 1000"):
        constructor(weights="imagenet", include_top=True, classes=10)
    with pytest.raises(ValueError, match="`pooling` must be None, 'avg' or 'max'"):
        constructor(weights=None, include_top=False, input_shape=small_shape, pooling="sum")
    with pytest.raises(ValueError, match="`classifier_activation` must be 'softmax' or None"):
        constructor(weights="imagenet", classifier_activation="sigmoid")
