"""The convolution references against Keras 3's recordings, and keras_core's layers
against the references on the NumPy golden cases."""

from conformance.references.layers import _golden_io, convolution


class TestConvolutionReferences(_golden_io.FamilyTests):
    MODULE = convolution
