"""Every optimizer against the training goldens (golden/training/), on the active backend.

Each golden is 3 ``train_on_batch`` steps of ``Dense(5, tanh) -> Dense(3,
softmax)`` with categorical crossentropy, computed in float64 by the NumPy
reference of ``conformance/references/optimizers.py``. keras_core trains in
float32, so the tolerance is a float32 one: ``|got - want| <= TOL * max(1, |want|)``.
"""

import pytest

from conformance import kinds, recorder, training_goldens
from keras_core import backend, optimizers

TOL = kinds.TRAINING_TOLERANCE
NAMES = training_goldens.names()


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
    # One conformance ``training`` record per golden (written to the CI report).
    recs = list(kinds.run_training(backend.backend(), [kinds.OPTIMIZER_GOLDEN_PREFIX + name]))
    recorder.write(backend.backend(), recs)
    assert len(recs) == 1
    assert recs[0]["status"] == "pass", recs[0]["message"]
    assert recs[0]["max_rel"] <= TOL


def test_goldens_are_current():
    assert training_goldens.check() == []
