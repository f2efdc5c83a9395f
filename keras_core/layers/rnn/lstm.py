"""LSTMCell and LSTM (Hochreiter & Schmidhuber, 1997)."""

from keras_core import activations, backend, ops
from keras_core.layers.rnn.simple_rnn import _BaseCell, _cell_kwargs, _CellLayer, _like


def fused_time_loop(layer, kernel_fn, sequences, flat_states, mask, training):
    """Runs ``layer`` (an LSTM or a GRU) through ``kernel_fn`` (``backend.layer.lstm`` or
    ``.gru``) when its configuration is what the fused kernel computes: tanh and sigmoid,
    no recurrent dropout in training, no unrolling, float32/float64. Returns None otherwise, or when the kernel declines
    (no fused kernel on the backend, a mask that is not right-padded)."""
    cell = layer.cell
    if (
        layer.unroll
        or cell.activation is not activations.tanh
        or cell.recurrent_activation is not activations.sigmoid
        or (training and cell.recurrent_dropout > 0)
        or layer.compute_dtype not in ("float32", "float64")
        or cell.kernel.dtype != layer.compute_dtype
    ):
        return None
    x = sequences
    if training and cell.dropout > 0:
        # The generic loop applies one input mask to every step: RNN.call has drawn it.
        drop = cell.get_dropout_mask(sequences[:, 0])
        x = ops.multiply(x, ops.expand_dims(ops.cast(drop, x.dtype), 1))
    bias = cell.bias if cell.use_bias else None
    return kernel_fn(
        x,
        flat_states,
        cell.kernel.value,
        cell.recurrent_kernel.value,
        None if bias is None else bias.value,
        mask=mask,
        go_backwards=layer.go_backwards,
        zero_output_for_mask=layer.zero_output_for_mask,
    )


class _ForgetBiasInitializer:
    """The LSTM bias: ``bias_initializer`` for the input, cell and output gates, ones for
    the forget gate (``unit_forget_bias``)."""

    def __init__(self, base, units):
        self.base = base
        self.units = units

    def __call__(self, shape, dtype=None):
        u = self.units
        return ops.concatenate(
            [
                self.base((u,), dtype=dtype),
                ops.ones((u,), dtype=dtype),
                self.base((2 * u,), dtype=dtype),
            ]
        )


class LSTMCell(_BaseCell):
    """One step of a long short-term memory layer.

    With ``z = x W + h_prev U + b`` split into four blocks ``(i, f, c, o)``:
    ``c = sigma(f) * c_prev + sigma(i) * act(c)``, ``h = sigma(o) * act(c)``
    (``sigma`` is ``recurrent_activation``). The states are ``[h, c]``.

    Weights (Keras 3 names and order): ``kernel`` ``(input_dim, 4 * units)``,
    ``recurrent_kernel`` ``(units, 4 * units)``, ``bias`` ``(4 * units,)``.

    Args:
        units: the size of the output and of each state.
        activation: default ``"tanh"``.
        recurrent_activation: for the gates; default ``"sigmoid"``.
        use_bias: whether to add ``bias``.
        kernel_initializer, recurrent_initializer, bias_initializer: initializers.
        unit_forget_bias: initialize the forget gate's bias to ones.
        kernel_regularizer, recurrent_regularizer, bias_regularizer: regularizers.
        kernel_constraint, recurrent_constraint, bias_constraint: constraints.
        dropout, recurrent_dropout: fractions dropped in training (one mask per sequence).
        seed: an int for the dropout masks.

    Example:
    >>> cell = keras_core.layers.LSTMCell(3)
    >>> zeros = np.zeros((2, 3), "float32")
    >>> out, (h, c) = cell(np.ones((2, 4), "float32"), [zeros, zeros])
    >>> tuple(c.shape)
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
        unit_forget_bias=True,
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
        self.unit_forget_bias = bool(unit_forget_bias)
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), 4)
        if self.use_bias:
            init = None
            if self.unit_forget_bias:
                init = _ForgetBiasInitializer(self.bias_initializer, self.units)
            self._add_bias((4 * self.units,), init)

    def call(self, inputs, states, training=False):
        h_prev, c_prev = states[0], states[1]
        x, h_in = self._apply_dropout(inputs, h_prev, training)
        z = ops.add(ops.matmul(x, self.kernel), ops.matmul(h_in, self.recurrent_kernel))
        if self.use_bias:
            z = ops.add(z, self.bias)
        h, c = self._lstm_update(z, c_prev)
        return h, _like(states, [h, c])

    def get_config(self):
        config = super().get_config()
        config["unit_forget_bias"] = self.unit_forget_bias
        return config


class LSTM(_CellLayer):
    """A long short-term memory layer: ``RNN(LSTMCell(units, ...))``.

    Takes the arguments of ``LSTMCell`` and of ``RNN`` (``return_sequences``,
    ``return_state``, ``go_backwards``, ``stateful``, ``unroll``). With
    ``return_state`` the outputs are ``(output, h, c)``.

    On the torch backend the layer runs through torch's fused LSTM kernel
    (``backend.layer.lstm``) when the configuration allows (tanh and sigmoid, no
    recurrent dropout in training, no unrolling, no mask or a right-padded one);
    it gives the numbers of the generic time loop, which runs otherwise.
    ``use_cudnn`` is accepted for Keras 3 compatibility (``"auto"`` or False);
    True raises a clear error, as no backend here has a cuDNN kernel.

    Example:
    >>> layer = keras_core.layers.LSTM(4, return_state=True)
    >>> out, h, c = layer(np.ones((2, 5, 3), "float32"))
    >>> tuple(c.shape)
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
        unit_forget_bias=True,
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
        use_cudnn="auto",
        **kwargs,
    ):
        _check_use_cudnn(use_cudnn)
        cell = LSTMCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            name="lstm_cell",
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
        return fused_time_loop(self, backend.layer.lstm, sequences, flat_states, mask, training)

    @property
    def recurrent_activation(self):
        return self.cell.recurrent_activation

    @property
    def unit_forget_bias(self):
        return self.cell.unit_forget_bias


def _check_use_cudnn(use_cudnn):
    if use_cudnn not in ("auto", False, True):
        raise ValueError(
            f'`use_cudnn` must be "auto", True or False. Received: use_cudnn={use_cudnn!r}'
        )
    if use_cudnn is True:
        raise ValueError(
            "keras_core has no cuDNN kernel for recurrent layers (it runs on CPU builds of "
            'every backend). Use use_cudnn="auto" or False. Received: use_cudnn=True'
        )
