"""Training goldens: every optimizer, 3 steps of a small model, from a NumPy reference.

Each case trains ``Dense(5, tanh) -> Dense(3, softmax)`` on 4 features with
categorical crossentropy, from seeded float32 weights on one seeded batch of
6 samples, for 3 steps; ``conformance/references/optimizers.py`` computes the
result in float64. ``golden/training/<case>.npz`` holds ``x``, ``y``,
``weight_<i>`` (initial), ``after_<i>`` (after the 3 steps), ``losses`` (the
loss of each step, before its update) and, when the case has them, ``ema_<i>``
(the moving averages) and ``scale`` (a LossScaleOptimizer's final scale).
``golden/training/manifest.json`` lists every case: its definition, seed,
array shapes, dtype, the file's sha256 and the generator version.

Regenerate with ``regenerate()`` (refuses to overwrite a file whose bytes
would change unless ``accept=True``); ``check()`` recomputes every case in
memory and lists the differences with the stored files. keras_core is not
imported here: the test ``keras_core/optimizers/golden_test.py`` runs the
goldens on the active backend.
"""

import json
import pathlib

import numpy as np

from conformance import golden_io
from conformance.references import optimizers as ref

GENERATOR_VERSION = 1
ROOT = pathlib.Path(__file__).resolve().parent.parent / "golden" / "training"
MANIFEST = ROOT / "manifest.json"
STEPS = 3
MODEL = {"inputs": 4, "hidden": 5, "classes": 3, "batch": 6, "loss": "categorical_crossentropy"}


def _opt(class_name, **config):
    return {"optimizer": class_name, "config": config}


_EXP = {
    "class_name": "ExponentialDecay",
    "config": {"initial_learning_rate": 0.2, "decay_steps": 2, "decay_rate": 0.5},
}
_COS = {
    "class_name": "CosineDecay",
    "config": {"initial_learning_rate": 0.05, "decay_steps": 4, "alpha": 0.1},
}
_PIECEWISE = {
    "class_name": "PiecewiseConstantDecay",
    "config": {"boundaries": [0, 1], "values": [0.3, 0.2, 0.1]},
}

CASES = {
    "sgd": _opt("SGD", learning_rate=0.2),
    "sgd_momentum": _opt("SGD", learning_rate=0.2, momentum=0.9),
    "sgd_nesterov": _opt("SGD", learning_rate=0.2, momentum=0.9, nesterov=True),
    "rmsprop": _opt("RMSprop", learning_rate=0.01),
    "rmsprop_momentum": _opt("RMSprop", learning_rate=0.01, momentum=0.5),
    "rmsprop_centered": _opt("RMSprop", learning_rate=0.01, centered=True),
    "adam": _opt("Adam", learning_rate=0.05),
    "adam_amsgrad": _opt("Adam", learning_rate=0.05, beta_2=0.5, amsgrad=True),
    "adamw": _opt("AdamW", learning_rate=0.05, weight_decay=0.1),
    "adamax": _opt("Adamax", learning_rate=0.05),
    "adagrad": _opt("Adagrad", learning_rate=0.1),
    "adadelta": _opt("Adadelta", learning_rate=1.0),
    "adafactor": _opt("Adafactor", learning_rate=0.05),
    "nadam": _opt("Nadam", learning_rate=0.05),
    "ftrl": _opt(
        "Ftrl",
        learning_rate=0.2,
        l1_regularization_strength=0.001,
        l2_regularization_strength=0.01,
        l2_shrinkage_regularization_strength=0.01,
        beta=0.1,
    ),
    "lion": _opt("Lion", learning_rate=0.01),
    "lamb": _opt("Lamb", learning_rate=0.05),
    "loss_scale_sgd": _opt(
        "LossScaleOptimizer",
        inner_optimizer={"class_name": "SGD", "config": {"learning_rate": 0.2}},
        initial_scale=1024.0,
        dynamic_growth_steps=2,
    ),
    "sgd_exponential_decay": dict(_opt("SGD"), schedule=_EXP),
    "adam_cosine_decay": dict(_opt("Adam"), schedule=_COS),
    "sgd_piecewise_constant": dict(_opt("SGD", momentum=0.5), schedule=_PIECEWISE),
    "sgd_clipnorm": _opt("SGD", learning_rate=0.2, clipnorm=0.1),
    "adam_clipvalue": _opt("Adam", learning_rate=0.05, clipvalue=0.02),
    "sgd_global_clipnorm": _opt("SGD", learning_rate=0.2, global_clipnorm=0.1),
    "sgd_weight_decay": _opt("SGD", learning_rate=0.2, momentum=0.9, weight_decay=0.05),
    "adam_use_ema": _opt("Adam", learning_rate=0.05, use_ema=True, ema_momentum=0.5),
}


