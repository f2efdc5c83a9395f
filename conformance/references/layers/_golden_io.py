"""Test helpers shared by the reference tests of this package (not a reference module).

``keras3_goldens(layers)`` lists the Keras-3 recordings of some layers and
``load_keras3_golden(name)`` reads one (NumPy only); ``draw_case(case)`` draws a
NumPy-golden case's inputs, tensor kwargs and weights the way the generator does
(``conformance/golden_io.py``, ``golden/README.md``). ``check_reference_against_keras3``
and ``check_layer_against_reference`` are the two validations (keras_core is imported
only by the second); ``FamilyTests`` runs both, and the case-list and purity checks,
for one reference module.
"""

import ast
import inspect
import subprocess
import sys

import numpy as np

from conformance import golden_io
from conformance.references import layers as layers_pkg

ROOT = golden_io.REPO_ROOT
FORBIDDEN_IMPORTS = {"keras", "keras_core", "tensorflow", "jax", "torch"}


# --- reading the goldens and the case lists ---------------------------------------------
def keras3_manifest() -> dict:
    """The Keras-3 recordings of the manifest (the NumPy set records no Keras version)."""
    manifest = golden_io.read_manifest(golden_io.keras3_manifest_path())
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
    """Names of the Keras-3 goldens of ``layer_names`` whose nested layers all have
    references, sorted."""
    known = set(layers_pkg.all_references()) | set(STAND_INS)
    return sorted(
        name
        for name, entry in keras3_manifest().items()
        if entry.get("layer") in layer_names and uses_only(entry["config"], known)
    )


def load_keras3_golden(name: str) -> dict:
    """One Keras-3 golden: case, inputs, weights, outputs, weights_after, tensor kwargs."""
    path = golden_io.keras3_manifest_path()
    entry = keras3_manifest()[name]
    case = entry["case"]
    arrays = golden_io.read_npz(path.parent / entry["file"])
    return {
        "case": case,
        "inputs": golden_io.numbered(arrays, "input_"),
        "weights": golden_io.numbered(arrays, "weight_"),
        "outputs": golden_io.numbered(arrays, "output_"),
        "weights_after": golden_io.numbered(arrays, "after_weight_"),
        "tensor_kwargs": golden_io.stored_tensor_kwargs(arrays, case.get("tensor_kwargs", {})),
    }


def load_cases(family: str) -> list:
    """CASES of the NumPy golden case list of a family (golden/cases/<family>.py)."""
    path = golden_io.GOLDEN_DIR / "cases" / f"{family}.py"
    return golden_io.load_case_module(path, "_numpy_golden_cases_")


def draw_case(case: dict, weight_fn=None) -> tuple:
    """``(inputs, tensor_kwargs, weights)`` of a case, drawn as the generator does;
    ``weight_fn(config, input_shapes)`` defaults to the layer reference's ``weights``."""
    weight_fn = weight_fn or layers_pkg.lookup(case["layer"])["weights"]
    config = case.get("config", {})
    inputs, kwargs, weights, _ = golden_io.draw_case(case, lambda s: weight_fn(config, s))
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
def assert_outputs_close(got, want, name, atol=1e-5, rtol=1e-5):
    """Same number of outputs, same shapes, values within the tolerances (in float32)."""
    assert len(got) == len(want), f"{name}: {len(got)} outputs, expected {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        assert g.shape == w.shape, f"{name} output {i}: shape {g.shape}, expected {w.shape}"
        np.testing.assert_allclose(
            np.asarray(g).astype(np.float32),
            np.asarray(w).astype(np.float32),
            atol=atol,
            rtol=rtol,
            err_msg=f"{name} output {i}",
        )


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
        if g["weights_after"]:  # recorded only for the cases with record_weights_after
            assert_outputs_close(after, g["weights_after"], f"{name} weights", atol, rtol)
    else:
        out = ref["call"](case["config"], g["weights"], g["inputs"], **kwargs)
    outs = [np.asarray(o) for o in golden_io.flatten(out)]
    want = g["outputs"]
    # Keras 3 casts SpectralNormalization's output to the input dtype (see golden/README.md's
    # deliberate differences): an integer output against our float one compares its shape only.
    cast = {
        i
        for i, (o, w) in enumerate(zip(outs, want))
        if w.dtype.kind in "iu" and o.dtype.kind == "f"
    }
    assert all(outs[i].shape == want[i].shape for i in cast), f"{name}: output shapes differ"
    assert_outputs_close(
        [o for i, o in enumerate(outs) if i not in cast],
        [w for i, w in enumerate(want) if i not in cast],
        name,
        atol,
        rtol,
    )


