"""Test support for the layer references: Keras-3 goldens and new NumPy cases.

``keras3_goldens(layers)`` lists the recorded Keras-3 goldens of some layer classes
(read from ``golden/keras3/manifest.json``, or ``golden/manifest.json`` before the
move); ``load_keras3(name)`` reads one with NumPy only. ``draw_case(case)`` draws a
new case's inputs, tensor kwargs and weights the way the golden generator does
(``numpy.random.default_rng(seed)``: inputs, then tensor kwargs, then each weight
of the reference's ``weights`` list, uniform [-0.5, 0.5) unless ``weight_ranges``
says otherwise). ``reference_outputs`` runs a reference; ``keras_core_outputs``
runs our layer on the active backend (keras_core is imported only there).
"""

import io
import json
from pathlib import Path

import numpy as np

from conformance.references.layers import lookup

ROOT = Path(__file__).resolve().parents[3]


def keras3_manifest_path() -> Path:
    """``golden/keras3/manifest.json`` when it exists, else ``golden/manifest.json``."""
    moved = ROOT / "golden" / "keras3" / "manifest.json"
    return moved if moved.exists() else ROOT / "golden" / "manifest.json"


def _keras3_manifest() -> dict:
    manifest = json.loads(keras3_manifest_path().read_text())
    # Only the Keras-3 recordings (the NumPy set records a generator, not a Keras version).
    return {k: v for k, v in manifest.items() if "keras_version" in v}


def uses_only(spec, known) -> bool:
    """True when every (nested) layer class of a config has a reference in ``known``."""
    if isinstance(spec, dict):
        name = spec.get("class_name")
        if isinstance(name, str) and "config" in spec and name not in known:
            return name == "StackedRNNCells" and uses_only(spec["config"], known)
        return all(uses_only(v, known) for v in spec.values())
    if isinstance(spec, list):
        return all(uses_only(v, known) for v in spec)
    return True


def keras3_goldens(layer_names) -> list:
    """Names of the Keras-3 goldens of ``layer_names`` whose nested layers all have references."""
    from conformance.references.layers import all_references

    known = set(all_references())
    return sorted(
        name
        for name, entry in _keras3_manifest().items()
        if entry["layer"] in layer_names and uses_only(entry["config"], known)
    )


def load_keras3(name: str):
    """``(case, inputs, tensor_kwargs, weights, outputs)`` of a Keras-3 golden."""
    entry = _keras3_manifest()[name]
    path = keras3_manifest_path().parent / entry["file"]
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    case = entry["case"]

    def numbered(prefix):
        out, i = [], 0
        while f"{prefix}{i}" in arrays:
            out.append(arrays[f"{prefix}{i}"])
            i += 1
        return out

    kwargs = {}
    for key, spec in case["tensor_kwargs"].items():
        if isinstance(spec, list):
            kwargs[key] = [arrays.get(f"kwarg_{key}_{i}") for i in range(len(spec))]
        else:
            kwargs[key] = arrays[f"kwarg_{key}"]
    return case, numbered("input_"), kwargs, numbered("weight_"), numbered("output_")


def draw_array(rng, spec):
    """One array of an input spec (shape list, or dict with shape/dtype/minval/maxval/value)."""
    if not isinstance(spec, dict):
        spec = {"shape": list(spec)}
    dtype = spec.get("dtype", "float32")
    if "value" in spec:
        return np.asarray(spec["value"], dtype=dtype)
    shape = tuple(spec["shape"])
    if dtype == "bool":
        return rng.random(shape) < spec.get("p_true", 0.7)
    if np.issubdtype(np.dtype(dtype), np.integer):
        return rng.integers(spec.get("minval", 0), spec.get("maxval", 10), size=shape).astype(dtype)
    return rng.uniform(spec.get("minval", -0.5), spec.get("maxval", 0.5), size=shape).astype(dtype)


def draw_case(case: dict):
    """``(inputs, tensor_kwargs, weights)`` of a new case, drawn as the generator does."""
    rng = np.random.default_rng(case.get("seed", 0))
    inputs = [draw_array(rng, s) for s in case["inputs"]]
    kwargs = {}
    for key, spec in case.get("tensor_kwargs", {}).items():
        if isinstance(spec, list):
            kwargs[key] = [None if s is None else draw_array(rng, s) for s in spec]
        else:
            kwargs[key] = draw_array(rng, spec)
    ranges = case.get("weight_ranges", {})
    weights = []
    specs = lookup(case["layer"])["weights"](case.get("config", {}), [a.shape for a in inputs])
    for suffix, shape in specs:
        low, high = next((b for s, b in ranges.items() if suffix.endswith(s)), (-0.5, 0.5))
        weights.append(rng.uniform(low, high, size=tuple(shape)).astype("float32"))
    return inputs, kwargs, weights


def flatten(x) -> list:
    if isinstance(x, (list, tuple)):
        return [leaf for e in x for leaf in flatten(e)]
    return [x]


def reference_outputs(case, inputs, kwargs, weights) -> list:
    """The reference's outputs, flattened, cast to float32 (the case dtype)."""
    ref = lookup(case["layer"])
    out = ref["call"](
        case.get("config", {}), weights, inputs, **kwargs, **case.get("call_kwargs", {})
    )
    return [np.asarray(o).astype(np.float32) for o in flatten(out)]


def keras_core_outputs(case, inputs, kwargs, weights) -> list:
    """Our layer on the active backend, built by one call, given ``weights``, called again."""
    from keras_core import backend
    from keras_core.testing.golden import build_layer

    layer = build_layer({"layer": case["layer"], "config": case.get("config", {})})

    def tensors(x):
        if x is None:
            return None
        if isinstance(x, list):
            return [tensors(e) for e in x]
        return backend.convert_to_tensor(x)

    args = [tensors(a) for a in inputs]
    call_kwargs = {k: tensors(v) for k, v in kwargs.items()}
    call_kwargs.update(case.get("call_kwargs", {}))

    def call():
        if case.get("input_mode", "args") == "list":
            return layer(args, **call_kwargs)
        return layer(*args, **call_kwargs)

    call()
    shapes = [tuple(v.shape) for v in layer.weights]
    assert shapes == [w.shape for w in weights], (
        f"{case['name']}: keras_core weights {[v.path for v in layer.weights]} {shapes}, "
        f"reference {[w.shape for w in weights]}"
    )
    layer.set_weights(weights)
    return [np.asarray(backend.convert_to_numpy(o)) for o in flatten(call())]


def assert_outputs_close(got, want, name, atol=1e-5, rtol=1e-5):
    assert len(got) == len(want), f"{name}: {len(got)} outputs, expected {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        assert g.shape == w.shape, f"{name} output {i}: shape {g.shape}, expected {w.shape}"
        np.testing.assert_allclose(
            g.astype(np.float32),
            w.astype(np.float32),
            atol=atol,
            rtol=rtol,
            err_msg=f"{name} output {i}",
        )


def new_cases(family: str) -> list:
    """The NumPy-golden case list of a family (``golden/cases/<family>.py``)."""
    from conformance.references.layers._golden_io import load_cases

    return list(load_cases(family))


def imported_modules(module) -> set:
    """The top-level names of every module a reference module's source imports."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(module))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


FORBIDDEN_IMPORTS = {"keras", "keras_core", "tensorflow", "jax", "torch"}
