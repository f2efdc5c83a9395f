from keras_core.backend.common import tree
from keras_core.backend.numpy.core import convert_to_tensor
from keras_core.trainers import trainer as base_trainer
from keras_core.trainers.data_adapters import data_adapter_utils


class NumpyTrainer(base_trainer.Trainer):
    """The numpy backend runs inference only: ``predict`` works, training does not."""

    def _assert_trainable_backend(self, method):
        raise RuntimeError(
            f"The numpy backend is inference-only: {method}() needs gradients, which it cannot "
            "compute. Use predict() here, or train with KERAS_BACKEND=jax, tensorflow or torch."
        )

    def train_step(self, data):
        self._assert_trainable_backend("train_step")

    def test_step(self, data):
        self._assert_trainable_backend("test_step")

    def predict_step(self, data):
        """The model outputs for one batch."""
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        return self._call_model(x, training=False)

    def make_train_function(self, force=False):
        self._assert_trainable_backend("fit")

    def make_test_function(self, force=False):
        self._assert_trainable_backend("evaluate")

    def make_predict_function(self, force=False):
        if self.predict_function is not None and not force:
            return self.predict_function

        def multi_step(batches):
            return [self.predict_step(batch) for batch in batches]

        self.predict_function = multi_step
        return self.predict_function

    def _convert_batch(self, batch):
        return tree.map_structure(lambda x: None if x is None else convert_to_tensor(x), batch)
