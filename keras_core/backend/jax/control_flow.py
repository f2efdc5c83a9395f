"""The jax backend's ops of ``keras_core/ops/control_flow.py``.

This module is ``keras_core.backend.control_flow`` when jax is the backend.
"""

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from keras_core.backend.jax.core import Variable, convert_to_tensor


def _tensor_leaves(structure):
    def convert(v):
        if isinstance(v, (bool, int, float, complex, np.ndarray, np.generic, Variable)):
            return convert_to_tensor(v)
        return v

    return jax.tree_util.tree_map(convert, structure)


def _scalar_pred(pred, op):
    pred = convert_to_tensor(pred)
    if pred.size != 1:
        raise ValueError(
            f"{op}: `pred` must be a scalar boolean. Received: pred.shape={tuple(pred.shape)}"
        )
    return pred.reshape(()).astype(bool)


def cond(pred, true_fn, false_fn):
    return lax.cond(_scalar_pred(pred, "cond"), lambda: true_fn(), lambda: false_fn())


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_seq = isinstance(loop_vars, (list, tuple))
    state = tuple(loop_vars) if is_seq else (loop_vars,)
    state = _tensor_leaves(state)

    def unpack(outputs):
        outputs = tuple(outputs) if is_seq else (outputs,)
        if len(outputs) != len(state):
            raise ValueError(
                f"while_loop: `body` must return {len(state)} loop variables. "
                f"Received: {len(outputs)}"
            )
        return _tensor_leaves(outputs)

    if maximum_iterations is None:
        out = lax.while_loop(
            lambda s: _scalar_pred(cond(*s), "while_loop"), lambda s: unpack(body(*s)), state
        )
    else:
        limit = convert_to_tensor(maximum_iterations).astype("int32")

        def keep_going(s):
            return _scalar_pred(cond(*s[0]), "while_loop") & (s[1] < limit)

        out, _ = lax.while_loop(
            keep_going, lambda s: (unpack(body(*s[0])), s[1] + 1), (state, jnp.int32(0))
        )
    if not is_seq:
        return out[0]
    return list(out) if isinstance(loop_vars, list) else tuple(out)


def fori_loop(lower, upper, body_fun, init_val):
    return lax.fori_loop(lower, upper, body_fun, _tensor_leaves(init_val))


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None and length is None:
        raise ValueError("scan: give `xs` or `length`. Received: xs=None, length=None")
    if not isinstance(unroll, bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(f"scan: `unroll` must be a positive int or a bool. Received: {unroll!r}")
    return lax.scan(
        f,
        _tensor_leaves(init),
        _tensor_leaves(xs),
        length=length,
        reverse=reverse,
        unroll=unroll,
    )


def associative_scan(f, elems, reverse=False, axis=0):
    return lax.associative_scan(f, _tensor_leaves(elems), reverse=reverse, axis=axis)


def switch(index, branches, *operands):
    index = convert_to_tensor(index).astype("int32")
    return lax.switch(index, branches, *operands)


def map(f, xs):
    return lax.map(f, _tensor_leaves(xs))


def vectorized_map(function, elements):
    return jax.vmap(function)(_tensor_leaves(elements))
