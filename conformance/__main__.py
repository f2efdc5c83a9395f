"""The conformance suite's command line.

    python -m conformance run --backend jax|torch|tensorflow|numpy|some.module
        [--kind op,layer,training,saving] [--family numpy] [--ops add,sum]
        [--report out.json] [--workers N] [--artifacts DIR]
    python -m conformance collect RECORD_DIR --backend B -o B.json
    python -m conformance merge a.json b.json ... -o merged.json [--artifacts DIR]
    python -m conformance diff old.json new.json
    python -m conformance gate report.json [--baseline old.json] [--gates gates.toml] [--release]
    python -m conformance spread report.json ... [--limit N]
    python -m conformance golden --regenerate [--accept] [--family F] [--case NAME]
    python -m conformance golden --check [--family F] [--case NAME]

``run`` never imports keras_core itself: every backend runs in worker
processes (``python -m conformance.runner``) with ``KERAS_BACKEND`` set, so
TensorFlow and torch never share a process. A worker that dies is restarted
after the op it was running, which is reported as an ``error`` record.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from conformance import gates as gates_lib
from conformance import report as report_lib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAX_RESTARTS = 5  # after crashes
MAX_FRESH_STARTS = 100  # after timeouts (the worker asks for a fresh process)


def _split(text):
    return [x.strip() for x in (text or "").split(",") if x.strip()] or None


def _child_env(base):
    env = os.environ.copy()
    env["KERAS_BACKEND"] = base
    env["PYTHONPATH"] = os.pathsep.join([ROOT] + [p for p in [env.get("PYTHONPATH")] if p])
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def base_backend(name):
    """The built-in backend ``name`` runs on (a plug-in is probed in a subprocess).

    Args:
        name: a built-in backend or a plug-in module name.

    Returns:
        The base backend name.
    """
    if name in report_lib.BUILTIN_BACKENDS:
        return name
    probe = (
        "import importlib, json, sys\n"
        "m = importlib.import_module(sys.argv[1])\n"
        "caps = getattr(m, 'CAPABILITIES', None)\n"
        "print(json.dumps(caps.get('base_backend', 'numpy') if isinstance(caps, dict) "
        "else None))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, name],
        env=_child_env("numpy"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(f"cannot import backend plug-in {name!r}:\n{out.stderr[-2000:]}")
    base = json.loads(out.stdout.strip().splitlines()[-1])
    if base is None:
        raise SystemExit(
            f"backend plug-in {name!r} has no CAPABILITIES dict (see conformance/README.md)"
        )
    if base not in report_lib.BUILTIN_BACKENDS:
        raise SystemExit(
            f"backend plug-in {name!r}: base_backend {base!r} is not one of "
            f"{report_lib.BUILTIN_BACKENDS}"
        )
    return base


class _Shard:
    """One worker slot: its output file, process, restarts and parsed lines."""

    def __init__(self, index, tmpdir):
        self.index = index
        self.out = os.path.join(tmpdir, f"shard{index}.jsonl")
        self.log = os.path.join(tmpdir, f"shard{index}.log")
        self.proc = None
        self.restarts = 0
        self.fresh_starts = 0
        self.crashed_ops = set()
        self.crashes = []
        self.finished = False
        self.last_size = -1
        self.last_change = time.monotonic()

    def lines(self):
        if not os.path.exists(self.out):
            return []
        out = []
        with open(self.out, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a line cut short by a crash
        return out


def _tail(path, n=1500):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()[-n:]
    except OSError:
        return ""


def _launch(shard, backend, base, args, shards, skip):
    cmd = [
        sys.executable,
        "-m",
        "conformance.runner",
        "--backend",
        backend,
        "--out",
        shard.out,
        "--shard",
        str(shard.index),
        "--shards",
        str(shards),
        "--case-timeout",
        str(args.case_timeout),
    ]
    if args.ops:
        cmd += ["--ops", args.ops]
    if args.family:
        cmd += ["--family", args.family]
    if skip:
        cmd += ["--skip", ",".join(sorted(skip))]
    cmd += ["--kind", ",".join(args.kinds)]
    if args.artifacts:
        cmd += ["--artifacts", os.path.abspath(args.artifacts)]
    log = open(shard.log, "a", encoding="utf-8")
    shard.proc = subprocess.Popen(cmd, env=_child_env(base), stdout=log, stderr=log, cwd=ROOT)
    log.close()
    shard.last_change = time.monotonic()


def _state(lines):
    """(planned ops, begun ops, ended ops, done?) from a shard's lines."""
    planned, begun, ended, done = [], [], set(), False
    for obj in lines:
        t = obj.get("type")
        if t == "plan" and not planned:
            planned = obj["ops"]
        elif t == "begin":
            begun.append(obj["op"])
        elif t == "end":
            ended.add(obj["op"])
        elif t == "done":
            done = True
    return planned, begun, ended, done


