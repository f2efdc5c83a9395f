"""Records layer goldens from Keras 3 (see golden/README.md, "The Keras 3 set").

Usage (from the repository root)::

    python golden/keras3/record.py                    # record new or changed cases
    python golden/keras3/record.py --family pooling   # one family
    python golden/keras3/record.py --case conv2d_same # one case (repeatable)
    python golden/keras3/record.py --force            # re-record everything selected
    python golden/keras3/record.py --verify           # re-record to memory, compare, write nothing

The parent process only reads the case files and the manifest; every Keras 3
computation runs in a child process (``--worker``) with ``KERAS_BACKEND=jax``,
so keras_core and Keras 3 never share an interpreter.
"""

import argparse
import contextlib
import fcntl
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

GOLDEN_DIR = Path(__file__).resolve().parent
CASES_DIR = GOLDEN_DIR / "cases"
DATA_DIR = GOLDEN_DIR / "data"
MANIFEST = GOLDEN_DIR / "manifest.json"
LOCK = GOLDEN_DIR / ".manifest.lock"
KERAS_BACKEND = "jax"
MAX_FILE_BYTES = 50_000

# The case machinery shared with conformance/ and keras_core/testing/golden.py. It is
# loaded by path: the Keras 3 worker must not have the repository on sys.path.


def _load_golden_io():
    path = GOLDEN_DIR.parents[1] / "conformance" / "golden_io.py"
    spec = importlib.util.spec_from_file_location("_keras3_recorder_golden_io", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden_io = _load_golden_io()
canonical = golden_io.canonical
draw_array = golden_io.draw_array


def load_cases(family=None):
    """{family: [case, ...]} from golden/keras3/cases/*.py (each defines ``CASES``)."""
    out = {}
    for path in golden_io.case_files(CASES_DIR, family):
        cases = golden_io.load_case_module(path, "golden_cases_")
        if not isinstance(cases, list):
            raise ValueError(f"{path} must define CASES, a list of dicts.")
        for case in cases:
            golden_io.check_case(case, path)
        out[path.stem] = cases
    return out


def write_npz(path, arrays):
    """A deterministic .npz (fixed zip timestamps): same arrays, same bytes, same sha256."""
    payload = golden_io.npz_bytes(arrays)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return golden_io.sha256(payload), len(payload)


# ---------------------------------------------------------------------------
# Worker: runs inside the Keras 3 process.


def _materialize(value, layers_module):
    """Nested ``{"class_name": <a layer>, "config": {...}}`` dicts become ``Layer(**config)``."""
    if isinstance(value, dict):
        name = value.get("class_name")
        if isinstance(name, str) and hasattr(layers_module, name) and "config" in value:
            return getattr(layers_module, name)(**_materialize(value["config"], layers_module))
        return {k: _materialize(v, layers_module) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v, layers_module) for v in value]
    return value


def record_one(keras, case):
    """Runs one case in Keras 3; returns the dict of arrays to store."""
    rng = np.random.default_rng(case["seed"])
    inputs = [draw_array(rng, s) for s in case["inputs"]]
    kwargs, kwarg_arrays = golden_io.draw_tensor_kwargs(rng, case["tensor_kwargs"])
    kwargs.update(case["call_kwargs"])
    cls = getattr(keras.layers, case["layer"])
    layer = cls(**_materialize(case["config"], keras.layers))

    def call():
        if case["input_mode"] == "list":
            return layer(inputs, **kwargs)
        return layer(*inputs, **kwargs)

    call()  # builds
    weights = [
        golden_io.draw_weight(rng, w.path, w.shape, case["weight_ranges"], w.dtype)
        for w in layer.weights
    ]
    layer.set_weights(weights)
    outputs = golden_io.flatten(call())
    arrays = {f"input_{i}": a for i, a in enumerate(inputs)}
    arrays.update(kwarg_arrays)
    arrays.update({f"weight_{i}": a for i, a in enumerate(weights)})
    arrays.update(
        {f"output_{i}": np.asarray(keras.ops.convert_to_numpy(o)) for i, o in enumerate(outputs)}
    )
    if case["record_weights_after"]:
        arrays.update(
            {f"after_weight_{i}": np.asarray(w) for i, w in enumerate(layer.get_weights())}
        )
    arrays["weight_paths"] = np.asarray([w.path for w in layer.weights])
    return arrays


