"""Every public name of keras_core.metrics against the NumPy references.

``conformance/references/metrics.py`` holds the float64 references. Each
metric class gets two ``update_state`` calls (its state accumulates), without
and with ``sample_weight``; the mean metrics (``MeanMetricWrapper``
subclasses, the ones that read masks) also with a mask (``_keras_mask`` on
``y_pred``) and with mask and weight together; a ``reset_state`` then one call
must give that call's own result. Every metric function (and alias) is
checked on its own data. ``test_every_public_name_has_a_case`` fails when a
public metric has no reference case.
"""

import inspect

import numpy as np
import pytest

from conformance.references import metrics as ref
from keras_core import metrics
from keras_core.losses.reference_test import FUNCTION_CASES as LOSS_FUNCTION_CASES
from keras_core.losses.reference_test import _data as loss_data
from keras_core.losses.reference_test import close, masked, names_without_case, public_names

N, T = 3, 4
MASK = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 1]], bool)


def _data(kind, seed):
    rng = np.random.default_rng(seed)
    if kind == "labels":
        yt = rng.integers(0, 3, (N, T, 3)).astype("float32")
        yp = rng.integers(0, 3, (N, T, 3)).astype("float32")
        return yt, yp
    if kind == "binary_2d":
        yt = rng.integers(0, 2, (8, 3)).astype("float32")
        return yt, rng.uniform(0.0, 1.0, (8, 3)).astype("float32")
    if kind == "sparse_2d":
        return rng.integers(0, 3, (8,)).astype("int32"), rng.integers(0, 3, (8,)).astype("int32")
    if kind == "onehot_2d":
        yt = np.eye(3, dtype="float32")[rng.integers(0, 3, 8)]
        return yt, rng.uniform(0.0, 1.0, (8, 3)).astype("float32")
    if kind == "regression_2d":
        yt = rng.normal(size=(8, 2)).astype("float32")
        return yt, (yt + rng.normal(scale=0.5, size=(8, 2))).astype("float32")
    if kind == "regression_1out":
        yt = rng.normal(size=(8, 1)).astype("float32")
        return yt, (yt + rng.normal(scale=0.5, size=(8, 1))).astype("float32")
    if kind == "values":
        return None, rng.normal(size=(N, T)).astype("float32")
    return loss_data(kind, seed)


def _mean(fn_name, kind, **kwargs):
    return {"kind": kind, "kwargs": kwargs, "fn": fn_name}


def _other(reference, kind, **kwargs):
    return {"kind": kind, "kwargs": kwargs, "reference": reference}


def _thr(name):
    def reference(calls, thresholds):
        tp, fp, tn, fn = ref.confusion(calls, thresholds)
        return {"TruePositives": tp, "FalsePositives": fp, "TrueNegatives": tn}.get(name, fn)

    return reference


def _precision_recall(fn):
    def reference(calls, thresholds=None, class_id=None, top_k=None):
        return fn(calls, thresholds, class_id, top_k)

    return reference


def _iou(calls, num_classes, target_class_ids=None, ignore_class=None, **_):
    ids = range(num_classes) if target_class_ids is None else target_class_ids
    return ref.iou(calls, num_classes, ids, ignore_class)


def _binary_iou(calls, target_class_ids=(0, 1), threshold=0.5):
    calls = [(t, (np.asarray(p) >= threshold).astype("int32"), w) for t, p, w in calls]
    return ref.iou(calls, 2, target_class_ids)


def _onehot_iou(calls, num_classes, target_class_ids=None, **_):
    calls = [(np.argmax(t, -1), np.argmax(p, -1), w) for t, p, w in calls]
    return _iou(calls, num_classes, target_class_ids)


