"""Per-sample normalizations: Layer, Group, Unit and RMS normalization."""

from keras_core import ops
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.layers.normalization.base import (
    GammaBetaLayer,
    broadcast_param,
    check_axis_arg,
    check_epsilon,
    resolve_axes,
    upcast,
)


def _axis_config(axis):
    return list(axis) if isinstance(axis, list) else axis


def _param_shape(input_shape, axes, layer, name):
    shape = tuple(input_shape[a] for a in axes)
    if None in shape:
        raise ValueError(
            f"{layer} {name!r}: the sizes of the normalized axes must be known. "
            f"Received: input_shape={tuple(input_shape)}"
        )
    return shape


def _cast_back(outputs, dtype):
    return outputs if dtype is None else ops.cast(outputs, dtype)


def _scale_shift(x, mean, variance, epsilon, gamma, beta):
    """``(x - mean) * rsqrt(variance + epsilon) * gamma + beta`` as one multiply-add."""
    inv = ops.rsqrt(ops.add(variance, epsilon))
    if gamma is not None:
        inv = ops.multiply(inv, gamma)
    shift = ops.negative(ops.multiply(mean, inv))
    if beta is not None:
        shift = ops.add(shift, beta)
    return ops.add(ops.multiply(x, inv), shift)


class LayerNormalization(GammaBetaLayer):
    """Normalizes each sample over ``axis``: ``(x - mean) / sqrt(var + epsilon) * gamma + beta``.

    ``gamma`` and ``beta`` span the normalized axes (shape
    ``[input_shape[a] for a in axis]``).

    Args:
        axis: an int or a list of ints: the axes to normalize over.
        epsilon: added to the variance.
        center, scale: whether to use ``beta`` / ``gamma``.
        rms_scaling: if True, ``center`` and ``scale`` are ignored and the
            output is ``x * rsqrt(var(x) + epsilon) * gamma`` (no centering of
            ``x`` itself, as in Keras 3).
        beta_initializer, gamma_initializer, beta_regularizer,
        gamma_regularizer, beta_constraint, gamma_constraint: for the weights.

    Example:
    >>> layer = keras_core.layers.LayerNormalization(epsilon=0.0)
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[1.0, 3.0]], "float32")))
    array([[-1.,  1.]], dtype=float32)
    """

    def __init__(
        self,
        axis=-1,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        rms_scaling=False,
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
        self.axis = check_axis_arg(axis, "LayerNormalization")
        self.epsilon = check_epsilon(epsilon, "LayerNormalization")
        self.rms_scaling = bool(rms_scaling)
        self.supports_masking = True

    def build(self, input_shape):
        self._axes = resolve_axes(self.axis, len(input_shape), "LayerNormalization", self.name)
        user_axes = self.axis if isinstance(self.axis, list) else [self.axis]
        self._user_axes = [a % len(input_shape) for a in user_axes]
        shape = _param_shape(input_shape, self._user_axes, "LayerNormalization", self.name)
        if self.rms_scaling:
            self._add_gamma_beta(shape, with_gamma=True, with_beta=False)
        else:
            self._add_gamma_beta(shape)
        self.input_spec = InputSpec(
            ndim=len(input_shape), axes={a: input_shape[a] for a in self._axes}
        )

    def call(self, inputs):
        x, cast_back = upcast(inputs)
        ndim = len(x.shape)

        def param(p):
            if p is None:
                return None
            return broadcast_param(ops.cast(p, x.dtype), self._user_axes, ndim)

        mean, variance = ops.moments(x, axes=self._axes, keepdims=True)
        if self.rms_scaling:
            inv = ops.rsqrt(ops.add(variance, self.epsilon))
            outputs = ops.multiply(ops.multiply(x, inv), param(self.gamma))
        else:
            outputs = _scale_shift(
                x, mean, variance, self.epsilon, param(self.gamma), param(self.beta)
            )
        return _cast_back(outputs, cast_back)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "axis": _axis_config(self.axis),
                "epsilon": self.epsilon,
                "rms_scaling": self.rms_scaling,
            }
        )
        return config


