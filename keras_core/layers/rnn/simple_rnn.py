"""SimpleRNNCell and SimpleRNN: ``h_t = activation(x_t W + h_{t-1} U + b)``."""

from typing import Any

from keras_core import ops
from keras_core.layers.layer import Layer
from keras_core.layers.rnn.cell_settings import RecurrentCellSettings
from keras_core.layers.rnn.cell_utils import batch_zeros, check_positive_int
from keras_core.layers.rnn.rnn import RNN
from keras_core.saving.serialization_lib import serialize_keras_object


class _BaseCell(Layer, RecurrentCellSettings):
    """What SimpleRNNCell, LSTMCell and GRUCell share: arguments, weights' settings, config."""

    _has_recurrent_activation = False

    def __init__(
        self,
        units,
        activation="tanh",
        recurrent_activation="sigmoid",
        use_bias=True,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        kernel_regularizer=None,
        recurrent_regularizer=None,
        bias_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.units = check_positive_int(units, "units", type(self).__name__)
        self._set_cell_settings(
            activation,
            recurrent_activation,
            use_bias,
            (kernel_initializer, recurrent_initializer, bias_initializer),
            (kernel_regularizer, recurrent_regularizer, bias_regularizer),
            (kernel_constraint, recurrent_constraint, bias_constraint),
            dropout,
            recurrent_dropout,
            seed,
        )

    def _input_dim(self, input_shape):
        dim = input_shape[-1]
        if dim is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} needs a known last input dimension. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        return dim

    def _add_kernels(self, input_dim, gates):
        self._add_recurrent_weights(
            (input_dim, gates * self.units), (self.units, gates * self.units)
        )

    def _add_bias(self, shape, initializer=None):
        self._add_bias_weight(shape, initializer)

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Zero states: a list of ``(batch_size, units)`` tensors."""
        n = len(self.state_size) if isinstance(self.state_size, (list, tuple)) else 1
        return [batch_zeros(batch_size, (self.units,), self.compute_dtype) for _ in range(n)]

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        config.update(self._settings_config(self._has_recurrent_activation))
        return config


def _previous(states):
    return states[0] if isinstance(states, (list, tuple)) else states


def _like(states, new_states):
    """``new_states`` as a list if the cell received a list, else the single tensor."""
    return list(new_states) if isinstance(states, (list, tuple)) else new_states[0]


class SimpleRNNCell(_BaseCell):
    """One step of a fully connected RNN: ``h = activation(x W + b + h_prev U)``.

    Weights (Keras 3 names and order): ``kernel`` ``(input_dim, units)``,
    ``recurrent_kernel`` ``(units, units)``, ``bias`` ``(units,)``.

    Args:
        units: the size of the output and of the state.
        activation: default ``"tanh"``.
        use_bias: whether to add ``bias``.
        kernel_initializer, recurrent_initializer, bias_initializer: initializers.
        kernel_regularizer, recurrent_regularizer, bias_regularizer: regularizers.
        kernel_constraint, recurrent_constraint, bias_constraint: constraints.
        dropout: the fraction of the inputs dropped in training (one mask per sequence).
        recurrent_dropout: the fraction of the previous state dropped in training.
        seed: an int for the dropout masks.

    Example:
    >>> cell = keras_core.layers.SimpleRNNCell(3)
    >>> out, states = cell(np.ones((2, 4), "float32"), [np.zeros((2, 3), "float32")])
    >>> tuple(out.shape)
    (2, 3)
    """

    def __init__(
        self,
        units,
        activation="tanh",
        use_bias=True,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        kernel_regularizer=None,
        recurrent_regularizer=None,
        bias_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        seed=None,
        **kwargs,
    ):
        super().__init__(
            units,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            **kwargs,
        )
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), 1)
        if self.use_bias:
            self._add_bias((self.units,))

    def call(self, sequence, states, training=False):
        prev = _previous(states)
        x, prev = self._apply_dropout(sequence, prev, training)
        h = ops.matmul(x, self.kernel)
        if self.use_bias:
            h = ops.add(h, self.bias)
        output = self.activation(ops.add(h, ops.matmul(prev, self.recurrent_kernel)))
        return output, _like(states, [output])


class _CellLayer(RNN):
    """An RNN built around one built-in cell; its config is the cell's plus the RNN's."""

    _cell_class = None

    @property
    def units(self):
        return self.cell.units

    @property
    def activation(self):
        return self.cell.activation

    @property
    def use_bias(self):
        return self.cell.use_bias

    @property
    def dropout(self):
        return self.cell.dropout

    @property
    def recurrent_dropout(self):
        return self.cell.recurrent_dropout

    def get_config(self):
        config = self._base_config()
        cell_config = self.cell.get_config()
        for key in ("name", "trainable", "dtype"):
            cell_config.pop(key, None)
        config.update(cell_config)
        config["activity_regularizer"] = serialize_keras_object(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return Layer.from_config.__func__(cls, config)


def _cell_kwargs(kwargs):
    """The constructor keywords a layer passes on to its cell (dtype, trainable)."""
    out = {}
    for key in ("dtype", "trainable"):
        if key in kwargs:
            out[key] = kwargs[key]
    return out


class SimpleRNN(_CellLayer):
    """A fully connected RNN: ``RNN(SimpleRNNCell(units, ...))``.

    Takes the arguments of ``SimpleRNNCell`` and of ``RNN`` (``return_sequences``,
    ``return_state``, ``go_backwards``, ``stateful``, ``unroll``).

    Example:
    >>> layer = keras_core.layers.SimpleRNN(4, return_sequences=True)
    >>> tuple(layer(np.ones((2, 5, 3), "float32")).shape)
    (2, 5, 4)
    """

    def __init__(
        self,
        units,
        activation="tanh",
        use_bias=True,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        kernel_regularizer=None,
        recurrent_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        return_sequences=False,
        return_state=False,
        go_backwards=False,
        stateful=False,
        unroll=False,
        seed=None,
        **kwargs,
    ):
        cell = SimpleRNNCell(
            units,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            name="simple_rnn_cell",
            **_cell_kwargs(kwargs),
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            unroll=unroll,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )
