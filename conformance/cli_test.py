"""Tests of ``python -m conformance``: report schema, gates, diff, merge, plug-ins.

Every backend run is a subprocess with ``KERAS_BACKEND=numpy`` restricted to a
few ops (``--ops``), and the runs start together, so the module takes seconds.
The suite must pass on the real numpy backend and must fail on
``conformance.broken_backend``: that proves it can fail.
"""

import fcntl
import json
import os
import subprocess
import sys
import textwrap

import pytest

from conformance import gates as gates_lib
from conformance import kinds
from conformance import report as report_lib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPS = "add,multiply,subtract,sum"
BROKEN = "conformance.broken_backend"

# Runs in a worker-like process: xfail bookkeeping on a fake entry, and a repro snippet.
PROBE = textwrap.dedent("""
    import json, sys
    from conformance import runner
    backends, caps = runner.setup_backend("numpy")
    from conformance.registry import Entry
    from conformance.samples import binary_cases
    import numpy as np

    def entry(fn, xfail):
        return Entry(name="add", family="numpy", reference=np.add, samples=
                     lambda d, rng: binary_cases(rng, d)[:2], dtypes=("float32",),
                     symbolic=False, wrap=lambda _op: fn, xfail=xfail)

    def statuses(fn):
        recs = list(runner.run_entry(entry(fn, {"numpy": "known"}), "numpy", backends, caps, {}))
        return sorted({r["status"] for r in recs})

    out = {"xfail": statuses(lambda a, b: a - b), "xpass": statuses(np.add)}
    # The repro snippet of a broken-backend record, run as it is printed in the report.
    snippet = sys.argv[1]
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(snippet, {})
    out["repro"] = buf.getvalue()
    print("PROBE" + json.dumps(out))
""")


def _env(**extra):
    env = dict(os.environ, KERAS_BACKEND="numpy", **extra)
    env["PYTHONPATH"] = os.pathsep.join([ROOT] + [p for p in [env.get("PYTHONPATH")] if p])
    return env


