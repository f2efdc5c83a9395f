import numpy as np
import pytest

from keras_core import backend, metrics

RNG = np.random.default_rng(5)
K = 4
Y_TRUE = RNG.integers(0, K, size=(3, 5))
Y_PRED = RNG.integers(0, K, size=(3, 5))
SW = RNG.uniform(0.0, 2.0, size=(3, 5)).astype("float32")


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def _cm(t, p, k, w=None):
    cm = np.zeros((k, k))
    w = np.ones(t.size) if w is None else np.asarray(w, "float64").ravel()
    for a, b, c in zip(t.ravel(), p.ravel(), w):
        cm[a, b] += c
    return cm


def _iou(cm, ids):
    tp = np.diag(cm)
    denom = cm.sum(0) + cm.sum(1) - tp
    tp, denom = tp[ids], denom[ids]
    valid = denom > 0
    return (tp[valid] / denom[valid]).sum() / max(valid.sum(), 1)


def test_iou_and_mean_iou_with_weights():
    m = metrics.IoU(num_classes=K, target_class_ids=[0, 2])
    m.update_state(Y_TRUE, Y_PRED, sample_weight=SW)
    cm = _cm(Y_TRUE, Y_PRED, K, SW)
    np.testing.assert_allclose(_np(m.result()), _iou(cm, [0, 2]), rtol=1e-5)
    mean = metrics.MeanIoU(num_classes=K)
    mean.update_state(Y_TRUE[:1], Y_PRED[:1])
    mean.update_state(Y_TRUE[1:], Y_PRED[1:])
    np.testing.assert_allclose(
        _np(mean.result()), _iou(_cm(Y_TRUE, Y_PRED, K), range(K)), rtol=1e-5
    )
    np.testing.assert_allclose(_np(mean.total_cm.numpy()), _cm(Y_TRUE, Y_PRED, K))
    assert mean.variables[0].path.endswith("total_confusion_matrix")
    with pytest.raises(ValueError, match="out of range"):
        metrics.IoU(num_classes=2, target_class_ids=[2])


def test_ignore_class_and_absent_classes():
    t = np.array([0, 1, 1, 3, 3])
    p = np.array([0, 1, 0, 1, 3])
    m = metrics.MeanIoU(num_classes=4, ignore_class=3)
    m.update_state(t, p)
    keep = t != 3
    cm = _cm(t[keep], p[keep], 4)
    # Class 2 never occurs: it is left out of the mean.
    np.testing.assert_allclose(_np(m.result()), _iou(cm, range(4)), rtol=1e-6)


def test_one_hot_and_binary_iou():
    probs = RNG.uniform(size=(8, K)).astype("float32")
    labels = RNG.integers(0, K, size=8)
    one_hot = np.eye(K, dtype="float32")[labels]
    m = metrics.OneHotIoU(num_classes=K, target_class_ids=[1, 3])
    m.update_state(one_hot, probs)
    cm = _cm(labels, probs.argmax(-1), K)
    np.testing.assert_allclose(_np(m.result()), _iou(cm, [1, 3]), rtol=1e-6)
    mm = metrics.OneHotMeanIoU(num_classes=K)
    mm.update_state(one_hot, probs)
    np.testing.assert_allclose(_np(mm.result()), _iou(cm, range(K)), rtol=1e-6)
    scores = RNG.uniform(size=(10,)).astype("float32")
    binary = RNG.integers(0, 2, size=10)
    b = metrics.BinaryIoU(target_class_ids=[1], threshold=0.4)
    b.update_state(binary, scores)
    cm = _cm(binary, (scores >= 0.4).astype(int), 2)
    np.testing.assert_allclose(_np(b.result()), _iou(cm, [1]), rtol=1e-6)


@pytest.mark.parametrize(
    "metric",
    [
        lambda: metrics.IoU(num_classes=3, target_class_ids=[1], ignore_class=0),
        lambda: metrics.MeanIoU(num_classes=3, sparse_y_pred=False),
        lambda: metrics.OneHotIoU(num_classes=3, target_class_ids=[0, 2]),
        lambda: metrics.OneHotMeanIoU(num_classes=3),
        lambda: metrics.BinaryIoU(threshold=0.3),
    ],
)
def test_config_round_trip(metric):
    m = metric()
    clone = metrics.deserialize(metrics.serialize(m))
    assert type(clone) is type(m) and clone.get_config() == m.get_config()


def test_per_sample_weight_covers_every_entry_of_multi_label_inputs():
    # (4, 2) labels with one weight per sample: each sample's weight goes to both of its entries.
    y_true = np.array([[0, 1], [1, 1], [0, 0], [1, 0]], "float32")
    y_pred = np.array([[0.2, 0.9], [0.7, 0.4], [0.6, 0.1], [0.8, 0.3]], "float32")
    weight = np.array([1.0, 2.0, 0.5, 0.0], "float32")
    m = metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.5)
    m.update_state(y_true, y_pred, sample_weight=weight)
    t, p = y_true.ravel(), (y_pred.ravel() >= 0.5)
    w = np.repeat(weight, 2)
    ious = []
    for c in (0, 1):
        inter = np.sum(w * ((t == c) & (p == c)))
        union = np.sum(w * ((t == c) | (p == c)))
        ious.append(inter / union)
    np.testing.assert_allclose(float(m.result()), np.mean(ious), rtol=1e-6)
    entry = metrics.BinaryIoU(target_class_ids=[0, 1])
    entry.update_state(y_true, y_pred, sample_weight=np.repeat(weight, 2).reshape(4, 2))
    np.testing.assert_allclose(float(entry.result()), float(m.result()), rtol=1e-6)
