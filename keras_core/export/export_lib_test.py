"""ExportArchive and Model.export: SavedModels written on tensorflow and jax reload with
tf.saved_model.load (and TFSMLayer) and give the model's outputs; torch and numpy get a
clear error."""

import os
import subprocess
import sys

import numpy as np
import pytest

import keras_core
from keras_core import backend, layers
from keras_core.export import ExportArchive

SUPPORTED = backend.backend() in ("tensorflow", "jax")
needs_savedmodel = pytest.mark.skipif(
    not SUPPORTED, reason="SavedModel export needs tensorflow or jax (error tested below)"
)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RNG = np.random.default_rng(7)
W1 = RNG.normal(size=(3, 4)).astype("float32")
B1 = RNG.normal(size=(4,)).astype("float32")
GAMMA = RNG.uniform(0.5, 1.5, size=(4,)).astype("float32")
BETA = RNG.normal(size=(4,)).astype("float32")
MEAN = RNG.normal(size=(4,)).astype("float32")
VAR = RNG.uniform(0.5, 2.0, size=(4,)).astype("float32")
W2 = RNG.normal(size=(4, 2)).astype("float32")
B2 = RNG.normal(size=(2,)).astype("float32")
X = RNG.normal(size=(5, 3)).astype("float32")


def _reference(x):
    h = np.maximum(x @ W1 + B1, 0.0)
    h = (h - MEAN) / np.sqrt(VAR + 1e-3) * GAMMA + BETA
    return h @ W2 + B2


def _model():
    """Dense -> BatchNormalization (non-trainable statistics) -> Dropout (seed state) ->
    Dense, with known weights."""
    inputs = keras_core.Input((3,))
    x = layers.Dense(4, activation="relu")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Dropout(0.5, seed=1)(x)
    model = keras_core.Model(inputs, layers.Dense(2)(x))
    model.set_weights([W1, B1, GAMMA, BETA, MEAN, VAR, W2, B2])
    return model


def _load(path):
    import tensorflow as tf

    return tf.saved_model.load(str(path))


@pytest.mark.skipif(SUPPORTED, reason="tensorflow and jax can export (tested above)")
def test_unsupported_backend_error(tmp_path):
    with pytest.raises(ValueError, match="needs the tensorflow or jax backend.*backend="):
        ExportArchive()
    model = keras_core.Sequential([keras_core.Input((3,)), layers.Dense(2)])
    with pytest.raises(ValueError, match="needs the tensorflow or jax backend"):
        model.export(tmp_path / "model")
    assert not (tmp_path / "model").exists()


