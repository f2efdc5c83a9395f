import numpy as np
import pytest

from keras_core import backend, regularizers

W = np.array([[1.0, -2.0], [3.0, -4.0]], "float32")


def _f(x):
    return float(backend.convert_to_numpy(x))


def test_penalties_match_numpy():
    assert _f(regularizers.L1(0.1)(W)) == pytest.approx(0.1 * 10.0, rel=1e-6)
    assert _f(regularizers.L2(0.1)(W)) == pytest.approx(0.1 * 30.0, rel=1e-6)
    assert _f(regularizers.L1L2(0.1, 0.2)(W)) == pytest.approx(1.0 + 6.0, rel=1e-6)
    n = W / np.linalg.norm(W, axis=1, keepdims=True)
    gram = n @ n.T
    expected = 0.3 * np.abs(gram - np.diag(np.diag(gram))).sum() / 2
    assert _f(regularizers.OrthogonalRegularizer(0.3)(W)) == pytest.approx(expected, rel=1e-5)


def test_regularizer_lookup_and_config():
    assert isinstance(regularizers.get("l2"), regularizers.L2)
    config = regularizers.serialize(regularizers.L1L2(l1=0.5, l2=0.25))
    assert config["class_name"] == "L1L2" and config["config"] == {"l1": 0.5, "l2": 0.25}
    assert regularizers.deserialize(config).l2 == 0.25
    with pytest.raises(ValueError, match="Unknown regularizer"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match="l1"):
        regularizers.L1(-1.0)
