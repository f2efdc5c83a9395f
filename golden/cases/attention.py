"""NumPy-golden cases: attention layers (outputs from
conformance/references/layers/attention.py; format in golden/README.md).

The padding masks are what ``Embedding(mask_zero=True)`` produces for right- and
left-padded id sequences, passed explicitly (``mask=[query_mask, value_mask]`` for
Attention, ``query_mask``/``value_mask``/``key_mask`` or an ``attention_mask`` for
the multi-head layers), alone and with ``use_causal_mask=True``.
"""

SCORES = {"return_attention_scores": True}


def case(name, layer, config, *inputs, seed=0, **extra):
    out = {"name": name, "layer": layer, "config": config, "inputs": list(inputs), "seed": seed}
    out.update(extra)
    return out


def bool_mask(rows):
    return {"value": rows, "dtype": "bool"}


RIGHT4 = bool_mask([[1, 1, 1, 0], [1, 1, 1, 1]])
LEFT4 = bool_mask([[0, 1, 1, 1], [0, 0, 1, 1]])
RIGHT5 = bool_mask([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]])
LEFT5 = bool_mask([[0, 0, 1, 1, 1], [0, 1, 1, 1, 1]])
# The (B, T, S) attention mask of right-padded queries (T=4) over right-padded values (S=5).
PADDING_ATTENTION_MASK = bool_mask(
    [
        [[1, 1, 1, 0, 0], [1, 1, 1, 0, 0], [1, 1, 1, 0, 0], [0, 0, 0, 0, 0]],
        [[1, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0]],
    ]
)

