"""Confusion-matrix metrics against NumPy counts at thresholds."""

import numpy as np
import pytest

from keras_core import backend, metrics

RNG = np.random.default_rng(11)
Y_TRUE = (RNG.uniform(size=(20, 3)) > 0.5).astype("float32")
# Scores correlated with the labels, without exact threshold ties.
Y_PRED = np.clip(0.35 * Y_TRUE + RNG.uniform(0.0, 0.65, size=(20, 3)), 0.001, 0.999).astype(
    "float32"
)
SW = RNG.uniform(0.0, 2.0, size=(20,)).astype("float32")


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def _counts(y_true, y_pred, thresholds, sw=None, axis=None):
    y_true = y_true.astype(bool)
    w = np.ones_like(y_pred, dtype="float64")
    if sw is not None:
        w = w * sw.reshape(sw.shape + (1,) * (y_pred.ndim - sw.ndim))
    out = {k: [] for k in ("tp", "fp", "tn", "fn")}
    for t in thresholds:
        pos = y_pred > t
        out["tp"].append((w * (pos & y_true)).sum(axis=axis))
        out["fp"].append((w * (pos & ~y_true)).sum(axis=axis))
        out["tn"].append((w * (~pos & ~y_true)).sum(axis=axis))
        out["fn"].append((w * (~pos & y_true)).sum(axis=axis))
    return {k: np.array(v) for k, v in out.items()}


def _div(a, b):
    return np.where(b > 0, a / np.where(b > 0, b, 1), 0.0)


@pytest.mark.parametrize(
    "cls, key",
    [
        (metrics.TruePositives, "tp"),
        (metrics.FalsePositives, "fp"),
        (metrics.TrueNegatives, "tn"),
        (metrics.FalseNegatives, "fn"),
    ],
)
@pytest.mark.parametrize("thresholds", [None, [0.25, 0.5, 0.8], [0.0, 0.5, 1.0]])
def test_condition_counts(cls, key, thresholds):
    m = cls(thresholds=thresholds)
    m.update_state(Y_TRUE[:10], Y_PRED[:10], sample_weight=SW[:10])
    m.update_state(Y_TRUE[10:], Y_PRED[10:], sample_weight=SW[10:])
    expected = _counts(Y_TRUE, Y_PRED, thresholds or [0.5], SW)[key]
    np.testing.assert_allclose(_np(m.result()), expected if thresholds else expected[0], rtol=1e-5)
    assert metrics.deserialize(metrics.serialize(m)).get_config() == m.get_config()


@pytest.mark.parametrize("thresholds", [None, [0.3, 0.6]])
def test_precision_recall(thresholds):
    p = metrics.Precision(thresholds=thresholds)
    r = metrics.Recall(thresholds=thresholds)
    for m in (p, r):
        m.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
    c = _counts(Y_TRUE, Y_PRED, thresholds or [0.5], SW)
    precision = _div(c["tp"], c["tp"] + c["fp"])
    recall = _div(c["tp"], c["tp"] + c["fn"])
    if thresholds is None:
        precision, recall = precision[0], recall[0]
    np.testing.assert_allclose(_np(p.result()), precision, rtol=1e-5)
    np.testing.assert_allclose(_np(r.result()), recall, rtol=1e-5)
    assert [v.path.split("/")[-1] for v in r.variables] == ["true_positives", "false_negatives"]


def test_precision_recall_top_k_and_class_id():
    p = metrics.Precision(top_k=1)
    p.update_state(Y_TRUE, Y_PRED)
    top = np.zeros_like(Y_PRED, dtype=bool)
    top[np.arange(len(Y_PRED)), Y_PRED.argmax(-1)] = True
    tp = (top & Y_TRUE.astype(bool)).sum()
    np.testing.assert_allclose(_np(p.result()), tp / top.sum(), rtol=1e-6)
    r = metrics.Recall(class_id=2, thresholds=0.4)
    r.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
    c = _counts(Y_TRUE[:, 2], Y_PRED[:, 2], [0.4], SW)
    np.testing.assert_allclose(_np(r.result()), c["tp"][0] / (c["tp"][0] + c["fn"][0]), rtol=1e-5)
    with pytest.raises(ValueError, match="Threshold values"):
        metrics.Precision(thresholds=1.5)


def _even(n):
    return [0.0] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1.0]


@pytest.mark.parametrize(
    "cls, value, fn",
    [
        (metrics.SensitivityAtSpecificity, 0.6, ("specificity", "sensitivity")),
        (metrics.SpecificityAtSensitivity, 0.6, ("sensitivity", "specificity")),
        (metrics.PrecisionAtRecall, 0.7, ("recall", "precision")),
        (metrics.RecallAtPrecision, 0.7, ("precision", "recall")),
    ],
)
def test_constrained_rates(cls, value, fn):
    m = cls(value, num_thresholds=21)
    m.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
    c = _counts(Y_TRUE, Y_PRED, _even(21), SW)
    rates = {
        "sensitivity": _div(c["tp"], c["tp"] + c["fn"]),
        "recall": _div(c["tp"], c["tp"] + c["fn"]),
        "specificity": _div(c["tn"], c["tn"] + c["fp"]),
        "precision": _div(c["tp"], c["tp"] + c["fp"]),
    }
    constrained, dependent = rates[fn[0]], rates[fn[1]]
    expected = np.max(np.where(constrained >= value, dependent, 0.0))
    np.testing.assert_allclose(_np(m.result()), expected, rtol=1e-5)
    clone = metrics.deserialize(metrics.serialize(m))
    assert clone.get_config() == m.get_config()
    with pytest.raises(ValueError, match="range"):
        cls(1.5)