def _cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        cwd=ROOT,
        env=env or _env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _start(args, env):
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The runs, done once per pytest session even under xdist (workers share them)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the xdist workers of this session
    with open(root / "conformance_cli.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / "conformance_cli.json"
        if not done.exists():
            tmp = root / "conformance_cli"
            tmp.mkdir(exist_ok=True)
            result = _run_all(tmp)
            done.write_text(json.dumps(result))
        paths, outputs, snippet = json.loads(done.read_text())
    for name in outputs:
        assert outputs[name][0] == 0, f"{name} run failed:\n{outputs[name][1]}{outputs[name][2]}"
    return paths, outputs, snippet


def _run_all(tmp):
    """Starts every subprocess at once; returns the report paths and outputs."""
    paths = {k: str(tmp / f"{k}.json") for k in ("numpy", "broken", "blocked", "crash")}
    paths["artifacts"] = str(tmp / "artifacts")
    base = ["-m", "conformance", "run", "--progress", "0"]
    run = base + ["--kind", "op"]
    # numpy and the broken plug-in also run the layer goldens and the saving round trips
    # (neither declares training) and write their .keras files for the cross-backend pairs.
    kinds = base + ["--kind", "op,layer,training,saving", "--artifacts", paths["artifacts"]]
    snippet = report_lib.repro_snippet(BROKEN, "add", "eager", "float32", "same")
    procs = {
        "numpy": _start(
            kinds + ["--backend", "numpy", "--ops", OPS, "--report", paths["numpy"]], _env()
        ),
        "broken": _start(
            kinds + ["--backend", BROKEN, "--ops", OPS, "--report", paths["broken"]], _env()
        ),
        "blocked": _start(
            run + ["--backend", BROKEN, "--ops", "add,negative", "--report", paths["blocked"]],
            _env(CONFORMANCE_BROKEN_FOUNDATION="1"),
        ),
        "crash": _start(
            run
            + [
                "--backend",
                BROKEN,
                "--ops",
                "add,negative,subtract",
                "--report",
                paths["crash"],
                "--case-timeout",
                "2",
            ],
            _env(CONFORMANCE_BROKEN_CRASH="negative", CONFORMANCE_BROKEN_SLOW="subtract"),
        ),
        "probe": _start(["-c", PROBE, snippet], _env()),
    }
    outputs = {}
    for name, p in procs.items():
        out, err = p.communicate(timeout=300)
        outputs[name] = (p.returncode, out, err)
    return paths, outputs, snippet


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def test_report_schema(runs):
    paths, outputs, _ = runs
    rep = report_lib.validate(_load(paths["numpy"]))
    for field in report_lib.REPORT_FIELDS:
        assert field in rep
    assert rep["schema_version"] == report_lib.SCHEMA_VERSION
    env = rep["environments"]["numpy"]
    for field in (
        "keras_core",
        "suite",
        "python",
        "platform",
        "numpy",
        "frameworks",
        "device",
        "capabilities",
    ):
        assert field in env, field
    ops = {r["op"] for r in rep["records"] if r["kind"] == "op"}
    # The foundation ops are always checked, so they are part of every report.
    assert ops == set(OPS.split(",")) | {"convert_to_tensor", "cast"}
    modes = {r["mode"] for r in rep["records"]}
    assert {"eager", "symbolic", "symbolic_none", "golden", "round_trip"} <= modes
    # numpy declares no training: no training records; every golden and format runs.
    counts = rep["summary"]["kinds"]["numpy"]
    assert set(counts) == {"op", "layer", "saving"}
    assert counts["layer"] == {"pass": len(kinds.layer_cases())}
    assert counts["saving"] == {"pass": len(kinds.SAVING_MODELS) * 3}
    for r in rep["records"]:
        assert set(report_lib.RECORD_FIELDS) <= set(r)
        module = "runner" if r["kind"] == "op" else "kinds"
        assert r["backend"] == "numpy" and r["repro"].startswith(f"from conformance.{module}")
    keys = [report_lib.record_key(r) for r in rep["records"]]
    assert len(keys) == len(set(keys)), "case keys must be unique"
    assert "add" in rep["summary"]["matrix"]
    assert rep["summary"]["matrix"]["add"]["numpy"]["float32"]["eager"]["pass"] > 0
    assert set(rep["registry"]) >= set(OPS.split(","))
    assert "numpy" in outputs["numpy"][1] and "pass" in outputs["numpy"][1]


def test_gate_passes_on_numpy(runs):
    paths, _, _ = runs
    proc = _cli("gate", paths["numpy"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "float32_pass_rate[numpy]" in proc.stdout and "margin" in proc.stdout
    results = gates_lib.evaluate(_load(paths["numpy"]))
    assert not [r for r in results if r.status == "fail"]


def test_gate_fails_on_broken_backend(runs):
    paths, _, _ = runs
    rep = _load(paths["broken"])
    proc = _cli("gate", paths["broken"])
    assert proc.returncode == 1, proc.stdout
    failed = {r.name for r in gates_lib.evaluate(rep) if r.status == "fail"}
    assert {"float32_pass_rate", "pass_rate", "no_errors", "coverage"} <= failed
    # Its broken add also breaks layers (bias adds) and so the saved models' outputs.
    layer = [r for r in rep["records"] if r["kind"] == "layer"]
    assert any(r["status"] == "fail" for r in layer)
    by_op = {}
    for r in rep["records"]:
        by_op.setdefault(r["op"], []).append(r)
    add32 = [
        r
        for r in by_op["add"]
        if r["dtype"] == "float32" and r["mode"] == "eager" and r["case_id"] != "empty"
    ]
    assert add32 and all(r["status"] == "fail" for r in add32)
    assert any("tolerance" in r["message"] for r in add32)
    mul32 = [r for r in by_op["multiply"] if r["dtype"] == "float32" and r["mode"] == "eager"]
    assert any("dtype float64, expected float32" in r["message"] for r in mul32)
    assert any(
        r["status"] == "error" and "deliberately broken" in r["message"] for r in by_op["sum"]
    )
    assert {r["status"] for r in by_op["subtract"] if r["dtype"] != "uint32"} == {"pass"}
    assert {r["status"] for r in by_op["subtract"] if r["dtype"] == "uint32"} == {"unsupported"}


def test_diff_detects_regression(runs):
    paths, _, _ = runs
    proc = _cli("diff", paths["numpy"], paths["broken"])
    assert proc.returncode == 1, proc.stdout
    assert "regressions:" in proc.stdout and "add [eager, float32" in proc.stdout
    same = _cli("diff", paths["numpy"], paths["numpy"])
    assert same.returncode == 0 and "regressions: 0" in same.stdout
    fixed = _cli("diff", paths["broken"], paths["numpy"])
    assert fixed.returncode == 0 and "fixes: 0" not in fixed.stdout
    d = report_lib.diff(_load(paths["numpy"]), _load(paths["broken"]))
    assert d["ignore_backend"] and d["regressions"]
    # pass -> unsupported is a regression (the plug-in's manifest leaves uint32 out).
    sub = [(k, n["status"]) for k, _, n in d["regressions"] if k[1] == "subtract"]
    assert sub and all(k[3] == "uint32" and s == "unsupported" for k, s in sub)


def test_merge(runs, tmp_path):
    paths, _, _ = runs
    out = str(tmp_path / "merged.json")
    proc = _cli("merge", paths["numpy"], paths["broken"], "-o", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    merged = report_lib.load(out)
    a, b = _load(paths["numpy"]), _load(paths["broken"])
    assert len(merged["records"]) == len(a["records"]) + len(b["records"])
    assert set(merged["environments"]) == {"numpy", BROKEN}
    assert set(merged["summary"]["totals"]) == {"numpy", BROKEN}
    # The merged report gates both backends; the broken one fails it.
    gate = _cli("gate", out)
    assert gate.returncode == 1
    assert "float32_pass_rate[numpy]" in gate.stdout and f"[{BROKEN}]" in gate.stdout
    # A report is its own baseline: no regressions. The release gates need three backends.
    base = _cli("gate", paths["numpy"], "--baseline", paths["numpy"])
    assert base.returncode == 0 and "no_regressions[*]" in base.stdout
    release = _cli("gate", paths["numpy"], "--release")
    assert release.returncode == 1 and "main_backends_present[jax]" in release.stdout


def test_merge_loads_each_backends_files_on_the_others(runs, tmp_path):
    paths, _, _ = runs
    out = str(tmp_path / "pairs.json")
    proc = _cli(
        "merge", paths["numpy"], paths["broken"], "--artifacts", paths["artifacts"], "-o", out
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    merged = report_lib.load(out)
    cross = [r for r in merged["records"] if r["mode"] == "cross_load"]
    pairs = {(r["case_id"], r["backend"]) for r in cross}
    # numpy writes every format, the broken backend declares (and loads) .keras only.
    assert pairs == {
        (f"{BROKEN}->numpy.keras", "numpy"),
        (f"numpy->{BROKEN}.keras", BROKEN),
    }
    assert len(cross) == 2 * len(kinds.SAVING_MODELS)
    # The broken backend's add changes its outputs: neither direction round-trips.
    assert all(r["status"] == "fail" for r in cross)
    results = [r for r in gates_lib.evaluate(merged) if r.name == "cross_backend_pairs"]
    assert results[0].status == "fail" and f"numpy->{BROKEN}" in results[0].detail
    # numpy's own files load back on numpy (the writer side of the pair is sound).
    self_load = kinds.writers(paths["artifacts"])
    assert set(self_load) == {"numpy", BROKEN}


def test_spread_lists_the_widest_cases(runs, tmp_path):
    paths, _, _ = runs
    proc = _cli("spread", paths["numpy"], paths["broken"], "--limit", "5")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The broken add (off by 1e-3) is the widest spread, far beyond its tolerance.
    first = proc.stdout.splitlines()[2]
    assert "add [" in first and "numpy" in first
    merged = report_lib.merge([_load(paths["numpy"]), _load(paths["broken"])])[0]
    add = [
        r
        for r in merged["records"]
        if r["op"] == "add" and r["mode"] == "eager" and r["dtype"] != "uint32"
    ]  # uint32 is outside the plug-in's manifest: unsupported there, so no spread
    assert all("spread" in r and r["spread_backends"] == sorted(["numpy", BROKEN]) for r in add)
    assert max(r["spread"] for r in add) >= 1e-4


def test_foundation_failure_blocks_dependants(runs):
    paths, _, _ = runs
    rep = _load(paths["blocked"])
    cast = [r for r in rep["records"] if r["op"] == "cast"]
    assert any(r["status"] == "fail" for r in cast)
    dependants = [
        r for r in rep["records"] if r["op"] in ("add", "negative") and r["dtype"] != "uint32"
    ]  # uint32 is outside the manifest: unsupported
    assert dependants and all(r["status"] == "blocked" for r in dependants)
    assert "foundation op cast failed" in dependants[0]["message"]
    results = {r.name: r.status for r in gates_lib.evaluate(rep)}
    assert results["no_blocked"] == "fail"


def test_foundation_blocks_per_dtype():
    from conformance.runner import foundation_blocks

    def rec(dtype, status):
        return {"op": "cast", "mode": "eager", "dtype": dtype, "status": status, "case_id": "x"}

    assert foundation_blocks([rec("float32", "pass"), rec("int8", "pass")]) == {}
    partial = foundation_blocks([rec("float32", "pass"), rec("float16", "fail")])
    assert set(partial) == {"float16"}
    assert "*" in foundation_blocks([rec("float32", "error"), rec("int8", "pass")])
    assert "*" in foundation_blocks([rec("float16", "fail"), rec("int8", "fail")])


def test_worker_crash_and_timeout_are_reported_and_run_continues(runs):
    paths, _, _ = runs
    rep = _load(paths["crash"])
    crash = [r for r in rep["records"] if r["mode"] == "crash"]
    assert [r["op"] for r in crash] == ["negative"] and crash[0]["status"] == "error"
    assert rep["runs"][BROKEN]["crashes"]
    # The restarted worker ran the op after the crash; its first case timed out.
    sub = [r for r in rep["records"] if r["op"] == "subtract"]
    timed_out = [r for r in sub if "TimeoutError" in r["message"]]
    assert len(timed_out) == 1 and timed_out[0]["status"] == "error"
    assert sum(r["status"] == "pass" for r in sub) > 10


def test_xfail_bookkeeping_and_repro(runs):
    paths, outputs, snippet = runs
    code, out, err = outputs["probe"]
    assert code == 0, out + err
    probe = json.loads(out.split("PROBE", 1)[1])
    assert probe["xfail"] == ["xfail"]
    assert probe["xpass"] == ["xpass"]
    assert "Result(status='fail'" in probe["repro"] and "tolerance" in probe["repro"]
    rec = [
        r
        for r in _load(paths["broken"])["records"]
        if r["op"] == "add"
        and r["mode"] == "eager"
        and r["dtype"] == "float32"
        and r["case_id"] == "same"
    ]
    assert rec and rec[0]["repro"] == snippet


def test_gates_file_is_valid():
    gates = gates_lib.load_gates()
    kinds = {g["kind"] for g in gates}
    assert kinds == set(gates_lib.KINDS)
    assert all(g["why"].strip() for g in gates)
