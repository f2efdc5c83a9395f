"""Records Keras 3's result dtypes and shapes for the registry's cases.

Keras 3 is never a dependency of keras_core: this script only needs an
environment where ``import keras`` gives Keras 3 (3.15.1 here, installed
alongside TensorFlow). For every registry entry, every dtype it declares and
every eager sample case (the same seeded inputs the suite uses), plus weak
Python scalars for binary ops, it calls ``keras.ops.<name>`` on each of Keras 3's
backends, each in its own child process, and writes the result dtypes and shapes:

    python conformance/tools/record_keras3_dtypes.py                 # all backends
    python conformance/tools/record_keras3_dtypes.py --backends jax --ops add,mean

The merged table goes to ``conformance/data/keras3_dtypes.json``. Entries where
Keras 3's backends disagree carry a ``why``; ``conformance/keras3_dtypes.py``
compares keras_core with the table.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "conformance", "data", "keras3_dtypes.json")
BACKENDS = ("jax", "tensorflow", "torch")


def cases_for(entry, dtype):
    """The (case_id, Case) pairs recorded for ``entry`` in ``dtype``: the eager samples
    (seeded as the suite seeds them) and, for binary ops, a weak int and float scalar."""
    import numpy as np

    from conformance.registry import Case
    from conformance.runner import seed, unique_ids

    cases = entry.samples(dtype, np.random.default_rng(seed(entry.name, dtype, 0)))
    out = list(zip(unique_ids(cases), cases))
    first = cases[0] if cases else None
    if (
        first is not None
        and entry.out_dtype in ("promote", "float")
        and len(first.args) == 2
        and all(isinstance(a, np.ndarray) for a in first.args)
        and not first.kwargs
    ):
        out.append(("weak_int", Case((first.args[0], 2))))
        out.append(("weak_float", Case((first.args[0], 0.5))))
    return out


def _dtype_name(x):
    d = getattr(x, "dtype", None)
    if d is None:
        return type(x).__name__
    s = str(d)
    for prefix in ("torch.", "<dtype: '"):
        s = s.replace(prefix, "")
    return s.rstrip("'>")


def _jax_eval_shape(fn, args, kwargs):
    """``fn``'s outputs as ShapeDtypeStructs, with every jax array argument traced."""
    import jax

    leaves, treedef = jax.tree_util.tree_flatten((args, kwargs))
    positions = [i for i, v in enumerate(leaves) if isinstance(v, jax.Array)]

    def traced(*arrays):
        full = list(leaves)
        for i, a in zip(positions, arrays):
            full[i] = a
        a, k = jax.tree_util.tree_unflatten(treedef, full)
        return fn(*a, **k)

    return jax.eval_shape(traced, *[leaves[i] for i in positions])


def _describe(out, flatten, standardize):
    leaves = flatten(out)
    return {
        "dtypes": [standardize(x) for x in leaves],
        "shapes": [list(getattr(x, "shape", ())) for x in leaves],
    }


def record_keras3(backend, ops=None):
    """Runs in a child with ``KERAS_BACKEND=backend``: ``{op: {dtype: {case_id: info}}}``."""
    import keras
    import numpy as np

    from conformance.registry import all_entries

    def standardize(x):
        try:
            return keras.backend.standardize_dtype(x.dtype)
        except Exception:
            return _dtype_name(x)

    def to_keras(a):
        if isinstance(a, np.ndarray):
            name = "bfloat16" if a.dtype.name == "bfloat16" else str(a.dtype)
            if name == "bfloat16":
                return keras.ops.cast(keras.ops.convert_to_tensor(a.astype(np.float32)), name)
            if a.dtype.kind in "biufc":
                return keras.ops.convert_to_tensor(a, dtype=name)
        return a

    def lookup(name):
        obj = keras.ops
        for part in name.split("."):
            obj = getattr(obj, part)
        return obj

    flatten = keras.tree.flatten
    table = {}
    for name, entry in sorted(all_entries().items()):
        if ops and name not in ops:
            continue
        try:
            fn = lookup(name)
            if entry.wrap is not None:
                fn = entry.wrap(fn)
        except AttributeError:
            table[name] = {"missing": f"keras.ops has no {name}"}
            continue
        per = {}
        for dtype in entry.dtypes:
            rows = {}
            for cid, case in cases_for(entry, dtype):
                try:
                    args = keras.tree.map_structure(to_keras, tuple(case.args))
                    kwargs = keras.tree.map_structure(to_keras, dict(case.kwargs))
                    out = None
                    if backend == "jax":
                        # Traced, not compiled: eager jax compiles every op x shape x dtype,
                        # which takes hours for the whole table. Ops with data-dependent
                        # shapes cannot be traced and run eagerly.
                        try:
                            out = _jax_eval_shape(fn, args, kwargs)
                        except Exception:
                            out = None
                    if out is None:
                        out = fn(*args, **kwargs)
                    rows[cid] = _describe(out, flatten, standardize)
                except Exception as e:
                    rows[cid] = {"error": f"{type(e).__name__}: {str(e)[:160]}"}
            per[dtype] = rows
        table[name] = per
        print(f"{backend}: {name}", file=sys.stderr, flush=True)
    return table


