"""Spatial reshaping layers: Cropping, ZeroPadding and UpSampling in 1D/2D/3D."""

from keras_core import ops
from keras_core.backend import config
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer


def _pairs(value, rank, name, layer):
    """Normalizes an int, a tuple of ints, or a tuple of pairs to ``rank`` (before, after) pairs."""
    if isinstance(value, int):
        out = ((value, value),) * rank
    else:
        value = tuple(value)
        if len(value) == rank and all(isinstance(v, int) for v in value):
            out = tuple((v, v) for v in value)
        elif rank == 1 and len(value) == 2 and all(isinstance(v, int) for v in value):
            out = (tuple(value),)
        elif len(value) == rank and all(len(tuple(v)) == 2 for v in value):
            out = tuple(tuple(v) for v in value)
        else:
            raise ValueError(
                f"{layer} expects `{name}` to be an int, {rank} ints, or {rank} pairs of ints. "
                f"Received: {name}={value!r}"
            )
    for pair in out:
        if any(not isinstance(v, int) or v < 0 for v in pair):
            raise ValueError(f"{layer} expects non-negative `{name}`. Received: {name}={value!r}")
    return out


class _Spatial(Layer):
    rank = 1
    # 1D layers whose Keras 3 counterpart takes a `data_format` argument.
    _data_format_1d = False

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = (
            config.standardize_data_format(data_format)
            if self.rank > 1 or self._data_format_1d
            else "channels_last"
        )
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_axes(self):
        if self.data_format == "channels_first":
            return list(range(2, 2 + self.rank))
        return list(range(1, 1 + self.rank))


class _Cropping(_Spatial):
    def __init__(self, cropping, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.cropping = _pairs(cropping, self.rank, "cropping", type(self).__name__)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        for axis, (a, b) in zip(self._spatial_axes(), self.cropping):
            if shape[axis] is not None:
                if a + b >= shape[axis]:
                    raise ValueError(
                        f"{type(self).__name__} {self.name!r}: cropping {self.cropping} leaves nothing "
                        f"of an input of shape {tuple(input_shape)}"
                    )
                shape[axis] -= a + b
        return tuple(shape)

    def call(self, inputs):
        self.compute_output_shape(tuple(inputs.shape))
        index = [slice(None)] * len(inputs.shape)
        for axis, (a, b) in zip(self._spatial_axes(), self.cropping):
            index[axis] = slice(a, inputs.shape[axis] - b)
        return inputs[tuple(index)]

    def get_config(self):
        config_ = super().get_config()
        config_["cropping"] = (
            [list(p) for p in self.cropping] if self.rank > 1 else list(self.cropping[0])
        )
        if self.rank > 1:
            config_["data_format"] = self.data_format
        return config_


class Cropping1D(_Cropping):
    """Crops ``cropping=(start, end)`` steps from the time axis of ``(batch, steps, features)``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Cropping1D((1, 2))(np.ones((1, 5, 3))))
    (1, 2, 3)
    """

    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(cropping, **kwargs)


class Cropping2D(_Cropping):
    """Crops rows and columns: ``cropping=((top, bottom), (left, right))``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Cropping2D(((1, 1), (0, 2)))(np.ones((1, 4, 4, 3))))
    (1, 2, 2, 3)
    """

    rank = 2

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)


class Cropping3D(_Cropping):
    """Crops the three spatial axes of a 5D input.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.Cropping3D(1)(np.ones((1, 4, 4, 4, 2))))
    (1, 2, 2, 2, 2)
    """

    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)


