"""Interpolating geometric image ops of ``keras_core.ops.image`` (exported by
``image.py``): ``affine_transform``, ``perspective_transform``,
``map_coordinates``, ``scale_and_translate`` and ``elastic_transform``.

Sampling conventions (shared by every backend):

* ``scale_and_translate``: output pixel ``i`` samples input coordinate
  ``x = (i + 0.5 - translation) / scale - 0.5``, with the kernels and
  normalization of ``resize`` (see ``image.py``).
* ``map_coordinates`` / ``affine_transform``: order 0 takes the tap
  ``floor(x + 0.5)``, order 1 interpolates linearly between ``floor(x)`` and
  ``floor(x) + 1``. Every tap outside the input is mapped by ``fill_mode``:
  "constant" reads ``fill_value``, "nearest" clamps, "wrap" is periodic,
  "mirror" reflects about the edge pixels (``d c b | a b c d | c b a``) and
  "reflect" about the edges (``d c b a | a b c d | d c b a``).
"""

import operator
from typing import Any

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import (
    Tensor,
    choice,
    float_dtype,
    image_shape,
    op_names,
    shape_of,
    standardize_data_format,
)
from keras_core.ops.operation import Operation

TRANSFORM_INTERPOLATIONS = ("nearest", "bilinear")
FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
SCALE_METHODS = (
    "linear",
    "bilinear",
    "trilinear",
    "cubic",
    "bicubic",
    "tricubic",
    "lanczos3",
    "lanczos5",
)


def _transform_shape(op, transform, name="transform", n=8):
    ts = tuple(shape_of(transform))
    if len(ts) not in (1, 2) or (ts[-1] is not None and ts[-1] != n):
        raise ValueError(
            f"{op}: `{name}` must have shape ({n},) or (batch, {n}). Received: {name}.shape={ts}"
        )
    return ts


class AffineTransform(Operation):
    def __init__(
        self,
        interpolation="bilinear",
        fill_mode="constant",
        fill_value=0,
        data_format="channels_last",
        name=None,
    ):
        super().__init__(name=name)
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.data_format = data_format

    def call(self, image, transform):
        return backend.image.affine_transform(
            image,
            transform,
            interpolation=self.interpolation,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )

    def compute_output_spec(self, image, transform):
        return KerasTensor(shape_of(image), dtype=float_dtype(image))


def affine_transform(
    image: Tensor,
    transform: Tensor,
    interpolation: str = "bilinear",
    fill_mode: str = "constant",
    fill_value: float = 0,
    data_format: str = "channels_last",
) -> Tensor:
    """Applies projective transforms ``[a0, a1, a2, b0, b1, b2, c0, c1]`` to images.

    Output pixel ``(y, x)`` (integer pixel coordinates) samples the input at
    ``((b0 x + b1 y + b2) / k, (a0 x + a1 y + a2) / k)`` with ``k = c0 x + c1 y + 1``.

    Args:
        image: 3-D or 4-D images.
        transform: ``(8,)`` or ``(batch, 8)`` transforms (one per image).
        interpolation: "nearest" or "bilinear".
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: the value read outside the image with "constant".
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating images of the input's shape.

    Example:
    The transform ``[1, 0, -1, 0, 1, 0, 0, 0]`` shifts right by one pixel
    (``out(y, x) = in(y, x - 1)``); the pixel entering at the left reads ``fill_value``:

    >>> image = np.array([1.0, 2.0, 3.0, 4.0], "float32").reshape(1, 4, 1)
    >>> out = keras_core.ops.image.affine_transform(image, [1, 0, -1, 0, 1, 0, 0, 0])
    >>> keras_core.ops.convert_to_numpy(out)[..., 0].tolist()
    [[0.0, 1.0, 2.0, 3.0]]
    """
    op = "affine_transform"
    data_format = standardize_data_format(data_format, op)
    shape = image_shape(op, image, "image")
    ts = _transform_shape(op, transform)
    if len(ts) == 2 and len(shape) == 3:
        raise ValueError(
            f"{op}: a batch of transforms needs a batch of images. "
            f"Received: image.shape={shape}, transform.shape={ts}"
        )
    choice(op, interpolation, "interpolation", TRANSFORM_INTERPOLATIONS)
    choice(op, fill_mode, "fill_mode", FILL_MODES)
    args = (interpolation, fill_mode, fill_value, data_format)
    if any_symbolic_tensors((image, transform)):
        return AffineTransform(*args).symbolic_call(image, transform)
    return backend.image.affine_transform(
        image,
        transform,
        interpolation=interpolation,
        fill_mode=fill_mode,
        fill_value=fill_value,
        data_format=data_format,
    )


