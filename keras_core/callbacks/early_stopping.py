"""EarlyStopping: stop training when a monitored quantity stops improving."""

import warnings

import numpy as np

from keras_core.callbacks import monitor_utils
from keras_core.callbacks.callback import Callback
from keras_core.utils import io_utils


def _copy_weights(model):
    # Copies: on some backends an array from get_weights() may share memory with the variable.
    return [np.array(w, copy=True) for w in model.get_weights()]


class EarlyStopping(Callback):
    """Stops ``fit`` after ``patience`` epochs without improvement of ``monitor``.

    Args:
        monitor: the logged quantity to watch (``"val_loss"``).
        min_delta: the smallest change that counts as an improvement.
        patience: epochs without improvement before stopping.
        verbose: 1 prints a message when stopping.
        mode: ``"min"``, ``"max"`` or ``"auto"`` (from the name).
        baseline: a value the quantity must beat; no improvement counts until then.
        restore_best_weights: at the end, set the weights of the best epoch.
        start_from_epoch: epochs to wait before monitoring starts.

    Example:
    >>> stop = keras_core.callbacks.EarlyStopping(monitor="loss", patience=2)
    >>> stop.patience
    2
    """

    def __init__(
        self,
        monitor="val_loss",
        min_delta=0,
        patience=0,
        verbose=0,
        mode="auto",
        baseline=None,
        restore_best_weights=False,
        start_from_epoch=0,
    ):
        super().__init__()
        if not isinstance(patience, int) or patience < 0:
            raise ValueError(f"`patience` must be a non-negative int. Received: {patience!r}")
        self.monitor = monitor
        self.min_delta = abs(min_delta)
        self.patience = patience
        self.verbose = verbose
        self.mode = monitor_utils.resolve_mode(monitor, mode, "EarlyStopping")
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.needs_model_state_per_batch = False
        self._reset()

    def _reset(self):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        current = monitor_utils.get_monitor_value(logs, self.monitor, "EarlyStopping")
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = _copy_weights(self.model)
        self.wait += 1
        if monitor_utils.is_improvement(current, self.best, self.mode, self.min_delta):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = _copy_weights(self.model)
            # The wait restarts only once the baseline (if any) is beaten too.
            if self.baseline is None or monitor_utils.is_improvement(
                current, self.baseline, self.mode, self.min_delta
            ):
                self.wait = 0
                return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            io_utils.print_msg(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                io_utils.print_msg(
                    f"Restoring model weights from the end of the best epoch: {self.best_epoch + 1}."
                )
            self.model.set_weights(self.best_weights)
        elif self.restore_best_weights and self.best is None:
            warnings.warn(
                "EarlyStopping(restore_best_weights=True) never saw the monitored value; "
                "the weights were not restored.",
                stacklevel=2,
            )