def run_keras_core(case, inputs, tensor_kwargs, weights) -> tuple:
    """``(layer, outputs)``: our layer on the active backend, built by one call, given
    ``weights`` (checked against its own weight shapes), called again."""
    from keras_core import backend
    from keras_core.backend.common import tree
    from keras_core.testing.golden import build_layer, layer_caller

    layer = build_layer({"layer": case["layer"], "config": case.get("config", {})})
    call = layer_caller(
        layer,
        inputs,
        tensor_kwargs,
        case.get("call_kwargs", {}),
        case.get("input_mode", "args"),
    )
    call()
    ours = [tuple(v.shape) for v in layer.weights]
    assert ours == [w.shape for w in weights], (
        f"{case['name']}: keras_core weights {[v.path for v in layer.weights]} {ours} != "
        f"reference {[w.shape for w in weights]}"
    )
    layer.set_weights(weights)
    return layer, [np.asarray(backend.convert_to_numpy(o)) for o in tree.flatten(call())]


def check_layer_against_reference(case, references, steps=None, atol=1e-5, rtol=1e-5):
    """keras_core's layer (active backend), given the case's weights, matches the reference
    (float32 outputs); for layers in ``steps``, so do its weights after the call."""
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
    layer, outputs = run_keras_core(case, inputs, tensor_kwargs, weights)
    for i, got in enumerate(outputs):
        assert got.dtype == np.float32, f"{name} output {i}: dtype {got.dtype}"
    assert_outputs_close(outputs, golden_io.flatten(expected), name, atol, rtol)
    if after is not None:
        ours = [np.asarray(v.numpy()) for v in layer.weights]
        assert_outputs_close(ours, after, f"{name}: weights after the call", atol, rtol)
    return layer


# --- case lists and purity ----------------------------------------------------------------
def check_case_list(cases, references):
    """Case-list hygiene: unique names (also against the other families and the Keras-3
    set), known layers and the case keys of golden/README.md."""
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    others = [
        c["name"]
        for path in golden_io.case_files(golden_io.GOLDEN_DIR / "cases")
        for c in load_cases(path.stem)
        if c not in cases
    ]
    assert not set(others) & set(names), f"names used by two families: {set(others) & set(names)}"
    keras3 = set(golden_io.read_manifest(golden_io.keras3_manifest_path()))
    assert not keras3 & set(names), f"names also used by Keras-3 goldens: {keras3 & set(names)}"
    for c in cases:
        golden_io.check_case(c, "golden/cases", AssertionError)
        assert c["layer"] in references, f"{c['name']}: no reference for {c['layer']}"


def imported_modules(module) -> set:
    """The top-level names of every module a reference module's source imports."""
    tree = ast.parse(inspect.getsource(module))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def assert_pure_numpy(module_name: str):
    """Importing (and running the discovery of) a reference module loads no framework."""
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


class FamilyTests:
    """The tests every reference module shares; a test module subclasses it, setting
    ``MODULE`` (the reference module) and, when they apply, ``FAMILY`` (its
    golden/cases/<family>.py, default the module's name), ``STEPS`` (training-call
    references giving the weights after the call), ``NO_KERAS3`` (layers without Keras-3
    goldens) and ``REFERENCES`` (what the cases and goldens run against, default the
    module's ``REFERENCES``)."""

    MODULE = None
    FAMILY = None
    STEPS = None
    NO_KERAS3 = frozenset()
    REFERENCES = None

    @classmethod
    def references(cls) -> dict:
        return cls.REFERENCES if cls.REFERENCES is not None else cls.MODULE.REFERENCES

    @classmethod
    def cases(cls) -> list:
        return load_cases(cls.FAMILY or cls.MODULE.__name__.rsplit(".", 1)[-1])

    def pytest_generate_tests(self, metafunc):
        if "keras3_name" in metafunc.fixturenames:
            metafunc.parametrize("keras3_name", keras3_goldens(set(self.MODULE.REFERENCES)))
        if "case" in metafunc.fixturenames:
            cases = self.cases()
            metafunc.parametrize("case", cases, ids=[c["name"] for c in cases])

    def test_reference_matches_keras3(self, keras3_name):
        check_reference_against_keras3(keras3_name, self.references(), steps=self.STEPS)

    def test_layer_matches_reference(self, case):
        check_layer_against_reference(case, self.references(), steps=self.STEPS)

    def test_every_layer_has_keras3_goldens_and_cases(self):
        own = set(self.MODULE.REFERENCES)
        covered = {load_keras3_golden(n)["case"]["layer"] for n in keras3_goldens(own)}
        assert own - set(self.NO_KERAS3) <= covered
        cases = self.cases()
        assert own <= {c["layer"] for c in cases}
        check_case_list(cases, self.references())

    def test_reference_module_imports_no_framework(self):
        assert not imported_modules(self.MODULE) & FORBIDDEN_IMPORTS
        assert_pure_numpy(self.MODULE.__name__)
