import numpy as np
import pytest

import keras_core
from keras_core import backend, random

N = (200, 50)  # 10,000 draws: sample statistics within a few standard errors


def _np(x):
    return backend.convert_to_numpy(x)


@pytest.mark.parametrize("fn", ["normal", "uniform", "truncated_normal"])
def test_int_seed_reproduces(fn):
    a = _np(getattr(random, fn)((3, 4), seed=123))
    b = _np(getattr(random, fn)((3, 4), seed=123))
    c = _np(getattr(random, fn)((3, 4), seed=124))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.dtype == np.float32 and a.shape == (3, 4)


def test_seed_generator_sequences_reproduce_and_advance():
    g1, g2 = random.SeedGenerator(7), random.SeedGenerator(7)
    a1, a2 = _np(random.normal((5,), seed=g1)), _np(random.normal((5,), seed=g1))
    b1, b2 = _np(random.normal((5,), seed=g2)), _np(random.normal((5,), seed=g2))
    np.testing.assert_array_equal(a1, b1)
    np.testing.assert_array_equal(a2, b2)
    assert not np.array_equal(a1, a2)


def test_seed_generator_config_round_trip():
    g = random.SeedGenerator(99)
    g2 = random.SeedGenerator.from_config(g.get_config())
    np.testing.assert_array_equal(
        _np(random.uniform((3,), seed=g)), _np(random.uniform((3,), seed=g2))
    )


def test_seed_none_uses_global_generator():
    a, b = _np(random.normal((4,))), _np(random.normal((4,)))
    assert not np.array_equal(a, b)


def test_normal_statistics():
    x = _np(random.normal(N, mean=2.0, stddev=3.0, seed=1))
    assert abs(x.mean() - 2.0) < 4 * 3.0 / 100  # 4 standard errors
    assert abs(x.std() - 3.0) < 0.1


def test_uniform_range_and_statistics():
    x = _np(random.uniform(N, minval=-2.0, maxval=6.0, seed=2))
    assert x.min() >= -2.0 and x.max() < 6.0
    assert abs(x.mean() - 2.0) < 4 * (8 / np.sqrt(12)) / 100


def test_truncated_normal_bounds():
    x = _np(random.truncated_normal(N, mean=1.0, stddev=0.5, seed=3))
    assert x.min() >= 1.0 - 2 * 0.5 - 1e-6 and x.max() <= 1.0 + 2 * 0.5 + 1e-6
    assert abs(x.std() - 0.5 * 0.8796) < 0.02  # std of a normal truncated at 2 sigma


def test_randint_range_dtype():
    x = _np(random.randint((1000,), 3, 9, dtype="int64", seed=4))
    assert x.dtype == np.int64 and x.min() == 3 and x.max() == 8
    with pytest.raises(ValueError, match="integer dtype"):
        random.randint((2,), 0, 3, dtype="float32")


def test_categorical_follows_logits():
    logits = np.log(np.array([[0.1, 0.9], [0.98, 0.02]], "float32"))
    x = _np(random.categorical(logits, 2000, seed=5))
    assert x.shape == (2, 2000) and x.dtype == np.int32
    assert abs(x[0].mean() - 0.9) < 0.05 and abs(x[1].mean() - 0.02) < 0.02
    with pytest.raises(ValueError, match="2D"):
        random.categorical(np.zeros(3, "float32"), 2)


def test_dropout_rate_and_scaling():
    x = np.ones(N, "float32")
    y = _np(random.dropout(x, 0.25, seed=6))
    kept = y != 0
    assert abs(kept.mean() - 0.75) < 0.02
    np.testing.assert_allclose(y[kept], 1 / 0.75, rtol=1e-6)
    with pytest.raises(ValueError, match="rate"):
        random.dropout(x, 1.5)


def test_dropout_noise_shape_broadcasts():
    y = _np(random.dropout(np.ones((4, 6), "float32"), 0.5, noise_shape=(4, 1), seed=8))
    for row in y:
        assert len(set(row.tolist())) == 1  # a whole row is kept or dropped


def test_shuffle_is_permutation():
    x = np.arange(20, dtype="int32").reshape(10, 2)
    y = _np(random.shuffle(x, axis=0, seed=9))
    assert sorted(y[:, 0].tolist()) == list(range(0, 20, 2))
    np.testing.assert_array_equal(y[:, 1] - y[:, 0], 1)  # rows move whole
    assert not np.array_equal(x, y)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="float dtype"):
        random.normal((2,), dtype="int32")
    with pytest.raises(ValueError, match="seed"):
        random.normal((2,), seed="abc")
    with pytest.raises(ValueError, match="shape"):
        random.normal((None, 2))
    with pytest.raises(ValueError, match="seed"):
        random.SeedGenerator(seed=1.5)


def _stateless_draw(gen, state):
    with keras_core.StatelessScope([(gen.state, state)]) as scope:
        x = random.normal((3,), seed=gen)
        return x, scope.get_current_value(gen.state)


def test_seed_generator_in_compiled_function():
    """A SeedGenerator threads its state through the backend's compiled function
    (jax.jit via StatelessScope; tf.function with the variable; torch and numpy
    run the same stateless function eagerly)."""
    gen = random.SeedGenerator(11)
    name = backend.backend()
    if name == "tensorflow":
        import tensorflow as tf

        draw = tf.function(lambda: random.normal((3,), seed=gen))
        a, b = draw().numpy(), draw().numpy()
        assert not np.array_equal(a, b)
        assert gen.state.numpy().tolist() == [11, 2]
        return
    if name == "jax":
        import jax

        draw = jax.jit(lambda state: _stateless_draw(gen, state))
    else:
        draw = lambda state: _stateless_draw(gen, state)  # noqa: E731
    x1, s1 = draw(gen.state.value)
    x2, s2 = draw(s1)
    x1_again, _ = draw(gen.state.value)
    np.testing.assert_array_equal(_np(x1), _np(x1_again))
    assert not np.array_equal(_np(x1), _np(x2))
    assert _np(s2).tolist() == [11, 2]
    assert gen.state.numpy().tolist() == [11, 0]  # the generator itself was not advanced
