"""NumPy golden cases of the core layers (see golden/README.md for the format)."""

CASES = [
    {"name": "dense_units4", "layer": "Dense", "config": {"units": 4}, "inputs": [[3, 5]]},
    {
        "name": "dense_relu_rank3",
        "layer": "Dense",
        "config": {"units": 3, "activation": "relu"},
        "inputs": [[2, 4, 6]],
        "seed": 1,
    },
    {
        "name": "dense_no_bias_tanh",
        "layer": "Dense",
        "config": {"units": 2, "use_bias": False, "activation": "tanh"},
        "inputs": [[4, 3]],
        "seed": 2,
    },
    {
        "name": "einsum_dense_ab_bc",
        "layer": "EinsumDense",
        "config": {"equation": "ab,bc->ac", "output_shape": 4, "bias_axes": "c"},
        "inputs": [[3, 5]],
    },
    {
        "name": "einsum_dense_abc_cde",
        "layer": "EinsumDense",
        "config": {
            "equation": "abc,cde->abde",
            "output_shape": [None, 2, 3],
            "bias_axes": "de",
            "activation": "sigmoid",
        },
        "inputs": [[2, 4, 5]],
        "seed": 1,
    },
    {
        "name": "einsum_dense_ellipsis_bias_d",
        "layer": "EinsumDense",
        "config": {"equation": "...b,bcd->...cd", "output_shape": [2, 3], "bias_axes": "d"},
        "inputs": [[2, 3, 4]],
        "seed": 2,
    },
    {
        "name": "einsum_dense_no_bias",
        "layer": "EinsumDense",
        "config": {"equation": "abc,cd->abd", "output_shape": [None, 3]},
        "inputs": [[2, 3, 4]],
        "seed": 3,
    },
    {
        "name": "embedding_10x4",
        "layer": "Embedding",
        "config": {"input_dim": 10, "output_dim": 4},
        "inputs": [{"shape": [3, 5], "dtype": "int32"}],
    },
    {
        "name": "embedding_mask_zero",
        "layer": "Embedding",
        "config": {"input_dim": 7, "output_dim": 3, "mask_zero": True},
        "inputs": [{"shape": [2, 6], "dtype": "int32", "maxval": 7}],
        "seed": 1,
    },
    {"name": "identity_rank3", "layer": "Identity", "inputs": [[2, 3, 4]]},
    {
        "name": "masking_zero_steps",
        "layer": "Masking",
        "inputs": [
            {
                "value": [
                    [[0.5, -1.0], [0.0, 0.0], [2.0, 0.0]],
                    [[0.0, 0.0], [0.25, 0.75], [0.0, 0.0]],
                ]
            }
        ],
    },
    {
        "name": "masking_value_minus1",
        "layer": "Masking",
        "config": {"mask_value": -1.0},
        "inputs": [
            {
                "value": [
                    [[-1.0, -1.0, -1.0], [1.0, -1.0, 2.0]],
                    [[3.0, 1.5, -2.0], [-1.0, -1.0, -1.0]],
                ]
            }
        ],
    },
]
