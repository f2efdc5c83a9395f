"""Transposed convolutions: Conv1DTranspose, Conv2DTranspose, Conv3DTranspose."""

from keras_core import ops
from keras_core.backend.common import shape_rules
from keras_core.layers.convolutional import conv_utils
from keras_core.layers.convolutional.base_conv import BaseConv, _KernelArgs


class ConvTranspose(_KernelArgs, BaseConv):
    """N-D transposed convolution (the base of Conv1D/2D/3DTranspose).

    The kernel has shape ``(*kernel_size, filters, in_channels)``. Each output
    length is ``shape_rules.deconv_output_length`` of the input length.
    """

    check_strides_and_dilation = False

    def __init__(
        self,
        rank,
        filters,
        kernel_size,
        strides=1,
        padding="valid",
        output_padding=None,
        data_format=None,
        dilation_rate=1,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
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
        self._set_kernel_args(filters, kernel_initializer, kernel_regularizer, kernel_constraint)
        layer = type(self).__name__
        if output_padding is None:
            self.output_padding = None
        else:
            self.output_padding = conv_utils.standardize_tuple(
                output_padding, rank, "output_padding", layer, allow_zero=True
            )
            for i, (p, s) in enumerate(zip(self.output_padding, self.strides)):
                if p >= s:
                    raise ValueError(
                        f"{layer}: `output_padding` must be smaller than `strides` in every "
                        f"dimension; dimension {i} has output_padding {p} and stride {s}. "
                        f"Received: output_padding={self.output_padding}, "
                        f"strides={self.strides}"
                    )

    def _check_input_shape(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects inputs of rank {self.rank + 2} "
                f"(batch, spatial..., channels). Received: input_shape={tuple(input_shape)}"
            )

    def _create_kernels(self, in_channels):
        self._add_kernel(self.kernel_size + (self.filters, in_channels))

    def _output_spatial(self, spatial):
        pads = self.output_padding or (None,) * self.rank
        return tuple(
            shape_rules.deconv_output_length(n, k, s, self.padding, p, d)
            for n, k, s, p, d in zip(
                spatial, self.kernel_size, self.strides, pads, self.dilation_rate
            )
        )

    def _convolve(self, inputs):
        return ops.conv_transpose(
            inputs,
            self.kernel,
            strides=self.strides,
            padding=self.padding,
            output_padding=self.output_padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        config.update(self._kernel_config())
        config["output_padding"] = (
            None if self.output_padding is None else list(self.output_padding)
        )
        return config


_DOC = """{rank}D transposed convolution (sometimes called deconvolution).

    The gradient of a {rank}D convolution with respect to its input: it maps
    ``(batch, {spatial}, in_channels)`` to a larger spatial shape, e.g. for
    upsampling. With ``output_padding=None`` each output length is
    ``size * stride`` (``"same"``) or ``size * stride + max(k - stride, 0)``
    (``"valid"``, ``k`` the dilated kernel size).

    Args:
        filters: the number of output channels.
        kernel_size: an int or a tuple of {rank} ints.
        strides: an int or a tuple of {rank} ints.
        padding: ``"valid"`` or ``"same"``.
        output_padding: None, or an int or a tuple of {rank} ints: extra length
            added to each output dimension; each must be smaller than its stride.
        data_format: ``"channels_last"`` or ``"channels_first"``; None means
            ``keras_core.config.image_data_format()``.
        dilation_rate: an int or a tuple of {rank} ints.
        activation: activation function (default linear).
        use_bias: whether to add a bias.
        kernel_initializer, bias_initializer: initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer: regularizers.
        kernel_constraint, bias_constraint: constraints.

    The kernel has shape ``(*kernel_size, filters, in_channels)``.

    Example:
    >>> layer = keras_core.layers.Conv{rank}DTranspose(4, 3, strides=2, padding="same")
    >>> tuple(layer(np.ones({example_shape}, "float32")).shape)
    {example_out}
    """


def _transpose_init(rank, data_format_first=False):
    defaults = (1,) * rank if rank > 1 else 1

    def init(
        self,
        filters,
        kernel_size,
        strides,
        padding,
        output_padding,
        data_format,
        dilation_rate,
        activation,
        use_bias,
        kernel_initializer,
        bias_initializer,
        kernel_regularizer,
        bias_regularizer,
        activity_regularizer,
        kernel_constraint,
        bias_constraint,
        kwargs,
    ):
        ConvTranspose.__init__(
            self,
            rank,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            output_padding=output_padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )

    if data_format_first:
        # Keras' Conv3DTranspose takes data_format before output_padding.
        def __init__(
            self,
            filters,
            kernel_size,
            strides=defaults,
            padding="valid",
            data_format=None,
            output_padding=None,
            dilation_rate=defaults,
            activation=None,
            use_bias=True,
            kernel_initializer="glorot_uniform",
            bias_initializer="zeros",
            kernel_regularizer=None,
            bias_regularizer=None,
            activity_regularizer=None,
            kernel_constraint=None,
            bias_constraint=None,
            **kwargs,
        ):
            init(**{k: v for k, v in locals().items() if k not in ("init", "defaults", "rank")})

    else:

        def __init__(
            self,
            filters,
            kernel_size,
            strides=defaults,
            padding="valid",
            output_padding=None,
            data_format=None,
            dilation_rate=defaults,
            activation=None,
            use_bias=True,
            kernel_initializer="glorot_uniform",
            bias_initializer="zeros",
            kernel_regularizer=None,
            bias_regularizer=None,
            activity_regularizer=None,
            kernel_constraint=None,
            bias_constraint=None,
            **kwargs,
        ):
            init(**{k: v for k, v in locals().items() if k not in ("init", "defaults", "rank")})

    return __init__


def _doc(rank, example_shape, example_out):
    spatial = "steps" if rank == 1 else ", ".join(["d1", "d2", "d3"][:rank])
    return _DOC.format(
        rank=rank, spatial=spatial, example_shape=example_shape, example_out=example_out
    )


class Conv1DTranspose(ConvTranspose):
    __doc__ = _doc(1, "(2, 4, 3)", "(2, 8, 4)")
    __init__ = _transpose_init(1)


class Conv2DTranspose(ConvTranspose):
    __doc__ = _doc(2, "(2, 4, 4, 3)", "(2, 8, 8, 4)")
    __init__ = _transpose_init(2)


class Conv3DTranspose(ConvTranspose):
    __doc__ = _doc(3, "(2, 2, 2, 2, 3)", "(2, 4, 4, 4, 4)")
    __init__ = _transpose_init(3, data_format_first=True)


Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
