"""Files written by Keras 3.15.1 (and in the Keras 2 HDF5 layout) load in keras_core.

The fixtures in ``data/keras3/`` were recorded by ``data/record_keras3_files.py``
(Keras 3 in subprocesses, one backend each); see that script's docstring.
The slow test runs the same script with ``--verify``: keras_core writes,
Keras 3 reads.
"""

import gzip
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import keras_core
from keras_core import backend

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "keras3")
TRAINABLE = backend.backend() != "numpy"


@pytest.fixture(scope="module")
def expected():
    with np.load(os.path.join(DATA, "expected.npz")) as data:
        return {k: data[k] for k in data.files}


@pytest.fixture(scope="module")
def manifest():
    with open(os.path.join(DATA, "manifest.json")) as f:
        return json.load(f)["files"]


def fixture_path(name, manifest, tmp_path):
    with open(os.path.join(DATA, name + ".gz"), "rb") as f:
        raw = gzip.decompress(f.read())
    assert hashlib.sha256(raw).hexdigest() == manifest[name]["sha256"], f"{name} changed"
    path = tmp_path / name
    path.write_bytes(raw)
    return str(path)


@keras_core.saving.register_keras_serializable(package="fixture")
class Scale(keras_core.layers.Layer):
    """The custom layer of the fixtures (registered under the same name as in Keras 3)."""

    def __init__(self, init_value=0.5, **kwargs):
        super().__init__(**kwargs)
        self.init_value = init_value

    def build(self, input_shape):
        self.scale = self.add_weight(
            shape=(input_shape[-1],),
            initializer=keras_core.initializers.Constant(self.init_value),
            name="scale",
        )
        self.offset = self.add_weight(shape=(), initializer="zeros", name="offset", trainable=False)

    def call(self, x):
        return x * self.scale + self.offset

    def get_config(self):
        config = super().get_config()
        config["init_value"] = self.init_value
        return config


def functional_data(expected):
    x = {k: expected[f"functional/x/{k}"] for k in ("features", "tokens")}
    y = {k: expected[f"functional/y/{k}"] for k in ("reg", "cls")}
    return x, y


def first(data, n=4):
    return {k: v[:n] for k, v in data.items()} if isinstance(data, dict) else data[:n]


def assert_after_step(model, expected, prefix, skip=()):
    for layer in model.layers:
        for i, w in enumerate(layer.weights):
            key = f"{prefix}/after_step/{layer.name}/{i}"
            if (layer.name, i) in skip:
                continue
            np.testing.assert_allclose(w.numpy(), expected[key], rtol=1e-5, atol=1e-6, err_msg=key)


def test_fixture_files_are_small_and_hashed(manifest):
    total = sum(os.path.getsize(os.path.join(DATA, n)) for n in os.listdir(DATA))
    assert total < 100_000
    for name in manifest:
        assert os.path.exists(os.path.join(DATA, name + ".gz"))


def test_sequential_keras3_file(expected, manifest, tmp_path):
    path = fixture_path("sequential_jax.keras", manifest, tmp_path)
    model = keras_core.saving.load_model(path)
    x, y = expected["sequential/x"], expected["sequential/y"]
    np.testing.assert_allclose(
        model.predict(x, verbose=0), expected["sequential_jax/pred"], rtol=1e-6, atol=1e-6
    )
    assert type(model.optimizer) is keras_core.optimizers.SGD
    assert int(model.optimizer.iterations.numpy()) == 2
    if TRAINABLE:
        model.train_on_batch(first(x), first(y))
        assert_after_step(model, expected, "sequential_jax")


def test_weights_h5_and_legacy_h5_from_keras3(expected, manifest, tmp_path):
    x = expected["sequential/x"]
    model = keras_core.Sequential(
        [
            keras_core.Input((5,)),
            keras_core.layers.Dense(4, activation="tanh", name="d1"),
            keras_core.layers.Dense(2, name="d2"),
        ]
    )
    model.load_weights(fixture_path("sequential_jax.weights.h5", manifest, tmp_path))
    np.testing.assert_allclose(
        model.predict(x, verbose=0), expected["sequential_jax/pred"], rtol=1e-6, atol=1e-6
    )
    legacy = keras_core.saving.load_model(
        fixture_path("sequential_jax_legacy.h5", manifest, tmp_path)
    )
    np.testing.assert_allclose(
        legacy.predict(x, verbose=0), expected["sequential_jax/pred"], rtol=1e-6, atol=1e-6
    )
    assert legacy.compiled and int(legacy.optimizer.iterations.numpy()) == 2
    if TRAINABLE:
        legacy.train_on_batch(first(x), first(expected["sequential/y"]))
        assert_after_step(legacy, expected, "sequential_jax")


