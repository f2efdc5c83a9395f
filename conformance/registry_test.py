"""pytest cases derived from the op registry, for the backend in KERAS_BACKEND.

One test per case group of ``conformance.runner.plan`` (the groups ``python -m
conformance run`` runs, with the same seeds and case ids): values in every
declared dtype (eager), edge values, errors, ``compute_output_spec`` against
eager (float32; also with a None batch dim), compiled against eager (jax.jit /
tf.function), and gradients against finite differences (float64). Select a
family with ``-k numpy`` / ``-k nn`` etc. With ``CONFORMANCE_RECORD_DIR`` set,
every record is also written for ``python -m conformance collect`` (recorder.py).
"""

import pytest

from conformance import backends, recorder, runner
from conformance.registry import all_entries
from conformance.report import BAD_STATUSES

BACKEND = backends.NAME
CAPS = runner.builtin_capabilities(backends)
ENTRIES = all_entries()


def _params():
    params = []
    for name in sorted(ENTRIES):
        entry = ENTRIES[name]
        for index, group in enumerate(runner.plan(entry, backends, CAPS)):
            mode = group.modes[0]
            params.append(
                pytest.param(name, index, id=f"{entry.family}-{name}-{mode}-{group.dtype}")
            )
    return params


@pytest.mark.parametrize("name,index", _params())
def test_case_group(name, index):
    entry = ENTRIES[name]
    group = runner.plan(entry, backends, CAPS)[index]
    records = list(runner.run_group(entry, group, BACKEND, CAPS))
    recorder.write(BACKEND, records)
    assert records, f"{name}: the case group {group.modes}/{group.dtype} has no cases"
    bad = [r for r in records if r["status"] in BAD_STATUSES]
    if bad:
        msg = "\n".join(
            f"[{r['mode']}, {r['dtype']}, {r['case_id']}] {r['status']}: {r['message']}"
            for r in bad
        )
        pytest.fail(f"{name} on {BACKEND}:\n{msg}", pytrace=False)
    xfails = [r for r in records if r["status"] == "xfail"]
    if xfails:
        pytest.xfail(xfails[0]["message"][:300])
    for r in records:
        # Only what the backend declares is unsupported (harness._guard).
        if r["status"] == "unsupported":
            assert "declared unsupported" in r["message"], r["message"]


def test_backend_declares_its_modes():
    # A backend without a compiled mode or gradients (torch has no jit here; numpy
    # neither jit nor gradients) declares so, and the plan then has no such groups.
    assert CAPS["jit"] == (BACKEND in ("jax", "tensorflow"))
    assert CAPS["training"] == (BACKEND in ("jax", "tensorflow", "torch"))
    modes = {m for e in ENTRIES.values() for g in runner.plan(e, backends, CAPS) for m in g.modes}
    assert ("jit" in modes) == CAPS["jit"]
    assert ("grad" in modes) == CAPS["training"]
