"""Save on one backend, load on another: every ordered pair of tensorflow, jax, torch
(and numpy for load + predict), for ``.keras``, ``.weights.h5`` and legacy ``.h5``.

Each side runs in its own subprocess (one backend per process): this file is
also the worker script (``python saving_cross_backend_test.py write|read ...``).
The writer builds a Functional model over every layer family keras_core has
(with a registered custom layer and per-output losses), a Sequential model
and a registered subclassed model; compiles them (Adam, RMSprop, SGD with
Nesterov momentum); trains two steps; saves; records configs, weights,
optimizer variables, predictions, and the per-epoch losses and the weights of
``CURVE_EPOCHS`` more epochs. The reader loads every file and checks:
identical configs, bit-identical weights and optimizer state, outputs within
float32 tolerance, and that training continues with the same loss curve and
weights as the model that was never saved.

The full matrix is slow (15 subprocesses); the default run keeps one pair:
the current backend writes in-process and the numpy backend reads.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TRAINING_BACKENDS = ("tensorflow", "jax", "torch")
KINDS = ("functional", "sequential", "subclassed")
FORMATS = {"functional": ("keras", "weights", "h5"), "sequential": ("keras", "weights", "h5")}
FORMATS["subclassed"] = ("keras", "weights")
# Epochs (2 steps each) trained on after the save, by the saved model and by the loaded one.
CURVE_EPOCHS = 3


# ----------------------------------------------------------------------
# Worker side (runs in a subprocess with one backend, or in-process)
# ----------------------------------------------------------------------
def _define_custom_objects(K):
    if "xb>CrossScale" in K.saving.get_custom_objects():
        objects = K.saving.get_custom_objects()
        return objects["xb>CrossScale"], objects["xb>TinyNet"]

    @K.saving.register_keras_serializable(package="xb")
    class CrossScale(K.layers.Layer):
        def __init__(self, factor=1.5, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def build(self, input_shape):
            self.w = self.add_weight(
                shape=(input_shape[-1],), initializer=K.initializers.Constant(self.factor)
            )
            self.count = self.add_weight(shape=(), initializer="ones", trainable=False)

        def call(self, x):
            return x * self.w * self.count

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    @K.saving.register_keras_serializable(package="xb")
    class TinyNet(K.Model):
        def __init__(self, units=4, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.stack = [K.layers.Dense(units, activation="tanh"), K.layers.Dense(units)]
            self.scale = CrossScale(0.5)
            self.head = K.layers.Dense(2)

        def call(self, x):
            for layer in self.stack:
                x = layer(x)
            return self.head(self.scale(x))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    return CrossScale, TinyNet


def _build(K, kind):
    CrossScale, TinyNet = _define_custom_objects(K)
    L = K.layers
    if kind == "functional":
        features = K.Input((6,), name="features")
        tokens = K.Input((5,), dtype="int32", name="tokens")
        e = L.Embedding(10, 4, name="emb")(tokens)
        e = L.ZeroPadding1D(1)(e)
        e = L.Cropping1D((1, 1))(e)
        e = L.UpSampling1D(2)(e)
        e = L.SpatialDropout1D(0.0)(e)
        e = L.Flatten()(L.Permute((2, 1))(e))
        img = L.Reshape((2, 3, 1))(features)
        img = L.ZeroPadding2D(1)(img)
        img = L.Cropping2D(1)(img)
        img = L.UpSampling2D(2)(img)
        img = L.Flatten()(img)
        h = L.Dense(8, activation="relu", kernel_regularizer="l2", name="hidden")(features)
        h = L.Dropout(0.0)(h)
        h = L.GaussianNoise(0.0)(h)
        h = L.GaussianDropout(0.0)(h)
        h = L.ActivityRegularization(l1=0.001)(h)
        h = L.PReLU(name="prelu")(h)
        c = L.Concatenate()([h, e, img])
        c = L.LeakyReLU(negative_slope=0.2)(c)
        c = CrossScale(1.5, name="cross_scale")(c)
        ed = L.EinsumDense("ab,bc->ac", output_shape=6, bias_axes="c", name="einsum")(c)
        shared = L.Dense(6, name="shared")
        a1 = shared(ed)
        a2 = shared(L.Activation("tanh")(ed))
        merged = L.Concatenate()(
            [
                L.Add()([a1, a2]),
                L.Subtract()([a1, a2]),
                L.Multiply()([a1, a2]),
                L.Average()([a1, a2]),
                L.Maximum()([a1, a2]),
                L.Minimum()([a1, a2]),
                L.Dot(axes=1)([a1, a2]),
            ]
        )
        z = L.ELU()(L.ReLU()(merged))
        z = L.Identity()(L.Flatten()(L.RepeatVector(2)(z)))
        reg = L.Dense(2, name="reg")(z)
        cls = L.Softmax()(L.Dense(3, name="cls_logits")(z))
        return K.Model(
            inputs={"features": features, "tokens": tokens},
            outputs={"reg": reg, "cls": cls},
            name="xb_functional",
        )
    if kind == "sequential":
        return K.Sequential(
            [
                K.Input((6,)),
                L.Dense(8, activation="relu", kernel_regularizer="l2"),
                L.Reshape((2, 4)),
                L.Permute((2, 1)),
                L.Flatten(),
                L.RepeatVector(2),
                L.Flatten(),
                L.Dense(3),
            ],
            name="xb_sequential",
        )
    model = TinyNet(units=4, name="xb_subclassed")
    model(np.zeros((1, 6), "float32"))
    return model


def _compile(K, kind, model):
    if kind == "functional":
        model.compile(
            optimizer=K.optimizers.Adam(learning_rate=0.01),
            loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
            loss_weights={"reg": 1.0, "cls": 0.5},
        )
    elif kind == "sequential":
        model.compile(optimizer=K.optimizers.RMSprop(0.01), loss="mse", metrics=["mae"])
    else:
        model.compile(optimizer=K.optimizers.SGD(0.05, momentum=0.9, nesterov=True), loss="mse")


def _data(kind):
    rng = np.random.default_rng(42)
    if kind == "functional":
        x = {
            "features": rng.normal(size=(8, 6)).astype("float32"),
            "tokens": rng.integers(0, 10, size=(8, 5)).astype("int32"),
        }
        y = {
            "reg": rng.normal(size=(8, 2)).astype("float32"),
            "cls": rng.integers(0, 3, size=(8,)).astype("int32"),
        }
        return x, y
    outputs = 3 if kind == "sequential" else 2
    return rng.normal(size=(8, 6)).astype("float32"), rng.normal(size=(8, outputs)).astype(
        "float32"
    )


def _normalize(config):
    """Drops what legitimately varies: custom classes' Python module (``__main__`` or
    the test module) and the resolved jit setting ("auto" is jit on jax only)."""
    if isinstance(config, list):
        return [_normalize(c) for c in config]
    if not isinstance(config, dict):
        return config
    out = {k: _normalize(v) for k, v in config.items()}
    if ">" in str(out.get("registered_name") or ""):
        out.pop("module", None)
    if "compile_config" in out and isinstance(out["compile_config"], dict):
        out["compile_config"].pop("jit_compile", None)
    return out


def _config_json(K, model):
    return json.dumps(_normalize(K.saving.serialize_keras_object(model)), sort_keys=True)


def _flat_pred(pred):
    if isinstance(pred, dict):
        return {k: np.asarray(v) for k, v in sorted(pred.items())}
    return {"out": np.asarray(pred)}


def write_files(directory, K=None, kinds=KINDS):
    """Builds, trains, saves the models; records what the readers must find."""
    if K is None:
        import keras_core as K
    backend = K.backend.backend()
    trainable = backend != "numpy"
    record = {}
    for kind in kinds:
        model = _build(K, kind)
        _compile(K, kind, model)
        x, y = _data(kind)
        if trainable:
            model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
        base = os.path.join(directory, f"{kind}_{backend}")
        model.save(base + ".keras")
        model.save_weights(base + ".weights.h5")
        if "h5" in FORMATS[kind]:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.save(base + ".h5")
        record[f"{kind}/config"] = np.array(_config_json(K, model))
        for i, w in enumerate(model.weights):
            record[f"{kind}/weights/{i}"] = np.array(w.numpy(), copy=True)
        for i, v in enumerate(model.optimizer.variables):
            record[f"{kind}/opt/{i}"] = np.array(v.numpy(), copy=True)
        for k, v in _flat_pred(model.predict(x, verbose=0)).items():
            record[f"{kind}/pred/{k}"] = v
        if trainable:
            history = model.fit(x, y, batch_size=4, epochs=CURVE_EPOCHS, shuffle=False, verbose=0)
            record[f"{kind}/loss_next"] = np.asarray(history.history["loss"])
            for i, w in enumerate(model.weights):
                record[f"{kind}/weights_next/{i}"] = np.array(w.numpy(), copy=True)
    np.savez(os.path.join(directory, f"record_{backend}.npz"), **record)
    return record


def _load(K, kind, fmt, base):
    if fmt == "keras":
        return K.saving.load_model(base + ".keras")
    if fmt == "h5":
        return K.saving.load_model(base + ".h5")
    model = _build(K, kind)
    _compile(K, kind, model)
    model.load_weights(base + ".weights.h5")
    return model


def read_files(directory, source):
    """Loads what ``source`` wrote and checks it; returns the list of checks made."""
    import keras_core as K

    backend = K.backend.backend()
    trainable = backend != "numpy"
    _define_custom_objects(K)
    with np.load(os.path.join(directory, f"record_{source}.npz")) as data:
        record = {k: data[k] for k in data.files}
    checked = []
    for kind in [k for k in KINDS if f"{k}/config" in record]:
        x, y = _data(kind)
        for fmt in FORMATS[kind]:
            where = f"{kind}.{fmt} saved on {source}, loaded on {backend}"
            model = _load(K, kind, fmt, os.path.join(directory, f"{kind}_{source}"))
            if fmt == "keras":
                assert _config_json(K, model) == str(record[f"{kind}/config"]), where + ": config"
            weights = model.weights
            n_saved = sum(1 for k in record if k.startswith(f"{kind}/weights/"))
            assert len(weights) == n_saved, f"{where}: {len(weights)} weights, saved {n_saved}"
            for i, w in enumerate(weights):
                saved = record[f"{kind}/weights/{i}"]
                assert np.array_equal(w.numpy(), saved), f"{where}: weight {w.path} differs"
            opt_vars = model.optimizer.variables
            n_opt = sum(1 for k in record if k.startswith(f"{kind}/opt/"))
            assert len(opt_vars) == n_opt, f"{where}: {len(opt_vars)} optimizer vars, saved {n_opt}"
            for i, v in enumerate(opt_vars):
                saved = record[f"{kind}/opt/{i}"]
                assert np.array_equal(
                    np.asarray(v.numpy()), saved.astype(np.asarray(v.numpy()).dtype)
                ), f"{where}: optimizer variable {v.path} differs"
            for k, v in _flat_pred(model.predict(x, verbose=0)).items():
                np.testing.assert_allclose(
                    v, record[f"{kind}/pred/{k}"], rtol=1e-5, atol=1e-6, err_msg=where
                )
            if trainable and f"{kind}/loss_next" in record:
                history = model.fit(
                    x, y, batch_size=4, epochs=CURVE_EPOCHS, shuffle=False, verbose=0
                )
                np.testing.assert_allclose(
                    history.history["loss"],
                    record[f"{kind}/loss_next"],
                    rtol=1e-5,
                    err_msg=where + ": loss curve of the resumed training",
                )
                for i, w in enumerate(model.weights):
                    np.testing.assert_allclose(
                        w.numpy(),
                        record[f"{kind}/weights_next/{i}"],
                        rtol=1e-4,
                        atol=1e-6,
                        err_msg=f"{where}: weight {w.path} after the resumed training",
                    )
            checked.append(f"{kind}.{fmt}")
    return checked


# ----------------------------------------------------------------------
# Test side
# ----------------------------------------------------------------------
def _env(backend):
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
    env["PYTHONPATH"] = os.pathsep.join(
        [REPO] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    return env


def _worker(backend, *args):
    result = subprocess.run(
        [sys.executable, os.path.abspath(__file__), *args],
        env=_env(backend),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, (
        f"worker {args} on {backend} failed:\n" + result.stdout[-3000:] + result.stderr[-6000:]
    )
    return result.stdout


def test_cross_backend_fast(tmp_path):
    """The current backend writes the Sequential model in-process; numpy loads and predicts."""
    import keras_core

    write_files(str(tmp_path), keras_core, kinds=("sequential",))
    source = keras_core.backend.backend()
    out = _worker("numpy", "read", str(tmp_path), source)
    assert "checked 3" in out, out


@pytest.fixture(scope="module")
def matrix_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("matrix")
    for backend in TRAINING_BACKENDS:
        _worker(backend, "write", str(directory))
    return str(directory)


@pytest.mark.slow
@pytest.mark.parametrize("target", TRAINING_BACKENDS + ("numpy",))
@pytest.mark.parametrize("source", TRAINING_BACKENDS)
def test_cross_backend_matrix(matrix_dir, source, target):
    out = _worker(target, "read", matrix_dir, source)
    assert "checked 8" in out, out


if __name__ == "__main__":
    command, directory = sys.argv[1], sys.argv[2]
    if command == "write":
        write_files(directory)
        print("wrote")
    elif command == "read":
        done = read_files(directory, sys.argv[3])
        print(f"checked {len(done)}: {', '.join(done)}")
    else:
        raise SystemExit(f"unknown command {command!r}")
