"""RMSprop, with optional momentum and centering."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class RMSprop(Optimizer):
    """Divides the gradient by a moving root-mean-square of recent gradients.

    ``v = rho * v + (1 - rho) * g^2``; the step is
    ``lr * g / sqrt(v + epsilon)`` (centered: ``sqrt(v - a^2 + epsilon)`` with
    ``a = rho * a + (1 - rho) * g``). With momentum, ``m = momentum * m + step``
    and ``w -= m``; else ``w -= step``.

    Args:
        learning_rate: a float, a schedule or a callable.
        rho: the decay of the squared-gradient average.
        momentum: the momentum (0 for none).
        epsilon: added inside the square root.
        centered: normalize by the gradient's estimated variance.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.RMSprop(learning_rate=0.1, rho=0.0, epsilon=0.0)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([2.0], "float32")], [v])
    >>> round(float(v.numpy()[0]), 6)
    0.9
    """

    def __init__(
        self,
        learning_rate=0.001,
        rho=0.9,
        momentum=0.0,
        epsilon=1e-7,
        centered=False,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=100,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="rmsprop",
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
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = bool(centered)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._velocities = self.add_optimizer_variables(variables, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(variables, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(variables, "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        rho = self.rho
        velocity = self._velocities[index]
        new_v = ops.add(
            ops.multiply(rho, velocity.value), ops.multiply(1 - rho, ops.square(gradient))
        )
        self.assign(velocity, new_v)
        if self.centered:
            average = self._average_gradients[index]
            new_a = ops.add(ops.multiply(rho, average.value), ops.multiply(1 - rho, gradient))
            self.assign(average, new_a)
            denominator = ops.add(ops.subtract(new_v, ops.square(new_a)), self.epsilon)
        else:
            denominator = ops.add(new_v, self.epsilon)
        increment = ops.divide(ops.multiply(lr, gradient), ops.sqrt(denominator))
        if self.momentum > 0:
            m = self._momentums[index]
            new_m = ops.add(ops.multiply(self.momentum, m.value), increment)
            self.assign(m, new_m)
            self.assign_sub(variable, new_m)
        else:
            self.assign_sub(variable, increment)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "rho": self.rho,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "centered": self.centered,
            }
        )
        return config
