"""Release gates, computed from a report: the thresholds are data (gates.toml).

Each ``[[gate]]`` in gates.toml has a ``name``, a ``kind``, a threshold
(``min`` or ``max``), a ``why``, and optional filters:

- ``backends``: backend names, ``"*"`` for every backend in the report
  (default). Backends absent from the report are skipped unless
  ``require = true``, which fails the gate for them;
- ``dtypes``, ``modes``, ``families``, ``kinds`` (op, layer, training,
  saving): restrict the records counted;
- ``min_records``: (pass_rate) fewer counted records than this fails the gate
  (so that a kind that did not run at all cannot pass it);
- ``release_only = true``: applied only by ``gate --release`` (a merged report of
  every backend), e.g. to require that the three main backends are present.

Kinds (computed per backend unless noted):

- ``pass_rate``: (pass + xpass) / (cases - unsupported - not_applicable - xfail).
  Declared-unsupported, not-applicable and declared-xfail cases are excluded but
  shown; blocked and error count as not passed.
- ``status_count``: the number of records whose status is in ``statuses``.
- ``coverage``: the fraction of the selected ops' (op, dtype) pairs that ran
  eagerly to a verdict (pass, fail, xfail, xpass).
- ``registered``: (whole report) the fraction of public ops (names in
  data/keras3_op_signatures.json) with a registry entry.
- ``regressions``: (whole report) cases that passed in the baseline report and
  do not pass now (any other status); not applicable without a baseline.
- ``pairs``: (whole report) the fraction of ordered pairs (A, B) of distinct
  backends (those of ``backends`` present in the report; ``require`` fails for
  absent ones) for which B loaded A's saved files: at least one ``cross_load``
  record ``A->B`` and all of them pass.
"""

import dataclasses
import json
import os
import tomllib

from conformance import report as report_lib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_GATES = os.path.join(HERE, "gates.toml")
SIGNATURES = os.path.join(HERE, "data", "keras3_op_signatures.json")
KINDS = ("pass_rate", "status_count", "coverage", "registered", "regressions", "pairs")


@dataclasses.dataclass
class GateResult:
    """One gate on one backend (``backend`` is ``"*"`` for whole-report gates)."""

    name: str
    backend: str
    status: str  # pass | fail | n/a
    value: float = None
    threshold: float = None
    direction: str = "min"  # min: value >= threshold; max: value <= threshold
    detail: str = ""
    kind: str = ""

    @property
    def margin(self):
        """How far the value is inside (positive) or outside (negative) the threshold."""
        if self.value is None or self.threshold is None:
            return None
        if self.direction == "min":
            return self.value - self.threshold
        return self.threshold - self.value


def load_gates(path=None):
    """Reads and checks gates.toml.

    Args:
        path: the file (default: conformance/gates.toml).

    Returns:
        The list of gate tables.
    """
    with open(path or DEFAULT_GATES, "rb") as f:
        data = tomllib.load(f)
    gates = data.get("gate", [])
    names = set()
    for g in gates:
        for field in ("name", "kind", "why"):
            if field not in g:
                raise ValueError(f"gate {g.get('name', g)!r} lacks {field!r}")
        if g["kind"] not in KINDS:
            raise ValueError(f"gate {g['name']!r}: unknown kind {g['kind']!r}; one of {KINDS}")
        if ("min" in g) == ("max" in g):
            raise ValueError(f"gate {g['name']!r} needs exactly one of min / max")
        if g["name"] in names:
            raise ValueError(f"gate {g['name']!r} is defined twice")
        names.add(g["name"])
    return gates


def _backends(gate, report):
    present = sorted({r["backend"] for r in report["records"]} | set(report["environments"]))
    wanted = gate.get("backends", ["*"])
    if "*" in wanted:
        return present, []
    return [b for b in wanted if b in present], [b for b in wanted if b not in present]


def _records(gate, report, backend):
    dtypes, modes, fams = gate.get("dtypes"), gate.get("modes"), gate.get("families")
    kinds = gate.get("kinds")
    for r in report["records"]:
        if r["backend"] != backend:
            continue
        if kinds and r.get("kind", "op") not in kinds:
            continue
        if dtypes and r["dtype"] not in dtypes:
            continue
        if modes and r["mode"] not in modes:
            continue
        if fams and r["family"] not in fams:
            continue
        yield r


def _threshold(gate):
    return ("min", float(gate["min"])) if "min" in gate else ("max", float(gate["max"]))


