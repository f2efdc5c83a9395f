"""The ``>>>`` examples of the recurrent layers, AlphaDropout, ReversibleEmbedding,
JaxLayer and TorchModuleWrapper run as doctests on the active backend."""

from keras_core.layers.core import alpha_dropout, reversible_embedding
from keras_core.layers.rnn import (
    bidirectional,
    cell_settings,
    cell_utils,
    conv_lstm,
    dropout_rnn_cell,
    gru,
    lstm,
    rnn,
    simple_rnn,
    stacked_rnn_cells,
    time_distributed,
    time_loop,
)
from keras_core.testing.doctests import check_docstring_examples
from keras_core.utils import jax_layer, torch_utils


def test_docstring_examples():
    modules = (
        time_loop,
        dropout_rnn_cell,
        cell_utils,
        cell_settings,
        rnn,
        stacked_rnn_cells,
        simple_rnn,
        lstm,
        gru,
        conv_lstm,
        bidirectional,
        time_distributed,
        alpha_dropout,
        reversible_embedding,
        jax_layer,
        torch_utils,
    )
    assert check_docstring_examples(*modules) >= 40
