import numpy as np
import pytest

from keras_core import ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import inception_resnet_v2, inception_v3


def test_inception_v3_forward_minimum_size():
    model = inception_v3.InceptionV3(weights=None, include_top=False, input_shape=(75, 75, 3))
    assert model.name == "inception_v3"
    assert model.count_params() == 21_802_784  # the published base (no top)
    tu.check_forward(model, (1, 75, 75, 3), (1, 1, 1, 2048))
    names = {layer.name for layer in model.layers}
    assert {"mixed0", "mixed7", "mixed9_1", "mixed10"} <= names


def test_inception_resnet_v2_forward_and_scaled_residual():
    model = inception_resnet_v2.InceptionResNetV2(
        weights=None, include_top=False, input_shape=(75, 75, 3), pooling="avg"
    )
    tu.check_forward(model, (1, 75, 75, 3), (1, 1536))
    # block35_1 adds 0.17 x the projection to its input; the last block8 is unscaled
    # and has no activation.
    scale = model.get_layer("block35_1_scale")
    assert scale.scale == pytest.approx(0.17)
    assert model.get_layer("block8_10_scale").scale == pytest.approx(1.0)
    names = {layer.name for layer in model.layers}
    assert "block8_10_ac" not in names and "block8_9_ac" in names
    x = np.ones((1, 4), dtype="float32")
    np.testing.assert_allclose(ops.convert_to_numpy(scale(x)), 0.17 * x, rtol=1e-6)


@pytest.mark.slow
def test_inception_resnet_v2_small_top():
    model = inception_resnet_v2.InceptionResNetV2(weights=None, input_shape=(75, 75, 3), classes=3)
    _, y = tu.check_forward(model, (1, 75, 75, 3), (1, 3))
    tu.check_softmax_rows(y)


def test_inception_argument_errors():
    tu.check_argument_errors(inception_v3.InceptionV3, (75, 75, 3))
    tu.check_argument_errors(inception_resnet_v2.InceptionResNetV2, (75, 75, 3))
    with pytest.raises(ValueError, match="at least 75"):
        inception_v3.InceptionV3(weights=None, include_top=False, input_shape=(74, 80, 3))
    with pytest.raises(ValueError, match="must be \\(299, 299, 3\\)"):
        inception_v3.InceptionV3(input_shape=(224, 224, 3))


def test_inception_v3_published_parameter_count():
    assert inception_v3.InceptionV3(weights=None).count_params() == 23_851_784


@pytest.mark.slow
def test_inception_resnet_v2_published_parameter_count():
    model = inception_resnet_v2.InceptionResNetV2(weights=None)
    assert model.count_params() == 55_873_736


@pytest.mark.slow
@pytest.mark.parametrize(
    "constructor", [inception_v3.InceptionV3, inception_resnet_v2.InceptionResNetV2]
)
def test_inception_round_trip(constructor, tmp_path):
    model = constructor(weights=None, include_top=False, input_shape=(75, 75, 3), pooling="max")
    x, _ = tu.check_forward(model, (1, 75, 75, 3), (1, model.output.shape[-1]))
    tu.check_save_load_round_trip(model, x, tmp_path)
