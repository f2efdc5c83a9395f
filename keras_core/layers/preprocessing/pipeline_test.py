"""Every preprocessing layer inside a Model and inside a tf.data pipeline (active backend).

The eager outputs are checked against NumPy / pure-Python references in the
per-family tests; here the Model (``predict``) and ``dataset.map(layer)``
outputs must equal the eager output.
"""

import numpy as np
import pytest
import tensorflow as tf

import keras_core
from keras_core import backend, layers, ops

RNG = np.random.default_rng(1)
IMAGES = RNG.uniform(0, 255, (4, 6, 8, 3)).astype("float32")
FLOATS = RNG.normal(size=(4, 3)).astype("float32")
INTS = RNG.integers(0, 6, size=(4, 3)).astype("int64")
STRINGS = np.array([["a", "b"], ["c", "a"], ["zz", "b"], ["a", "a"]])
TEXT = np.array(["The cat sat", "a dog", "cat, cat!", "new words here"])


def _adapted(layer, data):
    layer.adapt(data)
    return layer


DETERMINISTIC = {
    "Normalization": (lambda: _adapted(layers.Normalization(), FLOATS), FLOATS),
    "Rescaling": (lambda: layers.Rescaling(0.5, 1.0), FLOATS),
    "Discretization": (lambda: layers.Discretization(bin_boundaries=[-0.5, 0.5]), FLOATS),
    "CategoryEncoding": (lambda: layers.CategoryEncoding(6, output_mode="count"), INTS),
    "Resizing": (lambda: layers.Resizing(3, 4, crop_to_aspect_ratio=True), IMAGES),
    "CenterCrop": (lambda: layers.CenterCrop(4, 5), IMAGES),
    "IntegerLookup": (lambda: layers.IntegerLookup(vocabulary=[1, 3, 5]), INTS),
    "IntegerLookup_multi_hot": (
        lambda: layers.IntegerLookup(vocabulary=[1, 3, 5], output_mode="multi_hot"),
        INTS,
    ),
    "Hashing": (lambda: layers.Hashing(5), INTS),
}
STRING_LAYERS = {
    "StringLookup": (lambda: layers.StringLookup(vocabulary=["a", "b"]), STRINGS),
    "StringLookup_tf_idf": (
        lambda: _adapted(layers.StringLookup(output_mode="tf_idf"), STRINGS),
        STRINGS,
    ),
    "TextVectorization": (
        lambda: _adapted(layers.TextVectorization(output_sequence_length=3), TEXT),
        TEXT,
    ),
    "TextVectorization_count": (
        lambda: _adapted(layers.TextVectorization(output_mode="count", ngrams=2), TEXT),
        TEXT,
    ),
}
RANDOM = {
    "RandomFlip": lambda: layers.RandomFlip(seed=1),
    "RandomRotation": lambda: layers.RandomRotation(0.2, seed=1),
    "RandomTranslation": lambda: layers.RandomTranslation(0.2, 0.1, seed=1),
    "RandomZoom": lambda: layers.RandomZoom(0.2, seed=1),
    "RandomContrast": lambda: layers.RandomContrast(0.3, seed=1),
    "RandomBrightness": lambda: layers.RandomBrightness(0.2, seed=1),
}


def _np(x):
    return np.asarray(
        x.numpy() if hasattr(x, "numpy") and tf.is_tensor(x) else ops.convert_to_numpy(x)
    )


def _map(layer, x):
    ds = tf.data.Dataset.from_tensor_slices(x).batch(2).map(layer)
    return np.concatenate(list(ds.as_numpy_iterator()))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DETERMINISTIC))
def test_model_and_tf_data_match_eager(name):
    make, x = DETERMINISTIC[name]
    layer = make()
    eager = _np(layer(x))
    np.testing.assert_allclose(_map(layer, x), eager, rtol=1e-6, atol=1e-6)
    inp = keras_core.Input(x.shape[1:], dtype=str(x.dtype))
    model = keras_core.Model(inp, layer(inp))
    if name == "Hashing" and backend.backend() == "jax":
        # Hashing uses TensorFlow's FarmHash: it cannot run inside a jax-compiled function.
        with pytest.raises(ValueError, match="concrete input values"):
            model.predict(x, verbose=0)
        return
    np.testing.assert_allclose(model.predict(x, verbose=0), eager, rtol=1e-6, atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(STRING_LAYERS))
