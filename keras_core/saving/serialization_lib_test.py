import json
import os
import sys
import textwrap

import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.backend.common import global_state
from keras_core.saving import object_registration, serialization_lib
from keras_core.saving.serialization_lib import (
    deserialize_keras_object,
    serialize_keras_object,
)


def json_round_trip(obj):
    return json.loads(json.dumps(serialize_keras_object(obj)))


# ----------------------------------------------------------------------
# Plain values and special entries
# ----------------------------------------------------------------------
def test_plain_values_round_trip():
    value = {"a": 1, "b": [1.5, "x", None, True], "c": {"d": (1, 2)}}
    out = deserialize_keras_object(json_round_trip(value))
    # Tuples become lists, as in Keras 3.
    assert out == {"a": 1, "b": [1.5, "x", None, True], "c": {"d": [1, 2]}}


def test_numpy_bytes_slice_ellipsis():
    arr = np.arange(6, dtype="int32").reshape(2, 3)
    cfg = json_round_trip(arr)
    assert cfg == {"class_name": "__numpy__", "config": {"value": arr.tolist(), "dtype": "int32"}}
    back = deserialize_keras_object(cfg)
    assert back.dtype == np.int32 and np.array_equal(back, arr)
    assert serialize_keras_object(np.float32(2.5)) == 2.5
    assert deserialize_keras_object(json_round_trip(b"abc")) == b"abc"
    assert deserialize_keras_object(json_round_trip(slice(1, None, 2))) == slice(1, None, 2)
    assert deserialize_keras_object(json_round_trip(Ellipsis)) is Ellipsis


def test_tensor_entry():
    t = backend.convert_to_tensor(np.array([1.0, 2.0], "float32"))
    cfg = json_round_trip(t)
    # On the numpy backend a tensor is a NumPy array, which Keras writes as "__numpy__".
    expected = "__numpy__" if backend.backend() == "numpy" else "__tensor__"
    assert cfg["class_name"] == expected and cfg["config"]["dtype"] == "float32"
    back = deserialize_keras_object(cfg)
    np.testing.assert_array_equal(backend.convert_to_numpy(back), [1.0, 2.0])


def test_old_tuple_entry_still_read():
    cfg = {"class_name": "__tuple__", "config": {"value": [1, [2, 3]]}}
    assert deserialize_keras_object(cfg) == (1, [2, 3])


# ----------------------------------------------------------------------
# Keras objects
# ----------------------------------------------------------------------
def test_dense_layout_matches_keras3():
    cfg = json_round_trip(keras_core.layers.Dense(4, activation="relu", name="d"))
    assert set(cfg) == {"module", "class_name", "config", "registered_name"}
    assert cfg["module"] == "keras.layers" and cfg["class_name"] == "Dense"
    assert cfg["registered_name"] is None
    assert cfg["config"]["dtype"] == {
        "module": "keras",
        "class_name": "DTypePolicy",
        "config": {"name": "float32"},
        "registered_name": None,
    }
    assert cfg["config"]["activation"] == "relu"
    assert cfg["config"]["kernel_initializer"]["module"] == "keras.initializers"
    layer = deserialize_keras_object(cfg)
    assert isinstance(layer, keras_core.layers.Dense) and layer.units == 4


def test_build_config_and_models():
    layer = keras_core.layers.Dense(2)
    layer(np.ones((1, 3), "float32"))
    cfg = json_round_trip(layer)
    assert cfg["build_config"] == {"input_shape": [1, 3]}
    revived = deserialize_keras_object(cfg)
    assert revived.built and tuple(revived.kernel.shape) == (3, 2)

    x = keras_core.Input((3,))
    functional = keras_core.Model(x, keras_core.layers.Dense(2)(x))
    cfg = json_round_trip(functional)
    assert cfg["module"] == "keras.src.models.functional"
    assert cfg["registered_name"] == "Functional"
    seq = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    cfg = json_round_trip(seq)
    assert cfg["module"] == "keras" and cfg["registered_name"] is None
    assert type(deserialize_keras_object(cfg)) is keras_core.Sequential


