import numpy as np
import pytest
from scipy.special import erf

from keras_core import activations, backend

X = np.array([[-3.0, -0.5, 0.0, 0.7, 4.0]], "float32")
X64 = X.astype(np.float64)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


REFERENCES = {
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.2 * x),
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1),
    "selu": lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * (np.exp(x) - 1)),
    "softplus": softplus,
    "softsign": lambda x: x / (1 + np.abs(x)),
    "silu": lambda x: x * sigmoid(x),
    "swish": lambda x: x * sigmoid(x),
    "gelu": lambda x: 0.5 * x * (1 + erf(x / np.sqrt(2))),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "exponential": np.exp,
    "hard_sigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "linear": lambda x: x,
    "mish": lambda x: x * np.tanh(softplus(x)),
    "softmax": lambda x: np.exp(x) / np.exp(x).sum(-1, keepdims=True),
    "log_softmax": lambda x: x - np.log(np.exp(x).sum(-1, keepdims=True)),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_activation_matches_numpy(name):
    fn = activations.get(name)
    out = np.asarray(backend.convert_to_numpy(fn(X)), np.float64)
    np.testing.assert_allclose(out, REFERENCES[name](X64), rtol=2e-6, atol=2e-6)


def test_relu_options():
    out = backend.convert_to_numpy(
        activations.relu(X, negative_slope=0.1, max_value=1.0, threshold=0.5)
    )
    expected = np.where(X64 >= 0.5, np.minimum(X64, 1.0), 0.1 * (X64 - 0.5))
    np.testing.assert_allclose(out, expected, rtol=1e-6)


def test_gelu_approximate():
    out = backend.convert_to_numpy(activations.gelu(X, approximate=True))
    ref = 0.5 * X64 * (1 + np.tanh(np.sqrt(2 / np.pi) * (X64 + 0.044715 * X64**3)))
    np.testing.assert_allclose(out, ref, rtol=2e-6, atol=2e-6)


def test_lookup_and_serialization():
    assert activations.get(None) is activations.linear
    assert activations.serialize(activations.relu) == "relu"
    assert activations.deserialize("softmax") is activations.softmax
    assert activations.get("swish") is activations.silu
    with pytest.raises(ValueError, match="Unknown activation"):
        activations.get("relux")
    with pytest.raises(ValueError, match="Could not interpret"):
        activations.get(3)
