import numpy as np
import pytest

import keras_core
from keras_core.saving import KerasFileEditor


def mlp(units=3):
    return keras_core.Sequential(
        [
            keras_core.Input((4,)),
            keras_core.layers.Dense(5, name="a"),
            keras_core.layers.Dropout(0.1),
            keras_core.layers.Dense(units, name="b"),
        ],
        name="mlp",
    )


def test_read_compare_edit_and_resave(tmp_path, capsys):
    model = mlp()
    model.save(tmp_path / "m.keras")
    editor = KerasFileEditor(tmp_path / "m.keras")
    assert editor.config["class_name"] == "Sequential"
    assert set(editor.weights_dict["layers"]) == {"dense", "dense_1"}
    np.testing.assert_array_equal(
        editor.weights_dict["layers"]["dense"]["0"], model.layers[0].kernel.numpy()
    )
    editor.summary()
    assert "dense_1" in capsys.readouterr().out
    assert editor.compare(model) == {"status": "success", "error_count": 0, "match_count": 4}

    # Adapt the file to a model whose last layer has 2 units.
    target = mlp(units=2)
    result = editor.compare(target)
    assert result["status"] == "error" and result["error_count"] == 2
    editor.delete_object("layers/dense_1")
    editor.add_object(
        "layers/dense_1", {"0": np.ones((5, 2), "float32"), "1": np.zeros((2,), "float32")}
    )
    assert editor.compare(target)["status"] == "success"
    editor.save(tmp_path / "edited.weights.h5")
    target.load_weights(tmp_path / "edited.weights.h5")
    np.testing.assert_array_equal(target.layers[0].kernel.numpy(), model.layers[0].kernel.numpy())
    np.testing.assert_array_equal(target.layers[2].kernel.numpy(), np.ones((5, 2)))


def test_names_and_errors(tmp_path):
    model = mlp()
    model.save_weights(tmp_path / "m.weights.h5")
    editor = KerasFileEditor(tmp_path / "m.weights.h5")
    editor.rename_object("dense_1", "renamed")
    assert "renamed" in editor.weights_dict["layers"]
    editor.delete_weight("renamed", "1")
    assert list(editor.weights_dict["layers"]["renamed"]) == ["0"]
    editor.add_weights("renamed", {"1": np.zeros((3,), "float32")})
    with pytest.raises(ValueError, match="does not appear"):
        editor.delete_object("nothing")
    with pytest.raises(ValueError, match="not found"):
        editor.delete_weight("renamed", "7")
    with pytest.raises(ValueError, match="leaf name"):
        editor.rename_object("renamed", "a/b")
    with pytest.raises(ValueError, match="weights.h5"):
        editor.save(tmp_path / "x.h5")
    with pytest.raises(ValueError, match="extension"):
        KerasFileEditor(tmp_path / "m.h5")