class _ZeroPadding(_Spatial):
    def __init__(self, padding, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.padding = _pairs(padding, self.rank, "padding", type(self).__name__)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        for axis, (a, b) in zip(self._spatial_axes(), self.padding):
            if shape[axis] is not None:
                shape[axis] += a + b
        return tuple(shape)

    def call(self, inputs):
        pads = [(0, 0)] * len(inputs.shape)
        for axis, pair in zip(self._spatial_axes(), self.padding):
            pads[axis] = pair
        return ops.pad(inputs, pads)

    def get_config(self):
        config_ = super().get_config()
        config_["padding"] = (
            [list(p) for p in self.padding] if self.rank > 1 else list(self.padding[0])
        )
        if self.rank > 1 or self._data_format_1d:
            config_["data_format"] = self.data_format
        return config_


class ZeroPadding1D(_ZeroPadding):
    """Pads the time axis with zeros: ``padding`` is an int or ``(start, end)``.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.ZeroPadding1D(2)(np.ones((1, 3, 2))))
    (1, 7, 2)
    """

    rank = 1
    _data_format_1d = True

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


class ZeroPadding2D(_ZeroPadding):
    """Pads rows and columns with zeros.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.ZeroPadding2D((1, 2))(np.ones((1, 3, 3, 1))))
    (1, 5, 7, 1)
    """

    rank = 2

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


class ZeroPadding3D(_ZeroPadding):
    """Pads the three spatial axes with zeros.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.ZeroPadding3D(1)(np.ones((1, 2, 2, 2, 1))))
    (1, 4, 4, 4, 1)
    """

    rank = 3

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


def _sizes(size, rank, layer):
    if isinstance(size, int):
        size = (size,) * rank
    size = tuple(size)
    if len(size) != rank or any(not isinstance(s, int) or s < 1 for s in size):
        raise ValueError(
            f"{layer} expects `size` to be {rank} positive int(s). Received: size={size!r}"
        )
    return size


class _UpSampling(_Spatial):
    def __init__(self, size, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.size = _sizes(size, self.rank, type(self).__name__)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        for axis, s in zip(self._spatial_axes(), self.size):
            if shape[axis] is not None:
                shape[axis] *= s
        return tuple(shape)

    def call(self, inputs):
        x = inputs
        for axis, s in zip(self._spatial_axes(), self.size):
            x = ops.repeat(x, s, axis=axis)
        return x

    def get_config(self):
        config_ = super().get_config()
        config_["size"] = list(self.size) if self.rank > 1 else self.size[0]
        if self.rank > 1:
            config_["data_format"] = self.data_format
        return config_


class UpSampling1D(_UpSampling):
    """Repeats each timestep ``size`` times.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.UpSampling1D(2)(np.ones((1, 3, 2))))
    (1, 6, 2)
    """

    rank = 1

    def __init__(self, size=2, **kwargs):
        super().__init__(size, **kwargs)


class UpSampling2D(_UpSampling):
    """Upsamples rows and columns by ``size`` ("nearest" repeats; "bilinear" interpolates).

    Example:
    >>> keras_core.ops.shape(keras_core.layers.UpSampling2D((2, 3))(np.ones((1, 2, 2, 1))))
    (1, 4, 6, 1)
    """

    rank = 2

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(size, data_format=data_format, **kwargs)
        allowed = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5", "area")
        if interpolation not in allowed:
            raise ValueError(
                f"`interpolation` must be one of {allowed}. Received: interpolation={interpolation!r}"
            )
        self.interpolation = interpolation

    def call(self, inputs):
        if self.interpolation == "nearest":
            return super().call(inputs)
        h_axis, w_axis = self._spatial_axes()
        new_size = (inputs.shape[h_axis] * self.size[0], inputs.shape[w_axis] * self.size[1])
        return ops.image.resize(
            inputs, new_size, interpolation=self.interpolation, data_format=self.data_format
        )

    def get_config(self):
        config_ = super().get_config()
        config_["interpolation"] = self.interpolation
        return config_


class UpSampling3D(_UpSampling):
    """Repeats entries ``size`` times along the three spatial axes.

    Example:
    >>> keras_core.ops.shape(keras_core.layers.UpSampling3D(2)(np.ones((1, 1, 2, 2, 1))))
    (1, 2, 4, 4, 1)
    """

    rank = 3

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(size, data_format=data_format, **kwargs)
