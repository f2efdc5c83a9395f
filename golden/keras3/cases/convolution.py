"""Golden cases: convolution layers (see golden/README.md for the format)."""

CF = {"data_format": "channels_first"}


def case(name, layer, config, *inputs, seed=0):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), "seed": seed}


CASES = [
    case("conv1d_valid", "Conv1D", {"filters": 3, "kernel_size": 3}, [2, 7, 2]),
    case(
        "conv1d_causal_dilated",
        "Conv1D",
        {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
        [2, 8, 2],
    ),
    case(
        "conv1d_causal_cf",
        "Conv1D",
        {"filters": 2, "kernel_size": 2, "padding": "causal", **CF},
        [1, 3, 6],
    ),
    case(
        "conv1d_same_stride2_cf",
        "Conv1D",
        {"filters": 3, "kernel_size": 2, "strides": 2, "padding": "same", **CF},
        [2, 2, 7],
    ),
    case(
        "conv1d_groups_relu",
        "Conv1D",
        {"filters": 4, "kernel_size": 3, "groups": 2, "activation": "relu"},
        [2, 6, 4],
    ),
    case(
        "conv2d_same_stride2",
        "Conv2D",
        {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
        [2, 8, 8, 3],
    ),
    case(
        "conv2d_valid_dilated_cf_nobias",
        "Conv2D",
        {"filters": 2, "kernel_size": [2, 3], "dilation_rate": [2, 1], "use_bias": False, **CF},
        [1, 3, 6, 7],
    ),
    case(
        "conv2d_groups_same_even_kernel",
        "Conv2D",
        {"filters": 6, "kernel_size": 2, "padding": "same", "groups": 3},
        [1, 5, 5, 3],
    ),
    case(
        "conv3d_same_strided",
        "Conv3D",
        {"filters": 2, "kernel_size": 2, "padding": "same", "strides": [1, 2, 2]},
        [1, 4, 4, 4, 2],
    ),
    case("conv3d_valid_cf", "Conv3D", {"filters": 2, "kernel_size": 3, **CF}, [1, 2, 4, 4, 4]),
    case(
        "conv1d_transpose_valid_stride2",
        "Conv1DTranspose",
        {"filters": 3, "kernel_size": 3, "strides": 2},
        [2, 4, 2],
    ),
    case(
        "conv1d_transpose_same_output_padding",
        "Conv1DTranspose",
        {"filters": 2, "kernel_size": 4, "strides": 3, "padding": "same", "output_padding": 1},
        [1, 4, 2],
    ),
    case(
        "conv2d_transpose_same_stride2",
        "Conv2DTranspose",
        {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
        [1, 4, 4, 2],
    ),
    case(
        "conv2d_transpose_valid_output_padding_cf",
        "Conv2DTranspose",
        {
            "filters": 2,
            "kernel_size": [3, 2],
            "strides": [2, 3],
            "output_padding": [1, 2],
            **CF,
        },
        [1, 2, 3, 3],
    ),
    case(
        "conv2d_transpose_dilated_same",
        "Conv2DTranspose",
        {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"},
        [1, 4, 4, 2],
    ),
    case(
        "conv3d_transpose_valid",
        "Conv3DTranspose",
        {"filters": 2, "kernel_size": 2, "strides": 2},
        [1, 2, 2, 2, 2],
    ),
    case(
        "conv3d_transpose_same_cf",
        "Conv3DTranspose",
        {"filters": 2, "kernel_size": 3, "strides": [1, 2, 1], "padding": "same", **CF},
        [1, 2, 2, 3, 2],
    ),
    case(
        "depthwise_conv1d_same_multiplier",
        "DepthwiseConv1D",
        {"kernel_size": 3, "depth_multiplier": 2, "padding": "same"},
        [2, 6, 3],
    ),
    case(
        "depthwise_conv1d_strided_cf",
        "DepthwiseConv1D",
        {"kernel_size": 2, "strides": 2, **CF},
        [1, 3, 7],
    ),
    case(
        "depthwise_conv2d_valid",
        "DepthwiseConv2D",
        {"kernel_size": 3, "depth_multiplier": 2},
        [1, 5, 5, 2],
    ),
    case(
        "depthwise_conv2d_same_dilated_cf",
        "DepthwiseConv2D",
        {"kernel_size": 3, "padding": "same", "dilation_rate": 2, **CF},
        [1, 2, 6, 6],
    ),
    case(
        "separable_conv1d_same_tanh",
        "SeparableConv1D",
        {
            "filters": 4,
            "kernel_size": 3,
            "depth_multiplier": 2,
            "padding": "same",
            "activation": "tanh",
        },
        [2, 6, 3],
    ),
    case(
        "separable_conv1d_strided_cf",
        "SeparableConv1D",
        {"filters": 3, "kernel_size": 2, "strides": 2, **CF},
        [1, 2, 7],
    ),
    case(
        "separable_conv2d_same_stride2",
        "SeparableConv2D",
        {"filters": 3, "kernel_size": 3, "padding": "same", "strides": 2},
        [1, 6, 6, 2],
    ),
    case(
        "separable_conv2d_dilated_cf",
        "SeparableConv2D",
        {"filters": 2, "kernel_size": 2, "dilation_rate": 2, "depth_multiplier": 2, **CF},
        [1, 2, 5, 5],
    ),
]