def _crash_record(backend, op, family, message):
    from conformance.runner import kind_of_task

    return {
        "kind": kind_of_task(op),
        "op": op,
        "family": family,
        "backend": backend,
        "dtype": "-",
        "mode": "crash",
        "case_id": "*",
        "status": "error",
        "max_abs": None,
        "max_rel": None,
        "tol": None,
        "message": message[:1500],
        "seed": None,
        "repro": (
            "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'conformance', "
            f"'run', '--backend', {backend!r}, '--ops', {op!r}])"
        ),
    }


def _on_sigterm(_signum, _frame):
    raise SystemExit(143)


def _progress(shards, backend, start, total_hint):
    ended = sum(len(_state(s.lines())[2]) for s in shards)
    total = sum(len(_state(s.lines())[0]) for s in shards) or total_hint or "?"
    print(
        f"[{backend}] {ended}/{total} ops, {time.monotonic() - start:.0f}s",
        file=sys.stderr,
        flush=True,
    )


def run_backend(backend, args):
    """Runs one backend in ``args.workers`` worker processes and returns its report."""
    base = base_backend(backend)
    workers = max(1, int(args.workers))
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmpdir:
        shards = [_Shard(i, tmpdir) for i in range(workers)]
        try:
            for s in shards:
                _launch(s, backend, base, args, workers, set())
            _supervise(shards, backend, base, args, workers, start)
        finally:
            for s in shards:
                if s.proc is not None and s.proc.poll() is None:
                    s.proc.kill()
                    s.proc.wait()
        return _assemble(backend, shards, args, time.monotonic() - start, workers)


def _supervise(shards, backend, base, args, workers, start):
    """Polls the workers until each has finished, restarting those that die."""
    last_progress = time.monotonic()
    while not all(s.finished for s in shards):
        time.sleep(0.2)
        for s in shards:
            if s.finished:
                continue
            size = os.path.getsize(s.out) if os.path.exists(s.out) else 0
            if size != s.last_size:
                s.last_size, s.last_change = size, time.monotonic()
            code = s.proc.poll()
            stalled = code is None and time.monotonic() - s.last_change > args.stall_timeout
            if stalled:
                s.proc.kill()
                s.proc.wait()
                code = f"killed after {args.stall_timeout:.0f}s without progress"
            if code is None:
                continue
            _reap(s, backend, base, args, workers, code)
        if args.progress and time.monotonic() - last_progress > args.progress:
            last_progress = time.monotonic()
            _progress(shards, backend, start, None)


def _reap(shard, backend, base, args, workers, code):
    planned, begun, ended, done = _state(shard.lines())
    if done:  # a crash at interpreter exit (seen with jax) loses nothing
        shard.finished = True
        return
    from conformance.runner import RESTART_EXIT_CODE

    unfinished = [op for op in begun if op not in ended and op not in shard.crashed_ops]
    if code == RESTART_EXIT_CODE and not unfinished and shard.fresh_starts < MAX_FRESH_STARTS:
        shard.fresh_starts += 1
        if [op for op in planned if op not in begun]:
            _launch(shard, backend, base, args, workers, set(begun))
        else:
            shard.finished = True
        return
    tail = _tail(shard.log)
    where = unfinished[-1] if unfinished else None
    if where:
        shard.crashed_ops.add(where)
    shard.crashes.append({"op": where, "code": code, "log_tail": tail})
    remaining = [op for op in planned if op not in begun]
    if not planned:
        # The worker died before planning: an import or setup failure.
        shard.finished = True
        shard.setup_error = f"worker exited with {code} before running any op:\n{tail}"
        return
    if not remaining or shard.restarts >= MAX_RESTARTS:
        shard.finished = True
        shard.unrun = remaining
        return
    shard.restarts += 1
    _launch(shard, backend, base, args, workers, set(begun))


