"""The backends share one layout, and every op name comes from one declaration.

These checks read the source files (``ast``), so they run in any backend's
process without importing the other frameworks:

- every backend folder has the same module set;
- an op lives in the backend module named after the ops module that declares
  it (``ops/numpy/<family>.py`` -> ``numpy_<family>.py``, ``ops/<m>.py`` ->
  ``<m>.py``, ``random/`` -> ``random.py``), on every backend;
- a backend defines no public function that is neither a declared op nor part
  of the backend API listed below;
- the helper module has the same helpers with the same signatures everywhere.
"""

import ast
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
BACKENDS = ("tensorflow", "jax", "torch", "numpy")
OPS_DIR = os.path.join(PACKAGE, "ops")

# Modules of ops/ that declare no ops (machinery).
OPS_MACHINERY = {"operation", "node", "function", "op_utils", "__init__"}
# Backend modules holding no ops: the package, the aggregates' helpers, layers, training.
BACKEND_NON_OP_MODULES = {"__init__", "op_helpers", "layer", "trainer", "rnn", "optimizer"}
# What a backend provides besides ops (``keras_core.backend`` API), by module.
BACKEND_API = {
    "core": {
        "Variable",
        "convert_to_tensor",
        "convert_to_numpy",
        "is_tensor",
        "cast",
        "shape",
        "compute_output_spec",
        "clear_backend_session",
        "to_native_dtype",
        "device_scope",
        "random_seed_dtype",
    },
}
# The helper module's shared contract: name -> argument list.
HELPERS = {
    "tensor": ["x", "op", "arg"],
    "dtype_of": ["x", "op"],
    "cast": ["x", "dtype"],
    "result_type": ["op", "*args"],
    "float_type": ["op", "*args"],
    "unary_type": ["op", "x"],
    "sum_type": ["op", "x", "dtype"],
    "canonical_axis": ["op", "axis", "ndim", "arg"],
    "canonical_axes": ["op", "axis", "ndim", "arg"],
    "check_broadcast": ["op", "*xs"],
    "broadcast_error": ["op", "*shapes"],
    "float_unary": ["op", "fn", "x"],
    "float_binary": ["op", "fn", "x1", "x2"],
}


def _modules(folder):
    return sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py") and "_test" not in f)


def _tree(path):
    with open(path) as f:
        return ast.parse(f.read(), path)


def _public_defs(path):
    """Top-level public function and class names defined in a file."""
    return {
        node.name
        for node in _tree(path).body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")
    }


def _public_functions(path):
    return {
        node.name
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }


def _declared_ops():
    """op name -> expected backend module name, from the declarations in ops/."""
    placement = {}

    def add(name, module):
        assert name not in placement, f"op {name!r} is declared twice in ops/"
        placement[name] = module

    for m in _modules(OPS_DIR):
        if m in OPS_MACHINERY:
            continue
        for name in _public_functions(os.path.join(OPS_DIR, m + ".py")):
            add(name, m)
    numpy_dir = os.path.join(OPS_DIR, "numpy")
    for m in _modules(numpy_dir):
        if m.startswith("_"):
            continue
        for name in _public_functions(os.path.join(numpy_dir, m + ".py")):
            add(name, "numpy_" + m)
    random_dir = os.path.join(PACKAGE, "random")
    for m in _modules(random_dir):
        if m in ("__init__", "seed_generator"):
            continue
        for name in _public_functions(os.path.join(random_dir, m + ".py")):
            add(name, "random")
    return placement


DECLARED = _declared_ops()


def test_every_backend_has_the_same_modules():
    sets = {b: _modules(os.path.join(HERE, b)) for b in BACKENDS}
    reference = sets["jax"]
    for b, mods in sets.items():
        assert mods == reference, (
            f"backend {b} modules differ from jax: only in {b}: "
            f"{sorted(set(mods) - set(reference))}, missing: {sorted(set(reference) - set(mods))}"
        )


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_ops_live_in_their_family_module(backend_name):
    folder = os.path.join(HERE, backend_name)
    misplaced, undeclared = [], []
    for m in _modules(folder):
        if m in BACKEND_NON_OP_MODULES:
            continue
        allowed = BACKEND_API.get(m, set())
        for name in _public_defs(os.path.join(folder, m + ".py")):
            if name in allowed:
                continue
            expected = DECLARED.get(name)
            if expected is None:
                undeclared.append(f"{m}.{name}")
            elif expected != m:
                misplaced.append(f"{name}: in {m}.py, belongs in {expected}.py")
    assert not undeclared, (
        f"{backend_name} defines public names that no op in ops/ declares "
        f"(make them private or move them to op_helpers.py): {undeclared}"
    )
    assert not misplaced, f"{backend_name} has ops in the wrong module: {misplaced}"


def _signature(node):
    args = [a.arg for a in node.args.posonlyargs + node.args.args]
    if node.args.vararg:
        args.append("*" + node.args.vararg.arg)
    args += [a.arg for a in node.args.kwonlyargs]
    return args


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_helper_module_contract(backend_name):
    path = os.path.join(HERE, backend_name, "op_helpers.py")
    found = {
        node.name: _signature(node)
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef)
    }
    for name, args in HELPERS.items():
        assert name in found, f"{backend_name}/op_helpers.py lacks helper {name}{tuple(args)}"
        assert found[name] == args, (
            f"{backend_name}/op_helpers.py: {name}{tuple(found[name])}, expected {tuple(args)}"
        )


def test_no_module_is_too_long():
    long = []
    for b in BACKENDS:
        for m in _modules(os.path.join(HERE, b)):
            with open(os.path.join(HERE, b, m + ".py")) as f:
                n = sum(1 for _ in f)
            if n > 1100:
                long.append(f"{b}/{m}.py: {n} lines")
    assert not long, f"split these modules by family: {long}"
