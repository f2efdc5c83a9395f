import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.backend.common.stateless_scope import StatelessScope


def test_assignments_are_visible_to_later_reads():
    v = keras_core.Variable(np.zeros((2, 2), "float32"), name="w")
    v.assign(np.ones((2, 2), "float32"))
    np.testing.assert_array_equal(v.numpy(), np.ones((2, 2)))
    v.assign_add(np.full((2, 2), 2.0, "float32"))
    np.testing.assert_array_equal(v.numpy(), np.full((2, 2), 3.0))
    v.assign_sub(np.full((2, 2), 0.5, "float32"))
    np.testing.assert_array_equal(backend.convert_to_numpy(v.value), np.full((2, 2), 2.5))
    assert v.shape == (2, 2) and v.dtype == "float32" and v.ndim == 2


def test_native_storage_type():
    v = keras_core.Variable(np.zeros((3,), "float32"))
    name = backend.backend()
    if name == "tensorflow":
        import tensorflow as tf

        assert isinstance(v.value, tf.Variable)
    elif name == "torch":
        import torch

        assert isinstance(v.value, torch.nn.Parameter)
        assert v.value.requires_grad
    elif name == "jax":
        import jax

        assert isinstance(v.value, jax.Array)
    else:
        assert isinstance(v.value, np.ndarray)


def test_wrong_shape_assignment_is_rejected():
    v = keras_core.Variable(np.zeros((2, 3), "float32"), name="kernel")
    with pytest.raises(ValueError, match=r"'kernel' has shape \(2, 3\).*\(3, 2\)"):
        v.assign(np.zeros((3, 2), "float32"))
    np.testing.assert_array_equal(v.numpy(), np.zeros((2, 3)))


def test_wrong_dtype_assignment_is_rejected():
    v = keras_core.Variable(np.zeros((2,), "int32"), dtype="int32", name="count")
    with pytest.raises(ValueError, match=r"dtype int32.*float32"):
        v.assign(np.array([1.5, 2.5], "float32"))
    with pytest.raises(ValueError, match="string"):
        v.assign("abc")
    v.assign(np.array([1, 2], "int64"))  # same kind: cast to the variable's dtype
    assert v.numpy().dtype == np.int32 and v.numpy().tolist() == [1, 2]


def test_callable_initializer_and_dtype():
    v = keras_core.Variable(lambda shape, dtype: np.full(shape, 7.0), shape=(2,), dtype="float64")
    assert v.dtype == "float64"
    np.testing.assert_array_equal(v.numpy(), [7.0, 7.0])
    with pytest.raises(ValueError, match="shape"):
        keras_core.Variable(lambda shape, dtype: np.zeros(shape))


def test_python_values_default_dtypes():
    assert keras_core.Variable(1.0).dtype == backend.floatx()
    assert keras_core.Variable([1, 2]).dtype == backend.floatx()  # Keras: floatx unless given
    assert keras_core.Variable(np.zeros(2, "float64")).dtype == "float32"
    assert keras_core.Variable([1, 2], dtype="int32").numpy().dtype == np.int32
    assert keras_core.Variable(np.zeros(2, "float64"), dtype="float64").dtype == "float64"


def test_name_path_and_scope():
    with keras_core.name_scope("outer"):
        with keras_core.name_scope("inner"):
            v = keras_core.Variable(0.0, name="bias")
    assert v.name == "bias" and v.path == "outer/inner/bias"
    with pytest.raises(ValueError, match="name"):
        keras_core.Variable(0.0, name="a/b")


def test_trainable_flag():
    v = keras_core.Variable(np.zeros(2, "float32"), trainable=False)
    assert v.trainable is False


def test_assign_does_not_apply_the_constraint():
    # As in Keras: only optimizers apply constraints (after their update).
    v = keras_core.Variable(np.zeros(3, "float32"), constraint=lambda x: x * 0 + 1)
    v.assign(np.array([5.0, 6.0, 7.0], "float32"))
    np.testing.assert_array_equal(v.numpy(), [5.0, 6.0, 7.0])
    v.assign_add(np.ones(3, "float32"))
    np.testing.assert_array_equal(v.numpy(), [6.0, 7.0, 8.0])


@pytest.mark.skipif(backend.backend() == "numpy", reason="the numpy backend cannot train")
def test_optimizer_applies_the_constraint_once_after_the_update():
    # A non-idempotent constraint shows it runs once, after weight decay and the step.
    v = keras_core.Variable(np.array([2.0, -1.0], "float32"), constraint=lambda x: x * 0.5)
    opt = keras_core.optimizers.AdamW(learning_rate=0.1, weight_decay=0.1)
    grad = np.array([1.0, -2.0], "float32")
    opt.apply([grad], [v])
    w = np.array([2.0, -1.0], "float64")
    w = w - w * 0.1 * 0.1
    m, s2 = 0.1 * grad, 0.001 * grad.astype("float64") ** 2
    alpha = 0.1 * np.sqrt(1 - 0.999) / (1 - 0.9)
    w = (w - m * alpha / (np.sqrt(s2) + 1e-7)) * 0.5
    np.testing.assert_allclose(v.numpy(), w, rtol=1e-6)


def test_stateless_scope_reads_mapping_and_collects_updates():
    v = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    with StatelessScope([(v, np.array([10.0, 20.0], "float32"))]) as scope:
        np.testing.assert_array_equal(backend.convert_to_numpy(v.value), [10.0, 20.0])
        v.assign(np.array([3.0, 4.0], "float32"))
        np.testing.assert_array_equal(backend.convert_to_numpy(v.value), [3.0, 4.0])
        new = scope.get_current_value(v)
    np.testing.assert_array_equal(backend.convert_to_numpy(new), [3.0, 4.0])
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])  # the variable itself is untouched


def test_stateless_scope_rejects_bad_mapping():
    v = keras_core.Variable(np.zeros(2, "float32"), name="w")
    with pytest.raises(ValueError, match="shape"):
        StatelessScope([(v, np.zeros(3, "float32"))])
    with pytest.raises(ValueError, match="Variables"):
        StatelessScope([("w", np.zeros(2, "float32"))])


def test_variable_created_in_stateless_scope_is_deferred():
    with StatelessScope():
        v = keras_core.Variable(lambda shape, dtype: np.ones(shape), shape=(2,), dtype="float32")
        with pytest.raises(ValueError, match="not initialized"):
            v.numpy()
    np.testing.assert_array_equal(v.numpy(), [1.0, 1.0])


def test_array_protocol_and_conversion():
    v = keras_core.Variable(np.arange(3, dtype="float32"))
    np.testing.assert_array_equal(np.asarray(v), [0.0, 1.0, 2.0])
    t = backend.convert_to_tensor(v)
    assert backend.is_tensor(t)
    np.testing.assert_array_equal(backend.convert_to_numpy(t), [0.0, 1.0, 2.0])
    with pytest.raises(TypeError):
        bool(v)
