"""Record kinds beyond ops: layer goldens, training steps and save/load round trips.

Every function here runs on the active keras_core backend (a worker process of
``python -m conformance run``, or the pytest run of ``kinds_test.py``) and
yields report records of the same schema as the op records, with ``kind``
set to ``layer``, ``training`` or ``saving``:

- ``layer``: each golden case in ``golden/`` (``keras_core.testing.golden``),
  both sets: the NumPy-reference set (named by the bare case name) and the
  Keras 3 recordings (named ``keras3/<name>``): mode ``golden``, dtype
  ``float32``, case ``outputs`` (every output and, when recorded, the weights
  after the call), the family's tolerance below;
- ``training``: a few fixed small models, one ``train_on_batch`` step each;
  mode ``train_step``, cases ``loss`` and ``weights`` against a NumPy
  computation of the same step (float64);
- ``saving``: two small models saved in each declared format and loaded back
  in the same process (mode ``round_trip``: equal config, bit-equal weights,
  equal outputs). With an artifacts folder, the files of every declared
  format (``.keras``, ``.weights.h5``, ``.h5``) are also written to ``<artifacts>/saving/<backend>/`` and ``cross_load`` (run at
  ``merge --artifacts`` time, one process per loading backend) loads every
  other backend's files: one record per ordered pair, model and format.

The error metric is the harness's: ``|got - want| / max(1, |want|)`` against
the tolerance, so ``max_rel`` is comparable across kinds.
"""

import json
import os
import tempfile
import traceback

import numpy as np

KINDS = ("op", "layer", "training", "saving")
# Per golden family (the same budgets the layer tests use, float32 outputs).
LAYER_TOLERANCE = {
    "pooling": 1e-6,
    "convolution": 1e-5,
    "normalization": 2e-5,
    "attention": 2e-5,
    "recurrent": 2e-5,
}
DEFAULT_LAYER_TOLERANCE = 2e-5
# Goldens whose outputs we deliberately do not compare (golden/README.md explains).
WEIGHTS_ONLY = {
    "keras3/spectral_norm_embedding_training": "keras_core keeps the wrapped layer's float output "
    "dtype; Keras 3.15.1 casts it to the int32 input dtype (only the updated weights compare)",
}
TRAINING_TOLERANCE = 2e-5
SAVE_TOLERANCE = 1e-6
CROSS_TOLERANCE = 1e-5
SAVING_MODELS = ("mlp", "conv")
MESSAGE_LIMIT = 1500


def kind_repro(backend, kind, name, mode, case_id):
    """The one-line repro snippet of a non-op record."""
    return (
        "from conformance.kinds import reproduce\n"
        f"print(reproduce({backend!r}, {kind!r}, {name!r}, {mode!r}, {case_id!r}))"
    )


def make_record(
    kind,
    name,
    family,
    backend,
    mode,
    case_id,
    status,
    message="",
    max_abs=0.0,
    max_rel=0.0,
    tol=0.0,
    seed=None,
    dtype="float32",
):
    """One report record of a non-op kind."""
    return {
        "kind": kind,
        "op": name,
        "family": family,
        "backend": backend,
        "dtype": dtype,
        "mode": mode,
        "case_id": case_id,
        "status": status,
        "max_abs": _finite(max_abs),
        "max_rel": _finite(max_rel),
        "tol": _finite(tol),
        "message": (message or "")[:MESSAGE_LIMIT],
        "seed": seed,
        "repro": kind_repro(backend, kind, name, mode, case_id),
    }


def _finite(x):
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if np.isfinite(x) else None


class Mismatch(AssertionError):
    """A comparison beyond tolerance (a ``fail``, not an ``error``)."""


