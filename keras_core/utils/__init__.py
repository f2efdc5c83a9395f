"""keras_core.utils (growing)."""
