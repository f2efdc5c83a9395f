"""Depthwise and separable convolutions (1D and 2D)."""

from keras_core import constraints, initializers, ops, regularizers
from keras_core.layers.convolutional import conv_utils
from keras_core.layers.convolutional.base_conv import BaseConv
from keras_core.saving.serialization_lib import serialize_keras_object


class _DepthwiseArgs:
    """``depth_multiplier`` and the ``depthwise_*`` arguments."""

    def _set_depthwise_args(self, depth_multiplier, init, reg, constraint):
        self.depth_multiplier = conv_utils.positive_int(
            depth_multiplier, "depth_multiplier", type(self).__name__
        )
        self.depthwise_initializer = initializers.get(init)
        self.depthwise_regularizer = regularizers.get(reg)
        self.depthwise_constraint = constraints.get(constraint)

    def _depthwise_config(self):
        return {
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": serialize_keras_object(self.depthwise_initializer),
            "depthwise_regularizer": serialize_keras_object(self.depthwise_regularizer),
            "depthwise_constraint": serialize_keras_object(self.depthwise_constraint),
        }

    def _add_depthwise_kernel(self, in_channels, name):
        return self.add_weight(
            name=name,
            shape=self.kernel_size + (in_channels, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint,
        )


class DepthwiseConv(_DepthwiseArgs, BaseConv):
    """Depthwise convolution: each input channel gets its own ``depth_multiplier`` filters.

    The kernel (named ``kernel``, as in Keras 3) has shape
    ``(*kernel_size, in_channels, depth_multiplier)``; the output has
    ``in_channels * depth_multiplier`` channels, channel ``c * depth_multiplier + m``
    being input channel ``c`` filtered by ``kernel[..., c, m]``.
    """

    def __init__(
        self,
        rank,
        kernel_size,
        strides=1,
        padding="valid",
        depth_multiplier=1,
        data_format=None,
        dilation_rate=1,
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            rank,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            bias_initializer=bias_initializer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        self._set_depthwise_args(
            depth_multiplier, depthwise_initializer, depthwise_regularizer, depthwise_constraint
        )

    def _create_kernels(self, in_channels):
        self.kernel = self._add_depthwise_kernel(in_channels, "kernel")

    def _output_channels(self, in_channels):
        return in_channels * self.depth_multiplier

    def _convolve(self, inputs):
        return ops.depthwise_conv(
            inputs,
            self.kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        config.update(self._depthwise_config())
        return config


class SeparableConv(_DepthwiseArgs, BaseConv):
    """Depthwise convolution followed by a pointwise (1x1) convolution to ``filters``.

    Weights: ``depthwise_kernel`` ``(*kernel_size, in_channels, depth_multiplier)``,
    ``pointwise_kernel`` ``(1, ..., 1, in_channels * depth_multiplier, filters)``, ``bias``.
    """

    def __init__(
        self,
        rank,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
        depth_multiplier=1,
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        pointwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        pointwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        pointwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            rank,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            bias_initializer=bias_initializer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        self.filters = conv_utils.positive_int(filters, "filters", type(self).__name__)
        self._set_depthwise_args(
            depth_multiplier, depthwise_initializer, depthwise_regularizer, depthwise_constraint
        )
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.pointwise_constraint = constraints.get(pointwise_constraint)

    def _create_kernels(self, in_channels):
        self.depthwise_kernel = self._add_depthwise_kernel(in_channels, "depthwise_kernel")
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (in_channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer,
            regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint,
        )

    def _output_channels(self, in_channels):
        return self.filters

    def _convolve(self, inputs):
        return ops.separable_conv(
            inputs,
            self.depthwise_kernel,
            self.pointwise_kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        config.update(self._depthwise_config())
        config.update(
            {
                "filters": self.filters,
                "pointwise_initializer": serialize_keras_object(self.pointwise_initializer),
                "pointwise_regularizer": serialize_keras_object(self.pointwise_regularizer),
                "pointwise_constraint": serialize_keras_object(self.pointwise_constraint),
            }
        )
        return config


class DepthwiseConv1D(DepthwiseConv):
    """1D depthwise convolution over ``(batch, steps, channels)`` inputs.

    Args:
        kernel_size: an int or a tuple of 1 int.
        strides: an int or a tuple of 1 int.
        padding: ``"valid"`` or ``"same"``.
        depth_multiplier: the number of filters per input channel.
        data_format: ``"channels_last"`` or ``"channels_first"`` (None: the global default).
        dilation_rate: an int or a tuple of 1 int.
        activation, use_bias: as in Conv1D.
        depthwise_initializer, bias_initializer, depthwise_regularizer,
        bias_regularizer, activity_regularizer, depthwise_constraint,
        bias_constraint: for the kernel and bias.

    Example:
    >>> layer = keras_core.layers.DepthwiseConv1D(3, depth_multiplier=2)
    >>> tuple(layer(np.ones((2, 8, 3), "float32")).shape)
    (2, 6, 6)
    """

    def __init__(
        self,
        kernel_size,
        strides=1,
        padding="valid",
        depth_multiplier=1,
        data_format=None,
        dilation_rate=1,
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            1,
            kernel_size,
            strides=strides,
            padding=padding,
            depth_multiplier=depth_multiplier,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


class DepthwiseConv2D(DepthwiseConv):
    """2D depthwise convolution over ``(batch, rows, cols, channels)`` inputs.

    Args: as DepthwiseConv1D, with tuples of 2 ints.

    Example:
    >>> layer = keras_core.layers.DepthwiseConv2D(3, padding="same")
    >>> tuple(layer(np.ones((2, 5, 5, 3), "float32")).shape)
    (2, 5, 5, 3)
    """

    def __init__(
        self,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        depth_multiplier=1,
        data_format=None,
        dilation_rate=(1, 1),
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            2,
            kernel_size,
            strides=strides,
            padding=padding,
            depth_multiplier=depth_multiplier,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )


def _separable_init(rank):
    defaults = (1,) * rank if rank > 1 else 1

    def __init__(
        self,
        filters,
        kernel_size,
        strides=defaults,
        padding="valid",
        data_format=None,
        dilation_rate=defaults,
        depth_multiplier=1,
        activation=None,
        use_bias=True,
        depthwise_initializer="glorot_uniform",
        pointwise_initializer="glorot_uniform",
        bias_initializer="zeros",
        depthwise_regularizer=None,
        pointwise_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        depthwise_constraint=None,
        pointwise_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        SeparableConv.__init__(
            self,
            rank,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            depth_multiplier=depth_multiplier,
            activation=activation,
            use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer,
            bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            depthwise_constraint=depthwise_constraint,
            pointwise_constraint=pointwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )

    return __init__


class SeparableConv1D(SeparableConv):
    """1D separable convolution: a depthwise convolution, then a pointwise one.

    Args:
        filters: the number of output channels.
        kernel_size, strides, padding (``"valid"``/``"same"``), data_format,
        dilation_rate: as in Conv1D.
        depth_multiplier: depthwise filters per input channel.
        activation, use_bias: as in Conv1D.
        depthwise_*, pointwise_*, bias_*: initializers, regularizers, constraints.

    Example:
    >>> layer = keras_core.layers.SeparableConv1D(4, 3)
    >>> tuple(layer(np.ones((2, 8, 3), "float32")).shape)
    (2, 6, 4)
    """

    __init__ = _separable_init(1)


class SeparableConv2D(SeparableConv):
    """2D separable convolution: a depthwise convolution, then a pointwise one.

    Args: as SeparableConv1D, with tuples of 2 ints.

    Example:
    >>> layer = keras_core.layers.SeparableConv2D(4, 3, padding="same")
    >>> tuple(layer(np.ones((2, 5, 5, 3), "float32")).shape)
    (2, 5, 5, 4)
    """

    __init__ = _separable_init(2)


SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
