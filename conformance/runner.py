"""The worker of ``python -m conformance run``: one backend, one process.

The parent (``conformance/__main__.py``) starts ``python -m conformance.runner``
with ``KERAS_BACKEND`` set to the backend (or to a plug-in's base backend) and
reads the JSON lines this worker writes: an ``env`` line, a ``registry`` line,
then per op a ``begin`` line, its ``record`` lines and an ``end`` line. Records
are flushed one by one, so a worker that dies leaves a readable trail.

Every registry entry is run through the harness in the modes registry_test.py
uses: ``eager`` per dtype, ``edges`` per float dtype, ``symbolic`` and
``symbolic_none`` (a None batch dim), ``jit`` where the backend compiles,
``grad`` in float64 for differentiable entries, and ``error`` cases.

The foundation ops (``convert_to_tensor``, then ``cast``) run first; a dtype
in which one of them fails eagerly is blocked for every other op, and a failure
in float32 or in every dtype blocks everything (see ``foundation_blocks``).
"""

import argparse
import importlib
import json
import math
import os
import platform
import signal
import sys
import time
import traceback
import zlib

BUILTIN_BACKENDS = ("tensorflow", "jax", "torch", "numpy")
FRAMEWORK_PACKAGES = {
    "tensorflow": ("tensorflow",),
    "jax": ("jax", "jaxlib"),
    "torch": ("torch",),
    "numpy": (),
}
FOUNDATION = ("convert_to_tensor", "cast")
MODES = ("eager", "edges", "symbolic", "symbolic_none", "jit", "grad", "error")
FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
SYMBOLIC_EXTRA_DTYPES = ("int32", "bool")  # symbolic mode also runs in these (dtype rules)
NO_DTYPE = "-"  # the dtype column of error cases
MESSAGE_LIMIT = 1500
REQUIRED_CAPABILITIES = ("dtypes", "jit", "training", "save_formats")


def seed(*parts):
    """The stable seed registry_test.py uses for a case group (crc32 of the parts)."""
    return zlib.crc32("|".join(map(str, parts)).encode())


def unique_ids(cases):
    """Case ids that are unique within a group: empty or repeated ids get ``#index``."""
    seen, ids = set(), []
    for i, case in enumerate(cases):
        cid = getattr(case, "id", "") or ""
        if not cid or cid in seen:
            cid = f"{cid}#{i}"
        seen.add(cid)
        ids.append(cid)
    return ids


def replace_function(original, replacement, prefixes=("keras_core",)):
    """Rebinds every module-level reference to ``original`` in loaded modules.

    keras_core binds some backend functions at import (``_backend_add = _bnp.add``),
    so patching only the backend module is not enough; a plug-in's ``install()``
    calls this once per replaced function.

    Args:
        original: the function object to replace.
        replacement: the function to put in its place.
        prefixes: only modules whose name starts with one of these are searched.

    Returns:
        The number of references replaced.
    """
    count = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(tuple(prefixes)):
            continue
        for attr, value in list(vars(module).items()):
            if value is original:
                setattr(module, attr, replacement)
                count += 1
    return count


# ----------------------------------------------------------------------------- backend setup


def builtin_capabilities(backends_module):
    """The capability manifest of a built-in backend, from conformance.backends.

    ``dtypes`` is None: a built-in backend supports every dtype the registry
    declares, and reports a missing one as unsupported through NotImplementedError.
    """
    return {
        "dtypes": None,
        "jit": backends_module.supports_jit(),
        "training": backends_module.supports_grad(),
        "save_formats": [".keras", ".weights.h5", ".h5"],
    }


def load_plugin(name):
    """Imports a plug-in backend module and checks its protocol (install + CAPABILITIES).

    Args:
        name: the module's dotted name, e.g. ``conformance.broken_backend``.

    Returns:
        The module.
    """
    module = importlib.import_module(name)
    if not callable(getattr(module, "install", None)):
        raise TypeError(f"Backend plug-in {name!r} has no install() function.")
    caps = getattr(module, "CAPABILITIES", None)
    if not isinstance(caps, dict):
        raise TypeError(f"Backend plug-in {name!r} has no CAPABILITIES dict.")
    missing = [k for k in REQUIRED_CAPABILITIES if k not in caps]
    if missing:
        raise TypeError(f"Backend plug-in {name!r}: CAPABILITIES lacks {missing}.")
    return module


