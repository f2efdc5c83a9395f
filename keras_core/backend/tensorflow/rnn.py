# The tensorflow backend's rnn functions (see keras_core/backend/README.md).
