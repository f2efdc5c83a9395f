"""Every recurrent golden of the Keras 3 set (golden/keras3/cases/recurrent.py) on the active backend:
same weights (Keras 3 order and shapes), same inputs, masks and initial states, same outputs."""

import pytest

from keras_core.testing.golden import case_names, check_golden


@pytest.mark.parametrize("name", case_names("recurrent", source="keras3"))
def test_golden(name):
    check_golden(name, atol=2e-5, rtol=2e-5, source="keras3")
