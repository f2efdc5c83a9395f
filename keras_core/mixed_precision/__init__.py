"""keras_core.mixed_precision: dtype policies and LossScaleOptimizer."""

from keras_core.mixed_precision.policy import (
    DTypePolicy,
    Policy,
    dtype_policy,
    global_policy,
    set_dtype_policy,
    set_global_policy,
)


def __getattr__(name):
    # Imported lazily: the optimizers import layers' dependencies, which import this package.
    if name == "LossScaleOptimizer":
        from keras_core.optimizers.loss_scale_optimizer import LossScaleOptimizer

        return LossScaleOptimizer
    raise AttributeError(f"module 'keras_core.mixed_precision' has no attribute {name!r}")
