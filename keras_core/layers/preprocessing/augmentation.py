"""Random image augmentation layers (active only in training; seeded by a SeedGenerator).

Each layer draws one random parameter per image (RandomCrop: one window per
batch) from its ``SeedGenerator``; called with ``training=False`` (e.g. in
``Model.predict``) it returns the input unchanged (RandomCrop: the centred
aspect-ratio resize). Geometric layers use ``ops.image.affine_transform``.
"""

import math

from keras_core import backend, ops, random
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.preprocessing.base import PreprocessingLayer
from keras_core.layers.preprocessing.image import check_size, hw_axes, image_output_shape
from keras_core.ops.image_sampling import FILL_MODES, TRANSFORM_INTERPOLATIONS

HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL = "horizontal", "vertical", "horizontal_and_vertical"


def parse_factor(layer, name, factor, min_value=None, max_value=None, symmetric=True):
    """``factor`` as a ``(lower, upper)`` pair; a single value ``f`` means ``(-f, f)``."""
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(
                f"{layer}: `{name}` must be a number or a pair (lower, upper). "
                f"Received: {name}={factor!r}"
            )
        lower, upper = float(factor[0]), float(factor[1])
    elif isinstance(factor, (int, float)) and not isinstance(factor, bool):
        lower, upper = (-abs(float(factor)), abs(float(factor))) if symmetric else (0.0, factor)
    else:
        raise ValueError(
            f"{layer}: `{name}` must be a number or a pair (lower, upper). "
            f"Received: {name}={factor!r}"
        )
    if lower > upper:
        raise ValueError(
            f"{layer}: `{name}` lower bound must not exceed the upper bound. "
            f"Received: {name}={factor!r}"
        )
    for v in (lower, upper):
        if (min_value is not None and v < min_value) or (max_value is not None and v > max_value):
            raise ValueError(
                f"{layer}: `{name}` must be within [{min_value}, {max_value}]. "
                f"Received: {name}={factor!r}"
            )
    return lower, upper


class _RandomLayer(PreprocessingLayer):
    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.supports_masking = False

    def _uniform(self, shape, lower, upper):
        """Uniform draws in ``[lower, upper)``; ``shape`` may hold dynamic (tf.data) sizes."""
        seed = self.draw_seed()
        if all(isinstance(d, int) for d in shape):
            return random.uniform(shape, lower, upper, dtype="float32", seed=seed)
        return backend.random.uniform(shape, lower, upper, "float32", seed)

    def _batched(self, inputs):
        """``(images with a batch axis, whether a batch axis was added)``."""
        if len(ops.shape(inputs)) == 3:
            return ops.expand_dims(inputs, 0), True
        return inputs, False

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def compute_output_spec(self, inputs, training=True):
        return backend.KerasTensor(inputs.shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config["seed"] = self.seed
        return config


class RandomFlip(_RandomLayer):
    """Flips each image horizontally and/or vertically with probability 1/2 (training only).

    Args:
        mode: "horizontal", "vertical" or "horizontal_and_vertical".
        seed: an int for reproducibility.

    Example:
    >>> layer = keras_core.layers.RandomFlip("horizontal", seed=1)
    >>> x = np.arange(4, dtype="float32").reshape(1, 1, 4, 1)
    >>> keras_core.ops.convert_to_numpy(layer(x, training=False)).ravel().tolist()
    [0.0, 1.0, 2.0, 3.0]
    """

    def __init__(self, mode=HORIZONTAL_AND_VERTICAL, seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        if mode not in (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL):
            raise ValueError(
                "RandomFlip: `mode` must be 'horizontal', 'vertical' or "
                f"'horizontal_and_vertical'. Received: mode={mode!r}"
            )
        self.mode = mode
        self.data_format = backend.standardize_data_format(data_format)

    def _maybe_flip(self, images, axis):
        batch = ops.shape(images)[0]
        flip = self._uniform((batch,), 0.0, 1.0) < 0.5
        flip = ops.reshape(flip, (-1, 1, 1, 1))
        return ops.where(flip, ops.flip(images, axis=axis), images)

    def call(self, inputs, training=True):
        inputs = ops.cast(inputs, self.compute_dtype)
        if not training:
            return inputs
        images, added = self._batched(inputs)
        h_axis, w_axis = hw_axes(4, self.data_format)
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            images = self._maybe_flip(images, w_axis)
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            images = self._maybe_flip(images, h_axis)
        return ops.squeeze(images, 0) if added else images

    def get_config(self):
        config = super().get_config()
        config.update({"mode": self.mode, "data_format": self.data_format})
        return config


class _AffineLayer(_RandomLayer):
    def __init__(
        self,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        data_format=None,
        **kwargs,
    ):
        super().__init__(seed=seed, **kwargs)
        name = type(self).__name__
        if fill_mode not in FILL_MODES:
            raise ValueError(
                f"{name}: `fill_mode` must be one of {FILL_MODES}. Received: fill_mode={fill_mode!r}"
            )
        if interpolation not in TRANSFORM_INTERPOLATIONS:
            raise ValueError(
                f"{name}: `interpolation` must be one of {TRANSFORM_INTERPOLATIONS}. "
                f"Received: interpolation={interpolation!r}"
            )
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self.data_format = backend.standardize_data_format(data_format)

    def call(self, inputs, training=True):
        inputs = ops.cast(inputs, self.compute_dtype)
        if not training:
            return inputs
        images, added = self._batched(inputs)
        shape = ops.shape(images)
        h_axis, w_axis = hw_axes(4, self.data_format)
        height = ops.cast(shape[h_axis], "float32")
        width = ops.cast(shape[w_axis], "float32")
        transforms = self._transforms(shape[0], height, width)
        out = ops.image.affine_transform(
            images,
            transforms,
            interpolation=self.interpolation,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )
        out = ops.cast(out, self.compute_dtype)
        return ops.squeeze(out, 0) if added else out

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "fill_mode": self.fill_mode,
                "interpolation": self.interpolation,
                "fill_value": self.fill_value,
                "data_format": self.data_format,
            }
        )
        return config


