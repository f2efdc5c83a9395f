"""Golden cases: recurrent layers, their cells and the sequence wrappers (see golden/README.md)."""

CF = {"data_format": "channels_first"}
RIGHT_PADDED = {"value": [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], "dtype": "bool"}
LEFT_PADDED = {"value": [[0, 0, 1, 1, 1], [0, 1, 1, 1, 1]], "dtype": "bool"}
HOLES = {"value": [[1, 0, 1, 0, 1], [0, 1, 1, 0, 0]], "dtype": "bool"}


def case(name, layer, config, *inputs, seed=0, **extra):
    out = {"name": name, "layer": layer, "config": config, "inputs": list(inputs), "seed": seed}
    out.update(extra)
    return out


def cell(class_name, **config):
    return {"module": "keras.layers", "class_name": class_name, "config": config}


def state(*shapes):
    return {"initial_state": [{"shape": list(s)} for s in shapes]}


CASES = [
    # SimpleRNN
    case("simple_rnn_default", "SimpleRNN", {"units": 3}, [2, 5, 4]),
    case(
        "simple_rnn_seq_state_relu",
        "SimpleRNN",
        {"units": 3, "activation": "relu", "return_sequences": True, "return_state": True},
        [2, 4, 3],
    ),
    case(
        "simple_rnn_backwards_mask_nobias",
        "SimpleRNN",
        {"units": 2, "go_backwards": True, "return_sequences": True, "use_bias": False},
        [2, 5, 3],
        tensor_kwargs={"mask": RIGHT_PADDED},
    ),
    case(
        "simple_rnn_initial_state_unroll",
        "SimpleRNN",
        {"units": 3, "unroll": True, "return_state": True},
        [2, 4, 2],
        tensor_kwargs=state([2, 3]),
    ),
    # LSTM
    case("lstm_default", "LSTM", {"units": 3}, [2, 5, 4]),
    case(
        "lstm_seq_state",
        "LSTM",
        {"units": 4, "return_sequences": True, "return_state": True},
        [2, 5, 3],
    ),
    case(
        "lstm_go_backwards_seq",
        "LSTM",
        {"units": 3, "go_backwards": True, "return_sequences": True},
        [2, 4, 3],
    ),
    case(
        "lstm_mask_right_padded",
        "LSTM",
        {"units": 3, "return_sequences": True, "return_state": True},
        [2, 5, 3],
        tensor_kwargs={"mask": RIGHT_PADDED},
    ),
    case(
        "lstm_mask_left_padded",
        "LSTM",
        {"units": 3, "return_sequences": True, "return_state": True},
        [2, 5, 3],
        tensor_kwargs={"mask": LEFT_PADDED},
    ),
    case(
        "lstm_mask_holes_zero_output",
        "LSTM",
        {"units": 2, "return_sequences": True, "zero_output_for_mask": True},
        [2, 5, 3],
        tensor_kwargs={"mask": HOLES},
    ),
    case(
        "lstm_initial_state",
        "LSTM",
        {"units": 3, "return_state": True},
        [2, 4, 3],
        tensor_kwargs=state([2, 3], [2, 3]),
    ),
    case(
        "lstm_nobias_activations",
        "LSTM",
        {
            "units": 3,
            "use_bias": False,
            "activation": "relu",
            "recurrent_activation": "hard_sigmoid",
            "unit_forget_bias": False,
        },
        [2, 4, 3],
    ),
    case(
        "lstm_unroll_backwards_state",
        "LSTM",
        {"units": 2, "unroll": True, "go_backwards": True, "return_state": True},
        [1, 3, 2],
    ),
    # GRU
    case(
        "gru_reset_after_seq",
        "GRU",
        {"units": 3, "return_sequences": True},
        [2, 5, 4],
    ),
    case(
        "gru_reset_before_state",
        "GRU",
        {"units": 3, "reset_after": False, "return_state": True},
        [2, 5, 3],
    ),
    case(
        "gru_reset_before_nobias_seq",
        "GRU",
        {"units": 2, "reset_after": False, "use_bias": False, "return_sequences": True},
        [2, 4, 3],
    ),
    case(
        "gru_mask_backwards",
        "GRU",
        {"units": 3, "go_backwards": True, "return_sequences": True, "return_state": True},
        [2, 5, 2],
        tensor_kwargs={"mask": LEFT_PADDED},
    ),
    case(
        "gru_initial_state_unroll",
        "GRU",
        {"units": 3, "unroll": True, "return_sequences": True},
        [2, 4, 2],
        tensor_kwargs=state([2, 3]),
    ),
    # RNN over cells
    case(
        "rnn_simple_cell",
        "RNN",
        {"cell": cell("SimpleRNNCell", units=3), "return_sequences": True},
        [2, 4, 3],
    ),
    case(
        "rnn_stacked_cells_state",
        "RNN",
        {
            "cell": [cell("LSTMCell", units=3), cell("GRUCell", units=2)],
            "return_state": True,
        },
        [2, 5, 4],
    ),
    case(
        "rnn_stacked_cells_mask",
        "RNN",
        {
            "cell": {
                "module": "keras.layers",
                "class_name": "StackedRNNCells",
                "config": {"cells": [cell("GRUCell", units=2), cell("SimpleRNNCell", units=3)]},
            },
            "return_sequences": True,
        },
        [2, 5, 2],
        tensor_kwargs={"mask": RIGHT_PADDED},
    ),
    # Bidirectional
    case(
        "bidirectional_lstm_concat_seq",
        "Bidirectional",
        {"layer": cell("LSTM", units=3, return_sequences=True)},
        [2, 5, 3],
    ),
    case(
        "bidirectional_gru_sum_state",
        "Bidirectional",
        {"layer": cell("GRU", units=2, return_state=True), "merge_mode": "sum"},
        [2, 4, 3],
    ),
    case(
        "bidirectional_simple_rnn_ave",
        "Bidirectional",
        {"layer": cell("SimpleRNN", units=3), "merge_mode": "ave"},
        [2, 4, 2],
    ),
    case(
        "bidirectional_lstm_mul_mask",
        "Bidirectional",
        {"layer": cell("LSTM", units=2, return_sequences=True), "merge_mode": "mul"},
        [2, 5, 3],
        tensor_kwargs={"mask": RIGHT_PADDED},
    ),
    case(
        "bidirectional_gru_none_mask_state",
        "Bidirectional",
        {
            "layer": cell("GRU", units=2, return_sequences=True, return_state=True),
            "merge_mode": None,
        },
        [2, 5, 3],
        tensor_kwargs={"mask": LEFT_PADDED},
    ),
    case(
        "bidirectional_lstm_initial_state",
        "Bidirectional",
        {"layer": cell("LSTM", units=2)},
        [2, 4, 3],
        tensor_kwargs=state([2, 2], [2, 2], [2, 2], [2, 2]),
    ),
    case(
        "bidirectional_backward_layer",
        "Bidirectional",
        {
            "layer": cell("LSTM", units=2, return_sequences=True),
            "backward_layer": cell("GRU", units=3, return_sequences=True, go_backwards=True),
        },
        [2, 4, 3],
    ),
    # TimeDistributed
    case(
        "time_distributed_dense",
        "TimeDistributed",
        {"layer": cell("Dense", units=2, activation="tanh")},
        [2, 4, 3],
    ),
    case(
        "time_distributed_conv2d",
        "TimeDistributed",
        {"layer": cell("Conv2D", filters=2, kernel_size=3)},
        [2, 3, 5, 5, 2],
    ),
    # ConvLSTM
    case("conv_lstm1d_valid", "ConvLSTM1D", {"filters": 2, "kernel_size": 3}, [2, 3, 6, 2]),
    case(
        "conv_lstm1d_same_strided_seq",
        "ConvLSTM1D",
        {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "return_sequences": True},
        [1, 3, 7, 2],
    ),
    case(
        "conv_lstm2d_same_seq",
        "ConvLSTM2D",
        {"filters": 2, "kernel_size": 3, "padding": "same", "return_sequences": True},
        [1, 3, 4, 4, 2],
    ),
    case(
        "conv_lstm2d_cf_dilated_state",
        "ConvLSTM2D",
        {"filters": 2, "kernel_size": 2, "dilation_rate": 2, "return_state": True, **CF},
        [1, 2, 2, 5, 5],
    ),
    # No masked ConvLSTM golden: Keras 3.15.1 (jax) broadcasts the (batch,) step mask
    # against the trailing axes of the (batch, rows, cols, filters) state, so its masked
    # outputs are wrong; keras_core's masking is checked against NumPy in conv_lstm_test.py.
    case(
        "conv_lstm2d_backwards_seq",
        "ConvLSTM2D",
        {"filters": 2, "kernel_size": 2, "go_backwards": True, "return_sequences": True},
        [2, 3, 3, 3, 1],
    ),
    case(
        "conv_lstm3d_valid",
        "ConvLSTM3D",
        {"filters": 2, "kernel_size": 2},
        [1, 2, 3, 3, 3, 1],
    ),
]