def _judge(gate, backend, value, detail):
    direction, threshold = _threshold(gate)
    if value is None:
        return GateResult(
            gate["name"], backend, "n/a", None, threshold, direction, detail, gate["kind"]
        )
    ok = value >= threshold if direction == "min" else value <= threshold
    return GateResult(
        gate["name"],
        backend,
        "pass" if ok else "fail",
        value,
        threshold,
        direction,
        detail,
        gate["kind"],
    )


def _counts(records):
    counts = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return counts


def _pass_rate(gate, report, backend):
    c = _counts(_records(gate, report, backend))
    excluded = c.get("unsupported", 0) + c.get("not_applicable", 0) + c.get("xfail", 0)
    denom = sum(c.values()) - excluded
    passed = c.get("pass", 0) + c.get("xpass", 0)
    detail = ", ".join(f"{s} {c[s]}" for s in report_lib.STATUSES if c.get(s))
    if gate.get("min_records") and denom < int(gate["min_records"]):
        direction, threshold = _threshold(gate)
        return GateResult(
            gate["name"],
            backend,
            "fail",
            passed / denom if denom > 0 else 0.0,
            threshold,
            direction,
            f"only {denom} counted records, at least {gate['min_records']} required "
            f"({detail or 'none'})",
            gate["kind"],
        )
    bad = [r for r in _records(gate, report, backend) if r["status"] in report_lib.BAD_STATUSES]
    if bad:
        detail += " | not passing: " + "; ".join(
            f"{r['op']} [{r['mode']}, {r['dtype']}, {r['case_id']}]" for r in bad[:3]
        )
        if len(bad) > 3:
            detail += f"; ... {len(bad) - 3} more"
    if denom <= 0:
        return _judge(gate, backend, None, f"no counted cases ({detail or 'none'})")
    return _judge(gate, backend, passed / denom, detail)


def _status_count(gate, report, backend):
    statuses = gate.get("statuses", ["error"])
    hits = [r for r in _records(gate, report, backend) if r["status"] in statuses]
    detail = "; ".join(f"{r['op']} [{r['mode']}, {r['dtype']}, {r['case_id']}]" for r in hits[:3])
    if len(hits) > 3:
        detail += f"; ... {len(hits) - 3} more"
    return _judge(gate, backend, float(len(hits)), detail)


def _selected_ops(report, backend):
    sel = report["selection"].get(backend) or {}
    ops, fams = sel.get("ops"), sel.get("families")
    gate_ops = []
    for op, info in report["registry"].items():
        if ops and op not in ops:
            continue
        if fams and info["family"] not in fams:
            continue
        gate_ops.append(op)
    return gate_ops


def _coverage(gate, report, backend):
    fams = gate.get("families")
    expected = set()
    for op in _selected_ops(report, backend):
        info = report["registry"][op]
        if fams and info["family"] not in fams:
            continue
        for d in info["dtypes"]:
            if not gate.get("dtypes") or d in gate["dtypes"]:
                expected.add((op, d))
    ran = {
        (r["op"], r["dtype"])
        for r in report["records"]
        if r["backend"] == backend
        and r["mode"] == "eager"
        and r["status"] in ("pass", "fail", "xfail", "xpass")
    }
    if not expected:
        return _judge(gate, backend, None, "no (op, dtype) pairs selected")
    missing = sorted(expected - ran)
    detail = f"{len(expected & ran)} of {len(expected)} (op, dtype) pairs ran"
    if missing:
        detail += "; not run: " + ", ".join(f"{o}/{d}" for o, d in missing[:4])
        if len(missing) > 4:
            detail += f", ... {len(missing) - 4} more"
    return _judge(gate, backend, len(expected & ran) / len(expected), detail)


def public_ops(path=SIGNATURES):
    """``[(family, name)]`` of the public ops (Keras 3's op surface)."""
    with open(path, encoding="utf-8") as f:
        sigs = json.load(f)
    return [(fam, name) for fam, names in sigs.items() for name in names]


def _registered(gate, report):
    registry = report["registry"]
    public = public_ops()
    missing = [
        f"{fam}.{n}" for fam, n in public if n not in registry and f"{fam}.{n}" not in registry
    ]
    detail = f"{len(public) - len(missing)} of {len(public)} public ops registered"
    if missing:
        detail += "; missing: " + ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
    if not public:
        return _judge(gate, "*", None, "no public op list")
    return _judge(gate, "*", (len(public) - len(missing)) / len(public), detail)