def _assemble(backend, shards, args, seconds, workers):
    rep = report_lib.new_report(command=sys.argv[1:])
    records, crashes, families = [], [], {}
    for s in shards:
        lines = s.lines()
        for obj in lines:
            t = obj.get("type")
            if t == "env" and backend not in rep["environments"]:
                rep["environments"][backend] = obj["env"]
            elif t == "registry":
                rep["registry"].update(obj["ops"])
                families.update({k: v["family"] for k, v in obj["ops"].items()})
            elif t == "record":
                records.append(obj["record"])
        for c in s.crashes:
            crashes.append({"shard": s.index, **c})
            if c["op"]:
                records.append(
                    _crash_record(
                        backend,
                        c["op"],
                        families.get(c["op"], "?"),
                        f"worker died ({c['code']}) running this op:\n{c['log_tail']}",
                    )
                )
        for op in getattr(s, "unrun", []):
            records.append(
                _crash_record(
                    backend, op, families.get(op, "?"), "not run: the worker kept crashing"
                )
            )
        if getattr(s, "setup_error", None):
            raise SystemExit(f"backend {backend}: {s.setup_error}")
    rep["selection"][backend] = {
        "ops": _split(args.ops),
        "families": _split(args.family),
        "kinds": list(args.kinds),
    }
    rep["runs"][backend] = {"seconds": round(seconds, 2), "workers": workers, "crashes": crashes}
    rep["records"] = records
    rep["summary"] = report_lib.summarize(records)
    return rep


def cmd_run(args):
    """``run``: each backend in its own workers; prints summaries, writes the report."""
    signal.signal(signal.SIGTERM, _on_sigterm)  # so that the workers are stopped too
    args.kinds = _kinds(args.kind)
    backends = _split(args.backend) or []
    reports = []
    for b in backends:
        rep = run_backend(b, args)
        report_lib.print_summary(rep, b)
        reports.append(rep)
    final = reports[0] if len(reports) == 1 else report_lib.merge(reports, sys.argv[1:])[0]
    if args.report:
        report_lib.save(final, args.report)
        print(f"report written to {args.report}")
    else:
        print("(no --report given: the JSON report was not written)")
    if args.strict:
        bad = [r for r in final["records"] if r["status"] in report_lib.BAD_STATUSES]
        return 1 if bad else 0
    return 0


def _kinds(text):
    from conformance.kinds import KINDS

    kinds = _split(text) or list(KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise SystemExit(f"unknown record kinds: {', '.join(unknown)} (known: {', '.join(KINDS)})")
    return kinds


def cross_load(backends, artifacts):
    """Loads every other backend's saving artifacts on each of ``backends``.

    One worker process per loading backend (plug-ins on their base backend);
    returns the ``cross_load`` records: one per ordered pair (writer, loader) and model.
    """
    from conformance.kinds import writers

    records = []
    if not writers(artifacts):
        return records
    with tempfile.TemporaryDirectory(prefix="conformance-cross-") as tmp:
        for b in backends:
            out = os.path.join(tmp, f"{b}.jsonl")
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "conformance.kinds",
                    "cross-load",
                    "--backend",
                    b,
                    "--artifacts",
                    os.path.abspath(artifacts),
                    "--out",
                    out,
                ],
                env=_child_env(base_backend(b)),
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            got = []
            if os.path.exists(out):
                with open(out, encoding="utf-8") as f:
                    got = [json.loads(line) for line in f if line.strip()]
            if proc.returncode != 0:
                got.append(
                    _crash_record(
                        b,
                        "@saving",
                        "saving",
                        f"cross-load worker exited with {proc.returncode}:\n{proc.stderr[-1500:]}",
                    )
                )
                got[-1]["mode"] = "cross_load"
            records.extend(got)
    return records


