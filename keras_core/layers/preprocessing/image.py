"""Image resizing and cropping layers: Resizing, CenterCrop."""

from keras_core import backend, ops
from keras_core.layers.preprocessing.base import PreprocessingLayer
from keras_core.ops.image import RESIZE_INTERPOLATIONS


def check_size(layer, height, width):
    for name, v in (("height", height), ("width", width)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(
                f"{layer}: `{name}` must be a positive integer. Received: {name}={v!r}"
            )


def hw_axes(ndim, data_format):
    """The (height, width) axes of an image tensor of rank ``ndim``."""
    if data_format == "channels_last":
        return ndim - 3, ndim - 2
    return ndim - 2, ndim - 1


def image_output_shape(input_shape, data_format, height, width):
    shape = list(input_shape)
    h, w = hw_axes(len(shape), data_format)
    shape[h], shape[w] = height, width
    return tuple(shape)


class Resizing(PreprocessingLayer):
    """Resizes images to ``(height, width)`` with ``keras_core.ops.image.resize``.

    Args:
        height, width: the output size.
        interpolation: "bilinear", "nearest", "bicubic", "lanczos3", "lanczos5" or "area".
        crop_to_aspect_ratio: first crop the largest centred window with the
            target aspect ratio.
        pad_to_aspect_ratio: first pad (centred, with ``fill_value``) to the
            target aspect ratio.
        fill_mode: the padding mode ("constant").
        fill_value: the padding value.
        data_format: "channels_last" or "channels_first" (None: the global default).
        antialias: when downsampling, filter with the interpolation kernel widened
            by the scale (as ``keras_core.ops.image.resize``).

    Example:
    >>> layer = keras_core.layers.Resizing(2, 2)
    >>> keras_core.ops.shape(layer(np.ones((1, 4, 6, 3), "float32")))
    (1, 2, 2, 3)
    """

    def __init__(
        self,
        height: int,
        width: int,
        interpolation: str = "bilinear",
        crop_to_aspect_ratio: bool = False,
        pad_to_aspect_ratio: bool = False,
        fill_mode: str = "constant",
        fill_value: float = 0.0,
        data_format=None,
        antialias: bool = False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        check_size("Resizing", height, width)
        if interpolation not in RESIZE_INTERPOLATIONS:
            raise ValueError(
                f"Resizing: `interpolation` must be one of {RESIZE_INTERPOLATIONS}. "
                f"Received: interpolation={interpolation!r}"
            )
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError(
                "Resizing: only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be "
                f"True. Received: crop_to_aspect_ratio={crop_to_aspect_ratio}, "
                f"pad_to_aspect_ratio={pad_to_aspect_ratio}"
            )
        self.height, self.width = height, width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = bool(crop_to_aspect_ratio)
        self.pad_to_aspect_ratio = bool(pad_to_aspect_ratio)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.data_format = backend.standardize_data_format(data_format)
        self.antialias = bool(antialias)

    def call(self, inputs):
        out = ops.image.resize(
            inputs,
            (self.height, self.width),
            interpolation=self.interpolation,
            antialias=self.antialias,
            data_format=self.data_format,
            crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
        )
        return ops.cast(out, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.data_format, self.height, self.width)

    def compute_output_spec(self, inputs):
        shape = self.compute_output_shape(inputs.shape)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "height": self.height,
                "width": self.width,
                "interpolation": self.interpolation,
                "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                "antialias": self.antialias,
                "pad_to_aspect_ratio": self.pad_to_aspect_ratio,
                "fill_mode": self.fill_mode,
                "fill_value": self.fill_value,
                "data_format": self.data_format,
            }
        )
        return config


def center_crop_or_resize(inputs, height, width, data_format, dtype):
    """The centred ``(height, width)`` window, or a crop-to-aspect resize if the image is smaller."""
    shape = ops.shape(inputs)
    h_axis, w_axis = hw_axes(len(shape), data_format)
    in_h, in_w = shape[h_axis], shape[w_axis]
    static = isinstance(in_h, int) and isinstance(in_w, int)
    if static and (in_h < height or in_w < width):
        out = ops.image.resize(
            inputs, (height, width), data_format=data_format, crop_to_aspect_ratio=True
        )
        return ops.cast(out, dtype)
    top = (in_h - height) // 2
    left = (in_w - width) // 2
    index = [slice(None)] * len(shape)
    index[h_axis] = slice(top, top + height)
    index[w_axis] = slice(left, left + width)
    return ops.cast(inputs[tuple(index)], dtype)


class CenterCrop(PreprocessingLayer):
    """Crops the central ``(height, width)`` window of images.

    Images smaller than the target are first cropped to its aspect ratio and
    resized (bilinear), as Keras does.

    Args:
        height, width: the output size.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Example:
    >>> x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    >>> y = keras_core.layers.CenterCrop(2, 2)(x)
    >>> keras_core.ops.convert_to_numpy(y)[0, :, :, 0].tolist()
    [[5.0, 6.0], [9.0, 10.0]]
    """

    def __init__(self, height: int, width: int, data_format=None, **kwargs):
        super().__init__(**kwargs)
        check_size("CenterCrop", height, width)
        self.height, self.width = height, width
        self.data_format = backend.standardize_data_format(data_format)

    def call(self, inputs):
        return center_crop_or_resize(
            inputs, self.height, self.width, self.data_format, self.compute_dtype
        )

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.data_format, self.height, self.width)

    def compute_output_spec(self, inputs):
        shape = self.compute_output_shape(inputs.shape)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "data_format": self.data_format})
        return config