def _stack(columns):
    return ops.stack([ops.cast(c, "float32") for c in columns], axis=1)


class RandomRotation(_AffineLayer):
    """Rotates each image by a random angle (training only).

    Args:
        factor: a fraction of a full turn: ``f`` draws angles in
            ``[-f * 2pi, f * 2pi]``; a pair ``(lower, upper)`` sets both bounds.
            Positive angles turn counter-clockwise.
        fill_mode: "reflect", "wrap", "constant", "nearest" or "mirror".
        interpolation: "bilinear" or "nearest".
        seed: an int for reproducibility.
        fill_value: the value read outside the image with "constant".
        value_range: accepted for compatibility (the output is not clipped).
        data_format: "channels_last" or "channels_first".

    Example:
    >>> layer = keras_core.layers.RandomRotation(0.1, seed=2)
    >>> keras_core.ops.shape(layer(np.ones((2, 5, 5, 1), "float32"), training=True))
    (2, 5, 5, 1)
    """

    def __init__(
        self,
        factor,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        value_range=(0, 255),
        data_format=None,
        **kwargs,
    ):
        super().__init__(fill_mode, interpolation, seed, fill_value, data_format, **kwargs)
        self.factor = factor
        self.lower, self.upper = parse_factor("RandomRotation", "factor", factor)
        self.value_range = tuple(value_range)

    def _transforms(self, batch, height, width):
        angle = self._uniform((batch,), self.lower * 2 * math.pi, self.upper * 2 * math.pi)
        cos, sin = ops.cos(angle), ops.sin(angle)
        x_off = ((width - 1) - (cos * (width - 1) - sin * (height - 1))) / 2.0
        y_off = ((height - 1) - (sin * (width - 1) + cos * (height - 1))) / 2.0
        zeros = ops.zeros_like(angle)
        return _stack([cos, -sin, x_off, sin, cos, y_off, zeros, zeros])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": list(self.value_range)})
        return config


class RandomTranslation(_AffineLayer):
    """Shifts each image by a random fraction of its height and width (training only).

    Args:
        height_factor: ``f`` shifts vertically by up to ``f * height`` either
            way; a pair ``(lower, upper)`` sets both bounds (positive: down).
        width_factor: the same horizontally (positive: right).
        fill_mode, interpolation, seed, fill_value, data_format: as RandomRotation.

    Example:
    >>> layer = keras_core.layers.RandomTranslation(0.2, 0.2, seed=2)
    >>> keras_core.ops.shape(layer(np.ones((2, 5, 5, 1), "float32"), training=True))
    (2, 5, 5, 1)
    """

    def __init__(
        self,
        height_factor,
        width_factor,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        data_format=None,
        **kwargs,
    ):
        super().__init__(fill_mode, interpolation, seed, fill_value, data_format, **kwargs)
        self.height_factor, self.width_factor = height_factor, width_factor
        self.h_range = parse_factor("RandomTranslation", "height_factor", height_factor, -1, 1)
        self.w_range = parse_factor("RandomTranslation", "width_factor", width_factor, -1, 1)

    def _transforms(self, batch, height, width):
        dy = self._uniform((batch,), *self.h_range) * height
        dx = self._uniform((batch,), *self.w_range) * width
        ones, zeros = ops.ones_like(dx), ops.zeros_like(dx)
        return _stack([ones, zeros, -dx, zeros, ones, -dy, zeros, zeros])

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


