"""Every core, merging, reshaping, activation and regularization layer through the
layer harness: build, weight counts, symbolic vs eager, config round trips,
values against a NumPy reference with fixed weights, and a training step."""

import numpy as np
import pytest

from keras_core import backend, layers
from keras_core.testing import run_layer_test


def relu(x):
    return np.maximum(x, 0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


CASES = [
    # name, cls, kwargs, input_shape, expected_shape, (trainable, non_trainable), reference
    ("dense", layers.Dense, {"units": 3}, (2, 4), (2, 3), (2, 0), lambda x, w: x @ w[0] + w[1]),
    (
        "dense_relu_nobias",
        layers.Dense,
        {"units": 3, "activation": "relu", "use_bias": False},
        (2, 5, 4),
        (2, 5, 3),
        (1, 0),
        lambda x, w: relu(x @ w[0]),
    ),
    (
        "einsum_dense",
        layers.EinsumDense,
        {"equation": "abc,cd->abd", "output_shape": (None, 4), "bias_axes": "d"},
        (2, 3, 5),
        (2, 3, 4),
        (2, 0),
        lambda x, w: np.einsum("abc,cd->abd", x, w[0]) + w[1],
    ),
    (
        "einsum_dense_ellipsis",
        layers.EinsumDense,
        {"equation": "...b,bc->...c", "output_shape": 2},
        (2, 3, 4),
        (2, 3, 2),
        (1, 0),
        lambda x, w: x @ w[0],
    ),
    (
        "activation",
        layers.Activation,
        {"activation": "sigmoid"},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: sigmoid(x),
    ),
    ("identity", layers.Identity, {}, (2, 3), (2, 3), (0, 0), lambda x, w: x),
    ("masking", layers.Masking, {"mask_value": 0.0}, (2, 3, 2), (2, 3, 2), (0, 0), lambda x, w: x),
    (
        "lambda",
        layers.Lambda,
        {"function": "relu_fn"},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: relu(x),
    ),
    ("flatten", layers.Flatten, {}, (2, 3, 4), (2, 12), (0, 0), lambda x, w: x.reshape(2, -1)),
    (
        "flatten_cf",
        layers.Flatten,
        {"data_format": "channels_first"},
        (2, 3, 4),
        (2, 12),
        (0, 0),
        lambda x, w: np.moveaxis(x, 1, -1).reshape(2, -1),
    ),
    (
        "reshape",
        layers.Reshape,
        {"target_shape": (2, -1)},
        (2, 6),
        (2, 2, 3),
        (0, 0),
        lambda x, w: x.reshape(2, 2, 3),
    ),
    (
        "permute",
        layers.Permute,
        {"dims": (2, 1)},
        (2, 3, 4),
        (2, 4, 3),
        (0, 0),
        lambda x, w: x.transpose(0, 2, 1),
    ),
    (
        "repeat_vector",
        layers.RepeatVector,
        {"n": 3},
        (2, 4),
        (2, 3, 4),
        (0, 0),
        lambda x, w: np.repeat(x[:, None], 3, axis=1),
    ),
    (
        "cropping1d",
        layers.Cropping1D,
        {"cropping": (1, 2)},
        (2, 6, 3),
        (2, 3, 3),
        (0, 0),
        lambda x, w: x[:, 1:4],
    ),
    (
        "cropping2d",
        layers.Cropping2D,
        {"cropping": ((1, 0), (0, 2))},
        (2, 4, 5, 3),
        (2, 3, 3, 3),
        (0, 0),
        lambda x, w: x[:, 1:, :3],
    ),
    (
        "cropping2d_cf",
        layers.Cropping2D,
        {"cropping": 1, "data_format": "channels_first"},
        (2, 3, 4, 5),
        (2, 3, 2, 3),
        (0, 0),
        lambda x, w: x[:, :, 1:3, 1:4],
    ),
    (
        "cropping3d",
        layers.Cropping3D,
        {"cropping": 1},
        (1, 4, 4, 4, 2),
        (1, 2, 2, 2, 2),
        (0, 0),
        lambda x, w: x[:, 1:3, 1:3, 1:3],
    ),
    (
        "zero_padding1d",
        layers.ZeroPadding1D,
        {"padding": (1, 2)},
        (2, 3, 2),
        (2, 6, 2),
        (0, 0),
        lambda x, w: np.pad(x, ((0, 0), (1, 2), (0, 0))),
    ),
    (
        "zero_padding2d",
        layers.ZeroPadding2D,
        {"padding": (1, 2)},
        (1, 2, 3, 2),
        (1, 4, 7, 2),
        (0, 0),
        lambda x, w: np.pad(x, ((0, 0), (1, 1), (2, 2), (0, 0))),
    ),
    (
        "zero_padding2d_cf",
        layers.ZeroPadding2D,
        {"padding": 1, "data_format": "channels_first"},
        (1, 2, 3, 3),
        (1, 2, 5, 5),
        (0, 0),
        lambda x, w: np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1))),
    ),
    (
        "zero_padding3d",
        layers.ZeroPadding3D,
        {"padding": 1},
        (1, 2, 2, 2, 1),
        (1, 4, 4, 4, 1),
        (0, 0),
        lambda x, w: np.pad(x, ((0, 0), (1, 1), (1, 1), (1, 1), (0, 0))),
    ),
    (
        "upsampling1d",
        layers.UpSampling1D,
        {"size": 3},
        (2, 2, 3),
        (2, 6, 3),
        (0, 0),
        lambda x, w: np.repeat(x, 3, axis=1),
    ),
    (
        "upsampling2d",
        layers.UpSampling2D,
        {"size": (2, 3)},
        (1, 2, 2, 1),
        (1, 4, 6, 1),
        (0, 0),
        lambda x, w: np.repeat(np.repeat(x, 2, axis=1), 3, axis=2),
    ),
    (
        "upsampling3d",
        layers.UpSampling3D,
        {"size": 2},
        (1, 1, 2, 2, 1),
        (1, 2, 4, 4, 1),
        (0, 0),
        lambda x, w: np.repeat(np.repeat(np.repeat(x, 2, 1), 2, 2), 2, 3),
    ),
    (
        "relu",
        layers.ReLU,
        {"max_value": 0.5, "negative_slope": 0.1},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: np.where(x >= 0, np.minimum(x, 0.5), 0.1 * x),
    ),
    (
        "leaky_relu",
        layers.LeakyReLU,
        {},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: np.where(x >= 0, x, 0.3 * x),
    ),
    (
        "prelu",
        layers.PReLU,
        {"alpha_initializer": "ones", "shared_axes": [1]},
        (2, 3, 4),
        (2, 3, 4),
        (1, 0),
        lambda x, w: np.where(x >= 0, x, w[0] * x),
    ),
    (
        "elu",
        layers.ELU,
        {"alpha": 0.5},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: np.where(x > 0, x, 0.5 * (np.exp(x) - 1)),
    ),
    (
        "softmax",
        layers.Softmax,
        {"axis": 1},
        (2, 3, 2),
        (2, 3, 2),
        (0, 0),
        lambda x, w: np.exp(x) / np.exp(x).sum(axis=1, keepdims=True),
    ),
    (
        "dropout_inference",
        layers.Dropout,
        {"rate": 0.5, "seed": 1},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "spatial_dropout1d",
        layers.SpatialDropout1D,
        {"rate": 0.5},
        (2, 3, 4),
        (2, 3, 4),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "spatial_dropout2d",
        layers.SpatialDropout2D,
        {"rate": 0.5},
        (2, 3, 3, 2),
        (2, 3, 3, 2),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "spatial_dropout3d",
        layers.SpatialDropout3D,
        {"rate": 0.5},
        (1, 2, 2, 2, 2),
        (1, 2, 2, 2, 2),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "gaussian_dropout",
        layers.GaussianDropout,
        {"rate": 0.3},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "gaussian_noise",
        layers.GaussianNoise,
        {"stddev": 0.3},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: x,
    ),
    (
        "activity_regularization",
        layers.ActivityRegularization,
        {"l1": 0.1},
        (2, 3),
        (2, 3),
        (0, 0),
        lambda x, w: x,
    ),
]


