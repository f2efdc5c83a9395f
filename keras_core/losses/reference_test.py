"""Every public name of keras_core.losses against the NumPy references.

``conformance/references/losses.py`` holds the float64 references. Every
loss function (and alias) is checked on its own data; every loss class is
checked unweighted, with per-sample and per-entry ``sample_weight``, with a
mask (``_keras_mask`` on ``y_pred``, the documented mask path, attached with
``set_keras_mask``, which also serves tensors that take no attributes), with
both, and with each reduction; and a model's mask (a ``Masking`` layer)
reaches ``compile``'s loss and metrics. Inputs are 3-D (batch 3, 4 steps, 3
features) so masks and weights cover a time axis. ``test_every_public_name_has_a_case``
fails when a public loss has no reference case.
"""

import inspect

import numpy as np
import pytest

from conformance.references import losses as ref
from keras_core import backend, losses, ops
from keras_core.backend.common.masking import set_keras_mask

N, T, D = 3, 4, 3
TOL = 1e-5


def _data(kind, seed=0):
    rng = np.random.default_rng(seed)
    shape = (N, T, D)

    def probs():
        z = rng.normal(size=shape)
        e = np.exp(z)
        return e / e.sum(-1, keepdims=True)

    onehot = np.eye(D)[rng.integers(0, D, (N, T))]
    if kind == "regression":
        yt, yp = rng.uniform(0.1, 1.0, shape), rng.uniform(0.1, 1.0, shape)
    elif kind == "signed":
        yt, yp = rng.normal(size=shape), rng.normal(size=shape)
    elif kind == "binary_probs":
        yt, yp = rng.integers(0, 2, shape), rng.uniform(0.05, 0.95, shape)
    elif kind == "binary_logits":
        yt, yp = rng.integers(0, 2, shape), 2 * rng.normal(size=shape)
    elif kind == "hinge_pm1":
        yt, yp = 2 * rng.integers(0, 2, shape) - 1, rng.uniform(-1.5, 1.5, shape)
    elif kind == "categorical_probs":
        yt, yp = onehot, probs()
    elif kind == "categorical_logits":
        yt, yp = onehot, 2 * rng.normal(size=shape)
    elif kind == "categorical_scores":
        yt, yp = onehot, rng.uniform(-1.0, 1.0, shape)
    elif kind == "distributions":
        yt, yp = probs(), probs()
    elif kind == "sparse_probs":
        yt, yp = rng.integers(0, D, (N, T)), probs()
    elif kind == "sparse_logits":
        yt, yp = rng.integers(0, D, (N, T)), 2 * rng.normal(size=shape)
    else:
        raise ValueError(kind)
    yt = yt.astype("int32" if kind.startswith("sparse") else "float32")
    return yt, yp.astype("float32")


# Per canonical function name: (data kind, keyword arguments) cases.
FUNCTION_CASES = {
    "mean_squared_error": [("signed", {})],
    "mean_absolute_error": [("signed", {})],
    "mean_absolute_percentage_error": [("regression", {})],
    "mean_squared_logarithmic_error": [("regression", {})],
    "cosine_similarity": [("signed", {}), ("signed", {"axis": 1})],
    "huber": [("signed", {}), ("signed", {"delta": 0.5})],
    "log_cosh": [("signed", {})],
    "kl_divergence": [("distributions", {})],
    "poisson": [("regression", {})],
    "categorical_crossentropy": [
        ("categorical_probs", {}),
        ("categorical_logits", {"from_logits": True}),
        ("categorical_probs", {"label_smoothing": 0.2}),
    ],
    "sparse_categorical_crossentropy": [
        ("sparse_probs", {}),
        ("sparse_logits", {"from_logits": True}),
        ("sparse_logits", {"from_logits": True, "ignore_class": 1}),
    ],
    "binary_crossentropy": [
        ("binary_probs", {}),
        ("binary_logits", {"from_logits": True}),
        ("binary_probs", {"label_smoothing": 0.2}),
    ],
    "binary_focal_crossentropy": [
        ("binary_probs", {}),
        ("binary_logits", {"from_logits": True, "gamma": 1.5}),
        ("binary_probs", {"apply_class_balancing": True, "alpha": 0.3, "label_smoothing": 0.1}),
    ],
    "categorical_focal_crossentropy": [
        ("categorical_probs", {}),
        ("categorical_logits", {"from_logits": True, "alpha": 0.5, "gamma": 1.0}),
        ("categorical_probs", {"label_smoothing": 0.1}),
    ],
    "hinge": [("binary_probs", {}), ("hinge_pm1", {})],
    "squared_hinge": [("binary_probs", {}), ("hinge_pm1", {})],
    "categorical_hinge": [("categorical_scores", {})],
}

