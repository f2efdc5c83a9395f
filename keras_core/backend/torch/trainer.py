import numpy as np
import torch

from keras_core.backend.common import tree
from keras_core.backend.torch.core import convert_to_tensor
from keras_core.backend.torch.op_helpers import get_device
from keras_core.metrics.reduction_metrics import Mean
from keras_core.trainers import trainer as base_trainer
from keras_core.trainers.data_adapters import data_adapter_utils


def _batch_size(x):
    for leaf in tree.flatten(x):
        if leaf is not None and leaf.ndim:
            return leaf.shape[0]
    return 1


class TorchTrainer(base_trainer.Trainer):
    """The torch steps: eager autograd, one optimizer update over every variable.

    ``jit_compile=True`` runs the step through ``torch.compile``.
    """

    def _no_grad(self):
        return torch.no_grad()

    def train_step(self, data):
        """One training step on a batch; returns the logs (a dict of tensors)."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        trainable = self._loop_trainable_variables()
        y_pred = self._call_model(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        self._track_loss(loss, _batch_size(x))
        if self.optimizer is not None and hasattr(self.optimizer, "scale_loss"):
            loss = self.optimizer.scale_loss(loss)
        params = self._cached(
            "torch_params", lambda: [v.value for v in trainable if v.value.requires_grad]
        )
        if self.optimizer is not None and params:
            grads = torch.autograd.grad(loss, params, allow_unused=True)
            grads = [torch.zeros_like(p) if g is None else g for p, g in zip(params, grads)]
            if len(params) != len(trainable):
                by_id = {id(p): g for p, g in zip(params, grads)}
                grads = [by_id.get(id(v.value), torch.zeros_like(v.value)) for v in trainable]
            with torch.no_grad():
                self.optimizer.apply(grads, trainable)
        with torch.no_grad():
            return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def _track_loss(self, loss, batch_size):
        """Adds the batch's loss to the loss tracker (a Mean weighted by the batch size)."""
        tracker = self._loss_tracker
        if tracker is None:
            return
        total, count = tracker.total.value, tracker.count.value
        if type(tracker) is Mean and loss.ndim == 0 and loss.dtype == total.dtype:
            # Mean.update_state's scalar sums, in place: total += batch_size * loss.
            with torch.no_grad():
                total.add_(loss.detach(), alpha=batch_size)
                count.add_(batch_size)
            return
        tracker.update_state(loss.detach(), sample_weight=batch_size)

    def test_step(self, data):
        """One evaluation step on a batch; returns the logs."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred = self._call_model(x, training=False)
        loss = self.compute_loss(
            x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, allow_empty=True
        )
        self._track_loss(loss, _batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data):
        """The model outputs for one batch."""
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        return self._call_model(x, training=False)

    def _maybe_compile(self, fn):
        if self.jit_compile and not self.run_eagerly:
            return torch.compile(fn)
        return fn

    def make_train_function(self, force=False):
        if self.train_function is not None and not force:
            return self.train_function
        step = self._maybe_compile(self.train_step)

        def multi_step(batches):
            logs = None
            for batch in batches:
                logs = step(batch)
            return logs

        self.train_function = multi_step
        return self.train_function

    def make_test_function(self, force=False):
        if self.test_function is not None and not force:
            return self.test_function
        step = self._maybe_compile(self.test_step)

        def multi_step(batches):
            logs = None
            with torch.no_grad():
                for batch in batches:
                    logs = step(batch)
            return logs

        self.test_function = multi_step
        return self.test_function

    def make_predict_function(self, force=False):
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self._maybe_compile(self.predict_step)

        def multi_step(batches):
            with torch.no_grad():
                return [step(batch) for batch in batches]

        self.predict_function = multi_step
        return self.predict_function

    def _convert_batch(self, batch):
        device = torch.device(get_device())

        def convert(x):
            if x is None:
                return None
            if isinstance(x, torch.Tensor):
                return x if x.device == device else x.to(device)
            if (
                isinstance(x, np.ndarray)
                and x.dtype.kind in "biuf"
                and x.flags.c_contiguous
                and x.flags.writeable
            ):
                t = torch.from_numpy(x)  # shares memory, never written to
            else:
                t = convert_to_tensor(x if isinstance(x, np.ndarray) else np.asarray(x))
            return t if t.device == device else t.to(device)

        return tree.map_structure(convert, batch)
