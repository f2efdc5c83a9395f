"""keras_core.mixed_precision: dtype policies (LossScaleOptimizer arrives with optimizers)."""

from keras_core.mixed_precision.policy import (
    DTypePolicy,
    Policy,
    dtype_policy,
    global_policy,
    set_dtype_policy,
    set_global_policy,
)
