"""NumPy references of the attention layers: Attention, AdditiveAttention,
MultiHeadAttention and GroupQueryAttention, in float64.

Mask rules (keras_core's, the same as Keras 3 where Keras 3 defines them):

- ``Attention``/``AdditiveAttention``: ``mask=[query_mask, value_mask]``; a masked
  key (value mask False, or ``j > i`` under ``use_causal_mask``) gets the score
  ``-1e9``, so a row with every key masked spreads its weight uniformly (what the
  float32 ``-1e9`` offset gives); masked queries output zeros; the returned
  scores are the softmax weights.
- ``MultiHeadAttention``/``GroupQueryAttention``: the ``(B, T, S)`` mask is the
  logical and of ``query_mask[:, :, None]``, ``value_mask[:, None, :]``,
  ``key_mask[:, None, :]``, the causal mask ``i >= j``, the sliding window
  ``|i - j| < sliding_window`` and ``attention_mask``; the softmax runs over the
  unmasked keys only and a fully masked row has zero weights.
"""

import numpy as np

LARGE_NEGATIVE = -1e9


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def masked_softmax(scores, mask, axis=-1):
    """Softmax over ``axis`` restricted to ``mask``; rows with nothing unmasked are zeros."""
    if mask is None:
        return softmax(scores, axis)
    mask = np.broadcast_to(np.asarray(mask, bool), scores.shape)
    peak = np.where(mask, scores, -np.inf).max(axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    e = np.where(mask, np.exp(np.where(mask, scores - peak, 0.0)), 0.0)
    total = e.sum(axis=axis, keepdims=True)
    return np.where(total > 0, e / np.where(total > 0, total, 1.0), 0.0)


# ---------------------------------------------------------------------------
# Attention and AdditiveAttention.


def _attention_weights(config, input_shapes):
    out = []
    if config.get("use_scale", False):
        out.append(("scale", ()))
    if config.get("score_mode", "dot") == "concat":
        out.append(("concat_score_weight", ()))
    return out


def _additive_weights(config, input_shapes):
    if config.get("use_scale", True):
        return [("scale", (input_shapes[0][-1],))]
    return []


def _attend(scores, inputs, mask, use_causal_mask, return_attention_scores):
    value = np.asarray(inputs[1], np.float64)
    query_mask, value_mask = (list(mask) + [None, None])[:2] if mask is not None else (None, None)
    keep = np.ones(scores.shape, bool)
    if value_mask is not None:
        keep &= np.asarray(value_mask, bool)[..., None, :]
    if use_causal_mask:
        t, s = scores.shape[-2:]
        keep &= np.arange(t)[:, None] >= np.arange(s)[None, :]
    scores = np.where(keep, scores, LARGE_NEGATIVE)
    weights = softmax(scores, -1)
    result = weights @ value
    if query_mask is not None:
        result = result * np.asarray(query_mask, bool)[..., None]
    if return_attention_scores:
        return [result, weights]
    return result


def _attention_call(
    config, weights, inputs, mask=None, use_causal_mask=False, return_attention_scores=False, **_
):
    q = np.asarray(inputs[0], np.float64)
    k = np.asarray(inputs[2] if len(inputs) > 2 else inputs[1], np.float64)
    w = list(weights)
    scale = w.pop(0) if config.get("use_scale", False) else None
    if config.get("score_mode", "dot") == "dot":
        scores = q @ np.swapaxes(k, -1, -2)
        if scale is not None:
            scores = scores * scale
    else:
        pairs = q[..., :, None, :] + k[..., None, :, :]
        if scale is not None:
            pairs = pairs * scale
        scores = w.pop(0) * np.tanh(pairs).sum(-1)
    return _attend(scores, inputs, mask, use_causal_mask, return_attention_scores)


def _additive_call(
    config, weights, inputs, mask=None, use_causal_mask=False, return_attention_scores=False, **_
):
    q = np.asarray(inputs[0], np.float64)
    k = np.asarray(inputs[2] if len(inputs) > 2 else inputs[1], np.float64)
    t = np.tanh(q[..., :, None, :] + k[..., None, :, :])
    if config.get("use_scale", True):
        t = t * weights[0]
    return _attend(t.sum(-1), inputs, mask, use_causal_mask, return_attention_scores)


# ---------------------------------------------------------------------------
# Multi-head and grouped-query attention.


def padding_and_causal_mask(
    t_len,
    s_len,
    query_mask=None,
    value_mask=None,
    key_mask=None,
    attention_mask=None,
    use_causal_mask=False,
    sliding_window=None,
):
    """The bool ``(B or 1, T, S)`` attention mask, or None when nothing masks."""
    mask = np.ones((1, t_len, s_len), bool)
    used = False
    if query_mask is not None:
        mask = mask & np.asarray(query_mask, bool)[:, :, None]
        used = True
    for m in (value_mask, key_mask):
        if m is not None:
            mask = mask & np.asarray(m, bool)[:, None, :]
            used = True
    rows, cols = np.arange(t_len)[:, None], np.arange(s_len)[None, :]
    if use_causal_mask:
        mask = mask & (rows >= cols)[None]
        used = True
    if sliding_window is not None:
        mask = mask & (np.abs(rows - cols) < sliding_window)[None]
        used = True
    if attention_mask is not None:
        mask = mask & np.asarray(attention_mask, bool)
        used = True
    return mask if used else None


def _dense(x, kernel, bias, n_contract):
    """``x``'s last ``n_contract`` axes contracted with ``kernel``'s first ones, plus bias."""
    y = np.tensordot(x, kernel, axes=n_contract)
    return y if bias is None else y + bias


def _mha_output_dims(config, query_shape):
    out = config.get("output_shape")
    if out is None:
        return (query_shape[-1],)
    return tuple(out) if isinstance(out, (list, tuple)) else (out,)


def _mha_weights(config, input_shapes):
    heads, key_dim = int(config["num_heads"]), int(config["key_dim"])
    value_dim = int(config.get("value_dim") or key_dim)
    q_shape = tuple(input_shapes[0])
    v_shape = tuple(input_shapes[1])
    k_shape = tuple(input_shapes[2]) if len(input_shapes) > 2 else v_shape
    bias = config.get("use_bias", True)
    out_dims = _mha_output_dims(config, q_shape)
    parts = [
        ("query", (q_shape[-1], heads, key_dim), (heads, key_dim)),
        ("key", (k_shape[-1], heads, key_dim), (heads, key_dim)),
    ]
    if config.get("use_gate", False):
        parts.append(("gate", (q_shape[-1], heads, value_dim), (heads, value_dim)))
    parts += [
        ("value", (v_shape[-1], heads, value_dim), (heads, value_dim)),
        ("attention_output", (heads, value_dim) + out_dims, out_dims),
    ]
    out = []
    for name, kernel, b in parts:
        out.append((f"{name}/kernel", kernel))
        if bias:
            out.append((f"{name}/bias", b))
    return out


def _take(weights, config, names):
    """``{name: (kernel, bias)}`` from the flat weight list, in ``names`` order."""
    w = [np.asarray(a, np.float64) for a in weights]
    bias = config.get("use_bias", True)
    out = {}
    for name in names:
        kernel = w.pop(0)
        out[name] = (kernel, w.pop(0) if bias else None)
    return out


def _projection_names(config):
    names = ["query", "key"]
    if config.get("use_gate", False):
        names.append("gate")
    return names + ["value", "attention_output"]


def _mha_call(
    config,
    weights,
    inputs,
    query_mask=None,
    value_mask=None,
    key_mask=None,
    attention_mask=None,
    return_attention_scores=False,
    use_causal_mask=False,
    **_,
):
    query = np.asarray(inputs[0], np.float64)
    value = np.asarray(inputs[1], np.float64)
    key = np.asarray(inputs[2], np.float64) if len(inputs) > 2 else value
    key_dim = int(config["key_dim"])
    w = _take(weights, config, _projection_names(config))
    rank = query.ndim
    q = _dense(query, *w["query"], 1) / np.sqrt(key_dim)  # (B, *idx, H, Kd)
    k = _dense(key, *w["key"], 1)
    v = _dense(value, *w["value"], 1)
    axes = config.get("attention_axes")
    if axes is None:
        axes = tuple(range(1, rank - 1))
    else:
        axes = (axes,) if isinstance(axes, int) else tuple(axes)
        axes = tuple(sorted(a % rank for a in axes))
    others = [a for a in range(1, rank - 1) if a not in axes]
    heads_axis = rank - 1
    # (B, *others, H, *axes, dim): the attention axes flattened into one.
    order = [0, *others, heads_axis, *axes, rank]

    def arrange(x):
        x = np.transpose(x, order)
        lead = x.shape[: 2 + len(others)]
        return x.reshape(lead + (-1, x.shape[-1])), x.shape[2 + len(others) : -1]

    qa, q_att = arrange(q)
    ka, k_att = arrange(k)
    va, _ = arrange(v)
    scores = qa @ np.swapaxes(ka, -1, -2)  # (B, *others, H, Tq, Tk)
    mask = padding_and_causal_mask(
        query.shape[1],
        value.shape[1],
        query_mask,
        value_mask,
        key_mask,
        attention_mask,
        use_causal_mask,
        config.get("sliding_window"),
    )
    if mask is not None:
        if rank != 3:
            raise ValueError(
                "The MultiHeadAttention reference applies masks to rank-3 inputs only. "
                f"Received: query.shape={query.shape}"
            )
        mask = mask[:, None]  # (B, 1, T, S): the same mask for every head
    probs = masked_softmax(scores, mask, -1)
    combined = probs @ va  # (B, *others, H, Tq, Vd)
    combined = combined.reshape(combined.shape[:-2] + tuple(q_att) + combined.shape[-1:])
    combined = np.transpose(combined, np.argsort(order))  # (B, *idx, H, Vd)
    if "gate" in w:
        combined = combined * _sigmoid(_dense(query, *w["gate"], 1))
    output = _dense(combined, *w["attention_output"], 2)
    if return_attention_scores:
        return [output, probs.reshape(probs.shape[:-2] + tuple(q_att) + tuple(k_att))]
    return output


def _gqa_weights(config, input_shapes):
    head_dim = int(config["head_dim"])
    hq, hkv = int(config["num_query_heads"]), int(config["num_key_value_heads"])
    q_shape = tuple(input_shapes[0])
    v_shape = tuple(input_shapes[1])
    k_shape = tuple(input_shapes[2]) if len(input_shapes) > 2 else v_shape
    parts = [
        ("query", (q_shape[-1], hq, head_dim), (hq, head_dim)),
        ("key", (k_shape[-1], hkv, head_dim), (hkv, head_dim)),
    ]
    if config.get("use_gate", False):
        parts.append(("gate", (q_shape[-1], hq, head_dim), (hq, head_dim)))
    parts += [
        ("value", (v_shape[-1], hkv, head_dim), (hkv, head_dim)),
        ("attention_output", (hq, head_dim, q_shape[-1]), (q_shape[-1],)),
    ]
    out = []
    for name, kernel, b in parts:
        out.append((f"{name}/kernel", kernel))
        if config.get("use_bias", True):
            out.append((f"{name}/bias", b))
    return out


def _gqa_call(
    config,
    weights,
    inputs,
    query_mask=None,
    value_mask=None,
    key_mask=None,
    attention_mask=None,
    return_attention_scores=False,
    use_causal_mask=False,
    **_,
):
    query = np.asarray(inputs[0], np.float64)
    value = np.asarray(inputs[1], np.float64)
    key = np.asarray(inputs[2], np.float64) if len(inputs) > 2 else value
    head_dim = int(config["head_dim"])
    repeats = int(config["num_query_heads"]) // int(config["num_key_value_heads"])
    w = _take(weights, config, _projection_names(config))
    q = _dense(query, *w["query"], 1) / np.sqrt(head_dim)  # (B, T, Hq, D)
    k = np.repeat(_dense(key, *w["key"], 1), repeats, axis=2)  # (B, S, Hq, D)
    v = np.repeat(_dense(value, *w["value"], 1), repeats, axis=2)
    scores = np.einsum("bquh,bkuh->buqk", q, k)
    mask = padding_and_causal_mask(
        query.shape[1],
        value.shape[1],
        query_mask,
        value_mask,
        key_mask,
        attention_mask,
        use_causal_mask,
        config.get("sliding_window"),
    )
    if mask is not None:
        mask = mask[:, None]
    probs = masked_softmax(scores, mask, -1)
    combined = np.einsum("buqk,bkuh->bquh", probs, v)
    if "gate" in w:
        combined = combined * _sigmoid(_dense(query, *w["gate"], 1))
    output = _dense(combined, *w["attention_output"], 2)
    if return_attention_scores:
        return [output, probs]
    return output


REFERENCES = {
    "Attention": {"weights": _attention_weights, "call": _attention_call},
    "AdditiveAttention": {"weights": _additive_weights, "call": _additive_call},
    "MultiHeadAttention": {"weights": _mha_weights, "call": _mha_call},
    "GroupQueryAttention": {"weights": _gqa_weights, "call": _gqa_call},
}