def test_compile_config_in_the_keras3_layout():
    model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    cfg = json_round_trip(model)
    assert "compile_config" not in cfg
    model.compile(optimizer=keras_core.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    cfg = json_round_trip(model)["compile_config"]
    assert set(cfg) == {
        "optimizer",
        "loss",
        "loss_weights",
        "metrics",
        "weighted_metrics",
        "run_eagerly",
        "steps_per_execution",
        "jit_compile",
    }
    assert cfg["optimizer"]["class_name"] == "Adam"
    assert cfg["optimizer"]["config"]["learning_rate"] == pytest.approx(0.01)
    assert isinstance(cfg["jit_compile"], bool)
    revived = deserialize_keras_object(json_round_trip(model))
    assert revived.compiled and isinstance(revived.optimizer, keras_core.optimizers.Adam)


def test_functions():
    cfg = json_round_trip(keras_core.losses.mean_squared_error)
    assert cfg["class_name"] == "function" and cfg["module"] == "keras.losses"
    assert deserialize_keras_object(cfg) is keras_core.losses.mean_squared_error
    cfg = json_round_trip(keras_core.activations.relu)
    assert deserialize_keras_object(cfg) is keras_core.activations.relu
    # Keras 3 writes builtin activations this way too.
    keras3 = {
        "module": "keras.activations",
        "class_name": "function",
        "config": "tanh",
        "registered_name": "tanh",
    }
    assert deserialize_keras_object(keras3) is keras_core.activations.tanh


@keras_core.saving.register_keras_serializable(package="sltest")
def _twice(x):
    return x * 2


def test_registered_function():
    cfg = json_round_trip(_twice)
    assert cfg["config"] == "sltest>_twice" and cfg["registered_name"] == "sltest>_twice"
    assert deserialize_keras_object(cfg) is _twice


def test_torch_module_optimizer_entry():
    # Keras 3 on torch names a torch-specific module for Adam.
    cfg = {
        "module": "keras.src.backend.torch.optimizers.torch_adam",
        "class_name": "Adam",
        "config": {"name": "adam", "learning_rate": 0.005},
        "registered_name": "Adam",
    }
    opt = deserialize_keras_object(cfg)
    assert type(opt) is keras_core.optimizers.Adam
    assert float(opt.learning_rate.numpy()) == pytest.approx(0.005)


def test_keras3_only_default_options_are_accepted():
    cfg = json_round_trip(keras_core.layers.Dense(3))
    cfg["config"]["quantization_config"] = None
    cfg["config"]["kernel_initializer"]["config"].update({"input_axes": None, "output_axes": None})
    layer = deserialize_keras_object(cfg)
    assert layer.units == 3
    # A non-default value is not silently dropped.
    cfg["config"]["quantization_config"] = {"mode": "int8"}
    with pytest.raises(ValueError, match="quantization_config"):
        deserialize_keras_object(cfg)


def test_shared_object_ids_give_one_object():
    policy = serialize_keras_object(keras_core.mixed_precision.DTypePolicy("float32"))
    cfg = [dict(policy, shared_object_id=7), dict(policy, shared_object_id=7)]
    with serialization_lib.ObjectSharingScope():
        a, b = deserialize_keras_object(cfg)
    assert a is b
    a, b = deserialize_keras_object(cfg)  # outside a loading scope: independent objects
    assert a is not b


# ----------------------------------------------------------------------
# Safe mode
# ----------------------------------------------------------------------
@pytest.fixture
def restore_safe_mode():
    yield
    global_state.set_global_attribute("safe_mode", None)
    global_state.set_global_attribute("safe_mode_saving", None)


def test_lambda_refused_in_safe_mode(restore_safe_mode):
    cfg = json_round_trip(lambda x, k=3: x * k)
    assert cfg["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="lambda.*safe_mode=False"):
        deserialize_keras_object(cfg)
    fn = deserialize_keras_object(cfg, safe_mode=False)
    assert fn(2) == 6
    keras_core.config.enable_unsafe_deserialization()
    assert deserialize_keras_object(cfg)(1) == 3


def test_lambda_inside_layer_config_inherits_safe_mode(restore_safe_mode):
    layer = keras_core.layers.Lambda(lambda x: x + 1.0)
    cfg = json_round_trip(layer)
    with pytest.raises(ValueError, match="lambda"):
        deserialize_keras_object(cfg)
    revived = deserialize_keras_object(cfg, safe_mode=False)
    out = revived(np.zeros((2,), "float32"))
    np.testing.assert_allclose(backend.convert_to_numpy(out), [1.0, 1.0])


def test_unknown_module_is_not_imported_in_safe_mode(tmp_path, monkeypatch):
    marker = tmp_path / "imported.txt"
    module_src = f"""
        open({str(marker)!r}, "w").write("imported")
        import keras_core

        class Evil(keras_core.layers.Layer):
            pass
    """
    (tmp_path / "kc_hostile_mod.py").write_text(textwrap.dedent(module_src))
    monkeypatch.syspath_prepend(str(tmp_path))
    cfg = {
        "module": "kc_hostile_mod",
        "class_name": "Evil",
        "config": {"name": "evil"},
        "registered_name": "Evil",
    }
    with pytest.raises(TypeError, match="safe mode"):
        deserialize_keras_object(cfg)
    assert not marker.exists()
    fn_cfg = {"module": "os", "class_name": "function", "config": "system", "registered_name": None}
    with pytest.raises(TypeError, match="safe mode"):
        deserialize_keras_object(fn_cfg)
    layer = deserialize_keras_object(cfg, safe_mode=False)
    assert marker.exists() and type(layer).__name__ == "Evil"
    sys.modules.pop("kc_hostile_mod", None)


def test_unknown_keras_class_is_a_clear_error():
    cfg = {"module": "keras.layers", "class_name": "NoSuchLayer", "config": {}}
    with pytest.raises(TypeError, match="NoSuchLayer"):
        deserialize_keras_object(cfg)
    cfg = {"module": "keras.layers", "class_name": "os.system", "config": {}}
    with pytest.raises(TypeError, match="Could not locate"):
        deserialize_keras_object(cfg)


# ----------------------------------------------------------------------
# Every built-in object round-trips through its config
# ----------------------------------------------------------------------
L = keras_core.layers
_FACTORIES = {
    "layers": {
        "Activation": lambda: L.Activation("tanh"),
        "AdaptiveAveragePooling1D": lambda: L.AdaptiveAveragePooling1D(4),
        "AdaptiveAveragePooling2D": lambda: L.AdaptiveAveragePooling2D((2, 3)),
        "AdaptiveAveragePooling3D": lambda: L.AdaptiveAveragePooling3D(2),
        "AdaptiveMaxPooling1D": lambda: L.AdaptiveMaxPooling1D(4),
        "AdaptiveMaxPooling2D": lambda: L.AdaptiveMaxPooling2D((2, 3)),
        "AdaptiveMaxPooling3D": lambda: L.AdaptiveMaxPooling3D(2),
        "AlphaDropout": lambda: L.AlphaDropout(0.1, seed=2),
        "AveragePooling1D": lambda: L.AveragePooling1D(2),
        "AveragePooling2D": lambda: L.AveragePooling2D(2, padding="same"),
        "AveragePooling3D": lambda: L.AveragePooling3D(2),
        "AvgPool1D": lambda: L.AvgPool1D(2),
        "AvgPool2D": lambda: L.AvgPool2D(2),
        "AvgPool3D": lambda: L.AvgPool3D(2),
        "Bidirectional": lambda: L.Bidirectional(L.LSTM(3), merge_mode="sum"),
        "Conv1D": lambda: L.Conv1D(4, 3, padding="causal", dilation_rate=2),
        "Conv1DTranspose": lambda: L.Conv1DTranspose(4, 3, strides=2),
        "Conv2D": lambda: L.Conv2D(4, 3, strides=2, groups=1, activation="relu"),
        "Conv2DTranspose": lambda: L.Conv2DTranspose(4, 3, output_padding=1, strides=2),
        "Conv3D": lambda: L.Conv3D(2, 2),
        "Conv3DTranspose": lambda: L.Conv3DTranspose(2, 2),
        "ConvLSTM1D": lambda: L.ConvLSTM1D(2, 3),
        "ConvLSTM2D": lambda: L.ConvLSTM2D(2, 3),
        "ConvLSTM3D": lambda: L.ConvLSTM3D(2, 3),
        "Convolution1D": lambda: L.Convolution1D(4, 3),
        "Convolution1DTranspose": lambda: L.Convolution1DTranspose(4, 3),
        "Convolution2D": lambda: L.Convolution2D(4, 3),
        "Convolution2DTranspose": lambda: L.Convolution2DTranspose(4, 3),
        "Convolution3D": lambda: L.Convolution3D(4, 3),
        "Convolution3DTranspose": lambda: L.Convolution3DTranspose(4, 3),
        "DepthwiseConv1D": lambda: L.DepthwiseConv1D(3, depth_multiplier=2),
        "DepthwiseConv2D": lambda: L.DepthwiseConv2D(3, depth_multiplier=2),
        "GRU": lambda: L.GRU(3, reset_after=False, return_sequences=True),
        "GRUCell": lambda: L.GRUCell(3),
        "GroupQueryAttention": lambda: L.GroupQueryAttention(4, 2, 1),
        "GroupedQueryAttention": lambda: L.GroupedQueryAttention(4, 2, 1),
        "JaxLayer": None,  # wraps a Python function: covered by its own tests (jax only)
        "TorchModuleWrapper": None,  # wraps a torch module: covered by its own tests
        "TFSMLayer": None,  # loads a SavedModel: covered by its own tests (tensorflow only)
        "LSTM": lambda: L.LSTM(3, go_backwards=True),
        "LSTMCell": lambda: L.LSTMCell(3),
        "MultiHeadAttention": lambda: L.MultiHeadAttention(2, 4),
        "RNN": lambda: L.RNN(L.SimpleRNNCell(3)),
        "ReversibleEmbedding": lambda: L.ReversibleEmbedding(10, 3),
        "SeparableConv1D": lambda: L.SeparableConv1D(4, 3),
        "SeparableConv2D": lambda: L.SeparableConv2D(4, 3),
        "SeparableConvolution1D": lambda: L.SeparableConvolution1D(4, 3),
        "SeparableConvolution2D": lambda: L.SeparableConvolution2D(4, 3),
        "SimpleRNN": lambda: L.SimpleRNN(3),
        "SimpleRNNCell": lambda: L.SimpleRNNCell(3),
        "SpectralNormalization": lambda: L.SpectralNormalization(L.Dense(3)),
        "StackedRNNCells": lambda: L.StackedRNNCells([L.SimpleRNNCell(3), L.GRUCell(2)]),
        "TimeDistributed": lambda: L.TimeDistributed(L.Dense(3)),
        "Dense": lambda: L.Dense(3, kernel_regularizer="l2", bias_constraint="non_neg"),
        "Dot": lambda: L.Dot(axes=1),
        "Dropout": lambda: L.Dropout(0.25, seed=3),
        "EinsumDense": lambda: L.EinsumDense("ab,bc->ac", output_shape=4, bias_axes="c"),
        "Embedding": lambda: L.Embedding(10, 3),
        "GaussianDropout": lambda: L.GaussianDropout(0.1),
        "GaussianNoise": lambda: L.GaussianNoise(0.1),
        "InputLayer": lambda: L.InputLayer(shape=(3,)),
        "Lambda": None,  # holds code: covered by the safe-mode tests
        "Permute": lambda: L.Permute((2, 1)),
        "RepeatVector": lambda: L.RepeatVector(2),
        "Reshape": lambda: L.Reshape((2, 3)),
        "SpatialDropout1D": lambda: L.SpatialDropout1D(0.1),
        "SpatialDropout2D": lambda: L.SpatialDropout2D(0.1),
        "SpatialDropout3D": lambda: L.SpatialDropout3D(0.1),
        "CategoryEncoding": lambda: L.CategoryEncoding(4, output_mode="count"),
        "CenterCrop": lambda: L.CenterCrop(2, 3),
        "Discretization": lambda: L.Discretization(bin_boundaries=[0.0, 1.5]),
        "HashedCrossing": lambda: L.HashedCrossing(5),
        "Hashing": lambda: L.Hashing(4, salt=3),
        "IntegerLookup": lambda: L.IntegerLookup(vocabulary=[3, 7], mask_token=0),
        "Normalization": lambda: L.Normalization(mean=[1.0, 2.0], variance=[4.0, 9.0]),
        "RandomBrightness": lambda: L.RandomBrightness(0.2, seed=1),
        "RandomContrast": lambda: L.RandomContrast(0.2, seed=1),
        "RandomCrop": lambda: L.RandomCrop(2, 3, seed=1),
        "RandomRotation": lambda: L.RandomRotation(0.1, seed=1),
        "RandomTranslation": lambda: L.RandomTranslation(0.1, 0.2, seed=1),
        "RandomZoom": lambda: L.RandomZoom(0.1, seed=1),
        "Rescaling": lambda: L.Rescaling(1 / 255, offset=-1.0),
        "Resizing": lambda: L.Resizing(2, 3, interpolation="nearest"),
        "StringLookup": lambda: L.StringLookup(vocabulary=["a", "b"], num_oov_indices=2),
        "TextVectorization": lambda: L.TextVectorization(vocabulary=["a", "b"], ngrams=2),
        "Wrapper": None,  # abstract
        "Layer": None,
        "InputSpec": None,  # not a serializable object
    },
    "losses": {"LossFunctionWrapper": None, "Loss": None},
    "metrics": {
        "IoU": lambda: keras_core.metrics.IoU(num_classes=3, target_class_ids=[0, 2]),
        "MeanIoU": lambda: keras_core.metrics.MeanIoU(num_classes=3),
        "MeanMetricWrapper": None,
        "Metric": None,
        "OneHotIoU": lambda: keras_core.metrics.OneHotIoU(num_classes=3, target_class_ids=[1]),
        "OneHotMeanIoU": lambda: keras_core.metrics.OneHotMeanIoU(num_classes=3),
        "PrecisionAtRecall": lambda: keras_core.metrics.PrecisionAtRecall(0.5),
        "RecallAtPrecision": lambda: keras_core.metrics.RecallAtPrecision(0.5),
        "SensitivityAtSpecificity": lambda: keras_core.metrics.SensitivityAtSpecificity(0.5),
        "SpecificityAtSensitivity": lambda: keras_core.metrics.SpecificityAtSensitivity(0.5),
    },
    "optimizers": {
        "BaseOptimizer": None,
        "Optimizer": None,
        "LossScaleOptimizer": lambda: keras_core.optimizers.LossScaleOptimizer(
            keras_core.optimizers.SGD(0.1), initial_scale=8.0
        ),
    },
    "optimizers.schedules": {
        "LearningRateSchedule": None,
        "CosineDecay": lambda: keras_core.optimizers.schedules.CosineDecay(0.1, 100),
        "CosineDecayRestarts": lambda: keras_core.optimizers.schedules.CosineDecayRestarts(0.1, 10),
        "ExponentialDecay": lambda: keras_core.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9),
        "InverseTimeDecay": lambda: keras_core.optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5),
        "PiecewiseConstantDecay": lambda: keras_core.optimizers.schedules.PiecewiseConstantDecay(
            [10], [0.1, 0.01]
        ),
        "PolynomialDecay": lambda: keras_core.optimizers.schedules.PolynomialDecay(0.1, 100),
    },
    "initializers": {"Initializer": None},
    "regularizers": {"Regularizer": None},
    "constraints": {"Constraint": None},
}


