"""Every NumPy-reference golden (``golden/manifest.json``, written by
``python -m conformance golden --regenerate``) on the active backend: the layer
built from the case's config, given the stored weights and inputs, gives the
references' outputs within the family's float32 tolerance. New families'
goldens are covered as soon as they are in the manifest."""

import json

import pytest

from conformance.kinds import DEFAULT_LAYER_TOLERANCE, LAYER_TOLERANCE
from keras_core.testing import golden

_MANIFEST = json.loads((golden.source_dir("numpy") / "manifest.json").read_text())
_NAMES = sorted(_MANIFEST)


@pytest.mark.parametrize("name", _NAMES, ids=[f"{_MANIFEST[n]['family']}-{n}" for n in _NAMES])
def test_numpy_golden(name):
    tol = LAYER_TOLERANCE.get(_MANIFEST[name]["family"], DEFAULT_LAYER_TOLERANCE)
    golden.check_golden(name, atol=tol, rtol=tol, source="numpy")


def test_manifest_is_not_empty():
    assert len(_NAMES) >= 90