def _seed(name):
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(name)) % 10_000


def case_arrays(name):
    """The arrays of one case (inputs, initial weights, reference results), float32."""
    case = CASES[name]
    rng = np.random.default_rng(_seed(name))
    n_in, n_hid, n_cls, batch = (MODEL[k] for k in ("inputs", "hidden", "classes", "batch"))
    x = rng.uniform(-1.0, 1.0, (batch, n_in)).astype("float32")
    y = np.eye(n_cls, dtype="float32")[rng.integers(0, n_cls, batch)]
    shapes = [(n_in, n_hid), (n_hid,), (n_hid, n_cls), (n_cls,)]
    weights = [rng.uniform(-0.8, 0.8, s).astype("float32") for s in shapes]
    result = ref.train(
        case["optimizer"], case["config"], weights, x, y, steps=STEPS, schedule=case.get("schedule")
    )
    arrays = {"x": x, "y": y, "losses": result["losses"].astype("float64")}
    for i, w in enumerate(weights):
        arrays[f"weight_{i}"] = w
    for i, w in enumerate(result["weights"]):
        arrays[f"after_{i}"] = w.astype("float64")
    for i, w in enumerate(result.get("ema", [])):
        arrays[f"ema_{i}"] = w.astype("float64")
    if "scale" in result:
        arrays["scale"] = np.array(result["scale"], "float64")
    return arrays


def npz_bytes(arrays):
    """A deterministic .npz payload (sorted keys, fixed zip timestamps)."""
    return golden_io.npz_bytes(arrays)


def _entry(name, arrays, payload):
    case = CASES[name]
    return {
        "file": f"{name}.npz",
        "sha256": golden_io.sha256(payload),
        "seed": _seed(name),
        "optimizer": case["optimizer"],
        "config": case["config"],
        "schedule": case.get("schedule"),
        "steps": STEPS,
        "model": MODEL,
        "dtype": "float32",
        "reference_dtype": "float64",
        "shapes": {k: list(np.shape(v)) for k, v in sorted(arrays.items())},
        "generator_version": GENERATOR_VERSION,
    }


def _build():
    out = {}
    for name in sorted(CASES):
        arrays = case_arrays(name)
        payload = npz_bytes(arrays)
        out[name] = (_entry(name, arrays, payload), payload)
    return out


def _manifest_text(entries):
    return json.dumps(entries, indent=1, sort_keys=True) + "\n"


def check(root=None) -> list:
    """Recomputes every case; returns the differences with the stored goldens (empty: all equal)."""
    root = pathlib.Path(root) if root else ROOT
    problems = []
    built = _build()
    stored = golden_io.read_manifest(root / "manifest.json")
    for name, (entry, payload) in built.items():
        path = root / entry["file"]
        if not path.exists():
            problems.append(f"{name}: missing {path}")
        elif path.read_bytes() != payload:
            problems.append(f"{name}: {path.name} differs from the regenerated bytes")
        if stored.get(name) != entry:
            problems.append(f"{name}: manifest entry differs")
    for name in sorted(set(stored) - set(built)):
        problems.append(f"{name}: in the manifest but no longer a case")
    return problems


def regenerate(accept=False, root=None) -> list:
    """Writes every case's .npz and the manifest; returns the names of files written.

    Args:
        accept: overwrite files whose bytes would change (otherwise such a
            change raises ``ValueError`` and nothing is written).
        root: the output folder (default ``golden/training/``).
    """
    root = pathlib.Path(root) if root else ROOT
    built = _build()
    changed = [
        name
        for name, (entry, payload) in built.items()
        if (root / entry["file"]).exists() and (root / entry["file"]).read_bytes() != payload
    ]
    if changed and not accept:
        raise ValueError(
            f"Regenerating would change the training goldens {changed}; pass accept=True to "
            "overwrite them."
        )
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for entry, payload in built.values():
        path = root / entry["file"]
        if not path.exists() or path.read_bytes() != payload:
            path.write_bytes(payload)
            written.append(entry["file"])
    text = _manifest_text({name: entry for name, (entry, _) in built.items()})
    manifest = root / "manifest.json"
    if not manifest.exists() or manifest.read_text() != text:
        manifest.write_text(text)
        written.append("manifest.json")
    return written


def load(name, root=None):
    """``(manifest entry, arrays)`` of one stored case."""
    root = pathlib.Path(root) if root else ROOT
    entry = json.loads((root / "manifest.json").read_text())[name]
    return entry, golden_io.read_npz(root / entry["file"])


def names(root=None) -> list:
    """The stored case names, sorted."""
    root = pathlib.Path(root) if root else ROOT
    return sorted(json.loads((root / "manifest.json").read_text()))
