import json
import os

import numpy as np
import pytest

from keras_core import backend
from keras_core.backend.common import dtypes

TABLE_PATH = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "conformance", "data", "promotion_table.json"
)
TABLE = json.load(open(TABLE_PATH))["table"]
WEAK = {"int": int, "float": float}


@pytest.mark.parametrize("pair", sorted(TABLE))
def test_result_type_matches_table(pair):
    a, b = pair.split(",")
    assert dtypes.result_type(WEAK.get(a, a), WEAK.get(b, b)) == TABLE[pair]


def test_result_type_is_symmetric_and_associative():
    names = [n for n in TABLE if "," in n]
    kinds = sorted({p.split(",")[0] for p in names})
    for a in kinds:
        for b in kinds:
            ab = dtypes.result_type(WEAK.get(a, a), WEAK.get(b, b))
            assert ab == dtypes.result_type(WEAK.get(b, b), WEAK.get(a, a))
    for a, b, c in [
        ("int8", "uint8", "float16"),
        ("bool", "uint16", "int8"),
        ("bfloat16", "float16", "int64"),
    ]:
        left = dtypes.result_type(dtypes.result_type(a, b), c)
        assert left == dtypes.result_type(a, b, c)


def test_weak_scalars_keep_tensor_dtype():
    assert dtypes.result_type("int8", 3) == "int8"
    assert dtypes.result_type("bfloat16", 2.5) == "bfloat16"
    assert dtypes.result_type("uint8", 1) == "uint8"
    assert dtypes.result_type("int32", 1.5) == "float32"
    assert dtypes.result_type(1) == "int32"
    assert dtypes.result_type(1.0) == backend.floatx()
    assert dtypes.result_type() == backend.floatx()


def test_weak_float_follows_floatx():
    old = backend.floatx()
    try:
        backend.set_floatx("float64")
        assert dtypes.result_type("int32", float) == "float64"
        assert dtypes.result_type("float16", float) == "float16"
    finally:
        backend.set_floatx(old)


@pytest.mark.parametrize(
    "given,expected",
    [
        ("float", "float32"),
        ("double", "float64"),
        (np.float16, "float16"),
        (np.dtype("int64"), "int64"),
        (bool, "bool"),
        (None, "float32"),
        ("uint16", "uint16"),
    ],
)
def test_standardize_dtype(given, expected):
    assert dtypes.standardize_dtype(given) == expected


def test_standardize_native_dtypes():
    t = backend.convert_to_tensor(np.zeros((2,), "int16"))
    assert dtypes.standardize_dtype(t.dtype) == "int16"
    assert dtypes.standardize_dtype(backend.core.to_native_dtype("bfloat16")) == "bfloat16"


def test_bad_dtype_is_named():
    with pytest.raises(ValueError, match=r"Invalid dtype: 'float7'"):
        dtypes.standardize_dtype("float7")


def test_string_does_not_promote_with_numbers():
    with pytest.raises(ValueError, match="string"):
        dtypes.result_type("string", "int32")


def test_predicates():
    assert dtypes.is_float_dtype("bfloat16") and not dtypes.is_float_dtype("int8")
    assert dtypes.is_int_dtype("uint32") and not dtypes.is_int_dtype("float16")
    assert backend.is_float_dtype("float64") and backend.is_int_dtype("int64")
