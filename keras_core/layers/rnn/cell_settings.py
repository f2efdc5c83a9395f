"""What every built-in recurrent cell shares (SimpleRNNCell, LSTMCell, GRUCell and
ConvLSTMCell): the activation/initializer/regularizer/constraint/dropout/seed arguments,
their config, the kernel/recurrent-kernel/bias weights and the LSTM gate update."""

from typing import Any

from keras_core import activations, constraints, initializers, ops, regularizers
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.rnn.dropout_rnn_cell import DropoutRNNCell, check_rate
from keras_core.saving.serialization_lib import serialize_keras_object

Tensor = Any

_WEIGHT_ARGS = ("kernel", "recurrent", "bias")


class RecurrentCellSettings(DropoutRNNCell):
    """Mixin (with ``Layer``) holding the arguments every built-in cell takes.

    Example:
    >>> cell = keras_core.layers.GRUCell(2, kernel_regularizer="l2", dropout=0.25)
    >>> cell.get_config()["dropout"], type(cell.kernel_regularizer).__name__
    (0.25, 'L2')
    """

    def _set_cell_settings(
        self,
        activation,
        recurrent_activation,
        use_bias,
        initializer,
        regularizer,
        constraint,
        dropout,
        recurrent_dropout,
        seed,
    ) -> None:
        """Stores the shared arguments; ``initializer``/``regularizer``/``constraint`` are
        ``(kernel, recurrent, bias)`` triples."""
        owner = type(self).__name__
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = bool(use_bias)
        for name, init, reg, con in zip(_WEIGHT_ARGS, initializer, regularizer, constraint):
            setattr(self, f"{name}_initializer", initializers.get(init))
            setattr(self, f"{name}_regularizer", regularizers.get(reg))
            setattr(self, f"{name}_constraint", constraints.get(con))
        self.dropout = check_rate(dropout, "dropout", owner)
        self.recurrent_dropout = check_rate(recurrent_dropout, "recurrent_dropout", owner)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError(
                f"{owner} expects `seed` to be an int or None. Received: seed={seed!r}"
            )
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)

    def _settings_config(self, recurrent_activation: bool = True) -> dict:
        """The shared arguments' config entries, in Keras 3's order."""
        config = {"activation": activations.serialize(self.activation)}
        if recurrent_activation:
            config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        config["use_bias"] = self.use_bias
        for kind in ("initializer", "regularizer", "constraint"):
            for name in _WEIGHT_ARGS:
                key = f"{name}_{kind}"
                config[key] = serialize_keras_object(getattr(self, key))
        config.update(
            {
                "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout,
                "seed": self.seed,
            }
        )
        return config

    def _add_recurrent_weights(self, kernel_shape: tuple, recurrent_shape: tuple) -> None:
        self.kernel = self.add_weight(
            shape=kernel_shape,
            name="kernel",
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.recurrent_kernel = self.add_weight(
            shape=recurrent_shape,
            name="recurrent_kernel",
            initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint,
        )

    def _add_bias_weight(self, shape: tuple, initializer: Any = None) -> None:
        self.bias = self.add_weight(
            shape=shape,
            name="bias",
            initializer=initializer or self.bias_initializer,
            regularizer=self.bias_regularizer,
            constraint=self.bias_constraint,
        )

    def _lstm_update(self, z: Tensor, c_prev: Tensor, axis: int = -1) -> tuple:
        """``(h, c)`` from the pre-activations ``z`` (blocks i, f, c, o along ``axis``)."""
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=axis)
        i = self.recurrent_activation(z_i)
        f = self.recurrent_activation(z_f)
        c = ops.add(ops.multiply(f, c_prev), ops.multiply(i, self.activation(z_c)))
        o = self.recurrent_activation(z_o)
        return ops.multiply(o, self.activation(c)), c
