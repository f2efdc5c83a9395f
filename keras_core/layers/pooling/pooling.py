"""Pooling layers: windowed (max/average), global and adaptive, in 1D, 2D and 3D.

Three bases hold the rules once: ``BasePooling`` (window arguments, output
shape from ``shape_rules``), ``BaseGlobalPooling`` (reduction over every
spatial axis, ``keepdims``) and ``BaseAdaptivePooling`` (a fixed output size).
Each concrete class only fixes the rank, the mode and the defaults.
"""

from keras_core import ops
from keras_core.layers.convolutional import conv_utils
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer


class BasePooling(Layer):
    """Windowed pooling over ``rank`` spatial dimensions (max or average).

    Args:
        rank: 1, 2 or 3.
        pool_size: an int or a tuple of ``rank`` ints: the window.
        strides: an int, a tuple of ``rank`` ints, or None (``pool_size``).
        padding: ``"valid"`` or ``"same"``.
        data_format: ``"channels_last"``, ``"channels_first"`` or None (the global default).
        pool_mode: ``"max"`` or ``"average"``.
    """

    def __init__(
        self,
        rank,
        pool_size,
        strides=None,
        padding="valid",
        data_format=None,
        pool_mode="max",
        name=None,
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        layer = type(self).__name__
        self.rank = rank
        self.pool_size = conv_utils.standardize_tuple(pool_size, rank, "pool_size", layer)
        self.strides = (
            self.pool_size
            if strides is None
            else conv_utils.standardize_tuple(strides, rank, "strides", layer)
        )
        self.padding = conv_utils.standardize_padding(padding, layer)
        self.data_format = conv_utils.standardize_data_format(data_format, layer)
        self.pool_mode = pool_mode
        self.input_spec = InputSpec(ndim=rank + 2)

    def call(self, inputs):
        fn = ops.max_pool if self.pool_mode == "max" else ops.average_pool
        return fn(
            inputs,
            pool_size=self.pool_size,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
        )

    def compute_output_shape(self, input_shape):
        batch, spatial, channels = conv_utils.split_shape(input_shape, self.data_format)
        conv_utils.check_window_fits(
            spatial,
            self.pool_size,
            (1,) * self.rank,
            self.padding,
            f"{type(self).__name__} {self.name!r}",
            input_shape,
        )
        out = conv_utils.conv_spatial(
            spatial, self.pool_size, self.strides, self.padding, (1,) * self.rank
        )
        return conv_utils.join_shape(batch, out, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "pool_size": list(self.pool_size),
                "padding": self.padding,
                "strides": list(self.strides),
                "data_format": self.data_format,
            }
        )
        return config


_POOL_DOC = """{Mode} pooling over {what}.

    Slides a ``pool_size`` window with step ``strides`` over the spatial
    dimensions and takes the {reduction} of each window, per channel.{extra}

    Args:
        pool_size: an int or a tuple of {rank} ints{default}.
        strides: an int, a tuple of {rank} ints, or None (``pool_size``).
        padding: ``"valid"`` (windows inside the input) or ``"same"`` (output
            length ``ceil(size / stride)``).
        data_format: ``"channels_last"`` or ``"channels_first"``; None means
            ``keras_core.config.image_data_format()``.

    Example:
    >>> layer = keras_core.layers.{name}({example_arg})
    >>> tuple(layer(np.ones({example_in}, "float32")).shape)
    {example_out}
    """

_WHAT = {1: "temporal data", 2: "2D spatial data", 3: "3D spatial data"}
_EXAMPLES = {
    1: ("(2, 8, 3)", "(2, 4, 3)"),
    2: ("(2, 8, 8, 3)", "(2, 4, 4, 3)"),
    3: ("(2, 4, 4, 4, 3)", "(2, 2, 2, 2, 3)"),
}


def _pool_class(name, rank, mode, default_pool):
    has_default = default_pool is not None

    if has_default:

        def __init__(
            self,
            pool_size=default_pool,
            strides=None,
            padding="valid",
            data_format=None,
            name=None,
            **kwargs,
        ):
            BasePooling.__init__(
                self, rank, pool_size, strides, padding, data_format, mode, name=name, **kwargs
            )

    else:

        def __init__(
            self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs
        ):
            BasePooling.__init__(
                self, rank, pool_size, strides, padding, data_format, mode, name=name, **kwargs
            )

    example_in, example_out = _EXAMPLES[rank]
    doc = _POOL_DOC.format(
        Mode="Max" if mode == "max" else "Average",
        what=_WHAT[rank],
        reduction="maximum" if mode == "max" else "mean",
        extra=(
            ' With ``"same"`` padding, a window averages only the input positions it covers.'
            if mode == "average"
            else ""
        ),
        rank=rank,
        default=f" (default {default_pool})" if has_default else "",
        name=name,
        example_arg="" if has_default else "2",
        example_in=example_in,
        example_out=example_out,
    )
    return type(
        name, (BasePooling,), {"__init__": __init__, "__doc__": doc, "__module__": __name__}
    )


