"""Mask and softmax rules shared by every attention layer (written once here)."""

from keras_core import backend, ops
from keras_core.backend.common.keras_tensor import KerasTensor


def large_negative(dtype):
    """The additive mask value: -1e9, or a value float16 can hold."""
    return -65504.0 if backend.standardize_dtype(dtype) == "float16" else -1e9


def masked_softmax(scores, mask, axis):
    """Softmax over ``axis`` (an int or a tuple) where ``mask`` is True.

    Masked logits get ``large_negative`` added before the softmax, and the
    probabilities are multiplied by the mask afterwards, so a fully masked
    row gives zeros (as Keras 3's Softmax layer).
    """
    if mask is not None:
        keep = ops.cast(mask, scores.dtype)
        scores = ops.add(scores, ops.multiply(1.0 - keep, large_negative(scores.dtype)))
    if isinstance(axis, (tuple, list)) and len(axis) > 1:
        probs = ops.exp(ops.subtract(scores, ops.logsumexp(scores, axis=axis, keepdims=True)))
    else:
        probs = ops.softmax(scores, axis=axis[0] if isinstance(axis, (tuple, list)) else axis)
    if mask is not None:
        probs = ops.multiply(probs, ops.cast(mask, probs.dtype))
    return probs


def causal_mask(target_length, source_length):
    """``(1, T, S)`` bool: target ``i`` sees sources ``j <= i`` (top-left aligned)."""
    rows = ops.expand_dims(ops.arange(target_length), 1)
    cols = ops.expand_dims(ops.arange(source_length), 0)
    return ops.expand_dims(ops.greater_equal(rows, cols), 0)


def sliding_window_mask(target_length, source_length, window):
    """``(1, T, S)`` bool: target ``i`` sees sources with ``|i - j| < window``."""
    rows = ops.expand_dims(ops.arange(target_length), 1)
    cols = ops.expand_dims(ops.arange(source_length), 0)
    return ops.expand_dims(ops.less(ops.abs(ops.subtract(rows, cols)), window), 0)


def _and(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return ops.logical_and(a, b)


def attention_mask_from(
    query,
    value,
    query_mask=None,
    value_mask=None,
    key_mask=None,
    attention_mask=None,
    use_causal_mask=False,
    sliding_window=None,
):
    """The ``(B, T, S)`` (or broadcastable) bool mask of a multi-head attention call.

    Combines the padding masks (``query_mask`` ``(B, T)``, ``value_mask`` and
    ``key_mask`` ``(B, S)``), the causal mask, the sliding window and the
    explicit ``attention_mask`` with a logical and; None when there is no mask.
    """
    mask = None
    if query_mask is not None:
        mask = ops.expand_dims(ops.cast(query_mask, "bool"), -1)
    for m in (value_mask, key_mask):
        if m is not None:
            mask = _and(mask, ops.expand_dims(ops.cast(m, "bool"), -2))
    t_len, s_len = query.shape[1], value.shape[1]
    if use_causal_mask:
        mask = _and(mask, causal_mask(t_len, s_len))
    if sliding_window is not None:
        mask = _and(mask, sliding_window_mask(t_len, s_len, sliding_window))
    if attention_mask is not None:
        mask = _and(ops.cast(attention_mask, "bool"), mask)
    return mask


def keras_mask(x):
    """The ``_keras_mask`` of a tensor (eager or symbolic), or None."""
    return getattr(x, "_keras_mask", None) if x is not None else None


def is_symbolic(*xs):
    return any(isinstance(x, KerasTensor) for x in xs)


def check_dropout(rate, layer):
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError(
            f"{layer}: `dropout` must be a float in [0, 1]. Received: dropout={rate!r}"
        )
    return float(rate)


def check_sliding_window(window, layer):
    if window is None:
        return None
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(
            f"{layer}: `sliding_window` must be None or a positive int. "
            f"Received: sliding_window={window!r}"
        )
    return window


def check_batch_sizes(layer, query, value, key=None):
    """A ValueError naming ``layer`` and the shapes when the (static) batch sizes differ."""
    shapes = {"query": tuple(query.shape), "value": tuple(value.shape)}
    if key is not None:
        shapes["key"] = tuple(key.shape)
    sizes = {s[0] for s in shapes.values() if s and s[0] is not None}
    if len(sizes) > 1:
        received = ", ".join(f"{name}.shape={shape}" for name, shape in shapes.items())
        raise ValueError(
            f"{type(layer).__name__} {layer.name!r}: query, value and key must have the same "
            f"batch size. Received: {received}"
        )
