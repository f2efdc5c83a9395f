"""NumPy references of the reshaping layers: Flatten, Reshape, Permute, RepeatVector,
Cropping1-3D, UpSampling1-3D and ZeroPadding1-3D (both data formats)."""

import numpy as np

from conformance.references import image


def _no_weights(config, input_shapes):
    return []


def _channels_first(config):
    return config.get("data_format") == "channels_first"


def _spatial_axes(config, ndim, rank):
    """The axes of the ``rank`` spatial dimensions of an ``ndim``-D input."""
    start = 2 if _channels_first(config) else 1
    return list(range(start, start + rank))


def _pairs(value, rank, name):
    """An int, ``rank`` ints or ``rank`` pairs as ``rank`` ``(before, after)`` pairs."""
    if isinstance(value, int):
        return [(value, value)] * rank
    value = list(value)
    if rank == 1 and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [tuple(value)]
    if len(value) != rank:
        raise ValueError(f"`{name}` must have {rank} entries. Received: {name}={value!r}")
    return [(v, v) if isinstance(v, int) else tuple(v) for v in value]


def _flatten(config, weights, inputs):
    x = inputs[0]
    if _channels_first(config) and x.ndim > 2:
        x = np.moveaxis(x, 1, -1)
    return x.reshape(x.shape[0], -1)


def _reshape(config, weights, inputs):
    x = inputs[0]
    return x.reshape((x.shape[0], *config["target_shape"]))


def _permute(config, weights, inputs):
    return np.transpose(inputs[0], (0, *config["dims"]))


def _repeat_vector(config, weights, inputs):
    return np.repeat(inputs[0][:, None, :], config["n"], axis=1)


def _cropping(rank, default):
    def call(config, weights, inputs):
        x = inputs[0]
        pairs = _pairs(config.get("cropping", default), rank, "cropping")
        index = [slice(None)] * x.ndim
        axes = [1] if rank == 1 else _spatial_axes(config, x.ndim, rank)
        for axis, (before, after) in zip(axes, pairs):
            index[axis] = slice(before, x.shape[axis] - after)
        return x[tuple(index)]

    return call


def _zero_padding(rank, default):
    def call(config, weights, inputs):
        x = inputs[0]
        pairs = _pairs(config.get("padding", default), rank, "padding")
        widths = [(0, 0)] * x.ndim
        for axis, pair in zip(_spatial_axes(config, x.ndim, rank), pairs):
            widths[axis] = pair
        return np.pad(x, widths)

    return call


def _sizes(value, rank):
    return [value] * rank if isinstance(value, int) else list(value)


def _upsampling(rank, default):
    def call(config, weights, inputs):
        x = inputs[0]
        sizes = _sizes(config.get("size", default), rank)
        axes = [1] if rank == 1 else _spatial_axes(config, x.ndim, rank)
        if config.get("interpolation", "nearest") != "nearest":
            # UpSampling2D's other modes resize the image (half-pixel centers, no antialias).
            h, w = (x.shape[a] * s for a, s in zip(axes, sizes))
            return image.resize(
                x,
                (h, w),
                interpolation=config["interpolation"],
                data_format="channels_first" if _channels_first(config) else "channels_last",
            )
        for axis, size in zip(axes, sizes):
            x = np.repeat(x, size, axis=axis)
        return x

    return call


REFERENCES = {
    "Flatten": {"weights": _no_weights, "call": _flatten},
    "Reshape": {"weights": _no_weights, "call": _reshape},
    "Permute": {"weights": _no_weights, "call": _permute},
    "RepeatVector": {"weights": _no_weights, "call": _repeat_vector},
    "Cropping1D": {"weights": _no_weights, "call": _cropping(1, (1, 1))},
    "Cropping2D": {"weights": _no_weights, "call": _cropping(2, ((0, 0), (0, 0)))},
    "Cropping3D": {"weights": _no_weights, "call": _cropping(3, ((1, 1), (1, 1), (1, 1)))},
    "UpSampling1D": {"weights": _no_weights, "call": _upsampling(1, 2)},
    "UpSampling2D": {"weights": _no_weights, "call": _upsampling(2, (2, 2))},
    "UpSampling3D": {"weights": _no_weights, "call": _upsampling(3, (2, 2, 2))},
    "ZeroPadding1D": {"weights": _no_weights, "call": _zero_padding(1, 1)},
    "ZeroPadding2D": {"weights": _no_weights, "call": _zero_padding(2, (1, 1))},
    "ZeroPadding3D": {"weights": _no_weights, "call": _zero_padding(3, ((1, 1), (1, 1), (1, 1)))},
}
