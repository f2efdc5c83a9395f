"""Test helpers shared by the reference tests of this package (not a reference module).

``keras3_goldens(layers)`` reads the Keras-3 recordings of some layers straight
from their .npz files (NumPy only); ``draw_case(case, weight_specs)`` draws a
NumPy-golden case's inputs, tensor kwargs and weights the way the generator
does (``golden/README.md``).
"""

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]


def keras3_manifest_path() -> Path:
    """golden/keras3/manifest.json (after the move of the Keras-3 set), else golden/manifest.json."""
    moved = ROOT / "golden" / "keras3" / "manifest.json"
    return moved if moved.exists() else ROOT / "golden" / "manifest.json"


def keras3_goldens(layer_names) -> list:
    """Names of the Keras-3 goldens whose layer is one of ``layer_names``, sorted."""
    manifest = json.loads(keras3_manifest_path().read_text())
    return sorted(
        n for n, e in manifest.items() if e.get("layer") in layer_names and "keras_version" in e
    )


def load_keras3_golden(name: str) -> dict:
    """One Keras-3 golden: case, inputs, weights, outputs, weights_after, tensor kwargs."""
    path = keras3_manifest_path()
    entry = json.loads(path.read_text())[name]
    case = entry["case"]
    with np.load(path.parent / entry["file"], allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}

    def numbered(prefix):
        out, i = [], 0
        while f"{prefix}{i}" in arrays:
            out.append(arrays[f"{prefix}{i}"])
            i += 1
        return out

    kwargs = {}
    for key, spec in case.get("tensor_kwargs", {}).items():
        if isinstance(spec, list):
            kwargs[key] = [arrays.get(f"kwarg_{key}_{i}") for i in range(len(spec))]
        else:
            kwargs[key] = arrays[f"kwarg_{key}"]
    return {
        "case": case,
        "inputs": numbered("input_"),
        "weights": numbered("weight_"),
        "outputs": numbered("output_"),
        "weights_after": numbered("after_weight_"),
        "tensor_kwargs": kwargs,
    }


def _draw(rng, spec):
    if isinstance(spec, dict) and "value" in spec:
        return np.asarray(spec["value"], dtype=spec.get("dtype", "float32"))
    if not isinstance(spec, dict):
        spec = {"shape": spec}
    dtype = np.dtype(spec.get("dtype", "float32"))
    shape = tuple(spec["shape"])
    if dtype.kind in "iu":
        return rng.integers(spec.get("minval", 0), spec.get("maxval", 10), shape).astype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    lo, hi = spec.get("minval", -0.5), spec.get("maxval", 0.5)
    return rng.uniform(lo, hi, shape).astype(dtype)


def draw_case(case: dict, weight_fn) -> tuple:
    """``(inputs, tensor_kwargs, weights)`` of a case: inputs, then kwargs, then weights."""
    rng = np.random.default_rng(case.get("seed", 0))
    inputs = [_draw(rng, s) for s in case["inputs"]]
    kwargs = {}
    for key, spec in case.get("tensor_kwargs", {}).items():
        if isinstance(spec, list):
            kwargs[key] = [None if s is None else _draw(rng, s) for s in spec]
        else:
            kwargs[key] = _draw(rng, spec)
    ranges = case.get("weight_ranges", {})
    weights = []
    for suffix, shape in weight_fn(case.get("config", {}), [x.shape for x in inputs]):
        lo, hi = next((r for k, r in ranges.items() if suffix.endswith(k)), (-0.5, 0.5))
        weights.append(rng.uniform(lo, hi, shape).astype("float32"))
    return inputs, kwargs, weights


# --- test-only stand-ins for wrapped layers owned by other reference modules ----------
def _dense_weights(config, input_shapes):
    out = [("kernel", (input_shapes[0][-1], config["units"]))]
    if config.get("use_bias", True):
        out.append(("bias", (config["units"],)))
    return out


def _dense_call(config, weights, inputs, **kwargs):
    out = np.asarray(inputs[0], np.float64) @ np.asarray(weights[0], np.float64)
    if config.get("use_bias", True):
        out = out + np.asarray(weights[1], np.float64)
    if config.get("activation") not in (None, "linear"):
        raise ValueError("The stand-in Dense reference has no activation.")
    return out


def _embedding_weights(config, input_shapes):
    return [("embeddings", (config["input_dim"], config["output_dim"]))]


def _embedding_call(config, weights, inputs, **kwargs):
    return np.asarray(weights[0], np.float64)[np.asarray(inputs[0]).astype(np.int64)]


STAND_INS = {
    "Dense": {"weights": _dense_weights, "call": _dense_call},
    "Embedding": {"weights": _embedding_weights, "call": _embedding_call},
}


def lookup_with_stand_ins(real_lookup):
    """``lookup`` that falls back to STAND_INS for Dense/Embedding while their modules
    (another helper's) are not in this tree; the package's own reference wins."""

    def lookup(class_name):
        try:
            return real_lookup(class_name)
        except KeyError:
            if class_name in STAND_INS:
                return STAND_INS[class_name]
            raise

    return lookup


# --- the two validations ----------------------------------------------------------------
def _flat(out):
    if isinstance(out, (list, tuple)):
        return [a for o in out for a in _flat(o)]
    return [np.asarray(out)]


