"""NumPy golden cases: normalization layers (format: golden/README.md; outputs from
conformance/references/layers/normalization.py)."""

POSITIVE = {"moving_variance": [0.5, 1.5], "moving_stddev": [0.5, 1.5], "renorm_stddev": [0.5, 1.5]}
TRAIN = {"training": True}
INFER = {"training": False}


def case(name, layer, config, *inputs, **extra):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), **extra}


def wrapped(class_name, **config):
    return {"class_name": class_name, "config": config}


CASES = [
    # BatchNormalization: inference (moving statistics) and training=True (batch statistics).
    case(
        "np_batch_norm_inference_axis1",
        "BatchNormalization",
        {"axis": 1, "epsilon": 1e-2},
        [2, 3, 3, 2],
        call_kwargs=INFER,
        weight_ranges=POSITIVE,
    ),
    case(
        "np_batch_norm_training_rank4",
        "BatchNormalization",
        {"momentum": 0.9},
        [3, 2, 2, 3],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        seed=1,
    ),
    case(
        "np_batch_norm_training_no_scale",
        "BatchNormalization",
        {"scale": False, "epsilon": 1e-2},
        [6, 4],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        seed=2,
    ),
    case(
        "np_batch_norm_training_mask",
        "BatchNormalization",
        {},
        [2, 5, 3],
        call_kwargs=TRAIN,
        tensor_kwargs={
            "mask": {"value": [[1, 1, 0, 1, 0], [0, 1, 1, 1, 1]], "dtype": "bool"},
        },
        weight_ranges=POSITIVE,
        seed=3,
    ),
    case(
        "np_batch_norm_renorm_training_clipped",
        "BatchNormalization",
        {"renorm": True, "renorm_clipping": {"rmin": 0.8, "rmax": 1.2, "dmax": 0.1}},
        [6, 2],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        seed=4,
    ),
    case(
        "np_batch_norm_renorm_training",
        "BatchNormalization",
        {"renorm": True, "momentum": 0.5},
        [4, 3, 2],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        seed=5,
    ),
    case(
        "np_batch_norm_renorm_inference",
        "BatchNormalization",
        {"renorm": True, "center": False},
        [4, 3],
        call_kwargs=INFER,
        weight_ranges=POSITIVE,
        seed=6,
    ),
    # LayerNormalization.
    case("np_layer_norm_eps", "LayerNormalization", {"epsilon": 1e-5}, [3, 5], seed=7),
    case(
        "np_layer_norm_last_two_axes_no_center",
        "LayerNormalization",
        {"axis": [-2, -1], "center": False},
        [2, 3, 4],
        seed=8,
    ),
    case("np_layer_norm_axis1_rank4", "LayerNormalization", {"axis": 1}, [2, 3, 2, 2], seed=9),
    case(
        "np_layer_norm_rms_scaling_multi_axis",
        "LayerNormalization",
        {"axis": [1, 2], "rms_scaling": True},
        [2, 3, 4],
        seed=10,
    ),
    # GroupNormalization.
    case("np_group_norm_four_groups", "GroupNormalization", {"groups": 4}, [2, 3, 8], seed=11),
    case(
        "np_group_norm_axis1_no_scale",
        "GroupNormalization",
        {"groups": 2, "axis": 1, "scale": False},
        [2, 4, 3, 2],
        seed=12,
    ),
    case(
        "np_group_norm_instance_eps",
        "GroupNormalization",
        {"groups": -1, "epsilon": 1e-5},
        [2, 5, 3],
        seed=13,
    ),
    # UnitNormalization, RMSNormalization.
    case("np_unit_norm_axis1", "UnitNormalization", {"axis": 1}, [2, 3, 4], seed=14),
    case("np_unit_norm_axis_minus2", "UnitNormalization", {"axis": -2}, [2, 4, 3], seed=15),
    case(
        "np_rms_norm_axis1_eps",
        "RMSNormalization",
        {"axis": 1, "epsilon": 1e-4},
        [2, 3, 4],
        seed=16,
    ),
    case("np_rms_norm_rank2", "RMSNormalization", {}, [3, 6], seed=17),
    # SpectralNormalization: training normalizes the kernel first; inference does not.
    case(
        "np_spectral_norm_conv1d_training",
        "SpectralNormalization",
        {"layer": wrapped("Conv1D", filters=3, kernel_size=2), "power_iterations": 3},
        [2, 5, 2],
        call_kwargs=TRAIN,
        seed=18,
    ),
    case(
        "np_spectral_norm_conv2d_inference",
        "SpectralNormalization",
        {"layer": wrapped("Conv2D", filters=2, kernel_size=2, use_bias=False)},
        [1, 3, 3, 2],
        call_kwargs=INFER,
        seed=19,
    ),
    case(
        "np_spectral_norm_dense_training",
        "SpectralNormalization",
        {"layer": wrapped("Dense", units=4)},
        [3, 5],
        call_kwargs=TRAIN,
        seed=20,
    ),
    case(
        "np_spectral_norm_embedding_training",
        "SpectralNormalization",
        {"layer": wrapped("Embedding", input_dim=6, output_dim=3), "power_iterations": 2},
        {"shape": [2, 4], "dtype": "int32", "maxval": 6},
        call_kwargs=TRAIN,
        seed=21,
    ),
    # Harder combinations.
    case(
        "np_batch_norm_training_axis1_mask",
        "BatchNormalization",
        {"axis": 1},
        [3, 2, 4],
        call_kwargs=TRAIN,
        tensor_kwargs={
            "mask": {"value": [[1, 0, 1, 1], [0, 1, 1, 1], [1, 1, 1, 0]], "dtype": "bool"},
        },
        weight_ranges=POSITIVE,
        seed=22,
    ),
    case(
        "np_batch_norm_renorm_training_rmax_axis1_no_scale",
        "BatchNormalization",
        {"renorm": True, "renorm_clipping": {"rmax": 1.1}, "scale": False, "axis": 1},
        [4, 3, 2],
        call_kwargs=TRAIN,
        weight_ranges=POSITIVE,
        seed=23,
    ),
    case(
        "np_group_norm_rank5_axis1",
        "GroupNormalization",
        {"groups": 3, "axis": 1},
        [2, 6, 2, 2, 2],
        seed=24,
    ),
    case(
        "np_group_norm_axis_minus2",
        "GroupNormalization",
        {"groups": 2, "axis": -2},
        [2, 4, 3],
        seed=25,
    ),
    case(
        "np_spectral_norm_conv2d_transpose_training",
        "SpectralNormalization",
        {"layer": wrapped("Conv2DTranspose", filters=2, kernel_size=2)},
        [1, 3, 3, 3],
        call_kwargs=TRAIN,
        seed=26,
    ),
    case(
        "np_spectral_norm_conv3d_training_4_iterations",
        "SpectralNormalization",
        {
            "layer": wrapped("Conv3D", filters=2, kernel_size=2, use_bias=False),
            "power_iterations": 4,
        },
        [1, 3, 3, 3, 2],
        call_kwargs=TRAIN,
        seed=27,
    ),
]
