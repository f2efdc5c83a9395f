"""Learning-rate schedules: callables ``schedule(step) -> learning rate``.

An optimizer created with a schedule evaluates it at its current iteration
count on every update. Every schedule is written with ``keras_core.ops`` and
selects between regimes with ``where`` (never Python branching on the step),
so it traces under ``jax.jit`` and ``tf.function``.
"""

import math

from keras_core import ops
from keras_core.saving import serialization_lib


class LearningRateSchedule:
    """Base class of learning-rate schedules.

    Subclasses implement ``__call__(step)`` (the step is a scalar tensor or
    int) and ``get_config()``.

    Example:
    >>> class Halving(keras_core.optimizers.schedules.LearningRateSchedule):
    ...     def __call__(self, step):
    ...         return 0.1 * keras_core.ops.power(0.5, keras_core.ops.cast(step, "float32"))
    ...     def get_config(self):
    ...         return {}
    >>> round(float(Halving()(2)), 6)
    0.025
    """

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule {type(self).__name__!r} must override `__call__(self, step)`."
        )

    def get_config(self) -> dict:
        raise NotImplementedError(
            f"Learning rate schedule {type(self).__name__!r} must override `get_config()` "
            "to be serializable."
        )

    @classmethod
    def from_config(cls, config: dict):
        return cls(**config)


