# The jax backend's linalg functions (see keras_core/backend/README.md).
