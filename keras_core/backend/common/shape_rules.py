"""Shape formulas shared by the ops layer and every backend: ONE definition each.

Windowed ops (convolution, transposed convolution, pooling, unfold) agree on
their output lengths and on where "same" padding goes because they all call
these functions; a backend never restates a formula.

All functions work on one spatial dimension at a time with Python ints
(``size`` may be ``None`` for an unknown symbolic dimension).
"""


def effective_kernel(kernel: int, dilation: int = 1) -> int:
    """The extent of a dilated window: ``(kernel - 1) * dilation + 1``."""
    return (kernel - 1) * dilation + 1


def conv_output_length(size, kernel, stride, padding, dilation=1):
    """Output positions of a window of ``kernel`` (dilated) sliding over ``size``.

    ``padding="same"`` gives ``ceil(size / stride)``; ``"valid"`` (and
    ``"causal"``, which pads on the left to the same total) follow the usual
    floor formula, never below zero.

    >>> conv_output_length(10, 3, 2, "valid")
    4
    >>> conv_output_length(10, 3, 2, "same")
    5
    """
    if size is None:
        return None
    if padding in ("same", "causal"):
        return -(-size // stride)
    if kernel is None:
        return None
    return max((size - effective_kernel(kernel, dilation)) // stride + 1, 0)


def same_padding(size, kernel, stride, dilation=1):
    """``(before, after)`` padding of TensorFlow's "same": the odd unit goes after.

    >>> same_padding(5, 3, 2)
    (1, 1)
    >>> same_padding(4, 2, 1)
    (0, 1)
    """
    out = -(-size // stride)
    total = max((out - 1) * stride + effective_kernel(kernel, dilation) - size, 0)
    return total // 2, total - total // 2


def deconv_output_length(size, kernel, stride, padding, output_padding=None, dilation=1):
    """Output length of a transposed convolution (Keras' formula).

    >>> deconv_output_length(4, 3, 2, "valid")
    9
    >>> deconv_output_length(4, 3, 2, "same")
    8
    >>> deconv_output_length(4, 3, 2, "same", output_padding=0)
    7
    """
    if size is None or kernel is None:
        return None
    eff = effective_kernel(kernel, dilation)
    if output_padding is None:
        if padding == "valid":
            return size * stride + max(eff - stride, 0)
        return size * stride
    pad = eff // 2 if padding == "same" else 0
    return (size - 1) * stride + eff - 2 * pad + output_padding


def deconv_padding(size, kernel, stride, padding, output_padding=None, dilation=1):
    """Explicit padding for a transposed convolution written as a forward one.

    A transposed convolution equals a stride-1 convolution of the input
    dilated by ``stride`` (``(size - 1) * stride + 1`` positions) with the
    flipped kernel. Returns ``(length, (before, after))``: the output length
    (``deconv_output_length``) and the padding of the dilated input that
    yields exactly that length.

    >>> deconv_padding(4, 3, 2, "same")
    (8, (2, 1))
    """
    length = deconv_output_length(size, kernel, stride, padding, output_padding, dilation)
    eff = effective_kernel(kernel, dilation)
    if padding == "same":
        forward_before = max((size - 1) * stride + eff - length, 0) // 2
    else:
        forward_before = 0
    before = eff - 1 - forward_before
    after = length - 1 + eff - ((size - 1) * stride + 1) - before
    return length, (before, after)
