"""History: records the epoch logs of ``fit`` (returned by ``fit``, and ``model.history``)."""

from keras_core.callbacks.callback import Callback


class History(Callback):
    """Collects every epoch's logs: ``history.history["loss"]`` is the per-epoch loss.

    Example:
    >>> history = model.fit(x, y, epochs=2, verbose=0)  # doctest: +SKIP
    >>> history.history["loss"]  # doctest: +SKIP
    [0.71, 0.52]
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []
        self.needs_model_state_per_batch = False

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        if self.model is not None:
            self.model.history = self
