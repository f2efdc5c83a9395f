"""NumPy references of the activation layers and of the activation functions.

``apply_activation(name, x)`` evaluates a Keras activation by name (``None``
and ``"linear"`` are the identity) in float64; the other layer references use
it for their ``activation`` argument. Formulas follow Keras 3's documented
definitions.
"""

import numpy as np
import scipy.special


def _relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    # Keras 3: values above `threshold` pass, the rest become
    # `negative_slope * (x - threshold)`; the positive part is clipped to `max_value`.
    x = np.asarray(x, np.float64)
    positive = np.where(x > threshold, x, 0.0)
    if max_value is not None:
        positive = np.clip(positive, 0.0, max_value)
    if negative_slope:
        positive = positive - negative_slope * np.maximum(threshold - x, 0.0)
    return positive


def _softmax(x, axis=-1):
    x = np.asarray(x, np.float64)
    return np.exp(x - scipy.special.logsumexp(x, axis=axis, keepdims=True))


def _elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _selu(x):
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    return scale * _elu(x, alpha)


def _sigmoid(x):
    return scipy.special.expit(x)


def _softplus(x):
    return np.logaddexp(0.0, x)


def _gelu(x, approximate=False):
    if approximate:
        return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1.0 + scipy.special.erf(x / np.sqrt(2.0)))


ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": _relu,
    "relu6": lambda x: np.clip(x, 0.0, 6.0),
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.2 * x),
    "elu": _elu,
    "selu": _selu,
    "sigmoid": _sigmoid,
    "hard_sigmoid": lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
    "tanh": np.tanh,
    "softmax": _softmax,
    "log_softmax": lambda x: x - scipy.special.logsumexp(x, axis=-1, keepdims=True),
    "softplus": _softplus,
    "softsign": lambda x: x / (1.0 + np.abs(x)),
    "silu": lambda x: x * _sigmoid(x),
    "swish": lambda x: x * _sigmoid(x),
    "gelu": _gelu,
    "mish": lambda x: x * np.tanh(_softplus(x)),
    "exponential": np.exp,
}


def apply_activation(name, x):
    """``activation(x)`` in float64 for a Keras activation name (None: identity)."""
    if name is None:
        return np.asarray(x, np.float64)
    if name not in ACTIVATIONS:
        raise KeyError(f"No NumPy reference for activation {name!r}. Known: {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[name](np.asarray(x, np.float64))


def _no_weights(config, input_shapes):
    return []


def _activation(config, weights, inputs):
    return apply_activation(config["activation"], inputs[0])


def _relu_layer(config, weights, inputs):
    return _relu(
        inputs[0],
        negative_slope=config.get("negative_slope", 0.0),
        max_value=config.get("max_value"),
        threshold=config.get("threshold", 0.0),
    )


def _leaky_relu(config, weights, inputs):
    slope = config.get("negative_slope", 0.3)
    return np.where(inputs[0] >= 0, inputs[0], slope * inputs[0])


def _prelu_weights(config, input_shapes):
    shape = list(input_shapes[0][1:])
    for axis in config.get("shared_axes") or []:
        shape[axis - 1] = 1
    return [("alpha", tuple(shape))]


def _prelu(config, weights, inputs):
    x, alpha = inputs[0], weights[0]
    return np.where(x >= 0, x, alpha * x)


def _elu_layer(config, weights, inputs):
    return _elu(inputs[0], config.get("alpha", 1.0))


def _softmax_layer(config, weights, inputs, mask=None):
    # Keras 3: masked positions (mask False, or <= 0.5) take -1e9 before the
    # softmax and are zeroed after it (a fully masked row gives zeros).
    x = np.asarray(inputs[0], np.float64)
    axis = config.get("axis", -1)
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    keep = None
    if mask is not None:
        keep = np.asarray(mask) > 0.5 if mask.dtype != bool else np.asarray(mask)
        x = np.where(keep, x, -1e9)
    out = _softmax(x, axis=axis)
    if keep is not None:
        out = np.where(keep, out, 0.0)
    return out


REFERENCES = {
    "Activation": {"weights": _no_weights, "call": _activation},
    "ReLU": {"weights": _no_weights, "call": _relu_layer},
    "LeakyReLU": {"weights": _no_weights, "call": _leaky_relu},
    "PReLU": {"weights": _prelu_weights, "call": _prelu},
    "ELU": {"weights": _no_weights, "call": _elu_layer},
    "Softmax": {"weights": _no_weights, "call": _softmax_layer},
}
