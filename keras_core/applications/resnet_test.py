import numpy as np
import pytest

from keras_core.applications import _test_utils as tu
from keras_core.applications import resnet, resnet50, resnet_v2


def test_resnet50_features_forward_and_names():
    model = resnet.ResNet50(weights=None, include_top=False, input_shape=(32, 32, 3))
    assert model.name == "resnet50"
    tu.check_forward(model, (2, 32, 32, 3), (2, 1, 1, 2048))
    names = {layer.name for layer in model.layers}
    assert {"conv1_conv", "conv2_block1_0_conv", "conv5_block3_out"} <= names


def test_resnet_v1_v2_round_trip_on_one_block_per_stage(tmp_path):
    # The builder behind every ResNet, with one block per stage to keep the file small.
    for preact in (False, True):
        model = resnet.build_resnet(
            (1, 1, 1, 1), preact, "resnet50", False, None, None, (32, 32, 3), "avg", 1000, None
        )
        x, _ = tu.check_forward(model, (1, 32, 32, 3), (1, 2048))
        tu.check_save_load_round_trip(model, x, tmp_path)


@pytest.mark.slow
def test_resnet50v2_pooled_forward_and_round_trip(tmp_path):
    model = resnet_v2.ResNet50V2(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg"
    )
    assert model.count_params() == 23_564_800  # the published v2 base (no top)
    x, _ = tu.check_forward(model, (1, 32, 32, 3), (1, 2048))
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_resnet_small_top():
    model = resnet.ResNet50(weights=None, input_shape=(32, 32, 3), classes=4)
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 4))
    tu.check_softmax_rows(y)


def test_resnet50_alias_module():
    assert resnet50.ResNet50 is resnet.ResNet50
    assert resnet50.preprocess_input is resnet.preprocess_input


def test_resnet_argument_errors():
    tu.check_argument_errors(resnet.ResNet50, (32, 32, 3))
    tu.check_argument_errors(resnet_v2.ResNet50V2, (32, 32, 3))


def test_resnet_preprocessing_modes():
    x = np.full((1, 1, 1, 3), [0.0, 127.5, 255.0], dtype="float32")
    np.testing.assert_allclose(resnet_v2.preprocess_input(x)[0, 0, 0], [-1.0, 0.0, 1.0])
    np.testing.assert_allclose(
        resnet.preprocess_input(x)[0, 0, 0], [255 - 103.939, 127.5 - 116.779, 0 - 123.68]
    )


def test_resnet50_published_parameter_count():
    assert resnet.ResNet50(weights=None).count_params() == 25_636_712


@pytest.mark.slow
def test_resnet_local_weights_file(tmp_path):
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="max")
    tu.check_local_weights_file(resnet.ResNet50, kwargs, x, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    "constructor, count",
    [
        (resnet.ResNet101, 44_707_176),
        (resnet.ResNet152, 60_419_944),
        (resnet_v2.ResNet50V2, 25_613_800),
        (resnet_v2.ResNet101V2, 44_675_560),
        (resnet_v2.ResNet152V2, 60_380_648),
    ],
)
def test_resnet_published_parameter_counts(constructor, count):
    assert constructor(weights=None).count_params() == count
