# The torch backend's numpy functions (see keras_core/backend/README.md).