MaxPooling1D = _pool_class("MaxPooling1D", 1, "max", 2)
MaxPooling2D = _pool_class("MaxPooling2D", 2, "max", (2, 2))
MaxPooling3D = _pool_class("MaxPooling3D", 3, "max", (2, 2, 2))
AveragePooling1D = _pool_class("AveragePooling1D", 1, "average", None)
AveragePooling2D = _pool_class("AveragePooling2D", 2, "average", None)
AveragePooling3D = _pool_class("AveragePooling3D", 3, "average", None)


# ---------------------------------------------------------------------------
# Global pooling


class BaseGlobalPooling(Layer):
    """Reduces every spatial dimension (max or mean); ``keepdims`` keeps them as 1s.

    Args:
        rank: 1, 2 or 3.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.
        keepdims: whether to keep the spatial axes with length 1.
        pool_mode: ``"max"`` or ``"average"``.
    """

    def __init__(self, rank, data_format=None, keepdims=False, pool_mode="max", **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self.data_format = conv_utils.standardize_data_format(data_format, type(self).__name__)
        if not isinstance(keepdims, bool):
            raise ValueError(
                f"{type(self).__name__}: `keepdims` must be a bool. Received: keepdims={keepdims!r}"
            )
        self.keepdims = keepdims
        self.pool_mode = pool_mode
        self.input_spec = InputSpec(ndim=rank + 2)

    def _spatial_axes(self):
        start = 1 if self.data_format == "channels_last" else 2
        return tuple(range(start, start + self.rank))

    def call(self, inputs):
        fn = ops.max if self.pool_mode == "max" else ops.mean
        return fn(inputs, axis=self._spatial_axes(), keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        batch, _, channels = conv_utils.split_shape(input_shape, self.data_format)
        if self.keepdims:
            return conv_utils.join_shape(batch, (1,) * self.rank, channels, self.data_format)
        return (batch, channels)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Global average pooling over the steps of ``(batch, steps, features)`` inputs.

    With a mask (``(batch, steps)``, e.g. from ``Embedding(mask_zero=True)``),
    only the unmasked steps are averaged; the output carries no mask. A
    fully masked sample has no steps to average and gives NaN, as in Keras.

    Args:
        data_format: ``"channels_last"`` or ``"channels_first"`` (None: the global default).
        keepdims: keep the steps axis with length 1.

    Example:
    >>> layer = keras_core.layers.GlobalAveragePooling1D()
    >>> x = np.array([[[1.0], [3.0], [5.0]]], "float32")
    >>> keras_core.ops.convert_to_numpy(layer(x, mask=np.array([[True, True, False]])))
    array([[2.]], dtype=float32)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, data_format, keepdims, "average", **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return super().call(inputs)
        axis = self._spatial_axes()[0]
        weights = ops.cast(mask, inputs.dtype)
        weights = ops.expand_dims(weights, -1 if self.data_format == "channels_last" else 1)
        total = ops.sum(ops.multiply(inputs, weights), axis=axis, keepdims=self.keepdims)
        count = ops.sum(weights, axis=axis, keepdims=self.keepdims)
        return ops.divide(total, count)

    def compute_mask(self, inputs, previous_mask):
        return None


_GLOBAL_DOC = """Global {mode} pooling over the {what} of a rank-{ndim} input.

    Args:
        data_format: ``"channels_last"`` or ``"channels_first"`` (None: the global default).
        keepdims: keep the reduced axes with length 1.

    Example:
    >>> layer = keras_core.layers.{name}()
    >>> tuple(layer(np.ones({example_in}, "float32")).shape)
    (2, 3)
    """


def _global_class(name, rank, mode):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        BaseGlobalPooling.__init__(self, rank, data_format, keepdims, mode, **kwargs)

    doc = _GLOBAL_DOC.format(
        mode="max" if mode == "max" else "average",
        what="steps" if rank == 1 else "spatial dimensions",
        ndim=rank + 2,
        name=name,
        example_in=_EXAMPLES[rank][0],
    )
    return type(
        name, (BaseGlobalPooling,), {"__init__": __init__, "__doc__": doc, "__module__": __name__}
    )


GlobalAveragePooling2D = _global_class("GlobalAveragePooling2D", 2, "average")
GlobalAveragePooling3D = _global_class("GlobalAveragePooling3D", 3, "average")
GlobalMaxPooling1D = _global_class("GlobalMaxPooling1D", 1, "max")
GlobalMaxPooling2D = _global_class("GlobalMaxPooling2D", 2, "max")
GlobalMaxPooling3D = _global_class("GlobalMaxPooling3D", 3, "max")


# ---------------------------------------------------------------------------
# Adaptive pooling


class BaseAdaptivePooling(Layer):
    """Pools to a fixed spatial ``output_size`` whatever the input size.

    Output position ``i`` of a dimension of length ``n`` pools input positions
    ``floor(i * n / out)`` to ``ceil((i + 1) * n / out) - 1``.

    Args:
        rank: 1, 2 or 3.
        output_size: an int or a tuple of ``rank`` ints.
        data_format: ``"channels_last"``, ``"channels_first"`` or None.
        pool_mode: ``"max"`` or ``"average"``.
    """

    def __init__(self, rank, output_size, data_format=None, pool_mode="average", **kwargs):
        super().__init__(**kwargs)
        layer = type(self).__name__
        self.rank = rank
        self.output_size = conv_utils.standardize_tuple(output_size, rank, "output_size", layer)
        self.data_format = conv_utils.standardize_data_format(data_format, layer)
        self.pool_mode = pool_mode
        self.input_spec = InputSpec(ndim=rank + 2)

    def call(self, inputs):
        fn = ops.adaptive_max_pool if self.pool_mode == "max" else ops.adaptive_average_pool
        return fn(inputs, self.output_size, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        batch, _, channels = conv_utils.split_shape(input_shape, self.data_format)
        return conv_utils.join_shape(batch, self.output_size, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"output_size": list(self.output_size), "data_format": self.data_format})
        return config


_ADAPTIVE_DOC = """Adaptive {mode} pooling to a fixed {rank}D output size.

    Each output position pools a window that covers input positions
    ``floor(i * n / out)`` to ``ceil((i + 1) * n / out) - 1`` of a dimension of
    length ``n`` (windows may overlap when ``n`` is not a multiple of ``out``).

    Args:
        output_size: an int or a tuple of {rank} ints.
        data_format: ``"channels_last"`` or ``"channels_first"`` (None: the global default).

    Example:
    >>> layer = keras_core.layers.{name}({example_arg})
    >>> tuple(layer(np.ones({example_in}, "float32")).shape)
    {example_out}
    """


def _adaptive_class(name, rank, mode):
    def __init__(self, output_size, data_format=None, **kwargs):
        BaseAdaptivePooling.__init__(self, rank, output_size, data_format, mode, **kwargs)

    example_in, example_out = _EXAMPLES[rank]
    doc = _ADAPTIVE_DOC.format(
        mode=mode,
        rank=rank,
        name=name,
        example_arg={1: "4", 2: "(4, 4)", 3: "2"}[rank],
        example_in=example_in,
        example_out=example_out,
    )
    return type(
        name, (BaseAdaptivePooling,), {"__init__": __init__, "__doc__": doc, "__module__": __name__}
    )


AdaptiveAveragePooling1D = _adaptive_class("AdaptiveAveragePooling1D", 1, "average")
AdaptiveAveragePooling2D = _adaptive_class("AdaptiveAveragePooling2D", 2, "average")
AdaptiveAveragePooling3D = _adaptive_class("AdaptiveAveragePooling3D", 3, "average")
AdaptiveMaxPooling1D = _adaptive_class("AdaptiveMaxPooling1D", 1, "max")
AdaptiveMaxPooling2D = _adaptive_class("AdaptiveMaxPooling2D", 2, "max")
AdaptiveMaxPooling3D = _adaptive_class("AdaptiveMaxPooling3D", 3, "max")

MaxPool1D = MaxPooling1D
MaxPool2D = MaxPooling2D
MaxPool3D = MaxPooling3D
AvgPool1D = AveragePooling1D
AvgPool2D = AveragePooling2D
AvgPool3D = AveragePooling3D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalMaxPool3D = GlobalMaxPooling3D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
