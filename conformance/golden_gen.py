"""Generates the NumPy layer goldens (``golden/``) from keras_core's own references.

    python -m conformance golden --regenerate [--accept] [--family F] [--case NAME]
    python -m conformance golden --check [--family F] [--case NAME]

Every case of ``golden/cases/<family>.py`` (``CASES``, the dict format of
golden/README.md) is computed by the NumPy reference of its layer
(``conformance/references/layers``, ``REFERENCES[layer]``): with
``rng = numpy.random.default_rng(seed)`` the inputs are drawn first, then the
tensor call arguments, then the weights (the reference's ``weights(config,
input_shapes)`` list, in order, uniform in [-0.5, 0.5) unless the case's
``weight_ranges`` gives a range for a path suffix), then the outputs are
``call(config, weights, inputs, **call_kwargs, **tensor_kwargs)`` (float
inputs and weights are handed over as float64 copies of their stored float32
values; float outputs are stored as float32). Nothing here imports
keras_core, Keras or a framework.

The ``.npz`` files are written byte-deterministically (sorted members, fixed
zip timestamps), so regenerating unchanged cases gives identical files.
``--regenerate`` writes new files, keeps identical ones and refuses to
overwrite a file whose bytes would change (or to drop a case that no longer
exists) unless ``--accept`` is given, naming each such file. ``--check``
recomputes everything in memory and fails, naming every case whose file is
missing, would change, or does not match the manifest's sha256.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from conformance import golden_io

GENERATOR_VERSION = "keras_core-numpy-goldens 1"
ROOT = golden_io.GOLDEN_DIR
MAX_FILE_BYTES = 50_000
DTYPE = "float32"
# The NumPy goldens store each member with mode 0o644 (the Keras-3 set predates that).
FILE_MODE = 0o644


class GoldenError(Exception):
    """A case that cannot be generated (bad definition, missing reference)."""


# ----------------------------------------------------------------------------- cases


def load_cases(root: Path = ROOT, family: str = None) -> dict:
    """``{family: [case, ...]}`` from ``<root>/cases/*.py`` (each defines ``CASES``)."""
    out, seen = {}, {}
    for path in golden_io.case_files(Path(root) / "cases", family):
        cases = golden_io.load_case_module(path, "golden_numpy_cases_")
        if not isinstance(cases, list):
            raise GoldenError(f"{path} must define CASES, a list of dicts.")
        for case in cases:
            golden_io.check_case(case, path, GoldenError)
            if case["name"] in seen:
                raise GoldenError(
                    f"Golden case name {case['name']!r} is defined twice "
                    f"({seen[case['name']]} and {path.stem})."
                )
            seen[case["name"]] = path.stem
        out[path.stem] = cases
    return out


canonical = golden_io.canonical


def _as64(x):
    """Float arrays as float64 copies (the references compute in float64)."""
    if x is None:
        return None
    if isinstance(x, list):
        return [_as64(e) for e in x]
    x = np.asarray(x)
    return x.astype(np.float64) if np.issubdtype(x.dtype, np.floating) else x.copy()


def _stored(x):
    x = np.asarray(x)
    if np.issubdtype(x.dtype, np.floating):
        return x.astype(DTYPE)
    return x


# ----------------------------------------------------------------------------- generation


def _references():
    from conformance.references.layers import all_references

    return all_references()


def generate(case: dict, references: dict) -> dict:
    """Computes one canonical case; returns the ``{key: array}`` to store."""
    ref = references.get(case["layer"])
    if ref is None:
        raise GoldenError(
            f"No NumPy layer reference for `{case['layer']}` "
            "(conformance/references/layers/*.py REFERENCES)."
        )
    specs = []

    def weight_specs(input_shapes):
        specs.extend(ref["weights"](case["config"], input_shapes))
        return specs

    inputs, kwargs, weights, kwarg_arrays = golden_io.draw_case(case, weight_specs)
    paths = [path for path, _ in specs]
    call_kwargs = dict(case["call_kwargs"])
    call_kwargs.update({k: _as64(v) for k, v in kwargs.items()})
    outputs = golden_io.flatten(
        ref["call"](case["config"], _as64(weights), _as64(inputs), **call_kwargs)
    )
    arrays = {f"input_{i}": a for i, a in enumerate(inputs)}
    arrays.update(kwarg_arrays)
    arrays.update({f"weight_{i}": w for i, w in enumerate(weights)})
    arrays.update({f"output_{i}": _stored(o) for i, o in enumerate(outputs)})
    if case["record_weights_after"]:
        after = ref.get("weights_after")
        if after is None:
            raise GoldenError(
                f"`record_weights_after` needs a `weights_after` function in the "
                f"`{case['layer']}` reference."
            )
        updated = after(case["config"], _as64(weights), _as64(inputs), **call_kwargs)
        arrays.update({f"after_weight_{i}": _stored(w) for i, w in enumerate(updated)})
    arrays["weight_paths"] = np.asarray(paths, dtype=str)
    return arrays


def npz_bytes(arrays: dict) -> bytes:
    """A deterministic .npz (sorted members, fixed zip timestamps): same arrays, same bytes."""
    return golden_io.npz_bytes(arrays, FILE_MODE)


def manifest_entry(name, family, canon, arrays, payload) -> dict:
    """The manifest record of one generated case."""

    def shapes(prefix):
        return [list(a.shape) for a in golden_io.numbered(arrays, prefix)]

    return {
        "family": family,
        "file": f"data/{family}/{name}.npz",
        "sha256": golden_io.sha256(payload),
        "layer": canon["layer"],
        "config": canon["config"],
        "call_kwargs": canon["call_kwargs"],
        "seed": canon["seed"],
        "shapes": {
            "inputs": shapes("input_"),
            "weights": shapes("weight_"),
            "outputs": shapes("output_"),
        },
        "dtype": DTYPE,
        "generator": GENERATOR_VERSION,
        "case": canon,
    }


def compute(root: Path = ROOT, family: str = None, names=None) -> tuple:
    """Generates the selected cases in memory.

    Returns:
        ``(results, errors, all_names)``: ``results`` maps a name to
        ``(family, payload_bytes, manifest_entry)``, ``errors`` a name to its
        error message, ``all_names`` every case name of the selected families.
    """
    families = load_cases(root, family)
    if family and not families:
        raise GoldenError(f"No golden/cases/{family}.py under {root}.")
    all_names = {c["name"] for cases in families.values() for c in cases}
    if names:
        unknown = sorted(set(names) - all_names)
        if unknown:
            raise GoldenError(f"Unknown golden case(s): {unknown}")
    references = _references()
    results, errors = {}, {}
    for fam, cases in families.items():
        for case in cases:
            name = case["name"]
            if names and name not in names:
                continue
            canon = canonical(case)
            try:
                arrays = generate(canon, references)
                payload = npz_bytes(arrays)
            except Exception as e:  # reported by name, the other cases still run
                errors[name] = f"{type(e).__name__}: {e}"
                continue
            if len(payload) > MAX_FILE_BYTES:
                errors[name] = (
                    f"{len(payload)} bytes, over the {MAX_FILE_BYTES}-byte limit: use smaller shapes"
                )
                continue
            results[name] = (fam, payload, manifest_entry(name, fam, canon, arrays, payload))
    return results, errors, all_names


def read_manifest(root: Path = ROOT) -> dict:
    return golden_io.read_manifest(Path(root) / "manifest.json")


def write_manifest(root: Path, manifest: dict):
    text = json.dumps(dict(sorted(manifest.items())), indent=1, sort_keys=False) + "\n"
    (Path(root) / "manifest.json").write_text(text)


def _selected(entry_family, name, family, names):
    return (not family or entry_family == family) and (not names or name in names)


def regenerate(root=ROOT, family=None, names=None, accept=False, out=None) -> int:
    """Writes new or changed goldens; refuses changed files without ``accept``. Exit code."""
    out = out or sys.stdout
    root = Path(root)
    results, errors, all_names = compute(root, family, names)
    manifest = read_manifest(root)
    refused, written, same = [], [], 0
    for name, (_, payload, entry) in sorted(results.items()):
        path = root / entry["file"]
        old_entry = manifest.get(name)
        if path.exists() and path.read_bytes() == payload:
            same += 1
            if old_entry != entry:
                manifest[name] = entry
            continue
        if path.exists() and not accept:
            refused.append(f"{entry['file']} ({name}): its bytes would change")
            continue
        if old_entry is not None and old_entry.get("file") != entry["file"] and not accept:
            refused.append(f"{entry['file']} ({name}): the case moved from {old_entry['file']}")
            continue
        if old_entry is not None and old_entry.get("file") != entry["file"]:
            (root / old_entry["file"]).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
        manifest[name] = entry
        written.append(entry["file"])
    # Manifest entries whose case no longer exists (in the selected families).
    stale = [
        n
        for n, e in manifest.items()
        if n not in all_names and _selected(e.get("family"), n, family, None) and not names
    ]
    for name in sorted(stale):
        if not accept:
            refused.append(f"{manifest[name]['file']} ({name}): the case no longer exists")
            continue
        target = root / manifest[name]["file"]
        if target.exists():
            target.unlink()
        written.append(f"removed {manifest[name]['file']}")
        del manifest[name]
    write_manifest(root, manifest)
    for line in written:
        print(f"golden: wrote {line}", file=out)
    print(
        f"golden --regenerate: {len(written)} written, {same} unchanged, {len(refused)} refused, "
        f"{len(errors)} errors",
        file=out,
    )
    for line in refused:
        print(f"  REFUSED {line}; rerun with --accept to overwrite", file=out)
    for name, message in sorted(errors.items()):
        print(f"  ERROR {name}: {message}", file=out)
    return 1 if (refused or errors) else 0


def check(root=ROOT, family=None, names=None, out=None) -> int:
    """Recomputes in memory; names every missing, changed or mis-hashed golden. Exit code."""
    out = out or sys.stdout
    root = Path(root)
    results, errors, all_names = compute(root, family, names)
    manifest = read_manifest(root)
    problems = [f"{n}: cannot be generated ({m})" for n, m in sorted(errors.items())]
    for name, (_, payload, entry) in sorted(results.items()):
        path = root / entry["file"]
        old = manifest.get(name)
        if not path.exists():
            problems.append(f"{name}: {entry['file']} is missing")
            continue
        data = path.read_bytes()
        if data != payload:
            problems.append(f"{name}: {entry['file']} differs from the regenerated bytes")
        if old is None:
            problems.append(f"{name}: not in manifest.json")
        elif old.get("sha256") != golden_io.sha256(data):
            problems.append(f"{name}: {entry['file']} does not match the manifest's sha256")
        elif old != entry:
            problems.append(f"{name}: its manifest entry is out of date")
    for name, e in sorted(manifest.items()):
        if name not in all_names and _selected(e.get("family"), name, family, None) and not names:
            problems.append(f"{name}: in manifest.json but no case defines it")
    checked = len(results) + len(errors)
    print(f"golden --check: {checked} cases, {len(problems)} problems", file=out)
    for line in problems:
        print(f"  {line}", file=out)
    if problems:
        print("  (regenerate with `python -m conformance golden --regenerate --accept`)", file=out)
    return 1 if problems else 0


def main(argv=None) -> int:
    """``python -m conformance golden ...`` (see the module docstring)."""
    p = argparse.ArgumentParser(
        prog="python -m conformance golden", description=__doc__.split("\n")[0]
    )
    add_arguments(p)
    return run(p.parse_args(argv))


def add_arguments(p):
    """The ``golden`` subcommand's arguments."""
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--regenerate", action="store_true", help="write new or changed goldens")
    mode.add_argument("--check", action="store_true", help="recompute in memory and compare")
    p.add_argument(
        "--accept", action="store_true", help="with --regenerate: overwrite changed files"
    )
    p.add_argument("--family", default=None, help="only golden/cases/<family>.py")
    p.add_argument("--case", action="append", default=None, help="only this case (repeatable)")
    p.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)


def run(args) -> int:
    """Runs a parsed ``golden`` command."""
    if args.accept and not args.regenerate:
        raise SystemExit("--accept goes with --regenerate")
    # The training-step goldens (golden/training/, conformance/training_goldens.py) run
    # with the layer goldens of the repository, or alone with --family training.
    training = args.family == "training" or (
        args.family is None and not args.case and Path(args.root) == ROOT
    )
    code = 0
    try:
        if args.family != "training":
            if args.regenerate:
                code = regenerate(args.root, args.family, args.case, args.accept)
            else:
                code = check(args.root, args.family, args.case)
    except GoldenError as e:
        print(f"golden: {e}", file=sys.stderr)
        return 2
    if training:
        code = max(code, _training_goldens(args.regenerate, args.accept))
    return code


def _training_goldens(regenerate_them, accept, out=None) -> int:
    from conformance import training_goldens

    out = out or sys.stdout
    if regenerate_them:
        try:
            written = training_goldens.regenerate(accept=accept)
        except ValueError as e:
            print(f"  REFUSED (training) {e}; rerun with --accept to overwrite", file=out)
            return 1
        print(f"golden --regenerate (training): {len(written)} written", file=out)
        return 0
    problems = training_goldens.check()
    print(f"golden --check (training): {len(problems)} problems", file=out)
    for line in problems:
        print(f"  {line}", file=out)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
