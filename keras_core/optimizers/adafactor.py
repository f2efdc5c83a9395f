"""Adafactor: Adam-like updates with factored second moments."""

from keras_core import ops
from keras_core.backend.common.variables import KerasVariable
from keras_core.optimizers.base_optimizer import Optimizer


class Adafactor(Optimizer):
    """Adafactor: second moments kept as row and column averages for matrices.

    For a variable of rank >= 2 the squared-gradient average is factored over
    its last two axes into ``r`` (rows) and ``c`` (columns),
    ``v = r / mean(r) (outer) c``; smaller variables keep a full ``v``. With
    ``t`` the step, ``rho_t = min(lr, 1 / sqrt(t))`` (and ``lr`` itself is
    capped the same way when ``relative_step`` and the rate is a number),
    ``alpha_t = max(epsilon_2, rms(w)) * rho_t``, ``beta_2_t = 1 - t^beta_2_decay``;
    ``u = g / sqrt(v)``, clipped to RMS ``clip_threshold``; ``w -= alpha_t * u``.
    Slots per variable, in order: ``r``, ``c`` (scalar placeholders for rank < 2), ``v``.

    Args:
        learning_rate: a float, a schedule or a callable.
        beta_2_decay: the decay exponent of the second-moment rate.
        epsilon_1: added to the squared gradients.
        epsilon_2: the floor of the variable's RMS in the step size.
        clip_threshold: the RMS the unscaled update is clipped to.
        relative_step: cap a numeric learning rate by ``1 / sqrt(t)``.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Adafactor(learning_rate=0.1)
    >>> v = keras_core.Variable(np.ones((2, 2), "float32"))
    >>> _ = opt.apply([np.ones((2, 2), "float32")], [v])
    >>> bool((v.numpy() < 1.0).all())
    True
    """

    def __init__(
        self,
        learning_rate=0.001,
        beta_2_decay=-0.8,
        epsilon_1=1e-30,
        epsilon_2=1e-3,
        clip_threshold=1.0,
        relative_step=True,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="adafactor",
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
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = bool(relative_step)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._r, self._c, self._v = [], [], []
        for var in variables:
            prefix = var.path.replace("/", "_")
            if len(var.shape) < 2:
                # Unfactored: scalar placeholders keep the slot layout uniform.
                self._r.append(self.add_variable(shape=(), dtype=var._dtype, name=f"{prefix}_r"))
                self._c.append(self.add_variable(shape=(), dtype=var._dtype, name=f"{prefix}_c"))
            else:
                r_shape = tuple(var.shape[:-1])
                c_shape = tuple(var.shape[:-2]) + (var.shape[-1],)
                self._r.append(
                    self.add_variable(shape=r_shape, dtype=var._dtype, name=f"{prefix}_r")
                )
                self._c.append(
                    self.add_variable(shape=c_shape, dtype=var._dtype, name=f"{prefix}_c")
                )
            self._v.append(self.add_variable_from_reference(var, "velocity"))

    @staticmethod
    def _rms(x):
        return ops.sqrt(ops.mean(ops.square(x)))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        local_step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        inv_sqrt_step = ops.divide(1.0, ops.sqrt(local_step))
        if isinstance(self._learning_rate, KerasVariable) and self.relative_step:
            lr = ops.minimum(lr, inv_sqrt_step)
        r, c, v = self._r[index], self._c[index], self._v[index]
        rho_t = ops.minimum(lr, inv_sqrt_step)
        alpha_t = ops.multiply(ops.maximum(self.epsilon_2, self._rms(variable.value)), rho_t)
        grad_sq = ops.add(ops.square(gradient), self.epsilon_1)
        beta_2_t = ops.subtract(1.0, ops.power(local_step, self.beta_2_decay))
        if len(variable.shape) >= 2:
            new_r = ops.add(
                ops.multiply(beta_2_t, r.value),
                ops.multiply(ops.subtract(1.0, beta_2_t), ops.mean(grad_sq, axis=-1)),
            )
            new_c = ops.add(
                ops.multiply(beta_2_t, c.value),
                ops.multiply(ops.subtract(1.0, beta_2_t), ops.mean(grad_sq, axis=-2)),
            )
            self.assign(r, new_r)
            self.assign(c, new_c)
            row = ops.expand_dims(ops.divide(new_r, ops.mean(new_r, axis=-1, keepdims=True)), -1)
            new_v = ops.multiply(row, ops.expand_dims(new_c, -2))
        else:
            new_v = ops.add(
                ops.multiply(beta_2_t, v.value), ops.multiply(ops.subtract(1.0, beta_2_t), grad_sq)
            )
        self.assign(v, new_v)
        u_t = ops.divide(gradient, ops.sqrt(new_v))
        u_t_hat = ops.divide(u_t, ops.maximum(1.0, ops.divide(self._rms(u_t), self.clip_threshold)))
        self.assign_sub(variable, ops.multiply(alpha_t, u_t_hat))

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "beta_2_decay": self.beta_2_decay,
                "epsilon_1": self.epsilon_1,
                "epsilon_2": self.epsilon_2,
                "clip_threshold": self.clip_threshold,
                "relative_step": self.relative_step,
            }
        )
        return config
