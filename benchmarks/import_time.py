"""How much `import keras_core` costs on top of importing the selected framework.

Each measurement is a fresh interpreter; the median of --repeats runs is kept.
Target (foundation issue): at most 0.3 s more than the framework alone.

    python benchmarks/import_time.py [--repeats 5] [--backends jax torch tensorflow numpy]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAMEWORK = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}


def _time_import(stmt, backend):
    env = dict(os.environ, KERAS_BACKEND=backend, PYTHONPATH=ROOT)
    # Measure as installed code runs: with bytecode caches (the warm-up run writes
    # them). The frameworks' own caches were written by pip at install time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = f"import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def measure(backend, repeats):
    # Warm the OS file cache (and write keras_core's bytecode cache) once, so the
    # first run is not an outlier.
    _time_import(f"import {FRAMEWORK[backend]}", backend)
    _time_import("import keras_core", backend)
    fw = statistics.median(
        _time_import(f"import {FRAMEWORK[backend]}", backend) for _ in range(repeats)
    )
    kc = statistics.median(_time_import("import keras_core", backend) for _ in range(repeats))
    return {
        "backend": backend,
        "framework_s": round(fw, 3),
        "keras_core_s": round(kc, 3),
        "overhead_s": round(kc - fw, 3),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--backends", nargs="+", default=["tensorflow", "jax", "torch", "numpy"])
    args = ap.parse_args()
    started = time.time()
    rows = [measure(b, args.repeats) for b in args.backends]
    for r in rows:
        verdict = "ok" if r["overhead_s"] <= 0.3 else "OVER TARGET"
        print(
            f"{r['backend']:>10}: framework {r['framework_s']:.3f}s  keras_core {r['keras_core_s']:.3f}s"
            f"  overhead {r['overhead_s']:+.3f}s  ({verdict})"
        )
    print(json.dumps({"import_time": rows, "seconds": round(time.time() - started, 1)}))


if __name__ == "__main__":
    main()
