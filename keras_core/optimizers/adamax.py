"""Adamax: Adam with the infinity norm."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Adamax(Optimizer):
    """Adamax: ``m += (g - m) * (1 - beta_1)``, ``u = max(beta_2 * u, |g|)``,
    ``w -= lr * m / ((1 - beta_1^t) * (u + epsilon))``.

    Args:
        learning_rate: a float, a schedule or a callable.
        beta_1: decay of the first-moment estimate.
        beta_2: decay of the weighted infinity norm.
        epsilon: added to the denominator.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Adamax(learning_rate=0.1, epsilon=0.0)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([2.0], "float32")], [v])
    >>> round(float(v.numpy()[0]), 5)
    0.9
    """

    def __init__(
        self,
        learning_rate=0.001,
        beta_1=0.9,
        beta_2=0.999,
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
        name="adamax",
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
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._m, self._u = self.add_optimizer_variables(variables, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        local_step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), local_step)
        m = self._m[index]
        u = self._u[index]
        new_m = ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1))
        new_u = ops.maximum(ops.multiply(self.beta_2, u.value), ops.abs(gradient))
        self.assign(m, new_m)
        self.assign(u, new_u)
        self.assign_sub(
            variable,
            ops.divide(
                ops.multiply(lr, new_m),
                ops.multiply(ops.subtract(1, beta_1_power), ops.add(new_u, self.epsilon)),
            ),
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
                "epsilon": self.epsilon,
            }
        )
        return config
