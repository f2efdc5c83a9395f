"""Layer goldens recorded from Keras 3 (``golden/`` at the repository root).

``load_case(name)`` reads one recorded case, checking the file's sha256
against ``golden/manifest.json``; ``check_golden(name)`` rebuilds the same
layer in keras_core on the active backend, gives it the recorded weights
(Keras 3's ``get_weights()`` order), calls it on the recorded inputs and
compares every output. Keras 3 itself is never imported here: the data was
written by ``golden/record.py``.
"""

import hashlib
import json
from pathlib import Path

import numpy as np

from keras_core import backend
from keras_core.backend.common import tree

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden"


def _manifest():
    path = GOLDEN_DIR / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No golden manifest at {path}: goldens live in the source tree (golden/), "
            "recorded by `python golden/record.py`."
        )
    return json.loads(path.read_text())


def case_names(family: str) -> list:
    """The names of the recorded cases of one family, sorted.

    Example:
    >>> "conv2d_same_stride2" in case_names("convolution")
    True
    """
    return sorted(n for n, e in _manifest().items() if e["family"] == family)


def load_case(name: str) -> tuple:
    """``(case, inputs, weights, outputs)`` of a recorded golden.

    ``case`` is the manifest's case dict, plus ``"tensor_kwargs_values"`` (the
    recorded tensor call arguments, e.g. masks), ``"weights_after"`` (the
    weights after the call, when recorded) and ``"weight_paths"`` (Keras 3's
    variable paths).

    Args:
        name: the case name (see ``golden/cases/*.py``).

    Returns:
        The case dict and the lists of input, weight and output arrays.

    Example:
    >>> case, inputs, weights, outputs = load_case("conv2d_same_stride2")
    >>> case["layer"]
    'Conv2D'
    """
    manifest = _manifest()
    if name not in manifest:
        raise KeyError(f"No golden named {name!r}. Recorded: {sorted(manifest)[:20]}...")
    entry = manifest[name]
    path = GOLDEN_DIR / entry["file"]
    payload = path.read_bytes()
    digest = hashlib.sha256(payload).hexdigest()
    if digest != entry["sha256"]:
        raise ValueError(
            f"Golden {name!r}: {path} has sha256 {digest}, but the manifest records "
            f"{entry['sha256']}. Re-record it with `python golden/record.py --case {name}`."
        )
    import io

    with np.load(io.BytesIO(payload), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}

    def numbered(prefix):
        out, i = [], 0
        while f"{prefix}{i}" in arrays:
            out.append(arrays[f"{prefix}{i}"])
            i += 1
        return out

    case = dict(entry["case"])
    kwargs = {}
    for key, spec in case["tensor_kwargs"].items():
        if isinstance(spec, list):
            kwargs[key] = [arrays.get(f"kwarg_{key}_{i}") for i in range(len(spec))]
        else:
            kwargs[key] = arrays[f"kwarg_{key}"]
    case["tensor_kwargs_values"] = kwargs
    case["weights_after"] = numbered("after_weight_")
    case["weight_paths"] = [str(p) for p in arrays.get("weight_paths", [])]
    return case, numbered("input_"), numbered("weight_"), numbered("output_")


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


def _to_tensors(x):
    if x is None:
        return None
    if isinstance(x, list):
        return [_to_tensors(e) for e in x]
    return backend.convert_to_tensor(x)


def check_golden(
    name: str, atol: float = 1e-5, rtol: float = 1e-5, layer=None, compare_outputs: bool = True
):
    """Runs a golden on the active backend and compares it with Keras 3's outputs.

    Builds the layer (unless ``layer`` is given), builds it by calling it once,
    sets the recorded weights, calls it again and compares every output (and,
    when recorded, the weights after the call) in float32.

    Args:
        name: the case name.
        atol, rtol: the tolerances.
        layer: optionally, a layer to use instead of one built from the config.
        compare_outputs: False to compare only the weights after the call (for a
            case where we deliberately differ from Keras 3's output).

    Returns:
        ``(layer, outputs)`` with the outputs as NumPy arrays.

    Example:
    >>> _, outs = check_golden("conv2d_same_stride2")
    >>> outs[0].shape
    (2, 4, 4, 4)
    """
    case, inputs, weights, expected = load_case(name)
    if layer is None:
        layer = build_layer(case)
    kwargs = {k: _to_tensors(v) for k, v in case["tensor_kwargs_values"].items()}
    kwargs.update(case["call_kwargs"])
    tensors = [backend.convert_to_tensor(a) for a in inputs]

    def call():
        if case["input_mode"] == "list":
            return layer(tensors, **kwargs)
        return layer(*tensors, **kwargs)

    call()
    ours = layer.weights
    if len(ours) != len(weights):
        raise AssertionError(
            f"golden {name!r}: keras_core has {len(ours)} weights "
            f"{[v.path for v in ours]}, Keras 3 has {len(weights)} {case['weight_paths']}"
        )
    for v, w, kpath in zip(ours, weights, case["weight_paths"] or [None] * len(weights)):
        if tuple(v.shape) != w.shape:
            raise AssertionError(
                f"golden {name!r}: weight {v.path!r} has shape {tuple(v.shape)}, Keras 3's "
                f"{kpath!r} has {w.shape} (weight order must match Keras 3)"
            )
    layer.set_weights(weights)
    outputs = [np.asarray(backend.convert_to_numpy(o)) for o in tree.flatten(call())]
    if not compare_outputs:
        expected = outputs
    if len(outputs) != len(expected):
        raise AssertionError(
            f"golden {name!r}: {len(outputs)} outputs, Keras 3 gave {len(expected)}"
        )
    for i, (got, want) in enumerate(zip(outputs, expected)):
        assert got.shape == want.shape, (
            f"golden {name!r} output {i}: shape {got.shape}, Keras 3 {want.shape}"
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