class PerspectiveTransform(Operation):
    def __init__(self, interpolation="bilinear", fill_value=0, data_format=None, name=None):
        super().__init__(name=name)
        self.interpolation = interpolation
        self.fill_value = fill_value
        self.data_format = data_format

    def call(self, images, start_points, end_points):
        return backend.image.perspective_transform(
            images,
            start_points,
            end_points,
            interpolation=self.interpolation,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )

    def compute_output_spec(self, images, start_points, end_points):
        return KerasTensor(shape_of(images), dtype=float_dtype(images))


def perspective_transform(
    images: Tensor,
    start_points: Tensor,
    end_points: Tensor,
    interpolation: str = "bilinear",
    fill_value: float = 0,
    data_format: str | None = None,
) -> Tensor:
    """Warps images so that the four ``start_points`` move to ``end_points``.

    The projective transform mapping each ``end_points[i]`` (an output ``(x, y)``)
    to ``start_points[i]`` (an input ``(x, y)``) is solved for, then applied as
    ``affine_transform`` with ``fill_mode="constant"``.

    Args:
        images: 3-D or 4-D images.
        start_points: ``(4, 2)`` or ``(batch, 4, 2)`` points in the input.
        end_points: the same shape: where those points land in the output.
        interpolation: "nearest" or "bilinear".
        fill_value: the value outside the input.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating images of the input's shape.

    Example:
    >>> pts = [[0, 0], [3, 0], [0, 3], [3, 3]]
    >>> out = keras_core.ops.image.perspective_transform(keras_core.ops.ones((4, 4, 1)), pts, pts)
    >>> keras_core.ops.shape(out)
    (4, 4, 1)
    """
    op = "perspective_transform"
    data_format = standardize_data_format(data_format, op)
    image_shape(op, images)
    for name, pts in (("start_points", start_points), ("end_points", end_points)):
        ps = tuple(shape_of(pts))
        if len(ps) not in (2, 3) or tuple(ps[-2:]) not in ((4, 2), (None, 2), (4, None)):
            raise ValueError(
                f"{op}: `{name}` must have shape (4, 2) or (batch, 4, 2). "
                f"Received: {name}.shape={ps}"
            )
    choice(op, interpolation, "interpolation", TRANSFORM_INTERPOLATIONS)
    args = (interpolation, fill_value, data_format)
    if any_symbolic_tensors((images, start_points, end_points)):
        return PerspectiveTransform(*args).symbolic_call(images, start_points, end_points)
    return backend.image.perspective_transform(
        images,
        start_points,
        end_points,
        interpolation=interpolation,
        fill_value=fill_value,
        data_format=data_format,
    )


class MapCoordinates(Operation):
    def __init__(self, order, fill_mode="constant", fill_value=0, name=None):
        super().__init__(name=name)
        self.order = order
        self.fill_mode = fill_mode
        self.fill_value = fill_value

    def call(self, input, coordinates):
        return backend.image.map_coordinates(
            input, coordinates, self.order, fill_mode=self.fill_mode, fill_value=self.fill_value
        )

    def compute_output_spec(self, input, coordinates):
        if isinstance(coordinates, (list, tuple)):
            out = tuple(shape_of(coordinates[0]))
        else:
            out = tuple(shape_of(coordinates)[1:])
        return KerasTensor(out, dtype=float_dtype(input))


