"""The jax backend's ops of ``keras_core/ops/nn_ctc.py``: ctc_loss and ctc_decode.

The beam-search decoder is a CTC prefix beam search. Every beam is a label
prefix with two log probabilities: of the paths that end in a blank (pb) and of
those that end in its last label (pnb). A step extends each beam by every
label; an extension that equals a beam already kept (the beam's parent plus its
last label) is merged into that beam. Prefixes are compared through a rolling
64-bit hash, so the search stays traceable.
"""

import jax
import jax.numpy as jnp
from jax import lax

from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import to_float


def _ctc_inputs(target, output, target_length, output_length):
    output = to_float(output)
    target = convert_to_tensor(target).astype("int32")
    if output.ndim != 3 or target.ndim != 2 or target.shape[0] != output.shape[0]:
        raise ValueError(
            "ctc_loss: expected `output` of shape (batch, time, classes) and `target` of "
            f"shape (batch, max_label_length). Received: output.shape={tuple(output.shape)}, "
            f"target.shape={tuple(target.shape)}"
        )
    target_length = convert_to_tensor(target_length).astype("int32").reshape(-1)
    output_length = convert_to_tensor(output_length).astype("int32").reshape(-1)
    return target, output, target_length, output_length


_CTC_LOG_ZERO = -1e30


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    target, output, target_length, output_length = _ctc_inputs(
        target, output, target_length, output_length
    )
    compute = "float32" if output.dtype in (jnp.float16, jnp.bfloat16) else output.dtype
    log_probs = jax.nn.log_softmax(output.astype(compute), axis=-1)
    batch, steps, _ = log_probs.shape
    max_len = target.shape[1]
    n_ext = 2 * max_len + 1
    pos = jnp.arange(n_ext)
    is_blank = (pos % 2 == 0)[None, :]
    if max_len:
        label_idx = jnp.clip((pos - 1) // 2, 0, max_len - 1)
        labels = jnp.take_along_axis(target, jnp.broadcast_to(label_idx, (batch, n_ext)), axis=1)
        ext = jnp.where(is_blank, mask_index, labels)
    else:
        ext = jnp.full((batch, 1), mask_index, dtype="int32")
    prev2 = jnp.concatenate([jnp.full((batch, 2), -1, ext.dtype), ext[:, :-2]], axis=1)
    can_skip = (~is_blank) & (ext != prev2)
    valid = pos[None, :] < (2 * target_length[:, None] + 1)
    # a large finite stand-in for log(0): -inf would turn the gradients into NaN
    neg_inf = jnp.asarray(_CTC_LOG_ZERO, compute)
    emit = jnp.take_along_axis(
        log_probs, jnp.broadcast_to(ext[:, None, :], (batch, steps, n_ext)), axis=2
    )
    alpha0 = jnp.where(pos[None, :] < 2, emit[:, 0, :], neg_inf)
    alpha0 = jnp.where(valid, alpha0, neg_inf)

    def step(alpha, t):
        shift1 = jnp.concatenate([jnp.full((batch, 1), neg_inf), alpha[:, :-1]], axis=1)
        shift2 = jnp.concatenate([jnp.full((batch, 2), neg_inf), alpha[:, :-2]], axis=1)
        shift2 = jnp.where(can_skip, shift2, neg_inf)
        new = jnp.logaddexp(jnp.logaddexp(alpha, shift1), shift2) + emit[:, t, :]
        new = jnp.where(valid, new, neg_inf)
        return jnp.where((t < output_length)[:, None], new, alpha), None

    alpha, _ = lax.scan(step, alpha0, jnp.arange(1, steps))
    last = 2 * target_length
    end1 = jnp.take_along_axis(alpha, last[:, None], axis=1)[:, 0]
    end2 = jnp.take_along_axis(alpha, jnp.maximum(last - 1, 0)[:, None], axis=1)[:, 0]
    end2 = jnp.where(target_length > 0, end2, neg_inf)
    loss = -jnp.logaddexp(end1, end2)
    return jnp.where(loss > -_CTC_LOG_ZERO / 2, jnp.inf, loss).astype(output.dtype)


def _compact_labels(labels, keep):
    # moves the kept labels of each row to the front, padding with -1
    order = jnp.argsort(~keep, axis=1, stable=True)
    labels = jnp.take_along_axis(labels, order, axis=1)
    kept = jnp.take_along_axis(keep, order, axis=1)
    return jnp.where(kept, labels, -1)


def _ctc_greedy(logits, lengths, merge_repeated, mask_index):
    # like Keras (and TensorFlow's greedy decoder) the score is minus the sum of the largest
    # raw logit of each step
    steps = logits.shape[1]
    best = jnp.argmax(logits, axis=-1).astype("int32")
    in_seq = jnp.arange(steps)[None, :] < lengths[:, None]
    keep = in_seq & (best != mask_index)
    if merge_repeated:
        prev = jnp.concatenate([jnp.full_like(best[:, :1], -1), best[:, :-1]], axis=1)
        keep = keep & (best != prev)
    decoded = _compact_labels(best, keep)
    scores = -jnp.sum(jnp.where(in_seq, jnp.max(logits, axis=-1), 0), axis=1, keepdims=True)
    return decoded[None], scores


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    inputs = to_float(inputs)
    if inputs.ndim != 3:
        raise ValueError(
            "ctc_decode: `inputs` must have shape (batch, time, classes). "
            f"Received: inputs.shape={tuple(inputs.shape)}"
        )
    lengths = convert_to_tensor(sequence_lengths).astype("int32").reshape(-1)
    mask_index = inputs.shape[-1] - 1 if mask_index is None else int(mask_index)
    if strategy == "greedy":
        return _ctc_greedy(inputs, lengths, merge_repeated, mask_index)
    if strategy == "beam_search":
        log_probs = jax.nn.log_softmax(inputs, axis=-1)
        return _beam_search(
            log_probs, lengths, int(beam_width), int(top_paths), merge_repeated, mask_index
        )
    raise ValueError(
        f"ctc_decode: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
    )


# ---------------------------------------------------------------------------
# prefix beam search

_HASH_START = 1469598103934665603
_HASH_MULT = 1099511628211


def _init_state(width, steps, dtype):
    neg_inf = jnp.full((width,), -jnp.inf, dtype)
    return {
        "labels": jnp.full((width, steps), -1, "int32"),
        "length": jnp.zeros((width,), "int32"),
        "last": jnp.full((width,), -1, "int32"),
        "hash": jnp.full((width,), _HASH_START, "uint64"),
        "parent": jnp.zeros((width,), "uint64"),
        "pb": neg_inf.at[0].set(0),
        "pnb": neg_inf,
    }


def _candidates(state, y, merge_repeated, blank):
    classes = y.shape[0]
    neg_inf = jnp.asarray(-jnp.inf, y.dtype)
    pb, pnb, last, length = state["pb"], state["pnb"], state["last"], state["length"]
    total = jnp.logaddexp(pb, pnb)
    safe_last = jnp.maximum(last, 0)
    stay_pb = total + y[blank]
    if merge_repeated:
        stay_pnb = jnp.where(length > 0, pnb + y[safe_last], neg_inf)
    else:
        stay_pnb = jnp.full_like(pnb, neg_inf)
    c = jnp.arange(classes)
    repeat = (c[None, :] == last[:, None]) & merge_repeated
    ext = jnp.where(repeat, pb[:, None], total[:, None]) + y[None, :]
    ext = jnp.where(c[None, :] == blank, neg_inf, ext)
    # match[j, i]: beam j is beam i extended by j's last label
    match = (state["parent"][:, None] == state["hash"][None, :]) & (length[:, None] > 0)
    match = match & (total[:, None] > neg_inf)
    ext_at_last = ext[:, safe_last].T  # [j, i] = ext[i, last[j]]
    merged = jnp.max(jnp.where(match, ext_at_last, neg_inf), axis=1)
    count = jnp.sum(match, axis=1)
    stay_pnb = jnp.where(count > 0, jnp.logaddexp(stay_pnb, merged), stay_pnb)
    drop = jnp.any(match[:, :, None] & (last[:, None, None] == c[None, None, :]), axis=0)
    ext = jnp.where(drop, neg_inf, ext)
    return stay_pb, stay_pnb, ext


def _select(state, stay_pb, stay_pnb, ext, width):
    classes = ext.shape[1]
    scores = jnp.concatenate([jnp.logaddexp(stay_pb, stay_pnb), ext.reshape(-1)])
    _, idx = lax.top_k(scores, width)
    is_ext = idx >= width
    e = jnp.maximum(idx - width, 0)
    src = jnp.where(is_ext, e // classes, idx)
    label = (e % classes).astype("int32")
    labels = state["labels"][src]
    length = state["length"][src]
    pos = jnp.arange(labels.shape[1])[None, :] == length[:, None]
    new_labels = jnp.where(is_ext[:, None] & pos, label[:, None], labels)
    old_hash = state["hash"][src]
    ext_hash = old_hash * jnp.uint64(_HASH_MULT) + (label + 1).astype("uint64")
    return {
        "labels": new_labels,
        "length": length + is_ext.astype("int32"),
        "last": jnp.where(is_ext, label, state["last"][src]),
        "hash": jnp.where(is_ext, ext_hash, old_hash),
        "parent": jnp.where(is_ext, old_hash, state["parent"][src]),
        "pb": jnp.where(is_ext, -jnp.inf, stay_pb[src]),
        "pnb": jnp.where(is_ext, ext[src, label], stay_pnb[src]),
    }


def _search_one(log_probs, length, width, top_paths, merge_repeated, blank):
    steps = log_probs.shape[0]
    state = _init_state(width, steps, log_probs.dtype)

    def step(state, t):
        stay_pb, stay_pnb, ext = _candidates(state, log_probs[t], merge_repeated, blank)
        new = _select(state, stay_pb, stay_pnb, ext, width)
        keep = t < length
        return jax.tree_util.tree_map(lambda a, b: jnp.where(keep, a, b), new, state), None

    state, _ = lax.scan(step, state, jnp.arange(steps))
    scores = jnp.logaddexp(state["pb"], state["pnb"])
    best, idx = lax.top_k(scores, top_paths)
    return state["labels"][idx], best


def _beam_search(log_probs, lengths, beam_width, top_paths, merge_repeated, mask_index):
    if top_paths < 1 or beam_width < top_paths:
        raise ValueError(
            "ctc_decode: `top_paths` must be >= 1 and <= `beam_width`. "
            f"Received: top_paths={top_paths}, beam_width={beam_width}"
        )
    dtype = log_probs.dtype
    if dtype in (jnp.float16, jnp.bfloat16):
        log_probs = log_probs.astype("float32")
    search = jax.vmap(
        lambda lp, n: _search_one(lp, n, beam_width, top_paths, bool(merge_repeated), mask_index)
    )
    labels, scores = search(log_probs, lengths)
    # the scores keep the inputs' dtype, as the greedy path and the other backends do
    return jnp.transpose(labels, (1, 0, 2)), scores.astype(dtype)
