"""Measured strength of the suite: ``python -m conformance mutate --backend B``.

Applies each fault of ``conformance.mutants.CATALOGUE`` to one backend, one at a
time, in a worker process (``KERAS_BACKEND=B``), runs the registry cases of the
mutated op(s) and calls the fault *caught* when any case changes status against
an unmutated baseline run of the same cases (to ``fail``, ``error``, ``xfail`` or
``xpass``). The mutation score is caught / applied; faults that only gradients
can see are not applied on a backend without gradients (numpy).

    python -m conformance mutate --backend torch [--ops exp,softmax] [--mutants a,b]
        [--report mutate_torch.json]

Exit code 0 unless ``--min-score`` is given and the score is below it.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BAD = ("fail", "error", "xfail", "xpass", "crash")


def _key(rec):
    return (rec["op"], rec["mode"], rec["dtype"], rec["case_id"])


def _run_ops(ops, backend, backends_module, caps, entries, timeout):
    from conformance.runner import release_memory, run_entry

    recs = []
    for op in ops:
        recs.extend(run_entry(entries[op], backend, backends_module, caps, {}, timeout))
    release_memory(backends_module.NAME)
    return recs


def judge(baseline, mutated):
    """``(caught, evidence)``: whether any case changed to a bad status, and the first one."""
    before = {_key(r): r["status"] for r in baseline}
    after = {_key(r): r for r in mutated}
    for key in sorted(set(before) - set(after)):
        return True, f"{'/'.join(map(str, key))}: case disappeared"
    for key, rec in after.items():
        old = before.get(key)
        if rec["status"] != old and rec["status"] in BAD:
            msg = (rec.get("message") or "").splitlines()[0][:160] if rec.get("message") else ""
            return True, f"{'/'.join(map(str, key))}: {old} -> {rec['status']} ({msg})"
    return False, ""


def work(backend, mutant_names=None, ops=None, timeout=60.0, out=sys.stdout):
    """Runs the catalogue on ``backend`` in this process; writes one JSON line per mutant."""
    from conformance import mutants as mutants_lib
    from conformance.registry import all_entries
    from conformance.runner import setup_backend

    backends_module, caps = setup_backend(backend)
    entries = all_entries()
    chosen = mutants_lib.catalogue(mutant_names, ops)
    baselines = {}
    for m in chosen:
        start = time.perf_counter()
        row = {"mutant": m.name, "kind": m.kind, "ops": list(m.ops), "target": m.target}
        missing = [o for o in m.ops if o not in entries]
        if missing:
            row.update(status="error", evidence=f"ops not in the registry: {missing}")
        elif m.needs == mutants_lib.GRAD and not (
            caps.get("training") and backends_module.supports_grad()
        ):
            row.update(status="n/a", evidence=f"no gradients on {backend}")
        else:
            key = tuple(m.ops)
            if key not in baselines:
                baselines[key] = _run_ops(m.ops, backend, backends_module, caps, entries, timeout)
            try:
                undo = mutants_lib.apply(m)
            except Exception as e:
                row.update(status="error", evidence=f"apply failed: {type(e).__name__}: {e}")
            else:
                try:
                    recs = _run_ops(m.ops, backend, backends_module, caps, entries, timeout)
                finally:
                    undo()
                caught, evidence = judge(baselines[key], recs)
                row.update(status="caught" if caught else "survived", evidence=evidence)
                row["baseline_bad"] = sum(r["status"] in BAD for r in baselines[key])
        row["seconds"] = round(time.perf_counter() - start, 2)
        out.write(json.dumps(row) + "\n")
        out.flush()


def summarize(backend, rows):
    applied = [r for r in rows if r["status"] in ("caught", "survived")]
    caught = [r for r in applied if r["status"] == "caught"]
    score = len(caught) / len(applied) if applied else 0.0
    return {
        "backend": backend,
        "catalogue": len(rows),
        "applied": len(applied),
        "caught": len(caught),
        "score": score,
        "survivors": [r["mutant"] for r in applied if r["status"] == "survived"],
        "not_applicable": [r["mutant"] for r in rows if r["status"] == "n/a"],
        "errors": [r["mutant"] for r in rows if r["status"] == "error"],
        "ops": len({o for r in rows for o in r["ops"]}),
        "rows": rows,
    }


def run(backend, mutant_names=None, ops=None, timeout=60.0, verbose=True):
    """Starts the worker for ``backend`` and returns the summary dict."""
    if backend not in ("tensorflow", "jax", "torch", "numpy"):
        raise SystemExit(f"`--backend` must be a built-in backend. Received: backend={backend}")
    env = os.environ.copy()
    env["KERAS_BACKEND"] = backend
    env["PYTHONPATH"] = os.pathsep.join([ROOT] + [p for p in [env.get("PYTHONPATH")] if p])
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cmd = [sys.executable, "-m", "conformance.mutate", "--worker", "--backend", backend]
    cmd += ["--timeout", str(timeout)]
    if mutant_names:
        cmd += ["--mutants", ",".join(mutant_names)]
    if ops:
        cmd += ["--ops", ",".join(ops)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    rows = []
    for line in proc.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        rows.append(row)
        if verbose:
            print(f"  {row['status']:9s} {row['mutant']:40s} {row.get('evidence', '')[:110]}")
    proc.wait()
    if proc.returncode != 0:
        print(f"worker exited with code {proc.returncode}", file=sys.stderr)
    return summarize(backend, rows)


def print_summary(s):
    print(
        f"{s['backend']}: mutation score {s['caught']}/{s['applied']} = {100 * s['score']:.1f}% "
        f"(catalogue {s['catalogue']} faults over {s['ops']} ops; "
        f"{len(s['not_applicable'])} not applicable, {len(s['errors'])} errors)"
    )
    for name in s["survivors"]:
        print(f"  survivor: {name}")
    for name in s["errors"]:
        print(f"  error: {name}")


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m conformance mutate")
    p.add_argument("--backend", required=True, help="comma-separated built-in backends")
    p.add_argument("--ops", default="", help="only faults in these ops")
    p.add_argument("--mutants", default="", help="only these faults (by name)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    p.add_argument("--report", default="", help="write the summary as JSON")
    p.add_argument("--min-score", type=float, default=None, help="exit 1 below this (0..1)")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    split = lambda s: [x.strip() for x in s.split(",") if x.strip()] or None  # noqa: E731
    if a.worker:
        work(a.backend, split(a.mutants), split(a.ops), a.timeout)
        return 0
    summaries = []
    for backend in split(a.backend) or []:
        print(f"== mutate {backend}")
        s = run(backend, split(a.mutants), split(a.ops), a.timeout)
        print_summary(s)
        summaries.append(s)
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            json.dump(summaries if len(summaries) > 1 else summaries[0], f, indent=1)
    if a.min_score is not None and any(s["score"] < a.min_score for s in summaries):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
