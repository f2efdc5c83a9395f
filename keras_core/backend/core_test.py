"""convert_to_tensor / convert_to_numpy / cast / shape / is_tensor on the active backend."""

import ml_dtypes
import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.backend.common.keras_tensor import KerasTensor

DTYPES = [
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "float16",
    "bfloat16",
    "float32",
    "float64",
]


def _np(dtype):
    return np.dtype(ml_dtypes.bfloat16) if dtype == "bfloat16" else np.dtype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_round_trip_every_dtype(dtype):
    x = (np.arange(6).reshape(2, 3) % 2 == 0) if dtype == "bool" else np.arange(6).reshape(2, 3)
    x = x.astype(_np(dtype))
    t = ops.convert_to_tensor(x)
    assert ops.is_tensor(t)
    assert backend.standardize_dtype(t.dtype) == dtype
    assert ops.shape(t) == (2, 3)
    back = ops.convert_to_numpy(t)
    assert back.dtype == _np(dtype)
    np.testing.assert_array_equal(back.astype(np.float64), x.astype(np.float64))


@pytest.mark.parametrize("dtype", DTYPES)
def test_cast_every_dtype(dtype):
    t = ops.cast(np.array([0.0, 1.0, 2.0], "float32"), dtype)
    assert backend.standardize_dtype(t.dtype) == dtype
    expected = np.array([0.0, 1.0, 2.0]).astype(_np(dtype))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(t).astype(np.float64), expected.astype(np.float64)
    )


def test_python_scalar_defaults():
    assert backend.standardize_dtype(ops.convert_to_tensor(3).dtype) == "int32"
    assert backend.standardize_dtype(ops.convert_to_tensor(3.0).dtype) == backend.floatx()
    assert backend.standardize_dtype(ops.convert_to_tensor(True).dtype) == "bool"
    assert backend.standardize_dtype(ops.convert_to_tensor([1, 2.5]).dtype) == backend.floatx()
    assert backend.standardize_dtype(ops.convert_to_tensor([[1, 2]]).dtype) == "int32"


def test_cast_rounds_toward_zero():
    out = ops.convert_to_numpy(ops.cast(np.array([1.7, -1.7], "float32"), "int32"))
    assert out.tolist() == [1, -1]


def test_is_tensor_rejects_numpy_and_python():
    if backend.backend() != "numpy":
        assert not ops.is_tensor(np.zeros(2))
    assert not ops.is_tensor([1, 2])


def test_symbolic_cast_and_shape():
    x = KerasTensor((None, 3), "float32")
    y = ops.cast(x, "int8")
    assert isinstance(y, KerasTensor) and y.shape == (None, 3) and y.dtype == "int8"
    assert ops.shape(x) == (None, 3)
    assert ops.dtype(y) == "int8"


def test_convert_to_numpy_rejects_symbolic():
    with pytest.raises(ValueError, match="symbolic"):
        ops.convert_to_numpy(KerasTensor((2,)))


def test_compute_output_spec_marks_unknown_dims():
    def fn(x, y):
        return backend.core.convert_to_tensor(x), (x, y)

    out = backend.compute_output_spec(
        fn, KerasTensor((None, 4), "float32"), KerasTensor((2,), "int32")
    )
    assert out[0].shape == (None, 4) and out[0].dtype == "float32"
    assert out[1][1].shape == (2,) and out[1][1].dtype == "int32"
