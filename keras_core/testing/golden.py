"""Layer goldens (``golden/`` at the repository root), in two sets.

- ``"numpy"`` (the default): ``golden/manifest.json`` + ``golden/data/``,
  expected outputs computed by keras_core's own NumPy references
  (``conformance/references/layers/``), written by
  ``python -m conformance golden --regenerate``.
- ``"keras3"``: ``golden/keras3/manifest.json`` + ``golden/keras3/data/``,
  outputs recorded from Keras 3 itself by ``golden/keras3/record.py`` (an
  external cross-check).

Both sets store the same ``.npz`` keys, so they are read identically. A name
may be qualified by its set, ``"keras3/conv2d_same_stride2"``; a bare name is
looked up in the ``source`` given (default ``"numpy"``).

``load_case(name)`` reads one case, checking the file's sha256 against its
manifest; ``check_golden(name)`` rebuilds the same layer in keras_core on the
active backend, gives it the stored weights (Keras 3's ``get_weights()``
order), calls it on the stored inputs and compares every output. Neither
Keras 3 nor the references are imported here.
"""

import importlib.util
from pathlib import Path

import numpy as np

from keras_core import backend
from keras_core.backend.common import tree

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden"


def _load_golden_io():
    # conformance/golden_io.py (NumPy only), loaded by path: goldens live in the source
    # tree beside it, and the repository root need not be on sys.path.
    path = GOLDEN_DIR.parent / "conformance" / "golden_io.py"
    spec = importlib.util.spec_from_file_location("_keras_core_golden_io", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden_io = _load_golden_io()
SOURCES = ("numpy", "keras3")
DEFAULT_SOURCE = "numpy"
_HOW = {
    "numpy": "python -m conformance golden --regenerate --accept --case {name}",
    "keras3": "python golden/keras3/record.py --case {name}",
}


def source_dir(source: str = DEFAULT_SOURCE) -> Path:
    """The folder of a golden set: ``golden/`` (numpy) or ``golden/keras3/``."""
    if source not in SOURCES:
        raise ValueError(f"`source` must be one of {SOURCES}. Received: source={source!r}")
    return GOLDEN_DIR if source == "numpy" else GOLDEN_DIR / source


def split_name(name: str, source: str = None) -> tuple:
    """``(source, bare_name)`` of a possibly qualified name such as ``"keras3/x"``."""
    head, sep, tail = name.partition("/")
    if sep and head in SOURCES:
        if source is not None and source != head:
            raise ValueError(f"Golden {name!r} names the {head!r} set but `source` is {source!r}.")
        return head, tail
    return (source or DEFAULT_SOURCE), name


def qualified_name(name: str, source: str = None) -> str:
    """The record name of a golden: bare for the numpy set, ``"keras3/<name>"`` otherwise."""
    source, bare = split_name(name, source)
    return bare if source == DEFAULT_SOURCE else f"{source}/{bare}"


def _manifest(source: str = DEFAULT_SOURCE) -> dict:
    path = source_dir(source) / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No golden manifest at {path}: goldens live in the source tree (golden/), "
            f"written by `{_HOW[source].format(name='NAME').rsplit(' --', 1)[0]}`."
        )
    return golden_io.read_manifest(path)


def case_names(family: str, source: str = DEFAULT_SOURCE) -> list:
    """The (bare) names of the cases of one family in one golden set, sorted.

    Example:
    >>> "conv2d_same_stride2" in case_names("convolution", source="keras3")
    True
    """
    return sorted(n for n, e in _manifest(source).items() if e["family"] == family)


def load_case(name: str, source: str = None) -> tuple:
    """``(case, inputs, weights, outputs)`` of a recorded golden.

    ``case`` is the manifest's case dict, plus ``"tensor_kwargs_values"`` (the
    recorded tensor call arguments, e.g. masks), ``"weights_after"`` (the
    weights after the call, when recorded), ``"weight_paths"`` (Keras 3's
    variable paths, or the references' path suffixes), ``"family"`` and
    ``"source"``.

    Args:
        name: the case name (see ``golden/cases/*.py``), or a qualified name
            such as ``"keras3/conv2d_same_stride2"``.
        source: the golden set of a bare name: ``"numpy"`` (default) or
            ``"keras3"``.

    Returns:
        The case dict and the lists of input, weight and output arrays.

    Example:
    >>> case, inputs, weights, outputs = load_case("keras3/conv2d_same_stride2")
    >>> case["layer"]
    'Conv2D'
    """
    source, name = split_name(name, source)
    manifest = _manifest(source)
    if name not in manifest:
        raise KeyError(f"No {source} golden named {name!r}. Recorded: {sorted(manifest)[:20]}...")
    entry = manifest[name]
    path = source_dir(source) / entry["file"]
    payload = path.read_bytes()
    digest = golden_io.sha256(payload)
    if digest != entry["sha256"]:
        raise ValueError(
            f"Golden {name!r}: {path} has sha256 {digest}, but the manifest records "
            f"{entry['sha256']}. Regenerate it with `{_HOW[source].format(name=name)}`."
        )
    arrays = golden_io.read_npz(payload)
    case = dict(entry["case"])
    case.setdefault("family", entry.get("family"))
    case["source"] = source
    case["tensor_kwargs_values"] = golden_io.stored_tensor_kwargs(arrays, case["tensor_kwargs"])
    case["weights_after"] = golden_io.numbered(arrays, "after_weight_")
    case["weight_paths"] = [str(p) for p in arrays.get("weight_paths", [])]
    return (
        case,
        golden_io.numbered(arrays, "input_"),
        golden_io.numbered(arrays, "weight_"),
        golden_io.numbered(arrays, "output_"),
    )