def measure(got, want, what):
    """``(max_abs, max_rel)`` of ``got`` against ``want``; raises Mismatch on shape/NaN."""
    got = np.asarray(got, np.float64)
    want = np.asarray(want, np.float64)
    if got.shape != want.shape:
        raise Mismatch(f"{what}: shape {got.shape}, expected {want.shape}")
    if not np.array_equal(np.isnan(got), np.isnan(want)):
        raise Mismatch(f"{what}: NaN positions differ")
    ok = ~np.isnan(want)
    if not ok.any():
        return 0.0, 0.0
    err = np.abs(got[ok] - want[ok])
    rel = err / np.maximum(1.0, np.abs(want[ok]))
    return float(err.max(initial=0.0)), float(rel.max(initial=0.0))


class _Worst:
    """Accumulates the worst error over several comparisons."""

    def __init__(self, tol):
        self.tol, self.max_abs, self.max_rel, self.where = tol, 0.0, 0.0, ""

    def add(self, got, want, what):
        a, r = measure(got, want, what)
        self.max_abs = max(self.max_abs, a)
        if r > self.max_rel or not self.where:
            self.max_rel, self.where = max(self.max_rel, r), what
        return r

    def result(self):
        if self.max_rel > self.tol:
            return "fail", f"{self.where}: error {self.max_rel:.3g} > tolerance {self.tol:.3g}"
        return "pass", ""


def _guarded(kind, name, family, backend, mode, case_id, fn, tol, seed=None):
    """Runs ``fn() -> _Worst`` and turns its outcome into a record."""
    try:
        worst = fn()
        status, message = worst.result()
        return make_record(
            kind,
            name,
            family,
            backend,
            mode,
            case_id,
            status,
            message,
            worst.max_abs,
            worst.max_rel,
            tol,
            seed,
        )
    except Mismatch as e:
        return make_record(kind, name, family, backend, mode, case_id, "fail", str(e), tol=tol)
    except Exception as e:
        status = "error"
        if isinstance(e, NotImplementedError):
            message = f"undeclared NotImplementedError: {e}"
        else:
            message = f"{type(e).__name__}: {e}"
        message += "\n" + traceback.format_exc(limit=6)
        return make_record(kind, name, family, backend, mode, case_id, status, message, tol=tol)


# ----------------------------------------------------------------------------- layer goldens


def layer_cases(sources=("numpy", "keras3")):
    """``[(name, family)]`` of every layer golden of ``sources``, sorted by name.

    NumPy-set goldens keep their bare name; Keras 3 recordings are named
    ``keras3/<name>`` (``keras_core.testing.golden.qualified_name``).
    """
    from keras_core.testing.golden import _manifest, qualified_name, source_dir

    out = []
    for source in sources:
        if not (source_dir(source) / "manifest.json").exists():
            continue
        out += [(qualified_name(n, source), e["family"]) for n, e in _manifest(source).items()]
    return sorted(out)


def _run_golden(name):
    from keras_core import backend
    from keras_core.backend.common import tree
    from keras_core.testing.golden import build_layer, load_case

    case, inputs, weights, expected = load_case(name)
    tol = LAYER_TOLERANCE.get(case.get("family", ""), DEFAULT_LAYER_TOLERANCE)
    worst = _Worst(tol)
    layer = build_layer(case)

    def tensors(x):
        if x is None:
            return None
        if isinstance(x, list):
            return [tensors(e) for e in x]
        return backend.convert_to_tensor(x)

    kwargs = {k: tensors(v) for k, v in case["tensor_kwargs_values"].items()}
    kwargs.update(case["call_kwargs"])
    args = [backend.convert_to_tensor(a) for a in inputs]

    def call():
        return layer(args, **kwargs) if case["input_mode"] == "list" else layer(*args, **kwargs)

    call()
    if len(layer.weights) != len(weights):
        raise Mismatch(f"{len(layer.weights)} weights, the golden has {len(weights)}")
    for v, w in zip(layer.weights, weights):
        if tuple(v.shape) != w.shape:
            raise Mismatch(f"weight {v.path}: shape {tuple(v.shape)}, golden {w.shape}")
    layer.set_weights(weights)
    outputs = [np.asarray(backend.convert_to_numpy(o)) for o in tree.flatten(call())]
    if name not in WEIGHTS_ONLY:
        if len(outputs) != len(expected):
            raise Mismatch(f"{len(outputs)} outputs, the golden has {len(expected)}")
        for i, (got, want) in enumerate(zip(outputs, expected)):
            worst.add(got, want, f"output {i}")
    for v, want in zip(layer.weights, case["weights_after"]):
        worst.add(backend.convert_to_numpy(v.value), want, f"weight {v.path} after the call")
    return worst


