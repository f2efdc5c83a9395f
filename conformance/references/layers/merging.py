"""NumPy references of the merging layers (called on a list of tensors)."""

import functools

import numpy as np


def _no_weights(config, input_shapes):
    return []


def _reduce(fn):
    def call(config, weights, inputs):
        return functools.reduce(fn, inputs)

    return call


def _subtract(config, weights, inputs):
    if len(inputs) != 2:
        raise ValueError(f"Subtract takes exactly 2 inputs. Received: {len(inputs)} inputs")
    return inputs[0] - inputs[1]


def _average(config, weights, inputs):
    return functools.reduce(np.add, inputs) / len(inputs)


def _concatenate(config, weights, inputs):
    return np.concatenate(inputs, axis=config.get("axis", -1))


def _l2_normalize(x, axis):
    norm = np.sqrt(np.sum(x * x, axis=axis, keepdims=True))
    return x / np.maximum(norm, 1e-12)


def _dot(config, weights, inputs):
    """Keras 3's ``Dot``: a per-sample tensordot over one axis of each input."""
    x, y = inputs
    axes = config["axes"]
    axes = [axes, axes] if isinstance(axes, int) else list(axes)
    axes = [a % t.ndim for a, t in zip(axes, (x, y))]
    if config.get("normalize", False):
        x, y = _l2_normalize(x, axes[0]), _l2_normalize(y, axes[1])
    out = np.stack(
        [np.tensordot(x[b], y[b], axes=(axes[0] - 1, axes[1] - 1)) for b in range(x.shape[0])]
    )
    if out.ndim == 1:  # two vectors per sample: (batch,) becomes (batch, 1)
        out = out[:, None]
    return out


REFERENCES = {
    "Add": {"weights": _no_weights, "call": _reduce(np.add)},
    "Subtract": {"weights": _no_weights, "call": _subtract},
    "Multiply": {"weights": _no_weights, "call": _reduce(np.multiply)},
    "Average": {"weights": _no_weights, "call": _average},
    "Maximum": {"weights": _no_weights, "call": _reduce(np.maximum)},
    "Minimum": {"weights": _no_weights, "call": _reduce(np.minimum)},
    "Concatenate": {"weights": _no_weights, "call": _concatenate},
    "Dot": {"weights": _no_weights, "call": _dot},
}
