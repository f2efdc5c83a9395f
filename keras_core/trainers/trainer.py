"""Trainer: compile, fit, evaluate and predict, written once for every backend.

The epoch and batch loops, callbacks, validation, data handling and the
compiled loss/metrics live here. Each backend's ``backend/<name>/trainer.py``
subclasses :class:`Trainer` and supplies only the step functions
(``train_step``/``test_step``/``predict_step``), how they are compiled
(``make_train_function``...), how a batch becomes backend tensors
(``_convert_batch``) and, for JAX, how the explicit training state is kept
(``_run_train_function``, ``_sync_variables``). See README.md for the pattern
of overriding ``train_step`` on each backend.
"""

import warnings

import numpy as np

from keras_core import backend
from keras_core.backend.common import tree
from keras_core.trainers import compile_utils
from keras_core.trainers.data_adapters import data_adapter_utils
from keras_core.trainers.epoch_iterator import EpochIterator


def _loss_dtype():
    return "float64" if backend.floatx() == "float64" else "float32"


class Trainer:
    """The training API of ``Model``: ``compile``, ``fit``, ``evaluate``, ``predict``...

    Example:
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(1)])
    >>> model.compile(optimizer="sgd", loss="mse")  # doctest: +SKIP
    >>> history = model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=2, verbose=0)  # doctest: +SKIP
    """

    def __init__(self):
        self._run_eagerly = False
        self._jit_compile = None
        self.compiled = False
        self.loss = None
        self.steps_per_execution = 1
        self.optimizer = None
        self._compile_loss = None
        self._compile_metrics = None
        self._loss_tracker = None
        self._compile_config = None
        self._losses_override = None
        self._loop_caches = []
        self._eval_epoch_iterator = None
        self.stop_training = False
        self.history = None
        self.train_function = None
        self.test_function = None
        self.predict_function = None

    # ------------------------------------------------------------------
    # compile
    # ------------------------------------------------------------------
    def compile(
        self,
        optimizer="rmsprop",
        loss=None,
        loss_weights=None,
        metrics=None,
        weighted_metrics=None,
        run_eagerly=False,
        steps_per_execution=1,
        jit_compile="auto",
        auto_scale_loss=True,
    ):
        """Configures the model for training.

        Args:
            optimizer: an optimizer name (``"adam"``) or instance; ``None`` for a
                model that is only evaluated.
            loss: a loss name, function or ``Loss``; or one per output as a list or
                a dict keyed by output name.
            loss_weights: scalars weighting each output's loss (list or dict).
            metrics: metric names, functions or ``Metric`` instances, for every
                output, per output (list of lists) or by output name (dict).
            weighted_metrics: like ``metrics``, but weighted by ``sample_weight``
                and ``class_weight``.
            run_eagerly: run the steps eagerly (no ``tf.function``/``jax.jit``).
            steps_per_execution: batches processed by one call of the step function.
            jit_compile: ``True`` for XLA (tensorflow), ``jax.jit`` (jax) or
                ``torch.compile`` (torch); ``"auto"``: jit on jax only.
            auto_scale_loss: wrap the optimizer in a ``LossScaleOptimizer`` when the
                model's dtype policy is ``"mixed_float16"``.

        Example:
        >>> model.compile(optimizer="adam", loss="mse", metrics=["mae"])  # doctest: +SKIP
        """
        from keras_core import metrics as metrics_module
        from keras_core import optimizers

        if isinstance(run_eagerly, bool) is False:
            raise ValueError(f"`run_eagerly` must be a bool. Received: run_eagerly={run_eagerly!r}")
        if (
            isinstance(steps_per_execution, bool)
            or not isinstance(steps_per_execution, int)
            or steps_per_execution < 1
        ):
            raise ValueError(
                "`steps_per_execution` must be a positive integer. Received: "
                f"steps_per_execution={steps_per_execution!r}"
            )
        if jit_compile not in (True, False, "auto"):
            raise ValueError(
                f"`jit_compile` must be True, False or 'auto'. Received: jit_compile={jit_compile!r}"
            )
        self.optimizer = optimizers.get(optimizer) if optimizer is not None else None
        policy = getattr(self, "dtype_policy", None)
        if (
            auto_scale_loss
            and self.optimizer is not None
            and getattr(policy, "name", None) == "mixed_float16"
        ):
            scale_cls = getattr(optimizers, "LossScaleOptimizer", None)
            if scale_cls is None:
                raise ValueError(
                    "auto_scale_loss=True with the 'mixed_float16' policy needs "
                    "keras_core.optimizers.LossScaleOptimizer, which this build lacks. "
                    "Pass auto_scale_loss=False."
                )
            if not isinstance(self.optimizer, scale_cls):
                self.optimizer = scale_cls(self.optimizer)
        output_names = self._get_output_names()
        self._compile_loss = (
            compile_utils.CompileLoss(loss, loss_weights, output_names=output_names)
            if loss is not None
            else None
        )
        if loss is None and loss_weights is not None:
            raise ValueError("`loss_weights` was given without a `loss`.")
        self._compile_metrics = (
            compile_utils.CompileMetrics(metrics, weighted_metrics, output_names=output_names)
            if (metrics or weighted_metrics)
            else None
        )
        self._loss_tracker = metrics_module.Mean(name="loss")
        self.loss = loss
        if run_eagerly and jit_compile is True:
            warnings.warn(
                "run_eagerly=True disables jit_compile: the steps run eagerly.", stacklevel=2
            )
            jit_compile = False
        self._run_eagerly = run_eagerly
        self._jit_compile = self._resolve_jit_compile(jit_compile)
        self.steps_per_execution = steps_per_execution
        self.stop_training = False
        self.compiled = True
        self._compile_config = {
            "optimizer": optimizer,
            "loss": loss,
            "loss_weights": loss_weights,
            "metrics": metrics,
            "weighted_metrics": weighted_metrics,
            "run_eagerly": run_eagerly,
            "steps_per_execution": steps_per_execution,
            "jit_compile": jit_compile,
            "auto_scale_loss": auto_scale_loss,
        }
        self._reset_compiled_functions()

    def _resolve_jit_compile(self, jit_compile):
        if jit_compile == "auto":
            return False
        return bool(jit_compile)

    def _reset_compiled_functions(self):
        self.train_function = None
        self.test_function = None
        self.predict_function = None
        self._eval_epoch_iterator = None

    @property
    def run_eagerly(self):
        return self._run_eagerly

    @run_eagerly.setter
    def run_eagerly(self, value):
        self._run_eagerly = bool(value)
        self._reset_compiled_functions()

    @property
    def jit_compile(self):
        if self._jit_compile is None:
            self._jit_compile = self._resolve_jit_compile("auto")
        return self._jit_compile

    @jit_compile.setter
    def jit_compile(self, value):
        if value not in (True, False, "auto"):
            raise ValueError(f"`jit_compile` must be True, False or 'auto'. Received: {value!r}")
        self._jit_compile = self._resolve_jit_compile(value)
        self._reset_compiled_functions()

    def get_compile_config(self):
        """The ``compile()`` arguments (serialized), or ``None`` if not compiled."""
        if not self.compiled or self._compile_config is None:
            return None
        from keras_core.saving.serialization_lib import serialize_keras_object

        out = {}
        for key, value in self._compile_config.items():
            try:
                out[key] = serialize_keras_object(value)
            except (TypeError, ValueError):
                out[key] = value
        return out

    def compile_from_config(self, config):
        """Calls ``compile()`` with a config from :meth:`get_compile_config`."""
        from keras_core.saving.serialization_lib import deserialize_keras_object

        config = dict(config)
        for key in ("optimizer", "loss", "metrics", "weighted_metrics"):
            if key in config and isinstance(config[key], dict) and "class_name" in config[key]:
                config[key] = deserialize_keras_object(config[key])
        self.compile(**config)

    def _get_output_names(self):
        outputs = getattr(self, "_outputs_struct", None)
        functional = getattr(self, "_functional", None)
        if outputs is None and functional is not None:
            outputs = getattr(functional, "_outputs_struct", None)
        if outputs is None:
            return None
        if isinstance(outputs, dict):
            return [str(k) for k in outputs]
        flat = tree.flatten(outputs)
        names = []
        for t in flat:
            history = getattr(t, "_keras_history", None)
            names.append(history.operation.name if history is not None else "output")
        if len(set(names)) != len(names):
            return None
        return names

    # ------------------------------------------------------------------
    # metrics
    # ------------------------------------------------------------------
    def _tracked_metrics(self):
        try:
            from keras_core.metrics import Metric
        except ImportError:
            return []
        found = []
        skip = {"_loss_tracker", "_compile_metrics"}
        layers = self._flatten_layers() if hasattr(self, "_flatten_layers") else [self]
        for layer in layers:
            for key, value in list(vars(layer).items()):
                if key in skip:
                    continue
                values = value if isinstance(value, (list, tuple)) else [value]
                if isinstance(value, dict):
                    values = list(value.values())
                found.extend(v for v in values if isinstance(v, Metric))
        return found

    def _cached(self, key, compute):
        """``compute()``, memoized while a fit/evaluate/predict loop runs.

        Walking the layers for metrics and variables on every eager step (torch)
        costs milliseconds; inside a loop they only change when the model is built,
        which clears the cache (as does each new epoch).
        """
        caches = self.__dict__.get("_loop_caches")
        if not caches:
            return compute()
        cache = caches[-1]
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def _clear_loop_cache(self):
        caches = self.__dict__.get("_loop_caches")
        if caches:
            caches[-1].clear()

    def _loop_trainable_variables(self):
        return self._cached("trainable_variables", lambda: list(self.trainable_variables))

    @property
    def metrics(self):
        """The model's metrics: the loss tracker, the compiled metrics, then tracked ones."""
        return list(self._cached("metrics", self._collect_metrics))

    def _collect_metrics(self):
        out = []
        if self.compiled and self._loss_tracker is not None:
            out.append(self._loss_tracker)
        if self._compile_metrics is not None and self._compile_metrics.built:
            out.extend(self._compile_metrics.metrics)
        seen = {id(m) for m in out}
        for m in self._tracked_metrics():
            if id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        return [v for m in self.metrics for v in m.variables]

    def reset_metrics(self):
        """Resets the state of every metric in ``metrics``."""
        for m in self.metrics:
            m.reset_state()

    def get_metrics_result(self):
        """``{name: result}`` of every metric (a metric returning a dict adds its entries)."""
        out = {}
        for m in self.metrics:
            result = m.result()
            if isinstance(result, dict):
                out.update(result)
            else:
                out[m.name] = result
        return out

    # ------------------------------------------------------------------
    # loss and metrics computation (called inside the steps)
    # ------------------------------------------------------------------
    def _model_losses(self):
        if self._losses_override is not None:
            return self._losses_override
        losses_attr = getattr(type(self), "losses", None)
        if not hasattr(self, "_flatten_layers") or not isinstance(losses_attr, property):
            return list(getattr(self, "losses", []))
        from keras_core.layers.layer import Layer

        if losses_attr is not Layer.losses:
            return list(self.losses)
        # Layer.losses, with the layer walk done once per loop instead of every step.
        layers = self._cached("layers", self._flatten_layers)
        regularized = self._cached(
            "regularized",
            lambda: [
                (v, v.regularizer)
                for layer in layers
                if layer.trainable
                for v in layer._own_variables
                if v.trainable and getattr(v, "regularizer", None) is not None
            ],
        )
        out = [loss for layer in layers for loss in layer._losses]
        out.extend(reg(v.value) for v, reg in regularized)
        return out

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, allow_empty=False):
        """The compiled loss of ``y_pred`` against ``y`` plus the model's own losses.

        Override it to define a custom loss; it runs inside the (compiled) step.

        Args:
            x: the inputs (unused by the default).
            y: the targets.
            y_pred: the model outputs.
            sample_weight: per-sample weights (a structure matching the outputs).
            allow_empty: return 0 instead of raising when there is no loss at all.

        Returns:
            A scalar tensor.
        """
        from keras_core import ops

        del x
        dtype = _loss_dtype()
        terms = []
        if self._compile_loss is not None:
            value = self._compile_loss(y, y_pred, sample_weight)
            if value is not None:
                terms.append(ops.cast(value, dtype))
        for loss in self._model_losses():
            terms.append(ops.sum(ops.cast(loss, dtype)))
        if not terms:
            if not allow_empty:
                raise ValueError(
                    "No loss to compute: pass `loss` to compile(), or add losses with "
                    "`add_loss()` in the model."
                )
            return ops.zeros((), dtype=dtype)
        total = terms[0]
        for t in terms[1:]:
            total = ops.add(total, t)
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Updates the compiled metrics and returns ``get_metrics_result()``."""
        del x
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    # ------------------------------------------------------------------
    # backend hooks (overridden in backend/<name>/trainer.py)
    # ------------------------------------------------------------------
    def _convert_batch(self, batch):
        return batch

    def make_train_function(self, force=False):
        raise NotImplementedError("The backend trainer defines make_train_function().")

    def make_test_function(self, force=False):
        raise NotImplementedError("The backend trainer defines make_test_function().")

    def make_predict_function(self, force=False):
        raise NotImplementedError("The backend trainer defines make_predict_function().")

    def _run_train_function(self, batches):
        return self.train_function(batches)

    def _run_test_function(self, batches):
        return self.test_function(batches)

    def _run_predict_function(self, batches):
        return self.predict_function(batches)

    def _sync_variables(self):
        """Writes any state the backend keeps outside the Variables back into them."""
        return None

    def _begin_loop(self, mode):
        """Called before a fit/evaluate/predict loop."""
        self._loop_caches.append({})

    def _end_loop(self, mode):
        self._sync_variables()
        if self._loop_caches:
            self._loop_caches.pop()

    def _no_grad(self):
        import contextlib

        return contextlib.nullcontext()

    def _call_model(self, x, training):
        if getattr(self, "_call_has_training", False):
            return self(x, training=training)
        return self(x)

    # ------------------------------------------------------------------
    # building before the first step
    # ------------------------------------------------------------------
    def _symbolic_build(self, batch, for_training):
        """Builds the model, compiled loss/metrics and optimizer from the first batch.

        Everything that owns variables must exist before a step is traced
        (``tf.function``, ``jax.jit``) or the training state is gathered.
        """
        x, y, _ = data_adapter_utils.unpack_x_y_sample_weight(batch)
        need_loss = self._compile_loss is not None and not self._compile_loss.built
        need_metrics = self._compile_metrics is not None and not self._compile_metrics.built
        y_pred = None
        # Without targets (predict, or data without y) the loss and metrics cannot be built:
        # run the model only when it is unbuilt itself (not on every predict call).
        if not getattr(self, "built", True) or (y is not None and (need_loss or need_metrics)):
            with self._no_grad():
                y_pred = self._call_model(x, training=False)
        if y is not None and y_pred is not None:
            if need_loss:
                self._compile_loss.build(y, y_pred)
            if need_metrics:
                self._compile_metrics.build(y, y_pred)
        if for_training and self.optimizer is not None:
            if not getattr(self.optimizer, "built", False):
                self.optimizer.build(self.trainable_variables)

    def _needs_build(self, for_training):
        if not getattr(self, "built", True):
            return True
        if self._compile_loss is not None and not self._compile_loss.built:
            return True
        if self._compile_metrics is not None and not self._compile_metrics.built:
            return True
        return bool(
            for_training
            and self.optimizer is not None
            and not getattr(self.optimizer, "built", False)
        )

    def _assert_compiled(self, method):
        if not self.compiled:
            raise ValueError(
                f"You must call compile() before {method}(). Example: "
                "model.compile(optimizer='adam', loss='mse')."
            )

    def _assert_trainable_backend(self, method):
        return None

    # ------------------------------------------------------------------
    # helpers for the loops
    # ------------------------------------------------------------------
    def _make_iterator(self, x, y, sample_weight, batch_size, steps, shuffle, class_weight):
        return EpochIterator(
            x,
            y,
            sample_weight=sample_weight,
            batch_size=batch_size,
            steps_per_epoch=steps,
            shuffle=shuffle,
            class_weight=class_weight,
            steps_per_execution=self.steps_per_execution,
            convert=self._convert_batch,
            backend_name=backend.backend(),
        )

    def _first_batch(self, iterator):
        """The first batch of the data without consuming it (None for a generator)."""
        batch = iterator.data_adapter.peek()
        return None if batch is None else iterator._prepare(batch)

    def _ensure_built(self, iterator, for_training, batches=None):
        if not self._needs_build(for_training):
            return
        batch = batches[0] if batches else self._first_batch(iterator)
        if batch is not None:
            self._symbolic_build(batch, for_training)
            self._clear_loop_cache()

    @staticmethod
    def _pythonify_logs(logs):
        out = {}
        for key, value in (logs or {}).items():
            if isinstance(value, dict):
                out.update(Trainer._pythonify_logs(value))
                continue
            try:
                arr = np.asarray(backend.convert_to_numpy(value))
            except (TypeError, ValueError):
                out[key] = value
                continue
            out[key] = float(arr) if arr.ndim == 0 else arr
        return out

    def _make_callbacks(self, callbacks, verbose, epochs, steps, add_history):
        from keras_core.callbacks.callback_list import CallbackList

        if isinstance(callbacks, CallbackList):
            return callbacks
        return CallbackList(
            callbacks,
            add_history=add_history,
            add_progbar=verbose != 0,
            model=self,
            verbose=verbose,
            epochs=epochs,
            steps=steps,
        )

    @staticmethod
    def _resolve_verbose(verbose):
        if verbose == "auto":
            return 1
        if verbose not in (0, 1, 2):
            raise ValueError(f"`verbose` must be 0, 1, 2 or 'auto'. Received: verbose={verbose!r}")
        return verbose

    # ------------------------------------------------------------------
    # fit
    # ------------------------------------------------------------------
    def fit(
        self,
        x=None,
        y=None,
        batch_size=None,
        epochs=1,
        verbose="auto",
        callbacks=None,
        validation_split=0.0,
        validation_data=None,
        shuffle=True,
        class_weight=None,
        sample_weight=None,
        initial_epoch=0,
        steps_per_epoch=None,
        validation_steps=None,
        validation_batch_size=None,
        validation_freq=1,
    ):
        """Trains the model for ``epochs`` epochs and returns a ``History``.

        Args:
            x: inputs: arrays/tensors (or nested lists/dicts of them), a
                ``tf.data.Dataset``, a ``torch.utils.data.DataLoader``, a
                ``PyDataset`` or a Python generator yielding ``(x, y[, sw])``.
            y: targets, when ``x`` is arrays.
            batch_size: samples per batch for array data (default 32).
            epochs: the epoch index to stop at.
            verbose: 0 silent, 1 progress bar, 2 one line per epoch, "auto" (1).
            callbacks: a list of ``keras_core.callbacks.Callback``.
            validation_split: fraction of the array data kept for validation.
            validation_data: ``(x_val, y_val[, sw_val])`` or a dataset.
            shuffle: shuffle array data each epoch (True, False or "batch").
            class_weight: ``{class_index: weight}`` for the loss (single output).
            sample_weight: per-sample weights for array data.
            initial_epoch: the epoch to start from (to resume training).
            steps_per_epoch: batches per epoch (default: one pass over the data).
            validation_steps: batches per validation run.
            validation_batch_size: batch size for array validation data.
            validation_freq: validate every N epochs (int) or on the listed epochs.

        Returns:
            A ``History`` whose ``history`` dict holds the per-epoch logs.

        Example:
        >>> history = model.fit(x, y, epochs=3, validation_split=0.2)  # doctest: +SKIP
        """
        self._assert_trainable_backend("fit")
        self._assert_compiled("fit")
        verbose = self._resolve_verbose(verbose)
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter_utils.train_validation_split(
                (x, y, sample_weight), validation_split
            )
        val_x = val_y = val_sw = None
        if isinstance(validation_data, (list, tuple)):
            val_x, val_y, val_sw = data_adapter_utils.unpack_x_y_sample_weight(validation_data)
        elif validation_data is not None:
            val_x = validation_data
        self._check_targets(y, "y")
        self._check_targets(val_y, "validation_data")
        if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 0:
            raise ValueError(
                f"`epochs` must be a non-negative integer. Received: epochs={epochs!r}"
            )
        iterator = self._make_iterator(
            x, y, sample_weight, batch_size, steps_per_epoch, shuffle, class_weight
        )
        self._eval_epoch_iterator = None
        callbacks = self._make_callbacks(
            callbacks, verbose, epochs, iterator.num_batches, add_history=True
        )
        self.stop_training = False
        self._ensure_built(iterator, for_training=True)
        self.make_train_function()
        training_logs = None
        logs = {}
        callbacks.on_train_begin()
        resumed = getattr(self, "_initial_epoch", None)
        if resumed is not None:
            # Set by BackupAndRestore when it restored a backup.
            initial_epoch = max(initial_epoch, resumed)
            self._initial_epoch = None
        self._begin_loop("train")
        needs_sync = callbacks.needs_model_state_per_batch
        try:
            for epoch in range(initial_epoch, epochs):
                self._clear_loop_cache()
                self.reset_metrics()
                callbacks.on_epoch_begin(epoch)
                steps_seen = 0
                for step, batches in iterator.enumerate_epoch():
                    if self._needs_build(True):
                        self._ensure_built(iterator, True, batches)
                    if needs_sync:
                        self._sync_variables()
                    callbacks.on_train_batch_begin(step - len(batches) + 1)
                    logs = self._run_train_function(batches)
                    steps_seen += len(batches)
                    if needs_sync:
                        self._sync_variables()
                    callbacks.on_train_batch_end(step, logs)
                    if self.stop_training:
                        break
                if iterator.ran_out_of_data:
                    self.stop_training = True
                    if steps_seen == 0:
                        if iterator.steps_per_epoch is None:
                            warnings.warn(
                                "Your input ran out of data; interrupting training. A generator "
                                "can be consumed only once: pass `steps_per_epoch` or use a "
                                "PyDataset or dataset that can be iterated every epoch.",
                                stacklevel=2,
                            )
                        break
                self._sync_variables()
                epoch_logs = self._pythonify_logs(logs if steps_seen else self.get_metrics_result())
                if validation_data is not None and self._should_eval(epoch, validation_freq):
                    val_logs = self.evaluate(
                        x=val_x,
                        y=val_y,
                        sample_weight=val_sw,
                        batch_size=validation_batch_size or batch_size,
                        steps=validation_steps,
                        callbacks=callbacks,
                        return_dict=True,
                        _use_cached_eval_dataset=True,
                    )
                    epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
                callbacks.on_epoch_end(epoch, epoch_logs)
                training_logs = epoch_logs
                if self.stop_training:
                    break
        finally:
            self._end_loop("train")
            iterator.close()
        callbacks.on_train_end(logs=training_logs)
        self._eval_epoch_iterator = None
        return self.history

    def _check_targets(self, y, argument):
        """Label checks that need no step: sparse labels within the output's classes."""
        loss = getattr(self, "loss", None)
        if y is None or loss is None or isinstance(loss, (list, tuple, dict)):
            return
        try:
            outputs = self.outputs
        except (AttributeError, ValueError):
            return
        if not isinstance(outputs, (list, tuple)) or len(outputs) != 1:
            return
        shape = getattr(outputs[0], "shape", None)
        if shape:
            compile_utils.check_sparse_labels(loss, y, shape[-1], argument)

    @staticmethod
    def _should_eval(epoch, validation_freq):
        epoch = epoch + 1
        if isinstance(validation_freq, int) and not isinstance(validation_freq, bool):
            if validation_freq < 1:
                raise ValueError(
                    f"`validation_freq` must be a positive int. Received: {validation_freq}"
                )
            return epoch % validation_freq == 0
        if isinstance(validation_freq, (list, tuple, set)):
            return epoch in validation_freq
        raise ValueError(
            "`validation_freq` must be an int or a list of epoch numbers. Received: "
            f"validation_freq={validation_freq!r}"
        )

    # ------------------------------------------------------------------
    # evaluate
    # ------------------------------------------------------------------
    def evaluate(
        self,
        x=None,
        y=None,
        batch_size=None,
        verbose="auto",
        sample_weight=None,
        steps=None,
        callbacks=None,
        return_dict=False,
        **kwargs,
    ):
        """The loss and metrics of the model on the given data.

        Args:
            x, y, sample_weight, batch_size: the data, as in ``fit``.
            verbose: 0 silent, 1 progress bar, 2 a single line, "auto" (1).
            steps: batches to evaluate (default: the whole data).
            callbacks: callbacks to call during evaluation.
            return_dict: return ``{name: value}`` instead of a list.

        Returns:
            The loss (a float) when the model has no other metric, else a list of
            floats in ``metrics_names`` order, or a dict with ``return_dict=True``.

        Example:
        >>> loss, mae = model.evaluate(x, y, verbose=0)  # doctest: +SKIP
        """
        self._assert_trainable_backend("evaluate")
        self._assert_compiled("evaluate")
        use_cached = kwargs.pop("_use_cached_eval_dataset", False)
        if kwargs:
            raise ValueError(f"Unrecognized arguments for evaluate(): {sorted(kwargs)}")
        verbose = self._resolve_verbose(verbose)
        if not use_cached:
            self._check_targets(y, "y")
        if use_cached and self._eval_epoch_iterator is not None:
            iterator = self._eval_epoch_iterator
        else:
            iterator = self._make_iterator(x, y, sample_weight, batch_size, steps, False, None)
            if use_cached:
                self._eval_epoch_iterator = iterator
        callbacks = self._make_callbacks(
            callbacks, verbose, 1, iterator.num_batches, add_history=False
        )
        self._ensure_built(iterator, for_training=False)
        self.make_test_function()
        self.stop_evaluating = False
        callbacks.on_test_begin()
        self.reset_metrics()
        self._begin_loop("test")
        logs = {}
        steps_seen = 0
        try:
            for step, batches in iterator.enumerate_epoch():
                if self._needs_build(False):
                    self._ensure_built(iterator, False, batches)
                callbacks.on_test_batch_begin(step - len(batches) + 1)
                logs = self._run_test_function(batches)
                steps_seen += len(batches)
                callbacks.on_test_batch_end(step, logs)
                if self.stop_evaluating:
                    break
        finally:
            self._end_loop("test")
            if not use_cached:
                iterator.close()
        logs = self._pythonify_logs(logs if steps_seen else self.get_metrics_result())
        callbacks.on_test_end(logs)
        if return_dict:
            return logs
        return self._flatten_logs(logs)

    def _flatten_logs(self, logs):
        names = [n for n in self.metrics_names if n in logs]
        names += [k for k in logs if k not in names]
        values = [logs[n] for n in names]
        return values[0] if len(values) == 1 else values

    # ------------------------------------------------------------------
    # predict
    # ------------------------------------------------------------------
    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model outputs for ``x``, as NumPy arrays (nested like the outputs).

        Args:
            x: the inputs (arrays, datasets, generators, as in ``fit``).
            batch_size: samples per batch for array data (default 32).
            verbose: 0 silent, 1 progress bar, 2 a single line, "auto" (1).
            steps: batches to predict (default: the whole data).
            callbacks: callbacks to call during prediction.

        Example:
        >>> predictions = model.predict(x, verbose=0)  # doctest: +SKIP
        """
        verbose = self._resolve_verbose(verbose)
        iterator = self._make_iterator(x, None, None, batch_size, steps, False, None)
        callbacks = self._make_callbacks(
            callbacks, verbose, 1, iterator.num_batches, add_history=False
        )
        self._ensure_built(iterator, for_training=False)
        self.make_predict_function()
        self.stop_predicting = False
        callbacks.on_predict_begin()
        self._begin_loop("predict")
        outputs = []
        try:
            for step, batches in iterator.enumerate_epoch():
                if not getattr(self, "built", True):
                    self._ensure_built(iterator, False, batches)
                callbacks.on_predict_batch_begin(step - len(batches) + 1)
                batch_outputs = self._run_predict_function(batches)
                for out in batch_outputs:
                    outputs.append(tree.map_structure(backend.convert_to_numpy, out))
                callbacks.on_predict_batch_end(step, {"outputs": batch_outputs[-1]})
                if self.stop_predicting:
                    break
        finally:
            self._end_loop("predict")
            iterator.close()
        callbacks.on_predict_end()
        if not outputs:
            raise ValueError(
                "predict() received no data: the input yielded no batches. Check `x` and `steps`."
            )
        return tree.map_structure_up_to(
            outputs[0], lambda *parts: np.concatenate(parts, axis=0), *outputs
        )

    # ------------------------------------------------------------------
    # single batches
    # ------------------------------------------------------------------
    def _single_batch(self, x, y, sample_weight, class_weight=None):
        x = data_adapter_utils.standardize_structure(x, backend.backend())
        y = data_adapter_utils.standardize_structure(y, backend.backend())
        sample_weight = data_adapter_utils.standardize_structure(sample_weight, backend.backend())
        batch = self._convert_batch(data_adapter_utils.pack_x_y_sample_weight(x, y, sample_weight))
        if class_weight is not None:
            if y is None:
                raise ValueError("`class_weight` needs targets `y`.")
            if sample_weight is not None:
                raise ValueError("`class_weight` and `sample_weight` cannot both be given.")
            data_adapter_utils.check_class_weight_targets(y, class_weight)
            weights = data_adapter_utils.class_weight_to_sample_weight_ops(batch[1], class_weight)
            batch = (batch[0], batch[1], weights)
        return batch

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        """Runs one training step on one batch; returns the loss/metrics (running values).

        Example:
        >>> loss = model.train_on_batch(x[:8], y[:8])  # doctest: +SKIP
        """
        self._assert_trainable_backend("train_on_batch")
        self._assert_compiled("train_on_batch")
        batch = self._single_batch(x, y, sample_weight, class_weight)
        self._symbolic_build(batch, for_training=True)
        self.make_train_function()
        self._begin_loop("train")
        try:
            logs = self._run_train_function([batch])
        finally:
            self._end_loop("train")
        logs = self._pythonify_logs(logs)
        return logs if return_dict else self._flatten_logs(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        """Evaluates one batch; returns the loss/metrics (running values).

        Example:
        >>> loss = model.test_on_batch(x[:8], y[:8])  # doctest: +SKIP
        """
        self._assert_trainable_backend("test_on_batch")
        self._assert_compiled("test_on_batch")
        batch = self._single_batch(x, y, sample_weight)
        self._symbolic_build(batch, for_training=False)
        self.make_test_function()
        self._begin_loop("test")
        try:
            logs = self._run_test_function([batch])
        finally:
            self._end_loop("test")
        logs = self._pythonify_logs(logs)
        return logs if return_dict else self._flatten_logs(logs)

    def predict_on_batch(self, x):
        """The model outputs for one batch, as NumPy arrays.

        Example:
        >>> y = model.predict_on_batch(x[:8])  # doctest: +SKIP
        """
        batch = self._single_batch(x, None, None)
        self._symbolic_build(batch, for_training=False)
        self.make_predict_function()
        self._begin_loop("predict")
        try:
            outputs = self._run_predict_function([batch])
        finally:
            self._end_loop("predict")
        return tree.map_structure(backend.convert_to_numpy, outputs[-1])