def _check_positive(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={value!r}")


def _float_lr(initial_learning_rate):
    return ops.convert_to_tensor(initial_learning_rate, dtype="float32")


def _step(step, dtype):
    return ops.cast(step, dtype)


class ExponentialDecay(LearningRateSchedule):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)``.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the number of steps over which the rate is multiplied by
            ``decay_rate``; must be positive.
        decay_rate: the decay factor.
        staircase: floor ``step / decay_steps`` (decay in discrete jumps).
        name: the schedule's name.

    Example:
    >>> s = keras_core.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
    >>> round(float(s(20)), 6)
    0.025
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "ExponentialDecay",
    ):
        _check_positive(decay_steps, "decay_steps")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        lr = _float_lr(self.initial_learning_rate)
        p = ops.divide(_step(step, lr.dtype), ops.cast(self.decay_steps, lr.dtype))
        if self.staircase:
            p = ops.floor(p)
        return ops.multiply(lr, ops.power(ops.cast(self.decay_rate, lr.dtype), p))

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class PiecewiseConstantDecay(LearningRateSchedule):
    """A constant rate on each interval between ``boundaries``.

    ``values[0]`` while ``step <= boundaries[0]``, ``values[i]`` while
    ``boundaries[i-1] < step <= boundaries[i]``, and ``values[-1]`` after the
    last boundary.

    Args:
        boundaries: increasing step boundaries.
        values: one more value than boundaries.
        name: the schedule's name.

    Example:
    >>> s = keras_core.optimizers.schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
    >>> [round(float(s(t)), 6) for t in (0, 10, 11, 21)]
    [1.0, 1.0, 0.5, 0.1]
    """

    def __init__(self, boundaries: list, values: list, name: str = "PiecewiseConstant"):
        boundaries = list(boundaries)
        values = list(values)
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of `values` must be one more than the length of `boundaries`. "
                f"Received: len(boundaries)={len(boundaries)}, len(values)={len(values)}"
            )
        if any(b2 < b1 for b1, b2 in zip(boundaries, boundaries[1:])):
            raise ValueError(f"`boundaries` must be increasing. Received: boundaries={boundaries}")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        values = [ops.convert_to_tensor(v, dtype="float32") for v in self.values]
        step = _step(step, "float32")
        result = values[-1]
        # Walk from the last interval down, so the first matching interval wins.
        for boundary, value in reversed(list(zip(self.boundaries, values[:-1]))):
            result = ops.where(ops.less_equal(step, float(boundary)), value, result)
        return result

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """Polynomial decay from ``initial_learning_rate`` to ``end_learning_rate``.

    ``(initial - end) * (1 - step / decay_steps) ** power + end``, the step
    held at ``decay_steps``; with ``cycle=True`` the horizon is instead the
    first multiple of ``decay_steps`` at or above the step.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the decay horizon; must be positive.
        end_learning_rate: the final rate.
        power: the polynomial's power.
        cycle: restart the decay past ``decay_steps``.
        name: the schedule's name.

    Example:
    >>> s = keras_core.optimizers.schedules.PolynomialDecay(1.0, 10, end_learning_rate=0.0)
    >>> [round(float(s(t)), 6) for t in (0, 5, 20)]
    [1.0, 0.5, 0.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        end_learning_rate: float = 0.0001,
        power: float = 1.0,
        cycle: bool = False,
        name: str = "PolynomialDecay",
    ):
        _check_positive(decay_steps, "decay_steps")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        lr = _float_lr(self.initial_learning_rate)
        dtype = lr.dtype
        end = ops.cast(self.end_learning_rate, dtype)
        step = _step(step, dtype)
        horizon = ops.cast(self.decay_steps, dtype)
        if self.cycle:
            multiplier = ops.where(ops.equal(step, 0.0), 1.0, ops.ceil(ops.divide(step, horizon)))
            horizon = ops.multiply(horizon, ops.cast(multiplier, dtype))
        else:
            step = ops.minimum(step, horizon)
        p = ops.divide(step, horizon)
        decayed = ops.power(ops.subtract(1.0, p), ops.cast(self.power, dtype))
        return ops.add(ops.multiply(ops.subtract(lr, end), decayed), end)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }


class InverseTimeDecay(LearningRateSchedule):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)``.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the step scale; must be positive.
        decay_rate: the decay rate.
        staircase: floor ``step / decay_steps``.
        name: the schedule's name.

    Example:
    >>> s = keras_core.optimizers.schedules.InverseTimeDecay(1.0, 1, 0.5)
    >>> round(float(s(2)), 6)
    0.5
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "InverseTimeDecay",
    ):
        _check_positive(decay_steps, "decay_steps")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        lr = _float_lr(self.initial_learning_rate)
        p = ops.divide(_step(step, lr.dtype), ops.cast(self.decay_steps, lr.dtype))
        if self.staircase:
            p = ops.floor(p)
        denom = ops.add(1.0, ops.multiply(ops.cast(self.decay_rate, lr.dtype), p))
        return ops.divide(lr, denom)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class CosineDecay(LearningRateSchedule):
    """Cosine decay, optionally after a linear warmup.

    Without warmup: ``initial * ((1 - alpha) * 0.5 * (1 + cos(pi * t / decay_steps)) + alpha)``
    with ``t = min(step, decay_steps)``. With ``warmup_target``, the rate first
    rises linearly from ``initial_learning_rate`` to ``warmup_target`` over
    ``warmup_steps`` steps, then decays from ``warmup_target`` as above.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the length of the decay; must be positive.
        alpha: the final rate as a fraction of the decayed-from rate.
        name: the schedule's name.
        warmup_target: the rate reached at the end of the warmup (None: no warmup).
        warmup_steps: the warmup's length.

    Example:
    >>> s = keras_core.optimizers.schedules.CosineDecay(1.0, 10)
    >>> [round(float(s(t)), 6) for t in (0, 5, 10)]
    [1.0, 0.5, 0.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        alpha: float = 0.0,
        name: str = "CosineDecay",
        warmup_target: float | None = None,
        warmup_steps: int = 0,
    ):
        _check_positive(decay_steps, "decay_steps")
        if isinstance(warmup_steps, bool) or not isinstance(warmup_steps, int) or warmup_steps < 0:
            raise ValueError(
                f"Argument `warmup_steps` must be a non-negative int. Received: "
                f"warmup_steps={warmup_steps!r}"
            )
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def _decay(self, step, decay_steps, from_lr):
        fraction = ops.divide(step, decay_steps)
        cosine = ops.multiply(0.5, ops.add(1.0, ops.cos(ops.multiply(math.pi, fraction))))
        decayed = ops.add(ops.multiply(1.0 - self.alpha, cosine), self.alpha)
        return ops.multiply(from_lr, decayed)

    def __call__(self, step):
        lr = _float_lr(self.initial_learning_rate)
        dtype = lr.dtype
        decay_steps = ops.cast(self.decay_steps, dtype)
        step = _step(step, dtype)
        if self.warmup_target is None:
            return self._decay(ops.minimum(step, decay_steps), decay_steps, lr)
        target = ops.cast(self.warmup_target, dtype)
        warmup_steps = ops.cast(self.warmup_steps, dtype)
        step = ops.minimum(step, ops.add(decay_steps, warmup_steps))
        safe_warmup = ops.maximum(warmup_steps, 1.0)
        warm = ops.add(ops.multiply(ops.subtract(target, lr), ops.divide(step, safe_warmup)), lr)
        decay = self._decay(ops.subtract(step, warmup_steps), decay_steps, target)
        return ops.where(ops.less(step, warmup_steps), warm, decay)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR).

    The first period lasts ``first_decay_steps``; each following period is
    ``t_mul`` times longer and starts from ``m_mul`` times the previous
    starting rate.

    Args:
        initial_learning_rate: the rate at step 0.
        first_decay_steps: the length of the first period; must be positive.
        t_mul: the period growth factor.
        m_mul: the restart-rate factor.
        alpha: the minimum rate as a fraction of ``initial_learning_rate``.
        name: the schedule's name.

    Example:
    >>> s = keras_core.optimizers.schedules.CosineDecayRestarts(1.0, 10, t_mul=1.0)
    >>> [round(float(s(t)), 6) for t in (0, 5, 10)]
    [1.0, 0.5, 1.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        first_decay_steps: int,
        t_mul: float = 2.0,
        m_mul: float = 1.0,
        alpha: float = 0.0,
        name: str = "SGDRDecay",
    ):
        _check_positive(first_decay_steps, "first_decay_steps")
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self.t_mul = t_mul
        self.m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        lr = _float_lr(self.initial_learning_rate)
        dtype = lr.dtype
        fraction = ops.divide(_step(step, dtype), ops.cast(self.first_decay_steps, dtype))
        t_mul = float(self.t_mul)
        if t_mul == 1.0:
            restart = ops.floor(fraction)
            fraction = ops.subtract(fraction, restart)
        else:
            # Period i spans [(1 - t^i) / (1 - t), (1 - t^(i+1)) / (1 - t)) first periods.
            restart = ops.floor(
                ops.divide(
                    ops.log(ops.subtract(1.0, ops.multiply(fraction, 1.0 - t_mul))), math.log(t_mul)
                )
            )
            start = ops.divide(ops.subtract(1.0, ops.power(t_mul, restart)), 1.0 - t_mul)
            fraction = ops.divide(ops.subtract(fraction, start), ops.power(t_mul, restart))
        m_fac = ops.power(ops.cast(self.m_mul, dtype), restart)
        cosine = ops.multiply(
            ops.multiply(0.5, m_fac), ops.add(1.0, ops.cos(ops.multiply(math.pi, fraction)))
        )
        decayed = ops.add(ops.multiply(1.0 - self.alpha, cosine), self.alpha)
        return ops.multiply(lr, decayed)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self.t_mul,
            "m_mul": self.m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }


def serialize(learning_rate_schedule) -> dict:
    """Returns the config dict of a schedule.

    Example:
    >>> s = keras_core.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    >>> keras_core.optimizers.schedules.serialize(s)["class_name"]
    'ExponentialDecay'
    """
    return serialization_lib.serialize_keras_object(learning_rate_schedule)


def deserialize(config, custom_objects=None):
    """Rebuilds a schedule from ``serialize``'s output.

    Example:
    >>> s = keras_core.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    >>> type(keras_core.optimizers.schedules.deserialize(
    ...     keras_core.optimizers.schedules.serialize(s))).__name__
    'ExponentialDecay'
    """
    if isinstance(config, dict) and "class_name" in config and "module" not in config:
        config = dict(config, module="keras.optimizers.schedules")
    obj = serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
    if not isinstance(obj, LearningRateSchedule) and not callable(obj):
        raise ValueError(f"Could not interpret learning rate schedule config: {config!r}")
    return obj
