"""Lion: sign-based updates from an interpolated momentum."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Lion(Optimizer):
    """Lion (EvoLved Sign Momentum).

    ``w -= lr * sign(beta_1 * m + (1 - beta_1) * g)``, then
    ``m = beta_2 * m + (1 - beta_2) * g``.

    Args:
        learning_rate: a float, a schedule or a callable.
        beta_1: the interpolation factor of the update direction, in (0, 1].
        beta_2: the momentum decay.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Lion(learning_rate=0.1)
    >>> v = keras_core.Variable([1.0, 1.0])
    >>> _ = opt.apply([np.array([3.0, -0.5], "float32")], [v])
    >>> [round(x, 6) for x in v.numpy().tolist()]
    [0.9, 1.1]
    """

    def __init__(
        self,
        learning_rate=0.001,
        beta_1=0.9,
        beta_2=0.99,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="lion",
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
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                f"Argument `beta_1` must be in the (0, 1] range. Received: beta_1={beta_1}."
            )
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        m = self._momentums[index]
        direction = ops.add(
            ops.multiply(m.value, self.beta_1), ops.multiply(gradient, 1.0 - self.beta_1)
        )
        self.assign_sub(variable, ops.multiply(lr, ops.sign(direction)))
        self.assign(
            m,
            ops.add(ops.multiply(m.value, self.beta_2), ops.multiply(gradient, 1.0 - self.beta_2)),
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
            }
        )
        return config