@needs_savedmodel
def test_endpoints_variables_and_signatures(tmp_path):
    import tensorflow as tf

    model = _model()
    np.testing.assert_allclose(np.asarray(model(X)), _reference(X), rtol=1e-5, atol=1e-5)
    archive = ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve", model, input_signature=[keras_core.InputSpec(shape=(None, 3), dtype="float32")]
    )
    archive.add_endpoint(
        "scaled",
        lambda x, k: {"out": model(x, training=False) * k, "mean": keras_core.ops.mean(x)},
        input_signature=[tf.TensorSpec((None, 3), tf.float32), tf.TensorSpec((), tf.float32)],
    )
    archive.add_variable_collection("dense_kernels", [model.layers[1].kernel, _extra_variable()])
    # 2 + 2 + 2 trainable (kernels, biases, gamma/beta); mean, variance and the seed state.
    assert len(archive.trainable_variables) == 6
    assert len(archive.non_trainable_variables) == 3
    archive.write_out(tmp_path / "sm")

    reloaded = _load(tmp_path / "sm")
    for batch in (1, 5):
        x = X[:batch]
        out = reloaded.serve(tf.constant(x))
        assert out.shape == (batch, 2) and out.dtype == tf.float32
        np.testing.assert_allclose(out.numpy(), _reference(x), rtol=1e-5, atol=1e-5)
    scaled = reloaded.scaled(tf.constant(X), tf.constant(3.0))
    np.testing.assert_allclose(scaled["out"].numpy(), 3 * _reference(X), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(scaled["mean"].numpy(), X.mean(), rtol=1e-6)
    # Serving signatures: one per endpoint, the first one also as the default.
    assert sorted(reloaded.signatures) == ["scaled", "serve", "serving_default"]
    by_signature = reloaded.signatures["serving_default"](tf.constant(X))
    (value,) = by_signature.values()
    np.testing.assert_allclose(value.numpy(), _reference(X), rtol=1e-5, atol=1e-5)
    # The variables, trainable and not, are on the reloaded object with their values.
    saved = {tuple(v.shape): v for v in reloaded.variables}
    assert len(reloaded.variables) == 9
    assert len(reloaded.trainable_variables) == 6 and len(reloaded.non_trainable_variables) == 3
    np.testing.assert_array_equal(saved[(3, 4)].numpy(), W1)
    np.testing.assert_array_equal(saved[(4, 2)].numpy(), W2)
    statistics = sorted(
        tuple(v.numpy().tolist()) for v in reloaded.non_trainable_variables if v.shape == (4,)
    )
    assert statistics == sorted([tuple(MEAN.tolist()), tuple(VAR.tolist())])
    assert [tuple(v.shape) for v in reloaded.dense_kernels] == [(3, 4), (2,)]
    np.testing.assert_array_equal(reloaded.dense_kernels[1].numpy(), [1.0, 2.0])
    # The saved variables drive the saved functions.
    saved[(4, 2)].assign(np.zeros((4, 2), "float32"))
    np.testing.assert_allclose(reloaded.serve(tf.constant(X)).numpy(), np.tile(B2, (5, 1)))


def _extra_variable():
    import tensorflow as tf

    return tf.Variable(np.array([1.0, 2.0], "float32"), name="extra")


@needs_savedmodel
def test_nested_inputs_and_integer_dtype(tmp_path):
    import tensorflow as tf

    a = keras_core.Input((3,), name="a")
    b = keras_core.Input((2,), name="b")
    merged = layers.Concatenate()([a, b])
    model = keras_core.Model({"a": a, "b": b}, layers.Dense(1, use_bias=False)(merged))
    kernel = np.arange(5, dtype="float32").reshape(5, 1) / 4
    model.set_weights([kernel])
    archive = ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        model,
        input_signature=[
            {
                "a": keras_core.InputSpec(shape=(None, 3), dtype="float32"),
                "b": tf.TensorSpec((None, 2), tf.float32),
            }
        ],
    )
    archive.add_endpoint(
        "count_positive",
        lambda ids: keras_core.ops.sum(keras_core.ops.cast(ids > 0, "int32"), axis=-1),
        input_signature=[keras_core.InputSpec(shape=(None, None), dtype="int32")],
    )
    archive.write_out(tmp_path / "sm")
    reloaded = _load(tmp_path / "sm")
    xa, xb = X[:4], RNG.normal(size=(4, 2)).astype("float32")
    out = reloaded.serve({"a": tf.constant(xa), "b": tf.constant(xb)})
    np.testing.assert_allclose(
        out.numpy(), np.concatenate([xa, xb], -1) @ kernel, rtol=1e-5, atol=1e-6
    )
    ids = np.array([[1, -2, 3, 0, 5], [0, 0, 0, 0, 7]], "int32")
    counted = reloaded.count_positive(tf.constant(ids))
    assert counted.dtype == tf.int32
    np.testing.assert_array_equal(counted.numpy(), [3, 1])
    # Only the endpoint with flat tensor arguments is a serving signature.
    assert sorted(reloaded.signatures) == ["count_positive", "serving_default"]


@needs_savedmodel
def test_model_export_and_tfsm_layer(tmp_path):
    import tensorflow as tf

    model = _model()
    model.export(tmp_path / "functional")
    reloaded = _load(tmp_path / "functional")
    np.testing.assert_allclose(
        reloaded.serve(tf.constant(X)).numpy(), _reference(X), rtol=1e-5, atol=1e-5
    )
    # A subclassed model, exported from the shape it was built with.
    sub = _Affine()
    sub(X[:2])
    sub.export(tmp_path / "subclassed")
    reloaded = _load(tmp_path / "subclassed")
    np.testing.assert_allclose(
        reloaded.serve(tf.constant(X)).numpy(), X @ np.full((3, 2), 0.5) - 1.0, rtol=1e-6
    )
    with pytest.raises(ValueError, match="`format` must be 'tf_saved_model'.*format='onnx'"):
        model.export(tmp_path / "x", format="onnx")
    if backend.backend() == "tensorflow":
        layer = layers.TFSMLayer(tmp_path / "functional")
        np.testing.assert_allclose(np.asarray(layer(X)), _reference(X), rtol=1e-5, atol=1e-5)
        assert len(layer.trainable_weights) == 6 and len(layer.non_trainable_weights) == 3
        inputs = keras_core.Input((3,))
        wrapper = keras_core.Model(inputs, layer(inputs))
        np.testing.assert_allclose(np.asarray(wrapper(X)), _reference(X), rtol=1e-5, atol=1e-5)


class _Affine(keras_core.Model):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="zeros")
        self.b = self.add_weight(shape=(2,), initializer="zeros", trainable=False)
        self.w.assign(np.full((input_shape[-1], 2), 0.5, "float32"))
        self.b.assign(np.full((2,), -1.0, "float32"))

    def call(self, x):
        return keras_core.ops.matmul(x, self.w) + self.b


@needs_savedmodel
@pytest.mark.slow
def test_tfsm_layer_reads_export_from_another_process(tmp_path):
    """The SavedModel written here is read by TFSMLayer in a tensorflow-backend process
    (on jax this is the only way to see it through TFSMLayer)."""
    model = _model()
    model.export(tmp_path / "sm")
    np.save(tmp_path / "x.npy", X)
    script = (
        "import numpy as np, keras_core\n"
        f"layer = keras_core.layers.TFSMLayer({str(tmp_path / 'sm')!r})\n"
        f"x = np.load({str(tmp_path / 'x.npy')!r})\n"
        f"np.save({str(tmp_path / 'y.npy')!r}, np.asarray(layer(x)))\n"
    )
    env = dict(os.environ, KERAS_BACKEND="tensorflow", PYTHONPATH=ROOT)
    subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True)
    np.testing.assert_allclose(np.load(tmp_path / "y.npy"), _reference(X), rtol=1e-5, atol=1e-5)


