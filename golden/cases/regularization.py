"""NumPy golden cases of the regularization layers, in inference (``training=False``),
where they are deterministic (see golden/README.md for the format)."""

_INFER = {"training": False}

CASES = [
    {
        "name": "dropout_rate05_inference",
        "layer": "Dropout",
        "config": {"rate": 0.5},
        "inputs": [[3, 4]],
        "call_kwargs": _INFER,
    },
    {
        "name": "dropout_noise_shape_inference",
        "layer": "Dropout",
        "config": {"rate": 0.3, "noise_shape": [None, 1, 4], "seed": 3},
        "inputs": [[2, 3, 4]],
        "call_kwargs": _INFER,
        "seed": 1,
    },
    {
        "name": "spatial_dropout1d_inference",
        "layer": "SpatialDropout1D",
        "config": {"rate": 0.5},
        "inputs": [[2, 4, 3]],
        "call_kwargs": _INFER,
    },
    {
        "name": "spatial_dropout2d_inference",
        "layer": "SpatialDropout2D",
        "config": {"rate": 0.5},
        "inputs": [[2, 3, 3, 2]],
        "call_kwargs": _INFER,
    },
    {
        "name": "spatial_dropout2d_channels_first_inference",
        "layer": "SpatialDropout2D",
        "config": {"rate": 0.4, "data_format": "channels_first"},
        "inputs": [[2, 2, 3, 3]],
        "call_kwargs": _INFER,
        "seed": 1,
    },
    {
        "name": "spatial_dropout3d_inference",
        "layer": "SpatialDropout3D",
        "config": {"rate": 0.5},
        "inputs": [[1, 2, 2, 2, 3]],
        "call_kwargs": _INFER,
    },
    {
        "name": "gaussian_noise_inference",
        "layer": "GaussianNoise",
        "config": {"stddev": 0.5},
        "inputs": [[3, 4]],
        "call_kwargs": _INFER,
    },
    {
        "name": "gaussian_dropout_inference",
        "layer": "GaussianDropout",
        "config": {"rate": 0.4},
        "inputs": [[3, 4]],
        "call_kwargs": _INFER,
    },
    {
        "name": "alpha_dropout_inference",
        "layer": "AlphaDropout",
        "config": {"rate": 0.3},
        "inputs": [[3, 4]],
        "call_kwargs": _INFER,
    },
    {
        "name": "activity_regularization_l1_l2",
        "layer": "ActivityRegularization",
        "config": {"l1": 0.01, "l2": 0.02},
        "inputs": [[3, 4]],
    },
    {
        "name": "activity_regularization_training",
        "layer": "ActivityRegularization",
        "config": {"l1": 0.1},
        "inputs": [[2, 3]],
        "call_kwargs": {"training": True},
        "seed": 1,
    },
]
