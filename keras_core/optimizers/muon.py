"""Muon: orthogonalized momentum updates for 2D weights, AdamW for the rest."""

import re

from keras_core import ops
from keras_core.optimizers.base_optimizer import Optimizer


class Muon(Optimizer):
    """Muon (MomentUm Orthogonalized by Newton-schulz), with an AdamW fallback.

    2D variables (except embeddings when ``exclude_embeddings`` and those whose
    path matches a pattern of ``exclude_layers``) take the Muon step:
    ``m = momentum * m + g``; the direction ``g + momentum * m`` (Nesterov) or
    ``m`` is orthogonalized by ``ns_steps`` Newton-Schulz iterations
    (``X = a X + (b A + c A^2) X`` with ``A = X X^T``, starting from the
    direction divided by its Frobenius norm, on the wide orientation), then
    ``w -= lr * X * sqrt(max(rows, cols)) * rms_rate`` (no rescaling when
    ``rms_rate`` is None). Every other variable takes an Adam step with rate
    ``lr * adam_lr_ratio``. Weight decay is ``weight_decay`` for Muon
    variables and ``adam_weight_decay`` for the others.

    Slots per variable, in order: ``momentum``, then ``velocity`` for the Adam ones.

    Args:
        learning_rate: a float, a schedule or a callable.
        adam_beta_1, adam_beta_2: the Adam moment decays.
        adam_weight_decay: the weight decay of the Adam variables.
        epsilon: the Adam epsilon.
        weight_decay: the weight decay of the Muon variables.
        exclude_layers: regular expressions; matching variable paths use Adam.
        exclude_embeddings: variables whose path contains "embedding" use Adam.
        muon_a, muon_b, muon_c: the Newton-Schulz coefficients.
        adam_lr_ratio: the Adam rate as a fraction of ``learning_rate``.
        momentum: the Muon momentum.
        ns_steps: the number of Newton-Schulz iterations.
        nesterov: use the Nesterov direction.
        rms_rate: the update RMS scale (None: no rescaling).
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.Muon(learning_rate=0.01)
    >>> w = keras_core.Variable(np.eye(2, dtype="float32"))
    >>> _ = opt.apply([np.array([[1.0, 0.0], [0.0, 0.0]], "float32")], [w])
    >>> bool(w.numpy()[0, 0] < 1.0)
    True
    """

    def __init__(
        self,
        learning_rate=0.001,
        adam_beta_1=0.9,
        adam_beta_2=0.999,
        adam_weight_decay=0.004,
        epsilon=1e-7,
        weight_decay=0.004,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="muon",
        exclude_layers=None,
        exclude_embeddings=True,
        muon_a=3.4445,
        muon_b=-4.775,
        muon_c=2.0315,
        adam_lr_ratio=1,
        momentum=0.95,
        ns_steps=5,
        nesterov=True,
        rms_rate=0.2,
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
        if isinstance(ns_steps, bool) or not isinstance(ns_steps, int) or ns_steps < 1:
            raise ValueError(
                f"`ns_steps` must be a positive integer. Received: ns_steps={ns_steps!r}"
            )
        self.adam_beta_1 = adam_beta_1
        self.adam_beta_2 = adam_beta_2
        self.adam_weight_decay = adam_weight_decay
        self.epsilon = epsilon
        self.exclude_layers = list(exclude_layers or [])
        self.exclude_embeddings = bool(exclude_embeddings)
        self.muon_a = muon_a
        self.muon_b = muon_b
        self.muon_c = muon_c
        self.adam_lr_ratio = adam_lr_ratio
        self.momentum = momentum
        self.ns_steps = ns_steps
        self.nesterov = bool(nesterov)
        self.rms_rate = rms_rate

    def _should_use_adamw(self, variable):
        if len(variable.shape) != 2:
            return True
        if self.exclude_embeddings and "embedding" in variable.path.lower():
            return True
        return any(re.search(pattern, variable.path) for pattern in self.exclude_layers)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums = []
        self._velocities = []
        for var in variables:
            self._momentums.append(self.add_variable_from_reference(var, "momentum"))
            self._velocities.append(
                self.add_variable_from_reference(var, "velocity")
                if self._should_use_adamw(var)
                else None
            )

    def _apply_weight_decay(self, variables):
        lr = self.learning_rate
        for variable in variables:
            if not self._use_weight_decay(variable):
                continue
            decay = (
                self.adam_weight_decay if self._should_use_adamw(variable) else self.weight_decay
            )
            if not decay:
                continue
            dtype = variable._dtype
            factor = ops.multiply(ops.cast(lr, dtype), ops.cast(decay, dtype))
            variable.assign(ops.subtract(variable.value, ops.multiply(variable.value, factor)))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable._dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        if self._should_use_adamw(variable):
            self._adam_step(gradient, variable, ops.multiply(lr, self.adam_lr_ratio), index)
        else:
            self._muon_step(gradient, variable, lr, index)

    def _adam_step(self, gradient, variable, lr, index):
        dtype = variable._dtype
        local_step = ops.cast(ops.add(self.iterations.value, 1), dtype)
        beta_1_power = ops.power(ops.cast(self.adam_beta_1, dtype), local_step)
        beta_2_power = ops.power(ops.cast(self.adam_beta_2, dtype), local_step)
        m, v = self._momentums[index], self._velocities[index]
        alpha = ops.divide(
            ops.multiply(lr, ops.sqrt(ops.subtract(1, beta_2_power))), ops.subtract(1, beta_1_power)
        )
        new_m = ops.add(
            m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.adam_beta_1)
        )
        new_v = ops.add(
            v.value,
            ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.adam_beta_2),
        )
        self.assign(m, new_m)
        self.assign(v, new_v)
        self.assign_sub(
            variable, ops.divide(ops.multiply(new_m, alpha), ops.add(ops.sqrt(new_v), self.epsilon))
        )

    def _muon_step(self, gradient, variable, lr, index):
        m = self._momentums[index]
        new_m = ops.add(ops.multiply(m.value, self.momentum), gradient)
        self.assign(m, new_m)
        direction = (
            ops.add(gradient, ops.multiply(self.momentum, new_m)) if self.nesterov else new_m
        )
        update = self.zeropower_via_newtonschulz5(direction, self.ns_steps)
        self.assign_sub(variable, self._lr_adjust(ops.multiply(lr, update)))

    def _lr_adjust(self, x):
        if self.rms_rate is None:
            return x
        scale = max(int(x.shape[0]), int(x.shape[1])) ** 0.5 * self.rms_rate
        return ops.multiply(x, scale)

    @staticmethod
    def _transpose_last(x):
        order = list(range(len(x.shape)))
        order[-2], order[-1] = order[-1], order[-2]
        return ops.transpose(x, order)

    def zeropower_via_newtonschulz5(self, x, steps):
        """Approximately orthogonalizes ``x`` (the nearest semi-orthogonal matrix)."""
        tall = x.shape[-2] > x.shape[-1]
        if tall:
            x = self._transpose_last(x)
        norm = ops.sqrt(ops.sum(ops.square(x), axis=(-2, -1), keepdims=True))
        x = ops.divide(x, ops.add(norm, 1e-7))
        for _ in range(steps):
            a = ops.matmul(x, self._transpose_last(x))
            b = ops.add(ops.multiply(self.muon_b, a), ops.multiply(self.muon_c, ops.matmul(a, a)))
            x = ops.add(ops.multiply(self.muon_a, x), ops.matmul(b, x))
        if tall:
            x = self._transpose_last(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "adam_beta_1": self.adam_beta_1,
                "adam_beta_2": self.adam_beta_2,
                "adam_weight_decay": self.adam_weight_decay,
                "epsilon": self.epsilon,
                "exclude_layers": self.exclude_layers,
                "exclude_embeddings": self.exclude_embeddings,
                "muon_a": self.muon_a,
                "muon_b": self.muon_b,
                "muon_c": self.muon_c,
                "adam_lr_ratio": self.adam_lr_ratio,
                "momentum": self.momentum,
                "ns_steps": self.ns_steps,
                "nesterov": self.nesterov,
                "rms_rate": self.rms_rate,
            }
        )
        return config
