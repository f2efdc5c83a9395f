"""Hostile and broken files: each load fails with an error naming the problem, runs no
code, and writes nothing outside the test's temporary folder. Also: an interrupted save
keeps the earlier file."""

import io
import json
import os
import stat
import uuid
import warnings
import zipfile

import h5py
import numpy as np
import pytest

import keras_core
from keras_core.saving import saving_lib, serialization_lib


def mlp():
    return keras_core.Sequential(
        [keras_core.Input((4,)), keras_core.layers.Dense(3, name="d1")], name="mlp"
    )


def members_of(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path, members, extra=()):
    """A zip with ``members`` (name -> bytes) plus raw ZipInfo entries ``extra``."""
    with zipfile.ZipFile(path, "w") as z:
        for name, value in members.items():
            z.writestr(name, value)
        for info, value in extra:
            z.writestr(info, value)
    return path


def with_config(src, dst, edit):
    members = members_of(src)
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    return write_zip(dst, members)


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "m.keras"
    mlp().save(path)
    return path


@pytest.fixture
def nothing_written_outside(tmp_path):
    """Fails the test if a file named by the hostile payload appears anywhere we can see."""
    token = f"kc_hostile_{uuid.uuid4().hex}"
    yield token
    roots = {os.getcwd(), str(tmp_path.parent), str(tmp_path.parent.parent), "/tmp"}
    for root in roots:
        for base, dirs, files in os.walk(root):
            dirs[:] = [] if base.count(os.sep) - root.count(os.sep) >= 2 else dirs
            assert not any(token in f for f in files + dirs), f"{token} written under {base}"
    inside = [p for p in tmp_path.rglob(f"*{token}*")]
    assert not inside, inside


# ----------------------------------------------------------------------
# Zip structure
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "template",
    ["../{t}.txt", "../../{t}.txt", "/tmp/{t}.txt", "assets/../../{t}.txt", "C:/{t}.txt"],
)
def test_member_with_unsafe_path_is_refused(template, saved, tmp_path, nothing_written_outside):
    members = members_of(saved)
    members[template.format(t=nothing_written_outside)] = b"payload"
    bad = write_zip(tmp_path / "bad.keras", members)
    with pytest.raises(ValueError, match="unsafe path"):
        keras_core.saving.load_model(bad)
    with pytest.raises(ValueError, match="unsafe path"):
        mlp().load_weights(bad)
    with pytest.raises(ValueError, match="unsafe path"):
        keras_core.saving.KerasFileEditor(str(bad))


def test_symlink_member_is_refused(saved, tmp_path, nothing_written_outside):
    info = zipfile.ZipInfo(f"assets/{nothing_written_outside}")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = write_zip(tmp_path / "link.keras", members_of(saved), [(info, b"/etc/passwd")])
    with pytest.raises(ValueError, match="symbolic link"):
        keras_core.saving.load_model(bad)


def test_unzipped_directory_with_a_link_is_refused(saved, tmp_path):
    directory = tmp_path / "unzipped.keras"
    directory.mkdir()
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(members_of(saved)["config.json"])
    for name, value in members_of(saved).items():
        if name != "config.json":
            (directory / name).write_bytes(value)
    (directory / "config.json").symlink_to(outside)
    with pytest.raises(ValueError, match="link"):
        keras_core.saving.load_model(directory)


def test_zip_bomb_is_refused(saved, tmp_path):
    members = members_of(saved)
    bad = tmp_path / "bomb.keras"
    with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, value in members.items():
            if name != "model.weights.h5":
                z.writestr(name, value)
        # 17 MiB of zeros deflate to ~17 KiB: a ratio of ~1000.
        z.writestr("model.weights.h5", bytes(saving_lib.ZIP_BOMB_MIN_BYTES + 2**20))
    assert os.path.getsize(bad) < 100_000
    with pytest.raises(ValueError, match="zip bomb"):
        keras_core.saving.load_model(bad)