@needs_savedmodel
def test_bad_input_errors(tmp_path):
    import tensorflow as tf

    model = _model()
    spec = [keras_core.InputSpec(shape=(None, 3), dtype="float32")]
    archive = ExportArchive()
    with pytest.raises(ValueError, match="has no endpoint; call add_endpoint"):
        archive.write_out(tmp_path / "empty")
    assert not (tmp_path / "empty").exists()
    with pytest.raises(ValueError, match="does not track.*Untracked variables"):
        archive.add_endpoint("serve", model, input_signature=spec)
    with pytest.raises(ValueError, match="must be a keras_core Layer.*resource='abc'"):
        archive.track("abc")
    with pytest.raises(ValueError, match="not built"):
        archive.track(layers.Dense(2))
    archive.track(model)
    archive.add_endpoint("serve", model, input_signature=spec)
    with pytest.raises(ValueError, match="endpoint named 'serve' already exists"):
        archive.add_endpoint("serve", model, input_signature=spec)
    with pytest.raises(ValueError, match="endpoint named 'serve' already exists"):
        archive.add_variable_collection("serve", model.variables)
    archive.add_variable_collection("weights_a", model.variables)
    with pytest.raises(ValueError, match="collection named 'weights_a' already exists"):
        archive.add_endpoint("weights_a", model, input_signature=spec)
    with pytest.raises(ValueError, match="must not start with '_' nor be one of"):
        archive.add_endpoint("variables", model, input_signature=spec)
    with pytest.raises(ValueError, match="Python identifier.*name='my endpoint'"):
        archive.add_endpoint("my endpoint", model, input_signature=spec)
    with pytest.raises(TypeError, match="entries must be tf.TensorSpec.*Received: None"):
        archive.add_endpoint("other", model, input_signature=[(None, 3)])
    with pytest.raises(TypeError, match="must be a list with one spec.*input_signature='x'"):
        archive.add_endpoint("other", model, input_signature="x")
    with pytest.raises(ValueError, match="`input_signature` is required"):
        archive.add_endpoint("other", model)
    with pytest.raises(ValueError, match="needs a `shape`"):
        archive.add_endpoint("other", model, input_signature=[keras_core.InputSpec(ndim=2)])
    with pytest.raises(ValueError, match="could not be traced"):
        archive.add_endpoint("other", model, input_signature=[tf.TensorSpec((None, 7), tf.float32)])
    with pytest.raises(ValueError, match="must hold keras_core Variables or tf.Variables"):
        archive.add_variable_collection("bad", [np.zeros(2)])
    # The failed calls left the archive usable.
    archive.write_out(tmp_path / "ok")
    reloaded = _load(tmp_path / "ok")
    assert sorted(reloaded.signatures) == ["serve", "serving_default"]
    np.testing.assert_allclose(
        reloaded.serve(tf.constant(X)).numpy(), _reference(X), rtol=1e-5, atol=1e-5
    )


@pytest.mark.skipif(
    backend.backend() != "tensorflow", reason="string lookups run in TensorFlow graphs only"
)
def test_lookup_table_of_tracked_layer_is_saved(tmp_path):
    import tensorflow as tf

    inputs = keras_core.Input((2,), dtype="string")
    model = keras_core.Model(inputs, layers.StringLookup(vocabulary=["a", "b", "c"])(inputs))
    archive = ExportArchive()
    archive.track(model)
    archive.add_endpoint("serve", model, input_signature=[tf.TensorSpec((None, 2), tf.string)])
    archive.write_out(tmp_path / "sm")
    out = _load(tmp_path / "sm").serve(tf.constant([["a", "c"], ["z", "b"]]))
    assert out.dtype == tf.int64
    np.testing.assert_array_equal(out.numpy(), [[1, 3], [0, 2]])


@pytest.mark.skipif(backend.backend() != "jax", reason="jax2tf_kwargs apply on jax only")
def test_jax2tf_kwargs_gradient(tmp_path):
    import tensorflow as tf

    model = _model()
    archive = ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        model,
        input_signature=[tf.TensorSpec((None, 3), tf.float32)],
        jax2tf_kwargs={"polymorphic_shapes": ["(b, 3)"], "with_gradient": True},
    )
    archive.write_out(tmp_path / "sm")
    reloaded = _load(tmp_path / "sm")
    kernel = next(v for v in reloaded.trainable_variables if v.shape == (4, 2))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(reloaded.serve(tf.constant(X)))
    grad = tape.gradient(loss, kernel)
    h = np.maximum(X @ W1 + B1, 0.0)
    h = (h - MEAN) / np.sqrt(VAR + 1e-3) * GAMMA + BETA
    np.testing.assert_allclose(grad.numpy(), np.repeat(h.sum(0)[:, None], 2, 1), rtol=1e-4)