_SETUP = {}


def setup_backend(name):
    """Imports keras_core on the right backend and installs a plug-in if ``name`` is one.

    Returns:
        ``(backends_module, capabilities)``.
    """
    if name in _SETUP:
        return _SETUP[name]
    base = name if name in BUILTIN_BACKENDS else None
    if base is None:
        module = importlib.import_module(name)
        base = getattr(module, "CAPABILITIES", {}).get("base_backend", "numpy")
    current = os.environ.get("KERAS_BACKEND")
    if "keras_core" not in sys.modules:
        os.environ["KERAS_BACKEND"] = base
    elif current != base:
        raise RuntimeError(
            f"keras_core is already imported with KERAS_BACKEND={current!r}; "
            f"backend {name!r} needs {base!r}."
        )
    import keras_core  # noqa: F401  (imports every module the plug-in may patch)
    from conformance import backends

    if backends.NAME != base:
        raise RuntimeError(f"keras_core runs on {backends.NAME!r}, expected {base!r}.")
    if name in BUILTIN_BACKENDS:
        caps = builtin_capabilities(backends)
    else:
        plugin = load_plugin(name)
        plugin.install()
        caps = dict(plugin.CAPABILITIES)
    _SETUP[name] = (backends, caps)
    return _SETUP[name]


def environment(name, caps):
    """The environment fingerprint of this worker."""
    from importlib import metadata

    import numpy as np

    import keras_core
    from conformance import backends
    from conformance.report import SUITE_VERSION

    def version(pkg):
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
        try:  # e.g. tensorflow installed as tensorflow-cpu
            return str(importlib.import_module(pkg).__version__)
        except Exception:
            return None

    base = backends.NAME
    frameworks = {pkg: version(pkg) for pkg in FRAMEWORK_PACKAGES.get(base, ())}
    return {
        "backend": name,
        "base_backend": base,
        "keras_core": keras_core.__version__,
        "suite": SUITE_VERSION,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "numpy": np.__version__,
        "ml_dtypes": version("ml_dtypes"),
        "scipy": version("scipy"),
        "frameworks": frameworks,
        "device": _device(base),
        "capabilities": _jsonable(caps),
    }


def _device(base):
    try:
        if base == "jax":
            import jax

            return str(jax.devices()[0].platform)
        if base == "torch":
            import torch

            return "cuda" if torch.cuda.is_available() else "cpu"
        if base == "tensorflow":
            import tensorflow as tf

            return "gpu" if tf.config.list_physical_devices("GPU") else "cpu"
    except Exception as e:  # the fingerprint must not stop the run
        return f"unknown ({type(e).__name__})"
    return "cpu"


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


# ----------------------------------------------------------------------------- the plan


class Task:
    """One case in one mode: ``run()`` returns a harness Result."""

    def __init__(self, mode, dtype, case_id, seed_value, run):
        self.mode, self.dtype, self.case_id, self.seed, self.run = (
            mode,
            dtype,
            case_id,
            seed_value,
            run,
        )


class Group:
    """The cases registry_test.py checks in one pytest test (xfail is decided per group)."""

    def __init__(self, modes, dtype, build):
        self.modes, self.dtype, self.build = modes, dtype, build