# Per loss class: (reference function, data kind, constructor arguments).
CLASS_CASES = {
    "MeanSquaredError": ("mean_squared_error", "signed", {}),
    "MeanAbsoluteError": ("mean_absolute_error", "signed", {}),
    "MeanAbsolutePercentageError": ("mean_absolute_percentage_error", "regression", {}),
    "MeanSquaredLogarithmicError": ("mean_squared_logarithmic_error", "regression", {}),
    "CosineSimilarity": ("cosine_similarity", "signed", {}),
    "Huber": ("huber", "signed", {"delta": 0.7}),
    "LogCosh": ("log_cosh", "signed", {}),
    "KLDivergence": ("kl_divergence", "distributions", {}),
    "Poisson": ("poisson", "regression", {}),
    "CategoricalCrossentropy": ("categorical_crossentropy", "categorical_logits", {"from_logits": True, "label_smoothing": 0.1}),
    "SparseCategoricalCrossentropy": ("sparse_categorical_crossentropy", "sparse_probs", {"ignore_class": 2}),
    "BinaryCrossentropy": ("binary_crossentropy", "binary_probs", {"label_smoothing": 0.1}),
    "BinaryFocalCrossentropy": ("binary_focal_crossentropy", "binary_logits", {"from_logits": True, "apply_class_balancing": True}),
    "CategoricalFocalCrossentropy": ("categorical_focal_crossentropy", "categorical_probs", {"gamma": 3.0}),
    "Hinge": ("hinge", "hinge_pm1", {}),
    "SquaredHinge": ("squared_hinge", "binary_probs", {}),
    "CategoricalHinge": ("categorical_hinge", "categorical_scores", {}),
}  # fmt: skip

# Public names that are not losses.
NOT_LOSSES = {"Loss", "LossFunctionWrapper", "get", "serialize", "deserialize"}


def public_names(module=losses, excluded=NOT_LOSSES) -> dict:
    """The public classes and functions of ``module`` (``keras_core.losses``), less
    ``excluded``."""
    out = {}
    for name in dir(module):
        obj = getattr(module, name)
        if name.startswith("_") or name in excluded or inspect.ismodule(obj):
            continue
        if inspect.isclass(obj) or inspect.isfunction(obj):
            out[name] = obj
    return out


