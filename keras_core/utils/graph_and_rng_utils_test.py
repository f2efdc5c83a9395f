import random

import numpy as np
import pytest

import keras_core
from keras_core import backend, ops
from keras_core.utils import (
    clear_session,
    get_source_inputs,
    is_keras_tensor,
    set_random_seed,
)


def test_get_source_inputs_diamond_and_shared_inputs():
    a = keras_core.Input((3,), name="a")
    b = keras_core.Input((3,), name="b")
    shared = keras_core.layers.Dense(3)
    left = shared(a)
    right = shared(keras_core.layers.Add()([a, b]))
    out = keras_core.layers.Concatenate()([left, right])
    sources = get_source_inputs(out)
    assert len(sources) == 2
    assert sources[0] is a and sources[1] is b
    assert get_source_inputs(a) == [a]


def test_get_source_inputs_rejects_eager_tensors():
    with pytest.raises(ValueError, match="symbolic KerasTensor"):
        get_source_inputs(ops.ones((2,)))


def test_is_keras_tensor():
    assert is_keras_tensor(keras_core.Input((2,)))
    assert not is_keras_tensor(ops.ones((2,)))
    assert not is_keras_tensor(np.ones(2))


def test_set_random_seed_repeats_python_numpy_and_keras_draws():
    def draws():
        return (
            random.random(),
            np.random.rand(),
            ops.convert_to_numpy(keras_core.random.normal((3,))),
        )

    set_random_seed(123)
    first = draws()
    set_random_seed(123)
    second = draws()
    assert first[0] == second[0] and first[1] == second[1]
    np.testing.assert_array_equal(first[2], second[2])
    with pytest.raises(ValueError, match="seed=-1"):
        set_random_seed(-1)
    with pytest.raises(ValueError, match="seed='1'"):
        set_random_seed("1")


def test_clear_session_resets_names():
    keras_core.layers.Dense(2)
    clear_session()
    assert keras_core.layers.Dense(2).name == "dense"
    assert backend.backend() in ("tensorflow", "jax", "torch", "numpy")
