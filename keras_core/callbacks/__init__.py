"""keras_core.callbacks: hooks into fit/evaluate/predict."""

from keras_core.callbacks.backup_and_restore import BackupAndRestore
from keras_core.callbacks.callback import Callback
from keras_core.callbacks.callback_list import CallbackList
from keras_core.callbacks.csv_logger import CSVLogger
from keras_core.callbacks.early_stopping import EarlyStopping
from keras_core.callbacks.history import History
from keras_core.callbacks.lambda_callback import LambdaCallback
from keras_core.callbacks.learning_rate_scheduler import LearningRateScheduler
from keras_core.callbacks.model_checkpoint import ModelCheckpoint
from keras_core.callbacks.progbar_logger import ProgbarLogger
from keras_core.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from keras_core.callbacks.remote_monitor import RemoteMonitor
from keras_core.callbacks.tensorboard import TensorBoard
from keras_core.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "BackupAndRestore",
    "CSVLogger",
    "Callback",
    "CallbackList",
    "EarlyStopping",
    "History",
    "LambdaCallback",
    "LearningRateScheduler",
    "ModelCheckpoint",
    "ProgbarLogger",
    "ReduceLROnPlateau",
    "RemoteMonitor",
    "TensorBoard",
    "TerminateOnNaN",
]
