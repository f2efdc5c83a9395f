"""NumPy golden cases: pooling layers (format: golden/README.md; outputs from
conformance/references/layers/pooling.py)."""

CF = {"data_format": "channels_first"}


def case(name, layer, config, *inputs, **extra):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), **extra}


MASK_2x5 = {"value": [[1, 0, 1, 1, 0], [0, 0, 1, 1, 1]], "dtype": "bool"}

CASES = [
    # Max/AveragePooling1D-3D: default and explicit strides, same/valid, both formats.
    case(
        "np_max_pool1d_valid_stride1_cf",
        "MaxPooling1D",
        {"pool_size": 3, "strides": 1, **CF},
        [2, 3, 7],
    ),
    case(
        "np_max_pool1d_same", "MaxPooling1D", {"pool_size": 3, "padding": "same"}, [2, 8, 2], seed=1
    ),
    case(
        "np_max_pool2d_valid_strided",
        "MaxPooling2D",
        {"pool_size": [2, 3], "strides": [1, 2]},
        [1, 5, 7, 2],
        seed=2,
    ),
    case("np_max_pool2d_default", "MaxPooling2D", {}, [2, 5, 4, 2], seed=3),
    case(
        "np_max_pool3d_valid_cf",
        "MaxPooling3D",
        {"pool_size": 2, "strides": 1, **CF},
        [1, 2, 3, 4, 3],
        seed=4,
    ),
    case(
        "np_max_pool3d_same_strided",
        "MaxPooling3D",
        {"pool_size": [2, 3, 2], "strides": 2, "padding": "same"},
        [1, 4, 5, 3, 2],
        seed=5,
    ),
    case(
        "np_average_pool1d_valid_cf", "AveragePooling1D", {"pool_size": 2, **CF}, [2, 3, 7], seed=6
    ),
    case(
        "np_average_pool1d_same_even_stride1",
        "AveragePooling1D",
        {"pool_size": 4, "strides": 1, "padding": "same"},
        [1, 6, 2],
        seed=7,
    ),
    case(
        "np_average_pool2d_same_even",
        "AveragePooling2D",
        {"pool_size": 2, "strides": 1, "padding": "same"},
        [1, 4, 5, 2],
        seed=8,
    ),
    case(
        "np_average_pool2d_pool2_cf",
        "AveragePooling2D",
        {"pool_size": 2, **CF},
        [1, 2, 6, 5],
        seed=9,
    ),
    case(
        "np_average_pool3d_valid",
        "AveragePooling3D",
        {"pool_size": [1, 2, 2]},
        [1, 3, 4, 4, 2],
        seed=10,
    ),
    case(
        "np_average_pool3d_same_strided_cf",
        "AveragePooling3D",
        {"pool_size": 3, "strides": 2, "padding": "same", **CF},
        [1, 2, 5, 4, 3],
        seed=11,
    ),
    # Global*Pooling1D-3D with keepdims; GlobalAveragePooling1D with a mask.
    case("np_global_avg_pool1d_cf", "GlobalAveragePooling1D", CF, [2, 3, 5], seed=12),
    case(
        "np_global_avg_pool1d_mask_keepdims",
        "GlobalAveragePooling1D",
        {"keepdims": True},
        [2, 5, 3],
        tensor_kwargs={"mask": MASK_2x5},
        seed=13,
    ),
    case(
        "np_global_avg_pool1d_mask_cf",
        "GlobalAveragePooling1D",
        CF,
        [2, 3, 5],
        tensor_kwargs={"mask": MASK_2x5},
        seed=14,
    ),
    case(
        "np_global_avg_pool2d_cf_keepdims",
        "GlobalAveragePooling2D",
        {"keepdims": True, **CF},
        [2, 2, 3, 4],
        seed=15,
    ),
    case(
        "np_global_avg_pool3d_keepdims",
        "GlobalAveragePooling3D",
        {"keepdims": True},
        [1, 2, 3, 2, 3],
        seed=16,
    ),
    case(
        "np_global_max_pool1d_cf_keepdims",
        "GlobalMaxPooling1D",
        {"keepdims": True, **CF},
        [2, 3, 5],
        seed=17,
    ),
    case("np_global_max_pool2d", "GlobalMaxPooling2D", {}, [2, 3, 4, 2], seed=18),
    case("np_global_max_pool3d_cf", "GlobalMaxPooling3D", CF, [1, 2, 3, 2, 3], seed=19),
    # Adaptive*Pooling1D-3D: bins that overlap and bins of unequal sizes.
    case(
        "np_adaptive_avg_pool1d_cf",
        "AdaptiveAveragePooling1D",
        {"output_size": 4, **CF},
        [1, 2, 9],
        seed=20,
    ),
    case(
        "np_adaptive_avg_pool2d",
        "AdaptiveAveragePooling2D",
        {"output_size": [2, 3]},
        [2, 5, 7, 2],
        seed=21,
    ),
    case(
        "np_adaptive_avg_pool3d_cf",
        "AdaptiveAveragePooling3D",
        {"output_size": [1, 2, 3], **CF},
        [1, 2, 3, 4, 5],
        seed=22,
    ),
    case("np_adaptive_max_pool1d", "AdaptiveMaxPooling1D", {"output_size": 3}, [2, 8, 2], seed=23),
    case(
        "np_adaptive_max_pool2d_cf",
        "AdaptiveMaxPooling2D",
        {"output_size": 3, **CF},
        [1, 2, 7, 5],
        seed=24,
    ),
    case(
        "np_adaptive_max_pool3d",
        "AdaptiveMaxPooling3D",
        {"output_size": 2},
        [1, 4, 3, 5, 2],
        seed=25,
    ),
    # Harder combinations.
    case(
        "np_max_pool1d_same_stride3_cf",
        "MaxPooling1D",
        {"pool_size": 4, "strides": 3, "padding": "same", **CF},
        [1, 2, 9],
        seed=26,
    ),
    case(
        "np_average_pool3d_same_mixed_strides_cf",
        "AveragePooling3D",
        {"pool_size": 2, "strides": [1, 2, 3], "padding": "same", **CF},
        [1, 2, 3, 4, 5],
        seed=27,
    ),
    case(
        "np_adaptive_avg_pool1d_upsampling",
        "AdaptiveAveragePooling1D",
        {"output_size": 5},
        [1, 3, 2],
        seed=28,
    ),
    case(
        "np_adaptive_max_pool2d_uneven_cf",
        "AdaptiveMaxPooling2D",
        {"output_size": [4, 1], **CF},
        [1, 2, 3, 5],
        seed=29,
    ),
]
