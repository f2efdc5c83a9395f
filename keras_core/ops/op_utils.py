"""Shape helpers shared by op declarations (symbolic shape inference and checks)."""

import operator


def broadcast_shapes(shape1, shape2, op_name="broadcast"):
    """NumPy broadcasting of two shapes that may hold ``None`` (unknown) dims."""
    shape1, shape2 = tuple(shape1), tuple(shape2)
    n = max(len(shape1), len(shape2))
    a = (1,) * (n - len(shape1)) + shape1
    b = (1,) * (n - len(shape2)) + shape2
    out = []
    for d1, d2 in zip(a, b):
        if d1 == 1:
            out.append(d2)
        elif d2 == 1:
            out.append(d1)
        elif d1 is None or d2 is None:
            out.append(d1 if d2 is None else d2)
        elif d1 == d2:
            out.append(d1)
        else:
            raise ValueError(
                f"{op_name}: shapes {shape1} and {shape2} cannot be broadcast together."
            )
    return tuple(out)


def canonicalize_axis(axis, ndim, op_name="op", argument="axis"):
    """Returns ``axis`` as a non-negative int, checking it against ``ndim``."""
    try:
        axis = operator.index(axis)
    except TypeError as e:
        raise TypeError(
            f"{op_name}: `{argument}` must be an int. Received: {argument}={axis!r}"
        ) from e
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op_name}: `{argument}`={axis} is out of range for a tensor of rank {ndim} "
            f"(valid: {-ndim} to {ndim - 1})."
        )
    return axis % ndim if ndim else 0


def standardize_axis(axis, ndim, op_name="op", argument="axis"):
    """``None`` -> all axes; an int or a sequence -> a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (list, tuple)):
        axes = tuple(canonicalize_axis(a, ndim, op_name, argument) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{op_name}: `{argument}` has repeated axes. Received: {axis}")
        return tuple(sorted(axes))
    return (canonicalize_axis(axis, ndim, op_name, argument),)


def reduce_shape(shape, axis=None, keepdims=False, op_name="reduce"):
    """The shape after reducing ``axis`` (None: all) of ``shape``."""
    shape = tuple(shape)
    axes = standardize_axis(axis, len(shape), op_name)
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def shape_of(x):
    """The shape of a tensor, KerasTensor, array or Python value (a tuple)."""
    if hasattr(x, "shape"):
        return tuple(x.shape)
    if isinstance(x, (int, float, bool, complex)):
        return ()
    import numpy as np

    return np.shape(x)