def plan(entry, backends_module, caps):
    """The case groups of ``entry`` on this backend, in registry_test.py's order."""
    from conformance import harness

    groups = []
    name = entry.name

    def samples(dtype, salt=0):
        s = seed(name, dtype, salt)
        import numpy as np

        return s, entry.samples(dtype, np.random.default_rng(s))

    def eager(dtype):
        def build():
            s, cases = samples(dtype)
            return [
                Task("eager", dtype, cid, s, lambda c=c: harness.run_eager(entry, c, dtype))
                for cid, c in zip(unique_ids(cases), cases)
            ]

        return build

    def edges(dtype):
        def build():
            import numpy as np

            s = seed(name, dtype, "edges")
            cases = entry.edges(dtype, np.random.default_rng(s))
            return [
                Task("edges", dtype, cid, s, lambda c=c: harness.run_eager(entry, c, dtype))
                for cid, c in zip(unique_ids(cases), cases)
            ]

        return build

    def symbolic(dtype, with_none=True):
        def build():
            s, cases = samples(dtype)
            tasks = []
            for cid, c in zip(unique_ids(cases), cases):
                tasks.append(
                    Task(
                        "symbolic", dtype, cid, s, lambda c=c: harness.run_symbolic(entry, c, dtype)
                    )
                )
                if entry.symbolic_none and with_none:
                    tasks.append(
                        Task(
                            "symbolic_none",
                            dtype,
                            cid,
                            s,
                            lambda c=c: harness.run_symbolic(entry, c, dtype, True),
                        )
                    )
            return tasks

        return build

    def jit(dtype):
        def build():
            s, cases = samples(dtype)
            return [
                Task("jit", dtype, cid, s, lambda c=c: harness.run_jit(entry, c, dtype))
                for cid, c in zip(unique_ids(cases), cases)
            ]

        return build

    def grad():
        def build():
            s, cases = samples("float64")
            return [
                Task("grad", "float64", cid, s, lambda c=c: harness.run_grad(entry, c, "float64"))
                for cid, c in zip(unique_ids(cases), cases)
            ]

        return build

    def errors():
        def build():
            ecases = list(entry.errors)
            ids = [e.id or str(i) for i, e in enumerate(ecases)]
            return [
                Task("error", NO_DTYPE, cid, None, lambda e=e: harness.run_error(entry, e))
                for cid, e in zip(ids, ecases)
            ]

        return build

    for dtype in entry.dtypes:
        groups.append(Group(("eager",), dtype, eager(dtype)))
    if entry.edges is not None:
        for dtype in [d for d in entry.dtypes if d in FLOAT_DTYPES]:
            groups.append(Group(("edges",), dtype, edges(dtype)))
    base = "float32" if "float32" in entry.dtypes else entry.dtypes[0]
    if entry.symbolic:
        modes = ("symbolic", "symbolic_none") if entry.symbolic_none else ("symbolic",)
        groups.append(Group(modes, base, symbolic(base)))
        # Symbolic dtype inference for non-float inputs (int32 and bool, where supported).
        extras = SYMBOLIC_EXTRA_DTYPES if getattr(entry, "symbolic_dtypes", True) else ()
        for extra in [d for d in extras if d in entry.dtypes and d != base]:
            groups.append(Group(("symbolic",), extra, symbolic(extra, with_none=False)))
    if entry.jit and caps.get("jit") and backends_module.supports_jit():
        groups.append(Group(("jit",), base, jit(base)))
    if (
        entry.differentiable
        and caps.get("training")
        and backends_module.supports_grad()
        and "float64" in entry.dtypes
    ):
        groups.append(Group(("grad",), "float64", grad()))
    if entry.errors:
        groups.append(Group(("error",), NO_DTYPE, errors()))
    return groups


# ----------------------------------------------------------------------------- running


RESTART_EXIT_CODE = 75  # "restart me after this op": a case timed out, state may be damaged
_TIMED_OUT = []


def _alarm(_signum, _frame):
    _TIMED_OUT.append(True)
    raise TimeoutError("case exceeded the per-case time limit")


def _call(task, timeout):
    from conformance.harness import Result

    use_alarm = timeout and hasattr(signal, "SIGALRM")
    if use_alarm:
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(int(math.ceil(timeout)))
    try:
        result = task.run()
    except Exception as e:
        result = Result("error", f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=6)}")
    finally:
        if use_alarm:
            signal.alarm(0)
    return result