def _regressions(gate, report, baseline):
    if baseline is None:
        return _judge(gate, "*", None, "no baseline report given")
    d = report_lib.diff(baseline, report)
    items = d["regressions"]
    detail = "; ".join(report_lib.format_key(k) for k, _, _ in items[:3])
    if len(items) > 3:
        detail += f"; ... {len(items) - 3} more"
    detail = detail or f"{len(d['fixes'])} fixes, {len(d['new'])} new, {len(d['removed'])} removed"
    return _judge(gate, "*", float(len(items)), detail)


def _pairs(gate, report):
    present, absent = _backends(gate, report)
    # A backend whose manifest declares no .keras format takes no part in the pairs.
    envs = report.get("environments", {})

    def saves(b):
        caps = (envs.get(b) or {}).get("capabilities")
        return caps is None or ".keras" in (caps.get("save_formats") or [])

    present = [b for b in present if saves(b)]
    cross = {}
    for r in report["records"]:
        if r.get("kind") == "saving" and r["mode"] == "cross_load" and "->" in r["case_id"]:
            writer = r["case_id"].split("->", 1)[0]
            cross.setdefault((writer, r["backend"]), []).append(r)
    pairs = [(a, b) for a in present for b in present if a != b]
    if gate.get("require"):
        pairs += [(a, b) for a in present + absent for b in present + absent if a != b]
        pairs = sorted(set(pairs))
    if not pairs:
        return _judge(gate, "*", None, f"fewer than two backends ({', '.join(present)})")
    failing = []
    for a, b in pairs:
        recs = cross.get((a, b), [])
        if not recs:
            failing.append(f"{a}->{b}: no record")
        elif any(r["status"] != "pass" for r in recs):
            bad = next(r for r in recs if r["status"] != "pass")
            failing.append(f"{a}->{b}: {bad['op']} {bad['status']}")
    ok = len(pairs) - len(failing)
    detail = f"{ok} of {len(pairs)} ordered pairs round-trip"
    if failing:
        detail += "; " + "; ".join(failing[:4]) + (" ..." if len(failing) > 4 else "")
    return _judge(gate, "*", ok / len(pairs), detail)


def evaluate(report, gates=None, baseline=None, release=False):
    """Computes every gate on a report.

    Args:
        report: a parsed report.
        gates: gate tables (default: those of gates.toml).
        baseline: a parsed baseline report, for the regressions gate.
        release: also apply the gates marked ``release_only``.

    Returns:
        A list of GateResult, one per gate and backend.
    """
    gates = load_gates() if gates is None else gates
    results = []
    for g in gates:
        if g.get("release_only") and not release:
            continue
        kind = g["kind"]
        if kind == "registered":
            results.append(_registered(g, report))
            continue
        if kind == "regressions":
            results.append(_regressions(g, report, baseline))
            continue
        if kind == "pairs":
            results.append(_pairs(g, report))
            continue
        present, absent = _backends(g, report)
        fn = {"pass_rate": _pass_rate, "status_count": _status_count, "coverage": _coverage}[kind]
        for b in present:
            results.append(fn(g, report, b))
        for b in absent:
            direction, threshold = _threshold(g)
            status = "fail" if g.get("require") else "n/a"
            results.append(
                GateResult(
                    g["name"],
                    b,
                    status,
                    None,
                    threshold,
                    direction,
                    "backend not in the report",
                    g["kind"],
                )
            )
        if not present and not absent:
            results.append(_judge(g, "*", None, "no backend in the report"))
    return results


def _fmt(x, integer=False):
    if x is None:
        return "-"
    return f"{int(x)}" if integer else f"{x:.4f}"


def print_results(results, stream=None):
    """Prints one line per gate result: status, value, threshold, margin, detail."""
    import sys

    stream = stream or sys.stdout
    width = max([len(f"{r.name}[{r.backend}]") for r in results] + [10])
    for r in results:
        op = ">=" if r.direction == "min" else "<="
        margin = r.margin
        integer = r.kind in ("status_count", "regressions")
        m = "-" if margin is None else (("+" if margin >= 0 else "") + _fmt(margin, integer))
        print(
            f"{r.status.upper():<4} {f'{r.name}[{r.backend}]':<{width}}  "
            f"value {_fmt(r.value, integer):>6}  {op} {_fmt(r.threshold, integer):>6}  "
            f"margin {m:>7}  {r.detail}",
            file=stream,
        )
    failed = [r for r in results if r.status == "fail"]
    print(
        f"{len(results) - len(failed)} of {len(results)} gate checks pass"
        + (f"; FAILED: {', '.join(sorted({r.name for r in failed}))}" if failed else ""),
        file=stream,
    )
