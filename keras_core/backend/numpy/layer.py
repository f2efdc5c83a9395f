from keras_core.backend.common.backend_layer import BackendLayer  # noqa: F401