def _finite(x):
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def repro(backend, op, mode, dtype, case_id):
    """A Python snippet that re-runs one case and prints its Result."""
    from conformance.report import repro_snippet

    return repro_snippet(backend, op, mode, dtype, case_id)


def make_record(entry, backend, task, status, message="", result=None):
    """One report record (a plain dict) for a task."""
    rec = {
        "kind": "op",
        "op": entry.name,
        "family": entry.family,
        "backend": backend,
        "dtype": task.dtype,
        "mode": task.mode,
        "case_id": task.case_id,
        "status": status,
        "max_abs": _finite(getattr(result, "max_abs", 0.0)),
        "max_rel": _finite(getattr(result, "max_rel", 0.0)),
        "tol": _finite(getattr(result, "tol", 0.0)),
        "message": (message or "")[:MESSAGE_LIMIT],
        "seed": task.seed,
        "repro": repro(backend, entry.name, task.mode, task.dtype, task.case_id),
    }
    errs = getattr(result, "errs", None)
    if errs is not None and len(errs) <= ERRS_LIMIT:
        # 4 significant digits: enough for the spread, small enough for the report.
        rec["errs"] = [float(f"{e:.4g}") for e in errs]
    return rec


# Cases with more float elements than this record no ``errs`` (their spread is a bound).
ERRS_LIMIT = 64


# registry_test.py's historical mode names, accepted in xfail keys.
XFAIL_MODE_ALIASES = {"eager": ("eager", "values"), "symbolic_none": ("symbolic_none", "symbolic")}


def xfail_reason(entry, backend, mode, dtype):
    """The declared xfail reason of a case group, or None.

    Keys of ``entry.xfail``: ``"<backend>"`` (every mode), ``"<backend>:<mode>"`` or
    ``"<backend>:<mode>:<dtype>"`` (``values`` is accepted for ``eager``).
    """
    for m in XFAIL_MODE_ALIASES.get(mode, (mode,)):
        for key in (f"{backend}:{m}:{dtype}", f"{backend}:{m}"):
            if key in entry.xfail:
                return entry.xfail[key]
    return entry.xfail.get(backend)


def run_entry(entry, backend, backends_module, caps, blocked, timeout=120.0):
    """Runs every group of ``entry``; yields its records.

    Args:
        entry: a registry Entry.
        backend: the reported backend name (a plug-in's module name for plug-ins).
        backends_module: ``conformance.backends``.
        caps: the capability manifest.
        blocked: ``{dtype: reason}`` from ``foundation_blocks`` (``"*"``: everything).
        timeout: seconds allowed per case (SIGALRM; 0 disables).

    Yields:
        Record dicts, group by group (so that a long entry shows progress).
    """
    for group in plan(entry, backends_module, caps):
        yield from run_group(entry, group, backend, caps, blocked, timeout)


def run_group(entry, group, backend, caps, blocked=None, timeout=120.0):
    """Runs one case group of ``entry`` (see ``plan``); yields its records.

    registry_test.py runs each group as one pytest test through this function, so the
    test run and ``python -m conformance run`` produce the same records.
    """
    blocked = blocked or {}
    supported = caps.get("dtypes")
    xfail = xfail_reason(entry, backend, group.modes[0], group.dtype)
    if xfail is None and caps.get("xfail_from"):
        xfail = xfail_reason(entry, caps["xfail_from"], group.modes[0], group.dtype)
    try:
        tasks = group.build()
    except Exception as e:
        task = Task(group.modes[0], group.dtype, "*", None, None)
        yield make_record(
            entry,
            backend,
            task,
            "error",
            f"building the cases failed: {type(e).__name__}: {e}\n{traceback.format_exc(limit=6)}",
        )
        return
    reason = None
    if supported is not None and group.dtype not in (NO_DTYPE, *supported):
        reason = ("unsupported", f"dtype {group.dtype} is not in the capability manifest")
    elif "*" in blocked or group.dtype in blocked:
        why = blocked.get(group.dtype) or blocked["*"]
        reason = ("blocked", why)
    if reason is not None:
        for t in tasks:
            yield make_record(entry, backend, t, reason[0], reason[1])
        return
    results = [(t, _call(t, timeout)) for t in tasks]
    bad = any(r.status in ("fail", "error") for _, r in results)
    for task, r in results:
        status, message = r.status, r.message
        if xfail and bad and status in ("fail", "error"):
            status, message = "xfail", f"expected failure ({xfail}): {message}"
        elif xfail and not bad and status == "pass":
            status, message = "xpass", f"unexpected pass: marked xfail ({xfail})"
        yield make_record(entry, backend, task, status, message, r)


