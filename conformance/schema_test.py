"""Reports of every record kind match conformance/schema/report.schema.json, and two
runs of the same code diff to nothing (on the backend in KERAS_BACKEND)."""

import json

import pytest

from conformance import backends, kinds, runner, schema_check
from conformance import report as report_lib
from conformance.__main__ import _crash_record
from conformance.registry import all_entries

BACKEND = backends.NAME
CAPS = runner.builtin_capabilities(backends)
OPS = ("add", "sum", "sqrt")


def _run():
    """A small report of this backend: a few ops, one golden, the training steps, saving."""
    rep = report_lib.new_report(command=["schema_test"])
    rep["environments"][BACKEND] = runner.environment(BACKEND, CAPS)
    entries = all_entries()
    rep["registry"] = {
        n: {"family": e.family, "dtypes": list(e.dtypes)} for n, e in entries.items()
    }
    records = []
    for name in OPS:
        records += list(runner.run_entry(entries[name], BACKEND, backends, CAPS, {}, 0))
    records += list(kinds.run_layers(BACKEND, ["keras3/conv2d_same_stride2"]))
    records += list(kinds.run_kinds(BACKEND, CAPS, ("training",)))
    records += list(kinds.run_saving(BACKEND, [".keras"], ["mlp"]))
    rep["records"] = records
    rep["selection"][BACKEND] = {"ops": list(OPS), "families": None, "kinds": list(kinds.KINDS)}
    rep["runs"][BACKEND] = {"seconds": 1.0, "workers": 1, "crashes": []}
    rep["summary"] = report_lib.summarize(records)
    return rep


@pytest.fixture(scope="module")
def two_runs():
    return _run(), _run()


def test_schema_enums_follow_report_module():
    schema = schema_check.load_schema()
    rec = schema["$defs"]["record"]
    assert rec["properties"]["status"]["enum"] == list(report_lib.STATUSES)
    assert rec["properties"]["kind"]["enum"] == list(report_lib.KINDS)
    assert rec["properties"]["mode"]["enum"] == list(report_lib.MODES)
    assert rec["required"] == list(report_lib.RECORD_FIELDS)
    assert schema["properties"]["schema_version"]["const"] == report_lib.SCHEMA_VERSION


def test_every_kind_validates(two_runs, tmp_path):
    rep, _ = two_runs
    kinds_seen = {r["kind"] for r in rep["records"]}
    expected = {"op", "layer", "saving"} | ({"training"} if CAPS["training"] else set())
    assert kinds_seen == expected
    path = tmp_path / "r.json"
    report_lib.save(rep, str(path))
    loaded = report_lib.load(str(path))
    schema_check.validate(loaded)
    # A merged report (spread fields) and a crash record validate too.
    other = json.loads(json.dumps(loaded))
    for r in other["records"]:
        r["backend"] = "plugin.backend"
        r["max_rel"] = (r["max_rel"] or 0.0) * 0.5
    other["environments"] = {"plugin.backend": loaded["environments"][BACKEND]}
    merged, _ = report_lib.merge([loaded, other])
    merged["records"].append(_crash_record(BACKEND, "@layer", "?", "worker died"))
    merged["summary"] = report_lib.summarize(merged["records"])
    assert any("spread" in r for r in merged["records"])
    schema_check.validate(merged)
    try:
        import jsonschema
    except ImportError:  # the own validator above is the check then
        jsonschema = None
    if jsonschema is not None:
        jsonschema.validate(merged, schema_check.load_schema())


def test_schema_rejects_a_broken_record(two_runs):
    rep = json.loads(json.dumps(two_runs[0]))
    rep["records"][0]["status"] = "skipped"
    del rep["records"][-1]["kind"]
    problems = schema_check.errors(rep, schema_check.load_schema())
    assert any("'skipped' is not one of" in p for p in problems)
    assert any("lacks 'kind'" in p for p in problems)


def test_two_runs_of_the_same_code_diff_to_nothing(two_runs):
    a, b = two_runs
    result = report_lib.diff(a, b)
    for name in ("regressions", "fixes", "changed", "new", "removed"):
        assert result[name] == [], (name, result[name][:3])
    assert len(a["records"]) == len(b["records"]) > 0


def test_pass_to_unsupported_is_a_regression(two_runs):
    a, _ = two_runs
    b = json.loads(json.dumps(a))
    first = next(r for r in b["records"] if r["status"] == "pass")
    first["status"] = "unsupported"
    result = report_lib.diff(a, b)
    assert [k for k, _, _ in result["regressions"]] == [report_lib.record_key(first)]