def cmd_collect(args):
    """``collect``: assembles the records a recording pytest run wrote into a report."""
    folder = os.path.join(args.record_dir, "records")
    paths = sorted(
        os.path.join(folder, p)
        for p in (os.listdir(folder) if os.path.isdir(folder) else [])
        if p.startswith(f"{args.backend}-") and p.endswith(".jsonl")
    )
    if not paths:
        raise SystemExit(f"no records of backend {args.backend!r} under {folder}")
    rep = report_lib.new_report(command=sys.argv[1:])
    records = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                obj = json.loads(line)
                if obj["type"] == "env":
                    rep["environments"].setdefault(args.backend, obj["env"])
                elif obj["type"] == "registry":
                    rep["registry"].update(obj["ops"])
                elif obj["type"] == "record":
                    rec = obj["record"]
                    records[report_lib.record_key(rec)] = rec
    rep["records"] = list(records.values())
    kinds = sorted({r["kind"] for r in rep["records"]})
    rep["selection"][args.backend] = {"ops": None, "families": None, "kinds": kinds}
    rep["runs"][args.backend] = {"seconds": None, "workers": len(paths), "crashes": []}
    report_lib.save(rep, args.output)
    report_lib.print_summary(rep, args.backend)
    print(f"collected {len(rep['records'])} records from {len(paths)} files -> {args.output}")
    return 0


def cmd_spread(args):
    """``spread``: the op cases whose backends differ most, against their tolerance."""
    reports = [report_lib.load(p) for p in args.reports]
    merged = reports[0] if len(reports) == 1 else report_lib.merge(reports)[0]
    rows = report_lib.spreads(merged, args.limit)
    if not rows:
        print("no op case ran on two or more backends: nothing to compare")
        return 0
    print(
        "widest spreads between backends (error metric |a-b|/max(floor,|ref|); exact from "
        "the records' errs, else bounded by the two largest per-backend errors):"
    )
    print(f"  {'spread':>10} {'tolerance':>10} {'ratio':>7}  case  (backends)")
    for ratio, spread, tol, key, backends in rows:
        r = "exact" if ratio is None else ("inf" if ratio == float("inf") else f"{ratio:.3f}")
        print(
            f"  {spread:>10.3g} {tol:>10.3g} {r:>7}  {report_lib.format_key(key)}"
            f"  ({', '.join(backends)})"
        )
    return 0


def cmd_merge(args):
    """``merge``: several reports into one (later reports win on equal case keys)."""
    reports = [report_lib.load(p) for p in args.reports]
    merged, replaced = report_lib.merge(reports, sys.argv[1:])
    if args.artifacts:
        # Backends whose manifest declares the .keras format load the others' files.
        backends = sorted(
            b
            for b, env in merged["environments"].items()
            if ".keras" in ((env.get("capabilities") or {}).get("save_formats") or [])
        )
        extra = cross_load(backends, args.artifacts)
        keys = {report_lib.record_key(r) for r in extra}
        merged["records"] = [
            r for r in merged["records"] if report_lib.record_key(r) not in keys
        ] + extra
        print(f"cross-backend loads: {len(extra)} records ({', '.join(backends)})")
    report_lib.save(merged, args.output)
    backends = sorted(merged["environments"])
    print(
        f"merged {len(reports)} reports ({', '.join(backends)}): {len(merged['records'])} "
        f"records"
        + (f", {replaced} replaced by later reports" if replaced else "")
        + f" -> {args.output}"
    )
    return 0


def cmd_diff(args):
    """``diff``: prints regressions, fixes, changes, new and removed cases; 1 on regressions."""
    old, new = report_lib.load(args.old), report_lib.load(args.new)
    result = report_lib.diff(old, new, True if args.ignore_backend else None)
    report_lib.print_diff(result, args.limit)
    return 1 if result["regressions"] else 0


def cmd_gate(args):
    """``gate``: evaluates gates.toml on a report; 1 if any gate fails."""
    rep = report_lib.load(args.report)
    baseline = report_lib.load(args.baseline) if args.baseline else None
    results = gates_lib.evaluate(rep, gates_lib.load_gates(args.gates), baseline, args.release)
    gates_lib.print_results(results)
    return 1 if any(r.status == "fail" for r in results) else 0


