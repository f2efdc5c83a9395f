"""Array helpers on NumPy or backend tensors: one-hot class matrices and Lp normalization."""

import numpy as np

from keras_core import backend, ops


def to_categorical(x, num_classes: int | None = None):
    """Turns a vector (or array) of class indices into a one-hot matrix.

    Args:
        x: class indices, integers in ``[0, num_classes)``; any shape. A trailing
            axis of size 1 is dropped first (a ``(n, 1)`` column gives ``(n, classes)``).
        num_classes: the number of classes; ``max(x) + 1`` when None.

    Returns:
        A float32 array of shape ``x.shape + (num_classes,)``: NumPy for NumPy or
        list input, a backend tensor for a backend tensor.

    Example:
    >>> to_categorical([0, 2, 1], num_classes=3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    """
    if backend.is_tensor(x):
        shape = tuple(ops.shape(x))
        if len(shape) > 1 and shape[-1] == 1:
            x = ops.reshape(x, shape[:-1])
        if num_classes is None:
            num_classes = int(ops.convert_to_numpy(ops.max(x))) + 1
        _check_num_classes(num_classes)
        return ops.one_hot(ops.cast(x, "int32"), num_classes, dtype="float32")
    x = np.asarray(x)
    if x.size and not np.issubdtype(x.dtype, np.integer):
        if not np.all(np.equal(np.mod(x, 1), 0)):
            raise ValueError(
                f"`x` must hold integer class indices. Received: x with dtype {x.dtype} "
                "and non-integer values"
            )
    x = x.astype("int64")
    if x.ndim > 1 and x.shape[-1] == 1:
        x = x.reshape(x.shape[:-1])
    if num_classes is None:
        num_classes = int(x.max()) + 1 if x.size else 0
    _check_num_classes(num_classes)
    if x.size and (x.min() < 0 or x.max() >= num_classes):
        raise ValueError(
            f"Every class index in `x` must be in [0, num_classes={num_classes}). "
            f"Received: min={int(x.min())}, max={int(x.max())}"
        )
    out = np.zeros(x.shape + (num_classes,), dtype="float32")
    np.put_along_axis(out, x[..., None], 1.0, axis=-1)
    return out


def _check_num_classes(num_classes):
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise ValueError(f"`num_classes` must be an integer. Received: num_classes={num_classes!r}")
    if num_classes < 0:
        raise ValueError(
            f"`num_classes` must be a non-negative integer. Received: num_classes={num_classes}"
        )


def normalize(x, axis: int = -1, order: int = 2):
    """Scales ``x`` so that its ``order``-norm along ``axis`` is 1.

    Vectors of norm 0 are left at 0.

    Args:
        x: an array or backend tensor.
        axis: the axis along which to normalize.
        order: the norm order (2 for L2, 1 for L1, ...).

    Returns:
        The normalized array: NumPy for NumPy input, a backend tensor otherwise.

    Example:
    >>> normalize(np.array([[3.0, 4.0]]))
    array([[0.6, 0.8]])
    """
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or order < 1:
        raise ValueError(f"`order` must be an integer >= 1. Received: order={order!r}")
    if isinstance(x, (np.ndarray, list, tuple, float, int)):
        x = np.asarray(x)
        if not np.issubdtype(x.dtype, np.floating):
            x = x.astype("float32")
        norm = np.linalg.norm(x, ord=order, axis=axis, keepdims=True)
        norm = np.where(norm == 0, 1, norm).astype(x.dtype)
        return x / norm
    x = ops.convert_to_tensor(x)
    if not backend.is_float_dtype(backend.standardize_dtype(x.dtype)):
        x = ops.cast(x, "float32")
    norm = ops.power(ops.sum(ops.power(ops.abs(x), order), axis=axis, keepdims=True), 1.0 / order)
    norm = ops.where(ops.equal(norm, 0), ops.ones_like(norm), norm)
    return ops.divide(x, norm)