def worker(names_file, out_dir):
    import keras

    jobs = json.loads(Path(names_file).read_text())
    results = {}
    for name, case in jobs.items():
        arrays = record_one(keras, case)
        sha, size = write_npz(Path(out_dir) / f"{name}.npz", arrays)
        results[name] = {"sha256": sha, "bytes": size, "keras_version": keras.__version__}
    print("GOLDEN_RESULTS " + json.dumps(results))


# ---------------------------------------------------------------------------
# Parent.


@contextlib.contextmanager
def _manifest_lock():
    LOCK.touch(exist_ok=True)
    with open(LOCK) as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_manifest():
    return golden_io.read_manifest(MANIFEST)


def _run_worker(jobs, out_dir):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(jobs, fh)
        jobs_file = fh.name
    env = dict(os.environ, KERAS_BACKEND=KERAS_BACKEND, TF_CPP_MIN_LOG_LEVEL="3")
    # Keras 3 must not see keras_core's tree: run from the golden directory only.
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", jobs_file, str(out_dir)],
        env=env,
        cwd=str(GOLDEN_DIR),
        capture_output=True,
        text=True,
    )
    os.unlink(jobs_file)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"the Keras 3 worker failed (exit code {proc.returncode})")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("GOLDEN_RESULTS ")][-1]
    return json.loads(line[len("GOLDEN_RESULTS ") :])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", help="only golden/keras3/cases/<family>.py")
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--force", action="store_true", help="re-record unchanged cases too")
    parser.add_argument(
        "--verify", action="store_true", help="re-record into a temporary dir and compare"
    )
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0

    families = load_cases(args.family)
    if args.family and not families:
        raise SystemExit(f"no golden/keras3/cases/{args.family}.py")
    manifest = _read_manifest()
    jobs, family_of = {}, {}
    seen = set()
    for family, cases in families.items():
        for case in cases:
            name = case["name"]
            if name in seen:
                raise SystemExit(f"duplicate golden case name {name!r}")
            seen.add(name)
            if args.case and name not in args.case:
                continue
            canon = canonical(case)
            entry = manifest.get(name)
            unchanged = (
                entry is not None
                and entry.get("case") == canon
                and (DATA_DIR / family / f"{name}.npz").exists()
            )
            if unchanged and not (args.force or args.verify):
                continue
            jobs[name] = canon
            family_of[name] = family
    if args.case:
        missing = set(args.case) - set(jobs) - seen
        if missing:
            raise SystemExit(f"unknown golden case(s): {sorted(missing)}")
    if not jobs:
        print("golden: nothing to record (use --force to re-record)")
        return 0

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        results = _run_worker(jobs, tmp)
        if args.verify:
            bad = []
            for name, res in results.items():
                entry = manifest.get(name)
                if entry is None or entry["sha256"] != res["sha256"]:
                    bad.append(name)
            print(f"golden --verify: {len(results) - len(bad)} identical, {len(bad)} differ {bad}")
            return 1 if bad else 0
        too_big = [n for n, r in results.items() if r["bytes"] > MAX_FILE_BYTES]
        if too_big:
            raise SystemExit(f"golden files over {MAX_FILE_BYTES} bytes: {too_big}; shrink them")
        with _manifest_lock():
            manifest = _read_manifest()
            for name, res in results.items():
                family = family_of[name]
                dest = DATA_DIR / family / f"{name}.npz"
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes((Path(tmp) / f"{name}.npz").read_bytes())
                canon = jobs[name]
                manifest[name] = {
                    "family": family,
                    "file": f"data/{family}/{name}.npz",
                    "sha256": res["sha256"],
                    "layer": canon["layer"],
                    "config": canon["config"],
                    "call_kwargs": canon["call_kwargs"],
                    "keras_version": res["keras_version"],
                    "keras_backend": KERAS_BACKEND,
                    "case": canon,
                }
                print(f"golden: recorded {family}/{name} ({res['bytes']} bytes)")
            MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
