"""Image file helpers built on Pillow: load_img, save_img, img_to_array, array_to_img.

Pillow is imported only when one of them needs it; without it they raise an
ImportError that says to install Pillow.
"""

import io
import os

import numpy as np

from keras_core import backend
from keras_core.backend import config

_PIL_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def _pil_image():
    try:
        from PIL import Image
    except ImportError as e:
        raise ImportError(
            "This image utility needs the Pillow package, which is not installed. "
            "Install it with: pip install Pillow"
        ) from e
    return Image


def _pil_resample(image_module, interpolation):
    if interpolation not in _PIL_INTERPOLATIONS:
        raise ValueError(
            f"`interpolation` must be one of {_PIL_INTERPOLATIONS}. "
            f"Received: interpolation={interpolation!r}"
        )
    return getattr(image_module.Resampling, interpolation.upper())


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """Turns a 3-D array (height, width, channels) into a PIL image.

    Args:
        x: an array of rank 3 with 1 (grayscale), 3 (RGB) or 4 (RGBA) channels.
        data_format: ``"channels_last"`` or ``"channels_first"``; the global
            setting when None.
        scale: rescale the values to ``[0, 255]`` (from their min and max).
        dtype: the dtype the array is cast to first; ``floatx()`` when None.

    Returns:
        A ``PIL.Image.Image``.
    """
    image_module = _pil_image()
    data_format = config.standardize_data_format(data_format)
    if dtype is None:
        dtype = config.floatx()
    if backend.is_tensor(x):
        x = backend.convert_to_numpy(x)
    x = np.asarray(x, dtype=dtype)
    if x.ndim != 3:
        raise ValueError(
            "`x` must be an image array of rank 3 (height, width, channels). "
            f"Received: x with shape {x.shape}"
        )
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        top = np.max(x)
        if top != 0:
            x = x / top
        x = x * 255
    channels = x.shape[2]
    if channels == 4:
        return image_module.fromarray(x.astype("uint8"), "RGBA")
    if channels == 3:
        return image_module.fromarray(x.astype("uint8"), "RGB")
    if channels == 1:
        if np.max(x) > 255:
            return image_module.fromarray(x[:, :, 0].astype("int32"), "I")
        return image_module.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(
        f"`x` must have 1, 3 or 4 channels. Received: x with shape {x.shape} ({channels} channels)"
    )


def img_to_array(img, data_format=None, dtype=None):
    """Turns a PIL image into a 3-D NumPy array (height, width, channels).

    Args:
        img: a PIL image.
        data_format: ``"channels_last"`` or ``"channels_first"``; the global
            setting when None.
        dtype: the array dtype; ``floatx()`` when None.

    Returns:
        A NumPy array of rank 3.
    """
    data_format = config.standardize_data_format(data_format)
    if dtype is None:
        dtype = config.floatx()
    x = np.asarray(img, dtype=dtype)
    if x.ndim == 2:
        x = x[:, :, None]
    elif x.ndim != 3:
        raise ValueError(
            f"`img` must be a 2-D or 3-D image. Received: an image array of shape {x.shape}"
        )
    if data_format == "channels_first":
        x = x.transpose(2, 0, 1)
    return x


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Saves an image array to a file.

    Args:
        path: the file path or a writable file object.
        x: an array of rank 3.
        data_format: ``"channels_last"`` or ``"channels_first"``.
        file_format: the file format (e.g. ``"png"``); taken from the file
            extension when None.
        scale: rescale the values to ``[0, 255]``.
        **kwargs: passed to ``PIL.Image.save``.
    """
    data_format = config.standardize_data_format(data_format)
    img = array_to_img(x, data_format=data_format, scale=scale)
    fmt = file_format
    if fmt is None and isinstance(path, (str, os.PathLike)):
        fmt = os.path.splitext(os.fspath(path))[1].lstrip(".").lower() or None
    if img.mode == "RGBA" and fmt in ("jpg", "jpeg"):
        raise ValueError(
            "JPEG cannot store an alpha channel. Received: a 4-channel image for "
            f"path={path!r}; save it as PNG or drop the alpha channel."
        )
    if fmt == "jpg":
        fmt = "jpeg"
    img.save(path, format=fmt, **kwargs)


def load_img(
    path, color_mode="rgb", target_size=None, interpolation="nearest", keep_aspect_ratio=False
):
    """Loads an image file into a PIL image.

    Args:
        path: the file path, a ``pathlib.Path``, or a binary file object /
            ``io.BytesIO``.
        color_mode: ``"grayscale"``, ``"rgb"`` or ``"rgba"``.
        target_size: ``(height, width)`` to resize to, or None.
        interpolation: the resampling filter: ``"nearest"``, ``"bilinear"``,
            ``"bicubic"``, ``"hamming"``, ``"box"`` or ``"lanczos"``.
        keep_aspect_ratio: center-crop to the target aspect ratio before resizing.

    Returns:
        A ``PIL.Image.Image``.
    """
    image_module = _pil_image()
    if color_mode not in ("grayscale", "rgb", "rgba"):
        raise ValueError(
            '`color_mode` must be "grayscale", "rgb" or "rgba". '
            f"Received: color_mode={color_mode!r}"
        )
    if isinstance(path, io.BytesIO) or hasattr(path, "read"):
        img = image_module.open(path)
    elif isinstance(path, (str, bytes, os.PathLike)):
        with open(os.fspath(path), "rb") as f:
            img = image_module.open(io.BytesIO(f.read()))
    else:
        raise TypeError(
            f"`path` must be a file path or a file object. Received: path of type "
            f"{type(path).__name__}"
        )
    mode = {"grayscale": "L", "rgb": "RGB", "rgba": "RGBA"}[color_mode]
    if img.mode != mode:
        if color_mode == "grayscale" and img.mode in ("L", "I;16", "I"):
            pass
        else:
            img = img.convert(mode)
    if target_size is not None:
        height, width = int(target_size[0]), int(target_size[1])
        resample = _pil_resample(image_module, interpolation)
        if (img.size[0], img.size[1]) != (width, height):
            if keep_aspect_ratio:
                w, h = img.size
                crop_w = min(w, round(h * width / height))
                crop_h = min(h, round(w * height / width))
                left, top = (w - crop_w) // 2, (h - crop_h) // 2
                img = img.crop((left, top, left + crop_w, top + crop_h))
            img = img.resize((width, height), resample)
    return img