def run_layers(backend_name, names=None):
    """Yields one ``layer`` record per golden case (``names``: a subset)."""
    for name, family in layer_cases():
        if names and name not in names:
            continue
        tol = LAYER_TOLERANCE.get(family, DEFAULT_LAYER_TOLERANCE)
        yield _guarded(
            "layer",
            name,
            family,
            backend_name,
            "golden",
            "outputs",
            lambda name=name: _run_golden(name),
            tol,
        )


# ----------------------------------------------------------------------------- training steps


def _training_data(seed, n_in, n_out, batch, onehot=False):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (batch, n_in)).astype("float32")
    if onehot:
        y = np.eye(n_out, dtype="float32")[rng.integers(0, n_out, batch)]
    else:
        y = rng.uniform(-1, 1, (batch, n_out)).astype("float32")
    return rng, x, y


def _adam_step(w, g, lr, b1=0.9, b2=0.999, eps=1e-7):
    m, v = (1 - b1) * g, (1 - b2) * g * g
    alpha = lr * np.sqrt(1 - b2) / (1 - b1)
    return w - alpha * m / (np.sqrt(v) + eps)


def _rmsprop_step(w, g, lr, rho=0.9, eps=1e-7):
    v = (1 - rho) * g * g
    return w - lr * g / np.sqrt(v + eps)


def _case_dense_sgd_mse():
    """Dense(3) on 5 features, mean squared error, SGD(0.1)."""
    from keras_core import layers, models, optimizers

    rng, x, y = _training_data(11, 5, 3, 4)
    w = rng.uniform(-0.5, 0.5, (5, 3)).astype("float32")
    b = rng.uniform(-0.5, 0.5, (3,)).astype("float32")
    model = models.Sequential([layers.Input((5,)), layers.Dense(3)])
    model.compile(optimizer=optimizers.SGD(learning_rate=0.1), loss="mean_squared_error")
    model.set_weights([w, b])
    x64, y64, w64, b64 = (a.astype(np.float64) for a in (x, y, w, b))
    p = x64 @ w64 + b64
    loss = np.mean((p - y64) ** 2)
    dp = 2 * (p - y64) / p.size
    new = [w64 - 0.1 * (x64.T @ dp), b64 - 0.1 * dp.sum(0)]
    return model, x, y, loss, new


def _case_mlp_adam_mse():
    """Dense(4, tanh) -> Dense(2), mean squared error, Adam(0.01)."""
    from keras_core import layers, models, optimizers

    rng, x, y = _training_data(12, 3, 2, 6)
    ws = [rng.uniform(-0.5, 0.5, s).astype("float32") for s in [(3, 4), (4,), (4, 2), (2,)]]
    model = models.Sequential(
        [layers.Input((3,)), layers.Dense(4, activation="tanh"), layers.Dense(2)]
    )
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01), loss="mean_squared_error")
    model.set_weights(ws)
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    w1, b1, w2, b2 = (a.astype(np.float64) for a in ws)
    h = np.tanh(x64 @ w1 + b1)
    p = h @ w2 + b2
    loss = np.mean((p - y64) ** 2)
    dp = 2 * (p - y64) / p.size
    dh = (dp @ w2.T) * (1 - h * h)
    grads = [x64.T @ dh, dh.sum(0), h.T @ dp, dp.sum(0)]
    new = [_adam_step(w, g, 0.01) for w, g in zip((w1, b1, w2, b2), grads)]
    return model, x, y, loss, new


