"""NumPy golden cases of the activation layers (see golden/README.md for the format)."""

_ACTIVATIONS = [
    "relu",
    "relu6",
    "sigmoid",
    "hard_sigmoid",
    "tanh",
    "softmax",
    "log_softmax",
    "softplus",
    "softsign",
    "silu",
    "gelu",
    "elu",
    "selu",
    "leaky_relu",
    "mish",
    "exponential",
    "linear",
]

CASES = [
    {
        "name": f"activation_{name}",
        "layer": "Activation",
        "config": {"activation": name},
        "inputs": [{"shape": [2, 3, 4], "minval": -3.0, "maxval": 3.0}],
        "seed": i,
    }
    for i, name in enumerate(_ACTIVATIONS)
] + [
    {
        "name": "relu_layer_default",
        "layer": "ReLU",
        "inputs": [{"shape": [3, 5], "minval": -2.0, "maxval": 2.0}],
    },
    {
        "name": "relu_layer_max_slope_threshold",
        "layer": "ReLU",
        "config": {"max_value": 1.0, "negative_slope": 0.1, "threshold": 0.5},
        "inputs": [{"shape": [3, 6], "minval": -2.0, "maxval": 2.0}],
        "seed": 1,
    },
    {
        "name": "relu_layer_max6",
        "layer": "ReLU",
        "config": {"max_value": 6.0},
        "inputs": [{"shape": [4, 4], "minval": -8.0, "maxval": 8.0}],
        "seed": 2,
    },
    {
        "name": "leaky_relu_layer_default",
        "layer": "LeakyReLU",
        "inputs": [{"shape": [3, 5], "minval": -2.0, "maxval": 2.0}],
    },
    {
        "name": "leaky_relu_layer_slope05",
        "layer": "LeakyReLU",
        "config": {"negative_slope": 0.05},
        "inputs": [{"shape": [2, 3, 2], "minval": -2.0, "maxval": 2.0}],
        "seed": 1,
    },
    {"name": "prelu_default", "layer": "PReLU", "inputs": [[2, 3, 4]]},
    {
        "name": "prelu_shared_axes_1_2",
        "layer": "PReLU",
        "config": {"shared_axes": [1, 2]},
        "inputs": [[2, 3, 4, 5]],
        "seed": 1,
    },
    {
        "name": "elu_layer_default",
        "layer": "ELU",
        "inputs": [{"shape": [3, 5], "minval": -3.0, "maxval": 3.0}],
    },
    {
        "name": "elu_layer_alpha05",
        "layer": "ELU",
        "config": {"alpha": 0.5},
        "inputs": [{"shape": [3, 5], "minval": -3.0, "maxval": 3.0}],
        "seed": 1,
    },
    {
        "name": "softmax_layer_last_axis",
        "layer": "Softmax",
        "inputs": [{"shape": [2, 3, 5], "minval": -3.0, "maxval": 3.0}],
    },
    {
        "name": "softmax_layer_axis1",
        "layer": "Softmax",
        "config": {"axis": 1},
        "inputs": [{"shape": [2, 4, 3], "minval": -3.0, "maxval": 3.0}],
        "seed": 1,
    },
    {
        "name": "softmax_layer_axes_1_2",
        "layer": "Softmax",
        "config": {"axis": [1, 2]},
        "inputs": [{"shape": [2, 3, 4], "minval": -3.0, "maxval": 3.0}],
        "seed": 2,
    },
    {
        "name": "softmax_layer_mask",
        "layer": "Softmax",
        "inputs": [{"shape": [2, 4], "minval": -3.0, "maxval": 3.0}],
        "tensor_kwargs": {
            "mask": {
                "value": [[True, False, True, True], [True, True, False, False]],
                "dtype": "bool",
            }
        },
        "seed": 3,
    },
    {
        "name": "softmax_layer_mask_full_row",
        "layer": "Softmax",
        "inputs": [{"shape": [3, 4], "minval": -3.0, "maxval": 3.0}],
        "tensor_kwargs": {
            "mask": {
                "value": [[True, True, False, True], [False, False, False, False], [1, 0, 0, 1]],
                "dtype": "bool",
            }
        },
        "seed": 4,
    },
]
