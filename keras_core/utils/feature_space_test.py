"""FeatureSpace over the keras_core.layers preprocessing layers.

Numeric features run in a model on every backend; adapt and tf.data use TensorFlow
(not in a torch process: TensorFlow next to torch can crash).
"""

import numpy as np
import pytest

import keras_core
from keras_core import backend, layers, ops

_NEEDED = (
    "Normalization",
    "Discretization",
    "Rescaling",
    "IntegerLookup",
    "StringLookup",
    "Hashing",
    "HashedCrossing",
)
pytestmark = pytest.mark.skipif(
    not all(hasattr(layers, n) for n in _NEEDED),
    reason="FeatureSpace needs the preprocessing layers of keras_core.layers (issue 13 part A)",
)
uses_tf = pytest.mark.skipif(
    backend.backend() == "torch", reason="TensorFlow next to torch in one process can crash"
)

from keras_core.utils import FeatureSpace  # noqa: E402


def _np(x):
    if hasattr(x, "numpy") and not backend.is_tensor(x):
        return np.asarray(x.numpy())
    return np.asarray(ops.convert_to_numpy(x))


def test_numeric_features_match_numpy_and_build_a_model():
    fs = FeatureSpace(
        {
            "a": "float",
            "b": FeatureSpace.float_rescaled(scale=2.0, offset=1.0),
            "c": FeatureSpace.float_discretized(num_bins=3, bin_boundaries=[0.0, 1.0]),
        }
    )
    x = {"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0]), "c": np.array([-1.0, 0.5])}
    out = fs(x)
    assert backend.is_tensor(out)
    assert backend.standardize_dtype(out.dtype) == "float32"
    ref = np.concatenate(
        [x["a"][:, None], x["b"][:, None] * 2 + 1, np.eye(3)[np.digitize(x["c"], [0.0, 1.0])]],
        axis=-1,
    )
    np.testing.assert_allclose(_np(out), ref, rtol=1e-6)
    single = fs({"a": 1.0, "b": 2.0, "c": 3.0})
    np.testing.assert_allclose(_np(single), [1.0, 5.0, 0.0, 0.0, 1.0], rtol=1e-6)
    encoded = fs.get_encoded_features()
    assert tuple(encoded.shape) == (None, 5)
    model = keras_core.Model(fs.get_inputs(), layers.Dense(1)(encoded))
    pred = model.predict({k: v[:, None] for k, v in x.items()}, verbose=0)
    assert pred.shape == (2, 1)


def test_dict_mode_and_config_round_trip():
    fs = FeatureSpace(
        {
            "a": "float",
            "c": FeatureSpace.float_discretized(3, bin_boundaries=[0.0, 1.0], output_mode="int"),
        },
        output_mode="dict",
    )
    out = fs({"a": np.array([1.0]), "c": np.array([2.0])})
    assert sorted(out) == ["a", "c"]
    assert _np(out["c"]).ravel().tolist() == [2]
    clone = FeatureSpace.from_config(fs.get_config())
    assert clone.output_mode == "dict" and sorted(clone.features) == ["a", "c"]
    np.testing.assert_array_equal(
        _np(clone({"a": np.array([1.0]), "c": np.array([0.5])})["c"]), [[1]]
    )


def test_errors():
    with pytest.raises(ValueError, match="type must be a Feature"):
        FeatureSpace({"a": "floaty"})
    with pytest.raises(ValueError, match="output_mode='sum'"):
        FeatureSpace({"a": "float"}, output_mode="sum")
    with pytest.raises(ValueError, match="cannot be concatenated"):
        FeatureSpace(
            {"a": FeatureSpace.float_discretized(2, bin_boundaries=[0.0], output_mode="int")}
        )
    with pytest.raises(ValueError, match="at least two features"):
        FeatureSpace({"a": "float", "b": "float"}, crosses=[("a", "zz")])
    fs = FeatureSpace({"a": "float_normalized", "b": "float"})
    with pytest.raises(ValueError, match=r"adapt\(dataset\).*\['a'\]"):
        fs({"a": np.ones(2), "b": np.ones(2)})
    with pytest.raises(ValueError, match="tf.data.Dataset"):
        fs.adapt({"a": np.ones(2)})
    with pytest.raises(ValueError, match="Missing features"):
        FeatureSpace({"a": "float"})({"b": np.ones(2)})


@uses_tf
def test_adapt_categorical_hashed_crosses_and_tf_data():
    import tensorflow as tf

    data = {
        "f": np.array([1.0, 2.0, 3.0, 4.0, 5.0, 9.0], "float32"),
        "i": np.array([2, 2, 2, 1, 1, 5], "int64"),
        "s": np.array(["x", "y", "x", "x", "z", "y"]),
    }
    fs = FeatureSpace(
        {
            "f": "float_normalized",
            "i": "integer_categorical",
            "s": FeatureSpace.string_hashed(num_bins=4),
        },
        crosses=[("i", "s")],
        crossing_dim=8,
    )
    ds = tf.data.Dataset.from_tensor_slices(data)
    fs.adapt(ds.batch(4))
    out = _np(fs(data))
    assert out.shape == (6, 1 + 4 + 4 + 8) and out.dtype == np.float32
    f = data["f"]
    np.testing.assert_allclose(out[:, 0], (f - f.mean()) / f.std(), rtol=1e-5, atol=1e-6)
    vocab = {2: 1, 1: 2, 5: 3}  # by frequency; 0 is the out-of-vocabulary index
    np.testing.assert_array_equal(out[:, 1:5], np.eye(4)[[vocab[v] for v in data["i"]]])
    buckets = tf.strings.to_hash_bucket_fast(data["s"], 4).numpy()
    np.testing.assert_array_equal(out[:, 5:9], np.eye(4)[buckets])
    cross = out[:, 9:]
    np.testing.assert_array_equal(cross.sum(axis=1), 1.0)
    same = [
        (a, b)
        for a in range(6)
        for b in range(6)
        if data["i"][a] == data["i"][b] and data["s"][a] == data["s"][b]
    ]
    for a, b in same:
        np.testing.assert_array_equal(cross[a], cross[b])
    mapped = np.concatenate([b.numpy() for b in ds.batch(4).map(fs)])
    np.testing.assert_allclose(mapped, out, rtol=1e-6, atol=1e-6)


@uses_tf
def test_string_categorical_dict_mode():
    import tensorflow as tf

    data = {"s": np.array(["b", "a", "b", "c", "b", "a"])}
    fs = FeatureSpace({"s": FeatureSpace.string_categorical(output_mode="int")}, output_mode="dict")
    fs.adapt(tf.data.Dataset.from_tensor_slices(data))
    out = fs({"s": np.array(["a", "b", "zzz"])})
    assert _np(out["s"]).ravel().tolist() == [2, 1, 0]
