"""Tests of ``python -m conformance mutate``: the catalogue, apply/undo, judging, a small run."""

import io
import json

import numpy as np

from conformance import mutants
from conformance.mutate import judge, summarize, work
from conformance.registry import all_entries


def test_catalogue_size_and_targets():
    names = [m.name for m in mutants.CATALOGUE]
    assert len(names) == len(set(names))
    assert len(names) >= 40
    assert len({op for m in mutants.CATALOGUE for op in m.ops}) >= 25
    entries = all_entries()
    for m in mutants.CATALOGUE:
        assert all(op in entries for op in m.ops), m.name


def test_apply_and_undo_restore_the_op():
    from keras_core import ops

    m = mutants.catalogue(["exp_rel_1e-4"])[0]
    x = np.array([0.5, 1.0], np.float32)
    before = np.asarray(ops.convert_to_numpy(ops.exp(x)))
    undo = mutants.apply(m)
    try:
        faulty = np.asarray(ops.convert_to_numpy(ops.exp(x)))
    finally:
        undo()
    after = np.asarray(ops.convert_to_numpy(ops.exp(x)))
    np.testing.assert_allclose(faulty, before * np.float32(1 + 1e-4), rtol=1e-6)
    np.testing.assert_array_equal(after, before)


def test_judge_counts_only_changes_to_bad_statuses():
    base = [{"op": "a", "mode": "eager", "dtype": "float32", "case_id": "c", "status": "pass"}]
    same = [dict(base[0])]
    failed = [dict(base[0], status="fail", message="error 1e-4 > tolerance")]
    assert judge(base, same) == (False, "")
    caught, evidence = judge(base, failed)
    assert caught and "pass -> fail" in evidence
    assert judge(base, [])[0]  # a case that disappears is caught too


def test_small_run_catches_value_and_dtype_faults():
    out = io.StringIO()
    from conformance import backends

    work(backends.NAME, ["exp_rel_1e-4", "multiply_dtype_f64"], None, 60.0, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    s = summarize(backends.NAME, rows)
    assert s["applied"] == 2
    assert s["caught"] == 2, rows
    assert s["score"] == 1.0