def _materialize(value):
    from keras_core import layers

    if isinstance(value, dict):
        name = value.get("class_name")
        if isinstance(name, str) and hasattr(layers, name) and "config" in value:
            return getattr(layers, name)(**_materialize(value["config"]))
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v) for v in value]
    return value


def build_layer(case: dict):
    """The keras_core layer of a case: ``layers.<layer>(**config)``."""
    from keras_core import layers

    cls = getattr(layers, case["layer"], None)
    if cls is None:
        raise AttributeError(f"keras_core.layers has no {case['layer']!r}")
    return cls(**_materialize(case["config"]))


def to_tensors(x):
    """Arrays (possibly in nested lists, ``None`` kept) as tensors of the active backend."""
    if x is None:
        return None
    if isinstance(x, list):
        return [to_tensors(e) for e in x]
    return backend.convert_to_tensor(x)


def layer_caller(layer, inputs, tensor_kwargs: dict, call_kwargs: dict, input_mode="args"):
    """A no-argument function calling ``layer`` on ``inputs`` (as tensors) the way a case
    says: positionally (``input_mode="args"``) or as one list (``"list"``)."""
    tensors = [to_tensors(a) for a in inputs]
    kwargs = {k: to_tensors(v) for k, v in tensor_kwargs.items()}
    kwargs.update(call_kwargs)

    def call():
        if input_mode == "list":
            return layer(tensors, **kwargs)
        return layer(*tensors, **kwargs)

    return call


def check_golden(
    name: str,
    atol: float = 1e-5,
    rtol: float = 1e-5,
    layer=None,
    compare_outputs: bool = True,
    source: str = None,
):
    """Runs a golden on the active backend and compares it with the stored outputs.

    Builds the layer (unless ``layer`` is given), builds it by calling it once,
    sets the recorded weights, calls it again and compares every output (and,
    when recorded, the weights after the call) in float32.

    Args:
        name: the case name.
        atol, rtol: the tolerances.
        layer: optionally, a layer to use instead of one built from the config.
        compare_outputs: False to compare only the weights after the call (for a
            case where we deliberately differ from Keras 3's output).
        source: the golden set of a bare name, ``"numpy"`` (default) or
            ``"keras3"``.

    Returns:
        ``(layer, outputs)`` with the outputs as NumPy arrays.

    Example:
    >>> _, outs = check_golden("conv2d_same_stride2", source="keras3")
    >>> outs[0].shape
    (2, 4, 4, 4)
    """
    case, inputs, weights, expected = load_case(name, source)
    if layer is None:
        layer = build_layer(case)
    call = layer_caller(
        layer, inputs, case["tensor_kwargs_values"], case["call_kwargs"], case["input_mode"]
    )
    call()
    ours = layer.weights
    if len(ours) != len(weights):
        raise AssertionError(
            f"golden {name!r}: keras_core has {len(ours)} weights "
            f"{[v.path for v in ours]}, the golden has {len(weights)} {case['weight_paths']}"
        )
    for v, w, kpath in zip(ours, weights, case["weight_paths"] or [None] * len(weights)):
        if tuple(v.shape) != w.shape:
            raise AssertionError(
                f"golden {name!r}: weight {v.path!r} has shape {tuple(v.shape)}, the golden's "
                f"{kpath!r} has {w.shape} (weight order must match Keras 3's)"
            )
    layer.set_weights(weights)
    outputs = [np.asarray(backend.convert_to_numpy(o)) for o in tree.flatten(call())]
    if not compare_outputs:
        expected = outputs
    if len(outputs) != len(expected):
        raise AssertionError(
            f"golden {name!r}: {len(outputs)} outputs, the golden has {len(expected)}"
        )
    for i, (got, want) in enumerate(zip(outputs, expected)):
        assert got.shape == want.shape, (
            f"golden {name!r} output {i}: shape {got.shape}, the golden's {want.shape}"
        )
        np.testing.assert_allclose(
            got.astype(np.float32),
            want.astype(np.float32),
            atol=atol,
            rtol=rtol,
            err_msg=f"golden {name!r} output {i}",
        )
    for v, want in zip(layer.weights, case["weights_after"]):
        np.testing.assert_allclose(
            np.asarray(v.numpy(), np.float32),
            want.astype(np.float32),
            atol=atol,
            rtol=rtol,
            err_msg=f"golden {name!r}: weight {v.path!r} after the call",
        )
    return layer, outputs
