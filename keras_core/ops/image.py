"""keras_core.ops.image: resizing, geometric transforms, patches, colour and filters.

Images are ``(height, width, channels)`` or ``(batch, height, width, channels)``
with ``data_format="channels_last"`` (channels-first: channels before height).
Interpolating ops return floating tensors (integer images become ``floatx()``);
``resize(..., interpolation="nearest")``, ``pad_images``, ``crop_images`` and
``extract_patches`` keep the input dtype.

Sampling conventions of ``resize`` (shared by every backend, and by
``scale_and_translate`` in ``image_sampling.py``, which declares the
interpolating geometric ops exported here):

* output pixel ``i`` samples input coordinate
  ``x = (i + 0.5 - translation) / scale - 0.5``; input pixel ``j``
  gets weight ``k((j - x) / s)`` with ``s = max(1 / scale, 1)`` when
  antialiasing (else 1), the weights of in-range pixels are normalized to sum
  to 1, and outputs whose ``x`` falls outside ``[-0.5, size - 0.5]`` are 0.
  Kernels: triangle (bilinear), Keys cubic with ``a = -0.5`` (bicubic),
  Lanczos 3 and 5. "area" averages the input pixels an output pixel covers
  (weighted by overlap); "nearest" takes pixel ``floor((i + 0.5) * in / out)``.
"""

from keras_core import backend
from keras_core.backend.common.dtypes import FLOAT_TYPES
from keras_core.backend.common.exports import export_ops
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.backend.common.shape_rules import conv_output_length, effective_kernel
from keras_core.ops import image_sampling
from keras_core.ops.op_utils import (
    Tensor,
    choice,
    dtype_of,
    float_dtype,
    image_shape,
    int_tuple,
    op_names,
    shape_of,
    standardize_data_format,
    standardize_padding,
)
from keras_core.ops.operation import Operation

RESIZE_INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5", "area")


def _hw(shape, data_format):
    """(height axis, width axis, channel axis) of an image shape."""
    r = len(shape)
    if data_format == "channels_last":
        return r - 3, r - 2, r - 1
    return r - 2, r - 1, r - 3


def _with_hw(shape, data_format, h, w, c=None):
    hi, wi, ci = _hw(shape, data_format)
    out = list(shape)
    out[hi], out[wi] = h, w
    if c is not None:
        out[ci] = c
    return tuple(out)


def _check_float_images(op, images):
    d = dtype_of(images)
    if d not in FLOAT_TYPES and d is not float:
        raise TypeError(f"{op}: `images` must be a floating tensor. Received: dtype={d}")


# ---------------------------------------------------------------------------
# resize


class Resize(Operation):
    def __init__(
        self,
        size,
        interpolation="bilinear",
        antialias=False,
        data_format="channels_last",
        crop_to_aspect_ratio=False,
        pad_to_aspect_ratio=False,
        fill_mode="constant",
        fill_value=0.0,
        name=None,
    ):
        super().__init__(name=name)
        self.size = size
        self.interpolation = interpolation
        self.antialias = antialias
        self.data_format = data_format
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value

    def call(self, image):
        return backend.image.resize(
            image,
            self.size,
            interpolation=self.interpolation,
            antialias=self.antialias,
            data_format=self.data_format,
            crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
        )

    def compute_output_spec(self, image):
        shape = _with_hw(shape_of(image), self.data_format, *self.size)
        d = dtype_of(image) if self.interpolation == "nearest" else float_dtype(image)
        return KerasTensor(shape, dtype=d)