@pytest.mark.parametrize("source", ["jax", "torch", "tensorflow"])
def test_functional_keras3_file_architecture_and_weights(source, expected, manifest, tmp_path):
    path = fixture_path(f"functional_{source}.keras", manifest, tmp_path)
    model = keras_core.saving.load_model(path, compile=False)
    assert not model.compiled
    assert isinstance(model.get_layer("scale"), Scale)
    x, _ = functional_data(expected)
    pred = model.predict(x, verbose=0)
    for key in ("reg", "cls"):
        np.testing.assert_allclose(
            pred[key], expected[f"functional_{source}/pred/{key}"], rtol=1e-5, atol=1e-6
        )


@pytest.mark.parametrize("source", ["jax", "torch", "tensorflow"])
def test_functional_keras3_file_training_resumes(source, expected, manifest, tmp_path):
    if not TRAINABLE:
        pytest.skip("the numpy backend is inference-only: it cannot train")
    path = fixture_path(f"functional_{source}.keras", manifest, tmp_path)
    model = keras_core.saving.load_model(path)
    assert int(model.optimizer.iterations.numpy()) == 2
    x, y = functional_data(expected)
    model.train_on_batch(first(x), first(y))
    skip = ()
    if source == "tensorflow":
        # Keras 3 on TensorFlow gives the Embedding table a sparse (IndexedSlices)
        # gradient: rows absent from the batch are treated apart, and Adam squares each
        # occurrence's slice before summing, so a token seen twice gets another second
        # moment than the dense gradient gives. Compare the rows seen exactly once.
        skip = (("emb", 0),)
        rows, counts = np.unique(first(x)["tokens"], return_counts=True)
        rows = rows[counts == 1]
        assert len(rows) >= 5
        got = model.get_layer("emb").weights[0].numpy()[rows]
        want = expected[f"functional_{source}/after_step/emb/0"][rows]
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert_after_step(model, expected, f"functional_{source}", skip=skip)


def test_keras2_h5_model(expected, manifest, tmp_path):
    path = fixture_path("keras2_functional.h5", manifest, tmp_path)
    with pytest.warns(UserWarning, match="optimizer"):
        # Keras 2 optimizers had no learning-rate variable: their state does not map.
        model = keras_core.saving.load_model(path)
    np.testing.assert_allclose(
        model.predict(expected["keras2/x"], verbose=0),
        expected["keras2/pred"],
        rtol=1e-5,
        atol=1e-5,
    )
    assert [layer.name for layer in model.layers] == [
        "input_1",
        "dense_a",
        "dense_b",
        "concatenate",
        "dense_out",
    ]
    assert model.compiled and type(model.optimizer) is keras_core.optimizers.Adam
    assert model.optimizer.learning_rate.numpy() == pytest.approx(0.001)


def test_keras2_h5_weights_by_order_and_by_name(expected, manifest, tmp_path):
    path = fixture_path("keras2_weights.h5", manifest, tmp_path)
    inp = keras_core.Input((4,))
    a = keras_core.layers.Dense(5, activation="relu", name="dense_a")(inp)
    b = keras_core.layers.Dense(3, activation="tanh", name="dense_b")(inp)
    out = keras_core.layers.Dense(2, name="dense_out")(keras_core.layers.Concatenate()([a, b]))
    model = keras_core.Model(inp, out)
    model.load_weights(path)
    np.testing.assert_allclose(
        model.predict(expected["keras2/x"], verbose=0),
        expected["keras2/pred"],
        rtol=1e-5,
        atol=1e-5,
    )
    other = keras_core.Sequential(
        [keras_core.Input((4,)), keras_core.layers.Dense(3, name="dense_b")]
    )
    other.load_weights(path, by_name=True)
    with gzip.open(os.path.join(DATA, "keras2_weights.h5.gz")) as f:
        import io

        import h5py

        with h5py.File(io.BytesIO(f.read()), "r") as h5:
            kernel = h5["dense_b"]["dense_b/kernel:0"][()]
    np.testing.assert_array_equal(other.get_layer("dense_b").kernel.numpy(), kernel)


def _verify_in_keras3(kinds):
    script = os.path.join(os.path.dirname(DATA), "record_keras3_files.py")
    result = subprocess.run(
        [sys.executable, script, "--verify", "--kinds", kinds],
        capture_output=True,
        text=True,
        timeout=3000,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    assert "keras_core files load in Keras 3: OK" in result.stdout


@pytest.mark.slow
def test_keras_core_files_load_in_keras3():
    """keras_core writes on each backend; Keras 3 loads, predicts and trains on.

    Sequential: .keras, .weights.h5 and legacy .h5 files, optimizer state
    included; the multi-branch Functional model: architecture and weights.
    """
    _verify_in_keras3("sequential,functional_arch")


@pytest.mark.slow
def test_keras_core_functional_files_load_in_keras3():
    _verify_in_keras3("functional")
