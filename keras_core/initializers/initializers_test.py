import math

import numpy as np
import pytest

from keras_core import backend, initializers

SHAPE = (200, 300)  # fan_in 200, fan_out 300: 60,000 samples for the statistics


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype=np.float64)


@pytest.mark.parametrize(
    "cls,scale,mode,dist",
    [
        (initializers.GlorotUniform, 1.0, "fan_avg", "uniform"),
        (initializers.GlorotNormal, 1.0, "fan_avg", "normal"),
        (initializers.HeUniform, 2.0, "fan_in", "uniform"),
        (initializers.HeNormal, 2.0, "fan_in", "normal"),
        (initializers.LecunUniform, 1.0, "fan_in", "uniform"),
        (initializers.LecunNormal, 1.0, "fan_in", "normal"),
    ],
)
def test_variance_scaling_presets(cls, scale, mode, dist):
    x = _np(cls(seed=1)(SHAPE, dtype="float32"))
    n = {"fan_in": 200, "fan_avg": 250}[mode]
    expected_std = math.sqrt(scale / n)
    assert abs(x.mean()) < 4 * expected_std / math.sqrt(x.size)
    assert abs(x.std() - expected_std) / expected_std < 0.02
    if dist == "uniform":
        limit = math.sqrt(3 * scale / n)
        assert x.max() <= limit and x.min() >= -limit
    else:  # truncated at two (scaled) standard deviations
        assert np.abs(x).max() <= 2 * expected_std / 0.8796256610342398 + 1e-6


def test_seeded_initializers_are_reproducible_and_unseeded_vary():
    a = _np(initializers.RandomNormal(seed=3)((4, 4)))
    b = _np(initializers.RandomNormal(seed=3)((4, 4)))
    np.testing.assert_array_equal(a, b)
    init = initializers.RandomNormal()
    assert not np.array_equal(_np(init((4, 4))), _np(init((4, 4))))


def test_simple_initializers():
    np.testing.assert_array_equal(_np(initializers.Zeros()((2, 3))), np.zeros((2, 3)))
    np.testing.assert_array_equal(_np(initializers.Ones()((2,))), np.ones(2))
    np.testing.assert_array_equal(_np(initializers.Constant(3.5)((2,))), [3.5, 3.5])
    np.testing.assert_array_equal(_np(initializers.Identity(2.0)((2, 3))), 2 * np.eye(2, 3))
    u = _np(initializers.RandomUniform(-0.5, 0.25, seed=0)((1000,)))
    assert u.min() >= -0.5 and u.max() < 0.25
    t = _np(initializers.TruncatedNormal(mean=1.0, stddev=0.1, seed=0)((1000,)))
    assert t.min() >= 0.8 - 1e-6 and t.max() <= 1.2 + 1e-6
    assert backend.standardize_dtype(initializers.Zeros()((2,), dtype="int32").dtype) == "int32"


def test_orthogonal():
    q = _np(initializers.Orthogonal(gain=2.0, seed=0)((4, 6)))
    np.testing.assert_allclose(q @ q.T, 4.0 * np.eye(4), atol=1e-5)
    q = _np(initializers.OrthogonalInitializer(seed=1)((6, 3)))
    np.testing.assert_allclose(q.T @ q, np.eye(3), atol=1e-5)


def test_get_serialize_deserialize():
    for name in (
        "glorot_uniform",
        "he_normal",
        "zeros",
        "ones",
        "orthogonal",
        "uniform",
        "normal",
        "GlorotUniform",
        "Zeros",
    ):
        assert isinstance(initializers.get(name), initializers.Initializer)
    config = initializers.serialize(initializers.VarianceScaling(2.0, "fan_out", "uniform", seed=5))
    assert config["class_name"] == "VarianceScaling" and config["module"] == "keras.initializers"
    assert config["config"] == {
        "scale": 2.0,
        "mode": "fan_out",
        "distribution": "uniform",
        "seed": 5,
        "input_axes": None,
        "output_axes": None,
    }
    revived = initializers.deserialize(config)
    np.testing.assert_array_equal(_np(revived((3, 3))), _np(initializers.get(config)((3, 3))))
    assert initializers.serialize(initializers.Zeros())["config"] == {}
    assert initializers.get(None) is None
    with pytest.raises(ValueError, match="Unknown initializer"):
        initializers.get("glorot_unicorn")
    with pytest.raises(ValueError, match="mode"):
        initializers.VarianceScaling(mode="fan_sideways")
    with pytest.raises(ValueError, match="float dtype"):
        initializers.RandomNormal()((2,), dtype="int32")
