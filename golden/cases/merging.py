"""NumPy golden cases of the merging layers (see golden/README.md for the format)."""

_ELEMENTWISE = ["Add", "Multiply", "Average", "Maximum", "Minimum"]

CASES = (
    [
        {
            "name": f"{layer.lower()}_three_inputs",
            "layer": layer,
            "inputs": [[2, 3, 4], [2, 3, 4], [2, 3, 4]],
            "input_mode": "list",
            "seed": i,
        }
        for i, layer in enumerate(_ELEMENTWISE)
    ]
    + [
        {
            "name": f"{layer.lower()}_two_inputs",
            "layer": layer,
            "inputs": [[3, 5], [3, 5]],
            "input_mode": "list",
            "seed": 10 + i,
        }
        for i, layer in enumerate(_ELEMENTWISE)
    ]
    + [
        {
            "name": "subtract_two_inputs",
            "layer": "Subtract",
            "inputs": [[2, 3, 4], [2, 3, 4]],
            "input_mode": "list",
        },
        {
            "name": "concatenate_last_axis",
            "layer": "Concatenate",
            "inputs": [[2, 3, 4], [2, 3, 2], [2, 3, 1]],
            "input_mode": "list",
        },
        {
            "name": "concatenate_axis1",
            "layer": "Concatenate",
            "config": {"axis": 1},
            "inputs": [[2, 2, 4], [2, 3, 4]],
            "input_mode": "list",
            "seed": 1,
        },
        {
            "name": "dot_vectors_axes1",
            "layer": "Dot",
            "config": {"axes": 1},
            "inputs": [[3, 5], [3, 5]],
            "input_mode": "list",
        },
        {
            "name": "dot_matrices_axes_2_1",
            "layer": "Dot",
            "config": {"axes": [2, 1]},
            "inputs": [[2, 3, 4], [2, 4, 5]],
            "input_mode": "list",
            "seed": 1,
        },
        {
            "name": "dot_normalize_axes_neg1",
            "layer": "Dot",
            "config": {"axes": -1, "normalize": True},
            "inputs": [[2, 3, 4], [2, 5, 4]],
            "input_mode": "list",
            "seed": 2,
        },
    ]
)
