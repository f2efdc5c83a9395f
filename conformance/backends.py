"""Per-backend adapters the harness needs: tensors in and out, jit, gradients."""

import numpy as np

import keras_core
from keras_core import backend
from keras_core.backend.common import tree

NAME = backend.backend()


def to_backend(value):
    if isinstance(value, np.ndarray):
        return backend.convert_to_tensor(
            value, dtype=str(value.dtype) if value.dtype.kind != "V" else None
        )
    return value


def to_numpy(out):
    def conv(v):
        if backend.is_tensor(v) or isinstance(v, keras_core.Variable):
            return backend.convert_to_numpy(v)
        if isinstance(v, np.ndarray):
            return v
        return np.asarray(v)

    return tree.map_structure(conv, out)


UNSUPPORTED_FAMILIES = ("numpy", "nn", "math", "linalg", "image", "core", "random")


def declared_unsupported(op_name):
    """The reason the active backend declares ``op_name`` unsupported, or None.

    Only the ``UNSUPPORTED`` tables of the backend's op modules count: a
    NotImplementedError from an op that is not declared there is an error.

    Args:
        op_name: the registry name (``"qr"`` or ``"linalg.qr"``).

    Returns:
        The declared reason (a string) or None.
    """
    short = op_name.rsplit(".", 1)[-1]
    for family in UNSUPPORTED_FAMILIES:
        table = getattr(getattr(backend, family, None), "UNSUPPORTED", None) or {}
        for key in (op_name, short):
            if key in table:
                return str(table[key])
        for key, reason in table.items():
            # A qualified declaration, e.g. "dot_product_attention(flash_attention=True)".
            if str(key).startswith((f"{op_name}(", f"{short}(")):
                return f"{key}: {reason}"
    return None


def supports_jit():
    return NAME in ("jax", "tensorflow")


def supports_grad():
    return NAME in ("jax", "tensorflow", "torch")


def jit(fn):
    """Compiles ``fn`` (positional tensor args) with the backend's tracer."""
    if NAME == "jax":
        import jax

        return jax.jit(fn)
    if NAME == "tensorflow":
        import tensorflow as tf

        return tf.function(fn, reduce_retracing=False)
    raise ValueError(f"The {NAME} backend has no jit mode in the conformance suite.")


def grad(fn, args):
    """Gradients of the scalar ``fn(*args)`` with respect to every arg (backend autodiff)."""
    if NAME == "jax":
        import jax

        return [np.asarray(g) for g in jax.grad(fn, argnums=tuple(range(len(args))))(*args)]
    if NAME == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            for a in args:
                tape.watch(a)
            out = fn(*args)
        grads = tape.gradient(out, list(args))
        return [None if g is None else tf.convert_to_tensor(g).numpy() for g in grads]
    if NAME == "torch":
        import torch

        args = [a.detach().clone().requires_grad_(True) for a in args]
        out = fn(*args)
        grads = torch.autograd.grad(out, args, allow_unused=True)
        return [None if g is None else g.detach().numpy() for g in grads]
    raise ValueError(f"The {NAME} backend computes no gradients.")
