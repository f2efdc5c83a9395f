import math

import numpy as np
import pytest

from keras_core import backend
from keras_core.optimizers import schedules

STEPS = [0, 1, 3, 7, 10, 15, 25, 40]


def _values(schedule, steps=STEPS):
    return np.array([float(backend.convert_to_numpy(schedule(s))) for s in steps])


def _cosine(step, decay_steps, alpha, initial):
    t = min(step, decay_steps) / decay_steps
    return initial * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * t)) + alpha)


def _sgdr(step, first, t_mul, m_mul, alpha, initial):
    frac = step / first
    if t_mul == 1.0:
        i = math.floor(frac)
        frac -= i
    else:
        i = math.floor(math.log(1 - frac * (1 - t_mul)) / math.log(t_mul))
        start = (1 - t_mul**i) / (1 - t_mul)
        frac = (frac - start) / t_mul**i
    cos = 0.5 * m_mul**i * (1 + math.cos(math.pi * frac))
    return initial * ((1 - alpha) * cos + alpha)


CASES = [
    (
        schedules.ExponentialDecay(0.1, 10, 0.5),
        lambda s: 0.1 * 0.5 ** (s / 10),
    ),
    (
        schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True),
        lambda s: 0.1 * 0.5 ** math.floor(s / 10),
    ),
    (
        schedules.InverseTimeDecay(0.1, 5, 0.5),
        lambda s: 0.1 / (1 + 0.5 * s / 5),
    ),
    (
        schedules.InverseTimeDecay(0.1, 5, 0.5, staircase=True),
        lambda s: 0.1 / (1 + 0.5 * math.floor(s / 5)),
    ),
    (
        schedules.PolynomialDecay(0.1, 20, end_learning_rate=0.01, power=2.0),
        lambda s: (0.1 - 0.01) * (1 - min(s, 20) / 20) ** 2 + 0.01,
    ),
    (
        schedules.PolynomialDecay(0.1, 10, end_learning_rate=0.01, cycle=True),
        lambda s: (0.1 - 0.01) * (1 - s / (10 * max(1, math.ceil(s / 10)))) + 0.01,
    ),
    (
        schedules.PiecewiseConstantDecay([3, 10], [1.0, 0.5, 0.1]),
        lambda s: 1.0 if s <= 3 else (0.5 if s <= 10 else 0.1),
    ),
    (
        schedules.CosineDecay(0.1, 20, alpha=0.1),
        lambda s: _cosine(s, 20, 0.1, 0.1),
    ),
    (
        schedules.CosineDecay(0.0, 20, warmup_target=0.2, warmup_steps=5),
        lambda s: 0.2 * s / 5 if s < 5 else _cosine(s - 5, 20, 0.0, 0.2),
    ),
    (
        schedules.CosineDecayRestarts(0.1, 5, t_mul=2.0, m_mul=0.5, alpha=0.1),
        lambda s: _sgdr(s, 5, 2.0, 0.5, 0.1, 0.1),
    ),
    (
        schedules.CosineDecayRestarts(0.1, 5, t_mul=1.0),
        lambda s: _sgdr(s, 5, 1.0, 1.0, 0.0, 0.1),
    ),
]


@pytest.mark.parametrize("index", range(len(CASES)))
def test_schedule_matches_reference(index):
    schedule, ref = CASES[index]
    np.testing.assert_allclose(_values(schedule), [ref(s) for s in STEPS], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("index", range(len(CASES)))
def test_config_round_trip(index):
    schedule, _ = CASES[index]
    config = schedules.serialize(schedule)
    assert config["module"] == "keras.optimizers.schedules"
    clone = schedules.deserialize(config)
    assert type(clone) is type(schedule)
    assert clone.get_config() == schedule.get_config()
    np.testing.assert_allclose(_values(clone), _values(schedule), rtol=1e-7)


def test_tensor_step_and_errors():
    s = schedules.ExponentialDecay(0.1, 10, 0.5)
    value = s(backend.convert_to_tensor(np.array(10, "int32")))
    assert backend.standardize_dtype(value.dtype) == "float32"
    np.testing.assert_allclose(float(backend.convert_to_numpy(value)), 0.05, rtol=1e-6)
    with pytest.raises(ValueError, match="decay_steps"):
        schedules.ExponentialDecay(0.1, 0, 0.5)
    with pytest.raises(ValueError, match="one more than"):
        schedules.PiecewiseConstantDecay([1, 2], [1.0])
    with pytest.raises(NotImplementedError, match="__call__"):
        schedules.LearningRateSchedule()(1)
