"""TFSMLayer: a SavedModel written with TensorFlow is called, trained and configured as a
layer on the tensorflow backend; other backends get a clear error."""

import numpy as np
import pytest

from keras_core import backend, layers

W = np.array([[1.0, -2.0], [0.5, 0.25], [-1.5, 3.0]], "float32")
B = np.array([0.5, -1.0], "float32")


def _save_module(path):
    import tensorflow as tf

    class Affine(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(W, name="w")
            self.b = tf.Variable(B, name="b")
            self.calls = tf.Variable(0.0, trainable=False, name="calls")

        @tf.function(input_signature=[tf.TensorSpec((None, 3), tf.float32)])
        def serve(self, x):
            return tf.matmul(x, self.w) + self.b

        @tf.function(input_signature=[tf.TensorSpec((None, 3), tf.float32)])
        def train(self, x):
            return 2.0 * (tf.matmul(x, self.w) + self.b)

    module = Affine()
    tf.saved_model.save(module, str(path))


def test_tfsm_layer(tmp_path):
    if backend.backend() != "tensorflow":
        # No SavedModel is written here: this process must not import TensorFlow.
        with pytest.raises(ValueError, match="needs the tensorflow backend"):
            layers.TFSMLayer(tmp_path / "missing")
        return
    import tensorflow as tf

    _save_module(tmp_path / "affine")
    layer = layers.TFSMLayer(tmp_path / "affine", call_training_endpoint="train")
    x = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    np.testing.assert_allclose(layer(x).numpy(), x @ W + B, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(layer(x, training=True).numpy(), 2 * (x @ W + B), rtol=1e-6)
    assert [v.shape for v in layer.trainable_weights] == [(3, 2), (2,)]
    assert len(layer.non_trainable_weights) == 1
    # The layer's weights are the SavedModel's variables.
    layer.set_weights([W * 2, B, np.array(0.0, "float32")])
    np.testing.assert_allclose(layer(x).numpy(), x @ (2 * W) + B, rtol=1e-6, atol=1e-6)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    grads = tape.gradient(loss, [v.value for v in layer.trainable_variables])
    np.testing.assert_allclose(grads[0].numpy(), np.repeat(x.sum(0)[:, None], 2, 1), rtol=1e-5)
    np.testing.assert_allclose(grads[1].numpy(), [4.0, 4.0])
    # In a functional model, and through its config.
    inputs = layers.Input((3,))
    from keras_core import Model

    model = Model(inputs, layer(inputs))
    np.testing.assert_allclose(model(x).numpy(), x @ (2 * W) + B, rtol=1e-6, atol=1e-6)
    config = layer.get_config()
    assert config["call_endpoint"] == "serve" and config["call_training_endpoint"] == "train"
    clone = layers.TFSMLayer.from_config(config)
    np.testing.assert_allclose(clone(x).numpy(), x @ W + B, rtol=1e-6, atol=1e-6)
    with pytest.raises(ValueError, match=r"no endpoint 'predict'.*call_endpoint='predict'"):
        layers.TFSMLayer(tmp_path / "affine", call_endpoint="predict")
