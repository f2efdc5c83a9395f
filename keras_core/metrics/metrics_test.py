"""The metrics namespace: every class builds, round-trips its config and is found by name."""

import json

import pytest

from keras_core import metrics

CLASSES = [
    "AUC",
    "Accuracy",
    "BinaryAccuracy",
    "BinaryCrossentropy",
    "BinaryIoU",
    "CategoricalAccuracy",
    "CategoricalCrossentropy",
    "CategoricalHinge",
    "CosineSimilarity",
    "F1Score",
    "FBetaScore",
    "FalseNegatives",
    "FalsePositives",
    "Hinge",
    "KLDivergence",
    "LogCoshError",
    "Mean",
    "MeanAbsoluteError",
    "MeanAbsolutePercentageError",
    "MeanSquaredError",
    "MeanSquaredLogarithmicError",
    "OneHotMeanIoU",
    "Poisson",
    "Precision",
    "R2Score",
    "Recall",
    "RootMeanSquaredError",
    "SparseCategoricalAccuracy",
    "SparseCategoricalCrossentropy",
    "SparseTopKCategoricalAccuracy",
    "SquaredHinge",
    "Sum",
    "TopKCategoricalAccuracy",
    "TrueNegatives",
    "TruePositives",
]
REQUIRED = {
    "OneHotMeanIoU": {"num_classes": 3},
}


@pytest.mark.parametrize("name", CLASSES)
def test_class_config_is_json_and_round_trips(name):
    cls = getattr(metrics, name)
    m = cls(**REQUIRED.get(name, {}))
    config = metrics.serialize(m)
    text = json.dumps(config)
    clone = metrics.deserialize(json.loads(text))
    assert type(clone) is cls and clone.get_config() == m.get_config()
    if name not in REQUIRED:
        assert type(metrics.get(name)) is cls


def test_get_functions_and_aliases():
    assert metrics.get("mse") is metrics.mean_squared_error
    assert metrics.get("binary_accuracy") is metrics.binary_accuracy
    assert metrics.get("sparse_top_k_categorical_accuracy") is (
        metrics.sparse_top_k_categorical_accuracy
    )
    assert metrics.get(None) is None
    m = metrics.Mean()
    assert metrics.get(m) is m
    with pytest.raises(ValueError, match="Could not interpret metric"):
        metrics.get("no_such_metric")


def test_function_configs_round_trip():
    for fn in (
        metrics.binary_accuracy,
        metrics.mean_squared_error,
        metrics.top_k_categorical_accuracy,
    ):
        config = metrics.serialize(fn)
        assert config["class_name"] == "function"
        assert metrics.deserialize(config) is fn