def test_truncated_and_non_zip_files_say_so(saved, tmp_path):
    raw = saved.read_bytes()
    (tmp_path / "cut.keras").write_bytes(raw[: len(raw) // 3])
    with pytest.raises(ValueError, match="(?s)cut.keras.*truncated, corrupt"):
        keras_core.saving.load_model(tmp_path / "cut.keras")
    (tmp_path / "text.keras").write_text("hello")
    with pytest.raises(ValueError, match="(?s)text.keras.*not a .keras"):
        keras_core.saving.load_model(tmp_path / "text.keras")


# ----------------------------------------------------------------------
# Configs naming code
# ----------------------------------------------------------------------
def _set_first_layer(model_config, **entry):
    model_config["config"]["layers"][1].update(entry)


@pytest.mark.parametrize(
    "module,name",
    [("os", "system"), ("builtins", "exec"), ("builtins", "eval"), ("posix", "system")],
)
def test_config_naming_python_functions_as_class(module, name, saved, tmp_path):
    bad = with_config(
        saved,
        tmp_path / "bad.keras",
        lambda c: _set_first_layer(
            c, module=module, class_name=name, registered_name=name, config={"command": "true"}
        ),
    )
    with pytest.raises(TypeError, match=f"(?s)Could not locate class {name!r}"):
        keras_core.saving.load_model(bad)


@pytest.mark.parametrize(
    "module,name",
    [
        ("builtins", "exec"),
        ("os", "system"),
        ("keras.utils", "get_file"),
        ("keras.saving", "save_model"),
        ("keras.models", "save_model"),
        ("keras", "save_model"),
        ("keras.config", "enable_unsafe_deserialization"),
        ("keras.activations", "deserialize"),
        ("keras.losses", "get"),
    ],
)
def test_config_naming_side_effect_functions_as_activation(module, name, saved, tmp_path):
    fn = {"module": module, "class_name": "function", "config": name, "registered_name": name}
    bad = with_config(
        saved,
        tmp_path / "bad.keras",
        lambda c: c["config"]["layers"][1]["config"].update({"activation": fn}),
    )
    with pytest.raises(TypeError, match=f"Could not locate function {name!r}"):
        keras_core.saving.load_model(bad)
    assert serialization_lib.in_safe_mode()


@pytest.mark.parametrize(
    "module,name",
    [
        ("keras.utils", "get_file"),
        ("keras.config", "enable_unsafe_deserialization"),
        ("keras.saving", "SafeModeScope"),
        ("keras", "Function"),
        ("keras.layers", "os.system"),
        ("keras_core.saving.saving_lib", "save_model"),
    ],
)
def test_config_naming_public_objects_with_side_effects_as_class(
    module, name, saved, tmp_path, nothing_written_outside
):
    target = str(tmp_path.parent / nothing_written_outside)
    bad = with_config(
        saved,
        tmp_path / "bad.keras",
        lambda c: _set_first_layer(
            c,
            module=module,
            class_name=name,
            registered_name=name,
            config={"fname": target, "origin": "file:///etc/hostname", "safe_mode": False},
        ),
    )
    with pytest.raises(TypeError, match="Could not locate class"):
        keras_core.saving.load_model(bad)
    assert serialization_lib.in_safe_mode()
    assert not os.path.exists(target)


def test_safe_mode_stays_on_after_a_hostile_file(saved, tmp_path):
    fn = {
        "module": "keras.config",
        "class_name": "function",
        "config": "enable_unsafe_deserialization",
        "registered_name": None,
    }
    bad = with_config(
        saved,
        tmp_path / "bad.keras",
        lambda c: c["config"]["layers"][1]["config"].update({"activation": fn}),
    )
    with pytest.raises(TypeError):
        keras_core.saving.load_model(bad)
    inp = keras_core.Input((2,))
    lam = keras_core.Model(inp, keras_core.layers.Lambda(lambda x: x + 1.0)(inp))
    lam.save(tmp_path / "lambda.keras")
    with pytest.raises(ValueError, match="safe_mode=False"):
        keras_core.saving.load_model(tmp_path / "lambda.keras")


def test_legacy_h5_lambda_is_refused(tmp_path, nothing_written_outside):
    marker = tmp_path.parent / nothing_written_outside
    inp = keras_core.Input((2,))
    model = keras_core.Model(inp, keras_core.layers.Lambda(lambda x: x * 2.0)(inp))
    path = tmp_path / "lambda.h5"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.save(path)

    def payload(x, path=str(marker)):
        open(path, "w").write("pwned")
        return x

    code, _, _ = serialization_lib.func_dump(payload)
    with h5py.File(path, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        layer = next(c for c in config["config"]["layers"] if c["class_name"] == "Lambda")
        fn = layer["config"]["function"]
        fn["config"].update({"code": code, "value": [code, [str(marker)], None]})
        fn["config"]["defaults"] = [str(marker)]
        f.attrs["model_config"] = json.dumps(config).encode()
    with pytest.raises(ValueError, match="(?i)lambda.*safe_mode=False"):
        keras_core.saving.load_model(path)
    assert not marker.exists()


# ----------------------------------------------------------------------
# Weights that do not fit
# ----------------------------------------------------------------------
def test_weights_with_wrong_shapes_say_which(saved, tmp_path):
    members = members_of(saved)
    buf = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        group = f["layers/dense/vars"]  # the Dense kernel is (4, 3)
        del group["0"]
        group.create_dataset("0", data=np.zeros((5, 3), "float32"))
    members["model.weights.h5"] = buf.getvalue()
    bad = write_zip(tmp_path / "shapes.keras", members)
    with pytest.raises(ValueError, match=r"(?s)shape.*\(5, 3\)"):
        keras_core.saving.load_model(bad)
    wfile = tmp_path / "shapes.weights.h5"
    wfile.write_bytes(members["model.weights.h5"])
    with pytest.raises(ValueError, match="shape"):
        mlp().load_weights(wfile)


# ----------------------------------------------------------------------
# Interrupted save
# ----------------------------------------------------------------------
@keras_core.saving.register_keras_serializable(package="hostile_test")
class Fragile(keras_core.layers.Layer):
    """A layer whose ``save_own_variables`` can be made to fail."""

    fail = False

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, x):
        return x * self.w

    def save_own_variables(self, store):
        if Fragile.fail:
            raise RuntimeError("save_own_variables failed half-way")
        store["0"] = self.w.numpy()


@pytest.mark.parametrize("suffix", [".keras", ".weights.h5", ".h5"])
def test_interrupted_save_leaves_the_earlier_file(suffix, tmp_path):
    model = keras_core.Sequential([keras_core.Input((3,)), Fragile(name="fragile")])
    model.layers[0].w.assign(np.array([1.0, 2.0, 3.0], "float32"))
    path = tmp_path / f"m{suffix}"

    def save():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the legacy-format warning
            if suffix == ".weights.h5":
                model.save_weights(path)
            else:
                model.save(path)

    save()
    before = path.read_bytes()
    model.layers[0].w.assign(np.array([9.0, 9.0, 9.0], "float32"))
    Fragile.fail = True
    try:
        if suffix == ".h5":
            # The legacy writer stores weights by list, not through save_own_variables:
            # interrupt it while writing the file instead.
            import keras_core.legacy.saving.legacy_h5_format as legacy

            original = legacy.save_weights_to_hdf5_group

            def broken(*args, **kwargs):
                raise RuntimeError("save_own_variables failed half-way")

            legacy.save_weights_to_hdf5_group = broken
            try:
                with pytest.raises(RuntimeError, match="half-way"):
                    save()
            finally:
                legacy.save_weights_to_hdf5_group = original
        else:
            with pytest.raises(RuntimeError, match="half-way"):
                save()
    finally:
        Fragile.fail = False
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == [path.name]
    x = np.ones((1, 3), "float32")
    if suffix == ".weights.h5":
        fresh = keras_core.Sequential([keras_core.Input((3,)), Fragile(name="fragile")])
        fresh.load_weights(path)
        loaded = fresh
    else:
        loaded = keras_core.saving.load_model(path)
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), [[1.0, 2.0, 3.0]])
