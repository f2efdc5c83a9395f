import numpy as np
import pytest

from keras_core import ops
from keras_core.applications import _test_utils as tu
from keras_core.applications import efficientnet
from keras_core.applications._a2_utils import correct_pad
from keras_core.layers import Input
from keras_core.models import Model

# Published totals (keras.io applications table, exact figures of Keras' summaries);
# the in-model Normalization holds mean, variance and Keras' scalar `count`.
PUBLISHED = {
    "EfficientNetB0": 5_330_571,
    "EfficientNetB1": 7_856_239,
    "EfficientNetB2": 9_177_569,
    "EfficientNetB3": 12_320_535,
    "EfficientNetB4": 19_466_823,
    "EfficientNetB5": 30_562_527,
    "EfficientNetB6": 43_265_143,
    "EfficientNetB7": 66_658_687,
}


def _with_classes(total, top_filters, classes):
    """The total with a ``classes``-way top instead of the 1000-way one."""
    return total - (top_filters + 1) * 1000 + (top_filters + 1) * classes


def test_b0_small_input_forward_count_and_round_trip(tmp_path):
    model = efficientnet.EfficientNetB0(weights=None, input_shape=(32, 32, 3), classes=10)
    assert model.name == "efficientnetb0"
    expected = _with_classes(PUBLISHED["EfficientNetB0"], 1280, 10)
    assert model.count_params() == expected
    x = tu.random_images((2, 32, 32, 3)) * 127.5 + 127.5
    _, y = tu.check_forward(model, (2, 32, 32, 3), (2, 10))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)
    names = [layer.name for layer in model.layers]
    for name in ("stem_conv", "block1a_dwconv", "block2b_add", "block7a_se_excite", "top_conv"):
        assert name in names
    assert names[-3:] == ["avg_pool", "top_dropout", "predictions"]


@pytest.mark.slow
def test_b0_features_and_pooling():
    model = efficientnet.EfficientNetB0(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="max"
    )
    tu.check_forward(model, (1, 32, 32, 3), (1, 1280))
    assert model.layers[-1].name == "max_pool"


def test_round_filters_and_repeats():
    # B4 widths (1.4) of the B0 stage widths, and B7 depths (3.1).
    assert [efficientnet.round_filters(f, 1.4) for f in (32, 16, 24, 40, 1280)] == [
        48,
        24,
        32,
        56,
        1792,
    ]
    assert efficientnet.round_filters(16, 1.1) == 16
    assert [efficientnet.round_repeats(r, 3.1) for r in (1, 2, 3, 4)] == [4, 7, 10, 13]


def test_correct_pad_matches_same_padding_of_stride_2():
    even = Input((32, 30, 3))
    odd = Input((33, 31, 3))
    assert correct_pad(even, 3) == ((0, 1), (0, 1))
    assert correct_pad(odd, 5) == ((2, 2), (2, 2))
    assert correct_pad(Input((None, None, 3)), 3) == ((0, 1), (0, 1))


@pytest.mark.slow
def test_in_model_normalisation_values():
    model = efficientnet.EfficientNetB0(weights=None, include_top=False, input_shape=(32, 32, 3))
    # Without pretrained weights the Normalization starts with ImageNet's statistics.
    probe = Model(model.inputs, model.get_layer("normalization").output)
    x = np.random.default_rng(2).uniform(0, 255, (1, 32, 32, 3)).astype("float32")
    mean = np.array([0.485, 0.456, 0.406], "float32")
    std = np.array([0.229, 0.224, 0.225], "float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(probe(x)), (x / 255.0 - mean) / std, rtol=1e-5, atol=1e-5
    )
    gray = efficientnet.EfficientNetB0(weights=None, include_top=False, input_shape=(32, 32, 1))
    probe = Model(gray.inputs, gray.get_layer("normalization").output)
    x = np.full((1, 32, 32, 1), 51.0, dtype="float32")
    np.testing.assert_allclose(ops.convert_to_numpy(probe(x)), x / 255.0, rtol=1e-6)


def test_argument_errors():
    tu.check_argument_errors(efficientnet.EfficientNetB0, (32, 32, 3))
    with pytest.raises(ValueError, match="at least 32"):
        efficientnet.EfficientNetB0(weights=None, include_top=False, input_shape=(16, 16, 3))
    with pytest.raises(TypeError, match="unexpected keyword arguments"):
        efficientnet.EfficientNetB0(weights=None, include_top=False, drop_rate=0.3)


def test_preprocess_input_is_identity_and_decode_delegates():
    x = np.arange(12, dtype="float32").reshape((1, 2, 2, 3))
    before = x.copy()
    assert efficientnet.preprocess_input(x) is x
    assert efficientnet.preprocess_input(x, data_format="channels_first") is x
    np.testing.assert_array_equal(x, before)
    with pytest.raises(ValueError):
        efficientnet.decode_predictions(np.zeros((2, 10)))


@pytest.mark.slow
def test_input_tensor_and_local_weights(tmp_path):
    inp = Input((32, 32, 3))
    model = efficientnet.EfficientNetB1(weights=None, include_top=False, input_tensor=inp)
    assert model.inputs[0] is inp
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), pooling="avg")
    tu.check_local_weights_file(efficientnet.EfficientNetB0, kwargs, x, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_parameter_counts(name):
    model = getattr(efficientnet, name)(weights=None)
    assert model.count_params() == PUBLISHED[name]
