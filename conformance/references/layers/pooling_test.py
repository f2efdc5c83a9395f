"""The pooling references against Keras 3's recordings, and keras_core's layers
against the references on the NumPy golden cases."""

from conformance.references.layers import _golden_io, pooling


class TestPoolingReferences(_golden_io.FamilyTests):
    MODULE = pooling
