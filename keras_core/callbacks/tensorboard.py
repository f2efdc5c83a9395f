"""TensorBoard: write training logs that TensorBoard can display."""

import os
import time

from keras_core.callbacks.callback import Callback
from keras_core.callbacks.event_file_writer import EventFileWriter


class TensorBoard(Callback):
    """Writes scalars (and weight histograms) for TensorBoard, on every backend.

    Event files are written directly (no TensorFlow needed): epoch logs go to
    ``log_dir/train`` and ``log_dir/validation`` under ``epoch_<name>`` tags,
    batch logs (``update_freq``) under ``batch_<name>``. View them with
    ``tensorboard --logdir log_dir``.

    Args:
        log_dir: the root directory of the logs.
        histogram_freq: every how many epochs to write weight histograms (0: never).
        write_graph: accepted for compatibility; no graph is written (a keras_core
            model is not a TensorFlow graph on the jax and torch backends).
        write_images: not supported (raises if True).
        write_steps_per_second: also log the training speed.
        update_freq: ``"epoch"``, ``"batch"`` or a number of batches between batch logs.
        profile_batch: not supported (must be 0); use the framework's profiler.
        embeddings_freq: not supported (must be 0).
        embeddings_metadata: not supported (must be None).

    Example:
    >>> tb = keras_core.callbacks.TensorBoard(log_dir="./logs")
    """

    def __init__(
        self,
        log_dir="logs",
        histogram_freq=0,
        write_graph=True,
        write_images=False,
        write_steps_per_second=False,
        update_freq="epoch",
        profile_batch=0,
        embeddings_freq=0,
        embeddings_metadata=None,
    ):
        super().__init__()
        unsupported = {
            "write_images": write_images,
            "profile_batch": profile_batch,
            "embeddings_freq": embeddings_freq,
            "embeddings_metadata": embeddings_metadata,
        }
        for name, value in unsupported.items():
            if value:
                raise ValueError(
                    f"keras_core's TensorBoard callback does not support `{name}`; leave it "
                    "unset (for profiling use jax.profiler, torch.profiler or tf.profiler "
                    f"directly). Received: {name}={value!r}"
                )
        if update_freq not in ("epoch", "batch") and (
            isinstance(update_freq, bool) or not isinstance(update_freq, int) or update_freq < 1
        ):
            raise ValueError(
                "`update_freq` must be 'epoch', 'batch' or a positive int. "
                f"Received: update_freq={update_freq!r}"
            )
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self._writers = {}
        self._global_batch = 0
        self._epoch_start = None
        self._epoch_batches = 0
        self.needs_model_state_per_batch = False

    def _writer(self, name):
        if name not in self._writers:
            self._writers[name] = EventFileWriter(os.path.join(self.log_dir, name))
        return self._writers[name]

    def on_train_begin(self, logs=None):
        self._global_batch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start = time.time()
        self._epoch_batches = 0

    def on_train_batch_end(self, batch, logs=None):
        self._global_batch += 1
        self._epoch_batches += 1
        if self.update_freq == "epoch" or self._global_batch % self.update_freq:
            return
        from keras_core.trainers.trainer import Trainer

        writer = self._writer("train")
        for key, value in Trainer._pythonify_logs(logs).items():
            if isinstance(value, float):
                writer.add_scalar("batch_" + key, value, step=self._global_batch)
        writer.flush()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        train = self._writer("train")
        val = None
        for key, value in logs.items():
            if not isinstance(value, (int, float)):
                continue
            if key.startswith("val_"):
                val = val or self._writer("validation")
                val.add_scalar("epoch_" + key[4:], value, step=epoch)
            else:
                train.add_scalar("epoch_" + key, value, step=epoch)
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and "learning_rate" not in logs:
            from keras_core.callbacks.learning_rate_scheduler import current_learning_rate

            train.add_scalar(
                "epoch_learning_rate", current_learning_rate(optimizer, "TensorBoard"), step=epoch
            )
        if self.write_steps_per_second and self._epoch_start is not None:
            elapsed = max(time.time() - self._epoch_start, 1e-9)
            train.add_scalar("epoch_steps_per_second", self._epoch_batches / elapsed, step=epoch)
        if self.histogram_freq and (epoch + 1) % self.histogram_freq == 0:
            for variable in self.model.weights:
                train.add_histogram(
                    variable.path.replace(":", "_") + "/histogram", variable.numpy(), step=epoch
                )
        for writer in self._writers.values():
            writer.flush()

    def on_test_end(self, logs=None):
        for writer in self._writers.values():
            writer.flush()

    def on_train_end(self, logs=None):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
