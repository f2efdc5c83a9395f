"""Adadelta: step sizes from running averages of squared gradients and updates."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta.

    ``Eg = rho * Eg + (1 - rho) * g^2``;
    ``delta = -sqrt(Edx + eps) / sqrt(Eg + eps) * g``;
    ``Edx = rho * Edx + (1 - rho) * delta^2``; ``w += lr * delta``.

    Args:
        learning_rate: a float, a schedule or a callable.
        rho: the decay rate of the running averages.
        epsilon: added inside the square roots.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Adadelta(learning_rate=1.0, rho=0.0, epsilon=1.0)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([0.0], "float32")], [v])
    >>> float(v.numpy()[0])
    1.0
    """

    def __init__(
        self,
        learning_rate=0.001,
        rho=0.95,
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
        name="adadelta",
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
        self.rho = rho
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            variables, ["accumulated_grad", "accumulated_delta_var"]
        )

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        rho = self.rho
        acc_grad = self._accumulated_grads[index]
        acc_delta = self._accumulated_delta_vars[index]
        new_acc_grad = ops.add(
            ops.multiply(rho, acc_grad.value), ops.multiply(1 - rho, ops.square(gradient))
        )
        self.assign(acc_grad, new_acc_grad)
        rms_delta = ops.sqrt(ops.add(acc_delta.value, self.epsilon))
        rms_grad = ops.sqrt(ops.add(new_acc_grad, self.epsilon))
        delta = ops.negative(ops.divide(ops.multiply(rms_delta, gradient), rms_grad))
        self.assign(
            acc_delta,
            ops.add(ops.multiply(rho, acc_delta.value), ops.multiply(1 - rho, ops.square(delta))),
        )
        self.assign_add(variable, ops.multiply(lr, delta))

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "rho": self.rho,
                "epsilon": self.epsilon,
            }
        )
        return config
