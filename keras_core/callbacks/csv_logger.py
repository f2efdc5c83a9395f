"""CSVLogger: write each epoch's logs as a row of a CSV file."""

import csv
import os

import numpy as np

from keras_core.callbacks.callback import Callback


def _cell(value):
    if isinstance(value, str):
        return value
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(float(arr)) if arr.dtype.kind == "f" else str(arr.item())
    return '"[%s]"' % ", ".join(str(v) for v in arr.ravel())


class CSVLogger(Callback):
    """Streams epoch results to a CSV file (``epoch`` then the logged keys, sorted).

    Args:
        filename: the CSV file path.
        separator: the column separator.
        append: append to an existing file (e.g. when resuming) instead of overwriting.

    Example:
    >>> logger = keras_core.callbacks.CSVLogger("training.log")
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys = None
        self._file = None
        self._writer = None
        self.needs_model_state_per_batch = False

    def on_train_begin(self, logs=None):
        header_needed = True
        if self.append and os.path.exists(self.filename):
            with open(self.filename) as f:
                header_needed = not bool(f.readline())
        self._file = open(self.filename, "a" if self.append else "w", newline="")  # noqa: SIM115
        self._header_needed = header_needed
        self.keys = None
        self._writer = None

    def on_epoch_end(self, epoch, logs=None):
        logs = dict(logs or {})
        if self.keys is None:
            self.keys = sorted(logs)
            self._writer = csv.DictWriter(
                self._file, fieldnames=["epoch"] + self.keys, delimiter=self.sep
            )
            if self._header_needed:
                self._writer.writeheader()
        row = {"epoch": epoch}
        for key in self.keys:
            row[key] = _cell(logs[key]) if key in logs else "NA"
        self._writer.writerow(row)
        self._file.flush()

    def on_train_end(self, logs=None):
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None
