"""Golden cases: normalization layers (see golden/README.md for the format)."""

POSITIVE = {"moving_variance": [0.5, 1.5], "moving_stddev": [0.5, 1.5], "renorm_stddev": [0.5, 1.5]}
TRAIN = {"training": True}
INFER = {"training": False}


def case(name, layer, config, *inputs, **extra):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), **extra}


def dense(units):
    return {"class_name": "Dense", "config": {"units": units}}


CASES = [
    case(
        "batch_norm_inference",
        "BatchNormalization",
        {},
        [4, 3],
        call_kwargs=INFER,
        weight_ranges=POSITIVE,
    ),
    case(
        "batch_norm_training",
        "BatchNormalization",
        {"momentum": 0.8},
        [4, 5, 3],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        record_weights_after=True,
    ),
    case(
        "batch_norm_axis1_training_no_center",
        "BatchNormalization",
        {"axis": 1, "center": False, "epsilon": 1e-5},
        [3, 2, 4],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        record_weights_after=True,
    ),
    case(
        "batch_norm_training_mask",
        "BatchNormalization",
        {"momentum": 0.5},
        [3, 4, 2],
        call_kwargs=TRAIN,
        tensor_kwargs={
            "mask": {
                "value": [[1, 1, 0, 0], [1, 1, 1, 0], [0, 1, 1, 1]],
                "dtype": "bool",
            }
        },
        weight_ranges=POSITIVE,
        record_weights_after=True,
    ),
    case(
        "batch_norm_renorm_training",
        "BatchNormalization",
        {
            "renorm": True,
            "renorm_clipping": {"rmin": 0.7, "rmax": 1.5, "dmax": 0.3},
            "renorm_momentum": 0.9,
            "momentum": 0.7,
        },
        [5, 3],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        record_weights_after=True,
    ),
    case(
        "batch_norm_renorm_inference",
        "BatchNormalization",
        {"renorm": True},
        [5, 3],
        call_kwargs=INFER,
        weight_ranges=POSITIVE,
    ),
    case("layer_norm_default", "LayerNormalization", {}, [2, 3, 4]),
    case(
        "layer_norm_multi_axis", "LayerNormalization", {"axis": [1, 2], "epsilon": 1e-5}, [2, 3, 4]
    ),
    case("layer_norm_axis1_no_scale", "LayerNormalization", {"axis": 1, "scale": False}, [2, 3, 4]),
    case("layer_norm_rms_scaling", "LayerNormalization", {"rms_scaling": True}, [2, 3, 4]),
    case("group_norm_two_groups", "GroupNormalization", {"groups": 2}, [2, 3, 4]),
    case(
        "group_norm_instance_axis1",
        "GroupNormalization",
        {"groups": -1, "axis": 1},
        [2, 3, 4, 2],
    ),
    case(
        "group_norm_one_group_no_center",
        "GroupNormalization",
        {"groups": 1, "center": False},
        [2, 5, 4],
    ),
    case("unit_norm_default", "UnitNormalization", {}, [2, 3, 4]),
    case("unit_norm_multi_axis", "UnitNormalization", {"axis": [1, 2]}, [2, 3, 4]),
    case("rms_norm_default", "RMSNormalization", {}, [2, 3, 4]),
    case("rms_norm_multi_axis", "RMSNormalization", {"axis": [1, 2], "epsilon": 1e-3}, [2, 3, 4]),
    case(
        "spectral_norm_dense_inference",
        "SpectralNormalization",
        {"layer": dense(3)},
        [2, 4],
        call_kwargs=INFER,
    ),
    case(
        "spectral_norm_dense_training",
        "SpectralNormalization",
        {"layer": dense(3), "power_iterations": 2},
        [2, 4],
        call_kwargs=TRAIN,
        record_weights_after=True,
    ),
    case(
        "spectral_norm_conv2d_training",
        "SpectralNormalization",
        {"layer": {"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 2}}},
        [1, 4, 4, 2],
        call_kwargs=TRAIN,
        record_weights_after=True,
    ),
    case(
        "spectral_norm_embedding_training",
        "SpectralNormalization",
        {"layer": {"class_name": "Embedding", "config": {"input_dim": 5, "output_dim": 3}}},
        {"shape": [2, 3], "dtype": "int32", "maxval": 5},
        call_kwargs=TRAIN,
        record_weights_after=True,
    ),
]
