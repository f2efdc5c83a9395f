"""pad_sequences: lists of sequences of different lengths to one 2-D array."""

import numpy as np


def pad_sequences(
    sequences,
    maxlen: int | None = None,
    dtype: str = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value=0.0,
):
    """Pads (and truncates) a list of sequences to a ``(num_sequences, maxlen)`` array.

    Args:
        sequences: a list of sequences (lists or arrays); each item may itself be
            an array, whose shape then gives the trailing axes of the result.
        maxlen: the output length; the longest sequence's length when None.
        dtype: the output dtype (``"object"`` or a string dtype keeps strings).
        padding: ``"pre"`` or ``"post"``: pad at the start or at the end.
        truncating: ``"pre"`` or ``"post"``: drop values from the start or the end
            of sequences longer than ``maxlen``.
        value: the padding value.

    Returns:
        A NumPy array of shape ``(len(sequences), maxlen) + item_shape``.

    Example:
    >>> pad_sequences([[1, 2, 3], [4]], maxlen=2)
    array([[2, 3],
           [0, 4]], dtype=int32)
    >>> pad_sequences([[1, 2, 3], [4]], padding="post")
    array([[1, 2, 3],
           [4, 0, 0]], dtype=int32)
    """
    if not hasattr(sequences, "__len__"):
        raise ValueError(
            f"`sequences` must be a list of sequences. Received: sequences={sequences!r}"
        )
    if padding not in ("pre", "post"):
        raise ValueError(f'`padding` must be "pre" or "post". Received: padding={padding!r}')
    if truncating not in ("pre", "post"):
        raise ValueError(
            f'`truncating` must be "pre" or "post". Received: truncating={truncating!r}'
        )
    if maxlen is not None and (isinstance(maxlen, bool) or int(maxlen) != maxlen or maxlen < 0):
        raise ValueError(f"`maxlen` must be a non-negative integer. Received: maxlen={maxlen!r}")
    lengths = []
    item_shape = None
    for i, seq in enumerate(sequences):
        if not hasattr(seq, "__len__"):
            raise ValueError(
                f"Every entry of `sequences` must be a sequence. Received: sequences[{i}]={seq!r}"
            )
        lengths.append(len(seq))
        if item_shape is None and len(seq):
            item_shape = np.asarray(seq).shape[1:]
    item_shape = item_shape or ()
    if maxlen is None:
        maxlen = max(lengths) if lengths else 0
    maxlen = int(maxlen)
    is_text = np.issubdtype(np.dtype(dtype), np.str_) or np.dtype(dtype) == object
    if isinstance(value, str) and not is_text:
        raise ValueError(
            f"`dtype` {dtype!r} cannot hold the string padding `value`={value!r}; use "
            'dtype="object" or a string dtype.'
        )
    out = np.full((len(sequences), maxlen) + tuple(item_shape), value, dtype=dtype)
    for i, seq in enumerate(sequences):
        if not len(seq) or not maxlen:
            continue
        trunc = seq[-maxlen:] if truncating == "pre" else seq[:maxlen]
        trunc = np.asarray(trunc, dtype=dtype)
        if trunc.shape[1:] != tuple(item_shape):
            raise ValueError(
                f"Every item of `sequences` must have shape {tuple(item_shape)}. Received: "
                f"sequences[{i}] with item shape {trunc.shape[1:]}"
            )
        if padding == "post":
            out[i, : len(trunc)] = trunc
        else:
            out[i, maxlen - len(trunc) :] = trunc
    return out
