"""ProgbarLogger: prints the progress bar and metrics of fit/evaluate/predict."""

from keras_core.callbacks.callback import Callback
from keras_core.utils import io_utils
from keras_core.utils.progbar import Progbar


class ProgbarLogger(Callback):
    """Prints a progress bar per epoch (verbose=1) or one line per epoch (verbose=2).

    Added automatically by ``fit``/``evaluate``/``predict`` unless ``verbose=0``.
    Values are read from the (tensor) logs only when the bar is redrawn.
    """

    def __init__(self):
        super().__init__()
        self.needs_model_state_per_batch = False
        self.verbose = 1
        self.epochs = 1
        self.target = None
        self.progbar = None
        self._seen = 0
        self._in_fit = False

    def set_params(self, params):
        super().set_params(params)
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")

    def _reset(self):
        self.progbar = None
        self._seen = 0

    def _bar(self):
        if self.progbar is None:
            self.progbar = Progbar(
                target=self.target, verbose=self.verbose, stateful_metrics=None, unit_name="step"
            )
        return self.progbar

    def _update(self, batch, logs, finalize=False):
        bar = self._bar()
        logs = dict(logs or {})
        bar.stateful_metrics.update(logs)
        self._seen = batch + 1
        bar.update(self._seen, list(logs.items()), finalize=finalize)

    def on_train_begin(self, logs=None):
        self._in_fit = True

    def on_train_end(self, logs=None):
        self._in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        self._reset()
        if self.verbose and self.epochs > 1:
            io_utils.print_msg(f"Epoch {epoch + 1}/{self.epochs}")

    def on_train_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._update(max(self._seen - 1, 0), logs, finalize=True)

    def on_test_begin(self, logs=None):
        if not self._in_fit:
            self._reset()

    def on_test_batch_end(self, batch, logs=None):
        if not self._in_fit:
            self._update(batch, logs)

    def on_test_end(self, logs=None):
        if not self._in_fit:
            self._update(max(self._seen - 1, 0), logs, finalize=True)

    def on_predict_begin(self, logs=None):
        self._reset()

    def on_predict_batch_end(self, batch, logs=None):
        self._update(batch, None)

    def on_predict_end(self, logs=None):
        self._update(max(self._seen - 1, 0), None, finalize=True)
