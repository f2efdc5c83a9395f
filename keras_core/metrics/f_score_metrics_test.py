import numpy as np
import pytest

from keras_core import backend, metrics

RNG = np.random.default_rng(9)
Y_TRUE = (RNG.uniform(size=(12, 3)) > 0.5).astype("float32")
Y_PRED = RNG.uniform(size=(12, 3)).astype("float32")
SW = RNG.uniform(0.0, 2.0, size=(12,)).astype("float32")
EPS = 1e-7


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def _fbeta(t, p, beta, threshold, average, sw=None):
    if threshold is None:
        pred = (p >= p.max(-1, keepdims=True)) & (np.abs(p) > 1e-9)
    else:
        pred = p > threshold
    pred = pred.astype("float64")
    w = np.ones((len(t), 1)) if sw is None else sw[:, None].astype("float64")
    axis = None if average == "micro" else 0
    tp = (w * pred * t).sum(axis)
    fp = (w * pred * (1 - t)).sum(axis)
    fn = (w * (1 - pred) * t).sum(axis)
    precision = tp / (tp + fp + EPS)
    recall = tp / (tp + fn + EPS)
    score = (1 + beta**2) * precision * recall / (beta**2 * precision + recall + EPS)
    if average == "weighted":
        support = (w * t).sum(0)
        return (score * support / (support.sum() + EPS)).sum()
    if average is not None:
        return score.mean()
    return score


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
@pytest.mark.parametrize("threshold", [None, 0.4])
@pytest.mark.parametrize("beta", [1.0, 2.0])
def test_fbeta_matches_numpy(average, threshold, beta):
    m = metrics.FBetaScore(average=average, beta=beta, threshold=threshold)
    m.update_state(Y_TRUE[:5], Y_PRED[:5], sample_weight=SW[:5])
    m.update_state(Y_TRUE[5:], Y_PRED[5:], sample_weight=SW[5:])
    expected = _fbeta(Y_TRUE, Y_PRED, beta, threshold, average, SW)
    np.testing.assert_allclose(_np(m.result()), expected, rtol=1e-5, atol=1e-6)
    if beta == 1.0:
        f1 = metrics.F1Score(average=average, threshold=threshold)
        f1.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
        np.testing.assert_allclose(_np(f1.result()), expected, rtol=1e-5, atol=1e-6)


def test_config_errors_and_reset():
    m = metrics.F1Score(average="macro", threshold=0.5)
    clone = metrics.deserialize(metrics.serialize(m))
    assert clone.get_config() == {
        "name": "f1_score",
        "dtype": "float32",
        "average": "macro",
        "threshold": 0.5,
    }
    f = metrics.FBetaScore(beta=0.5)
    assert metrics.FBetaScore.from_config(f.get_config()).beta == 0.5
    m.update_state(Y_TRUE, Y_PRED)
    m.reset_state()
    assert _np(m.result()) == 0.0
    with pytest.raises(ValueError, match="average"):
        metrics.FBetaScore(average="sum")
    with pytest.raises(ValueError, match="beta"):
        metrics.FBetaScore(beta=0)
    with pytest.raises(ValueError, match="threshold"):
        metrics.FBetaScore(threshold=1.5)
    with pytest.raises(ValueError, match="2D inputs"):
        metrics.FBetaScore().update_state(np.ones(3), np.ones(3))