class GroupNormalization(GammaBetaLayer):
    """Normalizes each sample over groups of channels (Wu & He, 2018).

    The channels (``axis``) are split into ``groups`` consecutive groups; each
    group is normalized with its mean and variance over the group's channels
    and every spatial position. ``gamma`` and ``beta`` have one value per channel.
    ``groups=1`` normalizes over all channels; ``groups=-1`` (one channel per
    group) is instance normalization.

    Args:
        groups: the number of groups (it must divide the channel count), or -1.
        axis: the channel axis.
        epsilon: added to the variance.
        center, scale: whether to use ``beta`` / ``gamma``.
        beta_initializer, gamma_initializer, beta_regularizer,
        gamma_regularizer, beta_constraint, gamma_constraint: for the weights.

    Example:
    >>> layer = keras_core.layers.GroupNormalization(groups=2)
    >>> tuple(layer(np.ones((2, 5, 4), "float32")).shape)
    (2, 5, 4)
    """

    def __init__(
        self,
        groups=32,
        axis=-1,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
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
        if isinstance(groups, bool) or not isinstance(groups, int) or (groups < 1 and groups != -1):
            raise ValueError(
                f"GroupNormalization: `groups` must be a positive int or -1. Received: groups={groups!r}"
            )
        self.groups = groups
        self.axis = check_axis_arg(axis, "GroupNormalization", allow_list=False)
        self.epsilon = check_epsilon(epsilon, "GroupNormalization")
        self.supports_masking = True

    def build(self, input_shape):
        ndim = len(input_shape)
        (self._axis,) = resolve_axes(self.axis, ndim, "GroupNormalization", self.name)
        channels = input_shape[self._axis]
        if channels is None:
            raise ValueError(
                f"GroupNormalization {self.name!r}: the size of axis {self.axis} must be known. "
                f"Received: input_shape={tuple(input_shape)}"
            )
        groups = channels if self.groups == -1 else self.groups
        if groups > channels:
            raise ValueError(
                f"GroupNormalization {self.name!r}: `groups` ({groups}) cannot be more than the "
                f"number of channels ({channels}). Received: input_shape={tuple(input_shape)}"
            )
        if channels % groups:
            raise ValueError(
                f"GroupNormalization {self.name!r}: the number of channels ({channels}) must be "
                f"a multiple of `groups` ({groups}). Received: input_shape={tuple(input_shape)}"
            )
        self._groups = groups
        self._add_gamma_beta((channels,))
        self.input_spec = InputSpec(ndim=ndim, axes={self.axis: channels})

    def call(self, inputs):
        x, cast_back = upcast(inputs)
        shape = ops.shape(x)
        ndim = len(x.shape)
        axis = self._axis
        channels = x.shape[axis]
        per_group = channels // self._groups
        # (..., C, ...) -> (..., groups, C // groups, ...)
        grouped_shape = list(shape[:axis]) + [self._groups, per_group] + list(shape[axis + 1 :])
        grouped = ops.reshape(x, grouped_shape)
        reduce_axes = [i for i in range(1, ndim + 1) if i != axis]
        mean, variance = ops.moments(grouped, axes=reduce_axes, keepdims=True)

        def param(p):
            if p is None:
                return None
            p = ops.reshape(ops.cast(p, x.dtype), (self._groups, per_group))
            full = [1] * (ndim + 1)
            full[axis], full[axis + 1] = self._groups, per_group
            return ops.reshape(p, full)

        outputs = _scale_shift(
            grouped, mean, variance, self.epsilon, param(self.gamma), param(self.beta)
        )
        return _cast_back(ops.reshape(outputs, shape), cast_back)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"groups": self.groups, "axis": self.axis, "epsilon": self.epsilon})
        return config


class UnitNormalization(Layer):
    """Scales each sample to unit L2 norm over ``axis``: ``x / sqrt(max(sum(x**2), 1e-12))``.

    Args:
        axis: an int or a list of ints.

    Example:
    >>> layer = keras_core.layers.UnitNormalization()
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[3.0, 4.0]], "float32")))
    array([[0.6, 0.8]], dtype=float32)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_arg(axis, "UnitNormalization")
        self.supports_masking = True

    def build(self, input_shape):
        self._axes = resolve_axes(self.axis, len(input_shape), "UnitNormalization", self.name)

    def call(self, inputs):
        x = ops.cast(inputs, self.compute_dtype)
        square_sum = ops.sum(ops.square(x), axis=self._axes, keepdims=True)
        return ops.multiply(x, ops.rsqrt(ops.maximum(square_sum, 1e-12)))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = _axis_config(self.axis)
        return config


class RMSNormalization(Layer):
    """Root-mean-square normalization: ``x * rsqrt(mean(x**2, axis) + epsilon) * scale``.

    The weight ``scale`` (initialized to ones) spans ``axis``.

    Args:
        axis: an int or a list of ints.
        epsilon: added to the mean square.

    Example:
    >>> layer = keras_core.layers.RMSNormalization(epsilon=0.0)
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[3.0, 4.0]], "float32"))).round(4)
    array([[0.8485, 1.1314]], dtype=float32)
    """

    def __init__(self, axis=-1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_arg(axis, "RMSNormalization")
        self.epsilon = check_epsilon(epsilon, "RMSNormalization")
        self.supports_masking = True

    def build(self, input_shape):
        ndim = len(input_shape)
        self._axes = resolve_axes(self.axis, ndim, "RMSNormalization", self.name)
        user_axes = self.axis if isinstance(self.axis, list) else [self.axis]
        self._user_axes = [a % ndim for a in user_axes]
        self.scale = self.add_weight(
            name="scale",
            shape=_param_shape(input_shape, self._user_axes, "RMSNormalization", self.name),
            initializer="ones",
        )

    def call(self, x):
        x, cast_back = upcast(x)
        mean_square = ops.mean(ops.square(x), axis=self._axes, keepdims=True)
        scale = broadcast_param(ops.cast(self.scale, x.dtype), self._user_axes, len(x.shape))
        outputs = ops.multiply(
            ops.multiply(x, ops.rsqrt(ops.add(mean_square, self.epsilon))), scale
        )
        return _cast_back(outputs, cast_back)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"axis": _axis_config(self.axis), "epsilon": self.epsilon})
        return config
