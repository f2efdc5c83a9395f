import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.applications import _mobile, mobilenet, mobilenet_v2
from keras_core.applications import _test_utils as tu


def test_make_divisible():
    assert _mobile.make_divisible(32 * 0.35, 8) == 16
    assert _mobile.make_divisible(1280 * 1.4, 8) == 1792
    assert _mobile.make_divisible(20, 8) == 24
    assert _mobile.make_divisible(3, 8) == 8


def test_mobilenet_forward_round_trip(tmp_path):
    model = mobilenet.MobileNet(
        weights=None, input_shape=(32, 32, 3), alpha=0.25, classes=5, dropout=0.2
    )
    assert model.name == "mobilenet_0.25_224"
    x, y = tu.check_forward(model, (2, 32, 32, 3), (2, 5))
    tu.check_softmax_rows(y)
    tu.check_save_load_round_trip(model, x, tmp_path)


@pytest.mark.slow
def test_mobilenet_v2_forward_round_trip(tmp_path):
    model = mobilenet_v2.MobileNetV2(
        weights=None, include_top=False, input_shape=(33, 33, 3), alpha=0.35, pooling="avg"
    )
    x, _ = tu.check_forward(model, (2, 33, 33, 3), (2, 1280))
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_mobilenet_v2_wide_last_layer_and_names():
    model = mobilenet_v2.MobileNetV2(
        weights=None, include_top=False, alpha=1.4, input_shape=(32, 32, 3)
    )
    assert tuple(model.output.shape) == (None, 1, 1, 1792)
    tu.check_forward(model, (1, 32, 32, 3), (1, 1, 1, 1792))
    names = {layer.name for layer in model.layers}
    assert {"Conv1", "expanded_conv_project", "block_16_project_BN", "out_relu"} <= names
    assert model.name == "mobilenetv2_1.40_224"


def test_mobilenet_local_weights(tmp_path):
    x = tu.random_images((1, 32, 32, 3))
    kwargs = dict(include_top=False, input_shape=(32, 32, 3), alpha=0.25, pooling="avg")
    tu.check_local_weights_file(mobilenet.MobileNet, kwargs, x, tmp_path)


def test_mobilenet_argument_errors():
    tu.check_argument_errors(mobilenet.MobileNet, (32, 32, 3))
    tu.check_argument_errors(mobilenet_v2.MobileNetV2, (32, 32, 3))
    with pytest.raises(ValueError, match="`alpha` must be one of 0.25"):
        mobilenet.MobileNet(alpha=0.3)
    with pytest.raises(ValueError, match="`depth_multiplier` must be 1"):
        mobilenet.MobileNet(depth_multiplier=2)
    with pytest.raises(ValueError, match="`alpha` must be one of 0.35"):
        mobilenet_v2.MobileNetV2(alpha=0.6)
    with pytest.raises(ValueError, match="`alpha` must be a positive number"):
        mobilenet_v2.MobileNetV2(weights=None, alpha=-1)
    with pytest.raises(ValueError, match="must be square"):
        mobilenet.MobileNet(include_top=False, input_shape=(128, 160, 3))


def test_mobilenet_pretrained_size_follows_input():
    model = mobilenet.MobileNet(weights=None, include_top=False, input_shape=(128, 128, 3))
    assert model.name == "mobilenet_1.00_128"


@pytest.mark.parametrize(
    "constructor, count",
    [(mobilenet.MobileNet, 4_253_864), (mobilenet_v2.MobileNetV2, 3_538_984)],
)
def test_mobilenet_published_parameter_counts(constructor, count):
    assert constructor(weights=None).count_params() == count


def test_imagenet_weights_go_through_get_file(tmp_path, monkeypatch):
    # No network here: get_file is replaced by a local file, checking the published
    # file name, URL and cache folder the "imagenet" path asks for.
    from keras_core.applications import _common

    kwargs = dict(include_top=False, input_shape=(128, 128, 3), alpha=0.25)
    source = mobilenet.MobileNet(weights=None, **kwargs)
    path = str(tmp_path / "published.weights.h5")
    source.save_weights(path)
    calls = []

    def fake_get_file(fname, origin, cache_subdir, file_hash):
        calls.append((fname, origin, cache_subdir, file_hash))
        return path

    monkeypatch.setattr(_common.file_utils, "get_file", fake_get_file)
    model = mobilenet.MobileNet(weights="imagenet", **kwargs)
    assert calls == [
        (
            "mobilenet_2_5_128_tf_no_top.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/"
            "mobilenet_2_5_128_tf_no_top.h5",
            "models",
            None,
        )
    ]
    x = tu.random_images((1, 128, 128, 3))
    np.testing.assert_allclose(
        ops.convert_to_numpy(model(x, training=False)),
        ops.convert_to_numpy(source(x, training=False)),
        rtol=1e-5,
        atol=1e-6,
    )


def test_channels_first_builds_with_same_parameter_count():
    previous = backend.image_data_format()
    backend.set_image_data_format("channels_first")
    try:
        model = mobilenet_v2.MobileNetV2(weights=None, alpha=0.35, classes=10)
        assert tuple(model.input.shape) == (None, 3, 224, 224)
        assert tuple(model.get_layer("out_relu").output.shape) == (None, 1280, 7, 7)
    finally:
        backend.set_image_data_format(previous)
    reference = mobilenet_v2.MobileNetV2(weights=None, alpha=0.35, classes=10)
    assert model.count_params() == reference.count_params()
