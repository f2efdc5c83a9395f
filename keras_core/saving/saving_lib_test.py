import io
import json
import os
import re
import zipfile

import h5py
import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.saving import saving_lib

TRAINABLE = backend.backend() != "numpy"
needs_training = pytest.mark.skipif(not TRAINABLE, reason="the numpy backend cannot train")


def h5_tree(source):
    """``{path: (attrs, shape, dtype)}`` of an HDF5 file (path or bytes)."""
    out = {}
    f = h5py.File(io.BytesIO(source) if isinstance(source, bytes) else source, "r")

    def visit(name, obj):
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in obj.attrs.items()}
        if isinstance(obj, h5py.Dataset):
            out[name] = (attrs, obj.shape, str(obj.dtype))
        else:
            out[name] = (attrs, None, None)

    f.visititems(visit)
    out["/"] = (dict(f.attrs), None, None)
    f.close()
    return out


def mlp(name="mlp"):
    return keras_core.Sequential(
        [
            keras_core.Input((8,)),
            keras_core.layers.Dense(16, activation="relu"),
            keras_core.layers.Dropout(0.0),
            keras_core.layers.Dense(3),
        ],
        name=name,
    )


def data(n=8):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 8)).astype("float32"), rng.integers(0, 3, size=(n,))


def trained_mlp():
    model = mlp()
    model.compile(
        optimizer=keras_core.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy"
    )
    x, y = data()
    if TRAINABLE:
        model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    return model


def test_snake_case_names():
    cases = {
        "Dense": "dense",
        "BatchNormalization": "batch_normalization",
        "Conv2D": "conv2d",
        "MaxPooling2D": "max_pooling2d",
        "GlobalAveragePooling1D": "global_average_pooling1d",
        "MultiHeadAttention": "multi_head_attention",
        "InputLayer": "input_layer",
        "LSTM": "lstm",
        "PReLU": "p_re_lu",
        "Conv2DTranspose": "conv2d_transpose",
        "Dense2Layer": "dense2_layer",
    }
    for name, snake in cases.items():
        assert saving_lib.to_snake_case(name) == snake, name


