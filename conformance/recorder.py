"""Records the pytest run's conformance results into report files (for CI).

When ``CONFORMANCE_RECORD_DIR`` is set, registry_test.py and kinds_test.py hand
every record they produce to ``write``, which appends it to
``<dir>/records/<backend>-<xdist worker>.jsonl`` (one file per process, so
pytest-xdist workers never share a file), preceded once per file by the
``env`` and ``registry`` lines the ``run`` workers write. ``python -m
conformance collect <dir> --backend B -o B.json`` assembles them into a report,
so CI gets its reports from the test run instead of running the registry twice.
Saving artifacts for the cross-backend pairs go to ``<dir>/artifacts``.
"""

import json
import os

ENV_VAR = "CONFORMANCE_RECORD_DIR"
_OPENED = {}


def record_dir():
    """The folder records go to, or None when the test run does not record."""
    return os.environ.get(ENV_VAR) or None


def artifacts_dir():
    """``<record dir>/artifacts`` when recording, else None."""
    root = record_dir()
    return os.path.join(root, "artifacts") if root else None


def _stream(backend):
    root = record_dir()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    path = os.path.join(root, "records", f"{backend}-{worker}.jsonl")
    if path not in _OPENED:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        from conformance import backends
        from conformance.registry import all_entries
        from conformance.runner import builtin_capabilities, environment

        fresh = not os.path.exists(path)
        f = open(path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for the run)
        if fresh:
            env = environment(backend, builtin_capabilities(backends))
            ops = {
                n: {"family": e.family, "dtypes": list(e.dtypes)}
                for n, e in sorted(all_entries().items())
            }
            f.write(json.dumps({"type": "env", "env": env}) + "\n")
            f.write(json.dumps({"type": "registry", "ops": ops}) + "\n")
        _OPENED[path] = f
    return _OPENED[path]


def write(backend, records):
    """Appends ``records`` to this process's record file (no-op when not recording)."""
    if not record_dir():
        return
    f = _stream(backend)
    for rec in records:
        f.write(json.dumps({"type": "record", "record": rec}, allow_nan=False) + "\n")
    f.flush()
