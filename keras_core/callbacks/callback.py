"""Callback: the base class of objects that hook into fit, evaluate and predict."""


class Callback:
    """Hooks called by ``fit``/``evaluate``/``predict`` at the start and end of each stage.

    Override any of the ``on_*`` methods. ``self.model`` is the model being
    trained and ``self.params`` holds ``verbose``, ``epochs`` and ``steps``.
    ``logs`` is a dict of the current metric values (at batch level they may be
    backend tensors; at epoch level they are Python floats).

    On the JAX backend the weights live outside the Variables while training
    runs; they are written back at the end of every epoch. A callback that reads
    or changes weights in a batch hook gets them written back around that hook
    automatically, unless it sets ``self.needs_model_state_per_batch = False``
    (for callbacks that only read ``logs``).

    Example:
    >>> class PrintLoss(keras_core.callbacks.Callback):
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         print(epoch, round(logs["loss"], 2))
    """

    def __init__(self):
        self.validation_data = None
        self._model = None
        self.params = {}

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        return self._model

    def _overrides_batch_hooks(self):
        names = (
            "on_batch_begin",
            "on_batch_end",
            "on_train_batch_begin",
            "on_train_batch_end",
        )
        return any(getattr(type(self), n) is not getattr(Callback, n) for n in names)

    @property
    def needs_model_state_per_batch(self):
        explicit = self.__dict__.get("_needs_model_state_per_batch")
        if explicit is not None:
            return explicit
        return self._overrides_batch_hooks()

    @needs_model_state_per_batch.setter
    def needs_model_state_per_batch(self, value):
        self._needs_model_state_per_batch = bool(value)

    def on_batch_begin(self, batch, logs=None):
        """Same as ``on_train_batch_begin`` (kept for compatibility)."""

    def on_batch_end(self, batch, logs=None):
        """Same as ``on_train_batch_end`` (kept for compatibility)."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch (``fit`` only)."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch with the epoch's logs (``val_*`` included)."""

    def on_train_batch_begin(self, batch, logs=None):
        """Called before a training batch."""
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        """Called after a training batch with the running metric values."""
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called before an evaluation batch."""

    def on_test_batch_end(self, batch, logs=None):
        """Called after an evaluation batch."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called before a prediction batch."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called after a prediction batch; ``logs["outputs"]`` holds the batch outputs."""

    def on_train_begin(self, logs=None):
        """Called at the start of ``fit``."""

    def on_train_end(self, logs=None):
        """Called at the end of ``fit`` with the last epoch's logs."""

    def on_test_begin(self, logs=None):
        """Called at the start of ``evaluate`` (also validation inside ``fit``)."""

    def on_test_end(self, logs=None):
        """Called at the end of ``evaluate`` with its logs."""

    def on_predict_begin(self, logs=None):
        """Called at the start of ``predict``."""

    def on_predict_end(self, logs=None):
        """Called at the end of ``predict``."""