def resize(
    image: Tensor,
    size: int | tuple,
    interpolation: str = "bilinear",
    antialias: bool = False,
    data_format: str = "channels_last",
    crop_to_aspect_ratio: bool = False,
    pad_to_aspect_ratio: bool = False,
    fill_mode: str = "constant",
    fill_value: float = 0.0,
) -> Tensor:
    """Resizes images to ``size`` (see the module notes for the sampling rules).

    Args:
        image: ``(height, width, channels)`` or ``(batch, height, width, channels)``
            (channels first with ``data_format="channels_first"``).
        size: ``(height, width)`` of the output.
        interpolation: "bilinear", "nearest", "bicubic", "lanczos3", "lanczos5" or "area".
        antialias: whether downsampling widens the kernel (ignored by "nearest").
        data_format: "channels_last" or "channels_first" (None: the global default).
        crop_to_aspect_ratio: first crop the centre of the image to the aspect
            ratio of ``size``.
        pad_to_aspect_ratio: first pad the image (centred, with ``fill_value``) to
            the aspect ratio of ``size``.
        fill_mode: the padding mode; only "constant".
        fill_value: the padding value.

    Returns:
        The resized images: the input dtype for "nearest", otherwise floating.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.image.resize(keras_core.ops.ones((4, 6, 3)), (2, 3)))
    (2, 3, 3)
    """
    op = "resize"
    data_format = standardize_data_format(data_format, op)
    image_shape(op, image, "image")
    size = int_tuple(size, 2, op, "size")
    choice(op, interpolation, "interpolation", RESIZE_INTERPOLATIONS)
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            f"{op}: only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True. "
            f"Received: crop_to_aspect_ratio={crop_to_aspect_ratio}, "
            f"pad_to_aspect_ratio={pad_to_aspect_ratio}"
        )
    choice(op, fill_mode, "fill_mode", ("constant",))
    args = (
        size,
        interpolation,
        bool(antialias),
        data_format,
        bool(crop_to_aspect_ratio),
        bool(pad_to_aspect_ratio),
        fill_mode,
        fill_value,
    )
    if any_symbolic_tensors((image,)):
        return Resize(*args).symbolic_call(image)
    return backend.image.resize(
        image,
        size,
        interpolation=interpolation,
        antialias=bool(antialias),
        data_format=data_format,
        crop_to_aspect_ratio=bool(crop_to_aspect_ratio),
        pad_to_aspect_ratio=bool(pad_to_aspect_ratio),
        fill_mode=fill_mode,
        fill_value=fill_value,
    )


# ---------------------------------------------------------------------------
# Patches


class ExtractPatches(Operation):
    backend_fn = "extract_patches"
    nd = 2

    def __init__(
        self,
        size,
        strides=None,
        dilation_rate=1,
        padding="valid",
        data_format="channels_last",
        name=None,
    ):
        super().__init__(name=name)
        self.size = size
        self.strides = strides
        self.dilation_rate = dilation_rate
        self.padding = padding
        self.data_format = data_format

    def call(self, image):
        return getattr(backend.image, self.backend_fn)(
            image,
            self.size,
            strides=self.strides,
            dilation_rate=self.dilation_rate,
            padding=self.padding,
            data_format=self.data_format,
        )

    def compute_output_spec(self, image):
        shape = tuple(shape_of(image))
        nd = self.nd
        if self.data_format == "channels_last":
            lead, spatial, c = shape[: len(shape) - nd - 1], shape[-nd - 1 : -1], shape[-1]
        else:
            lead, spatial, c = shape[: len(shape) - nd - 1], shape[-nd:], shape[-nd - 1]
        out_sp = tuple(
            conv_output_length(n, k, s, self.padding, d)
            for n, k, s, d in zip(spatial, self.size, self.strides, self.dilation_rate)
        )
        depth = None
        if c is not None:
            depth = c
            for k in self.size:
                depth *= k
        if self.data_format == "channels_last":
            out = lead + out_sp + (depth,)
        else:
            out = lead + (depth,) + out_sp
        return KerasTensor(out, dtype=dtype_of(image))


class ExtractPatches3D(ExtractPatches):
    backend_fn = "extract_patches_3d"
    nd = 3