# ----------------------------------------------------------------------
# The .keras layout
# ----------------------------------------------------------------------
@needs_training
def test_keras_file_layout(tmp_path):
    """The example of keras_format.md: Dense(16), Dropout, Dense(3), Adam after 2 steps."""
    model = trained_mlp()
    path = tmp_path / "m.keras"
    model.save(path)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["metadata.json", "config.json", "model.weights.h5"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        metadata = json.loads(z.read("metadata.json"))
        config = json.loads(z.read("config.json"))
        weights = z.read("model.weights.h5")
    assert set(metadata) == {"keras_version", "date_saved"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d", metadata["date_saved"])
    assert set(config) == {
        "module",
        "class_name",
        "config",
        "registered_name",
        "build_config",
        "compile_config",
    }
    assert config["module"] == "keras" and config["class_name"] == "Sequential"
    assert config["build_config"] == {"input_shape": [None, 8]}
    assert config["config"]["layers"][0]["class_name"] == "InputLayer"
    assert config["compile_config"]["loss"] == "sparse_categorical_crossentropy"
    tree = h5_tree(weights)
    groups = {k: v[0] for k, v in tree.items() if v[1] is None}
    assert groups["vars"] == {"name": "mlp"}
    assert groups["layers/dense/vars"] == {"name": model.layers[0].name}
    assert groups["layers/dense_1/vars"] == {"name": model.layers[2].name}
    assert groups["layers/dropout/vars"] == {"name": model.layers[1].name}
    assert groups["optimizer/vars"] == {"name": "adam"}
    assert groups["/"] == {}
    datasets = {k: (v[1], v[2]) for k, v in tree.items() if v[1] is not None}
    expected = {
        "layers/dense/vars/0": (8, 16),
        "layers/dense/vars/1": (16,),
        "layers/dense_1/vars/0": (16, 3),
        "layers/dense_1/vars/1": (3,),
        "optimizer/vars/0": (),
        "optimizer/vars/1": (),
        "optimizer/vars/2": (8, 16),
        "optimizer/vars/3": (8, 16),
        "optimizer/vars/4": (16,),
        "optimizer/vars/5": (16,),
        "optimizer/vars/6": (16, 3),
        "optimizer/vars/7": (16, 3),
        "optimizer/vars/8": (3,),
        "optimizer/vars/9": (3,),
    }
    assert {k: v[0] for k, v in datasets.items()} == expected
    assert datasets["optimizer/vars/0"][1] in ("int32", "int64")
    assert datasets["optimizer/vars/1"][1] == "float32"
    with h5py.File(io.BytesIO(weights), "r") as f:
        assert int(f["optimizer/vars/0"][()]) == 2
        np.testing.assert_array_equal(f["layers/dense/vars/0"][()], model.layers[0].kernel.numpy())


def test_functional_group_names_come_from_classes(tmp_path):
    inp = keras_core.Input((4,), name="tokens")
    shared = keras_core.layers.Dense(5, name="shared_dense")
    a = shared(inp)
    b = shared(keras_core.layers.Activation("tanh")(inp))
    cls = keras_core.layers.Dense(3, name="cls")(keras_core.layers.Concatenate()([a, b]))
    reg = keras_core.layers.Dense(1, name="reg")(a)
    model = keras_core.Model(inp, {"cls": cls, "reg": reg}, name="fm")
    path = tmp_path / "w.weights.h5"
    model.save_weights(path)
    tree = h5_tree(str(path))
    names = {k: v[0]["name"] for k, v in tree.items() if k.endswith("/vars") or k == "vars"}
    dense = sorted(k for k in names if k.startswith("layers/dense"))
    assert dense == ["layers/dense/vars", "layers/dense_1/vars", "layers/dense_2/vars"]
    assert {names[k] for k in dense} == {"shared_dense", "cls", "reg"}
    assert names["layers/input_layer/vars"] == "tokens"
    assert names["vars"] == "fm"


@keras_core.saving.register_keras_serializable(package="sltest")
class Block(keras_core.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [keras_core.layers.Dense(3), keras_core.layers.Dense(3)]
        self._priv = keras_core.layers.Dense(2)
        self.d = {"a": keras_core.layers.Dense(3)}

    @property
    def priv(self):
        return self._priv

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(), name="scale")
        self.nt = self.add_weight(shape=(2,), name="nt", trainable=False)
        self.zz = self.add_weight(shape=(1,), name="zz")

    def call(self, x):
        for b in self.blocks:
            x = b(x)
        return self._priv(self.d["a"](x)) * self.scale


@keras_core.saving.register_keras_serializable(package="sltest")
class Sub(keras_core.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = keras_core.layers.Dense(2)
        self.hidden = keras_core.layers.Dense(4)
        self.blk = Block()

    def call(self, x):
        return self.out(self.blk(self.hidden(x)))


def test_subclassed_model_layout_matches_keras3(tmp_path):
    """Paths recorded from Keras 3.15.1 for the same model (attribute names, lists, dicts)."""
    model = Sub()
    model(np.ones((2, 3), "float32"))
    path = tmp_path / "sub.weights.h5"
    model.save_weights(path)
    tree = h5_tree(str(path))
    datasets = {k: v[1] for k, v in tree.items() if v[1] is not None}
    assert datasets == {
        "blk/blocks/dense/vars/0": (4, 3),
        "blk/blocks/dense/vars/1": (3,),
        "blk/blocks/dense_1/vars/0": (3, 3),
        "blk/blocks/dense_1/vars/1": (3,),
        "blk/d/dense/vars/0": (3, 3),
        "blk/d/dense/vars/1": (3,),
        "blk/priv/vars/0": (3, 2),
        "blk/priv/vars/1": (2,),
        "blk/vars/0": (),
        "blk/vars/1": (1,),
        "blk/vars/2": (2,),
        "hidden/vars/0": (3, 4),
        "hidden/vars/1": (4,),
        "layers/dense/vars/0": (2, 2),
        "layers/dense/vars/1": (2,),
    }
    clone = Sub()
    clone(np.ones((2, 3), "float32"))
    clone.load_weights(path)
    for a, b in zip(model.weights, clone.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


# ----------------------------------------------------------------------
# Round trips
# ----------------------------------------------------------------------
def assert_same_weights(a, b):
    assert len(a.weights) == len(b.weights)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa.numpy(), wb.numpy())


@needs_training
def test_round_trip_resumes_training_exactly(tmp_path):
    model = trained_mlp()
    path = tmp_path / "m.keras"
    keras_core.saving.save_model(model, path)
    loaded = keras_core.models.load_model(path)
    x, y = data()
    np.testing.assert_array_equal(model.predict(x, verbose=0), loaded.predict(x, verbose=0))
    assert_same_weights(model, loaded)
    assert int(loaded.optimizer.iterations.numpy()) == 2
    for va, vb in zip(model.optimizer.variables, loaded.optimizer.variables):
        np.testing.assert_array_equal(va.numpy(), vb.numpy())
    model.train_on_batch(x[:4], y[:4])
    loaded.train_on_batch(x[:4], y[:4])
    assert int(loaded.optimizer.iterations.numpy()) == 3
    assert_same_weights(model, loaded)


def test_compile_false_and_uncompiled(tmp_path):
    model = trained_mlp()
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = keras_core.saving.load_model(path, compile=False)
    assert not loaded.compiled
    assert_same_weights(model, loaded)
    plain = mlp()
    plain.save(tmp_path / "plain.keras")
    assert not keras_core.saving.load_model(tmp_path / "plain.keras").compiled


def test_file_object_and_unzipped_directory(tmp_path):
    model = trained_mlp()
    buffer = io.BytesIO()
    model.save(buffer)
    buffer.seek(0)
    assert_same_weights(model, keras_core.saving.load_model(buffer))
    model.save(tmp_path / "dir.keras", zipped=False)
    assert sorted(os.listdir(tmp_path / "dir.keras")) == [
        "config.json",
        "metadata.json",
        "model.weights.h5",
    ]
    assert_same_weights(model, keras_core.saving.load_model(tmp_path / "dir.keras"))


def test_failed_save_keeps_the_existing_file(tmp_path, monkeypatch):
    model = mlp()
    path = tmp_path / "m.keras"
    model.save(path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(saving_lib, "save_state", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        model.save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["m.keras"]


def test_overwrite_false_asks(tmp_path, monkeypatch):
    model = mlp()
    path = tmp_path / "m.keras"
    path.write_bytes(b"keep me")
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    model.save(path, overwrite=False)
    assert path.read_bytes() == b"keep me"
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    model.save(path, overwrite=False)
    assert zipfile.is_zipfile(path)


def test_bad_paths_and_arguments(tmp_path):
    model = mlp()
    with pytest.raises(ValueError, match="extension"):
        model.save(tmp_path / "m.txt")
    with pytest.raises(ValueError, match="save_format"):
        model.save(tmp_path / "m.keras", save_format="tf")
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        model.save_weights(tmp_path / "m.h5")
    with pytest.raises(ValueError, match="File not found"):
        keras_core.saving.load_model(tmp_path / "missing.keras")
    with pytest.raises(FileNotFoundError):
        model.load_weights(tmp_path / "missing.weights.h5")


# ----------------------------------------------------------------------
# Weights files
# ----------------------------------------------------------------------
@needs_training
def test_weights_round_trip_with_optimizer_state(tmp_path):
    model = trained_mlp()
    path = tmp_path / "m.weights.h5"
    model.save_weights(path)
    fresh = mlp()
    fresh.compile(
        optimizer=keras_core.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy"
    )
    fresh.load_weights(path)
    assert_same_weights(model, fresh)
    assert int(fresh.optimizer.iterations.numpy()) == 2
    x, y = data()
    model.train_on_batch(x[:4], y[:4])
    fresh.train_on_batch(x[:4], y[:4])
    assert_same_weights(model, fresh)
    # A .keras file is a weights source too.
    model.save(tmp_path / "m.keras")
    other = mlp()
    other.load_weights(tmp_path / "m.keras")
    assert_same_weights(model, other)


def test_skip_mismatch(tmp_path):
    model = mlp()
    path = tmp_path / "m.weights.h5"
    model.save_weights(path)
    different = keras_core.Sequential(
        [
            keras_core.Input((8,)),
            keras_core.layers.Dense(16, activation="relu"),
            keras_core.layers.Dropout(0.0),
            keras_core.layers.Dense(5),
        ]
    )
    with pytest.raises(ValueError, match=r"(?s)1 object\(s\) could not be loaded.*has shape"):
        different.load_weights(path)
    with pytest.warns(UserWarning, match="Skipped loading"):
        different.load_weights(path, skip_mismatch=True)
    np.testing.assert_array_equal(
        different.layers[0].kernel.numpy(), model.layers[0].kernel.numpy()
    )
    extra = keras_core.Sequential(
        [
            keras_core.Input((8,)),
            keras_core.layers.Dense(16),
            keras_core.layers.Dense(3),
            keras_core.layers.Dense(3),
        ]
    )
    with pytest.raises(ValueError, match="expected 2 variables, but received 0"):
        extra.load_weights(path)


def test_loading_restores_values_exactly_despite_constraints(tmp_path):
    layer = keras_core.layers.Dense(2, kernel_constraint="non_neg")
    model = keras_core.Sequential([keras_core.Input((3,)), layer])
    layer.kernel.constraint = None
    layer.kernel.assign(-np.ones((3, 2), "float32"))
    layer.kernel.constraint = keras_core.constraints.get("non_neg")
    model.save_weights(tmp_path / "c.weights.h5")
    other = keras_core.Sequential(
        [keras_core.Input((3,)), keras_core.layers.Dense(2, kernel_constraint="non_neg")]
    )
    other.load_weights(tmp_path / "c.weights.h5")
    np.testing.assert_array_equal(other.layers[0].kernel.numpy(), -np.ones((3, 2)))


class Vocab(keras_core.layers.Layer):
    """A layer with custom state (assets and own-variable hooks)."""

    def __init__(self, words=None, **kwargs):
        super().__init__(**kwargs)
        self.words = list(words or [])
        self.counter = 0

    def call(self, x):
        return x

    def save_own_variables(self, store):
        store["0"] = np.array([self.counter], "int64")

    def load_own_variables(self, store):
        self.counter = int(store["0"][0])

    def save_assets(self, directory):
        with open(os.path.join(directory, "vocab.txt"), "w") as f:
            f.write("\n".join(self.words))

    def load_assets(self, directory):
        with open(os.path.join(directory, "vocab.txt")) as f:
            self.words = f.read().split("\n")

    def get_config(self):
        return {"name": self.name}


def test_assets_and_custom_state(tmp_path):
    layer = Vocab(["a", "b", "c"], name="vocab")
    layer.counter = 7
    inp = keras_core.Input((2,))
    model = keras_core.Model(inp, layer(inp))
    model.save(tmp_path / "v.keras")
    with zipfile.ZipFile(tmp_path / "v.keras") as z:
        assert "assets/layers/vocab/vocab.txt" in z.namelist()
    loaded = keras_core.saving.load_model(tmp_path / "v.keras", custom_objects={"Vocab": Vocab})
    revived = loaded.get_layer("vocab")
    assert revived.words == ["a", "b", "c"] and revived.counter == 7


def test_legacy_h5_round_trip(tmp_path):
    model = trained_mlp()
    path = tmp_path / "m.h5"
    with pytest.warns(UserWarning, match="legacy"):
        model.save(path)
    with h5py.File(path, "r") as f:
        assert json.loads(f.attrs["model_config"])["class_name"] == "Sequential"
        assert "model_weights" in f
        layer_names = [
            n.decode() if isinstance(n, bytes) else n
            for n in f["model_weights"].attrs["layer_names"]
        ]
        assert layer_names == [layer.name for layer in model.layers]
    loaded = keras_core.saving.load_model(path)
    assert_same_weights(model, loaded)
    if TRAINABLE:
        assert loaded.compiled and int(loaded.optimizer.iterations.numpy()) == 2


# ----------------------------------------------------------------------
# Hostile and broken files
# ----------------------------------------------------------------------
def test_truncated_and_corrupt_files_fail_clearly(tmp_path):
    model = mlp()
    path = tmp_path / "m.keras"
    model.save(path)
    raw = path.read_bytes()
    truncated = tmp_path / "truncated.keras"
    truncated.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ValueError, match="truncated.keras"):
        keras_core.saving.load_model(truncated)
    # Damage the weights member: the zip reports a CRC error when it is read.
    corrupt = bytearray(raw)
    start = raw.index(b"\x89HDF")
    corrupt[start + 200 : start + 400] = b"\xff" * 200
    bad = tmp_path / "corrupt.keras"
    bad.write_bytes(bytes(corrupt))
    with pytest.raises(ValueError, match="corrupt.keras"):
        keras_core.saving.load_model(bad)
    garbage = tmp_path / "garbage.keras"
    garbage.write_bytes(b"not a zip at all")
    with pytest.raises(ValueError, match="garbage.keras"):
        keras_core.saving.load_model(garbage)
    model.save_weights(tmp_path / "w.weights.h5")
    w = (tmp_path / "w.weights.h5").read_bytes()
    (tmp_path / "short.weights.h5").write_bytes(w[:300])
    with pytest.raises(ValueError, match="short.weights.h5"):
        model.load_weights(tmp_path / "short.weights.h5")
    (tmp_path / "short.h5").write_bytes(w[:300])
    with pytest.raises(ValueError, match="short.h5"):
        keras_core.saving.load_model(tmp_path / "short.h5")


def _rewrite_config(src, dst, edit):
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(dst, "w") as z:
        for name, value in members.items():
            z.writestr(name, value)


def test_hostile_lambda_file_runs_no_code(tmp_path):
    marker = tmp_path / "pwned.txt"
    inp = keras_core.Input((2,))
    model = keras_core.Model(inp, keras_core.layers.Lambda(lambda x: x * 2.0)(inp))
    model.save(tmp_path / "lambda.keras")

    # Swap in bytecode that would write a file when the function is built and called.
    def payload(x, path=str(marker)):
        open(path, "w").write("pwned")
        return x

    from keras_core.saving.serialization_lib import func_dump

    code, _, _ = func_dump(payload)

    def edit(config):
        fn = config["config"]["layers"][1]["config"]["function"]
        fn["config"].update({"code": code, "value": [code, [str(marker)], None]})
        fn["config"]["defaults"] = [str(marker)]

    _rewrite_config(tmp_path / "lambda.keras", tmp_path / "hostile.keras", edit)
    with pytest.raises(ValueError, match="lambda.*safe_mode=False"):
        keras_core.saving.load_model(tmp_path / "hostile.keras")
    assert not marker.exists()
    # Only explicitly trusted files run their code.
    loaded = keras_core.saving.load_model(tmp_path / "lambda.keras", safe_mode=False)
    out = loaded.predict(np.ones((1, 2), "float32"), verbose=0)
    np.testing.assert_allclose(out, [[2.0, 2.0]])


def test_hostile_unknown_module_file(tmp_path):
    model = mlp()
    model.save(tmp_path / "m.keras")

    def edit(config):
        layer = config["config"]["layers"][1]
        layer["module"] = "subprocess"
        layer["class_name"] = "Popen"
        layer["registered_name"] = "Popen"

    _rewrite_config(tmp_path / "m.keras", tmp_path / "hostile.keras", edit)
    with pytest.raises(TypeError, match="safe mode"):
        keras_core.saving.load_model(tmp_path / "hostile.keras")
