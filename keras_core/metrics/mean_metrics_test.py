"""Accuracy, regression, probabilistic and hinge metrics against NumPy references."""

import numpy as np
import pytest

from keras_core import backend, metrics

RNG = np.random.default_rng(3)
N, C = 6, 4
PROBS = RNG.uniform(0.05, 0.95, size=(N, C)).astype("float32")
LABELS = np.array([0, 3, 1, 1, 2, 3])
ONE_HOT = np.eye(C, dtype="float32")[LABELS]
BINARY = (RNG.uniform(size=(N, C)) > 0.5).astype("float32")
REG_T = RNG.normal(size=(N, C)).astype("float32")
REG_P = RNG.normal(size=(N, C)).astype("float32")
SW = np.array([1.0, 0.0, 2.0, 0.5, 1.0, 3.0], "float32")
EPS = 1e-7


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def _weighted_mean(per_sample, sw=None):
    per_sample = np.asarray(per_sample, "float64")
    if sw is None:
        return per_sample.mean()
    return (per_sample * sw).sum() / sw.sum()


def _topk(labels, probs, k):
    ranks = (probs > probs[np.arange(len(labels)), labels][:, None]).sum(-1)
    return (ranks < k).astype("float64")


def _bce(t, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p)).mean(-1)


def _cce(t, p):
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return -(t * np.log(p)).sum(-1)


def _signed(t):
    return 2 * t - 1


def _normalize(x):
    return x / np.sqrt(np.maximum((x * x).sum(-1, keepdims=True), 1e-12))


