"""ConvLSTM1D/2D/3D: the layer harness, a NumPy reference (direct convolutions), masks,
channels_first, states, shapes with unknown dimensions, config and errors."""

import numpy as np
import pytest

from conformance.references.layers import recurrent as recurrent_ref
from keras_core import layers
from keras_core.layers.rnn.conv_lstm import ConvLSTMCell
from keras_core.layers.rnn.rnn_test import HOLES, np_rnn, rand, to_np
from keras_core.testing import run_layer_test


def np_conv_lstm_step(x, states, w, strides, padding, dilation):
    """One channels_last ConvLSTM step (the reference in conformance/references/layers)."""
    config = {
        "rank": x.ndim - 2,
        "strides": tuple(strides),
        "padding": padding,
        "dilation_rate": tuple(dilation),
        "data_format": "channels_last",
    }
    return recurrent_ref.conv_lstm_step(config, w, x, states)


CASES = [
    # cls, kwargs, input shape (batch, time, *spatial, channels), expected output shape
    (layers.ConvLSTM1D, {"filters": 2, "kernel_size": 3}, (2, 3, 6, 2), (2, 4, 2)),
    (
        layers.ConvLSTM1D,
        {"filters": 2, "kernel_size": 2, "strides": 2, "padding": "same", "return_sequences": True},
        (1, 3, 7, 1),
        (1, 3, 4, 2),
    ),
    (
        layers.ConvLSTM2D,
        {"filters": 2, "kernel_size": 3, "padding": "same", "go_backwards": True},
        (1, 3, 4, 4, 2),
        (1, 4, 4, 2),
    ),
    (
        layers.ConvLSTM2D,
        {"filters": 3, "kernel_size": (2, 3), "dilation_rate": (2, 1), "return_sequences": True},
        (1, 2, 5, 4, 1),
        (1, 2, 3, 2, 3),
    ),
    (layers.ConvLSTM3D, {"filters": 2, "kernel_size": 2}, (1, 2, 3, 3, 3, 1), (1, 2, 2, 2, 2)),
]


@pytest.mark.parametrize(
    "cls,kwargs,input_shape,output_shape",
    CASES,
    ids=[f"{c.__name__}-{i}" for i, (c, *_) in enumerate(CASES)],
)
def test_harness_with_numpy_reference(cls, kwargs, input_shape, output_shape):
    rank = len(input_shape) - 3
    strides = kwargs.get("strides", 1)
    dilation = kwargs.get("dilation_rate", 1)
    strides = (strides,) * rank if isinstance(strides, int) else strides
    dilation = (dilation,) * rank if isinstance(dilation, int) else dilation
    padding = kwargs.get("padding", "valid")

    def reference(x, w):
        state_shape = (x.shape[0],) + output_shape[-rank - 1 :]
        init = [np.zeros(state_shape), np.zeros(state_shape)]
        outs, _ = np_rnn(
            lambda xt, s: np_conv_lstm_step(xt, s, w, strides, padding, dilation),
            x,
            init,
            go_backwards=kwargs.get("go_backwards", False),
        )
        return outs if kwargs.get("return_sequences") else outs[:, -1]

    run_layer_test(
        cls,
        init_kwargs=kwargs,
        input_shape=input_shape,
        expected_output_shape=output_shape,
        expected_num_trainable_weights=3,
        expected_num_seed_generators=1,
        supports_masking=True,
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_masked_steps_keep_state_and_output():
    x = rand((2, 5, 4, 4, 1))
    layer = layers.ConvLSTM2D(2, 3, padding="same", return_sequences=True, return_state=True)
    out, h, c = layer(x, mask=HOLES)
    w = layer.get_weights()
    init = [np.zeros((2, 4, 4, 2))] * 2
    ref_out, (ref_h, ref_c) = np_rnn(
        lambda xt, s: np_conv_lstm_step(xt, s, w, (1, 1), "same", (1, 1)), x, init, mask=HOLES
    )
    np.testing.assert_allclose(to_np(out), ref_out, atol=1e-5)
    np.testing.assert_allclose(to_np(h), ref_h, atol=1e-5)
    np.testing.assert_allclose(to_np(c), ref_c, atol=1e-5)


def test_channels_first_matches_channels_last():
    x = rand((2, 3, 6, 5, 2))
    last = layers.ConvLSTM2D(3, 3, strides=2, padding="same", return_state=True)
    first = layers.ConvLSTM2D(
        3, 3, strides=2, padding="same", return_state=True, data_format="channels_first"
    )
    out_last = last(x)
    x_first = np.moveaxis(x, -1, 2)
    first(x_first)
    first.set_weights(last.get_weights())
    out_first = first(x_first)
    assert tuple(out_first[0].shape) == (2, 3, 3, 3)
    for a, b in zip(out_first, out_last):
        np.testing.assert_allclose(np.moveaxis(to_np(a), 1, -1), to_np(b), atol=1e-5)
    assert first.compute_output_shape((None, 3, 2, 6, 5)) == ((None, 3, 3, 3),) * 3


def test_weights_initial_state_and_unknown_spatial_dims():
    layer = layers.ConvLSTM1D(4, 3)
    out = layer(layers.Input((None, None, 2)))
    assert out.shape == (None, None, 4)
    assert [tuple(w.shape) for w in layer.weights] == [(3, 2, 16), (3, 4, 16), (16,)]
    assert [w.path for w in layer.weights][0] == f"{layer.name}/conv_lstm_cell/kernel"
    x = rand((2, 3, 7, 2))
    y = layer(x)
    assert tuple(y.shape) == (2, 5, 4)
    h0, c0 = rand((2, 5, 4), 1), rand((2, 5, 4), 2)
    w = layer.get_weights()
    init = [h0, c0]
    ref, _ = np_rnn(lambda xt, s: np_conv_lstm_step(xt, s, w, (1,), "valid", (1,)), x, init)
    np.testing.assert_allclose(to_np(layer(x, initial_state=init)), ref[:, -1], atol=1e-5)


def test_cell_and_config_round_trip():
    cell = ConvLSTMCell(2, 3, 3, padding="same", data_format="channels_first")
    x = rand((2, 1, 4, 4))
    out, states = cell(x, cell.get_initial_state_for(x))
    assert tuple(out.shape) == (2, 3, 4, 4) and len(states) == 2
    assert ConvLSTMCell.from_config(cell.get_config()).get_config() == cell.get_config()
    layer = layers.ConvLSTM3D(2, (1, 2, 3), strides=(1, 1, 2), recurrent_dropout=0.2, seed=1)
    config = layer.get_config()
    assert "rank" not in config and config["kernel_size"] == [1, 2, 3]
    assert layers.ConvLSTM3D.from_config(config).get_config() == config
    assert layer.filters == 2 and layer.strides == (1, 1, 2)


def test_dropout_trains_and_errors():
    run_layer_test(
        layers.ConvLSTM1D,
        init_kwargs={"filters": 2, "kernel_size": 2, "dropout": 0.3, "recurrent_dropout": 0.3},
        input_shape=(2, 3, 4, 2),
        expected_output_shape=(2, 3, 2),
        training=True,
    )
    with pytest.raises(ValueError, match="filters"):
        layers.ConvLSTM2D(0, 3)
    with pytest.raises(ValueError, match="padding"):
        layers.ConvLSTM2D(2, 3, padding="causal")
    with pytest.raises(ValueError, match="strides"):
        layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="ndim=5"):
        layers.ConvLSTM2D(2, 3)(rand((2, 3, 4, 2)))
