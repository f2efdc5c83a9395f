# The torch backend's image functions (see keras_core/backend/README.md).
