"""The conformance report: schema, summary matrix, merge and diff.

Nothing here imports keras_core or a framework, so reports can be merged,
compared and gated on any machine. A report is a JSON object:

- ``schema`` / ``schema_version``: the format (``SCHEMA_VERSION`` below);
- ``suite_version``, ``created``, ``command``;
- ``environments``: ``{backend: fingerprint}`` (keras_core, suite, python,
  framework and NumPy versions, platform, device, capability manifest);
- ``selection``: ``{backend: {"ops", "families"}}`` (None: everything);
- ``registry``: ``{op: {"family", "dtypes"}}``, every registered op;
- ``runs``: ``{backend: {"seconds", "workers", "crashes"}}``;
- ``records``: one per case (``RECORD_FIELDS``); ``kind`` is ``op``, ``layer``,
  ``training`` or ``saving`` (a version-1 report's records are all ``op``);
  op records of a merged report may carry ``spread`` (see ``add_spread``);
- ``summary``: ``totals`` per backend, counts per ``families`` x mode, per
  ``kinds``, and the ``matrix`` op x backend x dtype x mode of status counts.

The published JSON Schema is ``conformance/schema/report.schema.json``.
"""

import datetime
import json

import numpy as np

SCHEMA = "keras_core.conformance.report"
SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1: no ``kind`` (every record is an op record)
SUITE_VERSION = "1.1.0"
# not_applicable: a harness case that does not apply (e.g. no float argument to
# differentiate); unsupported: only what the backend's manifest/UNSUPPORTED declares.
STATUSES = ("pass", "fail", "xfail", "xpass", "unsupported", "not_applicable", "blocked", "error")
BAD_STATUSES = ("fail", "error", "blocked", "xpass")
GOOD_STATUSES = ("pass", "xpass")
KINDS = ("op", "layer", "training", "saving")
MODES = (
    "eager",
    "edges",
    "symbolic",
    "symbolic_none",
    "jit",
    "grad",
    "error",
    "crash",
    "golden",
    "train_step",
    "round_trip",
    "cross_load",
)
RECORD_FIELDS = (
    "kind",
    "op",
    "family",
    "backend",
    "dtype",
    "mode",
    "case_id",
    "status",
    "max_abs",
    "max_rel",
    "tol",
    "message",
    "seed",
    "repro",
)
REPORT_FIELDS = (
    "schema",
    "schema_version",
    "suite_version",
    "created",
    "environments",
    "selection",
    "registry",
    "runs",
    "records",
    "summary",
)
BUILTIN_BACKENDS = ("tensorflow", "jax", "torch", "numpy")


def repro_snippet(backend, op, mode, dtype, case_id):
    """A short Python snippet (run from the repository root) that re-runs one case.

    Args:
        backend: the backend or plug-in module name.
        op: the registry name of the op.
        mode: the record's mode.
        dtype: the record's dtype.
        case_id: the record's case id.

    Returns:
        The snippet as a string.
    """
    return (
        "from conformance.runner import reproduce\n"
        f"print(reproduce({backend!r}, {op!r}, {mode!r}, {dtype!r}, {case_id!r}))"
    )


def record_key(rec, ignore_backend=False):
    """The identity of a case across reports: (backend, op, mode, dtype, case_id)."""
    backend = "" if ignore_backend else rec["backend"]
    return (backend, rec["op"], rec["mode"], rec["dtype"], rec["case_id"])


def _count(tree, keys, status):
    node = tree
    for k in keys:
        node = node.setdefault(k, {})
    node[status] = node.get(status, 0) + 1


def summarize(records):
    """The summary block of a report, computed from its records.

    Args:
        records: the report's records.

    Returns:
        ``{"totals": {backend: {status: n}}, "kinds": {backend: {kind: {status: n}}},
        "families": {backend: {family: {mode: {status: n}}}}, "matrix": {op: {backend:
        {dtype: {mode: {status: n}}}}}}``.
    """
    totals, kinds, families, matrix = {}, {}, {}, {}
    for r in records:
        _count(totals, (r["backend"],), r["status"])
        _count(kinds, (r["backend"], r.get("kind", "op")), r["status"])
        _count(families, (r["backend"], r["family"], r["mode"]), r["status"])
        _count(matrix, (r["op"], r["backend"], r["dtype"], r["mode"]), r["status"])
    return {"totals": totals, "kinds": kinds, "families": families, "matrix": matrix}


