"""The pooling references against Keras 3's recordings, and keras_core's layers
against the references on the NumPy golden cases."""

import pytest

from conformance.references.layers import _golden_io as io
from conformance.references.layers.pooling import REFERENCES

CASES = io.load_cases("pooling")


@pytest.mark.parametrize("name", io.keras3_goldens(set(REFERENCES)))
def test_reference_matches_keras3(name):
    io.check_reference_against_keras3(name, REFERENCES)


def test_every_layer_has_keras3_goldens_and_cases():
    assert {
        io.load_keras3_golden(n)["case"]["layer"] for n in io.keras3_goldens(set(REFERENCES))
    } == set(REFERENCES)
    assert {c["layer"] for c in CASES} == set(REFERENCES)
    io.check_case_list(CASES, REFERENCES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_layer_matches_reference(case):
    io.check_layer_against_reference(case, REFERENCES)


def test_reference_module_imports_no_framework():
    io.assert_pure_numpy("conformance.references.layers.pooling")
