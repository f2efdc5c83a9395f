"""The API surface is gated: every public op exists, is registered, and is
implemented by the active backend or declared unsupported with a reason."""

import importlib
import json
import os

import pytest

from conformance import backends
from conformance.registry import all_entries
from keras_core import backend, ops

HERE = os.path.dirname(os.path.abspath(__file__))
SIGNATURES = json.load(open(os.path.join(HERE, "data", "keras3_op_signatures.json")))
MATH_OPS = (
    "erf erfc erfinv fft fft2 ifft2 rfft irfft stft istft top_k in_top_k logsumexp rsqrt "
    "segment_sum segment_max segment_min segment_prod extract_sequences logdet qr cdist"
).split()
FAMILY_MODULE = {"numpy": "numpy", "nn": "nn", "linalg": "linalg", "image": "image"}


def _public_ops():
    names = []
    for family, ops_in_family in SIGNATURES.items():
        for name in ops_in_family:
            names.append((family, name))
    return names


PUBLIC = _public_ops()


@pytest.mark.parametrize("family,name", PUBLIC, ids=[f"{f}-{n}" for f, n in PUBLIC])
def test_op_is_public(family, name):
    # Image ops live only in keras_core.ops.image, as in Keras.
    if family != "image":
        assert hasattr(ops, name), f"keras_core.ops.{name} is missing"
    if family in FAMILY_MODULE:
        ns = importlib.import_module(f"keras_core.ops.{family}")
        assert hasattr(ns, name), f"keras_core.ops.{family}.{name} is missing"


@pytest.mark.parametrize("family,name", PUBLIC, ids=[f"{f}-{n}" for f, n in PUBLIC])
def test_op_is_registered(family, name):
    entries = all_entries()
    qualified = f"{family}.{name}" if family in ("linalg", "image") else name
    assert name in entries or qualified in entries, (
        f"op {name!r} ({family}) has no conformance registry entry"
    )


@pytest.mark.parametrize("family", ["numpy", "nn", "math", "linalg", "image"])
def test_backend_implements_or_declares(family):
    module = getattr(backend, family)
    unsupported = getattr(module, "UNSUPPORTED", {})
    names = MATH_OPS if family == "math" else SIGNATURES[family]
    missing = [n for n in names if not hasattr(module, n) and n not in unsupported]
    assert not missing, f"{backends.NAME} backend lacks {family} ops: {missing}"
    for name, reason in unsupported.items():
        assert isinstance(reason, str) and len(reason) > 10, f"{name}: give a real reason"
