"""Convolutional LSTM (Shi et al., 2015): ConvLSTMCell and ConvLSTM1D/2D/3D."""

from typing import Any

from keras_core import ops
from keras_core.backend.common.shape_rules import conv_output_length
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.layers.rnn.cell_settings import RecurrentCellSettings
from keras_core.layers.rnn.cell_utils import batch_zeros, check_positive_int
from keras_core.layers.rnn.lstm import _ForgetBiasInitializer
from keras_core.layers.rnn.rnn import RNN
from keras_core.ops.nn_conv import int_tuple, standardize_data_format, standardize_padding
from keras_core.saving.serialization_lib import serialize_keras_object


class ConvLSTMCell(Layer, RecurrentCellSettings):
    """One step of a convolutional LSTM: the LSTM's matmuls become convolutions.

    ``z = conv(x, kernel) + b + conv_same(h_prev, recurrent_kernel)`` (the
    recurrent convolution has stride 1 and "same" padding, so the state keeps
    the spatial shape of the input convolution's output), split on the channel
    axis into ``(i, f, c, o)``; then as in ``LSTMCell``. The states are
    ``[h, c]``, each ``(batch, *spatial_out, filters)`` (channels_last).

    Weights (Keras 3 names and order): ``kernel`` ``kernel_size + (channels, 4 * filters)``,
    ``recurrent_kernel`` ``kernel_size + (filters, 4 * filters)``, ``bias`` ``(4 * filters,)``.

    Args:
        rank: the number of spatial dimensions (1, 2 or 3).
        filters: the number of output channels.
        kernel_size, strides, dilation_rate: ints or tuples of ``rank`` ints.
        padding: ``"valid"`` or ``"same"`` (for the input convolution).
        data_format: ``"channels_last"`` or ``"channels_first"`` (default: the
            global image data format).
        activation, recurrent_activation, use_bias, initializers, unit_forget_bias,
        regularizers, constraints, dropout, recurrent_dropout, seed: as in ``LSTMCell``.

    Example:
    >>> cell = keras_core.layers.rnn.conv_lstm.ConvLSTMCell(2, 4, 3, padding="same")
    >>> x = np.ones((1, 5, 5, 2), "float32")
    >>> out, states = cell(x, cell.get_initial_state_for(x))
    >>> tuple(out.shape)
    (1, 5, 5, 4)
    """

    def __init__(
        self,
        rank,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
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
        super().__init__(**kwargs)
        owner = type(self).__name__
        if rank not in (1, 2, 3):
            raise ValueError(f"{owner} expects `rank` to be 1, 2 or 3. Received: rank={rank!r}")
        self.rank = rank
        self.filters = check_positive_int(filters, "filters", owner)
        self.kernel_size = int_tuple(kernel_size, rank, owner, "kernel_size")
        self.strides = int_tuple(strides, rank, owner, "strides")
        self.padding = standardize_padding(padding, owner)
        self.data_format = standardize_data_format(data_format, owner)
        self.dilation_rate = int_tuple(dilation_rate, rank, owner, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{owner}: `strides` > 1 cannot be combined with `dilation_rate` > 1. "
                f"Received: strides={self.strides}, dilation_rate={self.dilation_rate}"
            )
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
        self.unit_forget_bias = bool(unit_forget_bias)
        # As in Keras 3: the state shape depends on the input, see get_initial_state_for.
        self.state_size = -1
        self.output_size = None
        self._spatial_out = None

    @property
    def _channel_axis(self):
        return -1 if self.data_format == "channels_last" else 1

    def _spatial(self, input_shape):
        shape = tuple(input_shape)
        return shape[1:-1] if self.data_format == "channels_last" else shape[2:]

    def output_spatial_shape(self, input_shape: tuple) -> tuple:
        """The spatial output dims for a ``(batch, ...)`` step input shape (None if unknown)."""
        return tuple(
            conv_output_length(size, k, s, self.padding, d)
            for size, k, s, d in zip(
                self._spatial(input_shape), self.kernel_size, self.strides, self.dilation_rate
            )
        )

    def state_shape(self, input_shape: tuple) -> tuple:
        """The per-sample shape of ``h`` and ``c`` for a step input shape."""
        spatial = self.output_spatial_shape(input_shape)
        if self.data_format == "channels_last":
            return spatial + (self.filters,)
        return (self.filters,) + spatial

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects step inputs of rank "
                f"{self.rank + 2}. Received: input_shape={input_shape}"
            )
        channels = input_shape[self._channel_axis]
        if channels is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} needs a known channel dimension. "
                f"Received: input_shape={input_shape}"
            )
        self._add_recurrent_weights(
            self.kernel_size + (channels, 4 * self.filters),
            self.kernel_size + (self.filters, 4 * self.filters),
        )
        if self.use_bias:
            init = None
            if self.unit_forget_bias:
                init = _ForgetBiasInitializer(self.bias_initializer, self.filters)
            self._add_bias_weight((4 * self.filters,), init)
        self._spatial_out = self.output_spatial_shape(input_shape)
        if None not in self._spatial_out:
            self.output_size = self.state_shape(input_shape)

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Zero ``[h, c]`` for the spatial shape seen at build (it must be static)."""
        if self._spatial_out is None or None in self._spatial_out:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} does not know its spatial output shape "
                "(it is built on inputs with unknown spatial dimensions); use "
                "get_initial_state_for(step_input) instead."
            )
        shape = self.output_size
        return [batch_zeros(batch_size, shape, self.compute_dtype) for _ in range(2)]

    def get_initial_state_for(self, step_input: Any) -> list:
        """Zero ``[h, c]`` shaped for ``step_input`` (works with dynamic dimensions)."""
        spatial = self.output_spatial_shape(step_input.shape)
        batch = ops.shape(step_input)[0]
        if None not in spatial:
            shape = self.state_shape(step_input.shape)
            return [batch_zeros(batch, shape, self.compute_dtype) for _ in range(2)]
        channels = step_input.shape[self._channel_axis]
        zero_kernel = ops.zeros(self.kernel_size + (channels, self.filters), self.compute_dtype)
        zeros = ops.conv(
            ops.zeros_like(step_input),
            zero_kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        return [zeros, ops.zeros_like(zeros)]

    def _add_bias(self, z):
        if not self.use_bias:
            return z
        if self.data_format == "channels_last":
            return ops.add(z, self.bias)
        return ops.add(z, ops.reshape(self.bias, (4 * self.filters,) + (1,) * self.rank))

    def call(self, inputs, states, training=False):
        h_prev, c_prev = states[0], states[1]
        x, h_in = self._apply_dropout(inputs, h_prev, training)
        from_x = ops.conv(
            x,
            self.kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        from_h = ops.conv(
            h_in, self.recurrent_kernel, strides=1, padding="same", data_format=self.data_format
        )
        z = ops.add(self._add_bias(from_x), from_h)
        h, c = self._lstm_update(z, c_prev, axis=self._channel_axis)
        return h, [h, c]

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "rank": self.rank,
                "filters": self.filters,
                "kernel_size": list(self.kernel_size),
                "strides": list(self.strides),
                "padding": self.padding,
                "data_format": self.data_format,
                "dilation_rate": list(self.dilation_rate),
            }
        )
        config.update(self._settings_config())
        config["unit_forget_bias"] = self.unit_forget_bias
        return config


class ConvLSTM(RNN):
    """The base of ConvLSTM1D/2D/3D: ``RNN(ConvLSTMCell(rank, ...))`` on
    ``(batch, time, *spatial, channels)`` inputs (``(batch, time, channels, *spatial)``
    with ``data_format="channels_first"``).

    Args: those of ``ConvLSTMCell`` and of ``RNN`` (``return_sequences``,
    ``return_state``, ``go_backwards``, ``stateful``, ``unroll``).
    """

    def __init__(
        self,
        rank,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
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
        **kwargs,
    ):
        cell_kwargs = {k: kwargs[k] for k in ("dtype", "trainable") if k in kwargs}
        cell = ConvLSTMCell(
            rank=rank,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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
            name="conv_lstm_cell",
            **cell_kwargs,
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )
        self.input_spec = InputSpec(ndim=rank + 3)
        self.rank = rank

    def build(self, sequences_shape):
        sequences_shape = tuple(sequences_shape)
        if len(sequences_shape) != self.rank + 3:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects inputs of rank {self.rank + 3} "
                f"(batch, time, spatial..., channels). Received: sequences.shape={sequences_shape}"
            )
        super().build(sequences_shape)

    def _zero_states_for_shape(self, sequences_shape):
        step_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        shape = self.cell.state_shape(step_shape)
        if None in shape:
            raise ValueError(
                f"A stateful {type(self).__name__} needs static spatial dimensions. "
                f"Received: sequences.shape={tuple(sequences_shape)}"
            )
        return [batch_zeros(sequences_shape[0], shape, self.compute_dtype) for _ in range(2)]

    def _initial_state_for(self, sequences):
        return self.cell.get_initial_state_for(sequences[:, 0])

    def get_initial_state(self, batch_size: Any) -> list:
        return self.cell.get_initial_state(batch_size)

    def _state_shapes(self, batch, sequences_shape=None):
        if sequences_shape is None:
            return [None, None]
        shape = (batch,) + self.cell.state_shape((batch,) + tuple(sequences_shape[2:]))
        return [shape, shape]

    def compute_output_shape(self, sequences_shape):
        sequences_shape = tuple(sequences_shape)
        batch, steps = sequences_shape[0], sequences_shape[1]
        state = (batch,) + self.cell.state_shape((batch,) + sequences_shape[2:])
        output = (batch, steps) + state[1:] if self.return_sequences else state
        if self.return_state:
            return (output, state, state)
        return output

    def get_config(self):
        config = self._base_config()
        cell_config = self.cell.get_config()
        for key in ("name", "trainable", "dtype", "rank"):
            cell_config.pop(key, None)
        config.update(cell_config)
        config["activity_regularizer"] = serialize_keras_object(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return Layer.from_config.__func__(cls, config)


def _forward_to_cell(name):
    return property(lambda self: getattr(self.cell, name), doc=f"The cell's `{name}`.")


for _name in (
    "filters",
    "kernel_size",
    "strides",
    "padding",
    "data_format",
    "dilation_rate",
    "activation",
    "recurrent_activation",
    "use_bias",
    "unit_forget_bias",
    "dropout",
    "recurrent_dropout",
):
    setattr(ConvLSTM, _name, _forward_to_cell(_name))
del _name


class ConvLSTM1D(ConvLSTM):
    """A 1D convolutional LSTM over sequences of 1D feature maps.

    Inputs ``(batch, time, steps, channels)`` (channels_last) or ``(batch, time, channels, steps)`` (channels_first); the
    output (and each state) is ``(batch, new_steps, filters)``, or ``(batch, time, ...)`` with
    ``return_sequences``. Arguments: those of ``ConvLSTMCell`` (without ``rank``)
    and of ``RNN`` (``return_sequences``, ``return_state``, ``go_backwards``,
    ``stateful``).

    Example:
    >>> layer = keras_core.layers.ConvLSTM1D(4, 3, padding="same")
    >>> tuple(layer(np.ones((2, 3, 6, 2), "float32")).shape)
    (2, 6, 4)
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
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
        **kwargs,
    ):
        super().__init__(
            1,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            **kwargs,
        )


