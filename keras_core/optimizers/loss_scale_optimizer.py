"""LossScaleOptimizer: dynamic loss scaling for mixed-precision training."""

from keras_core import ops
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.optimizers.base_optimizer import Optimizer
from keras_core.saving import serialization_lib


class LossScaleOptimizer(Optimizer):
    """Wraps an optimizer with a dynamic loss scale (for float16 training).

    ``scale_loss(loss)`` multiplies the loss by the current scale; ``apply``
    divides the gradients by it. When every gradient is finite the inner
    optimizer's update is applied and, after ``dynamic_growth_steps``
    consecutive finite steps, the scale doubles; otherwise the update is
    skipped and the scale halves. Both outcomes are computed and selected with
    ``where``, so this runs under ``jax.jit`` and ``tf.function``.

    Args:
        inner_optimizer: the optimizer to wrap.
        initial_scale: the starting loss scale.
        dynamic_growth_steps: finite steps between doublings.
        name: the optimizer's name.
        **kwargs: other base ``Optimizer`` arguments.

    Example:
    >>> opt = keras_core.optimizers.LossScaleOptimizer(keras_core.optimizers.SGD(0.1),
    ...                                                initial_scale=4.0)
    >>> v = keras_core.Variable([1.0])
    >>> _ = opt.apply([np.array([4.0], "float32")], [v])  # the gradient of the scaled loss
    >>> round(float(v.numpy()[0]), 6)
    0.9
    >>> _ = opt.apply([np.array([np.inf], "float32")], [v])  # skipped; the scale halves
    >>> round(float(v.numpy()[0]), 6), float(opt.dynamic_scale.numpy())
    (0.9, 2.0)
    """

    def __init__(
        self,
        inner_optimizer,
        initial_scale=2.0**15,
        dynamic_growth_steps=2000,
        name=None,
        **kwargs,
    ):
        if not kwargs.pop("dynamic", True):
            raise ValueError(
                "LossScaleOptimizer no longer supports `dynamic=False`. Instead, set "
                "`loss_scale_factor` on the inner optimizer."
            )
        if not isinstance(inner_optimizer, Optimizer):
            raise ValueError(
                "`inner_optimizer` must be a keras_core optimizer. Received: "
                f"inner_optimizer={inner_optimizer!r}"
            )
        if (
            isinstance(dynamic_growth_steps, bool)
            or not isinstance(dynamic_growth_steps, int)
            or (dynamic_growth_steps < 1)
        ):
            raise ValueError(
                "`dynamic_growth_steps` must be a positive integer. Received: "
                f"dynamic_growth_steps={dynamic_growth_steps!r}"
            )
        super().__init__(learning_rate=0.0, name=name, **kwargs)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = float(initial_scale)
        self.dynamic_growth_steps = dynamic_growth_steps
        # The inner optimizer must not scale a second time.
        self.inner_optimizer.loss_scale_factor = None

    def build(self, variables):
        if self.built:
            return
        variables = list(variables)
        self.step_counter = self.add_variable(
            shape=(), initializer="zeros", dtype="int", name="step_counter"
        )
        self.dynamic_scale = self.add_variable(
            shape=(),
            initializer=_constant(self.initial_scale),
            dtype="float32",
            name="dynamic_scale",
        )
        self.inner_optimizer.build(variables)
        super().build(variables)

    @property
    def variables(self):
        return self._variables + self.inner_optimizer.variables

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        self.inner_optimizer.learning_rate = learning_rate

    def scale_loss(self, loss):
        scale = self.dynamic_scale.value if self.built else self.initial_scale
        return ops.multiply(loss, ops.cast(scale, ops.dtype(loss)))

    @staticmethod
    def check_finite(grads):
        flags = [ops.all(ops.isfinite(g)) for g in grads if g is not None]
        if not flags:
            return ops.convert_to_tensor(True)
        return ops.all(ops.stack(flags))

    def apply(self, grads, trainable_variables=None):
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
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        with self._apply_context():
            grads = [ops.convert_to_tensor(g, dtype=v._dtype) for g, v in pairs]
            variables = [v for _, v in pairs]
            finite = self.check_finite(grads)
            scale = self.dynamic_scale.value
            unscaled = [ops.divide(g, ops.cast(scale, g.dtype)) for g in grads]
            involved = list(self._trainable_variables) + self.inner_optimizer.variables
            current = [(v, v.value) for v in involved]
            with StatelessScope(state_mapping=current) as scope:
                self.inner_optimizer.apply(unscaled, variables)
            updated = {id(v) for v in scope.updated_variables()}
            for v, old in current:
                if id(v) in updated:
                    v.assign(ops.where(finite, scope.get_current_value(v), old))
            counter = self.step_counter.value
            grow = ops.logical_and(finite, ops.equal(counter, self.dynamic_growth_steps - 1))
            new_scale = ops.where(
                finite,
                ops.where(grow, ops.multiply(scale, 2.0), scale),
                ops.divide(scale, 2.0),
            )
            new_counter = ops.where(
                ops.logical_and(finite, ops.logical_not(grow)),
                ops.add(counter, 1),
                ops.zeros_like(counter),
            )
            self.dynamic_scale.assign(new_scale)
            self.step_counter.assign(new_counter)
        return self.iterations

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    def get_config(self):
        config = super().get_config()
        config.pop("learning_rate", None)
        config.update(
            {
                "inner_optimizer": serialization_lib.serialize_keras_object(self.inner_optimizer),
                "initial_scale": self.initial_scale,
                "dynamic_growth_steps": self.dynamic_growth_steps,
            }
        )
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from keras_core import optimizers

        config = dict(config)
        inner = optimizers.deserialize(config.pop("inner_optimizer"), custom_objects=custom_objects)
        return cls(inner, **config)


def _constant(value):
    from keras_core import initializers

    return initializers.Constant(value)
