"""FTRL-Proximal (Follow The Regularized Leader)."""

from keras_core import initializers, ops
from keras_core.optimizers.base_optimizer import Optimizer


class Ftrl(Optimizer):
    """FTRL-Proximal, with L1, L2 and L2-shrinkage regularization.

    With ``p = -learning_rate_power``, ``n`` the accumulator and ``z`` the
    linear term: ``g' = g + 2 * l2_shrinkage * w``, ``n' = n + g^2``,
    ``z += g' - (n'^p - n^p) / lr * w``,
    ``w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 * (l2 + beta / (2 * lr)))``.

    Args:
        learning_rate: a float, a schedule or a callable.
        learning_rate_power: <= 0; the power of the per-coordinate rate decay.
        initial_accumulator_value: >= 0.
        l1_regularization_strength: >= 0.
        l2_regularization_strength: >= 0.
        l2_shrinkage_regularization_strength: >= 0.
        beta: added to the L2 strength as ``beta / (2 * lr)``.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Ftrl(learning_rate=0.1)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([1.0], "float32")], [v])
    >>> bool(v.numpy()[0] < 1.0)
    True
    """

    def __init__(
        self,
        learning_rate=0.001,
        learning_rate_power=-0.5,
        initial_accumulator_value=0.1,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        l2_shrinkage_regularization_strength=0.0,
        beta=0.0,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="ftrl",
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
        if initial_accumulator_value < 0.0:
            raise ValueError(
                "`initial_accumulator_value` needs to be positive or zero. Received: "
                f"initial_accumulator_value={initial_accumulator_value}."
            )
        if learning_rate_power > 0.0:
            raise ValueError(
                "`learning_rate_power` needs to be negative or zero. Received: "
                f"learning_rate_power={learning_rate_power}."
            )
        for arg, value in (
            ("l1_regularization_strength", l1_regularization_strength),
            ("l2_regularization_strength", l2_regularization_strength),
            ("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength),
        ):
            if value < 0.0:
                raise ValueError(f"`{arg}` needs to be positive or zero. Received: {arg}={value}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators = self.add_optimizer_variables(
            variables,
            "accumulator",
            initializer=initializers.Constant(self.initial_accumulator_value),
        )
        self._linears = self.add_optimizer_variables(variables, "linear")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        accum = self._accumulators[index]
        linear = self._linears[index]
        lr_power = self.learning_rate_power
        l2_reg = ops.add(
            self.l2_regularization_strength, ops.divide(self.beta, ops.multiply(2.0, lr))
        )
        grad_to_use = ops.add(
            gradient,
            ops.multiply(2 * self.l2_shrinkage_regularization_strength, variable.value),
        )
        new_accum = ops.add(accum.value, ops.square(gradient))
        new_linear = ops.add(
            linear.value,
            ops.subtract(
                grad_to_use,
                ops.multiply(
                    ops.divide(
                        ops.subtract(
                            ops.power(new_accum, -lr_power), ops.power(accum.value, -lr_power)
                        ),
                        lr,
                    ),
                    variable.value,
                ),
            ),
        )
        self.assign(linear, new_linear)
        quadratic = ops.add(
            ops.divide(ops.power(new_accum, -lr_power), lr), ops.multiply(2.0, l2_reg)
        )
        l1 = self.l1_regularization_strength
        clipped = ops.clip(new_linear, -l1, l1)
        self.assign(variable, ops.divide(ops.subtract(clipped, new_linear), quadratic))
        self.assign(accum, new_accum)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate_power": self.learning_rate_power,
                "initial_accumulator_value": self.initial_accumulator_value,
                "l1_regularization_strength": self.l1_regularization_strength,
                "l2_regularization_strength": self.l2_regularization_strength,
                "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
                "beta": self.beta,
            }
        )
        return config
