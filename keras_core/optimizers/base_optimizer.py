"""The optimizer base class, shared by every optimizer and every backend.

An optimizer owns KerasVariables: ``iteration``, ``learning_rate`` (unless
the rate is a schedule or a callable), then per trainable variable its slots
(``adam/dense_kernel_momentum``...), in the order Keras 3 saves them. The
update math of each optimizer is written once, in ``update_step``, with
``keras_core.ops``; everything that happens around it (gradient scaling and
clipping, weight decay, gradient accumulation, EMA, the iteration counter)
lives here. Conditional updates (accumulation, EMA overwrite) compute both
outcomes and select with ``where``, so ``apply`` is free of data-dependent
Python branches and runs unchanged under ``jax.jit`` (``stateless_apply``)
and ``tf.function``. On torch an optional fused update
(``backend/torch/optimizer.py``) replaces the per-variable loop.
"""

import contextlib
import re
import warnings

import numpy as np

from keras_core import backend, initializers, ops
from keras_core.backend.common.name_scope import name_scope
from keras_core.backend.common.stateless_scope import (
    AutocastScope,
    StatelessScope,
    in_stateless_scope,
)
from keras_core.backend.common.variables import KerasVariable
from keras_core.optimizers.schedules import learning_rate_schedule
from keras_core.saving import serialization_lib


def _check_optional_positive(value, name):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"Argument `{name}` must be a positive float. Received: {name}={value!r}")
    return float(value)


