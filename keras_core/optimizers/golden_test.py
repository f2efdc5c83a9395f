"""Every optimizer against the training goldens (golden/training/), on the active backend.

Each golden is 3 ``train_on_batch`` steps of ``Dense(5, tanh) -> Dense(3,
softmax)`` with categorical crossentropy, computed in float64 by the NumPy
reference of ``conformance/references/optimizers.py``. keras_core trains in
float32, so the tolerance is a float32 one: ``|got - want| <= TOL * max(1, |want|)``.
"""

import numpy as np
import pytest

from conformance import training_goldens
from keras_core import backend, layers, models, optimizers

TOL = 2e-5
NAMES = training_goldens.names()


def _optimizer(entry):
    config = dict(entry["config"])
    if entry["schedule"] is not None:
        config["learning_rate"] = optimizers.schedules.deserialize(entry["schedule"])
    if entry["optimizer"] == "LossScaleOptimizer":
        inner = optimizers.deserialize(config.pop("inner_optimizer"))
        return optimizers.LossScaleOptimizer(inner, **config)
    return optimizers.deserialize({"class_name": entry["optimizer"], "config": config})


def _model(entry, arrays):
    m = entry["model"]
    model = models.Sequential(
        [
            layers.Input((m["inputs"],)),
            layers.Dense(m["hidden"], activation="tanh"),
            layers.Dense(m["classes"], activation="softmax"),
        ]
    )
    model.set_weights([arrays[f"weight_{i}"] for i in range(4)])
    return model


def _close(got, want, what):
    got = np.asarray(got, np.float64)
    err = np.max(np.abs(got - want) / np.maximum(1.0, np.abs(want)))
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    assert err <= TOL, f"{what}: max relative error {err:.3g} > {TOL}\n{got}\n{want}"


def test_goldens_cover_every_optimizer():
    covered = {training_goldens.CASES[n]["optimizer"] for n in NAMES}
    covered |= {
        training_goldens.CASES[n]["config"]["inner_optimizer"]["class_name"]
        for n in NAMES
        if training_goldens.CASES[n]["optimizer"] == "LossScaleOptimizer"
    }
    builtins = {cls.__name__ for cls in optimizers._BUILTINS}
    # Muon needs >= 2-D weights only and is checked by its own tests.
    missing = builtins - covered - {"Muon"}
    assert not missing, f"optimizers without a training golden: {sorted(missing)}"


@pytest.mark.skipif(backend.backend() == "numpy", reason="the numpy backend is inference-only")
@pytest.mark.parametrize("name", NAMES)
def test_training_golden(name):
    entry, arrays = training_goldens.load(name)
    model = _model(entry, arrays)
    optimizer = _optimizer(entry)
    model.compile(optimizer=optimizer, loss=entry["model"]["loss"])
    x, y = arrays["x"], arrays["y"]
    losses = []
    for _ in range(entry["steps"]):
        # train_on_batch reports running means (as in Keras 3): reset to read each step's loss.
        model.reset_metrics()
        losses.append(float(np.asarray(model.train_on_batch(x, y))))
    _close(np.array(losses), arrays["losses"], "losses")
    for i, got in enumerate(model.get_weights()):
        _close(got, arrays[f"after_{i}"], f"weight {i} after {entry['steps']} steps")
    assert int(np.asarray(optimizer.iterations.numpy())) == entry["steps"]
    if "scale" in arrays:
        _close(optimizer.dynamic_scale.numpy(), arrays["scale"], "loss scale")
    if "ema_0" in arrays:
        optimizer.finalize_variable_values(model.trainable_variables)
        for i, got in enumerate(model.get_weights()):
            _close(got, arrays[f"ema_{i}"], f"moving average {i}")


def test_goldens_are_current():
    assert training_goldens.check() == []