class RandomZoom(_AffineLayer):
    """Zooms each image in or out by a random factor (training only).

    Args:
        height_factor: ``f`` draws vertical zooms in ``[1 - f, 1 + f]`` (as a
            scale of the sampled window: values above 1 zoom out); a pair
            ``(lower, upper)`` draws in ``[1 + lower, 1 + upper]``.
        width_factor: the same horizontally (None: the height zoom, keeping the
            aspect ratio).
        fill_mode, interpolation, seed, fill_value, data_format: as RandomRotation.

    Example:
    >>> layer = keras_core.layers.RandomZoom(0.2, seed=2)
    >>> keras_core.ops.shape(layer(np.ones((2, 5, 5, 1), "float32"), training=True))
    (2, 5, 5, 1)
    """

    def __init__(
        self,
        height_factor,
        width_factor=None,
        fill_mode="reflect",
        interpolation="bilinear",
        seed=None,
        fill_value=0.0,
        data_format=None,
        **kwargs,
    ):
        super().__init__(fill_mode, interpolation, seed, fill_value, data_format, **kwargs)
        self.height_factor, self.width_factor = height_factor, width_factor
        self.h_range = parse_factor("RandomZoom", "height_factor", height_factor, -1)
        self.w_range = (
            parse_factor("RandomZoom", "width_factor", width_factor, -1)
            if width_factor is not None
            else None
        )

    def _transforms(self, batch, height, width):
        zy = 1.0 + self._uniform((batch,), *self.h_range)
        zx = 1.0 + self._uniform((batch,), *self.w_range) if self.w_range is not None else zy
        x_off = (width - 1) / 2.0 * (1.0 - zx)
        y_off = (height - 1) / 2.0 * (1.0 - zy)
        zeros = ops.zeros_like(zx)
        return _stack([zx, zeros, x_off, zeros, zy, y_off, zeros, zeros])

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


def check_value_range(layer: str, value_range) -> tuple:
    """``value_range`` as a ``(min, max)`` tuple, or a clear error naming ``layer``."""
    if len(value_range) != 2 or value_range[0] >= value_range[1]:
        raise ValueError(
            f"{layer}: `value_range` must be (min, max) with min < max. "
            f"Received: value_range={value_range!r}"
        )
    return tuple(value_range)