def _auc_reference(c, curve, method):
    n = len(c["tp"])
    tp, fp, tn, fn = c["tp"], c["fp"], c["tn"], c["fn"]
    if curve == "PR" and method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = _div(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        ratio = np.where((p[:-1] > 0) & (p[1:] > 0), _div(p[:-1], np.maximum(p[1:], 0)), 1.0)
        inc = _div(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))
        return inc.sum(axis=0)
    recall = _div(tp, tp + fn)
    if curve == "ROC":
        x, y = _div(fp, fp + tn), recall
    else:
        x, y = recall, _div(tp, tp + fp)
    if method == "interpolation":
        h = (y[: n - 1] + y[1:]) / 2
    elif method == "minoring":
        h = np.minimum(y[: n - 1], y[1:])
    else:
        h = np.maximum(y[: n - 1], y[1:])
    return ((x[: n - 1] - x[1:]) * h).sum(axis=0)


def _auc_thresholds(n):
    eps = 1e-7
    return [-eps] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1 + eps]


@pytest.mark.parametrize("curve", ["ROC", "PR"])
@pytest.mark.parametrize("method", ["interpolation", "minoring", "majoring"])
def test_auc_matches_reference(curve, method):
    m = metrics.AUC(num_thresholds=50, curve=curve, summation_method=method)
    m.update_state(Y_TRUE[:8], Y_PRED[:8], sample_weight=SW[:8])
    m.update_state(Y_TRUE[8:], Y_PRED[8:], sample_weight=SW[8:])
    c = _counts(Y_TRUE, Y_PRED, _auc_thresholds(50), SW)
    np.testing.assert_allclose(_np(m.result()), _auc_reference(c, curve, method), rtol=1e-5)


def test_auc_roc_close_to_exact_rank_statistic():
    t, p = Y_TRUE.ravel().astype(bool), Y_PRED.ravel()
    pos, neg = p[t], p[~t]
    exact = ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (
        len(pos) * len(neg)
    )
    m = metrics.AUC(num_thresholds=2000)
    m.update_state(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(_np(m.result()), exact, atol=2e-3)


def test_auc_multi_label_logits_and_explicit_thresholds():
    weights = [0.2, 0.3, 0.5]
    m = metrics.AUC(num_thresholds=30, multi_label=True, label_weights=weights)
    m.update_state(Y_TRUE, Y_PRED)
    c = _counts(Y_TRUE, Y_PRED, _auc_thresholds(30), axis=0)
    by_label = _auc_reference(c, "ROC", "interpolation")
    np.testing.assert_allclose(_np(m.result()), (by_label * weights).sum(), rtol=1e-5)
    assert tuple(m.true_positives.shape) == (30, 3)
    lazy = metrics.AUC(num_thresholds=30, multi_label=True)
    assert lazy.variables == []
    lazy.update_state(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(_np(lazy.result()), by_label.mean(), rtol=1e-5)

    logits = np.log(Y_PRED / (1 - Y_PRED))
    from_logits = metrics.AUC(num_thresholds=30, from_logits=True)
    from_logits.update_state(Y_TRUE, logits)
    plain = metrics.AUC(num_thresholds=30)
    plain.update_state(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(_np(from_logits.result()), _np(plain.result()), rtol=1e-4)

    explicit = metrics.AUC(thresholds=[0.3, 0.5, 0.9])
    explicit.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
    c = _counts(Y_TRUE, Y_PRED, [-1e-7, 0.3, 0.5, 0.9, 1 + 1e-7], SW)
    np.testing.assert_allclose(
        _np(explicit.result()), _auc_reference(c, "ROC", "interpolation"), rtol=1e-5
    )
    config = explicit.get_config()
    assert config["thresholds"] == [0.3, 0.5, 0.9] and config["num_thresholds"] == 5
    clone = metrics.deserialize(metrics.serialize(m))
    assert clone.get_config() == m.get_config()
    with pytest.raises(ValueError, match="curve"):
        metrics.AUC(curve="XYZ")
    with pytest.raises(ValueError, match="num_labels"):
        metrics.AUC(num_labels=3)


def test_stateless_auc_and_reset():
    m = metrics.AUC(num_thresholds=20)
    values = m.stateless_reset_state()
    values = m.stateless_update_state(values, Y_TRUE, Y_PRED)
    m.update_state(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(_np(m.stateless_result(values)), _np(m.result()), rtol=1e-6)
    m.reset_state()
    assert _np(m.true_positives.numpy()).sum() == 0
