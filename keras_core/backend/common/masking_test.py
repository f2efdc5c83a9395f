"""set_keras_mask / get_keras_mask: attributes, and the side table for attribute-less tensors."""

import gc

import numpy as np

from keras_core.backend.common import masking


class _NoAttributes:
    """Takes no new attributes (like a JAX tracer) but can be weakly referenced."""

    __slots__ = ("__weakref__",)


def test_attribute_tensors_carry_the_mask():
    class Tensor:
        pass

    t = Tensor()
    masking.set_keras_mask(t, "m")
    assert t._keras_mask == "m"
    assert masking.get_keras_mask(t) == "m"
    masking.set_keras_mask(t, None)
    assert masking.get_keras_mask(t) is None


def test_side_table_for_tensors_without_attributes():
    a, b = _NoAttributes(), _NoAttributes()
    mask = np.array([True, False])
    masking.set_keras_mask(a, mask)
    assert masking.get_keras_mask(a) is mask
    assert masking.get_keras_mask(b) is None
    masking.set_keras_mask(a, None)
    assert masking.get_keras_mask(a) is None
    assert id(a) not in masking._SIDE_TABLE


def test_side_table_entry_dies_with_its_tensor():
    a = _NoAttributes()
    masking.set_keras_mask(a, np.array([1]))
    key = id(a)
    assert key in masking._SIDE_TABLE
    del a
    gc.collect()
    assert key not in masking._SIDE_TABLE


def test_recycled_id_does_not_return_a_stale_mask():
    a = _NoAttributes()
    masking.set_keras_mask(a, "stale")
    ref, _ = masking._SIDE_TABLE[id(a)]
    other = _NoAttributes()
    # Simulate id reuse: the entry for ``other``'s id points at a different tensor.
    masking._SIDE_TABLE[id(other)] = (ref, "stale")
    assert masking.get_keras_mask(other) is None
    masking._SIDE_TABLE.pop(id(other), None)
    masking.set_keras_mask(a, None)


def test_objects_without_weakrefs_are_left_alone():
    masking.set_keras_mask(3, "m")
    assert masking.get_keras_mask(3) is None
