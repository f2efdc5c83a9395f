"""Nadam: Adam with Nesterov momentum."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Nadam(Optimizer):
    """Nadam: Adam with Nesterov momentum and the momentum schedule of Dozat (2016).

    With ``mu_t = beta_1 * (1 - 0.5 * 0.96^t)`` and ``P_t`` the running product
    of the ``mu``: ``m += (g - m) * (1 - beta_1)``, ``v += (g^2 - v) * (1 - beta_2)``,
    ``m_hat = mu_{t+1} * m / (1 - P_t * mu_{t+1}) + (1 - mu_t) * g / (1 - P_t)``,
    ``v_hat = v / (1 - beta_2^t)``, ``w -= lr * m_hat / (sqrt(v_hat) + epsilon)``.
    The running product is an optimizer variable (``u_product``), after the slots.

    Args:
        learning_rate: a float, a schedule or a callable.
        beta_1, beta_2, epsilon: as in ``Adam``.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Nadam(learning_rate=0.1)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([1.0], "float32")], [v])
    >>> bool(v.numpy()[0] < 1.0)
    True
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
        name="nadam",
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
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"]
        )
        dtype = variables[0]._dtype if variables else None
        self._u_product = self.add_variable(
            shape=(), initializer="ones", dtype=dtype, name="u_product"
        )

    def _backend_update_step(self, grads, trainable_variables, learning_rate):
        dtype = self._u_product._dtype
        step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        mu = ops.multiply(self.beta_1, ops.subtract(1.0, ops.multiply(0.5, ops.power(0.96, step))))
        self._u_product.assign(ops.multiply(self._u_product.value, mu))
        super()._backend_update_step(grads, trainable_variables, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        local_step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        next_step = ops.cast(ops.add(self.iterations.value, 2), dtype)
        decay = ops.cast(0.96, dtype)
        beta_1 = ops.cast(self.beta_1, dtype)
        beta_2 = ops.cast(self.beta_2, dtype)
        u_t = ops.multiply(
            beta_1, ops.subtract(1.0, ops.multiply(0.5, ops.power(decay, local_step)))
        )
        u_t_1 = ops.multiply(
            beta_1, ops.subtract(1.0, ops.multiply(0.5, ops.power(decay, next_step)))
        )
        u_product_t = ops.cast(self._u_product.value, dtype)
        u_product_t_1 = ops.multiply(u_product_t, u_t_1)
        beta_2_power = ops.power(beta_2, local_step)
        m = self._momentums[index]
        v = self._velocities[index]
        new_m = ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1))
        new_v = ops.add(
            v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)
        )
        self.assign(m, new_m)
        self.assign(v, new_v)
        m_hat = ops.add(
            ops.divide(ops.multiply(u_t_1, new_m), ops.subtract(1.0, u_product_t_1)),
            ops.divide(
                ops.multiply(ops.subtract(1.0, u_t), gradient), ops.subtract(1.0, u_product_t)
            ),
        )
        v_hat = ops.divide(new_v, ops.subtract(1.0, beta_2_power))
        self.assign_sub(
            variable, ops.divide(ops.multiply(m_hat, lr), ops.add(ops.sqrt(v_hat), self.epsilon))
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
