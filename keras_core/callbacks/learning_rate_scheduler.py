"""LearningRateScheduler: set the optimizer's learning rate at the start of each epoch."""

import numpy as np

from keras_core.callbacks.callback import Callback
from keras_core.utils import io_utils


def current_learning_rate(optimizer, callback_name):
    if optimizer is None or not hasattr(optimizer, "learning_rate"):
        raise ValueError(f"{callback_name} needs a compiled model with an optimizer.")
    from keras_core import backend

    return float(np.asarray(backend.convert_to_numpy(optimizer.learning_rate)))


def set_learning_rate(optimizer, value, callback_name):
    try:
        optimizer.learning_rate = float(value)
    except TypeError as e:
        raise TypeError(
            f"{callback_name} cannot set the learning rate of an optimizer created with a "
            f"LearningRateSchedule: {e}"
        ) from e


class LearningRateScheduler(Callback):
    """Sets ``learning_rate = schedule(epoch, current_lr)`` before every epoch.

    Args:
        schedule: a function ``(epoch, lr) -> new_lr`` (or ``(epoch) -> new_lr``).
        verbose: 1 prints each change.

    Example:
    >>> scheduler = keras_core.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.9)
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise ValueError(f"`schedule` must be callable. Received: schedule={schedule!r}")
        self.schedule = schedule
        self.verbose = verbose
        self.needs_model_state_per_batch = False

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        lr = current_learning_rate(optimizer, "LearningRateScheduler")
        try:
            new_lr = self.schedule(epoch, lr)
        except TypeError:
            new_lr = self.schedule(epoch)
        try:
            new_lr = float(np.asarray(new_lr))
        except (TypeError, ValueError) as e:
            raise ValueError(
                f"The `schedule` of LearningRateScheduler must return a float. Received: {new_lr!r}"
            ) from e
        set_learning_rate(optimizer, new_lr, "LearningRateScheduler")
        if self.verbose > 0:
            io_utils.print_msg(
                f"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {new_lr}."
            )

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = current_learning_rate(
                self.model.optimizer, "LearningRateScheduler"
            )
