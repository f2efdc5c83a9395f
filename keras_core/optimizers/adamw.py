"""AdamW: Adam with decoupled weight decay."""

from keras_core.optimizers.adam import Adam


class AdamW(Adam):
    """Adam with decoupled weight decay (on by default).

    Each step first applies ``w -= w * weight_decay * learning_rate``, then the
    Adam update (see ``Adam``).

    Args:
        learning_rate: a float, a schedule or a callable.
        weight_decay: the decay rate (required).
        beta_1, beta_2, epsilon, amsgrad: as in ``Adam``.
        (The remaining arguments are the base ``Optimizer``'s.)

    Example:
    >>> opt = keras_core.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([0.0], "float32")], [v])
    >>> round(float(v.numpy()[0]), 5)
    0.95
    """

    def __init__(
        self,
        learning_rate=0.001,
        weight_decay=0.004,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-7,
        amsgrad=False,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name="adamw",
        **kwargs,
    ):
        if weight_decay is None:
            raise ValueError(
                "Argument `weight_decay` must be a float for AdamW. Received: weight_decay=None"
            )
        super().__init__(
            learning_rate=learning_rate,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            amsgrad=amsgrad,
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
