# CTC prefix beam search for the jax backend (used by nn.ctc_decode).
#
# Every beam is a label prefix with two log probabilities: of the paths that end
# in a blank (pb) and of those that end in its last label (pnb). A step extends
# each beam by every label; an extension that equals a beam already kept (the
# beam's parent plus its last label) is merged into that beam. Prefixes are
# compared through a rolling 64-bit hash, so the search stays traceable.
import jax
import jax.numpy as jnp
from jax import lax

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


def ctc_beam_search(log_probs, lengths, beam_width, top_paths, merge_repeated, mask_index):
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
