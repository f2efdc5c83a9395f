import numpy as np
import pytest

import keras_core
from keras_core.backend.common.keras_tensor import (
    KerasTensor,
    any_symbolic_tensors,
    is_keras_tensor,
)


def test_shape_with_unknown_dims():
    x = KerasTensor((None, 3, None), dtype="float")
    assert x.shape == (None, 3, None)
    assert x.dtype == "float32"
    assert x.ndim == 3
    assert x.sparse is False


def test_shape_entries_are_checked():
    with pytest.raises(ValueError, match="shape"):
        KerasTensor((2, -1))
    with pytest.raises(ValueError, match="shape"):
        KerasTensor((2, "a"))
    with pytest.raises(ValueError, match="dtype"):
        KerasTensor((2,), dtype="float7")


def test_symbolic_tensor_has_no_value():
    x = KerasTensor((2,))
    with pytest.raises(ValueError, match="symbolic"):
        np.asarray(x)
    with pytest.raises(TypeError):
        bool(x)
    assert len(x) == 2
    with pytest.raises(TypeError):
        len(KerasTensor((None, 2)))


def test_detection_helpers():
    x = KerasTensor((1,))
    assert is_keras_tensor(x) and keras_core.backend.is_keras_tensor(x)
    assert not is_keras_tensor(np.zeros(1))
    assert any_symbolic_tensors(([1, (2, x)],))
    assert any_symbolic_tensors((), {"a": {"b": x}})
    assert not any_symbolic_tensors((np.zeros(2), 3))