def _patch_args(op, image, size, strides, dilation_rate, padding, data_format, nd):
    data_format = standardize_data_format(data_format, op)
    shape = image_shape(op, image, "images" if nd == 2 else "volumes", (nd + 1, nd + 2))
    size = int_tuple(size, nd, op, "size")
    strides = size if strides is None else int_tuple(strides, nd, op, "strides")
    dilation_rate = int_tuple(dilation_rate, nd, op, "dilation_rate")
    padding = standardize_padding(padding, op)
    if padding == "valid":
        spatial = shape[-nd - 1 : -1] if data_format == "channels_last" else shape[-nd:]
        for n, k, d in zip(spatial, size, dilation_rate):
            if n is not None and effective_kernel(k, d) > n:
                raise ValueError(
                    f"{op}: the patch (size={size}, dilation_rate={dilation_rate}) is larger "
                    f"than the input's spatial shape. Received: shape={shape}"
                )
    return size, strides, dilation_rate, padding, data_format


def extract_patches(
    image: Tensor,
    size: int | tuple,
    strides: int | tuple | None = None,
    dilation_rate: int | tuple = 1,
    padding: str = "valid",
    data_format: str = "channels_last",
) -> Tensor:
    """Extracts patches from images into the channel axis.

    Args:
        image: 3-D or 4-D images.
        size: an int or ``(patch_height, patch_width)``.
        strides: the step between patches (default: ``size``).
        dilation_rate: the spacing of pixels inside a patch.
        padding: "valid" or "same" (as in ``conv``).
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        A tensor with spatial shape the number of patches and
        ``patch_height * patch_width * channels`` channels, in ``(i, j, c)`` order.

    Example:
    >>> out = keras_core.ops.image.extract_patches(keras_core.ops.ones((4, 4, 3)), 2)
    >>> keras_core.ops.shape(out)
    (2, 2, 12)
    """
    args = _patch_args(
        "extract_patches", image, size, strides, dilation_rate, padding, data_format, 2
    )
    if any_symbolic_tensors((image,)):
        return ExtractPatches(*args).symbolic_call(image)
    size, strides, dilation_rate, padding, data_format = args
    return backend.image.extract_patches(
        image,
        size,
        strides=strides,
        dilation_rate=dilation_rate,
        padding=padding,
        data_format=data_format,
    )


def extract_patches_3d(
    volumes: Tensor,
    size: int | tuple,
    strides: int | tuple | None = None,
    dilation_rate: int | tuple = 1,
    padding: str = "valid",
    data_format: str | None = None,
) -> Tensor:
    """Extracts 3-D patches from volumes into the channel axis.

    Args:
        volumes: ``(depth, height, width, channels)`` or a batch of them.
        size: an int or ``(pd, ph, pw)``.
        strides: the step between patches (default: ``size``).
        dilation_rate: the spacing of voxels inside a patch.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        A tensor with ``pd * ph * pw * channels`` channels, in ``(i, j, k, c)`` order.

    Example:
    >>> out = keras_core.ops.image.extract_patches_3d(keras_core.ops.ones((4, 4, 4, 1)), 2)
    >>> keras_core.ops.shape(out)
    (2, 2, 2, 8)
    """
    args = _patch_args(
        "extract_patches_3d", volumes, size, strides, dilation_rate, padding, data_format, 3
    )
    if any_symbolic_tensors((volumes,)):
        return ExtractPatches3D(*args).symbolic_call(volumes)
    size, strides, dilation_rate, padding, data_format = args
    return backend.image.extract_patches_3d(
        volumes,
        size,
        strides=strides,
        dilation_rate=dilation_rate,
        padding=padding,
        data_format=data_format,
    )


# ---------------------------------------------------------------------------
# Colour


class _ColorOp(Operation):
    backend_fn = None
    out_channels = None

    def __init__(self, data_format=None, name=None):
        super().__init__(name=name)
        self.data_format = data_format

    def call(self, images):
        return getattr(backend.image, self.backend_fn)(images, data_format=self.data_format)

    def compute_output_spec(self, images):
        shape = list(shape_of(images))
        if self.out_channels is not None:
            shape[_hw(shape, self.data_format)[2]] = self.out_channels
        return KerasTensor(tuple(shape), dtype=float_dtype(images))