def _public_classes(namespace):
    mod = keras_core
    for part in namespace.split("."):
        mod = getattr(mod, part)
    out = []
    for name in sorted(dir(mod)):
        obj = getattr(mod, name)
        if name.startswith("_") or not isinstance(obj, type):
            continue
        if obj.__module__.startswith("keras_core.") and hasattr(obj, "get_config"):
            out.append((namespace, name, obj))
    return out


_CASES = [
    case
    for ns in _FACTORIES
    for case in _public_classes(ns)
    if not (case[1] in _FACTORIES[ns] and _FACTORIES[ns][case[1]] is None)
]


@pytest.mark.parametrize("namespace,name,cls", _CASES, ids=[f"{c[0]}.{c[1]}" for c in _CASES])
def test_every_builtin_round_trips(namespace, name, cls):
    factory = _FACTORIES[namespace].get(name, cls)
    obj = factory()
    if type(obj) is not cls:  # an alias (e.g. `Policy`): test the class it names
        assert isinstance(obj, cls)
    cfg = json_round_trip(obj)
    assert cfg["class_name"] == type(obj).__name__
    assert cfg["module"].startswith("keras")
    revived = deserialize_keras_object(cfg)
    assert type(revived) is type(obj)
    assert json_round_trip(revived) == cfg


def test_every_activation_round_trips():
    for name, fn in keras_core.activations.ALL_ACTIVATIONS.items():
        assert deserialize_keras_object(json_round_trip(fn)) is fn, name
        assert keras_core.activations.deserialize(keras_core.activations.serialize(fn)) is fn


def test_public_exports():
    for ns in (keras_core.saving, keras_core.utils):
        for name in (
            "CustomObjectScope",
            "custom_object_scope",
            "get_custom_objects",
            "get_registered_name",
            "get_registered_object",
            "register_keras_serializable",
            "serialize_keras_object",
            "deserialize_keras_object",
        ):
            assert hasattr(ns, name), (ns.__name__, name)
    for name in ("save_model", "load_model", "save_weights", "load_weights"):
        assert hasattr(keras_core.saving, name)
    for name in ("save_model", "load_model"):
        assert hasattr(keras_core.models, name)
    assert object_registration.get_registered_name(_twice) == "sltest>_twice"
    assert os.path.basename(serialization_lib.__file__) == "serialization_lib.py"