def merge(per_backend, version):
    """Merges the per-backend tables into ``{op: {dtype: {case_id: row}}}``.

    A row has ``keras3`` (the result dtypes when every backend that ran it agrees),
    ``shapes``, the per-backend dtypes when they disagree and a ``why``.
    """
    ops = sorted(set().union(*[set(t) for t in per_backend.values()]))
    out = {}
    for op in ops:
        tables = {b: t.get(op, {}) for b, t in per_backend.items()}
        missing = {b: t["missing"] for b, t in tables.items() if "missing" in t}
        if missing:
            out[op] = {"missing": sorted(set(missing.values()))[0]}
            continue
        dtypes = sorted(set().union(*[set(t) for t in tables.values()]))
        entry = {}
        for dtype in dtypes:
            rows = {}
            cids = sorted(set().union(*[set(t.get(dtype, {})) for t in tables.values()]))
            for cid in cids:
                got = {b: t.get(dtype, {}).get(cid) for b, t in tables.items()}
                ok = {b: r for b, r in got.items() if r and "dtypes" in r}
                errors = {b: r["error"] for b, r in got.items() if r and "error" in r}
                row = {}
                if ok:
                    kinds = {json.dumps(r["dtypes"]) for r in ok.values()}
                    first = next(iter(ok.values()))
                    row["shapes"] = first["shapes"]
                    if len(ok) < 2:
                        row["per_backend"] = {b: r["dtypes"] for b, r in ok.items()}
                        row["why"] = "recorded on only one Keras 3 backend (the others raise)"
                    elif len(kinds) == 1:
                        row["keras3"] = first["dtypes"]
                    else:
                        row["per_backend"] = {b: r["dtypes"] for b, r in ok.items()}
                        row["why"] = "Keras 3's backends disagree on the result dtype"
                if errors:
                    row["errors"] = errors
                    if not ok:
                        row["why"] = "Keras 3 raises on every backend"
                rows[cid] = row
            entry[dtype] = rows
        out[op] = entry
    return {
        "_about": (
            "Result dtypes and shapes of keras.ops in Keras "
            f"{version} for the conformance registry's eager cases (same seeds), per input "
            "dtype, on Keras 3's jax, tensorflow and torch backends; written by "
            "conformance/tools/record_keras3_dtypes.py; checked by conformance/keras3_dtypes.py."
        ),
        "keras_version": version,
        "backends": sorted(per_backend),
        "ops": out,
    }


def _child(backend, ops, path):
    os.environ["KERAS_BACKEND"] = backend
    import keras

    # keras_core (imported by the registry) reads the same variable: it runs on numpy
    # here, so that it neither configures Keras 3's framework (jax x64) nor imports another.
    os.environ["KERAS_BACKEND"] = "numpy"

    table = record_keras3(backend, ops)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": keras.__version__, "table": table}, f)


def main(argv=None):
    p = argparse.ArgumentParser(prog="record_keras3_dtypes.py")
    p.add_argument("--backends", default=",".join(BACKENDS))
    p.add_argument("--ops", default="")
    p.add_argument("--out", default=OUT)
    p.add_argument("--child", default="", help=argparse.SUPPRESS)
    p.add_argument("--child-out", default="", help=argparse.SUPPRESS)
    p.add_argument(
        "--merge",
        default="",
        help="merge per-backend raw tables (backend=path,...) written by --child instead of "
        "recording",
    )
    a = p.parse_args(argv)
    ops = [x for x in a.ops.split(",") if x] or None
    if a.child:
        _child(a.child, ops, a.child_out)
        return 0
    per_backend, version = {}, None
    if a.merge:
        for item in a.merge.split(","):
            backend, path = item.split("=", 1)
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            per_backend[backend], version = data["table"], data["version"]
    for backend in [b for b in a.backends.split(",") if b and not a.merge]:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.json")
            env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
            env["PYTHONPATH"] = os.pathsep.join([ROOT] + [env.get("PYTHONPATH", "")])
            cmd = [sys.executable, __file__, "--child", backend, "--child-out", path]
            if ops:
                cmd += ["--ops", ",".join(ops)]
            subprocess.run(cmd, env=env, cwd=ROOT, check=True)
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        per_backend[backend] = data["table"]
        version = data["version"]
        print(f"recorded {backend}: {len(data['table'])} ops", file=sys.stderr)
    merged = merge(per_backend, version)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(merged, f, indent=None, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
