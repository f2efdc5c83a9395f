"""BatchNormalization, with masks and (optionally) batch renormalization."""

from keras_core import backend, initializers, ops
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.normalization.base import (
    GammaBetaLayer,
    check_axis_arg,
    check_epsilon,
    resolve_axes,
    upcast,
)
from keras_core.saving.serialization_lib import serialize_keras_object


def _check_fraction(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(
            f"BatchNormalization: `{name}` must be a float in [0, 1]. Received: {name}={value!r}"
        )
    return float(value)


class BatchNormalization(GammaBetaLayer):
    """Normalizes each feature with batch statistics in training, moving averages otherwise.

    In training (``training=True`` and the layer trainable) the output is
    ``gamma * (x - mean(x)) / sqrt(var(x) + epsilon) + beta`` with the batch's
    statistics over every axis but ``axis``, and the moving statistics are
    updated in place: ``moving = moving * momentum + batch_value * (1 - momentum)``.
    In inference (the default, and always when ``trainable`` is False) the
    moving statistics are used instead. The updates are ordinary variable
    assignments, so they are collected by ``stateless_call`` (JAX) like any
    other state.

    Args:
        axis: the feature axis (an int), e.g. 1 after a channels-first Conv2D.
        momentum: the momentum of the moving averages.
        epsilon: added to the variance.
        center, scale: whether to use ``beta`` / ``gamma``.
        beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer: initializers.
        beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint:
            for ``beta`` and ``gamma``.
        renorm: use batch renormalization (Ioffe, 2017): in training, the
            normalized values are corrected to ``x_hat * r + d`` with
            ``r = std_batch / renorm_std`` and ``d = (mean_batch - renorm_mean) / renorm_std``
            (no gradient through ``r`` and ``d``), where ``renorm_mean`` and
            ``renorm_stddev`` are moving averages with ``renorm_momentum``.
        renorm_clipping: a dict with optional ``"rmin"``, ``"rmax"``, ``"dmax"``
            clipping ``r`` to ``[rmin, rmax]`` and ``d`` to ``[-dmax, dmax]``.
        renorm_momentum: the momentum of ``renorm_mean`` and ``renorm_stddev``.
        synchronized: accepted for compatibility; there is no cross-device
            batch here, so local statistics are used.

    Call arguments:
        inputs: a tensor of any rank.
        training: whether to normalize with the batch statistics.
        mask: optional, of the inputs' shape without ``axis`` (e.g. ``(batch,
            steps)`` for ``(batch, steps, features)``): only ``True`` positions
            count in the batch statistics.

    Example:
    >>> layer = keras_core.layers.BatchNormalization(momentum=0.5)
    >>> x = np.array([[0.0], [2.0]], "float32")
    >>> np.round(keras_core.ops.convert_to_numpy(layer(x, training=True)), 3)
    array([[-1.],
           [ 1.]], dtype=float32)
    >>> layer.moving_mean.numpy()
    array([0.5], dtype=float32)
    """

    def __init__(
        self,
        axis=-1,
        momentum=0.99,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        moving_mean_initializer="zeros",
        moving_variance_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        renorm=False,
        renorm_clipping=None,
        renorm_momentum=0.99,
        synchronized=False,
        **kwargs,
    ):
        super().__init__(
            center=center,
            scale=scale,
            beta_initializer=beta_initializer,
            gamma_initializer=gamma_initializer,
            beta_regularizer=beta_regularizer,
            gamma_regularizer=gamma_regularizer,
            beta_constraint=beta_constraint,
            gamma_constraint=gamma_constraint,
            **kwargs,
        )
        self.axis = check_axis_arg(axis, "BatchNormalization", allow_list=False)
        self.momentum = _check_fraction(momentum, "momentum")
        self.epsilon = check_epsilon(epsilon, "BatchNormalization")
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.synchronized = bool(synchronized)
        self.renorm = bool(renorm)
        self.renorm_momentum = _check_fraction(renorm_momentum, "renorm_momentum")
        clipping = dict(renorm_clipping or {})
        unknown = set(clipping) - {"rmin", "rmax", "dmax"}
        if unknown:
            raise ValueError(
                "BatchNormalization: `renorm_clipping` accepts only the keys 'rmin', 'rmax' "
                f"and 'dmax'. Received: renorm_clipping={renorm_clipping!r}"
            )
        if renorm_clipping and not self.renorm:
            raise ValueError(
                "BatchNormalization: `renorm_clipping` is only used with renorm=True. "
                f"Received: renorm={renorm!r}, renorm_clipping={renorm_clipping!r}"
            )
        self.renorm_clipping = renorm_clipping
        self._clipping = clipping
        self.supports_masking = True

    def build(self, input_shape):
        ndim = len(input_shape)
        (axis,) = resolve_axes(self.axis, ndim, "BatchNormalization", self.name)
        size = input_shape[axis]
        if size is None:
            raise ValueError(
                f"BatchNormalization {self.name!r}: the size of axis {self.axis} must be known. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        self._axis = axis
        self._reduction_axes = [i for i in range(ndim) if i != axis]
        self._add_gamma_beta((size,))
        self.moving_mean = self.add_weight(
            name="moving_mean",
            shape=(size,),
            initializer=self.moving_mean_initializer,
            trainable=False,
            autocast=False,
        )
        self.moving_variance = self.add_weight(
            name="moving_variance",
            shape=(size,),
            initializer=self.moving_variance_initializer,
            trainable=False,
            autocast=False,
        )
        if self.renorm:
            variance_init = self.moving_variance_initializer

            def stddev_init(shape, dtype=None):
                return ops.sqrt(variance_init(shape, dtype=dtype))

            self.moving_stddev = self.add_weight(
                name="moving_stddev",
                shape=(size,),
                initializer=stddev_init,
                trainable=False,
                autocast=False,
            )
            self.renorm_mean = self.add_weight(
                name="renorm_mean",
                shape=(size,),
                initializer=self.moving_mean_initializer,
                trainable=False,
                autocast=False,
            )
            self.renorm_stddev = self.add_weight(
                name="renorm_stddev",
                shape=(size,),
                initializer=stddev_init,
                trainable=False,
                autocast=False,
            )
        self.input_spec = InputSpec(ndim=ndim, axes={self.axis: size})

    # --- statistics ----------------------------------------------------------
    def _moments(self, inputs, mask):
        if mask is None:
            return ops.moments(inputs, axes=self._reduction_axes, synchronized=self.synchronized)
        if len(mask.shape) != len(inputs.shape) - 1:
            raise ValueError(
                f"BatchNormalization {self.name!r}: the mask must have one dimension less than "
                f"the inputs (no feature axis). Received: mask.shape={tuple(mask.shape)}, "
                f"inputs.shape={tuple(inputs.shape)}"
            )
        weights = ops.expand_dims(ops.cast(mask, inputs.dtype), self._axis)
        count = ops.sum(weights, axis=self._reduction_axes, keepdims=True)
        count = ops.add(count, backend.epsilon())
        mean = ops.divide(
            ops.sum(ops.multiply(inputs, weights), axis=self._reduction_axes, keepdims=True),
            count,
        )
        sq = ops.multiply(weights, ops.square(ops.subtract(inputs, mean)))
        variance = ops.divide(ops.sum(sq, axis=self._reduction_axes, keepdims=True), count)
        return ops.squeeze(mean, self._reduction_axes), ops.squeeze(variance, self._reduction_axes)

    def _update(self, variable, value, momentum):
        value = ops.stop_gradient(ops.cast(value, variable.dtype))
        variable.assign(ops.add(ops.multiply(variable.value, momentum), value * (1.0 - momentum)))
        return variable.value

    def _renorm_correction(self, mean, variance):
        """``(r, d)`` of batch renormalization; updates the renorm moving averages."""
        stddev = ops.sqrt(ops.add(variance, self.epsilon))
        renorm_mean = ops.cast(self.renorm_mean.value, mean.dtype)
        renorm_stddev = ops.maximum(
            ops.cast(self.renorm_stddev.value, mean.dtype), self.epsilon**0.5
        )
        r = ops.divide(stddev, renorm_stddev)
        d = ops.divide(ops.subtract(mean, renorm_mean), renorm_stddev)
        if self._clipping.get("rmin") is not None:
            r = ops.maximum(r, self._clipping["rmin"])
        if self._clipping.get("rmax") is not None:
            r = ops.minimum(r, self._clipping["rmax"])
        if self._clipping.get("dmax") is not None:
            d = ops.clip(d, -self._clipping["dmax"], self._clipping["dmax"])
        self._update(self.renorm_mean, mean, self.renorm_momentum)
        self._update(self.renorm_stddev, stddev, self.renorm_momentum)
        return ops.stop_gradient(r), ops.stop_gradient(d)

    # --- call ------------------------------------------------------------------
    def call(self, inputs, training=None, mask=None):
        inputs, cast_back = upcast(inputs)
        gamma = None if self.gamma is None else ops.cast(self.gamma, inputs.dtype)
        beta = None if self.beta is None else ops.cast(self.beta, inputs.dtype)
        if training and self.trainable:
            mean, variance = self._moments(inputs, mask)
            if self.renorm:
                r, d = self._renorm_correction(mean, variance)
                # (x_hat * r + d) * gamma + beta == x_hat * (r * gamma) + (d * gamma + beta)
                if gamma is not None:
                    r, d = ops.multiply(r, gamma), ops.multiply(d, gamma)
                gamma, beta = r, (d if beta is None else ops.add(d, beta))
            self._update(self.moving_mean, mean, self.momentum)
            if self.renorm:
                stddev = self._update(
                    self.moving_stddev, ops.sqrt(ops.add(variance, self.epsilon)), self.momentum
                )
                self.moving_variance.assign(
                    ops.relu(ops.subtract(ops.square(stddev), self.epsilon))
                )
            else:
                self._update(self.moving_variance, variance, self.momentum)
        else:
            mean = ops.cast(self.moving_mean.value, inputs.dtype)
            variance = ops.cast(self.moving_variance.value, inputs.dtype)
        outputs = ops.batch_normalization(
            inputs,
            mean,
            variance,
            axis=self._axis,
            offset=beta,
            scale=gamma,
            epsilon=self.epsilon,
        )
        if cast_back is not None:
            outputs = ops.cast(outputs, cast_back)
        return outputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "axis": self.axis,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "moving_mean_initializer": serialize_keras_object(self.moving_mean_initializer),
                "moving_variance_initializer": serialize_keras_object(
                    self.moving_variance_initializer
                ),
                "synchronized": self.synchronized,
                "renorm": self.renorm,
                "renorm_clipping": self.renorm_clipping,
                "renorm_momentum": self.renorm_momentum,
            }
        )
        return config
