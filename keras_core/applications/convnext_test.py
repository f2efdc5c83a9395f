import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import convnext
from keras_core.layers import Input
from keras_core.models import Model

# Published totals (keras.io applications table; exact figures of Keras' summaries).
PUBLISHED = {
    "ConvNeXtTiny": 28_589_128,
    "ConvNeXtSmall": 50_223_688,
    "ConvNeXtBase": 88_591_464,
    "ConvNeXtLarge": 197_767_336,
    "ConvNeXtXLarge": 350_196_968,
}


def test_tiny_small_input_forward_count_and_round_trip(tmp_path):
    model = convnext.ConvNeXtTiny(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.name == "convnext_tiny"
    assert model.count_params() == PUBLISHED["ConvNeXtTiny"] - 769 * 1000 + 769 * 10
    x = tu.random_images((2, 32, 32, 3)) * 127.5 + 127.5
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 10))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)
    names = [layer.name for layer in model.layers]
    for name in (
        "convnext_tiny_prestem_normalization",
        "convnext_tiny_stem",
        "convnext_tiny_downsampling_block_3",
        "convnext_tiny_stage_2_block_8_layer_scale",
        "convnext_tiny_head_dense",
    ):
        assert name in names
    assert model.get_layer("convnext_tiny_stem").layers[0].name == "convnext_tiny_stem_conv"


def test_prestem_normalisation_values():
    model = convnext.ConvNeXtTiny(
        weights=None, include_top=False, input_shape=(32, 32, 3), model_name="tiny"
    )
    probe = Model(model.inputs, model.get_layer("tiny_prestem_normalization").output)
    x = np.random.default_rng(3).uniform(0, 255, (1, 32, 32, 3)).astype("float32")
    mean = np.array([0.485, 0.456, 0.406]) * 255
    std = np.array([0.229, 0.224, 0.225]) * 255
    np.testing.assert_allclose(
        ops.convert_to_numpy(probe(x)), (x - mean) / std, rtol=1e-5, atol=1e-5
    )
    # Without the top the features end with a LayerNormalization (zero mean per pixel).
    feats = ops.convert_to_numpy(model(x))
    assert feats.shape == (1, 1, 1, 768)
    np.testing.assert_allclose(feats.mean(axis=-1), 0.0, atol=1e-4)


def test_layer_scale_values_and_config():
    layer = convnext.LayerScale(0.5, 4)
    x = np.arange(8, dtype="float32").reshape(2, 4)
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x)), x * 0.5)
    assert len(layer.trainable_weights) == 1
    clone = convnext.LayerScale.from_config(layer.get_config())
    assert (clone.init_values, clone.projection_dim) == (0.5, 4)
    with pytest.raises(ValueError, match="`projection_dim` must be a positive integer"):
        convnext.LayerScale(0.5, 0)


def test_stochastic_depth_drops_whole_samples():
    layer = convnext.StochasticDepth(0.5, seed=7)
    x = np.ones((64, 2, 2, 3), dtype="float32")
    np.testing.assert_array_equal(ops.convert_to_numpy(layer(x)), x)
    y = ops.convert_to_numpy(layer(x, training=True))
    per_sample = y.reshape(64, -1)
    # Every sample is either dropped (all 0) or kept and scaled by 1 / 0.5.
    assert set(np.unique(per_sample)) <= {0.0, 2.0}
    assert np.all(per_sample.min(axis=1) == per_sample.max(axis=1))
    assert 0 < (per_sample[:, 0] == 0).sum() < 64
    with pytest.raises(ValueError, match="`drop_path_rate` must be in"):
        convnext.StochasticDepth(1.0)


def test_drop_path_model_builds_stochastic_depth_layers():
    x = Input((32, 32, 3))
    model = convnext.ConvNeXt(
        (1, 1, 1, 1),
        (8, 16, 24, 32),
        drop_path_rate=0.3,
        include_top=False,
        input_tensor=x,
        model_name="mini",
        pooling="avg",
    )
    assert model.inputs[0] is x
    depth = [layer for layer in model.layers if isinstance(layer, convnext.StochasticDepth)]
    np.testing.assert_allclose([layer.drop_path_rate for layer in depth], [0.1, 0.2, 0.3])
    tu.check_forward(model, (2, 32, 32, 3), (2, 32))


def test_argument_errors():
    tu.check_argument_errors(convnext.ConvNeXtTiny, (32, 32, 3))
    original = backend.image_data_format()
    backend.set_image_data_format("channels_first")
    try:
        with pytest.raises(ValueError, match="only the 'channels_last'"):
            convnext.ConvNeXtTiny(weights=None, include_top=False)
    finally:
        backend.set_image_data_format(original)


def test_preprocess_input_is_identity():
    x = np.full((1, 2, 2, 3), 200.0, dtype="float32")
    assert convnext.preprocess_input(x) is x
    np.testing.assert_array_equal(x, 200.0)
    with pytest.raises(ValueError):
        convnext.decode_predictions(np.zeros((3,)))


@pytest.mark.slow
def test_local_weights(tmp_path):
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="max")
    tu.check_local_weights_file(convnext.ConvNeXtTiny, kwargs, x, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_parameter_counts(name):
    assert getattr(convnext, name)(weights=None).count_params() == PUBLISHED[name]
