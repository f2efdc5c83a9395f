"""Golden cases: attention layers (see golden/README.md for the format)."""

SCORES = {"return_attention_scores": True}


def case(name, layer, config, *inputs, **extra):
    return {"name": name, "layer": layer, "config": config, "inputs": list(inputs), **extra}


def bool_mask(rows):
    return {"value": rows, "dtype": "bool"}


Q_MASK = bool_mask([[1, 1, 0], [1, 1, 1]])
V_MASK = bool_mask([[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]])

CASES = [
    case("attention_dot", "Attention", {}, [2, 3, 4], [2, 5, 4], input_mode="list"),
    case(
        "attention_dot_scale_key_causal",
        "Attention",
        {"use_scale": True},
        [2, 4, 3],
        [2, 4, 3],
        [2, 4, 3],
        input_mode="list",
        call_kwargs={"use_causal_mask": True, **SCORES},
    ),
    case(
        "attention_concat_masks",
        "Attention",
        {"score_mode": "concat", "use_scale": True},
        [2, 3, 4],
        [2, 5, 4],
        input_mode="list",
        call_kwargs=SCORES,
        tensor_kwargs={"mask": [Q_MASK, V_MASK]},
    ),
    case(
        "additive_attention_scores",
        "AdditiveAttention",
        {},
        [2, 3, 4],
        [2, 5, 4],
        input_mode="list",
        call_kwargs=SCORES,
    ),
    case(
        "additive_attention_no_scale_masks_causal",
        "AdditiveAttention",
        {"use_scale": False},
        [2, 3, 4],
        [2, 3, 4],
        input_mode="list",
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"mask": [Q_MASK, bool_mask([[1, 0, 1], [0, 1, 1]])]},
    ),
    case(
        "mha_cross_scores",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        [2, 4, 5],
        [2, 3, 6],
        call_kwargs=SCORES,
    ),
    case(
        "mha_value_dim_output_shape_no_bias_key",
        "MultiHeadAttention",
        {"num_heads": 3, "key_dim": 2, "value_dim": 4, "output_shape": 7, "use_bias": False},
        [2, 3, 5],
        [2, 4, 5],
        [2, 4, 6],
        # (Keras 3.15 on JAX fails on value_dim != key_dim without the scores.)
        call_kwargs=SCORES,
    ),
    case(
        "mha_attention_mask_fully_masked_row",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        [2, 3, 4],
        [2, 5, 4],
        call_kwargs=SCORES,
        tensor_kwargs={
            "attention_mask": bool_mask(
                [
                    [[1, 1, 0, 0, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]],
                    [[1, 0, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 1, 1]],
                ]
            )
        },
    ),
    case(
        "mha_value_key_masks_causal",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2},
        [2, 4, 4],
        [2, 4, 4],
        [2, 4, 4],
        call_kwargs={"use_causal_mask": True, **SCORES},
        # Keras 3.15 ignores an explicit `query_mask` (it reads only the query's
        # own mask); keras_core honors it, so goldens pass value and key masks.
        tensor_kwargs={
            "value_mask": bool_mask([[1, 1, 0, 0], [1, 0, 1, 1]]),
            "key_mask": bool_mask([[1, 1, 1, 0], [1, 1, 1, 1]]),
        },
    ),
    case(
        "mha_causal_no_scores",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        [2, 4, 5],
        [2, 4, 5],
        call_kwargs={"use_causal_mask": True},
    ),
    case(
        "mha_attention_axes_2",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "attention_axes": [2]},
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        call_kwargs=SCORES,
    ),
    case(
        "mha_attention_axes_1_2",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "attention_axes": [1, 2]},
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        call_kwargs=SCORES,
    ),
    case(
        "mha_gate_sliding_window",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3, "use_gate": True, "sliding_window": 2},
        [2, 5, 4],
        [2, 5, 4],
        call_kwargs=SCORES,
    ),
    case(
        "mha_output_shape_tuple",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "output_shape": [2, 3]},
        [2, 3, 4],
        [2, 3, 4],
    ),
    case(
        "gqa_scores",
        "GroupQueryAttention",
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2},
        [2, 3, 5],
        [2, 4, 5],
        call_kwargs=SCORES,
    ),
    case(
        "gqa_multi_query_key_masks_causal",
        "GroupQueryAttention",
        {"head_dim": 3, "num_query_heads": 2, "num_key_value_heads": 1},
        [2, 4, 5],
        [2, 4, 5],
        [2, 4, 5],
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"value_mask": bool_mask([[1, 1, 1, 0], [1, 0, 1, 1]])},
    ),
    case(
        "gqa_no_scores",
        "GroupQueryAttention",
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2, "use_bias": False},
        [2, 3, 5],
        [2, 4, 6],
    ),
    case(
        "gqa_gate_sliding_window_attention_mask",
        "GroupQueryAttention",
        {
            "head_dim": 2,
            "num_query_heads": 2,
            "num_key_value_heads": 2,
            "use_gate": True,
            "sliding_window": 2,
        },
        [1, 4, 3],
        [1, 4, 3],
        call_kwargs=SCORES,
        tensor_kwargs={
            "attention_mask": bool_mask([[[1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1], [1, 1, 1, 0]]])
        },
    ),
]
