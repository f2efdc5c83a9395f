"""NumPy golden cases: convolution layers (format: golden/README.md; outputs from
conformance/references/layers/convolution.py)."""

CF = {"data_format": "channels_first"}


def case(name, layer, config, *inputs, seed=0):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), "seed": seed}


CASES = [
    # Conv1D-3D: strides, dilation, groups, same/valid/causal, both data formats.
    case(
        "np_conv1d_same_dilated_cf",
        "Conv1D",
        {"filters": 3, "kernel_size": 3, "padding": "same", "dilation_rate": 2, **CF},
        [2, 2, 9],
    ),
    case(
        "np_conv1d_causal_strided",
        "Conv1D",
        {"filters": 2, "kernel_size": 3, "padding": "causal", "strides": 2},
        [2, 7, 3],
        seed=1,
    ),
    case(
        "np_conv1d_groups_cf_sigmoid",
        "Conv1D",
        {"filters": 6, "kernel_size": 2, "groups": 3, "activation": "sigmoid", **CF},
        [1, 6, 5],
        seed=2,
    ),
    case(
        "np_conv2d_valid_strided_nobias",
        "Conv2D",
        {"filters": 3, "kernel_size": [3, 2], "strides": [2, 1], "use_bias": False},
        [2, 7, 6, 2],
        seed=3,
    ),
    case(
        "np_conv2d_same_dilated_groups_cf",
        "Conv2D",
        {
            "filters": 4,
            "kernel_size": 3,
            "padding": "same",
            "dilation_rate": 2,
            "groups": 2,
            **CF,
        },
        [1, 4, 7, 7],
        seed=4,
    ),
    case(
        "np_conv2d_same_stride3_relu",
        "Conv2D",
        {"filters": 2, "kernel_size": 2, "strides": 3, "padding": "same", "activation": "relu"},
        [1, 8, 7, 3],
        seed=5,
    ),
    case(
        "np_conv3d_valid_dilated",
        "Conv3D",
        {"filters": 2, "kernel_size": 2, "dilation_rate": [1, 2, 1]},
        [1, 3, 5, 4, 2],
        seed=6,
    ),
    case(
        "np_conv3d_same_groups_strided_cf",
        "Conv3D",
        {"filters": 4, "kernel_size": 3, "groups": 2, "strides": 2, "padding": "same", **CF},
        [1, 2, 4, 5, 3],
        seed=7,
    ),
    # Conv1D-3DTranspose: output_padding, dilation, both paddings and formats.
    case(
        "np_conv1d_transpose_same_dilated_cf",
        "Conv1DTranspose",
        {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same", **CF},
        [1, 3, 5],
        seed=8,
    ),
    case(
        "np_conv1d_transpose_valid_output_padding",
        "Conv1DTranspose",
        {"filters": 3, "kernel_size": 3, "strides": 3, "output_padding": 2},
        [2, 4, 2],
        seed=9,
    ),
    case(
        "np_conv2d_transpose_valid_nobias_tanh",
        "Conv2DTranspose",
        {
            "filters": 2,
            "kernel_size": [2, 3],
            "strides": [1, 2],
            "use_bias": False,
            "activation": "tanh",
        },
        [1, 3, 4, 2],
        seed=10,
    ),
    case(
        "np_conv2d_transpose_same_output_padding_cf",
        "Conv2DTranspose",
        {
            "filters": 3,
            "kernel_size": 3,
            "strides": 2,
            "padding": "same",
            "output_padding": 1,
            **CF,
        },
        [1, 2, 3, 3],
        seed=11,
    ),
    case(
        "np_conv3d_transpose_same_stride2",
        "Conv3DTranspose",
        {"filters": 2, "kernel_size": 2, "strides": 2, "padding": "same"},
        [1, 2, 2, 3, 2],
        seed=12,
    ),
    case(
        "np_conv3d_transpose_valid_output_padding_cf",
        "Conv3DTranspose",
        {"filters": 2, "kernel_size": 2, "strides": [2, 1, 2], "output_padding": [1, 0, 1], **CF},
        [1, 2, 2, 2, 2],
        seed=13,
    ),
    # DepthwiseConv1D/2D.
    case(
        "np_depthwise_conv1d_valid_dilated_cf",
        "DepthwiseConv1D",
        {"kernel_size": 3, "dilation_rate": 2, "depth_multiplier": 2, **CF},
        [1, 2, 8],
        seed=14,
    ),
    case(
        "np_depthwise_conv1d_same_strided_nobias",
        "DepthwiseConv1D",
        {"kernel_size": 2, "strides": 2, "padding": "same", "use_bias": False},
        [2, 7, 3],
        seed=15,
    ),
    case(
        "np_depthwise_conv2d_same_strided_multiplier",
        "DepthwiseConv2D",
        {"kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 3},
        [1, 6, 5, 2],
        seed=16,
    ),
    case(
        "np_depthwise_conv2d_valid_cf_relu",
        "DepthwiseConv2D",
        {"kernel_size": [2, 3], "activation": "relu", **CF},
        [1, 3, 5, 6],
        seed=17,
    ),
    # SeparableConv1D/2D.
    case(
        "np_separable_conv1d_valid_dilated_cf",
        "SeparableConv1D",
        {"filters": 3, "kernel_size": 2, "dilation_rate": 3, "depth_multiplier": 2, **CF},
        [1, 3, 8],
        seed=18,
    ),
    case(
        "np_separable_conv1d_same_nobias",
        "SeparableConv1D",
        {"filters": 2, "kernel_size": 3, "padding": "same", "use_bias": False},
        [2, 6, 2],
        seed=19,
    ),
    case(
        "np_separable_conv2d_valid_strided",
        "SeparableConv2D",
        {"filters": 4, "kernel_size": [2, 3], "strides": [2, 1], "depth_multiplier": 2},
        [1, 6, 6, 2],
        seed=20,
    ),
    case(
        "np_separable_conv2d_same_cf_relu",
        "SeparableConv2D",
        {"filters": 2, "kernel_size": 3, "padding": "same", "activation": "relu", **CF},
        [1, 3, 5, 5],
        seed=21,
    ),
    # Harder combinations.
    case(
        "np_conv1d_causal_dilated_groups_cf",
        "Conv1D",
        {
            "filters": 4,
            "kernel_size": 3,
            "padding": "causal",
            "dilation_rate": 2,
            "groups": 2,
            **CF,
        },
        [2, 4, 7],
        seed=22,
    ),
    case(
        "np_conv2d_transpose_same_stride3_output_padding2_cf",
        "Conv2DTranspose",
        {
            "filters": 2,
            "kernel_size": 4,
            "strides": 3,
            "padding": "same",
            "output_padding": 2,
            **CF,
        },
        [1, 2, 3, 2],
        seed=23,
    ),
    case(
        "np_conv2d_transpose_valid_dilated3",
        "Conv2DTranspose",
        {"filters": 2, "kernel_size": 2, "dilation_rate": 3},
        [1, 3, 3, 2],
        seed=24,
    ),
    case(
        "np_conv3d_same_mixed_dilation_cf",
        "Conv3D",
        {
            "filters": 3,
            "kernel_size": [2, 1, 3],
            "padding": "same",
            "dilation_rate": [2, 1, 1],
            **CF,
        },
        [1, 3, 4, 3, 5],
        seed=25,
    ),
]
