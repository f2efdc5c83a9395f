# The jax backend's nn functions (see keras_core/backend/README.md).