def new_report(command=None):
    """An empty report of the current schema."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "suite_version": SUITE_VERSION,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "environments": {},
        "selection": {},
        "registry": {},
        "runs": {},
        "records": [],
        "summary": {},
    }


def validate(report):
    """Checks the schema of a report; raises ValueError naming what is wrong.

    Args:
        report: a parsed report.

    Returns:
        The report.
    """
    if not isinstance(report, dict) or report.get("schema") != SCHEMA:
        raise ValueError(f"not a conformance report (schema must be {SCHEMA!r})")
    if report.get("schema_version") not in READABLE_VERSIONS:
        raise ValueError(
            f"report schema version {report.get('schema_version')!r}; this suite "
            f"reads versions {READABLE_VERSIONS}"
        )
    missing = [f for f in REPORT_FIELDS if f not in report]
    if missing:
        raise ValueError(f"report lacks fields {missing}")
    if report["schema_version"] == 1:
        # Upgrade in memory: version 1 had op records only.
        for rec in report["records"]:
            rec.setdefault("kind", "op")
        report["schema_version"] = SCHEMA_VERSION
    for i, rec in enumerate(report["records"]):
        lacking = [f for f in RECORD_FIELDS if f not in rec]
        if lacking:
            raise ValueError(f"record {i} lacks fields {lacking}")
        if rec["status"] not in STATUSES:
            raise ValueError(f"record {i} has unknown status {rec['status']!r}")
        if rec["kind"] not in KINDS:
            raise ValueError(f"record {i} has unknown kind {rec['kind']!r}")
    return report


def load(path):
    """Reads and validates a report file."""
    with open(path, encoding="utf-8") as f:
        return validate(json.load(f))


def save(report, path):
    """Writes a report (recomputing its summary) as JSON."""
    report["summary"] = summarize(report["records"])
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(report)
        for i, key in enumerate(keys):
            end = ",\n" if i < len(keys) - 1 else "\n"
            f.write(f" {json.dumps(key)}: ")
            if key == "records":
                # One record per line: small files that diff well.
                f.write("[\n" if report[key] else "[")
                lines = [json.dumps(r, allow_nan=False, separators=(",", ":")) for r in report[key]]
                f.write(",\n".join(lines) + ("\n]" if lines else "]") + end)
            else:
                f.write(json.dumps(report[key], allow_nan=False, separators=(",", ":")) + end)
        f.write("}\n")


def merge(reports, command=None):
    """Merges reports (typically one per backend) into one.

    Records with the same key (backend, op, mode, dtype, case_id) are taken from
    the later report.

    Args:
        reports: parsed reports, in order.
        command: the command line to record.

    Returns:
        ``(merged_report, number_of_replaced_records)``. Op records of a case
        that ran on several backends carry its spread (``add_spread``).
    """
    out = new_report(command)
    by_key = {}
    replaced = 0
    for rep in reports:
        validate(rep)
        for key in ("environments", "selection", "runs"):
            out[key].update(rep[key])
        for op, info in rep["registry"].items():
            out["registry"].setdefault(op, info)
        for rec in rep["records"]:
            k = record_key(rec)
            if k in by_key:
                replaced += 1
            by_key[k] = rec
    out["records"] = list(by_key.values())
    add_spread(out["records"])
    out["summary"] = summarize(out["records"])
    return out, replaced


SPREAD_MODES = ("eager", "edges", "jit")


def add_spread(records):
    """Sets ``spread`` and ``spread_backends`` on every op record run on 2+ backends.

    The spread of a case is the largest difference between two backends' results,
    in the harness's error metric (``|a - b| / max(floor, |reference|)``). Every
    backend is compared with the same NumPy reference, so when each record carries
    its signed per-element errors (``errs``) the difference of two backends' errors
    is exactly their own difference: the spread is then exact (``spread_kind``
    ``exact``, to the 4 significant digits ``errs`` keeps). Otherwise (large or
    complex outputs, a failed comparison) it is bounded by the triangle inequality:
    the sum of the two largest ``max_rel`` (``spread_kind`` ``bound``), which never
    understates the real spread. Only value modes (eager, edges, jit) with a numeric
    error on each backend count.

    Args:
        records: merged records (modified in place).

    Returns:
        The number of records given a spread.
    """
    groups = {}
    for r in records:
        r.pop("spread", None)
        r.pop("spread_backends", None)
        r.pop("spread_kind", None)
        if r.get("kind", "op") != "op" or r["mode"] not in SPREAD_MODES:
            continue
        if r["status"] not in ("pass", "fail", "xfail", "xpass") or r["max_rel"] is None:
            continue
        groups.setdefault(record_key(r, ignore_backend=True), []).append(r)
    n = 0
    for recs in groups.values():
        backends = sorted({r["backend"] for r in recs})
        if len(backends) < 2:
            continue
        errs = [r.get("errs") for r in recs]
        if all(e is not None for e in errs) and len({len(e) for e in errs}) == 1:
            arrays = [np.asarray(e, np.float64) for e in errs]
            spread, kind = 0.0, "exact"
            for i in range(len(arrays)):
                for j in range(i + 1, len(arrays)):
                    if arrays[i].size:
                        spread = max(spread, float(np.abs(arrays[i] - arrays[j]).max()))
        else:
            top = sorted((r["max_rel"] for r in recs), reverse=True)
            spread, kind = top[0] + top[1], "bound"
        for r in recs:
            r["spread"] = spread
            r["spread_backends"] = backends
            r["spread_kind"] = kind
            n += 1
    return n


def spreads(report, limit=20):
    """The op cases with the widest spread relative to their tolerance.

    Args:
        report: a merged report (spreads are computed if missing).
        limit: how many cases to return.

    Returns:
        ``[(ratio, spread, tol, key, backends)]`` sorted widest first; ``ratio`` is
        spread / tolerance (None for exact cases, whose tolerance is 0).
    """
    recs = report["records"]
    if not any("spread" in r for r in recs):
        add_spread(recs)
    cases = {}
    for r in recs:
        if "spread" not in r:
            continue
        key = record_key(r, ignore_backend=True)
        spread, tol, backends = cases.get(key, (r["spread"], 0.0, r["spread_backends"]))
        cases[key] = (spread, max(tol, r["tol"] or 0.0), backends)
    rows = []
    for key, (spread, tol, backends) in cases.items():
        ratio = spread / tol if tol else (None if spread == 0 else float("inf"))
        rows.append((ratio, spread, tol, key, backends))
    rows.sort(key=lambda row: (-(row[0] if row[0] is not None else -1.0), -row[1]))
    return rows[:limit]


def diff(old, new, ignore_backend=None):
    """Compares two reports case by case.

    When each report holds exactly one backend and they differ (say numpy
    against a plug-in), cases are matched ignoring the backend.

    Args:
        old: the baseline report.
        new: the report to judge.
        ignore_backend: match cases ignoring the backend (None: decide as above).

    Returns:
        A dict of lists of ``(key, old_record_or_None, new_record_or_None)``:
        ``regressions`` (pass/xpass -> anything else), ``fixes``
        (fail/error/blocked -> pass), ``changed`` (other status changes), ``new``
        and ``removed`` cases; plus ``ignore_backend``.
    """
    if ignore_backend is None:
        ob = {r["backend"] for r in old["records"]}
        nb = {r["backend"] for r in new["records"]}
        ignore_backend = len(ob) == 1 and len(nb) == 1 and ob != nb
    olds = {record_key(r, ignore_backend): r for r in old["records"]}
    news = {record_key(r, ignore_backend): r for r in new["records"]}
    out = {
        "regressions": [],
        "fixes": [],
        "changed": [],
        "new": [],
        "removed": [],
        "ignore_backend": ignore_backend,
    }
    good, broken = GOOD_STATUSES, ("fail", "error", "blocked")
    for k in sorted(set(olds) | set(news), key=lambda k: tuple(map(str, k))):
        o, n = olds.get(k), news.get(k)
        if o is None:
            out["new"].append((k, None, n))
        elif n is None:
            out["removed"].append((k, o, None))
        elif o["status"] != n["status"]:
            # Anything that passed and no longer passes (fail, error, blocked, but
            # also unsupported, xfail or not_applicable) is a regression.
            if o["status"] in good and n["status"] not in good:
                out["regressions"].append((k, o, n))
            elif o["status"] in broken and n["status"] in good:
                out["fixes"].append((k, o, n))
            else:
                out["changed"].append((k, o, n))
    return out


def format_key(key):
    """``"backend: op [mode, dtype, case_id]"`` for a record key (no backend if empty)."""
    backend, op, mode, dtype, case_id = key
    where = f"{backend}: " if backend else ""
    return f"{where}{op} [{mode}, {dtype}, {case_id}]"


def first_line(message, limit=110):
    """The first line of ``message``, cut to ``limit`` characters."""
    line = (message or "").strip().splitlines()[0] if (message or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


def print_diff(result, limit=40, stream=None):
    """Prints a diff (from ``diff``) as text; at most ``limit`` lines per category."""
    import sys

    stream = stream or sys.stdout
    if result["ignore_backend"]:
        print(
            "(single-backend reports of different backends: cases matched ignoring the backend)",
            file=stream,
        )
    for name in ("regressions", "fixes", "changed", "new", "removed"):
        items = result[name]
        print(f"{name}: {len(items)}", file=stream)
        for key, o, n in items[:limit]:
            if name in ("new", "removed"):
                rec = n or o
                print(f"  {format_key(key)}: {rec['status']}", file=stream)
            else:
                msg = first_line(n["message"])
                print(
                    f"  {format_key(key)}: {o['status']} -> {n['status']}"
                    + (f"  {msg}" if msg else ""),
                    file=stream,
                )
        if len(items) > limit:
            print(f"  ... and {len(items) - limit} more", file=stream)


def _cell(counts):
    passed = counts.get("pass", 0) + counts.get("xpass", 0)
    ran = sum(v for s, v in counts.items() if s not in ("unsupported", "not_applicable"))
    bad = sum(counts.get(s, 0) for s in ("fail", "error", "blocked"))
    if not counts:
        return "."
    text = f"{passed}/{ran}"
    return text + (f" !{bad}" if bad else "")


def print_summary(report, backend=None, max_failures=15, stream=None):
    """Prints a one-screen summary: totals, pass/run per family x mode, first failures.

    Args:
        report: a report.
        backend: one backend to show (None: every backend in the report).
        max_failures: how many failing cases to list.
        stream: where to print (stdout by default).
    """
    import sys

    stream = stream or sys.stdout
    summary = report.get("summary") or summarize(report["records"])
    backends = [backend] if backend else sorted(summary["totals"])
    for b in backends:
        totals = summary["totals"].get(b, {})
        run = report.get("runs", {}).get(b, {})
        env = report.get("environments", {}).get(b, {})
        n = sum(totals.values())
        secs = f" in {run['seconds']:.1f}s" if run.get("seconds") is not None else ""
        fw = ", ".join(f"{k} {v}" for k, v in (env.get("frameworks") or {}).items())
        print(f"== {b}: {n} cases{secs}" + (f" ({fw})" if fw else ""), file=stream)
        print("   " + "  ".join(f"{s} {totals.get(s, 0)}" for s in STATUSES), file=stream)
        for kind, counts in sorted((summary.get("kinds") or {}).get(b, {}).items()):
            print(f"   kind {kind:<8} {_cell(counts)}", file=stream)
        fams = summary["families"].get(b, {})
        modes = [m for m in MODES if any(m in fams[f] for f in fams)]
        width = [max([len(m)] + [len(_cell(fams[f].get(m, {}))) for f in fams]) for m in modes]
        fw = max([8] + [len(f) for f in fams])
        print(
            f"   {'family':<{fw}}" + "".join(f" {m:>{w}}" for m, w in zip(modes, width)),
            file=stream,
        )
        for fam in sorted(fams):
            cells = [_cell(fams[fam].get(m, {})) for m in modes]
            print(
                f"   {fam:<{fw}}" + "".join(f" {c:>{w}}" for c, w in zip(cells, width)),
                file=stream,
            )
        if run.get("crashes"):
            print(f"   worker crashes: {len(run['crashes'])}", file=stream)
        bad = [r for r in report["records"] if r["backend"] == b and r["status"] in BAD_STATUSES]
        if bad:
            print(
                f"   first {min(len(bad), max_failures)} of {len(bad)} failing cases:", file=stream
            )
            for r in bad[:max_failures]:
                kind = "" if r.get("kind", "op") == "op" else f"{r['kind']} "
                print(
                    f"   - {r['status']:<7} {kind}{r['op']} [{r['mode']}, {r['dtype']}, "
                    f"{r['case_id']}] {first_line(r['message'], 70)}",
                    file=stream,
                )
    print(
        "   (cells: passed/run per family and mode, !n = failed, errored or blocked)", file=stream
    )
