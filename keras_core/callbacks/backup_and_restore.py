"""BackupAndRestore: resume an interrupted ``fit`` from the last backup."""

import json
import os
import shutil

from keras_core.callbacks.callback import Callback
from keras_core.callbacks.model_checkpoint import check_saving_available


class BackupAndRestore(Callback):
    """Backs up the weights and the epoch reached; a new ``fit`` resumes from them.

    At the start of ``fit``, if ``backup_dir`` holds a backup, the weights are
    loaded and training continues at the epoch after the backed-up one. The
    backup is deleted when ``fit`` completes (unless ``delete_checkpoint=False``).
    Needs ``Model.save_weights`` and ``Model.load_weights``.

    Args:
        backup_dir: the directory for the backup files.
        save_freq: ``"epoch"`` or a number of batches between backups.
        delete_checkpoint: delete the backup when training ends normally.

    Example:
    >>> backup = keras_core.callbacks.BackupAndRestore("/tmp/backup")
    """

    def __init__(self, backup_dir, save_freq="epoch", delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError("`backup_dir` must be a directory path. Received an empty value.")
        if save_freq != "epoch" and (
            isinstance(save_freq, bool) or not isinstance(save_freq, int) or save_freq < 1
        ):
            raise ValueError(
                f"`save_freq` must be 'epoch' or a positive int. Received: save_freq={save_freq!r}"
            )
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.delete_checkpoint = delete_checkpoint
        self._weights_path = os.path.join(self.backup_dir, "latest.weights.h5")
        self._state_path = os.path.join(self.backup_dir, "training_metadata.json")
        self._batches_seen = 0
        self._current_epoch = 0
        self.needs_model_state_per_batch = save_freq != "epoch"

    def on_train_begin(self, logs=None):
        check_saving_available(self.model, True, "BackupAndRestore")
        if not callable(getattr(self.model, "load_weights", None)):
            raise RuntimeError(
                "BackupAndRestore needs `Model.load_weights()`, which this keras_core build does "
                "not provide yet."
            )
        self._batches_seen = 0
        if os.path.exists(self._state_path) and os.path.exists(self._weights_path):
            with open(self._state_path) as f:
                state = json.load(f)
            self.model.load_weights(self._weights_path)
            self.model._initial_epoch = int(state["epoch"]) + (0 if state.get("partial") else 1)

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        self._batches_seen += 1
        if self._batches_seen % self.save_freq == 0:
            self._backup(self._current_epoch, partial=True)

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._backup(epoch, partial=False)

    def _backup(self, epoch, partial):
        os.makedirs(self.backup_dir, exist_ok=True)
        self.model.save_weights(self._weights_path, overwrite=True)
        with open(self._state_path, "w") as f:
            json.dump({"epoch": epoch, "partial": partial}, f)

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.isdir(self.backup_dir):
            shutil.rmtree(self.backup_dir)
