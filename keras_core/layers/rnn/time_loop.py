"""The time loop shared by every recurrent layer, written against ``keras_core.ops``.

``run_time_loop`` steps a function over axis 1 of a ``(batch, time, ...)``
tensor. It uses ``ops.scan`` (a ``lax.scan`` under jax, a ``tf.while_loop``
under tensorflow, a Python loop under torch), so it traces once under
``jax.jit`` / ``tf.function`` and keeps autograd history under torch; with
``unroll=True`` it is a Python loop over the (static) time steps instead.

Masked steps (``mask[b, t]`` False) leave that sample's states unchanged and
repeat its previous output (zeros before the first unmasked step), or output
zeros when ``zero_output_for_mask``: right-padded and left-padded sequences
give the same final states as the unpadded ones.
"""

from typing import Any, Callable

from keras_core import ops
from keras_core.backend.common import tree

Tensor = Any


def _time_major(x: Tensor) -> Tensor:
    rank = len(x.shape)
    return ops.transpose(x, (1, 0) + tuple(range(2, rank)))


def _select(step_mask: Tensor, new: Tensor, old: Tensor) -> Tensor:
    """``new`` where the sample's step is unmasked, ``old`` elsewhere."""
    m = step_mask
    for _ in range(len(new.shape) - 1):
        m = ops.expand_dims(m, -1)
    return ops.where(m, new, old)


def _match(new_states: list, old_states: list, where: str) -> list:
    if len(new_states) != len(old_states):
        raise ValueError(
            f"{where}: the cell returned {len(new_states)} state tensors but received "
            f"{len(old_states)}. A cell must return as many states as its `state_size` declares."
        )
    out = []
    for n, o in zip(new_states, old_states):
        if n.dtype != o.dtype:
            n = ops.cast(n, o.dtype)
        out.append(n)
    return out


def run_time_loop(
    step_function: Callable,
    inputs: Tensor,
    initial_states: list,
    mask: Tensor | None = None,
    go_backwards: bool = False,
    unroll: bool = False,
    zero_output_for_mask: bool = False,
) -> tuple:
    """Runs ``step_function`` over the time axis (axis 1) of ``inputs``.

    Args:
        step_function: ``(x_t, states) -> (output_t, new_states)`` where
            ``states`` and ``new_states`` are flat lists of tensors of the same
            length, shapes and dtypes.
        inputs: a ``(batch, time, ...)`` tensor.
        initial_states: a flat list of ``(batch, ...)`` tensors.
        mask: an optional ``(batch, time)`` boolean tensor.
        go_backwards: process the steps from last to first (the outputs are
            then in that reversed order, as Keras returns them).
        unroll: use a Python loop over the steps (needs a static time length).
        zero_output_for_mask: masked steps output zeros instead of repeating
            the previous output.

    Returns:
        ``(last_output, outputs, final_states)``: the output of the last step
        processed, all outputs ``(batch, time, ...)`` and the list of final states.

    Example:
    >>> def step(x, states):
    ...     s = states[0] + x
    ...     return s, [s]
    >>> x = keras_core.ops.ones((1, 3, 2))
    >>> last, outs, states = run_time_loop(step, x, [keras_core.ops.zeros((1, 2))])
    >>> [float(v) for v in keras_core.ops.convert_to_numpy(last)[0]]
    [3.0, 3.0]
    """
    xs = _time_major(inputs)
    initial_states = list(initial_states)
    steps = xs.shape[0]
    if unroll and steps is None:
        raise ValueError(
            "Cannot unroll a RNN when the number of time steps is unknown: pass inputs with a "
            f"static time dimension or set unroll=False. Received: inputs.shape={inputs.shape}"
        )
    if mask is not None:
        mask = ops.cast(mask, "bool")
        if len(mask.shape) != 2:
            raise ValueError(
                "The RNN mask must have shape (batch, time). "
                f"Received: mask.shape={tuple(mask.shape)}"
            )
        mask_tm = ops.transpose(mask, (1, 0))
    if go_backwards:
        xs = ops.flip(xs, axis=0)
        if mask is not None:
            mask_tm = ops.flip(mask_tm, axis=0)

    def plain_step(states, x):
        output, new_states = step_function(x, states)
        return _match(tree.flatten(new_states), states, "RNN step"), output

    if mask is None:
        body = plain_step
        carry0 = initial_states
        seq = xs
    else:
        # The previous output starts as zeros of the output's shape; the first
        # output is computed once only for its shape (compilers drop the work).
        first_output, _ = step_function(xs[0], initial_states)
        carry0 = (initial_states, ops.zeros_like(first_output))
        seq = (xs, mask_tm)

        def body(carry, inp):
            states, prev_output = carry
            x, step_mask = inp
            output, new_states = step_function(x, states)
            new_states = _match(tree.flatten(new_states), states, "RNN step")
            new_states = [_select(step_mask, n, o) for n, o in zip(new_states, states)]
            fallback = ops.zeros_like(output) if zero_output_for_mask else prev_output
            output = _select(step_mask, output, ops.cast(fallback, output.dtype))
            return (new_states, output), output

    if unroll:
        carry, ys = carry0, []
        for t in range(steps):
            step_in = (seq[0][t], seq[1][t]) if mask is not None else seq[t]
            carry, y = body(carry, step_in)
            ys.append(y)
        outputs_tm = ops.stack(ys, axis=0)
    else:
        carry, outputs_tm = ops.scan(body, carry0, seq)
    final_states = carry if mask is None else carry[0]
    last_output = outputs_tm[-1]
    return last_output, _time_major(outputs_tm), list(final_states)
