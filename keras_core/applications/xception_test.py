import pytest

from keras_core.applications import _test_utils as tu
from keras_core.applications import xception


@pytest.mark.slow
def test_xception_forward_and_round_trip(tmp_path):
    model = xception.Xception(
        weights=None, include_top=False, input_shape=(71, 71, 3), pooling="avg"
    )
    assert model.name == "xception"
    assert model.count_params() == 20_861_480  # the published base (no top)
    x, _ = tu.check_forward(model, (1, 71, 71, 3), (1, 2048))
    tu.check_save_load_round_trip(model, x, tmp_path)


def test_xception_top_and_errors():
    model = xception.Xception(weights=None, input_shape=(71, 71, 3), classes=2)
    _, y = tu.check_forward(model, (2, 71, 71, 3), (2, 2))
    tu.check_softmax_rows(y)
    tu.check_argument_errors(xception.Xception, (71, 71, 3))
    with pytest.raises(ValueError, match="at least 71"):
        xception.Xception(weights=None, include_top=False, input_shape=(64, 64, 3))


def test_xception_published_parameter_count():
    assert xception.Xception(weights=None).count_params() == 22_910_480