# Per metric class: a list of cases. Mean metrics name a per-sample reference function.
CLASS_CASES = {
    "Accuracy": [_mean("accuracy", "labels")],
    "BinaryAccuracy": [_mean("binary_accuracy", "binary_probs", threshold=0.4)],
    "CategoricalAccuracy": [_mean("categorical_accuracy", "categorical_probs")],
    "SparseCategoricalAccuracy": [_mean("sparse_categorical_accuracy", "sparse_probs")],
    "TopKCategoricalAccuracy": [_mean("top_k_categorical_accuracy", "categorical_probs", k=2)],
    "SparseTopKCategoricalAccuracy": [
        _mean("sparse_top_k_categorical_accuracy", "sparse_probs", k=2)
    ],
    "BinaryCrossentropy": [
        _mean("binary_crossentropy", "binary_logits", from_logits=True, label_smoothing=0.1)
    ],
    "CategoricalCrossentropy": [
        _mean("categorical_crossentropy", "categorical_probs", label_smoothing=0.1)
    ],
    "SparseCategoricalCrossentropy": [
        _mean("sparse_categorical_crossentropy", "sparse_logits", from_logits=True)
    ],
    "KLDivergence": [_mean("kl_divergence", "distributions")],
    "Poisson": [_mean("poisson", "regression")],
    "Hinge": [_mean("hinge", "hinge_pm1")],
    "SquaredHinge": [_mean("squared_hinge", "binary_probs")],
    "CategoricalHinge": [_mean("categorical_hinge", "categorical_scores")],
    "MeanSquaredError": [_mean("mean_squared_error", "signed")],
    "MeanAbsoluteError": [_mean("mean_absolute_error", "signed")],
    "MeanAbsolutePercentageError": [_mean("mean_absolute_percentage_error", "regression")],
    "MeanSquaredLogarithmicError": [_mean("mean_squared_logarithmic_error", "regression")],
    "LogCoshError": [_mean("log_cosh", "signed")],
    "CosineSimilarity": [_mean("cosine_similarity_metric", "signed")],
    "Mean": [_other(lambda calls: ref.weighted_mean([(p, w) for _, p, w in calls]), "values")],
    "Sum": [_other(lambda calls: ref.weighted_sum([(p, w) for _, p, w in calls]), "values")],
    "RootMeanSquaredError": [_other(ref.root_mean_squared_error, "signed")],
    "TruePositives": [_other(_thr("TruePositives"), "binary_2d", thresholds=[0.3, 0.6])],
    "FalsePositives": [_other(_thr("FalsePositives"), "binary_2d", thresholds=[0.3, 0.6])],
    "TrueNegatives": [_other(_thr("TrueNegatives"), "binary_2d", thresholds=[0.3, 0.6])],
    "FalseNegatives": [_other(_thr("FalseNegatives"), "binary_2d", thresholds=[0.3, 0.6])],
    "Precision": [
        _other(_precision_recall(ref.precision), "binary_2d"),
        _other(_precision_recall(ref.precision), "binary_2d", thresholds=0.7, class_id=1),
        _other(_precision_recall(ref.precision), "binary_2d", top_k=2),
    ],
    "Recall": [
        _other(_precision_recall(ref.recall), "binary_2d"),
        _other(_precision_recall(ref.recall), "binary_2d", thresholds=0.3, class_id=2),
        _other(_precision_recall(ref.recall), "binary_2d", top_k=1),
    ],
    "AUC": [
        _other(ref.auc, "binary_2d"),
        _other(ref.auc, "binary_2d", num_thresholds=50, curve="PR"),
        _other(ref.auc, "binary_2d", num_thresholds=20, summation_method="minoring"),
        _other(ref.auc, "binary_2d", num_thresholds=20, curve="PR", summation_method="majoring"),
    ],
    "PrecisionAtRecall": [_other(ref.precision_at_recall, "binary_2d", recall=0.6)],
    "RecallAtPrecision": [_other(ref.recall_at_precision, "binary_2d", precision=0.6)],
    "SensitivityAtSpecificity": [
        _other(ref.sensitivity_at_specificity, "binary_2d", specificity=0.5),
        _other(ref.sensitivity_at_specificity, "binary_2d", specificity=0.4, class_id=0),
    ],
    "SpecificityAtSensitivity": [
        _other(ref.specificity_at_sensitivity, "binary_2d", sensitivity=0.5, num_thresholds=30)
    ],
    "IoU": [
        _other(_iou, "sparse_2d", num_classes=3, target_class_ids=[0, 2]),
        _other(_iou, "sparse_2d", num_classes=3, target_class_ids=[1], ignore_class=0),
    ],
    "MeanIoU": [_other(_iou, "sparse_2d", num_classes=3)],
    "BinaryIoU": [
        _other(_binary_iou, "binary_2d"),
        _other(_binary_iou, "binary_2d", target_class_ids=[1], threshold=0.3),
    ],
    "OneHotIoU": [_other(_onehot_iou, "onehot_2d", num_classes=3, target_class_ids=[0, 1])],
    "OneHotMeanIoU": [_other(_onehot_iou, "onehot_2d", num_classes=3)],
    "F1Score": [
        _other(ref.fbeta, "onehot_2d"),
        _other(ref.fbeta, "binary_2d", average="micro", threshold=0.5),
        _other(ref.fbeta, "binary_2d", average="macro", threshold=0.4),
        _other(ref.fbeta, "onehot_2d", average="weighted"),
    ],
    "FBetaScore": [
        _other(ref.fbeta, "binary_2d", beta=2.0, threshold=0.5),
        _other(ref.fbeta, "onehot_2d", beta=0.5, average="weighted"),
    ],
    "R2Score": [
        _other(ref.r2, "regression_2d"),
        _other(ref.r2, "regression_2d", class_aggregation="variance_weighted_average"),
        _other(ref.r2, "regression_2d", class_aggregation=None),
        _other(ref.r2, "regression_1out", num_regressors=2),
    ],
}