def main(argv=None):
    """Parses the command line and runs a subcommand; returns the exit code."""
    p = argparse.ArgumentParser(prog="python -m conformance", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="run the registry on backends, write a JSON report")
    r.add_argument(
        "--backend",
        required=True,
        help="jax, torch, tensorflow, numpy or a plug-in module (comma-separated)",
    )
    r.add_argument(
        "--kind",
        default="",
        help="comma-separated record kinds: op, layer, training, saving (default: all)",
    )
    r.add_argument(
        "--artifacts",
        default="",
        help="a folder shared by the backends' runs: each writes its .keras files there, "
        "and `merge --artifacts` loads every backend's files on every other backend",
    )
    r.add_argument("--family", default="", help="comma-separated families (numpy, nn, ...)")
    r.add_argument("--ops", default="", help="comma-separated op names (registry names)")
    r.add_argument("--report", default="", help="where to write the JSON report")
    r.add_argument("--workers", type=int, default=1, help="worker processes per backend")
    r.add_argument(
        "--case-timeout",
        type=float,
        default=120.0,
        help="seconds per case before it is reported as an error",
    )
    r.add_argument(
        "--stall-timeout",
        type=float,
        default=900.0,
        help="seconds without output before a worker is killed",
    )
    r.add_argument(
        "--progress",
        type=float,
        default=30.0,
        help="seconds between progress lines on stderr (0: none)",
    )
    r.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when any case fails, errors, is blocked or passes unexpectedly",
    )
    r.set_defaults(fn=cmd_run)

    m = sub.add_parser("merge", help="merge reports into one")
    m.add_argument("reports", nargs="+")
    m.add_argument("-o", "--output", required=True)
    m.add_argument(
        "--artifacts",
        default="",
        help="the runs' artifacts folder: load every backend's saved files on every other "
        "backend (one cross_load record per ordered pair and model)",
    )
    m.set_defaults(fn=cmd_merge)

    c = sub.add_parser("collect", help="a report from the records a pytest run wrote")
    c.add_argument("record_dir", help="the CONFORMANCE_RECORD_DIR of the test run")
    c.add_argument("--backend", required=True)
    c.add_argument("-o", "--output", required=True)
    c.set_defaults(fn=cmd_collect)

    sp = sub.add_parser("spread", help="op cases with the widest spread between backends")
    sp.add_argument("reports", nargs="+")
    sp.add_argument("--limit", type=int, default=20)
    sp.set_defaults(fn=cmd_spread)

    d = sub.add_parser(
        "diff", help="regressions, fixes, new and removed cases; exit 1 on regressions"
    )
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument(
        "--ignore-backend",
        action="store_true",
        help="match cases across backends (automatic for two single-backend "
        "reports of different backends)",
    )
    d.add_argument("--limit", type=int, default=40, help="lines per category")
    d.set_defaults(fn=cmd_diff)

    g = sub.add_parser("gate", help="apply the gates of gates.toml; exit 1 if any fails")
    g.add_argument("report")
    g.add_argument("--baseline", default="")
    g.add_argument("--gates", default=gates_lib.DEFAULT_GATES)
    g.add_argument(
        "--release",
        action="store_true",
        help="also apply the release_only gates (a merged report of all backends)",
    )
    g.set_defaults(fn=cmd_gate)

    go = sub.add_parser(
        "golden",
        help="regenerate or check the NumPy layer goldens (golden/, conformance/golden_gen.py)",
    )
    from conformance import golden_gen

    golden_gen.add_arguments(go)
    go.set_defaults(fn=golden_gen.run)

    mu = sub.add_parser(
        "mutate", help="apply the fault catalogue to a backend, report the mutation score"
    )
    mu.add_argument("rest", nargs=argparse.REMAINDER)
    mu.set_defaults(fn=lambda a: __import__("conformance.mutate").mutate.main(a.rest))

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["mutate"]:
        from conformance import mutate

        return mutate.main(argv[1:])
    args = p.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