class ConvLSTM2D(ConvLSTM):
    """A 2D convolutional LSTM over sequences of images.

    Inputs ``(batch, time, rows, cols, channels)`` (channels_last) or ``(batch, time, channels, rows, cols)`` (channels_first); the
    output (and each state) is ``(batch, new_rows, new_cols, filters)``, or ``(batch, time, ...)`` with
    ``return_sequences``. Arguments: those of ``ConvLSTMCell`` (without ``rank``)
    and of ``RNN`` (``return_sequences``, ``return_state``, ``go_backwards``,
    ``stateful``).

    Example:
    >>> layer = keras_core.layers.ConvLSTM2D(4, 3, padding="same")
    >>> tuple(layer(np.ones((2, 3, 5, 5, 2), "float32")).shape)
    (2, 5, 5, 4)
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
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
        **kwargs,
    ):
        super().__init__(
            2,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            **kwargs,
        )


class ConvLSTM3D(ConvLSTM):
    """A 3D convolutional LSTM over sequences of volumes.

    Inputs ``(batch, time, d1, d2, d3, channels)`` (channels_last) or ``(batch, time, channels, d1, d2, d3)`` (channels_first); the
    output (and each state) is ``(batch, new_d1, new_d2, new_d3, filters)``, or ``(batch, time, ...)`` with
    ``return_sequences``. Arguments: those of ``ConvLSTMCell`` (without ``rank``)
    and of ``RNN`` (``return_sequences``, ``return_state``, ``go_backwards``,
    ``stateful``).

    Example:
    >>> layer = keras_core.layers.ConvLSTM3D(4, 3, padding="same")
    >>> tuple(layer(np.ones((1, 2, 3, 3, 3, 1), "float32")).shape)
    (1, 3, 3, 3, 4)
    """

    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
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
        **kwargs,
    ):
        super().__init__(
            3,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
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
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            **kwargs,
        )