class RgbToGrayscale(_ColorOp):
    backend_fn = "rgb_to_grayscale"
    out_channels = 1


class RgbToHsv(_ColorOp):
    backend_fn = "rgb_to_hsv"


class HsvToRgb(_ColorOp):
    backend_fn = "hsv_to_rgb"


def _color(cls, op, images, data_format, float_only):
    data_format = standardize_data_format(data_format, op)
    shape = image_shape(op, images)
    c = shape[_hw(shape, data_format)[2]]
    if c is not None and c != 3:
        raise ValueError(
            f"{op}: images must have 3 channels. Received: images.shape={shape}, "
            f"data_format={data_format!r}"
        )
    if float_only:
        _check_float_images(op, images)
    if any_symbolic_tensors((images,)):
        return cls(data_format).symbolic_call(images)
    return getattr(backend.image, cls.backend_fn)(images, data_format=data_format)


def rgb_to_grayscale(image: Tensor, data_format: str = "channels_last") -> Tensor:
    """Converts RGB images to grayscale: ``0.2989 R + 0.5870 G + 0.1140 B``.

    Args:
        image: 3-D or 4-D RGB images.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating images with one channel.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.image.rgb_to_grayscale(keras_core.ops.ones((2, 2, 3))))
    (2, 2, 1)
    """
    return _color(RgbToGrayscale, "rgb_to_grayscale", image, data_format, False)


def rgb_to_hsv(images: Tensor, data_format: str | None = None) -> Tensor:
    """Converts RGB images (values in [0, 1]) to HSV, all channels in [0, 1].

    Args:
        images: 3-D or 4-D floating RGB images.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        HSV images of the same shape and dtype (hue 0 where the pixel is gray).

    Example:
    >>> out = keras_core.ops.image.rgb_to_hsv([[[1.0, 0.0, 0.0]]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[[0.0, 1.0, 1.0]]]
    """
    return _color(RgbToHsv, "rgb_to_hsv", images, data_format, True)


def hsv_to_rgb(images: Tensor, data_format: str | None = None) -> Tensor:
    """Converts HSV images (all channels in [0, 1]) to RGB.

    Args:
        images: 3-D or 4-D floating HSV images.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        RGB images of the same shape and dtype.

    Example:
    >>> out = keras_core.ops.image.hsv_to_rgb([[[0.0, 1.0, 1.0]]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[[1.0, 0.0, 0.0]]]
    """
    return _color(HsvToRgb, "hsv_to_rgb", images, data_format, True)


# ---------------------------------------------------------------------------
# Padding and cropping


