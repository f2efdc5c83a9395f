import json

import h5py
import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.legacy.saving import legacy_h5_format


def _s(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def model(name="m", units=(4, 2)):
    inp = keras_core.Input((3,), name="x")
    h = keras_core.layers.Dense(units[0], activation="relu", name="d1")(inp)
    out = keras_core.layers.Dense(units[1], name="d2")(h)
    return keras_core.Model(inp, out, name=name)


def test_attributes_split_in_chunks(tmp_path):
    names = [f"layer_with_a_long_name_{i:05d}" for i in range(5000)]
    with h5py.File(tmp_path / "a.h5", "w") as f:
        legacy_h5_format.save_attributes_to_hdf5_group(f, "layer_names", names)
        assert "layer_names" not in f.attrs and "layer_names0" in f.attrs
        assert legacy_h5_format.load_attributes_from_hdf5_group(f, "layer_names") == names
        legacy_h5_format.save_attributes_to_hdf5_group(f, "short", ["a", "b"])
        assert legacy_h5_format.load_attributes_from_hdf5_group(f, "short") == ["a", "b"]


def test_full_model_layout_and_round_trip(tmp_path):
    m = model()
    m.compile(optimizer="adam", loss="mse")
    path = tmp_path / "m.h5"
    legacy_h5_format.save_model_to_hdf5(m, path)
    with h5py.File(path, "r") as f:
        assert _s(f.attrs["backend"]) == backend.backend()
        config = json.loads(f.attrs["model_config"])
        assert config["class_name"] == "Functional"
        training = json.loads(f.attrs["training_config"])
        assert training["loss"] == "mse"
        assert training["optimizer_config"]["class_name"] == "Adam"
        weights = f["model_weights"]
        layer_names = [_s(n) for n in weights.attrs["layer_names"]]
        assert layer_names == ["x", "d1", "d2"]
        names = [_s(n) for n in weights["d1"].attrs["weight_names"]]
        assert names == ["d1/kernel", "d1/bias"]
        np.testing.assert_array_equal(
            weights["d1"]["d1/kernel"][()], m.get_layer("d1").kernel.numpy()
        )
    loaded = keras_core.saving.load_model(path)
    for a, b in zip(m.weights, loaded.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert loaded.compiled


def test_weights_by_order_by_name_and_skip_mismatch(tmp_path):
    src = model()
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, src)
    dst = model()
    dst.load_weights(path)
    for a, b in zip(src.weights, dst.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    # by name: only layers with a matching name receive weights
    partial = keras_core.Sequential(
        [keras_core.Input((3,)), keras_core.layers.Dense(4, name="d1"), keras_core.layers.Dense(7)]
    )
    partial.load_weights(path, by_name=True)
    np.testing.assert_array_equal(
        partial.layers[0].kernel.numpy(), src.get_layer("d1").kernel.numpy()
    )
    # a shape mismatch fails, or is skipped with a warning
    wrong = model(units=(4, 5))
    with pytest.raises(ValueError, match="Shape mismatch"):
        wrong.load_weights(path, by_name=True)
    with pytest.warns(UserWarning, match="Skipping loading of weights for 'd2'"):
        wrong.load_weights(path, by_name=True, skip_mismatch=True)
    np.testing.assert_array_equal(
        wrong.get_layer("d1").kernel.numpy(), src.get_layer("d1").kernel.numpy()
    )
    with pytest.raises(ValueError, match="by_name=True"):
        wrong.load_weights(path, skip_mismatch=True)
    fewer = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(4)])
    with pytest.raises(ValueError, match="Layer count mismatch"):
        fewer.load_weights(path)


def test_weights_only_file_is_not_a_model(tmp_path):
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model())
    with pytest.raises(ValueError, match="No model config"):
        keras_core.saving.load_model(path)


def test_keras2_training_config(tmp_path):
    args = legacy_h5_format.compile_args_from_training_config(
        {
            "loss": {
                "class_name": "MeanSquaredError",
                "config": {"reduction": "auto", "name": "mse"},
            },
            "metrics": ["mae"],
            "loss_weights": None,
            "optimizer_config": {
                "class_name": "Adam",
                "config": {"name": "Adam", "lr": 0.01, "decay": 0.0, "is_legacy_optimizer": False},
            },
        }
    )
    assert isinstance(args["loss"], keras_core.losses.MeanSquaredError)
    assert args["metrics"] == ["mae"]
    assert float(args["optimizer"].learning_rate.numpy()) == pytest.approx(0.01)
