"""Attention layers: Keras 3 goldens, harness checks, NumPy references, masks, errors."""

import numpy as np
import pytest

from conformance.references.layers import attention as attention_ref
from keras_core import backend, layers
from keras_core.testing.golden import case_names, check_golden


@pytest.mark.parametrize("name", case_names("attention", source="keras3"))
def test_golden(name):
    check_golden(name, atol=2e-5, rtol=2e-5, source="keras3")


def reference(layer_name, config, weights, inputs, **kwargs):
    """The NumPy reference of an attention layer's call (conformance/references/layers)."""
    return attention_ref.REFERENCES[layer_name]["call"](config, weights, inputs, **kwargs)


def rand(*shape, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, size=shape).astype("float32")


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


# ---------------------------------------------------------------------------
# Attention / AdditiveAttention


def test_attention_harness():
    from keras_core.testing import run_layer_test

    def ref(inputs, w):
        return reference("Attention", {"use_scale": True}, w, inputs)

    run_layer_test(
        layers.Attention,
        {"use_scale": True},
        input_shape=[(2, 3, 4), (2, 5, 4)],
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=1,
        reference=ref,
        fixed_weights=[np.array(0.7, "float32")],
        supports_masking=True,
        atol=1e-5,
        rtol=1e-5,
    )


def test_additive_attention_harness():
    from keras_core.testing import run_layer_test

    def ref(inputs, w):
        return reference("AdditiveAttention", {}, w, inputs)

    run_layer_test(
        layers.AdditiveAttention,
        {},
        input_shape=[(2, 3, 4), (2, 5, 4)],
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=1,
        reference=ref,
        atol=1e-5,
        rtol=1e-5,
    )


def test_attention_masks_and_output_mask():
    q, v = rand(2, 3, 4), rand(2, 5, 4, seed=1)
    q_mask = np.array([[True, True, False], [True, True, True]])
    v_mask = np.array([[True, False, True, True, False], [True] * 5])
    layer = layers.Attention()
    out, scores = layer([q, v], mask=[q_mask, v_mask], return_attention_scores=True)
    expected_out, expected_scores = reference(
        "Attention", {}, [], [q, v], mask=[q_mask, v_mask], return_attention_scores=True
    )
    np.testing.assert_allclose(to_np(scores), expected_scores, atol=1e-6)
    np.testing.assert_allclose(to_np(out), expected_out, atol=1e-5)
    np.testing.assert_array_equal(to_np(layer.compute_mask([q, v], [q_mask, v_mask])), q_mask)
    assert layer.compute_mask([q, v], None) is None


def test_attention_dropout_in_training_only():
    q = rand(2, 4, 3)
    layer = layers.Attention(dropout=0.5, seed=3)
    inference = to_np(layer([q, q]))
    np.testing.assert_allclose(to_np(layer([q, q], training=False)), inference)
    assert not np.allclose(to_np(layer([q, q], training=True)), inference)


def test_attention_config():
    layer = layers.Attention(use_scale=True, score_mode="concat", dropout=0.1, seed=2)
    config = layer.get_config()
    assert {k: config[k] for k in ("use_scale", "score_mode", "dropout", "seed")} == {
        "use_scale": True,
        "score_mode": "concat",
        "dropout": 0.1,
        "seed": 2,
    }
    assert layers.Attention.from_config(config).get_config() == config
    additive = layers.AdditiveAttention(use_scale=False).get_config()
    assert "score_mode" not in additive and additive["use_scale"] is False
    assert layers.AdditiveAttention.from_config(additive).get_config() == additive


# ---------------------------------------------------------------------------
# MultiHeadAttention / GroupQueryAttention