def _relu_fn(x):
    return layers.Activation("relu")(x)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_layer_harness(case):
    name, cls, kwargs, in_shape, out_shape, (n_train, n_non), reference = case
    kwargs = dict(kwargs)
    custom = None
    if kwargs.get("function") == "relu_fn":
        kwargs["function"] = _relu_fn
        custom = {"_relu_fn": _relu_fn}
    result = run_layer_test(
        cls,
        kwargs,
        input_shape=in_shape,
        expected_output_shape=out_shape,
        expected_output_dtype="float32",
        expected_num_trainable_weights=n_train,
        expected_num_non_trainable_weights=n_non,
        reference=reference,
        atol=1e-6,
        rtol=1e-5,
        custom_objects=custom,
    )
    assert "output" in result and result.get("reference")


MERGE_CASES = [
    ("add", layers.Add, {}, lambda a, b: a + b, (2, 3)),
    ("subtract", layers.Subtract, {}, lambda a, b: a - b, (2, 3)),
    ("multiply", layers.Multiply, {}, lambda a, b: a * b, (2, 3)),
    ("average", layers.Average, {}, lambda a, b: (a + b) / 2, (2, 3)),
    ("maximum", layers.Maximum, {}, np.maximum, (2, 3)),
    ("minimum", layers.Minimum, {}, np.minimum, (2, 3)),
    (
        "concatenate",
        layers.Concatenate,
        {"axis": -1},
        lambda a, b: np.concatenate([a, b], -1),
        (2, 6),
    ),
    (
        "concatenate_axis0",
        layers.Concatenate,
        {"axis": -2},
        lambda a, b: np.concatenate([a, b], 0),
        (4, 3),
    ),
    ("dot", layers.Dot, {"axes": 1}, lambda a, b: np.sum(a * b, axis=1, keepdims=True), (2, 1)),
    (
        "dot_normalized",
        layers.Dot,
        {"axes": 1, "normalize": True},
        lambda a, b: np.sum(
            a
            / np.linalg.norm(a, axis=1, keepdims=True)
            * b
            / np.linalg.norm(b, axis=1, keepdims=True),
            axis=1,
            keepdims=True,
        ),
        (2, 1),
    ),
]


