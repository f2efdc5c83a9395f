"""Layer and weight order equal to Keras 3's, so variable lists and optimizer slots map.

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