def test_multi_head_attention_harness():
    from keras_core.testing import run_layer_test

    run_layer_test(
        layers.MultiHeadAttention,
        {"num_heads": 2, "key_dim": 3, "use_gate": True},
        input_data=rand(2, 4, 5),
        call_kwargs={"value": rand(2, 3, 6, seed=1)},
        expected_output_shape=(2, 4, 5),
        expected_num_trainable_weights=10,
        supports_masking=True,
        atol=1e-5,
        rtol=1e-5,
    )


def test_group_query_attention_harness():
    from keras_core.testing import run_layer_test

    run_layer_test(
        layers.GroupQueryAttention,
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2},
        input_data=rand(2, 4, 5),
        call_kwargs={"value": rand(2, 3, 5, seed=1)},
        expected_output_shape=(2, 4, 5),
        expected_num_trainable_weights=8,
        atol=1e-5,
        rtol=1e-5,
    )


def test_multi_head_attention_against_numpy():
    q, v = rand(2, 3, 4), rand(2, 5, 4, seed=1)
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    out, scores = layer(q, v, return_attention_scores=True)
    expected_out, expected_scores = reference(
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        layer.get_weights(),
        [q, v],
        return_attention_scores=True,
    )
    np.testing.assert_allclose(to_np(scores), expected_scores, atol=1e-5)
    np.testing.assert_allclose(to_np(out), expected_out, atol=1e-5)
    # The fused path (no scores requested) gives the same numbers.
    np.testing.assert_allclose(to_np(layer(q, v)), to_np(out), atol=1e-5)


def test_fused_and_explicit_paths_agree_for_causal_and_gqa():
    x = rand(2, 4, 6)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    fused = to_np(mha(x, x, use_causal_mask=True))
    explicit, _ = mha(x, x, use_causal_mask=True, return_attention_scores=True)
    np.testing.assert_allclose(fused, to_np(explicit), atol=1e-5)
    gqa = layers.GroupQueryAttention(2, num_query_heads=4, num_key_value_heads=2)
    explicit, _ = gqa(x, x, return_attention_scores=True)
    np.testing.assert_allclose(to_np(gqa(x, x)), to_np(explicit), atol=1e-5)


def test_explicit_query_mask_zeroes_the_weights_of_masked_queries():
    x = rand(1, 3, 4)
    layer = layers.MultiHeadAttention(num_heads=1, key_dim=2)
    q_mask = np.array([[True, True, False]])
    _, scores = layer(x, x, query_mask=q_mask, return_attention_scores=True)
    scores = to_np(scores)
    np.testing.assert_array_equal(scores[0, 0, 2], np.zeros(3))
    np.testing.assert_allclose(scores[0, 0, :2].sum(-1), np.ones(2), rtol=1e-6)


