"""keras_core's result dtypes against the recorded Keras 3 table (data/keras3_dtypes.json)."""

import json
import os

import pytest

from conformance import keras3_dtypes

# Ops whose every recorded pair agrees with Keras 3 (or differs deliberately, with a why).
AGREEING_OPS = (
    "add",
    "subtract",
    "multiply",
    "divide",
    "true_divide",
    "floor_divide",
    "maximum",
    "minimum",
    "power",
    "mean",
    "sum",
    "prod",
    "max",
    "argmax",
    "argsort",
    "sqrt",
    "exp",
    "log",
    "sin",
    "tanh",
    "abs",
    "sign",
    "round",
    "cumsum",
    "where",
    "concatenate",
    "reshape",
    "transpose",
    "softmax",
    "relu",
    "sigmoid",
    "binary_crossentropy",
)


def test_table_is_complete_and_explained():
    table = keras3_dtypes.load()
    assert table["keras_version"].startswith("3.")
    assert len(table["backends"]) >= 2
    assert len(table["ops"]) >= 300
    for op, per in table["ops"].items():
        if "missing" in per:
            continue
        for rows in per.values():
            for row in rows.values():
                # A row without one agreed Keras 3 result says why.
                if "keras3" not in row:
                    assert row.get("why"), (op, row)
    why = keras3_dtypes.load_why()
    assert why and all(isinstance(v, str) and len(v) > 20 for v in why.values())


@pytest.mark.parametrize("op", AGREEING_OPS)
def test_result_dtypes_agree_with_keras3(op):
    counts, bad = keras3_dtypes.check([op])
    assert counts.get("judged", 0) + counts.get("deliberate", 0) > 0, counts
    assert not bad, json.dumps(bad[:5])


def test_why_keys_name_registered_ops():
    from conformance.registry import all_entries

    entries = all_entries()
    for key in keras3_dtypes.load_why():
        assert key.split("/")[0] in entries, key


def test_data_files_exist():
    assert os.path.exists(keras3_dtypes.TABLE)
    assert os.path.exists(keras3_dtypes.WHY)
