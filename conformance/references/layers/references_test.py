"""The NumPy layer references: framework-free, complete for the part-1 families, and
right on small hand-computed examples. (Every case of golden/cases/ was also compared
with Keras 3.15.1 when written; keras_core is checked against the generated goldens by
keras_core/testing/golden_numpy_test.py.)"""

import subprocess
import sys

import numpy as np
import pytest

from conformance.references.layers import all_references, lookup

PART1 = {
    "core": ["Dense", "EinsumDense", "Embedding", "Identity", "Masking"],
    "activations": ["Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax"],
    "merging": ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"]
    + ["Dot"],
    "reshaping": ["Flatten", "Reshape", "Permute", "RepeatVector"]
    + [f"{k}{d}D" for k in ("Cropping", "UpSampling", "ZeroPadding") for d in (1, 2, 3)],
    "regularization": ["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"]
    + ["GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization"],
}


def test_references_import_no_framework():
    code = (
        "import sys\n"
        "from conformance.references.layers import all_references\n"
        "all_references()\n"
        "bad = {'tensorflow', 'jax', 'torch', 'keras', 'keras_core'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("family", sorted(PART1))
def test_part1_layers_have_references(family):
    refs = all_references()
    for name in PART1[family]:
        assert set(refs[name]) >= {"weights", "call"}, name


def _call(layer, config, inputs, weights=(), **kwargs):
    ref = lookup(layer)
    return ref["call"](config, list(weights), [np.asarray(x, np.float64) for x in inputs], **kwargs)


def test_relu_threshold_slope_max():
    x = np.array([-1.0, 0.2, 0.5, 0.8, 3.0])
    got = _call("ReLU", {"threshold": 0.5, "negative_slope": 0.1, "max_value": 1.0}, [x])
    # below the threshold: 0.1 * (x - 0.5); above: x clipped to 1.
    np.testing.assert_allclose(got, [-0.15, -0.03, 0.0, 0.8, 1.0])


def test_softmax_mask_zeroes_masked_and_full_rows():
    x = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    mask = np.array([[True, False, True], [False, False, False]])
    got = _call("Softmax", {}, [x], mask=mask)
    e = np.exp([1.0, 3.0])
    np.testing.assert_allclose(got[0], [e[0] / e.sum(), 0.0, e[1] / e.sum()])
    np.testing.assert_array_equal(got[1], 0.0)


def test_einsum_dense_shapes():
    ref = lookup("EinsumDense")
    config = {"equation": "abc,cde->abde", "output_shape": [None, 2, 3], "bias_axes": "de"}
    assert ref["weights"](config, [(2, 4, 5)]) == [("kernel", (5, 2, 3)), ("bias", (2, 3))]
    config = {"equation": "...b,bcd->...cd", "output_shape": [2, 3], "bias_axes": "d"}
    assert ref["weights"](config, [(2, 3, 4)]) == [("kernel", (4, 2, 3)), ("bias", (3,))]
    config = {"equation": "ab,bc->ac", "output_shape": 4, "bias_axes": "c"}
    assert ref["weights"](config, [(3, 5)]) == [("kernel", (5, 4)), ("bias", (4,))]


def test_dot_vectors_and_normalize():
    x, y = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [0.0, 1.0]])
    np.testing.assert_allclose(_call("Dot", {"axes": 1}, [x, y]), [[17.0], [4.0]])
    cos = _call("Dot", {"axes": 1, "normalize": True}, [x, y])
    np.testing.assert_allclose(cos[1, 0], 4.0 / 5.0)


def test_flatten_channels_first_moves_channels_last():
    x = np.arange(8.0).reshape(1, 2, 2, 2)
    got = _call("Flatten", {"data_format": "channels_first"}, [x])
    np.testing.assert_array_equal(got, np.moveaxis(x, 1, -1).reshape(1, -1))


def test_upsampling2d_bilinear_half_pixel():
    x = np.array([0.0, 1.0]).reshape(1, 1, 2, 1)
    got = _call("UpSampling2D", {"size": [1, 2], "interpolation": "bilinear"}, [x])
    np.testing.assert_allclose(got.ravel(), [0.0, 0.25, 0.75, 1.0])


def test_padding_and_cropping_are_inverse():
    x = np.random.default_rng(0).uniform(size=(1, 2, 3, 4, 2))
    config = {"padding": [[0, 1], [1, 0], [2, 1]], "data_format": "channels_first"}
    padded = _call("ZeroPadding3D", config, [x])
    assert padded.shape == (1, 2, 4, 5, 5)
    crop = {"cropping": config["padding"], "data_format": "channels_first"}
    np.testing.assert_array_equal(_call("Cropping3D", crop, [padded]), x)


def test_regularization_refuses_training():
    with pytest.raises(ValueError, match="training=False"):
        _call("Dropout", {"rate": 0.5}, [np.ones(2)], training=True)