def test_embedding_padding_mask_reaches_attention_in_a_functional_model():
    from keras_core import Input, Model

    tokens = Input((4,), dtype="int32")
    embedded = layers.Embedding(6, 4, mask_zero=True)(tokens)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=2)
    out, scores = mha(embedded, embedded, return_attention_scores=True)
    pooled = layers.GlobalAveragePooling1D()(out)
    model = Model(tokens, [out, scores, pooled])
    data = np.array([[3, 1, 0, 0], [2, 5, 4, 0]], "int32")
    out, scores, pooled = (to_np(t) for t in model(data))
    keep = data != 0
    # Padded keys get no weight; padded queries get none at all.
    expected_mask = keep[:, None, :, None] & keep[:, None, None, :]
    assert np.all(scores[~np.broadcast_to(expected_mask, scores.shape)] == 0)
    np.testing.assert_allclose(
        scores.sum(-1), np.broadcast_to(keep[:, None, :], (2, 2, 4)), rtol=1e-6, atol=1e-6
    )
    # The pooling after attention averages only the real tokens (the query mask).
    np.testing.assert_allclose(pooled[0], out[0, :2].mean(0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(pooled[1], out[1, :3].mean(0), rtol=1e-5, atol=1e-6)


def test_padding_mask_from_embedding_and_causal_mask_match_numpy():
    # MultiHeadAttention after Embedding(mask_zero=True) with use_causal_mask=True, in a
    # functional model: key j is visible to query i when j <= i and token j is not padding;
    # padded queries get no weights at all (Keras 3's query mask).
    from keras_core import Input, Model

    tokens = Input((5,), dtype="int32")
    embedding = layers.Embedding(7, 4, mask_zero=True)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    embedded = embedding(tokens)
    out, scores = mha(embedded, embedded, use_causal_mask=True, return_attention_scores=True)
    model = Model(tokens, [out, scores])
    data = np.array([[4, 2, 6, 0, 0], [0, 0, 3, 1, 5]], "int32")
    got_out, got_scores = (to_np(t) for t in model(data))

    x = embedding.get_weights()[0][data].astype(np.float64)
    keep = data != 0
    expected, weights = reference(
        "MultiHeadAttention",
        {"num_heads": 2, "key_dim": 3},
        mha.get_weights(),
        [x, x],
        query_mask=keep,
        value_mask=keep,
        use_causal_mask=True,
        return_attention_scores=True,
    )
    np.testing.assert_allclose(got_scores, weights, atol=1e-6)
    np.testing.assert_allclose(got_out, expected, rtol=1e-5, atol=1e-5)
    # The second sample starts with padding: its first queries see no key at all.
    assert np.all(got_scores[1, :, :2] == 0)


def test_eager_masks_carried_by_tensors():
    emb = layers.Embedding(6, 4, mask_zero=True)
    data = np.array([[3, 1, 0]], "int32")
    x = emb(data)
    kwargs = {}
    if getattr(x, "_keras_mask", None) is None:
        # JAX and NumPy arrays take no attributes, so eagerly the mask is passed by
        # hand (Functional models carry it themselves, see the test above).
        assert backend.backend() in ("jax", "numpy")
        mask = emb.compute_mask(data, None)
        kwargs = {"query_mask": mask, "value_mask": mask}
    _, scores = layers.MultiHeadAttention(1, 2)(x, x, return_attention_scores=True, **kwargs)
    np.testing.assert_array_equal(to_np(scores)[0, 0, :2, 2], [0.0, 0.0])
    np.testing.assert_array_equal(to_np(scores)[0, 0, 2], [0.0, 0.0, 0.0])


def test_attention_axes_shapes():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=(1, 2))
    x = rand(1, 2, 3, 4)
    out, scores = layer(x, x, return_attention_scores=True)
    assert tuple(out.shape) == (1, 2, 3, 4)
    assert tuple(scores.shape) == (1, 2, 2, 3, 2, 3)
    np.testing.assert_allclose(
        to_np(scores).reshape(1, 2, 6, 6).sum(-1), np.ones((1, 2, 6)), rtol=1e-5
    )


def test_symbolic_output_specs():
    from keras_core import Input

    q, v = Input((4, 5)), Input((3, 6))
    out, scores = layers.MultiHeadAttention(2, 3, output_shape=(2, 7))(
        q, v, return_attention_scores=True
    )
    assert (out.shape, scores.shape) == ((None, 4, 2, 7), (None, 2, 4, 3))
    out, scores = layers.GroupQueryAttention(2, 4, 1)(
        q, Input((3, 5)), return_attention_scores=True
    )
    assert (out.shape, scores.shape) == ((None, 4, 5), (None, 4, 4, 3))
    out, scores = layers.Attention()([q, Input((3, 5))], return_attention_scores=True)
    assert (out.shape, scores.shape) == ((None, 4, 5), (None, 4, 3))


def test_weight_names_and_order():
    x = rand(1, 3, 4)
    mha = layers.MultiHeadAttention(2, 3)
    mha(x, x)
    names = [v.path.split("/", 1)[1] for v in mha.weights]
    assert names == [
        f"{n}/{w}"
        for n in ("query", "key", "value", "attention_output")
        for w in ("kernel", "bias")
    ]
    assert [tuple(v.shape) for v in mha.weights][-2:] == [(2, 3, 4), (4,)]
    gqa = layers.GroupQueryAttention(2, 4, 2, use_gate=True)
    gqa(x, x)
    names = [v.path.split("/", 1)[1] for v in gqa.weights]
    assert names == [
        f"{n}/{w}"
        for n in ("query", "key", "gate", "value", "attention_output")
        for w in ("kernel", "bias")
    ]


def test_config_round_trips():
    mha = layers.MultiHeadAttention(
        2, 3, value_dim=4, output_shape=(5,), attention_axes=(1,), use_gate=True, sliding_window=3
    )
    config = mha.get_config()
    assert config["value_dim"] == 4 and config["attention_axes"] == [1]
    assert layers.MultiHeadAttention.from_config(config).get_config() == config
    assert layers.MultiHeadAttention(2, 3).get_config()["value_dim"] == 3
    gqa = layers.GroupQueryAttention(2, 4, 2, dropout=0.1, seed=1)
    config = gqa.get_config()
    assert layers.GroupQueryAttention.from_config(config).get_config() == config
    from keras_core.saving.serialization_lib import (
        deserialize_keras_object,
        serialize_keras_object,
    )

    serialized = serialize_keras_object(gqa)
    assert serialized["class_name"] == "GroupedQueryAttention"
    assert type(deserialize_keras_object(serialized)) is layers.GroupQueryAttention


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda: layers.Attention(score_mode="add"), "`score_mode` must be one of"),
        (lambda: layers.Attention(dropout=2.0), "`dropout` must be a float in"),
        (lambda: layers.MultiHeadAttention(0, 3), "`num_heads` must be a positive int"),
        (lambda: layers.MultiHeadAttention(2, 3, attention_axes="x"), "`attention_axes`"),
        (lambda: layers.MultiHeadAttention(2, 3, sliding_window=0), "`sliding_window`"),
        (
            lambda: layers.GroupQueryAttention(2, num_query_heads=3, num_key_value_heads=2),
            "multiple of `num_key_value_heads`",
        ),
    ],
)
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_inputs():
    q = rand(2, 3, 4)
    with pytest.raises(ValueError, match="list"):
        layers.Attention()(q)
    with pytest.raises(ValueError, match="same rank"):
        layers.MultiHeadAttention(2, 2)(q, rand(2, 3, 4, 4))
    batch_error = (
        r"MultiHeadAttention 'mha': query, value and key must have the same batch size\. "
        r"Received: query\.shape=\(2, 3, 4\), value\.shape=\(3, 5, 4\)"
    )
    with pytest.raises(ValueError, match=batch_error):
        layers.MultiHeadAttention(2, 2, name="mha")(q, rand(3, 5, 4))
    from keras_core import Input

    with pytest.raises(ValueError, match="same batch size"):
        layers.MultiHeadAttention(2, 2)(Input((3, 4), batch_size=2), Input((5, 4), batch_size=3))
    with pytest.raises(ValueError, match="GroupedQueryAttention .*same batch size"):
        layers.GroupQueryAttention(2, 2, 1)(q, rand(3, 5, 4))
    with pytest.raises(ValueError, match="rank 3"):
        layers.GroupQueryAttention(2, 2, 1)(rand(1, 2, 3, 4), rand(1, 2, 3, 4))
    with pytest.raises(ValueError, match="`attention_axes` must name axes"):
        layers.MultiHeadAttention(2, 2, attention_axes=(2,))(q, q)


def test_docstring_examples():
    from keras_core.layers.attention import (
        attention,
        attention_utils,
        grouped_query_attention,
        multi_head_attention,
    )
    from keras_core.testing.doctests import check_docstring_examples

    assert (
        check_docstring_examples(
            attention, attention_utils, multi_head_attention, grouped_query_attention
        )
        > 0
    )
