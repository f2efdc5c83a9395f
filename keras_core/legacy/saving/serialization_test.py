import pytest

import keras_core
from keras_core.legacy import saving as legacy_saving
from keras_core.legacy.saving import config_conversion
from keras_core.utils import legacy as utils_legacy


def test_public_names():
    for ns in (legacy_saving, utils_legacy, keras_core.legacy.saving):
        assert callable(ns.serialize_keras_object)
        assert callable(ns.deserialize_keras_object)


def test_serialize_is_keras2_style():
    cfg = legacy_saving.serialize_keras_object(keras_core.layers.Dense(3, name="d"))
    assert set(cfg) == {"class_name", "config"}
    assert cfg["class_name"] == "Dense" and cfg["config"]["units"] == 3
    assert legacy_saving.serialize_keras_object(keras_core.activations.relu) == "relu"
    assert legacy_saving.serialize_keras_object(None) is None
    with pytest.raises(ValueError, match="get_config"):
        legacy_saving.serialize_keras_object(object())


def test_round_trip_and_keras2_configs():
    layer = legacy_saving.deserialize_keras_object(
        legacy_saving.serialize_keras_object(keras_core.layers.Dense(3, activation="tanh"))
    )
    assert isinstance(layer, keras_core.layers.Dense) and layer.units == 3
    keras2 = {
        "class_name": "Dense",
        "config": {
            "name": "dense",
            "units": 2,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "dtype": "float32",
        },
    }
    layer = legacy_saving.deserialize_keras_object(keras2)
    assert isinstance(layer.kernel_initializer, keras_core.initializers.GlorotUniform)


def test_strings_module_objects_and_custom_objects():
    assert legacy_saving.deserialize_keras_object("relu") is keras_core.activations.relu
    table = {"double": lambda x: x * 2}
    assert legacy_saving.deserialize_keras_object("double", module_objects=table)(2) == 4

    class Mine(keras_core.layers.Layer):
        pass

    obj = legacy_saving.deserialize_keras_object(
        {"class_name": "Mine", "config": {"name": "m"}}, custom_objects={"Mine": Mine}
    )
    assert isinstance(obj, Mine) and obj.name == "m"
    with pytest.raises(ValueError, match="Unknown layer: 'Nope'"):
        legacy_saving.deserialize_keras_object(
            {"class_name": "Nope", "config": {}}, printable_module_name="layer"
        )
    with pytest.raises(ValueError, match="Unknown object: 'nope'"):
        legacy_saving.deserialize_keras_object("nope")


def test_legacy_lambda_is_refused_in_safe_mode():
    cfg = {
        "class_name": "Lambda",
        "config": {
            "name": "lambda",
            "function": [
                "4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7pAgAAAKkAKQHaAXhyAgAA\n",
                None,
                None,
            ],
            "function_type": "lambda",
            "module": "__main__",
            "output_shape": None,
            "output_shape_type": "raw",
            "output_shape_module": None,
            "arguments": {},
        },
    }
    with pytest.raises(ValueError, match="lambda"):
        legacy_saving.deserialize_keras_object(cfg)
    named = {
        "class_name": "Lambda",
        "config": {
            "name": "l",
            "function": "system",
            "function_type": "function",
            "module": "os",
            "arguments": {},
        },
    }
    with pytest.raises(TypeError, match="safe mode"):
        legacy_saving.deserialize_keras_object(named)


def test_config_conversion_of_keras2_functional():
    config = {
        "class_name": "Model",
        "config": {
            "name": "m",
            "layers": [
                {
                    "class_name": "InputLayer",
                    "config": {"batch_input_shape": [None, 3], "dtype": "float32", "name": "in"},
                    "name": "in",
                    "inbound_nodes": [],
                },
                {
                    "class_name": "Dense",
                    "config": {"name": "a", "units": 2},
                    "name": "a",
                    "inbound_nodes": [[["in", 0, 0, {}]]],
                },
                {
                    "class_name": "Dense",
                    "config": {"name": "b", "units": 2},
                    "name": "b",
                    "inbound_nodes": [[["in", 0, 0, {}]]],
                },
                {
                    "class_name": "Add",
                    "config": {"name": "add"},
                    "name": "add",
                    "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]],
                },
            ],
            "input_layers": [["in", 0, 0]],
            "output_layers": [["add", 0, 0]],
        },
    }
    converted = config_conversion.convert_legacy_model(config)
    assert converted["class_name"] == "Functional"
    add_node = converted["config"]["layers"][3]["inbound_nodes"][0]
    assert len(add_node["args"]) == 1 and len(add_node["args"][0]) == 2
    assert add_node["args"][0][1]["config"]["keras_history"] == ["b", 0, 0]
    assert converted["config"]["input_layers"] == ["in", 0, 0]
    model = keras_core.saving.deserialize_keras_object(converted)
    assert model.output_shape == (None, 2)
    # the legacy public deserializer converts on its own
    model = legacy_saving.deserialize_keras_object(config)
    assert [layer.name for layer in model.layers] == ["in", "a", "b", "add"]
