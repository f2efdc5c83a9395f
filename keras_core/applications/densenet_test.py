import numpy as np
import pytest

from keras_core.applications import _test_utils as tu
from keras_core.applications import densenet


def test_densenet_small_builder_forward_and_round_trip(tmp_path):
    # The builder behind DenseNet121/169/201 with one dense layer per block.
    model = densenet.build_densenet(
        (1, 1, 1, 1), "densenet121", True, None, None, (32, 32, 3), None, 3, "softmax"
    )
    x, y = tu.check_forward(model, (2, 32, 32, 3), (2, 3))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_densenet121_features_forward():
    model = densenet.DenseNet121(weights=None, include_top=False, input_shape=(32, 32, 3))
    assert model.name == "densenet121"
    assert model.count_params() == 7_037_504  # the published base (no top)
    tu.check_forward(model, (1, 32, 32, 3), (1, 1, 1, 1024))
    names = {layer.name for layer in model.layers}
    assert {"conv2_block6_concat", "pool4_pool", "conv5_block16_2_conv", "bn"} <= names


def test_densenet_argument_errors():
    tu.check_argument_errors(densenet.DenseNet121, (32, 32, 3))


def test_densenet_preprocess_is_torch_mode():
    x = np.full((1, 1, 1, 3), 255.0, dtype="float32")
    expected = (1.0 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
    np.testing.assert_allclose(densenet.preprocess_input(x)[0, 0, 0], expected, rtol=1e-6)


def test_densenet121_published_parameter_count():
    assert densenet.DenseNet121(weights=None).count_params() == 8_062_504


@pytest.mark.slow
@pytest.mark.parametrize(
    "constructor, count",
    [(densenet.DenseNet169, 14_307_880), (densenet.DenseNet201, 20_242_984)],
)
def test_densenet_published_parameter_counts(constructor, count):
    assert constructor(weights=None).count_params() == count


@pytest.mark.slow
def test_densenet_local_weights(tmp_path):
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="avg")
    tu.check_local_weights_file(densenet.DenseNet121, kwargs, x, tmp_path)
