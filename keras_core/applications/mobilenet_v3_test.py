import numpy as np
import pytest

from keras_core import ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import mobilenet_v3


def test_mobilenet_v3_small_forward_round_trip(tmp_path):
    model = mobilenet_v3.MobileNetV3Small(weights=None, input_shape=(32, 32, 3), classes=4)
    assert model.name == "MobilenetV3small"
    x = np.random.default_rng(0).uniform(0, 255, size=(2, 32, 32, 3)).astype("float32")
    y = ops.convert_to_numpy(model(x, training=False))
    assert y.shape == (2, 4)
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_mobilenet_v3_large_minimalistic_features():
    model = mobilenet_v3.MobileNetV3Large(
        weights=None, include_top=False, minimalistic=True, pooling="avg", alpha=0.75
    )
    assert tuple(model.input.shape) == (None, None, None, 3)
    tu.check_forward(model, (1, 40, 40, 3), (1, 720))
    names = {layer.name for layer in model.layers}
    assert not any("squeeze_excite" in n for n in names)
    assert {"conv", "expanded_conv_project", "expanded_conv_14_add", "conv_1"} <= names


def test_mobilenet_v3_squeeze_excite_present():
    model = mobilenet_v3.MobileNetV3Small(weights=None, include_top=False)
    names = {layer.name for layer in model.layers}
    assert {"expanded_conv_squeeze_excite_mul", "expanded_conv_10_squeeze_excite_conv_1"} <= names


def test_mobilenet_v3_preprocessing_flag():
    with_pre = mobilenet_v3.MobileNetV3Small(weights=None, include_top=False)
    without = mobilenet_v3.MobileNetV3Small(
        weights=None, include_top=False, include_preprocessing=False
    )
    assert with_pre.layers[1].name == "rescaling"
    assert "rescaling" not in {layer.name for layer in without.layers}
    without.set_weights(with_pre.get_weights())
    x = np.random.default_rng(1).uniform(0, 255, size=(1, 32, 32, 3)).astype("float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(with_pre(x)),
        ops.convert_to_numpy(without(x / 127.5 - 1.0)),
        rtol=1e-4,
        atol=1e-4,
    )
    assert mobilenet_v3.preprocess_input(x) is x


def test_mobilenet_v3_argument_errors():
    tu.check_argument_errors(mobilenet_v3.MobileNetV3Small, (32, 32, 3))
    with pytest.raises(ValueError, match="`alpha` must be 0.75 or 1.0"):
        mobilenet_v3.MobileNetV3Large(alpha=0.5)
    with pytest.raises(ValueError, match="`dropout_rate` must be a number"):
        mobilenet_v3.MobileNetV3Large(weights=None, dropout_rate=1.5)


@pytest.mark.parametrize(
    "constructor, count",
    [(mobilenet_v3.MobileNetV3Large, 5_507_432), (mobilenet_v3.MobileNetV3Small, 2_554_968)],
)
def test_mobilenet_v3_published_parameter_counts(constructor, count):
    assert constructor(weights=None).count_params() == count
