"""Every loss against a NumPy reference, with sample weights, reductions and masks."""

import numpy as np
import pytest

from keras_core import backend, losses
from keras_core.losses.loss import reduce_weighted_values

EPS = 1e-7
RNG = np.random.default_rng(7)
N, C = 4, 3
PROBS = RNG.uniform(0.05, 0.95, size=(N, C)).astype("float32")
SOFTMAX = (PROBS / PROBS.sum(-1, keepdims=True)).astype("float32")
BINARY = (RNG.uniform(size=(N, C)) > 0.5).astype("float32")
ONE_HOT = np.eye(C, dtype="float32")[[0, 2, 1, 2]]
SPARSE = np.array([0, 2, 1, 2], "int32")
REGRESS_T = RNG.normal(size=(N, C)).astype("float32")
REGRESS_P = RNG.normal(size=(N, C)).astype("float32")
POSITIVE_T = RNG.uniform(0.1, 3.0, size=(N, C)).astype("float32")
POSITIVE_P = RNG.uniform(0.1, 3.0, size=(N, C)).astype("float32")
LOGITS = RNG.normal(size=(N, C)).astype("float32") * 2
SW = np.array([1.0, 0.5, 0.0, 2.0], "float32")


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _bce(t, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def _cce(t, p):
    p = p / p.sum(-1, keepdims=True)
    return -(t * np.log(np.clip(p, EPS, 1 - EPS))).sum(-1)


def _signed(t):
    return 2 * t - 1 if np.all((t == 0) | (t == 1)) else t


def _huber(t, p, d=1.0):
    e = np.abs(p - t)
    return np.where(e <= d, 0.5 * e * e, d * e - 0.5 * d * d).mean(-1)


def _normalize(x):
    return x / np.sqrt(np.maximum((x * x).sum(-1, keepdims=True), 1e-12))


def _focal_b(t, p, gamma=2.0, alpha=0.25, balance=False):
    bce = _bce(t, p)
    p_t = t * p + (1 - t) * (1 - p)
    out = (1 - p_t) ** gamma * bce
    if balance:
        out = (t * alpha + (1 - t) * (1 - alpha)) * out
    return out.mean(-1)


def _focal_c(t, p, gamma=2.0, alpha=0.25):
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return (alpha * (1 - p) ** gamma * (-t * np.log(p))).sum(-1)


# name -> (Loss instance, y_true, y_pred, per-sample NumPy reference)
CASES = {
    "mse": (losses.MeanSquaredError(), REGRESS_T, REGRESS_P, lambda t, p: ((t - p) ** 2).mean(-1)),
    "mae": (losses.MeanAbsoluteError(), REGRESS_T, REGRESS_P, lambda t, p: np.abs(t - p).mean(-1)),
    "mape": (
        losses.MeanAbsolutePercentageError(),
        REGRESS_T,
        REGRESS_P,
        lambda t, p: 100 * (np.abs(t - p) / np.maximum(np.abs(t), EPS)).mean(-1),
    ),
    "msle": (
        losses.MeanSquaredLogarithmicError(),
        POSITIVE_T,
        POSITIVE_P,
        lambda t, p: ((np.log(np.maximum(p, EPS) + 1) - np.log(np.maximum(t, EPS) + 1)) ** 2).mean(
            -1
        ),
    ),
    "cosine": (
        losses.CosineSimilarity(),
        REGRESS_T,
        REGRESS_P,
        lambda t, p: -(_normalize(t) * _normalize(p)).sum(-1),
    ),
    "huber": (losses.Huber(delta=0.7), REGRESS_T, REGRESS_P, lambda t, p: _huber(t, p, 0.7)),
    "log_cosh": (
        losses.LogCosh(),
        REGRESS_T,
        REGRESS_P,
        lambda t, p: np.log(np.cosh(p - t)).mean(-1),
    ),
    "kld": (
        losses.KLDivergence(),
        SOFTMAX[::-1].copy(),
        SOFTMAX,
        lambda t, p: (np.clip(t, EPS, 1) * np.log(np.clip(t, EPS, 1) / np.clip(p, EPS, 1))).sum(-1),
    ),
    "poisson": (
        losses.Poisson(),
        POSITIVE_T,
        POSITIVE_P,
        lambda t, p: (p - t * np.log(p + EPS)).mean(-1),
    ),
    "bce": (losses.BinaryCrossentropy(), BINARY, PROBS, lambda t, p: _bce(t, p).mean(-1)),
    "bce_logits_smoothing": (
        losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.2),
        BINARY,
        LOGITS,
        lambda t, p: _bce(t * 0.8 + 0.1, _sigmoid(p)).mean(-1),
    ),
    "binary_focal": (
        losses.BinaryFocalCrossentropy(gamma=1.5),
        BINARY,
        PROBS,
        lambda t, p: _focal_b(t, p, gamma=1.5),
    ),
    "binary_focal_balanced_logits": (
        losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3, from_logits=True),
        BINARY,
        LOGITS,
        lambda t, p: _focal_b(t, _sigmoid(p), alpha=0.3, balance=True),
    ),
    "cce": (losses.CategoricalCrossentropy(), ONE_HOT, PROBS, _cce),
    "cce_logits_smoothing": (
        losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.3),
        ONE_HOT,
        LOGITS,
        lambda t, p: _cce(t * 0.7 + 0.1, _softmax(p)),
    ),
    "categorical_focal": (
        losses.CategoricalFocalCrossentropy(alpha=0.5, gamma=1.0),
        ONE_HOT,
        SOFTMAX,
        lambda t, p: _focal_c(t, p, gamma=1.0, alpha=0.5),
    ),
    "categorical_focal_logits": (
        losses.CategoricalFocalCrossentropy(from_logits=True),
        ONE_HOT,
        LOGITS,
        lambda t, p: _focal_c(t, _softmax(p)),
    ),
    "scce": (
        losses.SparseCategoricalCrossentropy(),
        SPARSE,
        PROBS,
        lambda t, p: _cce(np.eye(C)[t.astype(int)], p),
    ),
    "scce_logits": (
        losses.SparseCategoricalCrossentropy(from_logits=True),
        SPARSE[:, None],
        LOGITS,
        lambda t, p: _cce(np.eye(C)[t[:, 0].astype(int)], _softmax(p)),
    ),
    "hinge": (
        losses.Hinge(),
        BINARY,
        LOGITS,
        lambda t, p: np.maximum(1 - _signed(t) * p, 0).mean(-1),
    ),
    "hinge_signed_labels": (
        losses.Hinge(),
        2 * BINARY - 1,
        LOGITS,
        lambda t, p: np.maximum(1 - t * p, 0).mean(-1),
    ),
    "squared_hinge": (
        losses.SquaredHinge(),
        BINARY,
        LOGITS,
        lambda t, p: (np.maximum(1 - _signed(t) * p, 0) ** 2).mean(-1),
    ),
    "categorical_hinge": (
        losses.CategoricalHinge(),
        ONE_HOT,
        LOGITS,
        lambda t, p: np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_loss_matches_numpy_with_reductions(name):
    loss, y_true, y_pred, ref = CASES[name]
    per_sample = ref(y_true.astype("float64"), y_pred.astype("float64"))
    y_true_copy, y_pred_copy = y_true.copy(), y_pred.copy()
    np.testing.assert_allclose(_np(loss(y_true, y_pred)), per_sample.mean(), rtol=1e-5, atol=1e-6)
    weighted = per_sample * SW
    np.testing.assert_allclose(
        _np(loss(y_true, y_pred, sample_weight=SW)), weighted.sum() / N, rtol=1e-5, atol=1e-6
    )
    config = loss.get_config()
    for reduction, expected in (
        ("sum", weighted.sum()),
        (None, weighted),
        ("none", weighted),
        ("mean_with_sample_weight", weighted.sum() / SW.sum()),
    ):
        config["reduction"] = reduction
        other = type(loss).from_config(config)
        got = _np(other(y_true, y_pred, sample_weight=SW))
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(y_true, y_true_copy)
    np.testing.assert_array_equal(y_pred, y_pred_copy)


@pytest.mark.parametrize("name", sorted(CASES))
def test_function_form_and_config_round_trip(name):
    loss, y_true, y_pred, ref = CASES[name]
    fn_values = loss.fn(y_true, y_pred, **loss._fn_kwargs)
    per_sample = ref(y_true.astype("float64"), y_pred.astype("float64"))
    np.testing.assert_allclose(_np(fn_values), per_sample, rtol=1e-5, atol=1e-6)
    config = losses.serialize(loss)
    assert config["module"] == "keras.losses" and config["class_name"] == type(loss).__name__
    clone = losses.deserialize(config)
    assert type(clone) is type(loss) and clone.get_config() == loss.get_config()


def test_default_names_and_configs():
    assert losses.Huber().name == "huber_loss"
    assert losses.MeanSquaredError().get_config() == {
        "name": "mean_squared_error",
        "reduction": "sum_over_batch_size",
    }
    assert losses.BinaryCrossentropy().get_config() == {
        "name": "binary_crossentropy",
        "reduction": "sum_over_batch_size",
        "from_logits": False,
        "label_smoothing": 0.0,
        "axis": -1,
    }
    assert losses.SparseCategoricalCrossentropy(ignore_class=3).get_config()["ignore_class"] == 3


def test_sparse_ignore_class_masks_entries():
    y_true = np.array([[0, 2], [1, -1]], "int32")
    y_pred = np.stack([PROBS[:2], PROBS[2:]])
    loss = losses.SparseCategoricalCrossentropy(ignore_class=-1)
    per = np.array(
        [
            [_cce(np.eye(C)[0], PROBS[0]), _cce(np.eye(C)[2], PROBS[1])],
            [_cce(np.eye(C)[1], PROBS[2]), 0.0],
        ]
    )
    np.testing.assert_allclose(_np(loss(y_true, y_pred)), per.sum() / 3, rtol=1e-5)
    fn = losses.sparse_categorical_crossentropy(y_true, y_pred, ignore_class=-1)
    np.testing.assert_allclose(_np(fn), per, rtol=1e-5, atol=1e-7)
    none = losses.SparseCategoricalCrossentropy(ignore_class=-1, reduction=None)
    np.testing.assert_allclose(_np(none(y_true, y_pred)), per, rtol=1e-5, atol=1e-7)


class _Masked(np.ndarray):
    """A NumPy array carrying a ``_keras_mask``, as a masking layer's output would."""


def test_mask_on_predictions_is_applied():
    y_pred = REGRESS_P.view(_Masked)
    y_pred._keras_mask = np.array([True, False, True, True])
    per = ((REGRESS_T - REGRESS_P) ** 2).mean(-1)
    keep = np.array([1.0, 0.0, 1.0, 1.0])
    np.testing.assert_allclose(
        _np(losses.MeanSquaredError()(REGRESS_T, y_pred)), (per * keep).sum() / 3, rtol=1e-5
    )
    np.testing.assert_allclose(
        _np(losses.MeanSquaredError(reduction="sum")(REGRESS_T, y_pred, sample_weight=SW)),
        (per * keep * SW).sum(),
        rtol=1e-5,
    )


def test_reduce_weighted_values_rules():
    values = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")
    per_sample = np.array([2.0, 0.0], "float32")
    # A per-sample weight broadcasts over the trailing axes.
    np.testing.assert_allclose(
        _np(reduce_weighted_values(values, sample_weight=per_sample, reduction="sum")), 6.0
    )
    np.testing.assert_allclose(
        _np(reduce_weighted_values(values, sample_weight=per_sample[:, None])), 1.5
    )
    mask = np.array([[True, False], [True, True]])
    np.testing.assert_allclose(_np(reduce_weighted_values(values, mask=mask)), 8.0 / 3, rtol=1e-5)
    np.testing.assert_allclose(_np(reduce_weighted_values(np.float32(3.0))), 3.0)
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="avg")


