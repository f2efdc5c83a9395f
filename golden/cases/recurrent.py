"""NumPy-golden cases: recurrent layers, their cells and the sequence wrappers.

Outputs come from conformance/references/layers/recurrent.py (see golden/README.md
for the case format). Masks are right-padded, left-padded or have holes; every RNN
layer is cased forwards and with ``go_backwards``, with sequences and states.
"""

RIGHT = {"value": [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], "dtype": "bool"}
LEFT = {"value": [[0, 0, 1, 1, 1], [0, 1, 1, 1, 1]], "dtype": "bool"}
HOLES = {"value": [[1, 0, 1, 1, 0], [0, 1, 0, 1, 1]], "dtype": "bool"}
RIGHT4 = {"value": [[1, 1, 0, 0], [1, 1, 1, 1]], "dtype": "bool"}
# The first sample is all padding: outputs stay zero and states stay initial.
EMPTY4 = {"value": [[0, 0, 0, 0], [1, 1, 0, 1]], "dtype": "bool"}
SEQ_STATE = {"return_sequences": True, "return_state": True}


def case(name, layer, config, *inputs, seed=0, **extra):
    out = {"name": name, "layer": layer, "config": config, "inputs": list(inputs), "seed": seed}
    out.update(extra)
    return out


def layer(class_name, **config):
    return {"class_name": class_name, "config": config}


def states(*shapes):
    return [{"shape": list(s)} for s in shapes]


