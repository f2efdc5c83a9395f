"""The golden-case machinery shared by every golden writer and reader.

Used by the NumPy layer goldens (``conformance/golden_gen.py``), the Keras 3
recorder (``golden/keras3/record.py``, which loads this file by path so that
its Keras 3 worker never sees the repository on ``sys.path``), the training
goldens (``conformance/training_goldens.py``), the reference tests
(``conformance/references/layers/_golden_io.py``) and the golden reader
``keras_core/testing/golden.py``.

It imports only NumPy and the standard library: no keras_core, Keras or
framework, and no other module of this repository.

A case (the dict format of ``golden/README.md``) draws its arrays from
``numpy.random.default_rng(seed)`` in a fixed order: the inputs, then the
tensor call arguments, then each weight (uniform in [-0.5, 0.5) unless the
case's ``weight_ranges`` gives a range for a path suffix).
"""

import hashlib
import importlib.util
import io
import json
import zipfile
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLDEN_DIR = REPO_ROOT / "golden"

CASE_KEYS = frozenset(
    {
        "name",
        "layer",
        "config",
        "inputs",
        "input_mode",
        "call_kwargs",
        "tensor_kwargs",
        "seed",
        "weight_ranges",
        "record_weights_after",
    }
)
DEFAULT_WEIGHT_RANGE = (-0.5, 0.5)


# ----------------------------------------------------------------------------- case lists