def check_reference_against_keras3(name, references, steps=None, atol=1e-6, rtol=1e-5):
    """The reference of a Keras-3 golden's layer reproduces its recorded outputs (and,
    when recorded and ``steps`` has the layer, the weights after the call)."""
    g = load_keras3_golden(name)
    case = g["case"]
    ref = references[case["layer"]]
    specs = ref["weights"](case["config"], [x.shape for x in g["inputs"]])
    assert [tuple(s) for _, s in specs] == [w.shape for w in g["weights"]], (
        f"{name}: reference weight shapes {specs} != Keras 3's {[w.shape for w in g['weights']]}"
    )
    kwargs = {**case.get("call_kwargs", {}), **g["tensor_kwargs"]}
    if steps and case["layer"] in steps:
        out, after = steps[case["layer"]](case["config"], g["weights"], g["inputs"], **kwargs)
        for i, (got, want) in enumerate(zip(after, g["weights_after"])):
            np.testing.assert_allclose(
                got.astype(np.float32), want, atol=atol, rtol=rtol, err_msg=f"{name} weight {i}"
            )
    else:
        out = ref["call"](case["config"], g["weights"], g["inputs"], **kwargs)
    outs = _flat(out)
    assert len(outs) == len(g["outputs"]), (
        f"{name}: {len(outs)} outputs, Keras 3 {len(g['outputs'])}"
    )
    for i, (got, want) in enumerate(zip(outs, g["outputs"])):
        assert got.shape == want.shape, f"{name} output {i}: {got.shape} != {want.shape}"
        if want.dtype.kind in "iu" and got.dtype.kind == "f":
            # Keras 3 casts SpectralNormalization's output to the input dtype (see
            # golden/README.md's deliberate differences): only the weights compare.
            continue
        np.testing.assert_allclose(
            got.astype(np.float32), want, atol=atol, rtol=rtol, err_msg=f"{name} output {i}"
        )


def check_layer_against_reference(case, references, steps=None, atol=1e-5, rtol=1e-5):
    """keras_core's layer (active backend), given the case's weights, matches the reference;
    for layers in ``steps``, so do its weights after the call."""
    from keras_core import backend
    from keras_core.backend.common import tree
    from keras_core.testing.golden import build_layer

    name = case["name"]
    ref = references[case["layer"]]
    config = case.get("config", {})
    call_kwargs = case.get("call_kwargs", {})
    inputs, tensor_kwargs, weights = draw_case(case, ref["weights"])
    if steps and case["layer"] in steps:
        expected, after = steps[case["layer"]](
            config, weights, inputs, **call_kwargs, **tensor_kwargs
        )
    else:
        expected, after = ref["call"](config, weights, inputs, **call_kwargs, **tensor_kwargs), None
    expected = _flat(expected)

    layer = build_layer({"layer": case["layer"], "config": config})
    tensors = [backend.convert_to_tensor(x) for x in inputs]
    kwargs = {k: backend.convert_to_tensor(v) for k, v in tensor_kwargs.items()}
    kwargs.update(call_kwargs)

    def call():
        if case.get("input_mode", "args") == "list":
            return layer(tensors, **kwargs)
        return layer(*tensors, **kwargs)

    call()
    ours = [tuple(v.shape) for v in layer.weights]
    assert ours == [w.shape for w in weights], (
        f"{name}: keras_core weights {[v.path for v in layer.weights]} {ours} != reference "
        f"{[w.shape for w in weights]}"
    )
    layer.set_weights(weights)
    outputs = [np.asarray(backend.convert_to_numpy(o)) for o in tree.flatten(call())]
    assert len(outputs) == len(expected), (
        f"{name}: {len(outputs)} outputs, reference {len(expected)}"
    )
    for i, (got, want) in enumerate(zip(outputs, expected)):
        assert got.shape == want.shape, f"{name} output {i}: {got.shape} != {want.shape}"
        assert got.dtype == np.float32, f"{name} output {i}: dtype {got.dtype}"
        np.testing.assert_allclose(
            got, want.astype(np.float32), atol=atol, rtol=rtol, err_msg=f"{name} output {i}"
        )
    if after is not None:
        for v, want in zip(layer.weights, after):
            np.testing.assert_allclose(
                np.asarray(v.numpy(), np.float32),
                want.astype(np.float32),
                atol=atol,
                rtol=rtol,
                err_msg=f"{name}: weight {v.path!r} after the call",
            )
    return layer


def check_case_list(cases, references):
    """Case-list hygiene: unique names (also against the Keras-3 set), known layers and
    the case keys of golden/README.md."""
    allowed = {
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
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    others = [
        c["name"]
        for family in ("convolution", "pooling", "normalization")
        for c in load_cases(family)
        if c not in cases
    ]
    assert not set(others) & set(names), f"names used by two families: {set(others) & set(names)}"
    keras3 = set(json.loads(keras3_manifest_path().read_text()))
    assert not keras3 & set(names), f"names also used by Keras-3 goldens: {keras3 & set(names)}"
    for c in cases:
        assert set(c) <= allowed, f"{c['name']}: unknown keys {set(c) - allowed}"
        assert c["layer"] in references, f"{c['name']}: no reference for {c['layer']}"


def load_cases(family: str) -> list:
    """CASES of the NumPy golden case list of a family (golden/cases/<family>.py)."""
    import importlib.util

    path = ROOT / "golden" / "cases" / f"{family}.py"
    spec = importlib.util.spec_from_file_location(f"_numpy_golden_cases_{family}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


def assert_pure_numpy(module_name: str):
    """Importing (and running the discovery of) a reference module loads no framework."""
    import subprocess
    import sys

    code = (
        "import sys, importlib; importlib.import_module(%r); "
        "from conformance.references import layers; layers.all_references(); "
        "bad = [m for m in ('keras_core', 'keras', 'tensorflow', 'jax', 'torch') "
        "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    ) % module_name
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{module_name} imports {result.stdout} {result.stderr[-500:]}"
