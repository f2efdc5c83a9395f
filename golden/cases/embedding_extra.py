"""NumPy-golden cases: ReversibleEmbedding (outputs from
conformance/references/layers/embedding_extra.py; format in golden/README.md)."""


def case(name, config, inputs, seed=0, **extra):
    out = {"name": name, "layer": "ReversibleEmbedding", "config": config}
    out.update({"inputs": [inputs], "seed": seed, **extra})
    return out


IDS = {"shape": [2, 5], "dtype": "int32", "minval": 0, "maxval": 7}

CASES = [
    case("ref_reversible_embedding_lookup", {"input_dim": 7, "output_dim": 4}, IDS),
    case(
        "ref_reversible_embedding_lookup_untied_mask_zero",
        {"input_dim": 7, "output_dim": 3, "tie_weights": False, "mask_zero": True},
        IDS,
        seed=1,
    ),
    case(
        "ref_reversible_embedding_reverse_tied",
        {"input_dim": 7, "output_dim": 4},
        [2, 3, 4],
        seed=2,
        call_kwargs={"reverse": True},
    ),
    case(
        "ref_reversible_embedding_reverse_untied_soft_cap",
        {"input_dim": 6, "output_dim": 4, "tie_weights": False, "logit_soft_cap": 0.2},
        [2, 3, 4],
        seed=3,
        call_kwargs={"reverse": True},
        weight_ranges={"reverse_embeddings": [-1.0, 1.0]},
    ),
]
