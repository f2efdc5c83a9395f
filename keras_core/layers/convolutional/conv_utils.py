"""Argument checks shared by the convolution and pooling layers.

Every check raises a ``ValueError`` that names the layer, the argument, what
was expected and what was received. Output lengths are never computed here:
they come from ``keras_core.backend.common.shape_rules``.
"""

import operator

from keras_core import backend
from keras_core.backend.common import shape_rules


def standardize_tuple(value, n, name, layer, allow_zero=False):
    """An int or a sequence of ``n`` ints -> a tuple of ``n`` ints (> 0, or >= 0).

    Example:
    >>> standardize_tuple(3, 2, "kernel_size", "Conv2D")
    (3, 3)
    """
    try:
        if isinstance(value, (list, tuple)):
            out = tuple(operator.index(v) for v in value)
        else:
            out = (operator.index(value),)
        if isinstance(value, bool) or any(isinstance(v, bool) for v in out):
            raise TypeError
    except TypeError:
        raise ValueError(
            f"{layer}: `{name}` must be an int or a tuple of {n} ints. Received: {name}={value!r}"
        ) from None
    if len(out) == 1 and not isinstance(value, (list, tuple)):
        out = out * n
    if len(out) != n:
        raise ValueError(
            f"{layer}: `{name}` must be an int or a tuple of {n} ints. Received: {name}={value!r}"
        )
    minimum = 0 if allow_zero else 1
    if any(v < minimum for v in out):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(
            f"{layer}: every value of `{name}` must be {bound}. Received: {name}={value!r}"
        )
    return out


def standardize_padding(value, layer, allow_causal=False):
    """``"valid"``, ``"same"`` (or ``"causal"`` when allowed), lower-cased."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ValueError(
            f"{layer}: `padding` must be one of {allowed}. Received: padding={value!r}"
        )
    return value.lower()


def standardize_data_format(value, layer):
    """``"channels_last"``/``"channels_first"``; None -> ``image_data_format()``."""
    if value is None:
        return backend.image_data_format()
    if not isinstance(value, str) or value.lower() not in ("channels_last", "channels_first"):
        raise ValueError(
            f"{layer}: `data_format` must be 'channels_last' or 'channels_first'. "
            f"Received: data_format={value!r}"
        )
    return value.lower()


def positive_int(value, name, layer, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{layer}: `{name}` must be a positive int. Received: {name}={value!r}")
    return value


def split_shape(shape, data_format):
    """``(batch, spatial, channels)`` of an input shape."""
    shape = tuple(shape)
    if data_format == "channels_last":
        return shape[0], shape[1:-1], shape[-1]
    return shape[0], shape[2:], shape[1]


def join_shape(batch, spatial, channels, data_format):
    if data_format == "channels_last":
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def conv_spatial(spatial, kernel, strides, padding, dilation):
    return tuple(
        shape_rules.conv_output_length(n, k, s, padding, d)
        for n, k, s, d in zip(spatial, kernel, strides, dilation)
    )


def check_window_fits(spatial, kernel, dilation, padding, layer, input_shape):
    """With ``"valid"`` padding, the (dilated) window must fit in the input."""
    if padding != "valid":
        return
    for n, k, d in zip(spatial, kernel, dilation):
        if n is not None and shape_rules.effective_kernel(k, d) > n:
            raise ValueError(
                f"{layer}: the input is too small for the window with padding='valid': "
                f"window {tuple(kernel)} (dilation {tuple(dilation)}) over spatial shape "
                f"{tuple(spatial)}. Received: input_shape={tuple(input_shape)}"
            )