def _case_softmax_rmsprop_cce():
    """Dense(3, softmax), categorical crossentropy, RMSprop(0.01)."""
    from keras_core import layers, models, optimizers

    rng, x, y = _training_data(13, 4, 3, 5, onehot=True)
    w = rng.uniform(-0.5, 0.5, (4, 3)).astype("float32")
    b = rng.uniform(-0.5, 0.5, (3,)).astype("float32")
    model = models.Sequential([layers.Input((4,)), layers.Dense(3, activation="softmax")])
    model.compile(optimizer=optimizers.RMSprop(learning_rate=0.01), loss="categorical_crossentropy")
    model.set_weights([w, b])
    x64, y64, w64, b64 = (a.astype(np.float64) for a in (x, y, w, b))
    z = x64 @ w64 + b64
    e = np.exp(z - z.max(-1, keepdims=True))
    p = e / e.sum(-1, keepdims=True)
    loss = np.mean(-np.sum(y64 * np.log(p), -1))
    dz = (p - y64) / len(x)
    new = [_rmsprop_step(w64, x64.T @ dz, 0.01), _rmsprop_step(b64, dz.sum(0), 0.01)]
    return model, x, y, loss, new


TRAINING_CASES = {
    "dense_sgd_mse": _case_dense_sgd_mse,
    "mlp_adam_mse": _case_mlp_adam_mse,
    "softmax_rmsprop_cce": _case_softmax_rmsprop_cce,
}


def _run_training(name, case_id):
    model, x, y, loss, new = TRAINING_CASES[name]()
    got_loss = model.train_on_batch(x, y)
    worst = _Worst(TRAINING_TOLERANCE)
    if case_id == "loss":
        worst.add(np.asarray(got_loss, np.float64).reshape(()), loss, "loss")
    else:
        weights = model.get_weights()
        if len(weights) != len(new):
            raise Mismatch(f"{len(weights)} weights after the step, expected {len(new)}")
        for i, (got, want) in enumerate(zip(weights, new)):
            worst.add(got, want, f"weight {i} after one step")
    return worst


# The optimizer goldens of golden/training/ (conformance/training_goldens.py) are
# training records named "optimizer/<case>".
OPTIMIZER_GOLDEN_PREFIX = "optimizer/"


def _golden_optimizer(entry):
    from keras_core import optimizers

    config = dict(entry["config"])
    if entry["schedule"] is not None:
        config["learning_rate"] = optimizers.schedules.deserialize(entry["schedule"])
    if entry["optimizer"] == "LossScaleOptimizer":
        inner = optimizers.deserialize(config.pop("inner_optimizer"))
        return optimizers.LossScaleOptimizer(inner, **config)
    return optimizers.deserialize({"class_name": entry["optimizer"], "config": config})


