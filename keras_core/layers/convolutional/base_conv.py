"""The shared base of every convolution layer, and Conv1D/2D/3D.

``BaseConv`` holds what all convolutions have in common: the window arguments
(``kernel_size``, ``strides``, ``padding``, ``data_format``,
``dilation_rate``), the activation, the bias (its variable, its addition on
the channel axis), the input checks, ``compute_output_shape`` and the config.
A subclass says which kernels it creates (``_create_kernels``), how it
convolves (``_convolve``), how many channels it outputs and how long each
output spatial dimension is.
"""

from keras_core import activations, constraints, initializers, ops, regularizers
from keras_core.layers.convolutional import conv_utils
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer
from keras_core.saving.serialization_lib import serialize_keras_object


class BaseConv(Layer):
    """Base of the convolution layers (not used directly).

    Args:
        rank: the number of spatial dimensions (1, 2 or 3).
        kernel_size: an int or a tuple of ``rank`` ints.
        strides: an int or a tuple of ``rank`` ints.
        padding: ``"valid"`` or ``"same"`` (``"causal"`` where a subclass allows it).
        data_format: ``"channels_last"``, ``"channels_first"`` or None (the global default).
        dilation_rate: an int or a tuple of ``rank`` ints.
        activation: applied to the output (default linear).
        use_bias: whether to add a bias per output channel.
        bias_initializer, bias_regularizer, bias_constraint: for the bias.
        activity_regularizer: a regularizer of the output.
    """

    allow_causal = False
    check_strides_and_dilation = True

    def __init__(
        self,
        rank,
        kernel_size,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
        activation=None,
        use_bias=True,
        bias_initializer="zeros",
        bias_regularizer=None,
        activity_regularizer=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        layer = type(self).__name__
        self.rank = rank
        self.kernel_size = conv_utils.standardize_tuple(kernel_size, rank, "kernel_size", layer)
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides", layer)
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate", layer
        )
        self.padding = conv_utils.standardize_padding(padding, layer, self.allow_causal)
        self.data_format = conv_utils.standardize_data_format(data_format, layer)
        if (
            self.check_strides_and_dilation
            and max(self.strides) > 1
            and max(self.dilation_rate) > 1
        ):
            raise ValueError(
                f"{layer}: `strides` > 1 cannot be combined with `dilation_rate` > 1. "
                f"Received: strides={self.strides}, dilation_rate={self.dilation_rate}"
            )
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(ndim=rank + 2)

    # --- what a subclass defines ---------------------------------------------
    def _create_kernels(self, in_channels):
        raise NotImplementedError

    def _convolve(self, inputs):
        raise NotImplementedError

    def _output_channels(self, in_channels):
        raise NotImplementedError

    def _output_spatial(self, spatial):
        return conv_utils.conv_spatial(
            spatial, self.kernel_size, self.strides, self.padding, self.dilation_rate
        )

    def _check_in_channels(self, in_channels):
        """Hook for extra checks of the input channel count."""

    # --- shared --------------------------------------------------------------
    @property
    def _channel_axis(self):
        return -1 if self.data_format == "channels_last" else 1

    def _in_channels(self, input_shape):
        in_channels = input_shape[self._channel_axis]
        if in_channels is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: the channel dimension of the inputs "
                f"must be known (data_format={self.data_format!r}). "
                f"Received: input_shape={tuple(input_shape)}"
            )
        return in_channels

    def _check_input_shape(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects inputs of rank {self.rank + 2} "
                f"(batch, spatial..., channels). Received: input_shape={tuple(input_shape)}"
            )
        _, spatial, _ = conv_utils.split_shape(input_shape, self.data_format)
        conv_utils.check_window_fits(
            spatial,
            self.kernel_size,
            self.dilation_rate,
            self.padding,
            f"{type(self).__name__} {self.name!r}",
            input_shape,
        )

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        self._check_input_shape(input_shape)
        in_channels = self._in_channels(input_shape)
        self._check_in_channels(in_channels)
        self._create_kernels(in_channels)
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self._output_channels(in_channels),),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self._channel_axis: in_channels})

    def call(self, inputs):
        outputs = self._convolve(inputs)
        if self.bias is not None:
            bias = self.bias
            if self.data_format == "channels_first":
                bias = ops.reshape(bias, (1, -1) + (1,) * self.rank)
            outputs = ops.add(outputs, bias)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        self._check_input_shape(input_shape)
        batch, spatial, in_channels = conv_utils.split_shape(input_shape, self.data_format)
        out_channels = self._output_channels(self._in_channels(input_shape))
        return conv_utils.join_shape(
            batch, self._output_spatial(spatial), out_channels, self.data_format
        )

    def get_config(self):
        # Tuples are written as lists, as Keras 3 writes them in saved configs.
        config = super().get_config()
        config.update(
            {
                "kernel_size": list(self.kernel_size),
                "strides": list(self.strides),
                "padding": self.padding,
                "data_format": self.data_format,
                "dilation_rate": list(self.dilation_rate),
                "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
                "bias_initializer": serialize_keras_object(self.bias_initializer),
                "bias_regularizer": serialize_keras_object(self.bias_regularizer),
                "activity_regularizer": serialize_keras_object(self.activity_regularizer),
                "bias_constraint": serialize_keras_object(self.bias_constraint),
            }
        )
        return config


