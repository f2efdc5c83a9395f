"""The recurrent references: against every Keras-3 golden of those layers, against
keras_core's layers on the new NumPy-golden cases (active backend), and a few
properties of the time loop checked by hand."""

import numpy as np
import pytest

from conformance.references.layers import _golden_io, all_references, recurrent


class TestRecurrentReferences(_golden_io.FamilyTests):
    MODULE = recurrent
    REFERENCES = all_references()
    # The Keras-3 goldens cover every layer they can (TimeDistributed's need the
    # Dense and Conv2D references of the core and convolution families).
    NO_KERAS3 = {"SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells", "TimeDistributed"}


def test_go_backwards_is_the_forward_loop_on_reversed_steps():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (2, 4, 3))
    mask = np.array([[1, 1, 1, 0], [0, 1, 1, 1]], bool)
    config = {"units": 2, "return_sequences": True, "return_state": True}
    w = [
        rng.uniform(-0.5, 0.5, s)
        for _, s in recurrent.REFERENCES["GRU"]["weights"](config, [x.shape])
    ]
    back = recurrent.REFERENCES["GRU"]["call"]({**config, "go_backwards": True}, w, [x], mask=mask)
    fwd = recurrent.REFERENCES["GRU"]["call"](config, w, [x[:, ::-1]], mask=mask[:, ::-1])
    for a, b in zip(back, fwd):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)


def test_masked_steps_keep_state_and_repeat_or_zero_the_output():
    x = np.ones((1, 3, 1))
    config = {"units": 1, "return_sequences": True, "activation": "linear"}
    w = [np.ones((1, 1)), np.ones((1, 1)), np.zeros((1,))]
    mask = np.array([[1, 0, 1]], bool)
    out = recurrent.REFERENCES["SimpleRNN"]["call"](config, w, [x], mask=mask)
    np.testing.assert_array_equal(out[0, :, 0], [1.0, 1.0, 2.0])
    zeroed = {**config, "zero_output_for_mask": True}
    out = recurrent.REFERENCES["SimpleRNN"]["call"](zeroed, w, [x], mask=mask)
    np.testing.assert_array_equal(out[0, :, 0], [1.0, 0.0, 2.0])


def test_unknown_activation_and_cell_name_the_value():
    with pytest.raises(ValueError, match="softplus2"):
        recurrent.activation("softplus2")
    with pytest.raises(ValueError, match="MyCell"):
        recurrent.Cell({"class_name": "MyCell", "config": {}})
