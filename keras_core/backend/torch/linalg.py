# The torch backend's linalg functions (see keras_core/backend/README.md).
