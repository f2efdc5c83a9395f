import numpy as np
import pytest

import keras_core
from keras_core.applications import _test_utils as tu
from keras_core.applications import vgg16, vgg19


def test_vgg16_features_and_round_trip(tmp_path):
    model = vgg16.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
    assert model.name == "vgg16"
    assert model.count_params() == 14_714_688  # the published convolutional base
    x, _ = tu.check_forward(model, (2, 32, 32, 3), (2, 1, 1, 512))
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_vgg19_pooling_and_small_top():
    model = vgg19.VGG19(weights=None, include_top=False, input_shape=(32, 32, 3), pooling="max")
    assert model.count_params() == 20_024_384
    tu.check_forward(model, (1, 32, 32, 3), (1, 512))
    assert [layer.name for layer in model.layers][-2:] == ["block5_pool", "max_pool"]


def test_vgg16_top_with_small_input_and_classes():
    model = vgg16.VGG16(weights=None, input_shape=(32, 32, 3), classes=3)
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 3))
    tu.check_softmax_rows(y)
    names = [layer.name for layer in model.layers]
    assert names[-4:] == ["flatten", "fc1", "fc2", "predictions"]


@pytest.mark.slow
def test_vgg_input_tensor_and_local_weights(tmp_path):
    inp = keras_core.Input((32, 32, 3))
    model = vgg16.VGG16(weights=None, include_top=False, input_tensor=inp, pooling="avg")
    assert model.inputs[0] is inp
    x = tu.random_images((1, 32, 32, 3))
    tu.check_local_weights_file(
        vgg16.VGG16, dict(include_top=False, input_shape=(32, 32, 3), pooling="avg"), x, tmp_path
    )


def test_vgg_argument_errors():
    tu.check_argument_errors(vgg16.VGG16, (32, 32, 3))
    with pytest.raises(ValueError, match="at least 32"):
        vgg19.VGG19(weights=None, include_top=False, input_shape=(16, 16, 3))


def test_vgg_preprocess_is_caffe():
    x = np.full((1, 2, 2, 3), [10.0, 20.0, 30.0], dtype="float32")
    y = vgg16.preprocess_input(x)
    np.testing.assert_allclose(y[0, 0, 0], [30 - 103.939, 20 - 116.779, 10 - 123.68], rtol=1e-6)
    np.testing.assert_allclose(vgg19.preprocess_input(x), y)


@pytest.mark.slow
@pytest.mark.parametrize(
    "constructor, count", [(vgg16.VGG16, 138_357_544), (vgg19.VGG19, 143_667_240)]
)
def test_vgg_published_parameter_counts(constructor, count):
    assert constructor(weights=None).count_params() == count