def map_coordinates(
    input: Tensor,
    coordinates: Tensor,
    order: int,
    fill_mode: str = "constant",
    fill_value: float = 0,
) -> Tensor:
    """Samples ``input`` at the given coordinates (order 0 or 1 interpolation).

    Args:
        input: an N-D tensor.
        coordinates: ``(N, *out_shape)`` (or a list of N tensors ``out_shape``):
            the coordinates along each axis of ``input``, in pixels.
        order: 0 (nearest) or 1 (linear).
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: the value read outside ``input`` with "constant".

    Returns:
        A floating tensor of shape ``out_shape``.

    Example:
    >>> out = keras_core.ops.image.map_coordinates([1.0, 2.0, 3.0], [[0.5, 1.5]], 1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.5, 2.5]
    """
    op = "map_coordinates"
    in_shape = tuple(shape_of(input))
    if isinstance(coordinates, (list, tuple)) and coordinates and hasattr(coordinates[0], "shape"):
        n_coords = len(coordinates)
    else:
        cs = tuple(shape_of(coordinates))
        if len(cs) < 1:
            raise ValueError(f"{op}: `coordinates` must have rank >= 1. Received: shape={cs}")
        n_coords = cs[0]
    if n_coords is not None and n_coords != len(in_shape):
        raise ValueError(
            f"{op}: `coordinates` must hold one coordinate array per axis of `input` "
            f"({len(in_shape)}). Received: input.shape={in_shape}, {n_coords} coordinate arrays"
        )
    if isinstance(order, bool) or order not in (0, 1):
        raise ValueError(f"{op}: `order` must be 0 or 1. Received: order={order!r}")
    choice(op, fill_mode, "fill_mode", FILL_MODES)
    if any_symbolic_tensors((input, coordinates)):
        return MapCoordinates(order, fill_mode, fill_value).symbolic_call(input, coordinates)
    return backend.image.map_coordinates(
        input, coordinates, order, fill_mode=fill_mode, fill_value=fill_value
    )


class ScaleAndTranslate(Operation):
    def __init__(self, output_shape, spatial_dims, method, antialias=True, name=None):
        super().__init__(name=name)
        self.output_shape = output_shape
        self.spatial_dims = spatial_dims
        self.method = method
        self.antialias = antialias

    def call(self, images, scale, translation):
        return backend.image.scale_and_translate(
            images,
            self.output_shape,
            scale,
            translation,
            self.spatial_dims,
            self.method,
            antialias=self.antialias,
        )

    def compute_output_spec(self, images, scale, translation):
        return KerasTensor(self.output_shape, dtype=float_dtype(images))


def scale_and_translate(
    images: Tensor,
    output_shape: int | tuple,
    scale: Tensor,
    translation: Tensor,
    spatial_dims: int | tuple,
    method: str,
    antialias: bool = True,
) -> Tensor:
    """Resamples ``images`` along ``spatial_dims`` with a scale and a translation.

    See the module notes: output pixel ``i`` of a spatial dim samples input
    coordinate ``(i + 0.5 - translation) / scale - 0.5``.

    Args:
        images: an N-D tensor.
        output_shape: the full output shape (equal to the input's outside
            ``spatial_dims``).
        scale: one scale per spatial dim.
        translation: one translation per spatial dim.
        spatial_dims: the axes to resample.
        method: "linear"/"bilinear"/"trilinear", "cubic"/"bicubic"/"tricubic",
            "lanczos3" or "lanczos5".
        antialias: whether downscaling widens the kernel.

    Returns:
        A floating tensor of shape ``output_shape``.

    Example:
    >>> x = keras_core.ops.ones((4, 4))
    >>> y = keras_core.ops.image.scale_and_translate(
    ...     x, (8, 8), [2.0, 2.0], [0.0, 0.0], (0, 1), "linear"
    ... )
    >>> keras_core.ops.shape(y)
    (8, 8)
    """
    op = "scale_and_translate"
    in_shape = tuple(shape_of(images))
    try:
        output_shape = tuple(operator.index(d) for d in output_shape)
        spatial_dims = tuple(operator.index(d) % max(len(in_shape), 1) for d in spatial_dims)
    except TypeError as e:
        raise TypeError(
            f"{op}: `output_shape` and `spatial_dims` must be sequences of ints. "
            f"Received: output_shape={output_shape!r}, spatial_dims={spatial_dims!r}"
        ) from e
    if len(output_shape) != len(in_shape):
        raise ValueError(
            f"{op}: `output_shape` must have the rank of `images`. "
            f"Received: images.shape={in_shape}, output_shape={output_shape}"
        )
    for i, (a, b) in enumerate(zip(in_shape, output_shape)):
        if i not in spatial_dims and a is not None and a != b:
            raise ValueError(
                f"{op}: `output_shape` may differ from the input only in `spatial_dims`. "
                f"Received: images.shape={in_shape}, output_shape={output_shape}, "
                f"spatial_dims={spatial_dims}"
            )
    for name, v in (("scale", scale), ("translation", translation)):
        vs = tuple(shape_of(v))
        if len(vs) != 1 or (vs[0] is not None and vs[0] != len(spatial_dims)):
            raise ValueError(
                f"{op}: `{name}` must have one entry per spatial dim ({len(spatial_dims)}). "
                f"Received: {name}.shape={vs}"
            )
    choice(op, method, "method", SCALE_METHODS)
    if any_symbolic_tensors((images, scale, translation)):
        return ScaleAndTranslate(output_shape, spatial_dims, method, bool(antialias)).symbolic_call(
            images, scale, translation
        )
    return backend.image.scale_and_translate(
        images, output_shape, scale, translation, spatial_dims, method, antialias=bool(antialias)
    )


