"""The layer, training and saving record kinds on the backend in KERAS_BACKEND.

Each test runs one record through ``conformance.kinds`` (as ``python -m
conformance run --kind ...`` does) and requires it to pass; with
``CONFORMANCE_RECORD_DIR`` set the records are also written for ``collect``.
"""

import os

import numpy as np
import pytest

from conformance import backends, kinds, recorder, runner

BACKEND = backends.NAME
CAPS = runner.builtin_capabilities(backends)
# Every golden runs in the layer test files (and in `python -m conformance run`; the
# CI report records those runs through pytest_plugin.py): here, one golden per set and
# family checks the record kind itself (the recurrent goldens are slow on jax).
_FIRST = {}
for _name, _family in kinds.layer_cases():
    _set = _name.partition("/")[0] if "/" in _name else "numpy"
    if _family != "recurrent":
        _FIRST.setdefault((_set, _family), (_name, _family))
LAYERS = sorted(_FIRST.values()) + [("keras3/simple_rnn_default", "recurrent")]


def _check(records):
    recorder.write(BACKEND, records)
    assert records
    for r in records:
        assert r["status"] == "pass", f"{r['op']} [{r['mode']}, {r['case_id']}]: {r['message']}"
        assert r["max_rel"] is not None and r["max_rel"] <= r["tol"]


@pytest.mark.parametrize("name", [n for n, _ in LAYERS], ids=[f"{f}-{n}" for n, f in LAYERS])
def test_layer_golden(name):
    recs = list(kinds.run_layers(BACKEND, [name]))
    assert len(recs) == 1 and recs[0]["kind"] == "layer" and recs[0]["dtype"] == "float32"
    _check(recs)


@pytest.mark.parametrize("name", sorted(kinds.TRAINING_CASES))
def test_training_step(name):
    if not CAPS["training"]:
        # numpy is inference-only: its manifest declares no training, so none runs.
        assert BACKEND == "numpy"
        assert list(kinds.run_kinds(BACKEND, CAPS, ("training",))) == []
        return
    recs = list(kinds.run_training(BACKEND, [name]))
    assert [r["case_id"] for r in recs] == ["loss", "weights"]
    _check(recs)


@pytest.mark.parametrize("fmt", CAPS["save_formats"])
@pytest.mark.parametrize("name", kinds.SAVING_MODELS)
def test_save_load_round_trip(name, fmt):
    recs = list(kinds.run_saving(BACKEND, [fmt], [name]))
    assert [(r["mode"], r["case_id"]) for r in recs] == [("round_trip", fmt)]
    _check(recs)


def test_cross_backend_artifacts(tmp_path):
    # Writes this backend's files in every declared format (to the recording folder in
    # CI, where the merge step loads them on every other backend) and loads them here.
    folder = recorder.artifacts_dir() or str(tmp_path)
    kinds.write_artifacts(BACKEND, folder, CAPS["save_formats"])
    written = kinds.writers(folder)
    assert BACKEND in written
    assert kinds.written_formats(written[BACKEND]) == list(CAPS["save_formats"])
    for fmt in CAPS["save_formats"]:
        for name in kinds.SAVING_MODELS:
            assert os.path.exists(os.path.join(written[BACKEND], f"{name}{fmt}"))
            worst = kinds._cross_load(written[BACKEND], name, fmt)
            assert worst.result()[0] == "pass", (fmt, name, worst.result())


def test_mismatch_is_a_failure():
    worst = kinds._Worst(1e-6)
    worst.add(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-3]), "output 0")
    status, message = worst.result()
    assert status == "fail" and "output 0" in message
    np.testing.assert_allclose(worst.max_rel, 1e-3 / (2.0 + 1e-3), rtol=1e-9)
    with pytest.raises(kinds.Mismatch, match="shape"):
        kinds.measure(np.zeros(2), np.zeros(3), "x")
