import numpy as np
import pytest

from keras_core import backend, constraints


def test_constraints_match_numpy():
    w = np.array([[3.0, 0.1], [4.0, 0.1]], "float32")  # column norms 5 and ~0.14
    out = backend.convert_to_numpy(constraints.MaxNorm(2.0)(w))
    np.testing.assert_allclose(
        np.linalg.norm(out, axis=0), [2.0, np.linalg.norm(w[:, 1])], rtol=1e-5
    )
    out = backend.convert_to_numpy(constraints.UnitNorm()(w))
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [1.0, 1.0], rtol=1e-5)
    out = backend.convert_to_numpy(constraints.MinMaxNorm(0.5, 1.0)(w))
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [1.0, 0.5], rtol=1e-5)
    np.testing.assert_array_equal(
        backend.convert_to_numpy(constraints.NonNeg()(np.array([-1.0, 2.0], "float32"))), [0.0, 2.0]
    )


def test_constraint_lookup_and_config():
    assert isinstance(constraints.get("non_neg"), constraints.NonNeg)
    config = constraints.serialize(constraints.MaxNorm(3, axis=1))
    assert config["config"] == {"max_value": 3, "axis": 1}
    assert constraints.deserialize(config).max_value == 3
    with pytest.raises(ValueError, match="Unknown constraint"):
        constraints.get("positive")
