"""Attaching a Keras mask to a tensor: ``set_keras_mask`` / ``get_keras_mask``.

A mask travels with a tensor as its ``_keras_mask`` attribute. Tensor types
that take no attributes (JAX tracers inside ``jax.jit``) keep it in a side
table instead, keyed by the tensor's id and checked against a weak reference
to the tensor, so a recycled id never returns another tensor's mask and the
entry disappears with the tensor.
"""

import weakref

_SIDE_TABLE = {}


def set_keras_mask(x, mask):
    """Attaches ``mask`` to ``x`` (None removes it); never raises for a tensor type."""
    try:
        x._keras_mask = mask
        return
    except AttributeError:
        pass
    key = id(x)
    if mask is None:
        _SIDE_TABLE.pop(key, None)
        return
    try:
        ref = weakref.ref(x, lambda _, key=key: _SIDE_TABLE.pop(key, None))
    except TypeError:
        return
    _SIDE_TABLE[key] = (ref, mask)


def get_keras_mask(x):
    """The mask attached to ``x`` by ``set_keras_mask`` (or a layer call), or None."""
    mask = getattr(x, "_keras_mask", None)
    if mask is not None or not _SIDE_TABLE:
        return mask
    entry = _SIDE_TABLE.get(id(x))
    if entry is not None and entry[0]() is x:
        return entry[1]
    return None