CASES = [
    # Cells, one step.
    case(
        "ref_simple_rnn_cell_step",
        "SimpleRNNCell",
        {"units": 3},
        [2, 4],
        tensor_kwargs={"states": states([2, 3])},
    ),
    case(
        "ref_lstm_cell_step",
        "LSTMCell",
        {"units": 3},
        [2, 4],
        seed=1,
        tensor_kwargs={"states": states([2, 3], [2, 3])},
    ),
    case(
        "ref_gru_cell_step_reset_after",
        "GRUCell",
        {"units": 3},
        [2, 4],
        seed=2,
        tensor_kwargs={"states": states([2, 3])},
    ),
    case(
        "ref_gru_cell_step_reset_before_nobias",
        "GRUCell",
        {"units": 3, "reset_after": False, "use_bias": False},
        [2, 4],
        seed=3,
        tensor_kwargs={"states": states([2, 3])},
    ),
    case(
        "ref_stacked_rnn_cells_step",
        "StackedRNNCells",
        {"cells": [layer("SimpleRNNCell", units=3), layer("GRUCell", units=2)]},
        [2, 4],
        seed=4,
        tensor_kwargs={"states": states([2, 3], [2, 2])},
    ),
    # SimpleRNN
    case(
        "ref_simple_rnn_left_padded_seq_state",
        "SimpleRNN",
        {"units": 3, **SEQ_STATE},
        [2, 5, 3],
        seed=5,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_simple_rnn_right_padded_backwards",
        "SimpleRNN",
        {"units": 3, "go_backwards": True, "activation": "relu"},
        [2, 5, 3],
        seed=6,
        tensor_kwargs={"mask": RIGHT},
    ),
    # LSTM
    case(
        "ref_lstm_right_padded_backwards_seq_state",
        "LSTM",
        {"units": 3, "go_backwards": True, **SEQ_STATE},
        [2, 5, 3],
        seed=7,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_lstm_left_padded_backwards_state",
        "LSTM",
        {"units": 2, "go_backwards": True, "return_state": True},
        [2, 5, 3],
        seed=8,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_lstm_holes_zero_output_seq",
        "LSTM",
        {"units": 3, "return_sequences": True, "zero_output_for_mask": True},
        [2, 5, 2],
        seed=9,
        tensor_kwargs={"mask": HOLES},
    ),
    case(
        "ref_lstm_initial_state_right_padded",
        "LSTM",
        {"units": 3, **SEQ_STATE},
        [2, 5, 2],
        seed=10,
        tensor_kwargs={"mask": RIGHT, "initial_state": states([2, 3], [2, 3])},
    ),
    # GRU, reset_after both ways
    case(
        "ref_gru_reset_after_right_padded_seq_state",
        "GRU",
        {"units": 3, **SEQ_STATE},
        [2, 5, 3],
        seed=11,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_gru_reset_after_left_padded_backwards",
        "GRU",
        {"units": 3, "go_backwards": True, **SEQ_STATE},
        [2, 5, 3],
        seed=12,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_gru_reset_before_right_padded_backwards_seq_state",
        "GRU",
        {"units": 3, "reset_after": False, "go_backwards": True, **SEQ_STATE},
        [2, 5, 3],
        seed=13,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_gru_reset_before_left_padded_initial_state",
        "GRU",
        {"units": 2, "reset_after": False, "return_state": True},
        [2, 5, 3],
        seed=14,
        tensor_kwargs={"mask": LEFT, "initial_state": states([2, 2])},
    ),
    case(
        "ref_gru_reset_after_nobias_hard_sigmoid",
        "GRU",
        {"units": 3, "use_bias": False, "recurrent_activation": "hard_sigmoid"},
        [2, 4, 3],
        seed=15,
    ),
    # RNN over cells
    case(
        "ref_rnn_lstm_cell_left_padded_backwards",
        "RNN",
        {"cell": layer("LSTMCell", units=2), "go_backwards": True, **SEQ_STATE},
        [2, 5, 3],
        seed=16,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_rnn_cell_list_right_padded_state",
        "RNN",
        {
            "cell": [layer("GRUCell", units=3, reset_after=False), layer("LSTMCell", units=2)],
            **SEQ_STATE,
        },
        [2, 5, 3],
        seed=17,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_rnn_stacked_cells_backwards",
        "RNN",
        {
            "cell": layer(
                "StackedRNNCells",
                cells=[layer("SimpleRNNCell", units=2), layer("GRUCell", units=3)],
            ),
            "go_backwards": True,
            "return_state": True,
        },
        [2, 4, 3],
        seed=18,
    ),
    # Bidirectional: every merge mode, masks both ways, states.
    case(
        "ref_bidirectional_lstm_concat_right_padded_state",
        "Bidirectional",
        {"layer": layer("LSTM", units=2, **SEQ_STATE)},
        [2, 5, 3],
        seed=19,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_bidirectional_gru_sum_left_padded_seq",
        "Bidirectional",
        {"layer": layer("GRU", units=3, return_sequences=True), "merge_mode": "sum"},
        [2, 5, 3],
        seed=20,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_bidirectional_gru_reset_before_ave_right_padded",
        "Bidirectional",
        {"layer": layer("GRU", units=3, reset_after=False), "merge_mode": "ave"},
        [2, 5, 2],
        seed=21,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_bidirectional_simple_rnn_mul_backwards_seq",
        "Bidirectional",
        {
            "layer": layer("SimpleRNN", units=3, go_backwards=True, return_sequences=True),
            "merge_mode": "mul",
        },
        [2, 5, 3],
        seed=22,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_bidirectional_lstm_none_initial_state",
        "Bidirectional",
        {"layer": layer("LSTM", units=2, **SEQ_STATE), "merge_mode": None},
        [2, 4, 3],
        seed=23,
        tensor_kwargs={
            "mask": RIGHT4,
            "initial_state": states([2, 2], [2, 2], [2, 2], [2, 2]),
        },
    ),
    case(
        "ref_bidirectional_backward_layer_concat",
        "Bidirectional",
        {
            "layer": layer("GRU", units=2, return_sequences=True),
            "backward_layer": layer("LSTM", units=2, return_sequences=True, go_backwards=True),
        },
        [2, 5, 3],
        seed=24,
        tensor_kwargs={"mask": RIGHT},
    ),
    # TimeDistributed over recurrent layers (rank-4 inputs).
    case(
        "ref_time_distributed_lstm",
        "TimeDistributed",
        {"layer": layer("LSTM", units=2)},
        [2, 3, 4, 2],
        seed=25,
    ),
    case(
        "ref_time_distributed_gru_reset_before_seq",
        "TimeDistributed",
        {"layer": layer("GRU", units=2, reset_after=False, return_sequences=True)},
        [2, 2, 4, 3],
        seed=26,
    ),
    # ConvLSTM
    case(
        "ref_conv_lstm1d_right_padded_seq_state",
        "ConvLSTM1D",
        {"filters": 2, "kernel_size": 3, "padding": "same", **SEQ_STATE},
        [2, 5, 4, 2],
        seed=27,
        tensor_kwargs={"mask": RIGHT},
    ),
    case(
        "ref_conv_lstm1d_left_padded_backwards_nobias",
        "ConvLSTM1D",
        {"filters": 2, "kernel_size": 2, "go_backwards": True, "use_bias": False},
        [2, 5, 4, 1],
        seed=28,
        tensor_kwargs={"mask": LEFT},
    ),
    case(
        "ref_conv_lstm2d_cf_strided_backwards_state",
        "ConvLSTM2D",
        {
            "filters": 2,
            "kernel_size": 2,
            "strides": 2,
            "data_format": "channels_first",
            "go_backwards": True,
            "return_state": True,
        },
        [1, 3, 2, 5, 5],
        seed=29,
    ),
    case(
        "ref_conv_lstm3d_same_seq",
        "ConvLSTM3D",
        {"filters": 1, "kernel_size": 2, "padding": "same", "return_sequences": True},
        [1, 2, 3, 3, 2, 1],
        seed=30,
    ),
    # Fully masked samples, unrolled loops.
    case(
        "ref_gru_reset_before_unroll_backwards_empty_sample",
        "GRU",
        {"units": 3, "reset_after": False, "unroll": True, "go_backwards": True, **SEQ_STATE},
        [2, 4, 3],
        seed=31,
        tensor_kwargs={"mask": EMPTY4},
    ),
    case(
        "ref_lstm_unroll_zero_output_empty_sample_initial_state",
        "LSTM",
        {"units": 2, "unroll": True, "zero_output_for_mask": True, **SEQ_STATE},
        [2, 4, 3],
        seed=32,
        tensor_kwargs={"mask": EMPTY4, "initial_state": states([2, 2], [2, 2])},
    ),
    case(
        "ref_bidirectional_lstm_backwards_inner_state_empty_sample",
        "Bidirectional",
        {"layer": layer("LSTM", units=2, go_backwards=True, return_state=True)},
        [2, 4, 3],
        seed=33,
        tensor_kwargs={"mask": EMPTY4},
    ),
    case(
        "ref_bidirectional_gru_reset_before_ave_seq_state_initial_state",
        "Bidirectional",
        {
            "layer": layer("GRU", units=2, reset_after=False, **SEQ_STATE),
            "merge_mode": "ave",
        },
        [2, 4, 3],
        seed=34,
        tensor_kwargs={"mask": EMPTY4, "initial_state": states([2, 2], [2, 2])},
    ),
    case(
        "ref_conv_lstm1d_cf_zero_output_empty_sample",
        "ConvLSTM1D",
        {
            "filters": 2,
            "kernel_size": 2,
            "return_sequences": True,
            "zero_output_for_mask": True,
            "data_format": "channels_first",
        },
        [2, 4, 1, 5],
        seed=35,
        tensor_kwargs={"mask": EMPTY4},
    ),
]
