"""keras_core.trainers: the backend-free Trainer, compile utilities and data adapters."""

from keras_core.trainers.trainer import Trainer

__all__ = ["Trainer"]
