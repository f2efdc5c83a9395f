"""Stochastic gradient descent, with optional (Nesterov) momentum."""

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent with momentum.

    Without momentum: ``w -= learning_rate * g``. With momentum:
    ``m = momentum * m - learning_rate * g`` then ``w += m`` (or, with
    Nesterov, ``w += momentum * m - learning_rate * g``).

    Args:
        learning_rate: a float, a schedule or a callable.
        momentum: a float in [0, 1].
        nesterov: use Nesterov momentum.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> v = keras_core.Variable([1.0])
    >>> for _ in range(2):
    ...     _ = opt.apply([np.array([1.0], "float32")], [v])
    >>> round(float(v.numpy()[0]), 6)
    0.71
    """

    def __init__(
        self,
        learning_rate=0.01,
        momentum=0.0,
        nesterov=False,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="SGD",
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
        if (
            isinstance(momentum, bool)
            or not isinstance(momentum, (int, float))
            or not (0 <= momentum <= 1)
        ):
            raise ValueError(
                f"`momentum` must be a float between [0, 1]. Received: momentum={momentum!r}"
            )
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        if self.momentum == 0:
            self.assign_sub(variable, ops.multiply(gradient, lr))
            return
        m = self.momentums[self._get_variable_index(variable)]
        momentum = ops.cast(self.momentum, dtype)
        new_m = ops.subtract(ops.multiply(m.value, momentum), ops.multiply(gradient, lr))
        self.assign(m, new_m)
        if self.nesterov:
            step = ops.subtract(ops.multiply(new_m, momentum), ops.multiply(gradient, lr))
            self.assign_add(variable, step)
        else:
            self.assign_add(variable, new_m)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
