import numpy as np
import pytest

from keras_core import ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import efficientnet_v2
from keras_core.layers import Input
from keras_core.models import Model

# Published totals (keras.io applications table; exact figures of Keras' summaries).
PUBLISHED = {
    "EfficientNetV2B0": 7_200_312,
    "EfficientNetV2B1": 8_212_124,
    "EfficientNetV2B2": 10_178_374,
    "EfficientNetV2B3": 14_467_622,
    "EfficientNetV2S": 21_612_360,
    "EfficientNetV2M": 54_431_388,
    "EfficientNetV2L": 119_027_848,
}


def test_b0_small_input_forward_count_and_round_trip(tmp_path):
    model = efficientnet_v2.EfficientNetV2B0(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.name == "efficientnetv2-b0"
    assert model.count_params() == PUBLISHED["EfficientNetV2B0"] - 1281 * 1000 + 1281 * 10
    x = tu.random_images((2, 32, 32, 3)) * 127.5 + 127.5
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 10))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)
    names = [layer.name for layer in model.layers]
    for name in (
        "stem_conv",
        "block1a_project_activation",
        "block2a_expand_conv",
        "block4a_dwconv2",
        "block6h_se_excite",
        "block6h_add",
        "top_conv",
    ):
        assert name in names
    assert "block6i_add" not in names


def test_b_preprocessing_values():
    model = efficientnet_v2.EfficientNetV2B0(
        weights=None, include_top=False, input_shape=(32, 32, 3)
    )
    probe = Model(model.inputs, model.get_layer("normalization").output)
    x = np.random.default_rng(1).uniform(0, 255, (1, 32, 32, 3)).astype("float32")
    mean = np.array([0.485, 0.456, 0.406], "float32")
    std = np.array([0.229, 0.224, 0.225], "float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(probe(x)), (x / 255.0 - mean) / std, rtol=1e-5, atol=1e-5
    )


@pytest.mark.slow
def test_s_preprocessing_values_and_features():
    # Build only (no forward pass of the full S network): check the rescaling stage.
    model = efficientnet_v2.EfficientNetV2S(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg"
    )
    assert model.output.shape == (None, 1280)
    probe = Model(model.inputs, model.get_layer("rescaling").output)
    x = np.array([0.0, 64.0, 128.0, 255.0], "float32").reshape(1, 1, 1, 4)
    x = np.broadcast_to(x[..., :3], (1, 32, 32, 3)).copy()
    np.testing.assert_allclose(
        ops.convert_to_numpy(probe(x)), x / 128.0 - 1.0, rtol=1e-6, atol=1e-6
    )
    no_prep = efficientnet_v2.EfficientNetV2B0(
        weights=None, include_top=False, input_shape=(32, 32, 3), include_preprocessing=False
    )
    assert "rescaling" not in [layer.name for layer in no_prep.layers]


def test_round_filters_has_no_ten_percent_correction():
    assert [efficientnet_v2.round_filters(f, 1.2) for f in (32, 16, 48, 96, 1280)] == [
        40,
        16,
        56,
        112,
        1536,
    ]
    assert [efficientnet_v2.round_repeats(r, 1.4) for r in (1, 2, 3, 5, 8)] == [2, 3, 5, 7, 12]


def test_argument_errors():
    tu.check_argument_errors(efficientnet_v2.EfficientNetV2B0, (32, 32, 3))
    with pytest.raises(ValueError, match="at least 32"):
        efficientnet_v2.EfficientNetV2B0(weights=None, include_top=False, input_shape=(8, 8, 3))


def test_preprocess_input_is_identity():
    x = np.linspace(0, 255, 12, dtype="float32").reshape((1, 2, 2, 3))
    before = x.copy()
    assert efficientnet_v2.preprocess_input(x) is x
    np.testing.assert_array_equal(x, before)
    with pytest.raises(ValueError):
        efficientnet_v2.decode_predictions(np.zeros((1, 5)))


@pytest.mark.slow
def test_input_tensor_and_local_weights(tmp_path):
    inp = Input((32, 32, 3))
    model = efficientnet_v2.EfficientNetV2B1(weights=None, include_top=False, input_tensor=inp)
    assert model.inputs[0] is inp
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="avg")
    tu.check_local_weights_file(efficientnet_v2.EfficientNetV2B0, kwargs, x, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_parameter_counts(name):
    assert getattr(efficientnet_v2, name)(weights=None).count_params() == PUBLISHED[name]
