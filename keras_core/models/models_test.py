import json

import numpy as np
import pytest

import keras_core
from keras_core import backend, layers, models


def _np(x):
    return backend.convert_to_numpy(x)


def two_input_model():
    a = keras_core.Input((3,), name="a")
    b = keras_core.Input((3,), name="b")
    shared = layers.Dense(4, activation="relu", name="shared")
    h = layers.Concatenate(name="concat")([shared(a), shared(b)])
    reg = layers.Dense(2, name="reg")(h)
    cls = layers.Dense(1, activation="sigmoid", name="cls")(h)
    return keras_core.Model([a, b], [reg, cls], name="two_in")


def fixed_weights(model, seed=0):
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-1, 1, v.shape).astype("float32") for v in model.weights]
    model.set_weights(weights)
    return weights


def reference_two_input(a, b, w):
    relu = lambda x: np.maximum(x, 0)  # noqa: E731
    sa, sb = relu(a @ w[0] + w[1]), relu(b @ w[0] + w[1])
    h = np.concatenate([sa, sb], axis=-1)
    return h @ w[2] + w[3], 1 / (1 + np.exp(-(h @ w[4] + w[5])))


def test_functional_two_inputs_shared_layer_matches_numpy():
    model = two_input_model()
    w = fixed_weights(model)
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(5, 3)).astype("float32"), rng.normal(size=(5, 3)).astype("float32")
    reg, cls = model([a, b])
    ref_reg, ref_cls = reference_two_input(a.astype(np.float64), b.astype(np.float64), w)
    np.testing.assert_allclose(_np(reg), ref_reg, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(cls), ref_cls, rtol=1e-5, atol=1e-6)
    assert [layer.name for layer in model.layers] == ["a", "b", "shared", "concat", "reg", "cls"]
    assert len(model.layers[2]._inbound_nodes) == 2  # the shared layer was called twice


def test_functional_dict_inputs_and_outputs():
    x = keras_core.Input((2,), name="x")
    y = keras_core.Input((2,), name="y")
    s = layers.Add()([x, y])
    model = keras_core.Model({"x": x, "y": y}, {"sum": s, "double": layers.Dense(1)(s)})
    out = model({"x": np.ones((1, 2), "float32"), "y": np.ones((1, 2), "float32")})
    assert set(out) == {"sum", "double"}
    np.testing.assert_allclose(_np(out["sum"]), [[2.0, 2.0]])
    with pytest.raises(ValueError, match=r"missing inputs \['y'\]"):
        model({"x": np.ones((1, 2), "float32")})


def test_functional_wrong_number_of_inputs_names_model_and_shapes():
    model = two_input_model()
    with pytest.raises(
        ValueError, match=r'"two_in" expects 2 input.*\(None, 3\).*received 1.*\(4, 3\)'
    ):
        model([np.ones((4, 3), "float32")])


def test_functional_symbolic_call_and_nesting():
    inner = two_input_model()
    a, b = keras_core.Input((3,)), keras_core.Input((3,))
    reg, cls = inner([a, b])
    assert reg.shape == (None, 2) and cls.shape == (None, 1)
    outer = keras_core.Model([a, b], layers.Concatenate()([reg, cls]))
    out = outer([np.ones((2, 3), "float32"), np.ones((2, 3), "float32")])
    assert tuple(out.shape) == (2, 3)
    assert len(outer.weights) == 6


def test_functional_with_raw_ops():
    x = keras_core.Input((3,))
    y = keras_core.ops.multiply(layers.Dense(3, kernel_initializer="ones")(x), 2.0)
    model = keras_core.Model(x, y)
    np.testing.assert_allclose(_np(model(np.ones((1, 3), "float32"))), [[6.0, 6.0, 6.0]])


def test_slicing_a_model_by_layer_outputs():
    model = two_input_model()
    sub = keras_core.Model(model.inputs, model.get_layer("concat").output)
    out = sub([np.ones((1, 3), "float32"), np.ones((1, 3), "float32")])
    assert tuple(out.shape) == (1, 8)


def test_disconnected_graph_is_an_error():
    a, b = keras_core.Input((3,)), keras_core.Input((3,))
    out = layers.Add()([a, b])
    with pytest.raises(ValueError, match="disconnected"):
        keras_core.Model(a, out)


