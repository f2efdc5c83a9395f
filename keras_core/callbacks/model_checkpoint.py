"""ModelCheckpoint: save the model (or its weights) during training."""

import os

from keras_core.callbacks import monitor_utils
from keras_core.callbacks.callback import Callback
from keras_core.utils import io_utils


def check_saving_available(model, weights_only, callback_name):
    """Raises a clear error when the model cannot be saved the requested way."""
    method = "save_weights" if weights_only else "save"
    if not callable(getattr(model, method, None)):
        raise RuntimeError(
            f"{callback_name}: saving needs `Model.{method}()`, which this keras_core build does "
            f"not provide yet. "
            + (
                "Use save_weights_only=True if Model.save_weights() is available."
                if not weights_only
                else "Saving support (keras_core.saving) is not installed in this build."
            )
        )


class ModelCheckpoint(Callback):
    """Saves the model or its weights every epoch (or every ``save_freq`` batches).

    Args:
        filepath: where to save; may hold format fields from the epoch and logs,
            e.g. ``"model.{epoch:02d}-{val_loss:.2f}.weights.h5"``. Must end in
            ``.weights.h5`` with ``save_weights_only=True`` and ``.keras`` otherwise.
        monitor: the logged quantity for ``save_best_only``.
        verbose: 1 prints a message on each save.
        save_best_only: save only when ``monitor`` improves.
        save_weights_only: save with ``model.save_weights`` instead of ``model.save``.
        mode: ``"min"``, ``"max"`` or ``"auto"``.
        save_freq: ``"epoch"`` or a number of batches.
        initial_value_threshold: the value ``monitor`` must beat for the first save.

    Example:
    >>> ckpt = keras_core.callbacks.ModelCheckpoint("best.weights.h5", save_weights_only=True)
    """

    def __init__(
        self,
        filepath,
        monitor="val_loss",
        verbose=0,
        save_best_only=False,
        save_weights_only=False,
        mode="auto",
        save_freq="epoch",
        initial_value_threshold=None,
    ):
        super().__init__()
        self.filepath = os.fspath(filepath)
        if save_weights_only and not self.filepath.endswith(".weights.h5"):
            raise ValueError(
                "With save_weights_only=True, `filepath` must end in `.weights.h5`. "
                f"Received: filepath={self.filepath}"
            )
        if not save_weights_only and not self.filepath.endswith(".keras"):
            raise ValueError(
                "With save_weights_only=False, `filepath` must end in `.keras`. "
                f"Received: filepath={self.filepath}"
            )
        if save_freq != "epoch" and (
            isinstance(save_freq, bool) or not isinstance(save_freq, int) or save_freq < 1
        ):
            raise ValueError(
                f"`save_freq` must be 'epoch' or a positive int. Received: save_freq={save_freq!r}"
            )
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.mode = monitor_utils.resolve_mode(monitor, mode, "ModelCheckpoint")
        self.save_freq = save_freq
        self.best = initial_value_threshold
        self._batches_seen = 0
        self._current_epoch = 0
        self.needs_model_state_per_batch = save_freq != "epoch"

    def on_train_begin(self, logs=None):
        check_saving_available(self.model, self.save_weights_only, "ModelCheckpoint")
        self._batches_seen = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        self._batches_seen += 1
        if self._batches_seen % self.save_freq == 0:
            self._save(self._current_epoch, batch, self._python_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save(epoch, None, logs or {})

    @staticmethod
    def _python_logs(logs):
        from keras_core.trainers.trainer import Trainer

        return Trainer._pythonify_logs(logs)

    def _file_path(self, epoch, batch, logs):
        try:
            return self.filepath.format(epoch=epoch + 1, batch=batch, **logs)
        except KeyError as e:
            raise KeyError(
                f"ModelCheckpoint: `filepath` {self.filepath!r} refers to {e}, which is not in "
                f"the logs. Available: {sorted(logs)}"
            ) from e

    def _save(self, epoch, batch, logs):
        path = self._file_path(epoch, batch, logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                monitor_utils.get_monitor_value(logs, self.monitor, "ModelCheckpoint")
                return
            current = float(current)
            if not monitor_utils.is_improvement(current, self.best, self.mode, 0.0):
                if self.verbose > 0:
                    io_utils.print_msg(
                        f"Epoch {epoch + 1}: {self.monitor} did not improve from {self.best}"
                    )
                return
            if self.verbose > 0:
                io_utils.print_msg(
                    f"Epoch {epoch + 1}: {self.monitor} improved from {self.best} to {current}, "
                    f"saving model to {path}"
                )
            self.best = current
        elif self.verbose > 0:
            io_utils.print_msg(f"Epoch {epoch + 1}: saving model to {path}")
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(path, overwrite=True)
        else:
            self.model.save(path, overwrite=True)