def optimizer_golden_outputs(name):
    """Runs one optimizer golden on the active backend: ``[(what, got, want)]``.

    The golden's model (``Dense(5, tanh) -> Dense(3, softmax)``) starts from the
    stored weights and takes ``steps`` ``train_on_batch`` steps on the stored batch;
    the losses, the weights after the steps, and the loss scale or moving averages
    where the case has them are paired with the NumPy reference's values.
    """
    from conformance import training_goldens
    from keras_core import layers, models

    entry, arrays = training_goldens.load(name)
    m = entry["model"]
    model = models.Sequential(
        [
            layers.Input((m["inputs"],)),
            layers.Dense(m["hidden"], activation="tanh"),
            layers.Dense(m["classes"], activation="softmax"),
        ]
    )
    model.set_weights([arrays[f"weight_{i}"] for i in range(4)])
    optimizer = _golden_optimizer(entry)
    model.compile(optimizer=optimizer, loss=m["loss"])
    losses = []
    for _ in range(entry["steps"]):
        # train_on_batch reports running means (as in Keras 3): reset to read each step's loss.
        model.reset_metrics()
        losses.append(float(np.asarray(model.train_on_batch(arrays["x"], arrays["y"]))))
    out = [("losses", np.array(losses), arrays["losses"])]
    for i, got in enumerate(model.get_weights()):
        out.append((f"weight {i} after {entry['steps']} steps", got, arrays[f"after_{i}"]))
    iterations = int(np.asarray(optimizer.iterations.numpy()))
    if iterations != entry["steps"]:
        raise Mismatch(f"optimizer.iterations is {iterations}, expected {entry['steps']}")
    if "scale" in arrays:
        out.append(("loss scale", optimizer.dynamic_scale.numpy(), arrays["scale"]))
    if "ema_0" in arrays:
        optimizer.finalize_variable_values(model.trainable_variables)
        for i, got in enumerate(model.get_weights()):
            out.append((f"moving average {i}", got, arrays[f"ema_{i}"]))
    return out


def _run_optimizer_golden(name):
    worst = _Worst(TRAINING_TOLERANCE)
    for what, got, want in optimizer_golden_outputs(name):
        worst.add(np.asarray(got, np.float64), np.asarray(want, np.float64), what)
    return worst


def run_training(backend_name, names=None):
    """Yields ``training`` records: per fixed case, the step's loss and its new weights;
    per optimizer golden (``optimizer/<case>``), its losses and weights after the steps."""
    from conformance import training_goldens

    for name in sorted(TRAINING_CASES):
        if names and name not in names:
            continue
        for case_id in ("loss", "weights"):
            yield _guarded(
                "training",
                name,
                "training",
                backend_name,
                "train_step",
                case_id,
                lambda name=name, case_id=case_id: _run_training(name, case_id),
                TRAINING_TOLERANCE,
            )
    for golden in training_goldens.names():
        name = OPTIMIZER_GOLDEN_PREFIX + golden
        if names and name not in names:
            continue
        yield _guarded(
            "training",
            name,
            "training",
            backend_name,
            "train_step",
            "golden",
            lambda golden=golden: _run_optimizer_golden(golden),
            TRAINING_TOLERANCE,
        )


# ----------------------------------------------------------------------------- saving


def _saving_model(name):
    """A small functional model with seeded weights, and a seeded input batch."""
    from keras_core import layers, models

    rng = np.random.default_rng({"mlp": 21, "conv": 22}[name])
    if name == "mlp":
        inputs = layers.Input((5,))
        h = layers.Dense(8, activation="relu")(inputs)
        outputs = layers.Dense(3, activation="softmax")(h)
        x = rng.uniform(-1, 1, (4, 5)).astype("float32")
    else:
        inputs = layers.Input((6, 6, 2))
        h = layers.Conv2D(3, 3, padding="same")(inputs)
        h = layers.BatchNormalization()(h)
        h = layers.MaxPooling2D()(h)
        h = layers.Flatten()(h)
        outputs = layers.Dense(2)(h)
        x = rng.uniform(-1, 1, (2, 6, 6, 2)).astype("float32")
    model = models.Model(inputs, outputs, name=f"conformance_{name}")
    weights = [rng.uniform(0.5, 1.5, w.shape).astype(w.dtype) for w in model.get_weights()]
    model.set_weights(weights)
    return model, x


def _predict(model, x):
    from keras_core import backend

    return np.asarray(backend.convert_to_numpy(model(x, training=False)))


def _compare_models(loaded, weights, x, outputs, tol, check_config=None):
    worst = _Worst(tol)
    got = loaded.get_weights()
    if len(got) != len(weights):
        raise Mismatch(f"{len(got)} weights after loading, {len(weights)} saved")
    for i, (g, w) in enumerate(zip(got, weights)):
        g = np.asarray(g)
        if g.shape != w.shape or not np.array_equal(g, w):
            raise Mismatch(f"weight {i} is not bit-equal after loading")
    if check_config is not None and loaded.get_config() != check_config:
        raise Mismatch("the loaded model's config differs from the saved one")
    worst.add(_predict(loaded, x), outputs, "outputs after loading")
    return worst