def close(got, want, what=""):
    """``got`` within ``TOL`` of ``want`` (error relative to max(1, |want|)), same shape."""
    got = np.asarray(backend.convert_to_numpy(got), np.float64)
    want = np.asarray(want, np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    err = np.max(np.abs(got - want) / np.maximum(1.0, np.abs(want)), initial=0.0)
    assert err <= TOL, f"{what}: max relative error {err:.3g} > {TOL}\n{got}\n{want}"


def names_without_case(names, class_cases, function_cases, reference_functions) -> list:
    """The public names with no reference case: a class not in ``class_cases``, a function
    whose canonical name is not in both ``function_cases`` and ``reference_functions``."""
    missing = []
    for name, obj in names.items():
        if inspect.isclass(obj):
            if name not in class_cases:
                missing.append(name)
        elif obj.__name__ not in function_cases or obj.__name__ not in reference_functions:
            missing.append(name)
    return sorted(missing)


def test_every_public_name_has_a_case():
    missing = names_without_case(public_names(), CLASS_CASES, FUNCTION_CASES, ref.FUNCTIONS)
    assert not missing, f"public losses without a NumPy reference case: {missing}"


FUNCTION_PARAMS = [
    (name, i) for name in sorted(public_names()) for i in range(4)
    if inspect.isfunction(public_names()[name])
    and i < len(FUNCTION_CASES.get(public_names()[name].__name__, []))
]  # fmt: skip


@pytest.mark.parametrize("name,index", FUNCTION_PARAMS)
def test_function(name, index):
    fn = getattr(losses, name)
    kind, kwargs = FUNCTION_CASES[fn.__name__][index]
    yt, yp = _data(kind, seed=index)
    got = fn(yt, yp, **kwargs)
    want = ref.FUNCTIONS[fn.__name__](yt, yp, **kwargs)
    close(got, want, f"{name}{kwargs}")
    close(fn(ops.convert_to_tensor(yt), ops.convert_to_tensor(yp), **kwargs), want, "tensors")


def masked(y_pred, mask):
    """``y_pred`` as a tensor carrying ``mask`` (its ``_keras_mask``)."""
    tensor = ops.convert_to_tensor(y_pred)
    set_keras_mask(tensor, ops.convert_to_tensor(mask))
    return tensor


MODES = {
    "plain": (None, False, "sum_over_batch_size"),
    "sample_weight": ("sample", False, "sum_over_batch_size"),
    "entry_weight": ("entry", False, "sum_over_batch_size"),
    "mask": (None, True, "sum_over_batch_size"),
    "mask_and_weight": ("sample", True, "sum_over_batch_size"),
    "sum": ("entry", True, "sum"),
    "none": ("sample", True, "none"),
    "mean_with_sample_weight": ("entry", True, "mean_with_sample_weight"),
}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", sorted(CLASS_CASES))
def test_class(name, mode):
    fn_name, kind, kwargs = CLASS_CASES[name]
    weight_kind, use_mask, reduction = MODES[mode]
    yt, yp = _data(kind, seed=len(name))
    rng = np.random.default_rng(1)
    weight = None
    if weight_kind == "sample":
        weight = np.array([0.5, 2.0, 1.0], "float32")
    elif weight_kind == "entry":
        weight = rng.uniform(0.0, 2.0, (N, T)).astype("float32")
    mask = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 1]], bool) if use_mask else None
    loss = getattr(losses, name)(reduction=reduction, **kwargs)
    got = loss(yt, masked(yp, mask) if use_mask else yp, sample_weight=weight)
    values = ref.FUNCTIONS[fn_name](yt, yp, **kwargs)
    if "ignore_class" in kwargs:
        own = ref.sparse_cce_mask(yt, kwargs["ignore_class"])
        mask = own if mask is None else (own & mask)
    want = ref.reduce(values, weight, mask, reduction)
    if reduction == "none" and mask is None:
        want = values * weight[:, None] if weight is not None else values
    close(got, want, f"{name} {mode}")
    assert backend.standardize_dtype(got.dtype) == "float32"


def test_loss_dtype_float64():
    yt, yp = _data("signed")
    got = losses.MeanSquaredError(dtype="float64")(yt, yp)
    assert backend.standardize_dtype(got.dtype) == "float64"
    np.testing.assert_allclose(
        backend.convert_to_numpy(got), ref.reduce(ref.mean_squared_error(yt, yp)), rtol=1e-6
    )


@pytest.mark.skipif(backend.backend() == "numpy", reason="the numpy backend is inference-only")
@pytest.mark.parametrize("weighted", [False, True])
def test_model_mask_reaches_compiled_loss_and_metrics(weighted):
    """A Masking layer's mask reaches ``compile``'s loss and metrics (jitted steps included)."""
    from keras_core import layers, models

    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 4, 2)).astype("float32")
    x[0, 3] = 0.0
    x[1, 1:] = 0.0
    y = rng.normal(size=(3, 4, 1)).astype("float32")
    mask = np.any(x != 0.0, axis=-1)
    weight = np.array([0.5, 2.0, 1.0], "float32") if weighted else None
    model = models.Sequential(
        [layers.Input((4, 2)), layers.Masking(0.0), layers.Dense(1, kernel_initializer="ones")]
    )
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"], weighted_metrics=["mse"])
    pred = x.sum(-1, keepdims=True).astype(np.float64)
    loss = ref.reduce(ref.mean_squared_error(y, pred), weight, mask)
    if weighted:
        w = np.broadcast_to(weight[:, None], mask.shape) * mask
        weighted_mse = np.sum(ref.mean_squared_error(y, pred) * w) / np.sum(w)
    else:
        weighted_mse = ref.mean_squared_error(y, pred)[mask].mean()
    mae = ref.mean_absolute_error(y, pred)[mask].mean()
    logs = model.test_on_batch(x, y, sample_weight=weight, return_dict=True)
    close(logs["loss"], loss, "loss")
    close(logs["mean_absolute_error" if "mean_absolute_error" in logs else "mae"], mae, "mae")
    key = [k for k in logs if k not in ("loss", "mae", "mean_absolute_error")][0]
    close(logs[key], weighted_mse, f"weighted {key}")