class RandomContrast(_RandomLayer):
    """Scales each image's deviation from its per-channel mean by a random factor (training only).

    ``out = clip((x - mean) * c + mean, min, max)`` with ``c`` in ``[1 - lower, 1 + upper]``.

    Args:
        factor: ``f`` or ``(lower, upper)``, each in [0, 1].
        value_range: ``(min, max)`` of the images; outputs are clipped to it.
        seed: an int for reproducibility.
        data_format: "channels_last" or "channels_first".

    Example:
    >>> layer = keras_core.layers.RandomContrast(0.5, seed=3)
    >>> x = np.full((1, 2, 2, 1), 7.0, "float32")
    >>> keras_core.ops.convert_to_numpy(layer(x, training=True)).ravel().tolist()
    [7.0, 7.0, 7.0, 7.0]
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        self.value_range = check_value_range("RandomContrast", value_range)
        if isinstance(factor, (tuple, list)):
            lower, upper = parse_factor("RandomContrast", "factor", factor, 0, 1)
        else:
            lower, upper = parse_factor("RandomContrast", "factor", (factor, factor), 0, 1)
        self.lower, self.upper = lower, upper
        self.data_format = backend.standardize_data_format(data_format)

    def call(self, inputs, training=True):
        inputs = ops.cast(inputs, self.compute_dtype)
        if not training:
            return inputs
        images, added = self._batched(inputs)
        h_axis, w_axis = hw_axes(4, self.data_format)
        c = self._uniform((ops.shape(images)[0],), 1.0 - self.lower, 1.0 + self.upper)
        c = ops.cast(ops.reshape(c, (-1, 1, 1, 1)), self.compute_dtype)
        mean = ops.mean(images, axis=(h_axis, w_axis), keepdims=True)
        lo, hi = self.value_range
        out = ops.clip((images - mean) * c + mean, lo, hi)
        return ops.squeeze(out, 0) if added else out

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "value_range": list(self.value_range),
                "data_format": self.data_format,
            }
        )
        return config


class RandomBrightness(_RandomLayer):
    """Adds a random per-image offset, a fraction of ``value_range``, then clips (training only).

    Args:
        factor: ``f`` or ``(lower, upper)`` in [-1, 1]: the offset is
            ``u * (max - min)`` with ``u`` drawn in ``[lower, upper]`` (``f``: ``[-f, f]``).
        value_range: ``(min, max)`` of the images; outputs are clipped to it.
        seed: an int for reproducibility.
        data_format: "channels_last" or "channels_first" (the offset is per image,
            so the layout does not change the result; kept for the config).

    Example:
    >>> layer = keras_core.layers.RandomBrightness((0.5, 0.5), value_range=(0, 1))
    >>> x = np.full((1, 1, 2, 1), 0.25, "float32")
    >>> keras_core.ops.convert_to_numpy(layer(x, training=True)).ravel().tolist()
    [0.75, 0.75]
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        self.lower, self.upper = parse_factor("RandomBrightness", "factor", factor, -1, 1)
        self.value_range = check_value_range("RandomBrightness", value_range)
        self.data_format = backend.standardize_data_format(data_format)

    def call(self, inputs, training=True):
        inputs = ops.cast(inputs, self.compute_dtype)
        if not training:
            return inputs
        images, added = self._batched(inputs)
        lo, hi = self.value_range
        u = self._uniform((ops.shape(images)[0],), self.lower, self.upper)
        delta = ops.cast(ops.reshape(u * (hi - lo), (-1, 1, 1, 1)), self.compute_dtype)
        out = ops.clip(images + delta, lo, hi)
        return ops.squeeze(out, 0) if added else out

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "value_range": list(self.value_range),
                "data_format": self.data_format,
            }
        )
        return config


class RandomCrop(_RandomLayer):
    """Crops a random ``(height, width)`` window (one per batch) in training.

    At inference, and in training when the image is smaller than the target,
    the image is cropped to the target aspect ratio (centred) and resized.

    Args:
        height, width: the output size.
        seed: an int for reproducibility.
        data_format: "channels_last" or "channels_first".

    Example:
    >>> layer = keras_core.layers.RandomCrop(2, 2, seed=1)
    >>> keras_core.ops.shape(layer(np.ones((3, 4, 5, 1), "float32"), training=True))
    (3, 2, 2, 1)
    """

    def __init__(self, height: int, width: int, seed=None, data_format=None, name=None, **kwargs):
        super().__init__(seed=seed, name=name, **kwargs)
        check_size("RandomCrop", height, width)
        self.height, self.width = height, width
        self.data_format = backend.standardize_data_format(data_format)

    def call(self, inputs, training=True):
        inputs = ops.cast(inputs, self.compute_dtype)
        shape = ops.shape(inputs)
        h_axis, w_axis = hw_axes(len(shape), self.data_format)
        in_h, in_w = shape[h_axis], shape[w_axis]
        static = isinstance(in_h, int) and isinstance(in_w, int)
        too_small = static and (in_h < self.height or in_w < self.width)
        if not training or too_small:
            out = ops.image.resize(
                inputs,
                (self.height, self.width),
                data_format=self.data_format,
                crop_to_aspect_ratio=True,
            )
            return ops.cast(out, self.compute_dtype)
        u = self._uniform((2,), 0.0, 1.0)
        top = ops.cast(ops.floor(u[0] * ops.cast(in_h - self.height + 1, "float32")), "int32")
        left = ops.cast(ops.floor(u[1] * ops.cast(in_w - self.width + 1, "float32")), "int32")
        if not all(isinstance(d, int) for d in shape):
            # Dynamic sizes (tf.data): TensorFlow slices with tensor bounds.
            index = [slice(None)] * len(shape)
            index[h_axis] = slice(top, top + self.height)
            index[w_axis] = slice(left, left + self.width)
            return inputs[tuple(index)]
        starts = [0] * len(shape)
        starts[h_axis], starts[w_axis] = top, left
        sizes = list(shape)
        sizes[h_axis], sizes[w_axis] = self.height, self.width
        return ops.slice(inputs, starts, tuple(sizes))

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.data_format, self.height, self.width)

    def compute_output_spec(self, inputs, training=True):
        shape = self.compute_output_shape(inputs.shape)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "data_format": self.data_format})
        return config