class ElasticTransform(Operation):
    def __init__(
        self,
        alpha=20.0,
        sigma=5.0,
        interpolation="bilinear",
        fill_mode="reflect",
        fill_value=0.0,
        seed=None,
        data_format=None,
        name=None,
    ):
        super().__init__(name=name)
        self.alpha = alpha
        self.sigma = sigma
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.seed = seed
        self.data_format = data_format

    def call(self, images):
        return backend.image.elastic_transform(
            images,
            alpha=self.alpha,
            sigma=self.sigma,
            interpolation=self.interpolation,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
            seed=self.seed,
            data_format=self.data_format,
        )

    def compute_output_spec(self, images):
        return KerasTensor(shape_of(images), dtype=float_dtype(images))


def elastic_transform(
    images: Tensor,
    alpha: float = 20.0,
    sigma: float = 5.0,
    interpolation: str = "bilinear",
    fill_mode: str = "reflect",
    fill_value: float = 0.0,
    seed: Any = None,
    data_format: str | None = None,
) -> Tensor:
    """Random elastic deformation of images.

    Displacement fields of uniform noise in ``[-1, 1]``, smoothed by a Gaussian
    of standard deviation ``sigma`` and scaled by ``alpha``, move every pixel;
    the image is resampled there (as ``map_coordinates``). The random fields
    come from each backend's generator, so values differ across backends;
    ``alpha=0`` is the identity.

    Args:
        images: 3-D or 4-D images.
        alpha: the displacement scale, in pixels.
        sigma: the smoothing standard deviation, in pixels.
        interpolation: "nearest" or "bilinear".
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: the value outside the image with "constant".
        seed: an int or a ``keras_core.random.SeedGenerator``.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating images of the input's shape.

    Example:
    >>> out = keras_core.ops.image.elastic_transform(keras_core.ops.ones((8, 8, 1)), seed=1)
    >>> keras_core.ops.shape(out)
    (8, 8, 1)
    """
    op = "elastic_transform"
    data_format = standardize_data_format(data_format, op)
    image_shape(op, images)
    choice(op, interpolation, "interpolation", TRANSFORM_INTERPOLATIONS)
    choice(op, fill_mode, "fill_mode", FILL_MODES)
    for name, v in (("alpha", alpha), ("sigma", sigma)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise ValueError(f"{op}: `{name}` must be a number >= 0. Received: {name}={v!r}")
    args = (alpha, sigma, interpolation, fill_mode, fill_value, seed, data_format)
    if any_symbolic_tensors((images,)):
        return ElasticTransform(*args).symbolic_call(images)
    return backend.image.elastic_transform(
        images,
        alpha=alpha,
        sigma=sigma,
        interpolation=interpolation,
        fill_mode=fill_mode,
        fill_value=fill_value,
        seed=seed,
        data_format=data_format,
    )


__all__ = op_names(__name__)