class Optimizer:
    """Base class of optimizers.

    Subclasses create their slots in ``build(variables)`` (after calling
    ``super().build``) and implement ``update_step(gradient, variable,
    learning_rate)`` with ``keras_core.ops``.

    Args:
        learning_rate: a float, a ``LearningRateSchedule`` or a callable
            returning the rate.
        weight_decay: if set, each step first shrinks every (non-excluded)
            variable by ``variable * weight_decay * learning_rate``.
        clipnorm: clip each gradient to this L2 norm.
        clipvalue: clip each gradient element to ``[-clipvalue, clipvalue]``.
        global_clipnorm: clip all gradients jointly to this global L2 norm.
        use_ema: keep an exponential moving average of the variables.
        ema_momentum: the EMA momentum.
        ema_overwrite_frequency: every this many iterations, overwrite the
            variables with their moving averages (None: only in
            ``finalize_variable_values``).
        loss_scale_factor: ``scale_loss`` multiplies the loss by it and the
            gradients are divided by it.
        gradient_accumulation_steps: apply the mean of the gradients of this
            many consecutive calls once every that many calls (>= 2).
        name: the optimizer's name (the prefix of its variables' paths).

    Example:
    >>> opt = keras_core.optimizers.SGD(learning_rate=0.1)
    >>> v = keras_core.Variable([1.0, 2.0])
    >>> _ = opt.apply([np.array([1.0, 1.0], "float32")], [v])
    >>> [round(x, 6) for x in v.numpy().tolist()]
    [0.9, 1.9]
    """

    def __init__(
        self,
        learning_rate,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name=None,
        **kwargs,
    ):
        if "lr" in kwargs:
            raise ValueError(
                "Argument `lr` is no longer supported: use `learning_rate`. "
                f"Received: lr={kwargs['lr']!r}"
            )
        if kwargs.pop("decay", None) is not None:
            warnings.warn(
                "Argument `decay` is no longer supported and is ignored: use a "
                "`keras_core.optimizers.schedules.LearningRateSchedule` instead.",
                stacklevel=2,
            )
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if name is None:
            from keras_core.ops.operation import _to_snake_case, auto_name

            name = auto_name(_to_snake_case(type(self).__name__))
        if not isinstance(name, str) or not name or "/" in name:
            raise ValueError(
                f"`name` must be a non-empty string without '/'. Received: name={name!r}"
            )
        self.name = name
        if weight_decay is not None:
            if isinstance(weight_decay, bool) or not isinstance(weight_decay, (int, float)):
                raise ValueError(
                    f"Argument `weight_decay` must be a float. Received: weight_decay={weight_decay!r}"
                )
            weight_decay = float(weight_decay)
        self.weight_decay = weight_decay
        self.clipnorm = _check_optional_positive(clipnorm, "clipnorm")
        self.clipvalue = _check_optional_positive(clipvalue, "clipvalue")
        self.global_clipnorm = _check_optional_positive(global_clipnorm, "global_clipnorm")
        given = [n for n in ("clipnorm", "clipvalue", "global_clipnorm") if getattr(self, n)]
        if len(given) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}"
            )
        self.use_ema = bool(use_ema)
        if use_ema:
            if not 0.0 <= ema_momentum <= 1.0:
                raise ValueError(
                    f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}"
                )
            if ema_overwrite_frequency is not None and (
                not isinstance(ema_overwrite_frequency, int) or ema_overwrite_frequency < 1
            ):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                    f"ema_overwrite_frequency={ema_overwrite_frequency!r}"
                )
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = _check_optional_positive(loss_scale_factor, "loss_scale_factor")
        if gradient_accumulation_steps is not None and (
            isinstance(gradient_accumulation_steps, bool)
            or not isinstance(gradient_accumulation_steps, int)
            or gradient_accumulation_steps < 2
        ):
            raise ValueError(
                "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                f"gradient_accumulation_steps={gradient_accumulation_steps!r}"
            )
        self.gradient_accumulation_steps = gradient_accumulation_steps

        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._trainable_variables_indices = {}
        self._exclude_ids = set()
        self._exclude_pattern = None
        self._use_fused_update = True
        with name_scope(self.name, caller=self):
            self._iterations = backend.Variable(
                0, name="iteration", dtype="int", trainable=False, aggregation="only_first_replica"
            )
        self._track_variable(self._iterations)
        self._learning_rate = self._build_learning_rate(learning_rate)

    # ------------------------------------------------------------------
    # Variables
    # ------------------------------------------------------------------
    def _build_learning_rate(self, learning_rate):
        if isinstance(learning_rate, learning_rate_schedule.LearningRateSchedule):
            return learning_rate
        if isinstance(learning_rate, KerasVariable):
            learning_rate = float(np.asarray(learning_rate.numpy()))
        elif callable(learning_rate):
            return learning_rate
        if isinstance(learning_rate, bool) or not isinstance(
            learning_rate, (int, float, np.floating, np.integer)
        ):
            try:
                learning_rate = float(np.asarray(backend.convert_to_numpy(learning_rate)))
            except Exception as e:
                raise ValueError(
                    "Argument `learning_rate` must be a float, a LearningRateSchedule or a "
                    f"callable. Received: learning_rate={learning_rate!r}"
                ) from e
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                float(learning_rate),
                name="learning_rate",
                dtype=backend.floatx(),
                trainable=False,
                aggregation="only_first_replica",
            )
        self._track_variable(variable)
        return variable

    def _track_variable(self, variable):
        self._variables.append(variable)

    @property
    def variables(self) -> list:
        """All the optimizer's variables: iteration, learning rate, then the slots."""
        return self._variables[:]

    @property
    def iterations(self):
        """The number of ``apply`` calls so far (an int Variable)."""
        return self._iterations

    def add_variable(
        self, shape, initializer="zeros", dtype=None, aggregation="mean", name=None
    ) -> KerasVariable:
        """Creates an optimizer variable (not trainable), tracked in ``variables``."""
        initializer = initializers.get(initializer)
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                initializer=initializer,
                shape=shape,
                dtype=dtype or backend.floatx(),
                trainable=False,
                aggregation=aggregation,
                name=name or "variable",
            )
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(
        self, reference_variable, name=None, initializer="zeros"
    ) -> KerasVariable:
        """Creates a slot with ``reference_variable``'s shape and dtype.

        Its name is the reference's path (``"/"`` replaced by ``"_"``) plus
        ``"_" + name``, as in Keras 3: ``adam/dense_kernel_momentum``.
        """
        prefix = reference_variable.path.replace("/", "_")
        return self.add_variable(
            shape=reference_variable.shape,
            initializer=initializer,
            dtype=reference_variable._dtype,
            name=f"{prefix}_{name}" if name else prefix,
        )

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """Slots for every variable: one list for a ``name``, a tuple of lists for several.

        With several names, the slots are created variable by variable
        (``v0_momentum, v0_velocity, v1_momentum, ...``), the order of Keras 3 files.
        """
        names = [name] if isinstance(name, str) else list(name)
        out = [[] for _ in names]
        for variable in trainable_variables:
            for i, slot_name in enumerate(names):
                out[i].append(
                    self.add_variable_from_reference(variable, slot_name, initializer=initializer)
                )
        return out[0] if isinstance(name, str) else tuple(out)

    def build(self, variables):
        """Creates the optimizer's variables for ``variables`` (the trainable ones)."""
        variables = list(variables)
        for v in variables:
            if not isinstance(v, KerasVariable):
                raise ValueError(
                    "`Optimizer.build()` expects a list of keras_core Variables. Received an "
                    f"element of type {type(v).__name__}"
                )
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(
                variables, "average"
            )
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = self.add_optimizer_variables(
                variables, "gradient_accumulator"
            )
        self._trainable_variables = variables
        self._trainable_variables_indices = {id(v): i for i, v in enumerate(variables)}
        self.built = True

    def _var_key(self, variable):
        return id(variable)

    def _get_variable_index(self, variable):
        try:
            return self._trainable_variables_indices[id(variable)]
        except KeyError as e:
            raise KeyError(
                f"The optimizer cannot recognize variable {variable.path!r}: it was not in the "
                "list of variables the optimizer was built with. Optimizers are built for a "
                "fixed set of variables; create a new optimizer for a new set."
            ) from e

    # ------------------------------------------------------------------
    # Learning rate
    # ------------------------------------------------------------------
    @property
    def learning_rate(self):
        """The current rate: the Variable, or the schedule evaluated at ``iterations``."""
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        if isinstance(learning_rate, learning_rate_schedule.LearningRateSchedule) or (
            callable(learning_rate) and not isinstance(learning_rate, KerasVariable)
        ):
            self._learning_rate = learning_rate
            return
        if not isinstance(self._learning_rate, KerasVariable):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` (or a callable) as "
                "its `learning_rate`, so its learning rate cannot be set to a number. Create the "
                "optimizer with a float `learning_rate` to be able to set it."
            )
        self._learning_rate.assign(learning_rate)

    def _get_current_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, learning_rate_schedule.LearningRateSchedule):
            return lr(self._iterations.value)
        if isinstance(lr, KerasVariable):
            return lr
        return lr()

    # ------------------------------------------------------------------
    # Applying gradients
    # ------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """Applies ``[(gradient, variable), ...]``; returns ``iterations``."""
        pairs = list(grads_and_vars)
        for pair in pairs:
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ValueError(
                    "`grads_and_vars` must be a list of (gradient, variable) pairs. Received an "
                    f"element: {pair!r}"
                )
        grads = [g for g, _ in pairs]
        variables = [v for _, v in pairs]
        return self.apply(grads, variables)

    def apply(self, grads, trainable_variables=None):
        """Applies ``grads`` to ``trainable_variables`` (default: those it was built with).

        Builds the optimizer on the first call. ``None`` gradients are skipped.
        Returns the ``iterations`` variable.
        """
        grads = list(grads)
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When `trainable_variables` is not given, the optimizer must already be "
                    "built: call `optimizer.build(trainable_variables)` first."
                )
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                self.build(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"`grads` and `trainable_variables` must have the same length. Received: "
                f"{len(grads)} gradients for {len(trainable_variables)} variables"
            )
        for v in trainable_variables:
            self._get_variable_index(v)
        missing = [v.path for g, v in zip(grads, trainable_variables) if g is None]
        if missing:
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss; "
                "they are not updated.",
                stacklevel=2,
            )
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        if not pairs:
            return self._iterations
        with self._apply_context():
            grads = [ops.convert_to_tensor(g, dtype=v._dtype) for g, v in pairs]
            variables = [v for _, v in pairs]
            if self.loss_scale_factor is not None:
                grads = [ops.divide(g, self.loss_scale_factor) for g in grads]
            self._backend_apply_gradients(grads, variables)
            # As in Keras: constraints are applied once, after the whole update.
            for v in variables:
                if v.constraint is not None:
                    v.assign(v.constraint(v.value))
        return self._iterations

    @contextlib.contextmanager
    def _apply_context(self):
        # Updates are computed outside any mixed-precision autocast; on torch
        # they run without autograd recording.
        with AutocastScope(None):
            with backend.optimizer.no_grad():
                yield

    def _backend_apply_gradients(self, grads, trainable_variables):
        if self.gradient_accumulation_steps:
            steps = self.gradient_accumulation_steps
            accumulators = [
                self._accumulated_gradients[self._get_variable_index(v)]
                for v in trainable_variables
            ]
            is_update_step = ops.equal(ops.mod(ops.add(self._iterations.value, 1), steps), 0)

            def update():
                mean_grads = [
                    ops.divide(ops.add(g, a.value), float(steps))
                    for g, a in zip(grads, accumulators)
                ]
                self._apply_update(mean_grads, trainable_variables)
                for a in accumulators:
                    a.assign(ops.zeros(a.shape, dtype=a._dtype))

            def accumulate():
                for g, a in zip(grads, accumulators):
                    a.assign(ops.add(a.value, g))

            self._select_updates(is_update_step, update, accumulate, trainable_variables)
        else:
            self._apply_update(grads, trainable_variables)
        if self.use_ema:
            self._update_model_variables_moving_average(self._trainable_variables)
            if self.ema_overwrite_frequency:
                should_overwrite = ops.equal(
                    ops.mod(ops.add(self._iterations.value, 1), self.ema_overwrite_frequency), 0
                )
                self._select_updates(
                    should_overwrite,
                    lambda: self._overwrite_model_variables_with_average_value(
                        self._trainable_variables
                    ),
                    lambda: None,
                    self._trainable_variables,
                )
        self._iterations.assign(ops.add(self._iterations.value, 1))

    def _apply_update(self, grads, trainable_variables):
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(trainable_variables)
        self._backend_update_step(grads, trainable_variables, self.learning_rate)

    def _backend_update_step(self, grads, trainable_variables, learning_rate):
        fused = self._fused_update_fn()
        if fused is not None:
            fused(self, grads, trainable_variables, learning_rate)
            return
        for grad, variable in zip(grads, trainable_variables):
            self.update_step(grad, variable, learning_rate)

    def _fused_update_fn(self):
        if not self._use_fused_update or in_stateless_scope():
            return None
        return backend.optimizer.get_fused_update(self)

    def _select_updates(self, pred, true_fn, false_fn, trainable_variables):
        """Runs both branches on the current values; assigns ``where(pred, true, false)``.

        Both outcomes are computed in stateless scopes (nothing is assigned
        while they run), then every variable either branch changed is set to
        the selected value. No Python branch depends on ``pred``'s value, so
        this traces under ``jax.jit`` and ``tf.function``.
        """
        involved = list(trainable_variables) + [
            v for v in self._variables if all(v is not t for t in trainable_variables)
        ]
        current = [(v, v.value) for v in involved]
        outcomes = []
        for fn in (true_fn, false_fn):
            with StatelessScope(state_mapping=current) as scope:
                fn()
            outcomes.append(scope)
        changed = {}
        for scope in outcomes:
            for v in scope.updated_variables():
                changed[id(v)] = v
        pred = ops.convert_to_tensor(pred)
        for v in changed.values():
            a = outcomes[0].get_current_value(v)
            b = outcomes[1].get_current_value(v)
            v.assign(ops.where(pred, a, b))

    def update_step(self, gradient, variable, learning_rate):
        """Updates one ``variable`` from its ``gradient``; each optimizer implements it."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `update_step(gradient, variable, "
            "learning_rate)`."
        )

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """``apply`` as a pure function of explicit values (for ``jax.jit``).

        Args:
            optimizer_variables: values of ``self.variables``, in order.
            grads: one gradient per trainable variable (as built).
            trainable_variables: values of the variables the optimizer was built with.

        Returns:
            ``(new_trainable_values, new_optimizer_values)``; no variable is changed.
        """
        if not self.built:
            raise ValueError(
                f"To call `stateless_apply`, {type(self).__name__} must be built (its variables "
                "created): call `optimizer.build(trainable_variables)` first."
            )
        own = self.variables
        if len(optimizer_variables) != len(own):
            raise ValueError(
                f"Expected {len(own)} optimizer variable values; received "
                f"{len(optimizer_variables)}."
            )
        if len(trainable_variables) != len(self._trainable_variables):
            raise ValueError(
                f"Expected {len(self._trainable_variables)} trainable variable values; "
                f"received {len(trainable_variables)}."
            )
        mapping = list(zip(self._trainable_variables, trainable_variables)) + list(
            zip(own, optimizer_variables)
        )
        with StatelessScope(state_mapping=mapping) as scope:
            self.apply(grads)
        new_trainable = [scope.get_current_value(v) for v in self._trainable_variables]
        new_optimizer = [scope.get_current_value(v) for v in own]
        return new_trainable, new_optimizer

    def scale_loss(self, loss):
        """Multiplies ``loss`` by ``loss_scale_factor`` when one is set."""
        if self.loss_scale_factor is not None:
            return ops.multiply(loss, self.loss_scale_factor)
        return loss

    # ------------------------------------------------------------------
    # Assignment helpers used by update steps
    # ------------------------------------------------------------------
    def assign(self, variable, value):
        variable.assign(value)

    def assign_add(self, variable, value):
        variable.assign(ops.add(variable.value, value))

    def assign_sub(self, variable, value):
        variable.assign(ops.subtract(variable.value, value))

    # ------------------------------------------------------------------
    # Clipping, weight decay, EMA
    # ------------------------------------------------------------------
    def _clip_gradients(self, grads):
        if self.clipnorm:
            return [clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm:
            return clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue:
            v = self.clipvalue
            return [ops.clip(g, -v, v) for g in grads]
        return grads

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Excludes variables (by object, or by a regex on their name) from weight decay.

        Must be called before the optimizer is built.
        """
        if self.built:
            raise ValueError(
                "`exclude_from_weight_decay()` can only be configured before the optimizer "
                "is built."
            )
        if var_list:
            self._exclude_ids = {id(v) for v in var_list}
        if var_names:
            self._exclude_pattern = "|".join(sorted(set(var_names)))

    def _use_weight_decay(self, variable):
        if id(variable) in self._exclude_ids:
            return False
        if self._exclude_pattern is not None and re.search(self._exclude_pattern, variable.name):
            return False
        return True

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None or self.weight_decay == 0:
            return
        lr = self.learning_rate
        for variable in variables:
            if self._use_weight_decay(variable):
                dtype = variable._dtype
                factor = ops.multiply(ops.cast(lr, dtype), ops.cast(self.weight_decay, dtype))
                variable.assign(ops.subtract(variable.value, ops.multiply(variable.value, factor)))

    def _update_model_variables_moving_average(self, trainable_variables):
        not_first = ops.not_equal(self._iterations.value, 0)
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            dtype = var._dtype
            momentum = ops.multiply(ops.cast(not_first, dtype), self.ema_momentum)
            average.assign(
                ops.add(
                    ops.multiply(momentum, average.value),
                    ops.multiply(ops.subtract(1.0, momentum), var.value),
                )
            )

    def _overwrite_model_variables_with_average_value(self, trainable_variables):
        for var in trainable_variables:
            average = self._model_variables_moving_average[self._get_variable_index(var)]
            var.assign(average.value)

    def finalize_variable_values(self, var_list):
        """At the end of training: with ``use_ema``, sets the variables to their averages."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(var_list)

    # ------------------------------------------------------------------
    # Weights and saving
    # ------------------------------------------------------------------
    def set_weights(self, weights):
        """Sets ``variables`` from a list of arrays of the same shapes."""
        own = self.variables
        if len(weights) != len(own):
            raise ValueError(
                f"Optimizer {self.name!r} has {len(own)} variables; set_weights() received "
                f"{len(weights)} arrays."
            )
        for v, w in zip(own, weights):
            if tuple(np.shape(w)) != tuple(v.shape):
                raise ValueError(
                    f"Optimizer variable {v.path!r} has shape {tuple(v.shape)}; the given value "
                    f"has shape {tuple(np.shape(w))}."
                )
        for v, w in zip(own, weights):
            v.assign(backend.convert_to_tensor(np.asarray(w), dtype=v._dtype))

    def save_own_variables(self, store):
        """Writes the variables into ``store`` under keys ``"0"``, ``"1"``, ..."""
        for i, v in enumerate(self.variables):
            store[str(i)] = v.numpy()

    def load_own_variables(self, store):
        """Reads the variables back from ``store`` (see ``save_own_variables``)."""
        own = self.variables
        if len(store.keys()) != len(own):
            msg = (
                f"Skipping variable loading for optimizer {self.name!r}: it has {len(own)} "
                f"variables while the saved optimizer has {len(store.keys())}."
            )
            if not self.built:
                msg += " The optimizer is not built yet (it builds on its first update)."
            warnings.warn(msg, stacklevel=2)
            return
        for i, v in enumerate(own):
            v.assign(store[str(i)])

    # ------------------------------------------------------------------
    # Config
    # ------------------------------------------------------------------
    def _serialize_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, KerasVariable):
            return float(np.asarray(lr.numpy()))
        return serialization_lib.serialize_keras_object(lr)

    def get_config(self) -> dict:
        """The constructor arguments (``learning_rate`` as a float or a serialized schedule)."""
        return {
            "name": self.name,
            "learning_rate": self._serialize_learning_rate(),
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        lr = config.get("learning_rate")
        if isinstance(lr, dict):
            if "module" not in lr and "class_name" in lr:
                lr = dict(lr, module="keras.optimizers.schedules")
            config["learning_rate"] = serialization_lib.deserialize_keras_object(
                lr, custom_objects=custom_objects
            )
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


BaseOptimizer = Optimizer


def clip_by_norm(values, clip_norm):
    """Rescales ``values`` so that its L2 norm is at most ``clip_norm``."""
    l2sum = ops.sum(ops.square(values))
    positive = ops.greater(l2sum, 0)
    safe = ops.where(positive, l2sum, ops.ones_like(l2sum))
    norm = ops.where(positive, ops.sqrt(safe), l2sum)
    return ops.divide(ops.multiply(values, clip_norm), ops.maximum(norm, clip_norm))


def global_norm(values_list):
    """The L2 norm of all the tensors in ``values_list`` taken together."""
    squares = [ops.sum(ops.square(ops.cast(v, "float32"))) for v in values_list if v is not None]
    return ops.sqrt(ops.sum(ops.stack(squares)))


def clip_by_global_norm(values_list, clip_norm):
    """Rescales every tensor by ``clip_norm / max(global_norm, clip_norm)``."""
    norm = global_norm(values_list)
    scale = ops.divide(clip_norm, ops.maximum(norm, clip_norm))
    return [ops.multiply(v, ops.cast(scale, v.dtype)) for v in values_list]
