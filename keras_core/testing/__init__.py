"""Test helpers: the layer harness (one call checks a layer end to end)."""

from keras_core.testing.layer_harness import run_layer_test
