"""pytest cases derived from the op registry, for the backend in KERAS_BACKEND.

For each entry: values in every declared dtype (eager), edge values, errors,
``compute_output_spec`` against eager (float32; also with a None batch dim),
compiled against eager (jax.jit / tf.function), and gradients against finite
differences (float64). Select a family with ``-k numpy`` / ``-k nn`` etc.
"""

import numpy as np
import pytest

from conformance import backends, harness
from conformance.registry import all_entries

BACKEND = backends.NAME
ENTRIES = all_entries()


def _params():
    eager, symbolic, jit, grad, errors, edges = [], [], [], [], [], []
    for name in sorted(ENTRIES):
        e = ENTRIES[name]
        fam = e.family
        for dtype in e.dtypes:
            eager.append(pytest.param(name, dtype, id=f"{fam}-{name}-{dtype}"))
        base = "float32" if "float32" in e.dtypes else e.dtypes[0]
        if e.symbolic:
            symbolic.append(pytest.param(name, base, id=f"{fam}-{name}-{base}"))
            for extra in ("int32", "bool"):  # runner.SYMBOLIC_EXTRA_DTYPES
                if extra in e.dtypes and extra != base and e.symbolic_dtypes:
                    symbolic.append(pytest.param(name, extra, id=f"{fam}-{name}-{extra}"))
        if e.jit and backends.supports_jit():
            jit.append(pytest.param(name, base, id=f"{fam}-{name}-{base}"))
        if e.differentiable and backends.supports_grad() and "float64" in e.dtypes:
            grad.append(pytest.param(name, id=f"{fam}-{name}"))
        if e.errors:
            errors.append(pytest.param(name, id=f"{fam}-{name}"))
        if e.edges is not None:
            for dtype in [
                d for d in e.dtypes if d in ("float32", "float64", "float16", "bfloat16")
            ]:
                edges.append(pytest.param(name, dtype, id=f"{fam}-{name}-{dtype}"))
    return eager, symbolic, jit, grad, errors, edges


EAGER, SYMBOLIC, JIT, GRAD, ERRORS, EDGES = _params()
# A backend without a compiled mode or gradients (numpy) gets one case that
# proves it declares so, instead of an empty (skipped) parametrization.
if not JIT:
    JIT = [pytest.param(None, None, id="backend-has-no-jit")]
if not GRAD:
    GRAD = [pytest.param(None, id="backend-has-no-gradients")]


def _check(entry, results, mode="", dtype=""):
    bad = [(cid, r) for cid, r in results if r.status in ("fail", "error")]
    # xfail keys: "<backend>" (every mode), "<backend>:<mode>" (values, edges,
    # symbolic, jit, grad, errors) or "<backend>:<mode>:<dtype>", each with a reason.
    reason = (
        entry.xfail.get(f"{BACKEND}:{mode}:{dtype}")
        or entry.xfail.get(f"{BACKEND}:{mode}")
        or entry.xfail.get(BACKEND)
    )
    if reason and bad:
        pytest.xfail(reason)
    if reason and not bad:
        pytest.fail(
            f"unexpected pass: {entry.name} is marked xfail on {BACKEND} ({reason}) but passed"
        )
    if bad:
        msg = "\n".join(f"[{cid}] {r.status}: {r.message}" for cid, r in bad)
        pytest.fail(f"{entry.name} on {BACKEND}:\n{msg}", pytrace=False)
    unsupported = [r for _, r in results if r.status == "unsupported"]
    if unsupported and len(unsupported) == len(results):
        # A documented backend limit (NotImplementedError listed in UNSUPPORTED), not a pass.
        pytest.skip(f"unsupported on {BACKEND}: {unsupported[0].message}")


def _cases(entry, dtype, seed_salt=0):
    rng = np.random.default_rng(_seed(entry.name, dtype, seed_salt))
    return entry.samples(dtype, rng)


def _seed(*parts):
    # A stable seed (Python's str hash is salted per process).
    import zlib

    return zlib.crc32("|".join(map(str, parts)).encode())


@pytest.mark.parametrize("name,dtype", EAGER)
def test_values(name, dtype):
    entry = ENTRIES[name]
    results = [(c.id, harness.run_eager(entry, c, dtype)) for c in _cases(entry, dtype)]
    _check(entry, results, "values", dtype)


@pytest.mark.parametrize("name,dtype", EDGES)
def test_edge_values(name, dtype):
    entry = ENTRIES[name]
    rng = np.random.default_rng(_seed(name, dtype, "edges"))
    results = [(c.id, harness.run_eager(entry, c, dtype)) for c in entry.edges(dtype, rng)]
    _check(entry, results, "edges")


@pytest.mark.parametrize("name,dtype", SYMBOLIC)
def test_symbolic_matches_eager(name, dtype):
    entry = ENTRIES[name]
    results = []
    for c in _cases(entry, dtype):
        results.append((c.id, harness.run_symbolic(entry, c, dtype)))
        if entry.symbolic_none:
            results.append((c.id + "-none", harness.run_symbolic(entry, c, dtype, none_batch=True)))
    _check(entry, results, "symbolic")


@pytest.mark.parametrize("name,dtype", JIT)
def test_compiled_matches_eager(name, dtype):
    if name is None:
        # torch (eager by design here) and numpy have no compiled mode in the suite.
        assert not backends.supports_jit() and BACKEND in ("torch", "numpy")
        return
    entry = ENTRIES[name]
    results = [(c.id, harness.run_jit(entry, c, dtype)) for c in _cases(entry, dtype)]
    _check(entry, results, "jit")


@pytest.mark.parametrize("name", GRAD)
def test_gradients(name):
    if name is None:
        assert not backends.supports_grad() and BACKEND == "numpy"
        return
    entry = ENTRIES[name]
    results = [(c.id, harness.run_grad(entry, c, "float64")) for c in _cases(entry, "float64")]
    _check(entry, results, "grad")


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    entry = ENTRIES[name]
    _check(
        entry,
        [(e.id or str(i), harness.run_error(entry, e)) for i, e in enumerate(entry.errors)],
        "errors",
    )
