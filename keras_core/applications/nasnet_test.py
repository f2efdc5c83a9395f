import numpy as np
import pytest

from keras_core import ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import nasnet
from keras_core.layers import Input

# Published totals (keras.io applications table; exact figures of Keras' summaries).
PUBLISHED = {"NASNetMobile": 5_326_716, "NASNetLarge": 88_949_818}


def test_mobile_small_input_forward_count_and_round_trip(tmp_path):
    model = nasnet.NASNetMobile(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.count_params() == PUBLISHED["NASNetMobile"] - 1057 * 1000 + 1057 * 10
    x = nasnet.preprocess_input(tu.random_images((2, 32, 32, 3)) * 127.5 + 127.5)
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 10))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)
    names = [layer.name for layer in model.layers]
    for name in (
        "stem_conv1",
        "reduction_concat_stem_1",
        "adjust_conv_projection_1",
        "normal_concat_3",
        "reduction_concat_reduce_4",
        "normal_concat_12",
        "separable_conv_1_pad_reduction_left1_reduce_8",
        "predictions",
    ):
        assert name in names


def test_mobile_features_with_input_tensor():
    inp = Input((32, 32, 3))
    model = nasnet.NASNetMobile(weights=None, include_top=False, input_tensor=inp)
    assert model.inputs[0] is inp
    assert model.output.shape == (None, 1, 1, 1056)


def test_penultimate_filters_must_be_multiple_of_24():
    with pytest.raises(ValueError, match="`penultimate_filters` must be a multiple of 24"):
        nasnet.NASNet((32, 32, 3), penultimate_filters=100, include_top=False)


def test_argument_errors():
    tu.check_argument_errors(nasnet.NASNetMobile, (32, 32, 3))
    with pytest.raises(ValueError, match="at least 32"):
        nasnet.NASNetMobile(weights=None, include_top=False, input_shape=(31, 31, 3))


def test_preprocess_input_tf_mode():
    x = np.array([0.0, 51.0, 127.5, 204.0, 255.0, 25.5], "float32").reshape(1, 1, 2, 3)
    before = x.copy()
    y = nasnet.preprocess_input(x)
    np.testing.assert_allclose(y, x / 127.5 - 1.0, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(x, before)
    z = ops.convert_to_numpy(nasnet.preprocess_input(ops.convert_to_tensor(x)))
    np.testing.assert_allclose(z, x / 127.5 - 1.0, rtol=1e-6, atol=1e-7)
    with pytest.raises(ValueError):
        nasnet.decode_predictions(np.zeros((1, 999)))


@pytest.mark.slow
def test_local_weights(tmp_path):
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="avg")
    tu.check_local_weights_file(nasnet.NASNetMobile, kwargs, x, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_parameter_counts(name):
    assert getattr(nasnet, name)(weights=None).count_params() == PUBLISHED[name]
