import warnings

import jax

from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.distribution import distribution_lib
from keras_core.trainers import trainer as base_trainer
from keras_core.trainers.data_adapters import data_adapter_utils

# CPU buffers can be donated on recent jaxlib; where they cannot, the warning is noise.
warnings.filterwarnings("ignore", message="Some donated buffers were not usable")


def _batch_size(x):
    for leaf in jax.tree_util.tree_leaves(x):
        if hasattr(leaf, "shape") and len(leaf.shape):
            return leaf.shape[0]
    return 1


def _copy_tree(tree):
    return jax.tree_util.tree_map(lambda a: a.copy(), tree)


class JAXTrainer(base_trainer.Trainer):
    """The JAX steps: pure functions of an explicit state, jitted once, buffers donated.

    The training state is ``(trainable_variables, non_trainable_variables,
    optimizer_variables, metrics_variables)``, each a list of arrays in the
    order of ``model.trainable_variables`` etc. During ``fit`` it lives in
    ``self._jax_state``; it is written back to the Variables at the end of each
    epoch, around the batch hooks of callbacks that read the weights, and at
    the end of ``fit`` (``jax_state_sync``).
    """

    def __init__(self):
        super().__init__()
        self._jax_state = None
        self._jax_state_mode = None
        self._jax_copy = jax.jit(_copy_tree)

    def _resolve_jit_compile(self, jit_compile):
        if jit_compile == "auto":
            return True
        return bool(jit_compile)

    # ------------------------------------------------------------------
    # the pure steps
    # ------------------------------------------------------------------
    def compute_loss_and_updates(
        self,
        trainable_variables,
        non_trainable_variables,
        x,
        y,
        sample_weight,
        training=False,
        optimizer_variables=None,
    ):
        """The loss and ``(unscaled_loss, y_pred, new_non_trainable_variables)``; differentiable."""
        kwargs = {"training": training} if getattr(self, "_call_has_training", False) else {}
        y_pred, non_trainable_variables, losses = self.stateless_call(
            trainable_variables, non_trainable_variables, x, return_losses=True, **kwargs
        )
        mapping = list(zip(self.trainable_variables, trainable_variables)) + list(
            zip(self.non_trainable_variables, non_trainable_variables)
        )
        if optimizer_variables is not None and self.optimizer is not None:
            mapping += list(zip(self.optimizer.variables, optimizer_variables))
        self._losses_override = losses
        try:
            with StatelessScope(state_mapping=mapping):
                loss = self.compute_loss(x, y, y_pred, sample_weight, allow_empty=True)
                unscaled = loss
                # Inside the scope: a loss scale is read from the optimizer state being
                # traced, not baked into the compiled step as a constant.
                if (
                    training
                    and self.optimizer is not None
                    and hasattr(self.optimizer, "scale_loss")
                ):
                    loss = self.optimizer.scale_loss(loss)
        finally:
            self._losses_override = None
        return loss, (unscaled, y_pred, non_trainable_variables)

    def _update_metrics(self, metrics_variables, x, y, y_pred, sample_weight, loss, model_vars):
        mapping = list(zip(self.metrics_variables, metrics_variables)) + model_vars
        with StatelessScope(state_mapping=mapping) as scope:
            if self._loss_tracker is not None:
                self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
            logs = self.compute_metrics(x, y, y_pred, sample_weight)
        new_values = []
        for ref, value in zip(self.metrics_variables, metrics_variables):
            current = scope.get_current_value(ref)
            new_values.append(value if current is None else current)
        return logs, new_values

    def train_step(self, state, data):
        """One training step: ``(state, batch) -> (logs, new_state)``, pure."""
        trainable, non_trainable, optimizer_vars, metrics_vars = state
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
        (_, (loss, y_pred, non_trainable)), grads = grad_fn(
            trainable,
            non_trainable,
            x,
            y,
            sample_weight,
            training=True,
            optimizer_variables=optimizer_vars,
        )
        if self.optimizer is not None and trainable:
            trainable, optimizer_vars = self.optimizer.stateless_apply(
                optimizer_vars, grads, trainable
            )
        model_vars = list(zip(self.trainable_variables, trainable)) + list(
            zip(self.non_trainable_variables, non_trainable)
        )
        logs, metrics_vars = self._update_metrics(
            metrics_vars, x, y, y_pred, sample_weight, loss, model_vars
        )
        return logs, (trainable, non_trainable, optimizer_vars, metrics_vars)

    def test_step(self, state, data):
        """One evaluation step: ``(state, batch) -> (logs, new_state)``, pure."""
        trainable, non_trainable, metrics_vars = state
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        loss, (loss, y_pred, non_trainable) = self.compute_loss_and_updates(
            trainable, non_trainable, x, y, sample_weight, training=False
        )
        model_vars = list(zip(self.trainable_variables, trainable)) + list(
            zip(self.non_trainable_variables, non_trainable)
        )
        logs, metrics_vars = self._update_metrics(
            metrics_vars, x, y, y_pred, sample_weight, loss, model_vars
        )
        return logs, (trainable, non_trainable, metrics_vars)

    def predict_step(self, state, data):
        """The outputs for one batch: ``(state, batch) -> (outputs, non_trainable_variables)``."""
        trainable, non_trainable = state
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        kwargs = {"training": False} if getattr(self, "_call_has_training", False) else {}
        outputs, non_trainable = self.stateless_call(trainable, non_trainable, x, **kwargs)
        return outputs, non_trainable

    # ------------------------------------------------------------------
    # compiled functions
    # ------------------------------------------------------------------
    def _compile(self, fn, donate):
        if self.run_eagerly or not self.jit_compile:
            return fn
        return jax.jit(fn, donate_argnums=(0,) if donate else ())

    def _compile_unchanged_weights(self, multi_step):
        """Compiles ``multi_step(state, batches) -> (out, (trainable, rest))`` so that only
        ``rest`` leaves the compiled function; the weights go back as they came in."""

        def inner(state, batches):
            out, (_, rest) = multi_step(state, batches)
            return out, rest

        compiled = self._compile(inner, donate=False)

        def run(state, batches):
            out, rest = compiled(state, batches)
            return out, (state[0],) + tuple(rest)

        return run

    def make_train_function(self, force=False):
        if self.train_function is not None and not force:
            return self.train_function

        def multi_step(state, batches):
            logs = None
            for batch in batches:
                logs, state = self.train_step(state, batch)
            return logs, state

        self.train_function = self._compile(multi_step, donate=True)
        return self.train_function

    def make_test_function(self, force=False):
        if self.test_function is not None and not force:
            return self.test_function

        def multi_step(state, batches):
            trainable = state[0]
            logs = None
            for batch in batches:
                logs, state = self.test_step(state, batch)
            # The weights are read, not changed: returning them would copy them per call.
            return logs, (trainable, state[1:])

        self.test_function = self._compile_unchanged_weights(multi_step)
        return self.test_function

    def make_predict_function(self, force=False):
        if self.predict_function is not None and not force:
            return self.predict_function

        def multi_step(state, batches):
            trainable, non_trainable = state
            outputs = []
            for batch in batches:
                out, non_trainable = self.predict_step((trainable, non_trainable), batch)
                outputs.append(out)
            return outputs, (trainable, (non_trainable,))

        self.predict_function = self._compile_unchanged_weights(multi_step)
        return self.predict_function

    # ------------------------------------------------------------------
    # state handling
    # ------------------------------------------------------------------
    def _gather_state(self, mode):
        trainable = [v.value for v in self.trainable_variables]
        non_trainable = [v.value for v in self.non_trainable_variables]
        if mode == "predict":
            return (trainable, non_trainable)
        metrics_vars = [v.value for v in self.metrics_variables]
        if mode == "test":
            return (trainable, non_trainable, metrics_vars)
        optimizer_vars = [v.value for v in self.optimizer.variables] if self.optimizer else []
        state = (trainable, non_trainable, optimizer_vars, metrics_vars)
        if self.jit_compile and not self.run_eagerly:
            # The step donates its input buffers; the Variables keep their own copies.
            state = self._jax_copy(state)
        return state

    def _refs(self, mode):
        refs = [self.trainable_variables, self.non_trainable_variables]
        if mode == "train":
            refs.append(self.optimizer.variables if self.optimizer else [])
        if mode in ("train", "test"):
            refs.append(self.metrics_variables)
        return refs

    def jax_state_sync(self):
        """Writes the live training (or evaluation) state back into the Variables."""
        if self._jax_state is None:
            return
        mode = self._jax_state_mode
        refs = self._refs(mode)
        values = list(self._jax_state)
        if mode == "test":
            refs, values = refs[2:], values[2:]
        if mode == "predict":
            refs, values = refs[1:], values[1:]
        for group_refs, group_values in zip(refs, values):
            for ref, value in zip(group_refs, group_values):
                ref._direct_assign(value)
        self._jax_state = None
        self._jax_state_mode = None

    def _sync_variables(self):
        self.jax_state_sync()

    def _run(self, fn, mode, batches):
        if self._jax_state is not None and self._jax_state_mode != mode:
            self.jax_state_sync()
        state = self._jax_state
        if state is None:
            state = self._gather_state(mode)
        # Under a global keras_core.distribution each batch is split across its devices.
        out, state = fn(state, distribution_lib.distribute_data_input(batches))
        self._jax_state = state
        self._jax_state_mode = mode
        return out

    def _run_train_function(self, batches):
        return self._run(self.train_function, "train", batches)

    def _run_test_function(self, batches):
        return self._run(self.test_function, "test", batches)

    def _run_predict_function(self, batches):
        return self._run(self.predict_function, "predict", batches)

    def _begin_loop(self, mode):
        if self._jax_state is not None and self._jax_state_mode != mode:
            self.jax_state_sync()
        super()._begin_loop(mode)
