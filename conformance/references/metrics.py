"""NumPy (float64) references of the metrics: per-sample functions and stateful results.

Every reference takes the list of ``update_state`` calls a metric received
(``[(y_true, y_pred, sample_weight), ...]``) and returns the final
``result()``, following the documented definitions:

- mean metrics: the weighted mean of the per-entry values over every call,
  a (per-sample or per-entry) weight covering every entry of its sample and a
  mask acting as a 0/1 weight;
- confusion metrics: weighted counts of ``y_pred > threshold`` against
  ``y_true`` over all entries, and the quantities derived from them (AUC by
  Riemann sums over the thresholds, the "interpolation" PR AUC by Davis &
  Goadrich's interpolation);
- IoU metrics: a weighted confusion matrix; F-scores from weighted counts per
  class; R2 from weighted sums per output.
"""

import numpy as np

from conformance.references import losses as loss_ref

EPS = 1e-7


def _f(*arrays):
    return [np.asarray(a, np.float64) for a in arrays]


# --------------------------------------------------------------------------- per-sample functions


def accuracy(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return (t == p).astype(np.float64)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    t, p = _f(y_true, y_pred)
    return np.mean(t == (p > threshold), -1)


def categorical_accuracy(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return (np.argmax(t, -1) == np.argmax(p, -1)).astype(np.float64)


def sparse_categorical_accuracy(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return (t == np.argmax(p, -1)).astype(np.float64)


def _in_top_k(labels, scores, k):
    # A label is in the top k when fewer than k scores are strictly larger than its own.
    own = np.take_along_axis(scores, labels[..., None].astype(np.int64), -1)
    return (np.sum(scores > own, -1) < k).astype(np.float64)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    t, p = _f(y_true, y_pred)
    return _in_top_k(np.argmax(t, -1), p, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    t, p = _f(y_true, y_pred)
    return _in_top_k(t.astype(np.int64), p, k)


def cosine_similarity_metric(y_true, y_pred, axis=-1):
    """The metric's value: plus the cosine similarity."""
    return -loss_ref.cosine_similarity(y_true, y_pred, axis)


def squared_error(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return (t - p) ** 2


FUNCTIONS = dict(loss_ref.FUNCTIONS)
FUNCTIONS.update(
    {
        f.__name__: f
        for f in (
            accuracy,
            binary_accuracy,
            categorical_accuracy,
            sparse_categorical_accuracy,
            top_k_categorical_accuracy,
            sparse_top_k_categorical_accuracy,
        )
    }
)


# --------------------------------------------------------------------------- mean metrics


def _expand(weight, shape):
    w = np.asarray(weight, np.float64)
    while w.ndim < len(shape):
        w = w[..., None]
    return np.broadcast_to(w, shape)


def weighted_mean(batches):
    """``[(values, weight_or_None), ...]`` -> the weighted mean over every entry."""
    total = count = 0.0
    for values, weight in batches:
        v = np.asarray(values, np.float64)
        w = _expand(weight, v.shape) if weight is not None else np.ones_like(v)
        total += float(np.sum(v * w))
        count += float(np.sum(w))
    return total / count if count else 0.0


def weighted_sum(batches):
    total = 0.0
    for values, weight in batches:
        v = np.asarray(values, np.float64)
        w = _expand(weight, v.shape) if weight is not None else np.ones_like(v)
        total += float(np.sum(v * w))
    return total


def mean_of_fn(fn, calls, masks=None, **kwargs):
    """A MeanMetricWrapper's result: ``fn``'s values, weights times masks, weighted mean."""
    batches = []
    for i, (yt, yp, sw) in enumerate(calls):
        values = fn(yt, yp, **kwargs)
        mask = None if masks is None else masks[i]
        weight = sw
        if mask is not None:
            m = np.asarray(mask, np.float64)
            weight = m if sw is None else _expand(sw, m.shape) * m
        batches.append((values, weight))
    return weighted_mean(batches)


def root_mean_squared_error(calls):
    return float(np.sqrt(weighted_mean([(squared_error(t, p), w) for t, p, w in calls])))


# --------------------------------------------------------------------------- confusion metrics


def _flat_weighted(calls, class_id=None, top_k=None):
    """All entries as flat ``(y_true, y_pred, weight)`` arrays."""
    ts, ps, ws = [], [], []
    for yt, yp, sw in calls:
        t, p = _f(yt, yp)
        if top_k is not None:
            kth = -np.sort(-p, -1)[..., top_k - 1 : top_k]
            p = np.where(p >= kth, p, -np.inf)
        w = _expand(sw, t.shape) if sw is not None else np.ones_like(t)
        if class_id is not None:
            t, p, w = t[..., class_id], p[..., class_id], w[..., class_id]
        ts.append(t.ravel())
        ps.append(p.ravel())
        ws.append(np.array(w).ravel())
    return np.concatenate(ts), np.concatenate(ps), np.concatenate(ws)


def confusion(calls, thresholds, class_id=None, top_k=None):
    """``(tp, fp, tn, fn)``, each an array over ``thresholds`` (``y_pred > threshold``)."""
    t, p, w = _flat_weighted(calls, class_id, top_k)
    thr = np.asarray(thresholds, np.float64)[:, None]
    pos = p[None, :] > thr
    true = (t > 0.5)[None, :]
    tp = np.sum(w * (pos & true), -1)
    fp = np.sum(w * (pos & ~true), -1)
    tn = np.sum(w * (~pos & ~true), -1)
    fn = np.sum(w * (~pos & true), -1)
    return tp, fp, tn, fn


def _div(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))


def _default_threshold(threshold, top_k):
    # With top_k and no threshold, every kept score counts as positive.
    if threshold is None:
        return 0.5 if top_k is None else -1e10
    return threshold


def precision(calls, threshold=None, class_id=None, top_k=None):
    threshold = _default_threshold(threshold, top_k)
    tp, fp, _, _ = confusion(calls, [threshold], class_id, top_k)
    return float(_div(tp, tp + fp)[0])


def recall(calls, threshold=None, class_id=None, top_k=None):
    threshold = _default_threshold(threshold, top_k)
    tp, _, _, fn = confusion(calls, [threshold], class_id, top_k)
    return float(_div(tp, tp + fn)[0])


def auc_thresholds(num_thresholds):
    inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [-EPS] + inner + [1.0 + EPS]


def auc(calls, num_thresholds=200, curve="ROC", summation_method="interpolation"):
    """Single-label AUC over all entries."""
    tp, fp, tn, fn = confusion(calls, auc_thresholds(num_thresholds))
    if curve == "PR" and summation_method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = _div(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        ratio = np.where((p[:-1] > 0) & (p[1:] > 0), _div(p[:-1], np.maximum(p[1:], 0)), 1.0)
        inc = _div(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))
        return float(np.sum(inc))
    rec = _div(tp, tp + fn)
    if curve == "ROC":
        x, y = _div(fp, fp + tn), rec
    else:
        x, y = rec, _div(tp, tp + fp)
    if summation_method == "interpolation":
        h = (y[:-1] + y[1:]) / 2
    elif summation_method == "minoring":
        h = np.minimum(y[:-1], y[1:])
    else:
        h = np.maximum(y[:-1], y[1:])
    return float(np.sum((x[:-1] - x[1:]) * h))


def _at(calls, num_thresholds, class_id, constrained, dependent, value):
    tp, fp, tn, fn = confusion(calls, auc_thresholds(num_thresholds), class_id)
    q = {
        "sensitivity": _div(tp, tp + fn),
        "specificity": _div(tn, tn + fp),
        "precision": _div(tp, tp + fp),
    }
    feasible = q[constrained] >= value
    return float(np.max(np.where(feasible, q[dependent], 0.0)))


def sensitivity_at_specificity(calls, specificity, num_thresholds=200, class_id=None):
    return _at(calls, num_thresholds, class_id, "specificity", "sensitivity", specificity)


def specificity_at_sensitivity(calls, sensitivity, num_thresholds=200, class_id=None):
    return _at(calls, num_thresholds, class_id, "sensitivity", "specificity", sensitivity)


def precision_at_recall(calls, recall, num_thresholds=200, class_id=None):
    return _at(calls, num_thresholds, class_id, "sensitivity", "precision", recall)


def recall_at_precision(calls, precision, num_thresholds=200, class_id=None):
    return _at(calls, num_thresholds, class_id, "precision", "sensitivity", precision)


# --------------------------------------------------------------------------- IoU, F-scores, R2


def confusion_matrix(calls, num_classes, ignore_class=None):
    """Weighted ``cm[true, pred]`` of sparse labels."""
    cm = np.zeros((num_classes, num_classes))
    for yt, yp, sw in calls:
        t = np.asarray(yt).astype(np.int64).ravel()
        p = np.asarray(yp).astype(np.int64).ravel()
        w = _expand(sw, np.shape(yt)).ravel() if sw is not None else np.ones(t.shape)
        keep = t != ignore_class if ignore_class is not None else np.ones(t.shape, bool)
        np.add.at(cm, (t[keep], p[keep]), w[keep])
    return cm


def iou(calls, num_classes, target_class_ids, ignore_class=None):
    """The mean IoU over ``target_class_ids`` of sparse labels (classes never seen excluded)."""
    cm = confusion_matrix(calls, num_classes, ignore_class)
    tp = np.diag(cm)
    denom = cm.sum(0) + cm.sum(1) - tp
    ids = list(target_class_ids)
    per = _div(tp, denom)[ids]
    valid = np.sum(denom[ids] != 0)
    return float(per.sum() / valid) if valid else 0.0


def fbeta(calls, beta=1.0, average=None, threshold=None):
    tp = fp = fn = support = 0.0
    for yt, yp, sw in calls:
        t, p = _f(yt, yp)
        if threshold is None:
            p = (p == p.max(-1, keepdims=True)).astype(np.float64)
        else:
            p = (p > threshold).astype(np.float64)
        w = _expand(sw, t.shape) if sw is not None else np.ones_like(t)
        axis = None if average == "micro" else 0
        tp = tp + np.sum(w * t * p, axis)
        fp = fp + np.sum(w * (1 - t) * p, axis)
        fn = fn + np.sum(w * t * (1 - p), axis)
        support = support + np.sum(w * t, 0)
    prec = tp / (tp + fp + EPS)
    rec = tp / (tp + fn + EPS)
    score = (1 + beta**2) * prec * rec / (beta**2 * prec + rec + EPS)
    if average == "weighted":
        return float(np.sum(score * support / (np.sum(support) + EPS)))
    if average is not None:
        return float(np.mean(score))
    return score


def r2(calls, class_aggregation="uniform_average", num_regressors=0):
    s = ss = res = cnt = 0.0
    n = 0
    for yt, yp, sw in calls:
        t, p = _f(yt, yp)
        w = _expand(sw, t.shape) if sw is not None else np.ones_like(t)
        s = s + np.sum(w * t, 0)
        ss = ss + np.sum(w * t * t, 0)
        res = res + np.sum(w * (t - p) ** 2, 0)
        cnt = cnt + np.sum(w, 0)
        n += t.size
    mean = s / cnt
    total = ss - s * mean
    raw = 1 - res / total
    if class_aggregation == "uniform_average":
        score = np.mean(raw)
    elif class_aggregation == "variance_weighted_average":
        score = np.sum(total * raw) / np.sum(total)
    else:
        score = raw
    if num_regressors and n > num_regressors + 1:
        score = 1 - (1 - score) * (n - 1) / (n - num_regressors - 1)
    return score
