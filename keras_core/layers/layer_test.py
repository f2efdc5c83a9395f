import numpy as np
import pytest

import keras_core
from keras_core import backend, layers, ops


class Scale(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen_training = []

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")
        self.count = self.add_weight(shape=(), initializer="zeros", trainable=False, name="count")

    def call(self, x, training=None):
        self.seen_training.append(training)
        return ops.multiply(x, self.w)


class Block(layers.Layer):
    """Sublayers held in an attribute, a list and a dict."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = Scale(name="first")
        self.stack = [layers.Dense(3, name="d0"), layers.Dense(3, name="d1")]
        self.heads = {"a": layers.Dense(2, name="ha")}

    def call(self, x, training=None):
        x = self.first(x)
        for layer in self.stack:
            x = layer(x)
        return self.heads["a"](x)


def test_lazy_build_and_weight_tracking():
    backend.clear_session()  # the names below assume no earlier "block" in this process
    block = Block()
    assert not block.built
    out = block(np.ones((2, 4), "float32"))
    assert tuple(out.shape) == (2, 2)
    names = [v.path for v in block.weights]
    # Keras 3's order: each layer's own trainable then non-trainable weights, then its
    # sublayers' (recorded in integration_tests/data/keras3_orders.json)
    assert names == [
        "block/first/w",
        "block/first/count",
        "block/d0/kernel",
        "block/d0/bias",
        "block/d1/kernel",
        "block/d1/bias",
        "block/ha/kernel",
        "block/ha/bias",
    ]
    assert len(block.trainable_weights) == 7 and len(block.non_trainable_weights) == 1
    assert [layer.name for layer in block._flatten_layers(include_self=False)] == [
        "first",
        "d0",
        "d1",
        "ha",
    ]


def test_freezing_moves_weights_to_non_trainable():
    block = Block()
    block(np.ones((1, 4), "float32"))
    block.stack[0].trainable = False
    assert len(block.trainable_weights) == 5 and len(block.non_trainable_weights) == 3
    block.trainable = False
    assert block.trainable_weights == [] and len(block.non_trainable_weights) == 8


def test_training_argument_reaches_nested_layers():
    block = Block()
    block(np.ones((1, 4), "float32"), training=True)
    block(np.ones((1, 4), "float32"))
    assert block.first.seen_training == [True, None]


def test_get_and_set_weights():
    layer = layers.Dense(2)
    layer(np.ones((1, 3), "float32"))
    new = [np.full((3, 2), 0.5, "float32"), np.array([1.0, -1.0], "float32")]
    layer.set_weights(new)
    out = backend.convert_to_numpy(layer(np.ones((1, 3), "float32")))
    np.testing.assert_allclose(out, [[2.5, 0.5]], rtol=1e-6)
    with pytest.raises(ValueError, match="expects 2 weights"):
        layer.set_weights(new[:1])
    with pytest.raises(ValueError, match=r"\(3, 2\).*\(2, 2\)"):
        layer.set_weights([np.zeros((2, 2)), np.zeros(2)])


def test_add_loss_and_regularizers():
    class WithLoss(layers.Layer):
        def call(self, x):
            self.add_loss(ops.sum(x))
            return x

    layer = WithLoss()
    layer(np.ones((2, 2), "float32"))
    layer(np.ones((2, 2), "float32"))  # losses are reset on each top-level call
    assert len(layer.losses) == 1
    assert float(backend.convert_to_numpy(layer.losses[0])) == 4.0
    # Nested: the outer call clears the inner layer's losses of the previous call.
    outer = keras_core.Sequential([WithLoss(), WithLoss()])
    for scale in (1.0, 3.0):
        outer(np.full((2, 2), scale, "float32"))
        assert [float(backend.convert_to_numpy(v)) for v in outer.losses] == [4 * scale] * 2
    dense = layers.Dense(
        2, kernel_regularizer=keras_core.regularizers.L2(0.5), kernel_initializer="ones"
    )
    dense(np.ones((1, 3), "float32"))
    assert len(dense.losses) == 1
    np.testing.assert_allclose(backend.convert_to_numpy(dense.losses[0]), 0.5 * 6.0, rtol=1e-6)


def test_input_spec_error_names_layer_and_shapes():
    dense = layers.Dense(4, name="proj")
    dense(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match=r'layer "proj".*value 3.*\(2, 3\).*\(2, 5\)'):
        dense(np.ones((2, 5), "float32"))


def test_dense_argument_errors():
    with pytest.raises(ValueError, match=r"positive int.*units=-3"):
        layers.Dense(-3)
    with pytest.raises(ValueError, match="Unrecognized keyword"):
        layers.Dense(3, bogus=1)


def test_stateless_call_is_pure():
    dense = layers.Dense(2, kernel_initializer="ones")
    x = np.ones((1, 3), "float32")
    dense(x)
    kernel = np.full((3, 2), 2.0, "float32")
    out, non_trainable = dense.stateless_call([kernel, np.zeros(2, "float32")], [], x)
    np.testing.assert_allclose(backend.convert_to_numpy(out), [[6.0, 6.0]])
    np.testing.assert_allclose(backend.convert_to_numpy(dense(x)), [[3.0, 3.0]])
    assert non_trainable == []
    with pytest.raises(ValueError, match="expected 2 trainable_variables"):
        dense.stateless_call([kernel], [], x)


def test_dtype_policy():
    layer = layers.Dense(2, dtype="mixed_float16")
    out = layer(np.ones((1, 3), "float32"))
    assert layer.dtype == "float32" and layer.compute_dtype == "float16"
    assert backend.standardize_dtype(out.dtype) == "float16"
    assert layer.kernel.dtype == "float32"
    layer64 = layers.Dense(2, dtype="float64")
    assert backend.standardize_dtype(layer64(np.ones((1, 3))).dtype) == "float64"


def test_compute_output_shape_and_symbolic_call():
    dense = layers.Dense(5)
    assert dense.compute_output_shape((None, 7)) == (None, 5)
    y = dense(keras_core.KerasTensor((None, 7)))
    assert y.shape == (None, 5) and y.dtype == "float32"


def test_default_config_captures_constructor_arguments():
    class Custom(layers.Layer):
        def __init__(self, units, scale=2.0, **kwargs):
            super().__init__(**kwargs)
            self.units, self.scale = units, scale

        def call(self, x):
            return x

    config = Custom(3, scale=4.0, name="c").get_config()
    assert config["units"] == 3 and config["scale"] == 4.0 and config["name"] == "c"
    assert Custom.from_config(config).scale == 4.0


def test_masks_propagate_through_supporting_layers():
    emb = layers.Embedding(10, 3, mask_zero=True)
    x = np.array([[1, 2, 0, 0]])
    mask = backend.convert_to_numpy(emb.compute_mask(backend.convert_to_tensor(x)))
    np.testing.assert_array_equal(mask, [[True, True, False, False]])
    softmax = layers.Softmax()
    out = backend.convert_to_numpy(
        softmax(np.zeros((1, 4), "float32"), mask=backend.convert_to_tensor(mask))
    )
    np.testing.assert_allclose(out, [[0.5, 0.5, 0.0, 0.0]], atol=1e-6)


def test_torch_module_integration():
    if backend.backend() != "torch":
        # Other backends: a Layer is a plain Python object, not a framework module.
        assert not hasattr(layers.Dense(2), "parameters")
        return
    import torch

    block = Block()
    block(np.ones((1, 4), "float32"))
    params = list(block.parameters())
    assert len(params) == 8  # 7 trainable + the non-trainable count, each exactly once
    assert isinstance(block, torch.nn.Module)
    assert sum(p.numel() for p in params) == sum(int(np.prod(v.shape)) for v in block.weights)
