"""NumPy references of the regularization layers in inference (``training=False``).

Dropout, SpatialDropout1-3D, GaussianNoise, GaussianDropout and AlphaDropout
are random only while training; called with ``training=False`` each returns
its input unchanged, which is what their goldens pin down.
ActivityRegularization returns its input unchanged in every mode (it only adds
a loss).
"""


def _no_weights(config, input_shapes):
    return []


def _identity(config, weights, inputs, training=None):
    if training:
        raise ValueError(
            "The regularization references cover inference only: case them with "
            f"`training=False`. Received: training={training!r}"
        )
    return inputs[0]


def _activity_regularization(config, weights, inputs, training=None):
    return inputs[0]


REFERENCES = {
    name: {"weights": _no_weights, "call": _identity}
    for name in (
        "Dropout",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "GaussianNoise",
        "GaussianDropout",
        "AlphaDropout",
    )
}
REFERENCES["ActivityRegularization"] = {"weights": _no_weights, "call": _activity_regularization}
