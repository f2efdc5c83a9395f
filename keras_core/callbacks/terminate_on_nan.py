"""TerminateOnNaN: stop training as soon as the loss is NaN or infinite."""

import numpy as np

from keras_core.callbacks.callback import Callback
from keras_core.utils import io_utils


class TerminateOnNaN(Callback):
    """Sets ``model.stop_training`` when a batch's loss is NaN or infinite.

    Example:
    >>> callback = keras_core.callbacks.TerminateOnNaN()
    """

    def __init__(self):
        super().__init__()
        self.needs_model_state_per_batch = False

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        from keras_core import backend

        value = np.asarray(backend.convert_to_numpy(loss))
        if not np.all(np.isfinite(value)):
            io_utils.print_msg(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
