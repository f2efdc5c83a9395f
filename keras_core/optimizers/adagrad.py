"""Adagrad: per-coordinate rates from the accumulated squared gradients."""

from keras_core import initializers, ops
from keras_core.optimizers.base_optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad: ``acc += g^2``, ``w -= lr * g / sqrt(acc + epsilon)``.

    Args:
        learning_rate: a float, a schedule or a callable.
        initial_accumulator_value: the starting value of the accumulators (>= 0).
        epsilon: added inside the square root.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0.0,
    ...                                     epsilon=0.0)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([2.0], "float32")], [v])
    >>> round(float(v.numpy()[0]), 6)
    0.9
    """

    def __init__(
        self,
        learning_rate=0.001,
        initial_accumulator_value=0.1,
        epsilon=1e-7,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="adagrad",
        **kwargs,
    ):
        super().__init__(
            learning_rate=learning_rate,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps,
            name=name,
            **kwargs,
        )
        if initial_accumulator_value < 0:
            raise ValueError(
                "`initial_accumulator_value` must be >= 0. Received: "
                f"initial_accumulator_value={initial_accumulator_value}"
            )
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators = self.add_optimizer_variables(
            variables,
            "accumulator",
            initializer=initializers.Constant(self.initial_accumulator_value),
        )

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        accumulator = self._accumulators[index]
        new_acc = ops.add(accumulator.value, ops.square(gradient))
        self.assign(accumulator, new_acc)
        self.assign_sub(
            variable,
            ops.divide(ops.multiply(lr, gradient), ops.sqrt(ops.add(new_acc, self.epsilon))),
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon,
            }
        )
        return config