# name -> (metric factory, y_true, y_pred, per-sample NumPy reference)
CASES = {
    "accuracy": (
        metrics.Accuracy,
        LABELS,
        np.array([0, 3, 2, 1, 0, 3]),
        lambda t, p: (t == p).astype(float),
    ),
    "binary_accuracy": (
        lambda: metrics.BinaryAccuracy(threshold=0.4),
        BINARY,
        PROBS,
        lambda t, p: ((p > 0.4) == t).mean(-1),
    ),
    "categorical_accuracy": (
        metrics.CategoricalAccuracy,
        ONE_HOT,
        PROBS,
        lambda t, p: (t.argmax(-1) == p.argmax(-1)).astype(float),
    ),
    "sparse_categorical_accuracy": (
        metrics.SparseCategoricalAccuracy,
        LABELS[:, None],
        PROBS,
        lambda t, p: (t[:, 0] == p.argmax(-1)).astype(float),
    ),
    "top_k": (
        lambda: metrics.TopKCategoricalAccuracy(k=2),
        ONE_HOT,
        PROBS,
        lambda t, p: _topk(t.argmax(-1), p, 2),
    ),
    "sparse_top_k": (
        lambda: metrics.SparseTopKCategoricalAccuracy(k=2),
        LABELS,
        PROBS,
        lambda t, p: _topk(t.astype(int), p, 2),
    ),
    "mse": (metrics.MeanSquaredError, REG_T, REG_P, lambda t, p: ((t - p) ** 2).mean(-1)),
    "mae": (metrics.MeanAbsoluteError, REG_T, REG_P, lambda t, p: np.abs(t - p).mean(-1)),
    "mape": (
        metrics.MeanAbsolutePercentageError,
        REG_T,
        REG_P,
        lambda t, p: 100 * (np.abs(t - p) / np.maximum(np.abs(t), EPS)).mean(-1),
    ),
    "msle": (
        metrics.MeanSquaredLogarithmicError,
        PROBS,
        PROBS[::-1].copy(),
        lambda t, p: ((np.log(p + 1) - np.log(t + 1)) ** 2).mean(-1),
    ),
    "cosine": (
        metrics.CosineSimilarity,
        REG_T,
        REG_P,
        lambda t, p: (_normalize(t) * _normalize(p)).sum(-1),
    ),
    "logcosh": (metrics.LogCoshError, REG_T, REG_P, lambda t, p: np.log(np.cosh(p - t)).mean(-1)),
    "kld": (
        metrics.KLDivergence,
        PROBS,
        PROBS[::-1].copy(),
        lambda t, p: (t * np.log(t / p)).sum(-1),
    ),
    "poisson": (
        metrics.Poisson,
        PROBS,
        PROBS[::-1].copy(),
        lambda t, p: (p - t * np.log(p + EPS)).mean(-1),
    ),
    "bce": (
        lambda: metrics.BinaryCrossentropy(label_smoothing=0.1),
        BINARY,
        PROBS,
        lambda t, p: _bce(t * 0.9 + 0.05, p),
    ),
    "cce": (metrics.CategoricalCrossentropy, ONE_HOT, PROBS, _cce),
    "scce_logits": (
        lambda: metrics.SparseCategoricalCrossentropy(from_logits=True),
        LABELS,
        REG_P,
        lambda t, p: _cce(np.eye(C)[t.astype(int)], np.exp(p) / np.exp(p).sum(-1, keepdims=True)),
    ),
    "hinge": (
        metrics.Hinge,
        BINARY,
        REG_P,
        lambda t, p: np.maximum(1 - _signed(t) * p, 0).mean(-1),
    ),
    "squared_hinge": (
        metrics.SquaredHinge,
        BINARY,
        REG_P,
        lambda t, p: (np.maximum(1 - _signed(t) * p, 0) ** 2).mean(-1),
    ),
    "categorical_hinge": (
        metrics.CategoricalHinge,
        ONE_HOT,
        REG_P,
        lambda t, p: np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_metric_matches_numpy(name):
    make, y_true, y_pred, ref = CASES[name]
    per_sample = ref(y_true.astype("float64"), y_pred.astype("float64"))
    m = make()
    half = N // 2
    m.update_state(y_true[:half], y_pred[:half], sample_weight=SW[:half])
    m.update_state(y_true[half:], y_pred[half:], sample_weight=SW[half:])
    np.testing.assert_allclose(
        _np(m.result()), _weighted_mean(per_sample, SW), rtol=1e-5, atol=1e-6
    )
    m.reset_state()
    np.testing.assert_allclose(
        _np(m(y_true, y_pred)), _weighted_mean(per_sample), rtol=1e-5, atol=1e-6
    )
    config = metrics.serialize(m)
    assert config["module"] == "keras.metrics"
    clone = metrics.deserialize(config)
    assert type(clone) is type(m) and clone.get_config() == m.get_config()


def test_root_mean_squared_error():
    m = metrics.RootMeanSquaredError()
    m.update_state(REG_T, REG_P, sample_weight=SW)
    per = ((REG_T - REG_P) ** 2).mean(-1)
    np.testing.assert_allclose(_np(m.result()), np.sqrt(_weighted_mean(per, SW)), rtol=1e-5)
    assert m.name == "root_mean_squared_error"


def _r2(t, p, sw=None, aggregation="uniform_average"):
    sw = np.ones(len(t)) if sw is None else sw
    w = sw[:, None]
    mean = (w * t).sum(0) / w.sum(0)
    ss_res = (w * (t - p) ** 2).sum(0)
    ss_tot = (w * (t - mean) ** 2).sum(0)
    raw = 1 - ss_res / ss_tot
    if aggregation == "uniform_average":
        return raw.mean()
    if aggregation == "variance_weighted_average":
        return (ss_tot * raw).sum() / ss_tot.sum()
    return raw


@pytest.mark.parametrize("aggregation", ["uniform_average", "variance_weighted_average", None])
def test_r2_score(aggregation):
    m = metrics.R2Score(class_aggregation=aggregation)
    m.update_state(REG_T[:3], REG_P[:3], sample_weight=SW[:3])
    m.update_state(REG_T[3:], REG_P[3:], sample_weight=SW[3:])
    t, p = REG_T.astype("float64"), REG_P.astype("float64")
    np.testing.assert_allclose(_np(m.result()), _r2(t, p, SW, aggregation), rtol=1e-4, atol=1e-5)
    adjusted = metrics.R2Score(num_regressors=2)
    adjusted.update_state(REG_T, REG_P)
    n = REG_T.size
    r2 = _r2(t, p)
    np.testing.assert_allclose(
        _np(adjusted.result()), 1 - (1 - r2) * (n - 1) / (n - 2 - 1), rtol=1e-4, atol=1e-5
    )
    clone = metrics.R2Score.from_config(m.get_config())
    assert clone.class_aggregation == aggregation
    with pytest.raises(ValueError, match="2D inputs"):
        metrics.R2Score().update_state(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="class_aggregation"):
        metrics.R2Score(class_aggregation="median")


def test_default_names():
    assert metrics.LogCoshError().name == "logcosh"
    assert metrics.Accuracy().get_config() == {"name": "accuracy", "dtype": "float32"}
    assert metrics.TopKCategoricalAccuracy().get_config()["k"] == 5
    assert metrics.BinaryCrossentropy().get_config() == {
        "name": "binary_crossentropy",
        "dtype": "float32",
        "from_logits": False,
        "label_smoothing": 0,
    }