def test_functional_config_round_trip_and_json():
    model = two_input_model()
    w = fixed_weights(model)
    config = model.get_config()
    assert config["input_layers"] == [["a", 0, 0], ["b", 0, 0]]
    shared = [layer for layer in config["layers"] if layer["name"] == "shared"][0]
    assert len(shared["inbound_nodes"]) == 2
    hist = shared["inbound_nodes"][1]["args"][0]["config"]["keras_history"]
    assert hist == ["b", 0, 0]
    clone = models.Functional.from_config(config)
    clone.set_weights(w)
    x = [np.ones((2, 3), "float32"), np.full((2, 3), 0.5, "float32")]
    for o1, o2 in zip(model(x), clone(x)):
        np.testing.assert_allclose(_np(o1), _np(o2), rtol=1e-6)
    revived = models.model_from_json(model.to_json())
    assert type(revived).__name__ == "Functional" and len(revived.weights) == 6
    json.loads(model.to_json())


def test_sequential_add_pop_and_deferred_build():
    model = keras_core.Sequential(name="mlp")
    model.add(layers.Dense(4, name="d4"))
    model.add(layers.Dense(2, name="d2"))
    assert not model.built
    out = model(np.ones((3, 5), "float32"))
    assert tuple(out.shape) == (3, 2) and model.built
    assert [v.path for v in model.weights][:2] == ["mlp/d4/kernel", "mlp/d4/bias"]
    popped = model.pop()
    assert popped.units == 2 and len(model.layers) == 1
    assert tuple(model(np.ones((3, 5), "float32")).shape) == (3, 4)
    with pytest.raises(ValueError, match="Layer instance"):
        model.add("dense")


def test_sequential_with_input_builds_immediately_and_round_trips():
    model = keras_core.Sequential(
        [keras_core.Input((3,)), layers.Dense(4), layers.Dropout(0.3), layers.Dense(1)]
    )
    assert model.built and model.output_shape == (None, 1)
    config = model.get_config()
    assert config["layers"][0]["class_name"] == "InputLayer"
    assert config["layers"][0]["config"]["batch_shape"] == [None, 3]
    clone = keras_core.Sequential.from_config(config)
    clone.set_weights(model.get_weights())
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(_np(clone(x)), _np(model(x)), rtol=1e-6)


def test_subclassed_model():
    class MLP(keras_core.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.hidden = layers.Dense(4, activation="relu", name="hidden")
            self.out = layers.Dense(1)

        def call(self, x, training=False):
            return self.out(self.hidden(x))

    model = MLP(name="mlp")
    assert tuple(model(np.ones((2, 3), "float32")).shape) == (2, 1)
    assert len(model.weights) == 4 and model.weights[0].path == "mlp/hidden/kernel"

    class Plain(keras_core.Model):
        pass

    with pytest.raises(ValueError, match="subclass of Model"):
        Plain(keras_core.Input((2,)), keras_core.Input((2,)))


def test_summary_lists_layers_and_totals():
    model = two_input_model()
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "two_in"' in text
    assert "shared (Dense)" in text and "(None, 4)" in text and "16" in text
    assert "Total params: 43" in text and "Trainable params: 43" in text
    assert "Non-trainable params: 0" in text


def test_clone_model_has_new_weights_same_structure():
    model = two_input_model()
    clone = models.clone_model(model)
    assert [type(layer).__name__ for layer in clone.layers] == [
        type(layer).__name__ for layer in model.layers
    ]
    assert all(a is not b for a, b in zip(clone.weights, model.weights))
    seq = keras_core.Sequential([keras_core.Input((2,)), layers.Dense(3)])
    seq_clone = models.clone_model(seq)
    assert seq_clone.output_shape == (None, 3) and seq_clone.weights[0] is not seq.weights[0]


def test_masks_propagate_through_functional():
    tokens = keras_core.Input((4,), dtype="int32")
    emb = layers.Embedding(5, 3, mask_zero=True)(tokens)

    class SumLast(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.supports_masking = True

        def call(self, x):
            return keras_core.ops.sum(x, axis=-1) * 0.0

    scores = SumLast()(emb)
    probs = layers.Softmax()(scores)
    model = keras_core.Model(tokens, probs)
    out = _np(model(np.array([[1, 2, 0, 0]], "int32")))
    np.testing.assert_allclose(out, [[0.5, 0.5, 0.0, 0.0]], atol=1e-6)
