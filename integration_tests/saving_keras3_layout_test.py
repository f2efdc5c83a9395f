"""Keras 3 layout: layer and weight order (so optimizer slots map) and config keys.

The expected orders were recorded from Keras 3.15.1 by
``data/record_keras3_orders.py`` into ``data/keras3_orders.json``; the same
graph builders (written against the API both libraries share) build the
keras_core models here.
"""

import importlib.util
import json
import os

import pytest

import keras_core

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "record_keras3_orders", os.path.join(HERE, "data", "record_keras3_orders.py")
)
recorder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recorder)

with open(os.path.join(HERE, "data", "keras3_orders.json")) as _f:
    RECORDED = json.load(_f)


@pytest.mark.parametrize("name", sorted(recorder.GRAPHS))
def test_layer_and_weight_order_matches_keras3(name):
    keras_core.backend.clear_session()
    model = recorder.GRAPHS[name](keras_core)
    got = recorder.describe(model)
    want = RECORDED["graphs"][name]
    assert got["layers"] == want["layers"]
    for key in ("weights", "trainable_weights", "non_trainable_weights"):
        assert got[key] == want[key], key


def test_trainable_variables_follow_layers_order():
    model = recorder.graph_two_inputs(keras_core)
    expected = [v for layer in model.layers for v in layer.trainable_weights]
    assert [v.path for v in model.trainable_variables] == [v.path for v in expected]
    # The model still computes correctly in that order (nodes run in a valid order).
    import numpy as np

    a = np.ones((2, 3), "float32")
    outs = model.predict([a, 2 * a], verbose=0)
    assert outs[0].shape == (2, 3) and outs[1].shape == (2, 3)


# Keras 3 layers keras_core does not implement: their configs cannot be compared (none today).
NOT_IN_KERAS_CORE: set[str] = set()

CONFIG_CASES = sorted(n for n in RECORDED["config_keys"] if n not in NOT_IN_KERAS_CORE)


def _make(name):
    if "." in name:
        module, cls = name.split(".")
        kwargs = recorder.OBJECT_ARGS[module][cls]
        return getattr(getattr(keras_core, module), cls)(**kwargs)
    return recorder.make_layer(keras_core, name)


def test_keras3_layers_missing_from_keras_core_are_exactly_the_listed_ones():
    missing = {
        n for n in RECORDED["config_keys"] if "." not in n and not hasattr(keras_core.layers, n)
    }
    assert missing == NOT_IN_KERAS_CORE


@pytest.mark.parametrize("name", CONFIG_CASES)
def test_serialized_config_has_every_key_keras3_writes(name):
    """Every key path of Keras 3's serialized config is in ours (nested configs included).

    Deliberate extra keys (Keras 3 accepts them when it reads our files): ``Dense``
    writes ``activity_regularizer`` (a Layer argument), ``SimpleRNN`` its ``seed``,
    ``SpatialDropout*`` the base ``trainable``/``dtype``, ``Identity`` its ``gain``.
    """
    ours = set(recorder.serialized_key_paths(keras_core, _make(name)))
    missing = sorted(set(RECORDED["config_keys"][name]) - ours)
    assert not missing, f"{name} lacks {missing}"


def test_config_with_quantization_is_refused_and_none_round_trips():
    layer = keras_core.layers.Dense(2, quantization_config=None)
    assert layer.get_config()["quantization_config"] is None
    for cls, kwargs in (
        (keras_core.layers.Dense, {"units": 2}),
        (keras_core.layers.Embedding, {"input_dim": 3, "output_dim": 2}),
        (keras_core.layers.EinsumDense, {"equation": "ab,bc->ac", "output_shape": 2}),
    ):
        with pytest.raises(ValueError, match="quantization_config"):
            cls(quantization_config={"mode": "int8"}, **kwargs)


def test_zero_padding_1d_data_format():
    import numpy as np

    x = np.arange(6, dtype="float32").reshape((1, 2, 3))
    layer = keras_core.layers.ZeroPadding1D((1, 2), data_format="channels_first")
    out = keras_core.ops.convert_to_numpy(layer(x))
    np.testing.assert_array_equal(out, np.pad(x, ((0, 0), (0, 0), (1, 2))))
    clone = keras_core.layers.ZeroPadding1D.from_config(layer.get_config())
    assert clone.data_format == "channels_first"
    last = keras_core.layers.ZeroPadding1D(1)
    assert last.get_config()["data_format"] == "channels_last"
    np.testing.assert_array_equal(
        keras_core.ops.convert_to_numpy(last(x)), np.pad(x, ((0, 0), (1, 1), (0, 0)))
    )


def test_variance_scaling_fan_axes_as_keras3():
    import math

    import numpy as np

    # Keras 3: both axes lists given -> fans are the products along them; one alone is ignored.
    shape = (10, 20, 30)
    for kwargs, fan in (
        ({}, 200),
        ({"input_axes": [1]}, 200),
        ({"mode": "fan_avg", "input_axes": [0], "output_axes": [1]}, 15),
        ({"mode": "fan_out", "input_axes": [0, 1], "output_axes": [2]}, 30),
    ):
        init = keras_core.initializers.VarianceScaling(distribution="uniform", seed=1, **kwargs)
        w = keras_core.ops.convert_to_numpy(init(shape))
        limit = math.sqrt(3.0 / fan)
        assert np.abs(w).max() <= limit and np.abs(w).max() > 0.9 * limit, kwargs
    glorot = keras_core.initializers.GlorotUniform(input_axes=[0], output_axes=[2])
    assert glorot.get_config() == {"seed": None, "input_axes": [0], "output_axes": [2]}
    with pytest.raises(ValueError, match="input_axes"):
        keras_core.initializers.VarianceScaling(input_axes="x")
