"""ImageNet input preprocessing and prediction decoding shared by the applications.

``preprocess_input`` scales raw images (values in ``[0, 255]``) the way a given
pretrained network expects; ``decode_predictions`` turns a batch of 1000-way class
scores into readable ``(class_id, class_name, score)`` tuples.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from keras_core import backend, ops
from keras_core.utils import file_utils

CLASS_INDEX_URL = (
    "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json"
)
CLASS_INDEX_HASH = "c2c37ea517e94d9795004a39431a14cb"
CLASS_INDEX_FILE = "imagenet_class_index.json"

# Channel statistics of the ImageNet training set.
_CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
_TORCH_MEAN_RGB = (0.485, 0.456, 0.406)
_TORCH_STD_RGB = (0.229, 0.224, 0.225)

_MODES = ("caffe", "tf", "torch")

# The class index, read once from the cache on first use.
_CLASS_INDEX: dict | None = None


def _check_data_format(data_format: str | None) -> str:
    if data_format is None:
        return backend.image_data_format()
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(
            "`data_format` must be None, 'channels_last' or 'channels_first'. "
            f"Received: data_format={data_format!r}"
        )
    return data_format


def _channel_axis(ndim: int, data_format: str) -> int:
    if data_format == "channels_last":
        return ndim - 1
    # channels_first: a single image (C, H, W) or a batch (N, C, H, W, ...).
    return 0 if ndim == 3 else 1


def _stats_shape(ndim: int, axis: int) -> tuple[int, ...]:
    shape = [1] * ndim
    shape[axis] = 3
    return tuple(shape)


def _preprocess_numpy(x: np.ndarray, data_format: str, mode: str) -> np.ndarray:
    if np.issubdtype(x.dtype, np.floating):
        x = x.copy()
    else:
        x = x.astype(backend.floatx())
    axis = _channel_axis(x.ndim, data_format)
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    if mode == "torch":
        x /= 255.0
        shape = _stats_shape(x.ndim, axis)
        x -= np.reshape(np.asarray(_TORCH_MEAN_RGB, dtype=x.dtype), shape)
        x /= np.reshape(np.asarray(_TORCH_STD_RGB, dtype=x.dtype), shape)
        return x
    # caffe: RGB -> BGR, then subtract the BGR mean (no scaling).
    x = np.flip(x, axis=axis).copy()
    x -= np.reshape(np.asarray(_CAFFE_MEAN_BGR, dtype=x.dtype), _stats_shape(x.ndim, axis))
    return x


def _preprocess_tensor(x: Any, data_format: str, mode: str) -> Any:
    dtype = backend.standardize_dtype(x.dtype)
    if not backend.is_float_dtype(dtype):
        x = ops.cast(x, backend.floatx())
        dtype = backend.floatx()
    ndim = len(x.shape)
    axis = _channel_axis(ndim, data_format)
    if mode == "tf":
        return x / 127.5 - 1.0
    shape = _stats_shape(ndim, axis)
    if mode == "torch":
        mean = ops.reshape(ops.convert_to_tensor(_TORCH_MEAN_RGB, dtype=dtype), shape)
        std = ops.reshape(ops.convert_to_tensor(_TORCH_STD_RGB, dtype=dtype), shape)
        return (x / 255.0 - mean) / std
    mean = ops.reshape(ops.convert_to_tensor(_CAFFE_MEAN_BGR, dtype=dtype), shape)
    return ops.flip(x, axis=axis) - mean


def preprocess_input(x: Any, data_format: str | None = None, mode: str = "caffe") -> Any:
    """Preprocesses a batch of images (values in ``[0, 255]``, RGB) for a pretrained model.

    Modes:
        - ``"caffe"``: channels reordered RGB -> BGR, then the ImageNet BGR mean
          ``(103.939, 116.779, 123.68)`` subtracted; no scaling.
        - ``"tf"``: values scaled to ``[-1, 1]`` (``x / 127.5 - 1``).
        - ``"torch"``: values scaled to ``[0, 1]``, then normalized per channel with
          the ImageNet mean ``(0.485, 0.456, 0.406)`` and std ``(0.229, 0.224, 0.225)``.

    Args:
        x: a NumPy array or backend tensor of 3 channels, a single image or a batch.
            It is never modified: a NumPy input gives a new float array (integer
            input becomes ``floatx``), a tensor input gives a new tensor.
        data_format: ``"channels_last"`` or ``"channels_first"``; the global image
            data format when None.
        mode: ``"caffe"``, ``"tf"`` or ``"torch"``.

    Returns:
        The preprocessed images, of the same kind (NumPy array or tensor) as ``x``.

    Example:
    >>> import numpy as np
    >>> x = np.full((1, 1, 1, 3), 255, dtype="uint8")
    >>> preprocess_input(x, mode="tf").tolist()
    [[[[1.0, 1.0, 1.0]]]]
    """
    if mode not in _MODES:
        raise ValueError(f"`mode` must be one of 'caffe', 'tf' or 'torch'. Received: mode={mode!r}")
    data_format = _check_data_format(data_format)
    if isinstance(x, (list, tuple)) or np.isscalar(x):
        x = np.asarray(x)
    if isinstance(x, np.ndarray):
        _check_channels(x.shape, data_format)
        return _preprocess_numpy(x, data_format, mode)
    _check_channels(tuple(x.shape), data_format)
    return _preprocess_tensor(x, data_format, mode)


def _check_channels(shape: tuple, data_format: str) -> None:
    if len(shape) < 3:
        raise ValueError(
            "`x` must be an image (rank 3) or a batch of images (rank 4 or more). "
            f"Received: x with shape {tuple(shape)}"
        )
    axis = _channel_axis(len(shape), data_format)
    if shape[axis] is not None and shape[axis] != 3:
        raise ValueError(
            f"`x` must have 3 (RGB) channels on axis {axis} for data_format={data_format!r}. "
            f"Received: x with shape {tuple(shape)}"
        )


def _class_index() -> dict:
    global _CLASS_INDEX
    if _CLASS_INDEX is None:
        path = file_utils.get_file(
            CLASS_INDEX_FILE,
            CLASS_INDEX_URL,
            cache_subdir="models",
            file_hash=CLASS_INDEX_HASH,
        )
        with open(path, encoding="utf-8") as f:
            _CLASS_INDEX = json.load(f)
    return _CLASS_INDEX


def decode_predictions(preds: Any, top: int = 5) -> list[list[tuple[str, str, float]]]:
    """Decodes a batch of ImageNet predictions into the ``top`` most likely classes.

    The class index (``imagenet_class_index.json``) is fetched once with
    ``keras_core.utils.get_file`` into the ``models`` cache folder.

    Args:
        preds: a NumPy array or tensor of shape ``(samples, 1000)``.
        top: how many classes to return per sample.

    Returns:
        One list per sample of ``(class_id, class_name, score)`` tuples, the most
        likely class first.
    """
    if not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1:
        raise ValueError(f"`top` must be a positive integer. Received: top={top!r}")
    if not isinstance(preds, np.ndarray):
        preds = ops.convert_to_numpy(preds) if ops.is_tensor(preds) else np.asarray(preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ValueError(
            "`decode_predictions` expects a batch of predictions of shape (samples, 1000). "
            f"Received: preds with shape {preds.shape}"
        )
    index = _class_index()
    results = []
    for row in preds:
        order = np.argsort(-row, kind="stable")[:top]
        results.append([(*index[str(i)], float(row[i])) for i in order])
    return results