def test_loss_dtype():
    loss = losses.MeanSquaredError(dtype="float64")
    out = loss(REGRESS_T, REGRESS_P)
    assert backend.standardize_dtype(out.dtype) == "float64"
    out32 = losses.MeanSquaredError()(REGRESS_T.astype("float64"), REGRESS_P.astype("float64"))
    assert backend.standardize_dtype(out32.dtype) == "float32"


def test_get_serialize_deserialize():
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("MAE") is losses.mean_absolute_error
    assert losses.get("categorical_crossentropy") is losses.categorical_crossentropy
    assert isinstance(losses.get("CategoricalCrossentropy"), losses.CategoricalCrossentropy)
    assert losses.get(None) is None
    custom = losses.Huber(delta=3.0)
    assert losses.get(custom) is custom
    config = losses.serialize(losses.mean_squared_error)
    assert config["class_name"] == "function" and config["config"] == "mean_squared_error"
    assert losses.deserialize(config) is losses.mean_squared_error
    assert (
        losses.get({"class_name": "Huber", "config": {"delta": 2.0}}).get_config()["delta"] == 2.0
    )
    with pytest.raises(ValueError, match="Unknown loss"):
        losses.get("not_a_loss")


def test_loss_function_wrapper_and_subclass():
    wrapper = losses.LossFunctionWrapper(losses.huber, delta=0.5)
    np.testing.assert_allclose(_np(wrapper([[0.0]], [[0.25]])), 0.03125)
    clone = losses.LossFunctionWrapper.from_config(wrapper.get_config())
    np.testing.assert_allclose(_np(clone([[0.0]], [[2.0]])), 0.875)

    class Absolute(losses.Loss):
        def call(self, y_true, y_pred):
            return abs(y_true - y_pred)

    np.testing.assert_allclose(_np(Absolute()(np.array([1.0, 2.0]), np.array([2.0, 4.0]))), 1.5)
    assert Absolute().name == "absolute"
    with pytest.raises(NotImplementedError, match="call"):
        losses.Loss()(1.0, 1.0)
