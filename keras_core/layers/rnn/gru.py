"""GRUCell and GRU (Cho et al., 2014), with the reset gate before or after the matmul."""

from keras_core import backend, ops
from keras_core.layers.rnn.lstm import _check_use_cudnn, fused_time_loop
from keras_core.layers.rnn.simple_rnn import (
    _BaseCell,
    _cell_kwargs,
    _CellLayer,
    _like,
    _previous,
)


class GRUCell(_BaseCell):
    """One step of a gated recurrent unit.

    Blocks ``(z, r, h)`` of the kernels give the update gate ``z``, the reset
    gate ``r`` and the candidate ``hh``; the new state is
    ``z * h_prev + (1 - z) * hh``. With ``reset_after=True`` (the default, and
    the cuDNN convention) ``hh = act(x W_h + b_h + r * (h_prev U_h + b'_h))``
    and ``bias`` has shape ``(2, 3 * units)`` (input bias, recurrent bias);
    with ``reset_after=False``, ``hh = act(x W_h + b_h + (r * h_prev) U_h)`` and
    ``bias`` has shape ``(3 * units,)``.

    Weights (Keras 3 names and order): ``kernel`` ``(input_dim, 3 * units)``,
    ``recurrent_kernel`` ``(units, 3 * units)``, ``bias``.

    Args:
        units: the size of the output and of the state.
        activation: default ``"tanh"``.
        recurrent_activation: for the gates; default ``"sigmoid"``.
        use_bias: whether to add the bias.
        kernel_initializer, recurrent_initializer, bias_initializer: initializers.
        kernel_regularizer, recurrent_regularizer, bias_regularizer: regularizers.
        kernel_constraint, recurrent_constraint, bias_constraint: constraints.
        dropout, recurrent_dropout: fractions dropped in training (one mask per sequence).
        reset_after: apply the reset gate after the recurrent matmul.
        seed: an int for the dropout masks.

    Example:
    >>> cell = keras_core.layers.GRUCell(3)
    >>> out, states = cell(np.ones((2, 4), "float32"), [np.zeros((2, 3), "float32")])
    >>> tuple(out.shape)
    (2, 3)
    """

    _has_recurrent_activation = True

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
        reset_after=True,
        seed=None,
        **kwargs,
    ):
        super().__init__(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
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
        self.reset_after = bool(reset_after)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), 3)
        if self.use_bias:
            shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
            self._add_bias(shape)

    def call(self, inputs, states, training=False):
        h_prev = _previous(states)
        x, h_in = self._apply_dropout(inputs, h_prev, training)
        if self.use_bias:
            if self.reset_after:
                input_bias, recurrent_bias = self.bias[0], self.bias[1]
            else:
                input_bias, recurrent_bias = self.bias, None
        else:
            input_bias = recurrent_bias = None
        from_x = ops.matmul(x, self.kernel)
        if input_bias is not None:
            from_x = ops.add(from_x, input_bias)
        x_z, x_r, x_h = ops.split(from_x, 3, axis=-1)
        u = self.units
        if self.reset_after:
            from_h = ops.matmul(h_in, self.recurrent_kernel)
            if recurrent_bias is not None:
                from_h = ops.add(from_h, recurrent_bias)
            h_z, h_r, h_h = ops.split(from_h, 3, axis=-1)
            z = self.recurrent_activation(ops.add(x_z, h_z))
            r = self.recurrent_activation(ops.add(x_r, h_r))
            candidate = self.activation(ops.add(x_h, ops.multiply(r, h_h)))
        else:
            from_h = ops.matmul(h_in, self.recurrent_kernel[:, : 2 * u])
            h_z, h_r = ops.split(from_h, 2, axis=-1)
            z = self.recurrent_activation(ops.add(x_z, h_z))
            r = self.recurrent_activation(ops.add(x_r, h_r))
            reset_h = ops.matmul(ops.multiply(r, h_in), self.recurrent_kernel[:, 2 * u :])
            candidate = self.activation(ops.add(x_h, reset_h))
        h = ops.add(ops.multiply(z, h_prev), ops.multiply(ops.subtract(1.0, z), candidate))
        return h, _like(states, [h])

    def get_config(self):
        config = super().get_config()
        config["reset_after"] = self.reset_after
        return config


class GRU(_CellLayer):
    """A gated recurrent unit layer: ``RNN(GRUCell(units, ...))``.

    Takes the arguments of ``GRUCell`` and of ``RNN`` (``return_sequences``,
    ``return_state``, ``go_backwards``, ``stateful``, ``unroll``).
    ``use_cudnn`` is accepted as in ``LSTM``; on torch, ``reset_after=True`` layers
    use torch's fused GRU kernel under the same conditions as ``LSTM``.

    Example:
    >>> layer = keras_core.layers.GRU(4)
    >>> tuple(layer(np.ones((2, 5, 3), "float32")).shape)
    (2, 4)
    """

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
        activity_regularizer=None,
        kernel_constraint=None,
        recurrent_constraint=None,
        bias_constraint=None,
        dropout=0.0,
        recurrent_dropout=0.0,
        seed=None,
        return_sequences=False,
        return_state=False,
        go_backwards=False,
        stateful=False,
        unroll=False,
        reset_after=True,
        use_cudnn="auto",
        **kwargs,
    ):
        _check_use_cudnn(use_cudnn)
        cell = GRUCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
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
            reset_after=reset_after,
            seed=seed,
            name="gru_cell",
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
        self.use_cudnn = use_cudnn

    def _fused_time_loop(self, sequences, flat_states, mask, training):
        if not self.cell.reset_after:
            return None
        return fused_time_loop(self, backend.layer.gru, sequences, flat_states, mask, training)

    @property
    def recurrent_activation(self):
        return self.cell.recurrent_activation

    @property
    def reset_after(self):
        return self.cell.reset_after
