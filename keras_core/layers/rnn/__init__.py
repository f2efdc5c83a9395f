"""Recurrent layers: the RNN loop, its cells, and the sequence wrappers."""

from keras_core.layers.rnn.bidirectional import Bidirectional
from keras_core.layers.rnn.conv_lstm import ConvLSTM1D, ConvLSTM2D, ConvLSTM3D
from keras_core.layers.rnn.gru import GRU, GRUCell
from keras_core.layers.rnn.lstm import LSTM, LSTMCell
from keras_core.layers.rnn.rnn import RNN
from keras_core.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from keras_core.layers.rnn.stacked_rnn_cells import StackedRNNCells
from keras_core.layers.rnn.time_distributed import TimeDistributed
