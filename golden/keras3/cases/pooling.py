"""Golden cases: pooling layers (see golden/README.md for the format)."""

CF = {"data_format": "channels_first"}


def case(name, layer, config, *inputs, **extra):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), **extra}


CASES = [
    case("max_pooling1d_default", "MaxPooling1D", {}, [2, 7, 3]),
    case(
        "max_pooling1d_same_stride1",
        "MaxPooling1D",
        {"pool_size": 3, "strides": 1, "padding": "same"},
        [2, 6, 2],
    ),
    case(
        "max_pooling2d_same_cf",
        "MaxPooling2D",
        {"pool_size": [3, 2], "strides": 2, "padding": "same", **CF},
        [1, 2, 7, 5],
    ),
    case("max_pooling3d_same", "MaxPooling3D", {"padding": "same"}, [1, 3, 4, 5, 2]),
    case(
        "average_pooling1d_same",
        "AveragePooling1D",
        {"pool_size": 3, "strides": 2, "padding": "same"},
        [2, 7, 2],
    ),
    case(
        "average_pooling2d_valid",
        "AveragePooling2D",
        {"pool_size": [2, 3], "strides": [1, 2]},
        [1, 5, 7, 2],
    ),
    case(
        "average_pooling2d_same_cf",
        "AveragePooling2D",
        {"pool_size": 3, "strides": 2, "padding": "same", **CF},
        [1, 2, 5, 5],
    ),
    case(
        "average_pooling3d_same",
        "AveragePooling3D",
        {"pool_size": 2, "strides": 1, "padding": "same"},
        [1, 3, 3, 3, 2],
    ),
    case("global_average_pooling1d", "GlobalAveragePooling1D", {}, [2, 5, 3]),
    case(
        "global_average_pooling1d_mask",
        "GlobalAveragePooling1D",
        {},
        [2, 5, 3],
        tensor_kwargs={
            "mask": {"value": [[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]], "dtype": "bool"},
        },
    ),
    case(
        "global_average_pooling1d_mask_cf_keepdims",
        "GlobalAveragePooling1D",
        {"keepdims": True, **CF},
        [2, 3, 4],
        tensor_kwargs={"mask": {"value": [[0, 1, 1, 0], [1, 1, 1, 1]], "dtype": "bool"}},
    ),
    case(
        "global_average_pooling2d_keepdims",
        "GlobalAveragePooling2D",
        {"keepdims": True},
        [2, 3, 4, 2],
    ),
    case("global_average_pooling3d_cf", "GlobalAveragePooling3D", CF, [1, 2, 2, 3, 2]),
    case("global_max_pooling1d", "GlobalMaxPooling1D", {}, [2, 5, 3]),
    case("global_max_pooling2d_cf", "GlobalMaxPooling2D", CF, [2, 3, 4, 2]),
    case(
        "global_max_pooling3d_keepdims",
        "GlobalMaxPooling3D",
        {"keepdims": True},
        [1, 2, 3, 2, 2],
    ),
    case("adaptive_average_pooling1d", "AdaptiveAveragePooling1D", {"output_size": 3}, [2, 7, 2]),
    case(
        "adaptive_average_pooling2d_cf",
        "AdaptiveAveragePooling2D",
        {"output_size": [3, 2], **CF},
        [1, 2, 5, 7],
    ),
    case(
        "adaptive_average_pooling3d",
        "AdaptiveAveragePooling3D",
        {"output_size": 2},
        [1, 3, 5, 4, 2],
    ),
    case("adaptive_max_pooling1d", "AdaptiveMaxPooling1D", {"output_size": 4}, [2, 7, 2]),
    case(
        "adaptive_max_pooling2d",
        "AdaptiveMaxPooling2D",
        {"output_size": [2, 3]},
        [1, 5, 7, 2],
    ),
    case(
        "adaptive_max_pooling3d_cf",
        "AdaptiveMaxPooling3D",
        {"output_size": [2, 1, 3], **CF},
        [1, 2, 3, 4, 5],
    ),
]
