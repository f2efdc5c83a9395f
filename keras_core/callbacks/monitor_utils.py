"""Shared logic of callbacks that watch one logged quantity (EarlyStopping, checkpoints...)."""

import numpy as np

_MAX_HINTS = ("acc", "auc", "precision", "recall", "f1", "fbeta", "iou", "r2")


def resolve_mode(monitor, mode, callback_name):
    """``"min"`` or ``"max"``: ``"auto"`` is ``"max"`` for accuracy-like names."""
    if mode not in ("auto", "min", "max"):
        raise ValueError(
            f"{callback_name}: `mode` must be 'auto', 'min' or 'max'. Received: mode={mode!r}"
        )
    if mode != "auto":
        return mode
    name = monitor.lower()
    if name.startswith("val_"):
        name = name[4:]
    return "max" if any(hint in name for hint in _MAX_HINTS) else "min"


def is_improvement(current, reference, mode, min_delta):
    """Whether ``current`` beats ``reference`` by more than ``min_delta``."""
    if reference is None:
        return True
    if mode == "min":
        return current < reference - min_delta
    return current > reference + min_delta


def get_monitor_value(logs, monitor, callback_name):
    """The monitored value as a float, or ``None`` (with a warning) if it was not logged."""
    import warnings

    logs = logs or {}
    value = logs.get(monitor)
    if value is None:
        warnings.warn(
            f"{callback_name} is conditioned on `{monitor}`, which is not in the logs. "
            f"Available: {', '.join(sorted(logs)) or 'none'}.",
            stacklevel=3,
        )
        return None
    return float(np.asarray(value))
