"""numpy: the optimizer hooks. Updates need no special context here, and there is
no fused multi-tensor path: every optimizer runs its one update rule from
``keras_core/optimizers`` per variable (on tensorflow and jax inside the
compiled train step, where the compiler fuses them)."""

import contextlib


def no_grad():
    return contextlib.nullcontext()


def get_fused_update(optimizer):
    return None
