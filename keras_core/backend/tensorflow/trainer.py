import numpy as np
import tensorflow as tf

from keras_core.backend.common import tree
from keras_core.trainers import trainer as base_trainer
from keras_core.trainers.data_adapters import data_adapter_utils


def _batch_size(x):
    for leaf in tree.flatten(x):
        if leaf is not None and len(leaf.shape):
            return tf.shape(leaf)[0]
    return 1


def _to_tf(x):
    if x is None or isinstance(x, (tf.Tensor, tf.RaggedTensor, tf.SparseTensor)):
        return x
    if isinstance(x, np.ndarray):
        return tf.convert_to_tensor(x)
    return tf.convert_to_tensor(np.asarray(x))


class TensorFlowTrainer(base_trainer.Trainer):
    """The TensorFlow steps: eager code traced once into a ``tf.function`` (XLA if asked)."""

    def _compile(self, fn):
        if self.run_eagerly:
            return fn
        # No AutoGraph: keras_core code has no tensor-dependent Python control flow
        # (ops.cond / while_loop build it), and converting every op costs minutes.
        return tf.function(
            fn, reduce_retracing=True, jit_compile=bool(self.jit_compile), autograph=False
        )

    def train_step(self, data):
        """One training step on a batch; returns the logs (a dict of tensors)."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        trainable = self.trainable_variables
        with tf.GradientTape() as tape:
            y_pred = self._call_model(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
            if self._loss_tracker is not None:
                self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
            if self.optimizer is not None and hasattr(self.optimizer, "scale_loss"):
                loss = self.optimizer.scale_loss(loss)
        if self.optimizer is not None and trainable:
            grads = tape.gradient(loss, trainable)
            self.optimizer.apply(grads, trainable)
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data):
        """One evaluation step on a batch; returns the logs."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred = self._call_model(x, training=False)
        loss = self.compute_loss(
            x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, allow_empty=True
        )
        if self._loss_tracker is not None:
            self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data):
        """The model outputs for one batch."""
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        return self._call_model(x, training=False)

    def make_train_function(self, force=False):
        if self.train_function is not None and not force:
            return self.train_function

        def multi_step(batches):
            logs = None
            for batch in batches:
                logs = self.train_step(batch)
            return logs

        self.train_function = self._compile(multi_step)
        return self.train_function

    def make_test_function(self, force=False):
        if self.test_function is not None and not force:
            return self.test_function

        def multi_step(batches):
            logs = None
            for batch in batches:
                logs = self.test_step(batch)
            return logs

        self.test_function = self._compile(multi_step)
        return self.test_function

    def make_predict_function(self, force=False):
        if self.predict_function is not None and not force:
            return self.predict_function

        def multi_step(batches):
            return [self.predict_step(batch) for batch in batches]

        self.predict_function = self._compile(multi_step)
        return self.predict_function

    def _convert_batch(self, batch):
        return tree.map_structure(_to_tf, batch)
