"""NumPy (float64) references of every loss function and of the loss reductions.

Each function takes NumPy arrays and returns the per-sample values (the last
axis reduced), following the documented definitions (epsilon 1e-7 where the
losses clip or guard). ``reduce`` applies ``sample_weight``, a mask and a
reduction as ``keras_core.losses.Loss`` documents: masked entries are left
out, and ``"sum_over_batch_size"`` divides the weighted sum by the number of
unmasked entries.
"""

import numpy as np

EPS = 1e-7


def _f(*arrays):
    return [np.asarray(a, np.float64) for a in arrays]


def mean_squared_error(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean((t - p) ** 2, -1)


def mean_absolute_error(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean(np.abs(t - p), -1)


def mean_absolute_percentage_error(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return 100.0 * np.mean(np.abs(t - p) / np.maximum(np.abs(t), EPS), -1)


def mean_squared_logarithmic_error(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean((np.log1p(np.maximum(p, EPS)) - np.log1p(np.maximum(t, EPS))) ** 2, -1)


def _unit(x, axis):
    return x / np.sqrt(np.maximum(np.sum(x * x, axis, keepdims=True), 1e-12))


def cosine_similarity(y_true, y_pred, axis=-1):
    """The loss: minus the cosine similarity."""
    t, p = _f(y_true, y_pred)
    return -np.sum(_unit(t, axis) * _unit(p, axis), axis)


def huber(y_true, y_pred, delta=1.0):
    t, p = _f(y_true, y_pred)
    e = np.abs(p - t)
    return np.mean(np.where(e <= delta, 0.5 * e * e, delta * e - 0.5 * delta * delta), -1)


def log_cosh(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean(np.log(np.cosh(p - t)), -1)


def kl_divergence(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    t, p = np.clip(t, EPS, 1.0), np.clip(p, EPS, 1.0)
    return np.sum(t * np.log(t / p), -1)


def poisson(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean(p - t * np.log(p + EPS), -1)


def _softmax(z, axis=-1):
    z = z - z.max(axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis, keepdims=True)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    t, p = _f(y_true, y_pred)
    if label_smoothing:
        t = t * (1 - label_smoothing) + label_smoothing / t.shape[axis]
    if from_logits:
        p = _softmax(p, axis)
    else:
        p = np.clip(p / p.sum(axis, keepdims=True), EPS, 1 - EPS)
    return -np.sum(t * np.log(p), axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Per-entry values; entries of ``ignore_class`` are 0 (``sparse_cce_mask`` gives the mask)."""
    t = np.asarray(y_true).astype(np.int64)
    p = np.asarray(y_pred, np.float64)
    safe = np.where(t == ignore_class, 0, t) if ignore_class is not None else t
    onehot = np.eye(p.shape[-1])[safe]
    values = categorical_crossentropy(onehot, p, from_logits=from_logits)
    if ignore_class is not None:
        values = np.where(t == ignore_class, 0.0, values)
    return values


def sparse_cce_mask(y_true, ignore_class):
    """The mask of the entries ``sparse_categorical_crossentropy`` keeps."""
    return np.asarray(y_true) != ignore_class


def _smooth_binary(t, label_smoothing):
    return t * (1 - label_smoothing) + 0.5 * label_smoothing if label_smoothing else t


def _bce_elements(t, p, from_logits):
    if from_logits:
        return np.maximum(p, 0) - p * t + np.log1p(np.exp(-np.abs(p)))
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    t, p = _f(y_true, y_pred)
    return np.mean(_bce_elements(_smooth_binary(t, label_smoothing), p, from_logits), axis)


def binary_focal_crossentropy(
    y_true,
    y_pred,
    apply_class_balancing=False,
    alpha=0.25,
    gamma=2.0,
    from_logits=False,
    label_smoothing=0.0,
    axis=-1,
):
    t, p = _f(y_true, y_pred)
    t = _smooth_binary(t, label_smoothing)
    if from_logits:
        p = _sigmoid(p)
    bce = _bce_elements(t, p, False)
    p_t = t * p + (1 - t) * (1 - p)
    focal = (1 - p_t) ** gamma * bce
    if apply_class_balancing:
        focal = (t * alpha + (1 - t) * (1 - alpha)) * focal
    return np.mean(focal, axis)


def categorical_focal_crossentropy(
    y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1
):
    t, p = _f(y_true, y_pred)
    if label_smoothing:
        t = t * (1 - label_smoothing) + label_smoothing / t.shape[axis]
    if from_logits:
        p = _softmax(p, axis)
    p = np.clip(p / p.sum(axis, keepdims=True), EPS, 1 - EPS)
    return np.sum(alpha * (1 - p) ** gamma * (-t * np.log(p)), axis)


def _signed(t):
    """Labels in {0, 1} become {-1, 1}; other labels are kept."""
    return np.where(np.all((t == 0) | (t == 1)), 2 * t - 1, t)


def hinge(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean(np.maximum(1 - _signed(t) * p, 0), -1)


def squared_hinge(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    return np.mean(np.maximum(1 - _signed(t) * p, 0) ** 2, -1)


def categorical_hinge(y_true, y_pred):
    t, p = _f(y_true, y_pred)
    pos = np.sum(t * p, -1)
    neg = np.max((1 - t) * p, -1)
    return np.maximum(neg - pos + 1, 0)


FUNCTIONS = {
    f.__name__: f
    for f in (
        mean_squared_error,
        mean_absolute_error,
        mean_absolute_percentage_error,
        mean_squared_logarithmic_error,
        cosine_similarity,
        huber,
        log_cosh,
        kl_divergence,
        poisson,
        categorical_crossentropy,
        sparse_categorical_crossentropy,
        binary_crossentropy,
        binary_focal_crossentropy,
        categorical_focal_crossentropy,
        hinge,
        squared_hinge,
        categorical_hinge,
    )
}


def reduce(values, sample_weight=None, mask=None, reduction="sum_over_batch_size"):
    """Weights and reduces per-entry ``values`` as ``Loss.__call__`` documents.

    ``sample_weight`` and ``mask`` broadcast against ``values`` from the left
    (a per-sample weight covers every entry of its sample).
    """
    v = np.asarray(values, np.float64)

    def expand(a):
        a = np.asarray(a, np.float64)
        while a.ndim < v.ndim:
            a = a[..., None]
        return np.broadcast_to(a, v.shape)

    w = expand(sample_weight) if sample_weight is not None else np.ones_like(v)
    m = expand(mask) if mask is not None else np.ones_like(v)
    weighted = v * w * m
    if reduction in (None, "none"):
        return weighted
    if reduction == "sum":
        return weighted.sum()
    if reduction == "mean_with_sample_weight":
        denom = (w * m).sum() if sample_weight is not None else m.sum()
        return weighted.sum() / denom
    return weighted.sum() / m.sum()