class _KernelArgs:
    """``filters`` and the ``kernel_*`` arguments of Conv and ConvTranspose."""

    def _set_kernel_args(self, filters, init, reg, constraint):
        self.filters = conv_utils.positive_int(filters, "filters", type(self).__name__)
        self.kernel_initializer = initializers.get(init)
        self.kernel_regularizer = regularizers.get(reg)
        self.kernel_constraint = constraints.get(constraint)

    def _kernel_config(self):
        return {
            "filters": self.filters,
            "kernel_initializer": serialize_keras_object(self.kernel_initializer),
            "kernel_regularizer": serialize_keras_object(self.kernel_regularizer),
            "kernel_constraint": serialize_keras_object(self.kernel_constraint),
        }

    def _add_kernel(self, shape):
        self.kernel = self.add_weight(
            name="kernel",
            shape=shape,
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )

    def _output_channels(self, in_channels):
        return self.filters


class Conv(_KernelArgs, BaseConv):
    """N-D convolution (the base of Conv1D, Conv2D and Conv3D).

    Kernel shape: ``(*kernel_size, in_channels // groups, filters)``.
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
        groups=1,
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
        self.groups = conv_utils.positive_int(groups, "groups", type(self).__name__)
        if self.filters % self.groups:
            raise ValueError(
                f"{type(self).__name__}: `filters` must be a multiple of `groups`. "
                f"Received: filters={self.filters}, groups={self.groups}"
            )

    def _check_in_channels(self, in_channels):
        if in_channels % self.groups:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: the number of input channels must be "
                f"a multiple of `groups`. Received: groups={self.groups}, input channels="
                f"{in_channels}"
            )

    def _create_kernels(self, in_channels):
        self._add_kernel(self.kernel_size + (in_channels // self.groups, self.filters))

    def _convolve(self, inputs):
        padding = self.padding
        if padding == "causal":
            left = (self.kernel_size[0] - 1) * self.dilation_rate[0]
            pads = [(0, 0), (left, 0), (0, 0)]
            if self.data_format == "channels_first":
                pads = [(0, 0), (0, 0), (left, 0)]
            inputs = ops.pad(inputs, pads)
            padding = "valid"
        return ops.conv(
            inputs,
            self.kernel,
            strides=self.strides,
            padding=padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )

    def get_config(self):
        config = super().get_config()
        config.update(self._kernel_config())
        config["groups"] = self.groups
        return config


_CONV_DOC = """{rank}D convolution: ``activation(conv(inputs, kernel) + bias)``.

    Args:
        filters: the number of output channels.
        kernel_size: an int or a tuple of {rank} ints: the window size.
        strides: an int or a tuple of {rank} ints.
        padding: {padding}
        data_format: ``"channels_last"`` (``(batch, {spatial}, channels)``) or
            ``"channels_first"``; None means ``keras_core.config.image_data_format()``.
        dilation_rate: an int or a tuple of {rank} ints (not with strides > 1).
        groups: split the channels into this many groups, each convolved
            separately; ``filters`` and the input channels must be multiples of it.
        activation: activation function (default linear).
        use_bias: whether to add a bias.
        kernel_initializer, bias_initializer: initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer: regularizers.
        kernel_constraint, bias_constraint: constraints.

    The kernel has shape ``(*kernel_size, in_channels // groups, filters)``.

    Example:
    >>> layer = keras_core.layers.Conv{rank}D(4, 3, padding="same")
    >>> tuple(layer(np.ones({example_shape}, "float32")).shape)
    {example_out}
    """


def _conv_class(rank, padding_doc, example_shape, example_out, allow_causal=False):
    defaults = (1,) * rank if rank > 1 else 1

    def __init__(
        self,
        filters,
        kernel_size,
        strides=defaults,
        padding="valid",
        data_format=None,
        dilation_rate=defaults,
        groups=1,
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
        Conv.__init__(
            self,
            rank,
            filters,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            groups=groups,
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

    spatial = ", ".join(["steps"] if rank == 1 else ["d1", "d2", "d3"][:rank])
    doc = _CONV_DOC.format(
        rank=rank,
        padding=padding_doc,
        spatial=spatial,
        example_shape=example_shape,
        example_out=example_out,
    )
    return __init__, doc, allow_causal


class Conv1D(Conv):
    __init__, __doc__, allow_causal = _conv_class(
        1,
        '``"valid"``, ``"same"`` or ``"causal"`` (left padding only: output ``t`` sees '
        "inputs up to ``t``).",
        "(2, 8, 3)",
        "(2, 8, 4)",
        allow_causal=True,
    )


class Conv2D(Conv):
    __init__, __doc__, allow_causal = _conv_class(
        2, '``"valid"`` or ``"same"``.', "(2, 8, 8, 3)", "(2, 8, 8, 4)"
    )


class Conv3D(Conv):
    __init__, __doc__, allow_causal = _conv_class(
        3, '``"valid"`` or ``"same"``.', "(2, 4, 4, 4, 3)", "(2, 4, 4, 4, 4)"
    )


Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