# Per metric function outside the losses: (data kind, keyword arguments) cases.
FUNCTION_CASES = dict(LOSS_FUNCTION_CASES)
FUNCTION_CASES.update(
    {
        "accuracy": [("labels", {})],
        "binary_accuracy": [("binary_probs", {}), ("binary_probs", {"threshold": 0.7})],
        "categorical_accuracy": [("categorical_probs", {})],
        "sparse_categorical_accuracy": [("sparse_probs", {})],
        "top_k_categorical_accuracy": [("categorical_probs", {"k": 2})],
        "sparse_top_k_categorical_accuracy": [("sparse_probs", {"k": 1})],
    }
)

NOT_METRICS = {"Metric", "MeanMetricWrapper", "get", "serialize", "deserialize"}


def test_every_public_name_has_a_case():
    missing = names_without_case(
        public_names(metrics, NOT_METRICS), CLASS_CASES, FUNCTION_CASES, ref.FUNCTIONS
    )
    assert not missing, f"public metrics without a NumPy reference case: {missing}"


FUNCTION_PARAMS = [
    (name, i) for name, obj in sorted(public_names(metrics, NOT_METRICS).items())
    if inspect.isfunction(obj)
    for i in range(len(FUNCTION_CASES.get(obj.__name__, [])))
]  # fmt: skip


@pytest.mark.parametrize("name,index", FUNCTION_PARAMS)
def test_function(name, index):
    fn = getattr(metrics, name)
    kind, kwargs = FUNCTION_CASES[fn.__name__][index]
    yt, yp = _data(kind, index)
    close(fn(yt, yp, **kwargs), ref.FUNCTIONS[fn.__name__](yt, yp, **kwargs), f"{name}{kwargs}")


def _is_mean_metric(name):
    return issubclass(getattr(metrics, name), metrics.MeanMetricWrapper)


MODES = ("plain", "sample_weight", "mask", "mask_and_weight")
CLASS_PARAMS = [
    (name, i, mode)
    for name in sorted(CLASS_CASES)
    for i in range(len(CLASS_CASES[name]))
    for mode in MODES
    if not mode.startswith("mask") or _is_mean_metric(name)
]


def _weight(kind, seed, n):
    rng = np.random.default_rng(100 + seed)
    return rng.uniform(0.0, 2.0, (n,)).astype("float32")


@pytest.mark.parametrize("name,index,mode", CLASS_PARAMS)
def test_class(name, index, mode):
    case = CLASS_CASES[name][index]
    kwargs = dict(case["kwargs"])
    metric = getattr(metrics, name)(**kwargs)
    calls, masks = [], []
    for seed in (0, 1):
        yt, yp = _data(case["kind"], seed + 10 * index)
        sw = _weight(case["kind"], seed, len(yp)) if "weight" in mode else None
        calls.append((yt, yp, sw))
        masks.append(MASK if mode.startswith("mask") else None)
    for call, mask in zip(calls, masks):
        _update(metric, *call, mask)
    if "fn" in case:
        fn = ref.FUNCTIONS.get(case["fn"]) or getattr(ref, case["fn"])
        mask_list = masks if mode.startswith("mask") else None
        want = ref.mean_of_fn(fn, calls, mask_list, **kwargs)
        want_last = ref.mean_of_fn(fn, calls[1:], mask_list and mask_list[1:], **kwargs)
    else:
        want = case["reference"](calls, **kwargs)
        want_last = case["reference"](calls[1:], **kwargs)
    close(metric.result(), want, f"{name}{kwargs} {mode}")
    metric.reset_state()
    _update(metric, *calls[1], masks[1])
    close(metric.result(), want_last, f"{name}{kwargs} {mode} after reset_state")


def _update(metric, y_true, y_pred, sample_weight, mask):
    if mask is not None:
        y_pred = masked(y_pred, mask)
    if y_true is None:
        metric.update_state(y_pred, sample_weight=sample_weight)
    else:
        metric.update_state(y_true, y_pred, sample_weight=sample_weight)