def _round_trip(name, fmt):
    from keras_core import models

    model, x = _saving_model(name)
    weights = [np.asarray(w) for w in model.get_weights()]
    outputs = _predict(model, x)
    config = model.get_config()
    with tempfile.TemporaryDirectory(prefix="conformance-save-") as tmp:
        path = os.path.join(tmp, f"{name}{fmt}")
        _save(model, path, fmt)
        loaded = _load(name, path, fmt)
        assert isinstance(loaded, models.Model)
        return _compare_models(
            loaded, weights, x, outputs, SAVE_TOLERANCE, config if fmt != ".weights.h5" else None
        )


def _save(model, path, fmt):
    import warnings

    if fmt == ".weights.h5":
        model.save_weights(path)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the legacy .h5 format warns
        model.save(path)


def _load(name, path, fmt):
    """The model saved at ``path``: ``load_model``, or a fresh model given the weights file."""
    from keras_core import saving

    if fmt != ".weights.h5":
        return saving.load_model(path)
    fresh, _ = _saving_model(name)
    fresh.set_weights([np.zeros_like(np.asarray(w)) for w in fresh.get_weights()])
    fresh.load_weights(path)
    return fresh


def write_artifacts(backend_name, artifacts, formats=(".keras",)):
    """Writes each saving model in each of ``formats`` plus its weights, input and output.

    ``<artifacts>/saving/<backend>/<model><fmt>`` and ``<model>.npz``; ``written.json``
    names the backend, models and formats, which the other backends then load.
    """
    folder = os.path.join(artifacts, "saving", backend_name.replace("/", "_"))
    os.makedirs(folder, exist_ok=True)
    for name in SAVING_MODELS:
        model, x = _saving_model(name)
        for fmt in formats:
            _save(model, os.path.join(folder, f"{name}{fmt}"), fmt)
        arrays = {"input": x, "output": _predict(model, x)}
        for i, w in enumerate(model.get_weights()):
            arrays[f"weight_{i}"] = np.asarray(w)
        np.savez(os.path.join(folder, f"{name}.npz"), **arrays)
    meta = {"backend": backend_name, "models": list(SAVING_MODELS), "formats": list(formats)}
    with open(os.path.join(folder, "written.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f)


def run_saving(backend_name, formats, names=None, artifacts=None):
    """Yields ``saving`` round-trip records (each model x format) and writes artifacts."""
    for name in SAVING_MODELS:
        if names and name not in names:
            continue
        for fmt in formats:
            yield _guarded(
                "saving",
                name,
                "saving",
                backend_name,
                "round_trip",
                fmt,
                lambda name=name, fmt=fmt: _round_trip(name, fmt),
                SAVE_TOLERANCE,
            )
    if artifacts:
        try:
            write_artifacts(backend_name, artifacts, formats)
        except Exception as e:
            yield make_record(
                "saving",
                "*",
                "saving",
                backend_name,
                "write_artifacts",
                artifacts,
                "error",
                f"writing the cross-backend files failed: {type(e).__name__}: {e}\n"
                + traceback.format_exc(limit=6),
            )


def _cross_load(folder, name, fmt=".keras"):
    with np.load(os.path.join(folder, f"{name}.npz")) as data:
        x, outputs = data["input"], data["output"]
        weights = []
        while f"weight_{len(weights)}" in data.files:
            weights.append(data[f"weight_{len(weights)}"])
    loaded = _load(name, os.path.join(folder, f"{name}{fmt}"), fmt)
    return _compare_models(loaded, weights, x, outputs, CROSS_TOLERANCE)


def written_formats(folder):
    """The formats a writer saved into ``folder`` (``.keras`` for older artifacts)."""
    with open(os.path.join(folder, "written.json"), encoding="utf-8") as f:
        return json.load(f).get("formats", [".keras"])


def writers(artifacts):
    """The backends that wrote saving artifacts into ``artifacts``: ``{backend: folder}``."""
    root = os.path.join(artifacts, "saving")
    out = {}
    if not os.path.isdir(root):
        return out
    for sub in sorted(os.listdir(root)):
        meta = os.path.join(root, sub, "written.json")
        if os.path.exists(meta):
            with open(meta, encoding="utf-8") as f:
                out[json.load(f)["backend"]] = os.path.join(root, sub)
    return out


def run_cross_load(backend_name, artifacts, formats=None):
    """Yields one ``cross_load`` record per other writer backend, model and format.

    ``formats``: the formats this (loading) backend declares; None loads every format
    the writer saved. The case id reads ``<writer>-><loader><fmt>``.
    """
    for writer, folder in writers(artifacts).items():
        if writer == backend_name:
            continue
        for fmt in written_formats(folder):
            if formats is not None and fmt not in formats:
                continue
            for name in SAVING_MODELS:
                yield _guarded(
                    "saving",
                    name,
                    "saving",
                    backend_name,
                    "cross_load",
                    f"{writer}->{backend_name}{fmt}",
                    lambda folder=folder, name=name, fmt=fmt: _cross_load(folder, name, fmt),
                    CROSS_TOLERANCE,
                )


# ----------------------------------------------------------------------------- entry points


def run_kinds(backend_name, caps, kinds, artifacts=None):
    """Yields the records of the non-op ``kinds`` that the capability manifest allows.

    Training runs only when ``caps["training"]`` is true; saving runs the formats in
    ``caps["save_formats"]``; layer goldens run on every backend.
    """
    if "layer" in kinds:
        yield from run_layers(backend_name)
    if "training" in kinds and caps.get("training"):
        yield from run_training(backend_name)
    if "saving" in kinds and caps.get("save_formats"):
        formats = list(caps["save_formats"])
        # Only a backend that saves .keras files writes files for the other backends.
        yield from run_saving(
            backend_name, formats, artifacts=artifacts if ".keras" in formats else None
        )


def reproduce(backend, kind, name, mode, case_id):
    """Re-runs one non-op record on ``backend`` and returns the record.

    Args:
        backend: a built-in backend or plug-in (KERAS_BACKEND must match its base).
        kind: layer | training | saving.
        name: the record's ``op`` (golden, training case or saving model name).
        mode: the record's mode.
        case_id: the record's case id.

    Returns:
        The record dict.
    """
    from conformance.runner import setup_backend

    setup_backend(backend)
    if kind == "layer":
        return next(run_layers(backend, [name]))
    if kind == "training":
        recs = [r for r in run_training(backend, [name]) if r["case_id"] == case_id]
        return recs[0]
    if kind == "saving" and mode == "round_trip":
        return next(r for r in run_saving(backend, [case_id], [name]))
    if kind == "saving" and mode == "cross_load":
        raise ValueError(
            "cross_load records are re-run with `python -m conformance merge --artifacts DIR`"
        )
    raise ValueError(f"unknown record kind/mode: {kind}/{mode}")


def main(argv=None):
    """``python -m conformance.kinds cross-load --backend B --artifacts DIR --out F``."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m conformance.kinds")
    p.add_argument("command", choices=["cross-load"])
    p.add_argument("--backend", required=True)
    p.add_argument("--artifacts", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    from conformance.runner import setup_backend

    _, caps = setup_backend(a.backend)
    with open(a.out, "w", encoding="utf-8") as out:
        for rec in run_cross_load(a.backend, a.artifacts, caps.get("save_formats")):
            out.write(json.dumps(rec, allow_nan=False) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