def test_string_layers_in_tf_data(name):
    make, x = STRING_LAYERS[name]
    layer = make()
    eager = _np(layer(x))
    np.testing.assert_allclose(_map(layer, x), eager, rtol=1e-6)
    if backend.backend() == "tensorflow":
        inp = keras_core.Input(x.shape[1:], dtype="string")
        model = keras_core.Model(inp, layer(inp))
        np.testing.assert_allclose(model.predict(x, verbose=0), eager, rtol=1e-6)


@pytest.mark.slow
def test_hashed_crossing_in_tf_data():
    a, b = np.array([1, 2, 1, 2]), np.array(["A", "A", "B", "B"])
    layer = layers.HashedCrossing(7)
    eager = _np(layer((a, b)))
    ds = tf.data.Dataset.from_tensor_slices((a, b)).batch(2).map(lambda u, v: layer((u, v)))
    np.testing.assert_array_equal(np.concatenate(list(ds.as_numpy_iterator())), eager)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RANDOM) + ["RandomCrop"])
def test_random_layers_model_inference_and_tf_data(name):
    layer = RANDOM[name]() if name != "RandomCrop" else layers.RandomCrop(4, 5, seed=1)
    inp = keras_core.Input(IMAGES.shape[1:])
    model = keras_core.Model(inp, layer(inp))
    predicted = model.predict(IMAGES, verbose=0)
    inference = _np(layer(IMAGES, training=False))
    np.testing.assert_allclose(predicted, inference, rtol=1e-6, atol=1e-4)
    if name != "RandomCrop":
        np.testing.assert_array_equal(inference, IMAGES)
    mapped = _map(layer, IMAGES)
    assert mapped.shape == inference.shape and mapped.dtype == np.float32
    assert np.all(np.isfinite(mapped))


@pytest.mark.slow
@pytest.mark.skipif(
    keras_core.backend.backend() == "numpy", reason="the numpy backend cannot train"
)
def test_augmenting_model_trains_and_round_trips(tmp_path):
    x = RNG.uniform(0, 1, (8, 6, 6, 1)).astype("float32")
    y = np.zeros((8, 1), "float32")
    norm = layers.Normalization()
    norm.adapt(x)
    inp = keras_core.Input((6, 6, 1))
    h = layers.RandomFlip(seed=1)(inp)
    h = layers.RandomContrast(0.1, seed=1)(h)
    h = layers.RandomBrightness(0.1, value_range=(0, 1), seed=1)(h)
    h = layers.RandomCrop(4, 4, seed=1)(h)
    h = layers.Flatten()(norm(h))
    model = keras_core.Model(inp, layers.Dense(1)(h))
    model.compile("sgd", "mse")
    history = model.fit(x, y, epochs=2, batch_size=4, verbose=0)
    assert all(np.isfinite(history.history["loss"]))
    path = str(tmp_path / "m.keras")
    model.save(path)
    revived = keras_core.models.load_model(path)
    np.testing.assert_allclose(
        revived.predict(x, verbose=0), model.predict(x, verbose=0), rtol=1e-6, atol=1e-6
    )


@pytest.mark.skipif(
    keras_core.backend.backend() == "numpy", reason="the numpy backend cannot train"
)
def test_geometric_augmentations_train_in_a_graph_without_xla():
    # A batch size unknown when the step is traced (and no XLA) once lost the
    # per-image transform's shape in TensorFlow's affine sampling.
    x = RNG.uniform(0, 1, (8, 6, 6, 1)).astype("float32")
    y = RNG.uniform(0, 1, (8, 1)).astype("float32")
    inp = keras_core.Input((6, 6, 1))
    h = layers.RandomRotation(0.1, seed=1)(inp)
    h = layers.RandomTranslation(0.1, 0.1, seed=2)(h)
    h = layers.RandomZoom(0.1, seed=3)(h)
    model = keras_core.Model(inp, layers.Dense(1)(layers.Flatten()(h)))
    model.compile("sgd", "mse", jit_compile=False)
    before = [np.array(w) for w in model.get_weights()]
    history = model.fit(x, y, epochs=1, batch_size=4, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    after = model.get_weights()
    assert any(not np.array_equal(b, a) for b, a in zip(before, after))
    # at inference the layers pass the images through unchanged
    np.testing.assert_array_equal(
        keras_core.ops.convert_to_numpy(model.layers[1](x, training=False)), x
    )