CASES = [
    # Attention (dot and concat scores) and AdditiveAttention.
    case(
        "ref_attention_dot_padding_masks",
        "Attention",
        {},
        [2, 4, 3],
        [2, 5, 3],
        seed=1,
        input_mode="list",
        call_kwargs=SCORES,
        tensor_kwargs={"mask": [RIGHT4, RIGHT5]},
    ),
    case(
        "ref_attention_dot_scale_key_causal_right_padded",
        "Attention",
        {"use_scale": True},
        [2, 4, 3],
        [2, 4, 2],
        [2, 4, 3],
        seed=2,
        input_mode="list",
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"mask": [RIGHT4, RIGHT4]},
        weight_ranges={"scale": [0.5, 2.0]},
    ),
    case(
        "ref_attention_concat_left_padded_values",
        "Attention",
        {"score_mode": "concat"},
        [2, 3, 4],
        [2, 5, 4],
        seed=3,
        input_mode="list",
        call_kwargs=SCORES,
        tensor_kwargs={"mask": [None, LEFT5]},
        weight_ranges={"concat_score_weight": [0.5, 2.0]},
    ),
    case(
        "ref_attention_concat_scale_causal",
        "Attention",
        {"score_mode": "concat", "use_scale": True},
        [2, 4, 3],
        [2, 4, 3],
        seed=4,
        input_mode="list",
        call_kwargs={"use_causal_mask": True},
    ),
    case(
        "ref_additive_attention_left_padded_key_causal",
        "AdditiveAttention",
        {},
        [2, 4, 3],
        [2, 4, 3],
        [2, 4, 3],
        seed=5,
        input_mode="list",
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"mask": [LEFT4, bool_mask([[1, 1, 1, 0], [1, 0, 1, 1]])]},
    ),
    case(
        "ref_additive_attention_no_scale_query_mask",
        "AdditiveAttention",
        {"use_scale": False},
        [2, 4, 3],
        [2, 5, 3],
        seed=6,
        input_mode="list",
        tensor_kwargs={"mask": [RIGHT4, None]},
    ),
    # MultiHeadAttention: padding masks, causal mask, attention mask, axes, scores.
    case(
        "ref_mha_self_right_padded_query_value_masks",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        [2, 5, 4],
        [2, 5, 4],
        seed=7,
        call_kwargs=SCORES,
        tensor_kwargs={"query_mask": RIGHT5, "value_mask": RIGHT5},
    ),
    case(
        "ref_mha_self_left_padded_causal",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2},
        [2, 5, 4],
        [2, 5, 4],
        seed=8,
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"query_mask": LEFT5, "value_mask": LEFT5},
    ),
    case(
        "ref_mha_cross_value_key_masks_causal_no_scores",
        "MultiHeadAttention",
        {"num_heads": 3, "key_dim": 2},
        [2, 4, 4],
        [2, 5, 3],
        [2, 5, 2],
        seed=9,
        call_kwargs={"use_causal_mask": True},
        tensor_kwargs={"value_mask": RIGHT5, "key_mask": bool_mask([[1] * 5, [1, 1, 0, 1, 1]])},
    ),
    case(
        "ref_mha_padding_attention_mask",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3, "value_dim": 2},
        [2, 4, 3],
        [2, 5, 3],
        seed=10,
        call_kwargs=SCORES,
        tensor_kwargs={"attention_mask": PADDING_ATTENTION_MASK},
    ),
    case(
        "ref_mha_attention_mask_and_causal",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "output_shape": 5},
        [2, 4, 3],
        [2, 5, 3],
        seed=11,
        call_kwargs={"use_causal_mask": True, **SCORES},
        tensor_kwargs={"attention_mask": PADDING_ATTENTION_MASK},
    ),
    case(
        "ref_mha_causal_fast_path",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        [2, 5, 4],
        [2, 5, 4],
        seed=12,
        call_kwargs={"use_causal_mask": True},
    ),
    case(
        "ref_mha_cross_no_mask_no_bias",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "use_bias": False},
        [2, 3, 4],
        [2, 5, 3],
        seed=13,
    ),
    case(
        "ref_mha_gate_sliding_window_value_mask",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "use_gate": True, "sliding_window": 2},
        [2, 5, 3],
        [2, 5, 3],
        seed=14,
        call_kwargs=SCORES,
        tensor_kwargs={"value_mask": RIGHT5},
    ),
    case(
        "ref_mha_attention_axes_1_rank4",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "attention_axes": [1]},
        [1, 3, 2, 4],
        [1, 4, 2, 4],
        seed=15,
        call_kwargs=SCORES,
    ),
    case(
        "ref_mha_attention_axes_negative_output_tuple",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2, "attention_axes": [-2], "output_shape": [2, 2]},
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        seed=16,
        call_kwargs=SCORES,
    ),
    # GroupQueryAttention
    case(
        "ref_gqa_padding_masks_scores",
        "GroupQueryAttention",
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2},
        [2, 4, 3],
        [2, 5, 3],
        seed=17,
        call_kwargs=SCORES,
        tensor_kwargs={"query_mask": RIGHT4, "value_mask": RIGHT5},
    ),
    case(
        "ref_gqa_left_padded_causal_no_scores",
        "GroupQueryAttention",
        {"head_dim": 3, "num_query_heads": 2, "num_key_value_heads": 1},
        [2, 5, 4],
        [2, 5, 4],
        seed=18,
        call_kwargs={"use_causal_mask": True},
        tensor_kwargs={"query_mask": LEFT5, "value_mask": LEFT5},
    ),
    case(
        "ref_gqa_fast_path_key",
        "GroupQueryAttention",
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2},
        [2, 3, 4],
        [2, 5, 3],
        [2, 5, 2],
        seed=19,
    ),
    case(
        "ref_gqa_gate_attention_mask_no_bias",
        "GroupQueryAttention",
        {
            "head_dim": 2,
            "num_query_heads": 2,
            "num_key_value_heads": 2,
            "use_gate": True,
            "use_bias": False,
        },
        [2, 4, 3],
        [2, 5, 3],
        seed=20,
        call_kwargs=SCORES,
        tensor_kwargs={"attention_mask": PADDING_ATTENTION_MASK},
    ),
    # Causal masks with more queries than keys, and a query mask on the causal path.
    case(
        "ref_attention_concat_causal_more_queries",
        "Attention",
        {"score_mode": "concat"},
        [2, 5, 3],
        [2, 3, 3],
        seed=21,
        input_mode="list",
        call_kwargs={"use_causal_mask": True, **SCORES},
    ),
    case(
        "ref_mha_causal_more_queries",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2},
        [2, 5, 4],
        [2, 3, 4],
        seed=22,
        call_kwargs={"use_causal_mask": True},
    ),
    case(
        "ref_mha_query_mask_causal_no_scores",
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 2},
        [2, 4, 4],
        [2, 4, 4],
        seed=23,
        call_kwargs={"use_causal_mask": True},
        tensor_kwargs={"query_mask": RIGHT4},
    ),
    case(
        "ref_gqa_multi_query_sliding_window_1",
        "GroupQueryAttention",
        {"head_dim": 2, "num_query_heads": 2, "num_key_value_heads": 1, "sliding_window": 1},
        [2, 4, 3],
        [2, 4, 3],
        seed=24,
    ),
]
