# The torch backend's math functions (see keras_core/backend/README.md).