def release_memory(base):
    """Drops compiled-function caches between ops (jax keeps every jitted case otherwise)."""
    import gc

    if base == "jax":
        import jax

        jax.clear_caches()
    gc.collect()


def foundation_blocks(records):
    """What a failing foundation op blocks: ``{dtype: reason}``.

    A dtype in which a foundation op failed eagerly is blocked; when it failed in
    float32 (the dtype of the symbolic, jit and error cases) or in every dtype it
    was checked in, everything is blocked (key ``"*"``).
    """
    blocked, checked = {}, set()
    for rec in records:
        if rec["mode"] not in ("eager", "edges"):
            continue
        checked.add(rec["dtype"])
        if rec["status"] in ("fail", "error", "blocked"):
            blocked.setdefault(
                rec["dtype"],
                f"foundation op {rec['op']} failed in {rec['dtype']} ({rec['case_id']})",
            )
    if blocked and ("float32" in blocked or set(blocked) >= checked):
        blocked["*"] = blocked.get("float32") or next(iter(blocked.values()))
    return blocked


def select(entries, ops=None, families=None):
    """The entry names to run: ``ops`` and ``families`` filter (None: all)."""
    names = sorted(entries)
    if ops:
        unknown = sorted(set(ops) - set(entries))
        if unknown:
            raise SystemExit(f"unknown ops (not in the registry): {', '.join(unknown)}")
        names = [n for n in names if n in ops]
    if families:
        known = {e.family for e in entries.values()}
        unknown = sorted(set(families) - known)
        if unknown:
            raise SystemExit(
                f"unknown families: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        names = [n for n in names if entries[n].family in families]
    return names


def _emit(stream, obj):
    stream.write(json.dumps(obj, allow_nan=False) + "\n")
    stream.flush()


KIND_TASKS = {"layer": "@layer", "training": "@training", "saving": "@saving"}


def kind_of_task(name):
    """The record kind of a planned task name (``@layer`` etc. or an op name)."""
    for kind, task in KIND_TASKS.items():
        if name == task:
            return kind
    return "op"


def work(
    backend,
    out,
    ops=None,
    families=None,
    shard=0,
    shards=1,
    skip=(),
    timeout=120.0,
    kinds=("op",),
    artifacts=None,
):
    """Runs the selected ops on ``backend`` and writes JSON lines to the stream ``out``.

    Args:
        backend: a built-in backend name or a plug-in module name.
        out: a text stream.
        ops: op names to run (None: all registered ops).
        families: families to run (None: all).
        shard: this worker's index; it runs every ``shards``-th selected op.
        shards: the number of workers.
        skip: op names already done by an earlier (crashed) worker.
        timeout: seconds per case.
        kinds: the record kinds to run (``op``, ``layer``, ``training``, ``saving``);
            the non-op kinds run in the last worker, as tasks ``@layer`` etc.
        artifacts: a folder for the cross-backend saving files (None: not written).
    """
    backends_module, caps = setup_backend(backend)
    from conformance.registry import all_entries

    entries = all_entries()
    _emit(out, {"type": "env", "env": environment(backend, caps)})
    _emit(
        out,
        {
            "type": "registry",
            "ops": {
                n: {"family": e.family, "dtypes": list(e.dtypes)}
                for n, e in sorted(entries.items())
            },
        },
    )
    names = select(entries, ops, families) if "op" in kinds else []
    foundation = [n for n in FOUNDATION if n in entries] if "op" in kinds else []
    rest = [n for n in names if n not in foundation]
    mine = rest[shard::shards]
    if shard == shards - 1:
        mine = mine + [KIND_TASKS[k] for k in ("layer", "training", "saving") if k in kinds]
    _emit(
        out,
        {
            "type": "plan",
            "ops": ([n for n in foundation if n not in skip] if shard == 0 else [])
            + [n for n in mine if n not in skip],
        },
    )
    blocked = {}
    for name in foundation:
        # Every worker checks the foundation; the first one reports it.
        report_it = shard == 0 and name not in skip
        if report_it:
            _emit(out, {"type": "begin", "op": name})
        start = time.perf_counter()
        recs = list(run_entry(entries[name], backend, backends_module, caps, {}, timeout))
        found = foundation_blocks(recs)
        blocked.update({d: r for d, r in found.items() if d not in blocked})
        if report_it:
            for rec in recs:
                _emit(out, {"type": "record", "record": rec})
            _emit(out, {"type": "end", "op": name, "seconds": time.perf_counter() - start})
    for name in mine:
        if name in skip:
            continue
        _emit(out, {"type": "begin", "op": name})
        start = time.perf_counter()
        if name in KIND_TASKS.values():
            from conformance import kinds as kinds_lib

            records = kinds_lib.run_kinds(backend, caps, (kind_of_task(name),), artifacts)
        else:
            records = run_entry(entries[name], backend, backends_module, caps, blocked, timeout)
        for rec in records:
            _emit(out, {"type": "record", "record": rec})
        release_memory(backends_module.NAME)
        _emit(out, {"type": "end", "op": name, "seconds": time.perf_counter() - start})
        if _TIMED_OUT:
            # An interrupted framework call may leave the process in a bad state: the
            # parent starts a fresh worker for the remaining ops.
            out.flush()
            os._exit(RESTART_EXIT_CODE)
    _emit(out, {"type": "done"})


def reproduce(backend, op, mode, dtype, case_id):
    """Re-runs one case, as the report's ``repro`` snippets do.

    Args:
        backend: the backend (KERAS_BACKEND must match, or keras_core must not be
            imported yet) or a plug-in module name.
        op: the registry name of the op.
        mode: eager | edges | symbolic | symbolic_none | jit | grad | error.
        dtype: the case's dtype (``-`` for error cases).
        case_id: the case's id in the report.

    Returns:
        The harness Result (xfail expectations are not applied).
    """
    backends_module, caps = setup_backend(backend)
    from conformance.registry import all_entries

    entry = all_entries()[op]
    caps = dict(caps, jit=True, training=True, dtypes=None)
    for group in plan(entry, backends_module, caps):
        if mode in group.modes and group.dtype == dtype:
            for task in group.build():
                if task.mode == mode and task.case_id == case_id:
                    return _call(task, 0)
    raise LookupError(f"no case {op}/{mode}/{dtype}/{case_id} on {backend}")


def main(argv=None):
    """Entry point of the worker process (started by ``python -m conformance run``)."""
    p = argparse.ArgumentParser(prog="python -m conformance.runner")
    p.add_argument("--backend", required=True)
    p.add_argument("--out", required=True, help="the JSON-lines file to write")
    p.add_argument("--ops", default="")
    p.add_argument("--family", default="")
    p.add_argument("--shard", type=int, default=0)
    p.add_argument("--shards", type=int, default=1)
    p.add_argument("--skip", default="")
    p.add_argument("--case-timeout", type=float, default=120.0)
    p.add_argument("--kind", default="op", help="comma-separated record kinds")
    p.add_argument("--artifacts", default="")
    a = p.parse_args(argv)
    split = lambda s: [x for x in s.split(",") if x] or None
    with open(a.out, "a", encoding="utf-8") as out:
        work(
            a.backend,
            out,
            split(a.ops),
            split(a.family),
            a.shard,
            a.shards,
            set(split(a.skip) or ()),
            a.case_timeout,
            tuple(split(a.kind) or ("op",)),
            a.artifacts or None,
        )


if __name__ == "__main__":
    main()
