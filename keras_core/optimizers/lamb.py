"""Lamb: Adam with a layer-wise trust ratio."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Lamb(Optimizer):
    """Lamb: the Adam direction rescaled per variable by ``||w|| / ||update||``.

    ``m``, ``v`` as in Adam; ``update = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + eps)``;
    ``w -= lr * r * update`` with ``r = ||w|| / ||update||`` (1 when either norm is 0).

    Args:
        learning_rate: a float, a schedule or a callable.
        beta_1, beta_2, epsilon: as in ``Adam``.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Lamb(learning_rate=0.1)
    >>> v = keras_core.Variable([3.0, 4.0])
    >>> _ = opt.apply([np.array([1.0, 1.0], "float32")], [v])
    >>> bool(v.numpy()[0] < 3.0)
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
        name="lamb",
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

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        local_step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), local_step)
        beta_2_power = ops.power(ops.cast(self.beta_2, dtype), local_step)
        m = self._momentums[index]
        v = self._velocities[index]
        new_m = ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1))
        new_v = ops.add(
            v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)
        )
        self.assign(m, new_m)
        self.assign(v, new_v)
        m_hat = ops.divide(new_m, ops.subtract(1.0, beta_1_power))
        v_sqrt = ops.divide(ops.sqrt(new_v), ops.sqrt(ops.subtract(1.0, beta_2_power)))
        update = ops.divide(m_hat, ops.add(v_sqrt, self.epsilon))
        w_norm = ops.sqrt(ops.sum(ops.square(variable.value)))
        g_norm = ops.sqrt(ops.sum(ops.square(update)))
        both = ops.logical_and(ops.greater(w_norm, 0), ops.greater(g_norm, 0))
        ratio = ops.where(both, ops.divide(w_norm, ops.where(both, g_norm, 1.0)), 1.0)
        self.assign_sub(variable, ops.multiply(ops.multiply(ratio, lr), update))

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