@pytest.mark.parametrize("case", MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_merge_layers(case):
    name, cls, kwargs, reference, out_shape = case
    run_layer_test(
        cls,
        kwargs,
        input_shape=[(2, 3), (2, 3)],
        expected_output_shape=out_shape,
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
        reference=lambda xs, w: reference(xs[0].astype(np.float64), xs[1].astype(np.float64)),
        atol=1e-6,
        rtol=1e-5,
    )


def test_merge_functional_forms_and_errors():
    a, b = np.ones((2, 3), "float32"), np.full((2, 3), 2.0, "float32")
    np.testing.assert_allclose(backend.convert_to_numpy(layers.add([a, b])), 3.0)
    np.testing.assert_allclose(backend.convert_to_numpy(layers.subtract([a, b])), -1.0)
    np.testing.assert_allclose(backend.convert_to_numpy(layers.multiply([a, b])), 2.0)
    np.testing.assert_allclose(backend.convert_to_numpy(layers.average([a, b])), 1.5)
    np.testing.assert_allclose(backend.convert_to_numpy(layers.maximum([a, b])), 2.0)
    np.testing.assert_allclose(backend.convert_to_numpy(layers.minimum([a, b])), 1.0)
    assert tuple(layers.concatenate([a, b]).shape) == (2, 6)
    assert tuple(layers.dot([a, b], axes=1).shape) == (2, 1)
    with pytest.raises(ValueError, match="at least 2 inputs"):
        layers.Add()([a])
    with pytest.raises(ValueError, match=r"compatible shapes.*\(2, 3\).*\(2, 4\)"):
        layers.Add()([a, np.ones((2, 4), "float32")])
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        layers.Subtract()([a, a, a])


def test_embedding_harness_and_mask():
    run_layer_test(
        layers.Embedding,
        {"input_dim": 6, "output_dim": 3, "mask_zero": True},
        input_data=np.array([[1, 2, 0], [5, 0, 0]], "int32"),
        expected_output_shape=(2, 3, 3),
        expected_num_trainable_weights=1,
        expected_num_non_trainable_weights=0,
        reference=lambda x, w: w[0][x],
        supports_masking=True,
        expected_mask=np.array([[True, True, False], [True, False, False]]),
        run_training_check=False,
    )
    layer = layers.Embedding(6, 3)
    layer(np.array([[1]]))
    from keras_core.testing.layer_harness import training_step_check

    if backend.core.SUPPORTS_TRAINING:
        assert training_step_check(layer, np.array([[1, 2]], "int32"), {})


def test_dropout_in_training():
    x = np.ones((200, 50), "float32")
    layer = layers.Dropout(0.4, seed=3)
    y = backend.convert_to_numpy(layer(x, training=True))
    kept = y != 0
    assert abs(kept.mean() - 0.6) < 0.02
    np.testing.assert_allclose(y[kept], 1 / 0.6, rtol=1e-6)
    np.testing.assert_array_equal(backend.convert_to_numpy(layer(x)), x)  # inference: identity
    spatial = backend.convert_to_numpy(
        layers.SpatialDropout1D(0.5, seed=2)(np.ones((4, 5, 6), "float32"), training=True)
    )
    for sample in spatial:
        for channel in sample.T:
            assert len(set(channel.tolist())) == 1  # whole channels are kept or dropped
    noisy = backend.convert_to_numpy(layers.GaussianNoise(0.5, seed=1)(x, training=True))
    assert abs(noisy.std() - 0.5) < 0.02


def test_layer_argument_errors():
    with pytest.raises(ValueError, match="rate"):
        layers.Dropout(1.5)
    with pytest.raises(ValueError, match="target_shape"):
        layers.Reshape((2, -1, -1))
    with pytest.raises(ValueError, match="dims"):
        layers.Permute((1, 3))
    with pytest.raises(ValueError, match="cropping"):
        layers.Cropping2D(((1, 2, 3),))
    with pytest.raises(ValueError, match="positive int"):
        layers.RepeatVector(0)
    with pytest.raises(ValueError, match=r"target_shape \(4,\)"):
        layers.Reshape((4,))(np.ones((2, 6), "float32"))
    with pytest.raises(ValueError, match="interpolation"):
        layers.UpSampling2D(interpolation="cubicle")


def test_layers_serialize_deserialize_round_trip():
    layer = layers.Dense(3, activation="relu", use_bias=False, name="d3")
    config = layers.serialize(layer)
    assert config["class_name"] == "Dense" and config["module"] == "keras.layers"
    rebuilt = layers.deserialize(config)
    assert isinstance(rebuilt, layers.Dense) and rebuilt is not layer
    assert rebuilt.get_config() == layer.get_config()
    with pytest.raises(TypeError, match="layer"):
        layers.serialize("Dense")
    with pytest.raises(TypeError, match="class_name"):
        layers.deserialize({"units": 3})
    with pytest.raises(ValueError, match="does not describe a layer"):
        layers.deserialize({"class_name": "NonNeg", "module": "keras.constraints", "config": {}})