def load_case_module(path: Path, prefix: str) -> list:
    """``CASES`` of one case file (executed as the module ``<prefix><stem>``), unchecked."""
    path = Path(path)
    spec = importlib.util.spec_from_file_location(f"{prefix}{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "CASES", None)


def case_files(cases_dir: Path, family: str = None) -> list:
    """The case files ``<cases_dir>/*.py`` (sorted; ``_``-prefixed ones skipped)."""
    return [
        path
        for path in sorted(Path(cases_dir).glob("*.py"))
        if not path.stem.startswith("_") and (not family or path.stem == family)
    ]


def check_case(case, path, error=ValueError):
    """Raises ``error`` naming the problem when ``case`` is not a valid case dict."""
    if not isinstance(case, dict):
        raise error(f"{path}: every case must be a dict. Received: {case!r}")
    unknown = set(case) - CASE_KEYS
    missing = {"name", "layer", "inputs"} - set(case)
    if unknown or missing:
        raise error(
            f"{path}: case {case.get('name')!r} has unknown keys {sorted(unknown)} or lacks "
            f"{sorted(missing)}"
        )
    if case.get("input_mode", "args") not in ("args", "list"):
        raise error(
            f"{path}: case {case['name']!r}: `input_mode` must be 'args' or 'list'. "
            f"Received: input_mode={case['input_mode']!r}"
        )


def input_spec(spec) -> dict:
    """An input spec as a dict (a bare shape list becomes ``{"shape": [...]}``)."""
    return spec if isinstance(spec, dict) else {"shape": list(spec)}


def canonical(case: dict) -> dict:
    """The case as stored in a manifest (defaults filled in)."""
    return {
        "layer": case["layer"],
        "config": case.get("config", {}),
        "inputs": [input_spec(s) for s in case["inputs"]],
        "input_mode": case.get("input_mode", "args"),
        "call_kwargs": case.get("call_kwargs", {}),
        "tensor_kwargs": case.get("tensor_kwargs", {}),
        "seed": case.get("seed", 0),
        "weight_ranges": case.get("weight_ranges", {}),
        "record_weights_after": bool(case.get("record_weights_after", False)),
    }


# ----------------------------------------------------------------------------- drawing


def draw_array(rng, spec) -> np.ndarray:
    """One array for ``spec``: a literal ``value``, or drawn from ``rng``."""
    spec = input_spec(spec)
    dtype = spec.get("dtype", "float32")
    if "value" in spec:
        return np.asarray(spec["value"], dtype=dtype)
    shape = tuple(spec["shape"])
    if dtype == "bool":
        return rng.random(shape) < spec.get("p_true", 0.7)
    if np.issubdtype(np.dtype(dtype), np.integer):
        return rng.integers(spec.get("minval", 0), spec.get("maxval", 10), size=shape).astype(dtype)
    low, high = spec.get("minval", -0.5), spec.get("maxval", 0.5)
    return rng.uniform(low, high, size=shape).astype(dtype)


def draw_tensor_kwargs(rng, spec: dict) -> tuple:
    """``(values, arrays)``: the drawn tensor call arguments and their ``kwarg_*`` npz keys.

    A list spec gives a list of arrays (``None`` entries stay ``None`` and are not stored).
    """
    values, arrays = {}, {}
    for key, value in spec.items():
        if isinstance(value, list):
            values[key] = []
            for i, s in enumerate(value):
                arr = None if s is None else draw_array(rng, s)
                values[key].append(arr)
                if arr is not None:
                    arrays[f"kwarg_{key}_{i}"] = arr
        else:
            values[key] = draw_array(rng, value)
            arrays[f"kwarg_{key}"] = values[key]
    return values, arrays


def weight_range(path: str, ranges: dict) -> tuple:
    """The ``(low, high)`` of a weight: the first range whose suffix ends its path."""
    for suffix, bounds in ranges.items():
        if path.endswith(suffix):
            return bounds
    return DEFAULT_WEIGHT_RANGE


def draw_weight(rng, path: str, shape, ranges: dict, dtype="float32") -> np.ndarray:
    """One weight, uniform in its ``weight_range``."""
    low, high = weight_range(path, ranges)
    return rng.uniform(low, high, size=tuple(shape)).astype(dtype)


def draw_case(case: dict, weight_specs) -> tuple:
    """``(inputs, tensor_kwargs, weights, kwarg_arrays)`` of a case.

    ``weight_specs(input_shapes)`` lists the ``(path_suffix, shape)`` of the weights
    (a reference's ``weights`` with the config bound).
    """
    rng = np.random.default_rng(case.get("seed", 0))
    inputs = [draw_array(rng, s) for s in case["inputs"]]
    kwargs, kwarg_arrays = draw_tensor_kwargs(rng, case.get("tensor_kwargs", {}))
    ranges = case.get("weight_ranges", {})
    specs = weight_specs([tuple(a.shape) for a in inputs])
    weights = [draw_weight(rng, path, shape, ranges) for path, shape in specs]
    return inputs, kwargs, weights, kwarg_arrays


def flatten(x) -> list:
    """The leaves of nested lists/tuples (and dicts, by sorted key)."""
    if isinstance(x, (list, tuple)):
        return [leaf for e in x for leaf in flatten(e)]
    if isinstance(x, dict):
        return [leaf for k in sorted(x) for leaf in flatten(x[k])]
    return [x]


# ----------------------------------------------------------------------------- files


def npz_bytes(arrays: dict, file_mode: int = None) -> bytes:
    """A deterministic .npz (sorted members, fixed zip timestamps): same arrays, same bytes.

    ``file_mode`` (e.g. ``0o644``), when given, is stored as each member's Unix mode.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if file_mode is not None:
                info.external_attr = file_mode << 16
            data = io.BytesIO()
            np.lib.format.write_array(data, np.array(arrays[key], order="C"), allow_pickle=False)
            zf.writestr(info, data.getvalue())
    return buf.getvalue()


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def read_npz(source) -> dict:
    """``{key: array}`` of an .npz given as a path or as its bytes."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    with np.load(source, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def numbered(arrays: dict, prefix: str) -> list:
    """``arrays[prefix0], arrays[prefix1], ...`` up to the first missing index."""
    out, i = [], 0
    while f"{prefix}{i}" in arrays:
        out.append(arrays[f"{prefix}{i}"])
        i += 1
    return out


def stored_tensor_kwargs(arrays: dict, spec: dict) -> dict:
    """The tensor call arguments of a stored golden (``None`` where a list entry was None)."""
    kwargs = {}
    for key, value in spec.items():
        if isinstance(value, list):
            kwargs[key] = [arrays.get(f"kwarg_{key}_{i}") for i in range(len(value))]
        else:
            kwargs[key] = arrays[f"kwarg_{key}"]
    return kwargs


def read_manifest(path: Path) -> dict:
    """A manifest.json as a dict (empty when the file does not exist)."""
    path = Path(path)
    return json.loads(path.read_text()) if path.exists() else {}


def keras3_manifest_path(golden_dir: Path = GOLDEN_DIR) -> Path:
    """``golden/keras3/manifest.json`` when it exists, else ``golden/manifest.json``."""
    moved = Path(golden_dir) / "keras3" / "manifest.json"
    return moved if moved.exists() else Path(golden_dir) / "manifest.json"