def _resolve_pair(op, before, after, target, size, what, name_before, name_after, name_target):
    given = sum(v is not None for v in (before, after, target))
    if given != 2:
        raise ValueError(
            f"{op}: give exactly two of `{name_before}`, `{name_after}` and `{name_target}`. "
            f"Received: {name_before}={before}, {name_after}={after}, {name_target}={target}"
        )
    for name, v in ((name_before, before), (name_after, after), (name_target, target)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ValueError(f"{op}: `{name}` must be an int >= 0. Received: {name}={v!r}")
    if size is None:
        return before, after, target
    if what == "pad":
        if target is None:
            target = size + before + after
        elif before is None:
            before = target - size - after
        else:
            after = target - size - before
        bad = before < 0 or after < 0
    else:
        if target is None:
            target = size - before - after
        elif before is None:
            before = size - target - after
        else:
            after = size - target - before
        bad = before < 0 or after < 0 or target <= 0
    if bad:
        raise ValueError(
            f"{op}: the {name_target} does not fit the image size {size}. Received: "
            f"{name_before}={before}, {name_after}={after}, {name_target}={target}"
        )
    return before, after, target


class _PadCrop(Operation):
    backend_fn = None
    what = None
    names = None

    def __init__(self, top, left, bottom, right, height, width, data_format=None, name=None):
        super().__init__(name=name)
        self.top, self.left, self.bottom, self.right = top, left, bottom, right
        self.height, self.width = height, width
        self.data_format = data_format

    def call(self, images):
        return getattr(backend.image, self.backend_fn)(
            images,
            self.top,
            self.left,
            self.bottom,
            self.right,
            self.height,
            self.width,
            data_format=self.data_format,
        )

    def compute_output_spec(self, images):
        shape = shape_of(images)
        hi, wi, _ = _hw(shape, self.data_format)
        op, n = self.backend_fn, self.names
        h = _resolve_pair(
            op,
            self.top,
            self.bottom,
            self.height,
            shape[hi],
            self.what,
            n[0],
            n[2],
            "target_height",
        )[2]
        w = _resolve_pair(
            op, self.left, self.right, self.width, shape[wi], self.what, n[1], n[3], "target_width"
        )[2]
        return KerasTensor(_with_hw(shape, self.data_format, h, w), dtype=dtype_of(images))


class PadImages(_PadCrop):
    backend_fn = "pad_images"
    what = "pad"
    names = ("top_padding", "left_padding", "bottom_padding", "right_padding")


class CropImages(_PadCrop):
    backend_fn = "crop_images"
    what = "crop"
    names = ("top_cropping", "left_cropping", "bottom_cropping", "right_cropping")


def _pad_crop(cls, images, top, left, bottom, right, target_height, target_width, data_format):
    """Checks the arguments (exactly two of each triple, and that they fit) and passes
    them on unchanged: the backend resolves the missing one."""
    op, names = cls.backend_fn, cls.names
    data_format = standardize_data_format(data_format, op)
    shape = image_shape(op, images)
    hi, wi, _ = _hw(shape, data_format)
    _resolve_pair(
        op, top, bottom, target_height, shape[hi], cls.what, names[0], names[2], "target_height"
    )
    _resolve_pair(
        op, left, right, target_width, shape[wi], cls.what, names[1], names[3], "target_width"
    )
    args = (top, left, bottom, right, target_height, target_width, data_format)
    if any_symbolic_tensors((images,)):
        return cls(*args).symbolic_call(images)
    return getattr(backend.image, op)(
        images, top, left, bottom, right, target_height, target_width, data_format=data_format
    )


def pad_images(
    images: Tensor,
    top_padding: int | None = None,
    left_padding: int | None = None,
    bottom_padding: int | None = None,
    right_padding: int | None = None,
    target_height: int | None = None,
    target_width: int | None = None,
    data_format: str | None = None,
) -> Tensor:
    """Zero-pads images; give exactly two of top/bottom/target_height (and of the width ones).

    Args:
        images: 3-D or 4-D images.
        top_padding: rows added above.
        left_padding: columns added on the left.
        bottom_padding: rows added below.
        right_padding: columns added on the right.
        target_height: the output height.
        target_width: the output width.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        The padded images, of the input dtype.

    Example:
    >>> out = keras_core.ops.image.pad_images(keras_core.ops.ones((2, 2, 1)), 1, 1, 1, 1)
    >>> keras_core.ops.shape(out)
    (4, 4, 1)
    """
    return _pad_crop(
        PadImages,
        images,
        top_padding,
        left_padding,
        bottom_padding,
        right_padding,
        target_height,
        target_width,
        data_format,
    )


def crop_images(
    images: Tensor,
    top_cropping: int | None = None,
    left_cropping: int | None = None,
    bottom_cropping: int | None = None,
    right_cropping: int | None = None,
    target_height: int | None = None,
    target_width: int | None = None,
    data_format: str | None = None,
) -> Tensor:
    """Crops images; give exactly two of top/bottom/target_height (and of the width ones).

    Args:
        images: 3-D or 4-D images.
        top_cropping: rows removed at the top.
        left_cropping: columns removed on the left.
        bottom_cropping: rows removed at the bottom.
        right_cropping: columns removed on the right.
        target_height: the output height.
        target_width: the output width.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        The cropped images, of the input dtype.

    Example:
    >>> out = keras_core.ops.image.crop_images(keras_core.ops.ones((4, 4, 1)), 1, 1, 1, 1)
    >>> keras_core.ops.shape(out)
    (2, 2, 1)
    """
    return _pad_crop(
        CropImages,
        images,
        top_cropping,
        left_cropping,
        bottom_cropping,
        right_cropping,
        target_height,
        target_width,
        data_format,
    )


# ---------------------------------------------------------------------------
# Filters and metrics


class GaussianBlur(Operation):
    def __init__(self, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None, name=None):
        super().__init__(name=name)
        self.kernel_size = kernel_size
        self.sigma = sigma
        self.data_format = data_format

    def call(self, images):
        return backend.image.gaussian_blur(
            images, kernel_size=self.kernel_size, sigma=self.sigma, data_format=self.data_format
        )

    def compute_output_spec(self, images):
        return KerasTensor(shape_of(images), dtype=float_dtype(images))


def gaussian_blur(
    images: Tensor,
    kernel_size: int | tuple = (3, 3),
    sigma: float | tuple = (1.0, 1.0),
    data_format: str | None = None,
) -> Tensor:
    """Blurs each channel with a normalized Gaussian kernel ("same" size, zero padding).

    The 1-D kernel along an axis of size ``k`` is ``exp(-t**2 / (2 sigma**2))``
    at ``t = i - (k - 1) / 2``, normalized to sum to 1; the 2-D kernel is their
    outer product, applied as a depthwise ``conv`` with ``padding="same"``.

    Args:
        images: 3-D or 4-D images.
        kernel_size: an int or ``(kh, kw)``.
        sigma: a positive number or ``(sigma_h, sigma_w)``.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating images of the input's shape.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.image.gaussian_blur(keras_core.ops.ones((5, 5, 3))))
    (5, 5, 3)
    """
    op = "gaussian_blur"
    data_format = standardize_data_format(data_format, op)
    image_shape(op, images)
    kernel_size = int_tuple(kernel_size, 2, op, "kernel_size")
    if isinstance(sigma, (int, float)) and not isinstance(sigma, bool):
        sigma = (float(sigma), float(sigma))
    if (
        not isinstance(sigma, (list, tuple))
        or len(sigma) != 2
        or any(isinstance(s, bool) or not isinstance(s, (int, float)) or s <= 0 for s in sigma)
    ):
        raise ValueError(
            f"{op}: `sigma` must be a positive number or a pair of them. Received: sigma={sigma!r}"
        )
    sigma = tuple(float(s) for s in sigma)
    if any_symbolic_tensors((images,)):
        return GaussianBlur(kernel_size, sigma, data_format).symbolic_call(images)
    return backend.image.gaussian_blur(
        images, kernel_size=kernel_size, sigma=sigma, data_format=data_format
    )


class SobelEdges(Operation):
    def __init__(self, data_format=None, name=None):
        super().__init__(name=name)
        self.data_format = data_format

    def call(self, images):
        return backend.image.sobel_edges(images, data_format=self.data_format)

    def compute_output_spec(self, images):
        return KerasTensor(tuple(shape_of(images)) + (2,), dtype=float_dtype(images))


def sobel_edges(images: Tensor, data_format: str | None = None) -> Tensor:
    """Sobel gradients of every channel: ``[..., 0]`` is d/dy, ``[..., 1]`` is d/dx.

    Each channel is padded by one pixel in "reflect" mode (``b | a b c | b``)
    and cross-correlated with ``[[-1, -2, -1], [0, 0, 0], [1, 2, 1]]`` (dy) and
    its transpose (dx).

    Args:
        images: 4-D images (3-D are accepted too).
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        Floating ``(*images.shape, 2)``.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.image.sobel_edges(keras_core.ops.ones((1, 4, 4, 1))))
    (1, 4, 4, 1, 2)
    """
    op = "sobel_edges"
    data_format = standardize_data_format(data_format, op)
    shape = image_shape(op, images)
    hi, wi, _ = _hw(shape, data_format)
    for d in (shape[hi], shape[wi]):
        if d is not None and d < 2:
            raise ValueError(f"{op}: images must be at least 2x2. Received: shape={shape}")
    if any_symbolic_tensors((images,)):
        return SobelEdges(data_format).symbolic_call(images)
    return backend.image.sobel_edges(images, data_format=data_format)


class Ssim(Operation):
    def __init__(
        self,
        max_val=1.0,
        filter_size=11,
        filter_sigma=1.5,
        k1=0.01,
        k2=0.03,
        data_format=None,
        name=None,
    ):
        super().__init__(name=name)
        self.max_val = max_val
        self.filter_size = filter_size
        self.filter_sigma = filter_sigma
        self.k1 = k1
        self.k2 = k2
        self.data_format = data_format

    def call(self, image1, image2):
        return backend.image.ssim(
            image1,
            image2,
            max_val=self.max_val,
            filter_size=self.filter_size,
            filter_sigma=self.filter_sigma,
            k1=self.k1,
            k2=self.k2,
            data_format=self.data_format,
        )

    def compute_output_spec(self, image1, image2):
        shape = shape_of(image1)
        out = (shape[0],) if len(shape) == 4 else ()
        return KerasTensor(out, dtype=float_dtype(image1, image2))


def ssim(
    image1: Tensor,
    image2: Tensor,
    max_val: float = 1.0,
    filter_size: int = 11,
    filter_sigma: float = 1.5,
    k1: float = 0.01,
    k2: float = 0.03,
    data_format: str | None = None,
) -> Tensor:
    """Structural similarity index (Wang et al., 2004) between two images.

    Local statistics use a ``filter_size`` Gaussian window (``filter_sigma``)
    without padding; the SSIM map
    ``(2 mx my + c1)(2 sxy + c2) / ((mx^2 + my^2 + c1)(sx^2 + sy^2 + c2))`` with
    ``c1 = (k1 max_val)^2``, ``c2 = (k2 max_val)^2`` is averaged over the spatial
    positions and channels.

    Args:
        image1: 3-D or 4-D images.
        image2: images of the same shape.
        max_val: the dynamic range of the pixel values.
        filter_size: the Gaussian window size (<= the image size).
        filter_sigma: the Gaussian standard deviation.
        k1: the luminance constant.
        k2: the contrast constant.
        data_format: "channels_last" or "channels_first" (None: the global default).

    Returns:
        One value per image: ``(batch,)`` for 4-D inputs, a scalar for 3-D.

    Example:
    >>> x = keras_core.ops.ones((1, 12, 12, 1))
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.image.ssim(x, x)).tolist()
    [1.0]
    """
    op = "ssim"
    data_format = standardize_data_format(data_format, op)
    s1 = image_shape(op, image1, "image1")
    s2 = image_shape(op, image2, "image2")
    if len(s1) != len(s2) or any(
        a is not None and b is not None and a != b for a, b in zip(s1, s2)
    ):
        raise ValueError(
            f"{op}: `image1` and `image2` must have the same shape. "
            f"Received: image1.shape={s1}, image2.shape={s2}"
        )
    filter_size = int_tuple(filter_size, 1, op, "filter_size")[0]
    hi, wi, _ = _hw(s1, data_format)
    for d in (s1[hi], s1[wi]):
        if d is not None and d < filter_size:
            raise ValueError(f"{op}: the images ({s1}) are smaller than filter_size={filter_size}.")
    args = (max_val, filter_size, filter_sigma, k1, k2, data_format)
    if any_symbolic_tensors((image1, image2)):
        return Ssim(*args).symbolic_call(image1, image2)
    return backend.image.ssim(
        image1,
        image2,
        max_val=max_val,
        filter_size=filter_size,
        filter_sigma=filter_sigma,
        k1=k1,
        k2=k2,
        data_format=data_format,
    )


# The interpolating geometric ops are declared in image_sampling.py;
# ``keras_core.ops.image`` is the namespace of both modules.
export_ops(globals(), image_sampling, classes=False)
__all__ = op_names(__name__, image_sampling)
