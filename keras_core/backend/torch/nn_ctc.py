"""The torch backend's CTC ops (``ctc_loss``, ``ctc_decode``): the ops declared in
``keras_core/ops/nn_ctc.py``; ``nn.py`` gathers them.

The prefix beam search of ``ctc_decode`` is the same search as
keras_core/backend/jax/nn_ctc.py, batched instead of vmapped, so that both backends
keep the same beams and return the same paths and scores. Every beam is a label prefix
with two log probabilities: of the paths that end in a blank (pb) and of those that end
in its last label (pnb). A step extends each beam by every label; an extension that
equals a beam already kept (the beam's parent plus its last label) is merged into that
beam. Prefixes are compared through a rolling 64-bit hash (int64 here; it wraps like
jax's uint64, so the bit patterns agree).
"""

import torch
import torch.nn.functional as F

from keras_core.backend.torch.core import convert_to_tensor
from keras_core.backend.torch.op_helpers import half_to_float, to_float

UNSUPPORTED = {}


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = to_float(output)
    dtype = output.dtype
    work = output.float() if dtype in (torch.float16, torch.bfloat16) else output
    log_probs = torch.log_softmax(work, dim=-1).transpose(0, 1)
    loss = F.ctc_loss(
        log_probs,
        convert_to_tensor(target).to(torch.int64),
        convert_to_tensor(output_length).to(torch.int64),
        convert_to_tensor(target_length).to(torch.int64),
        blank=int(mask_index),
        reduction="none",
    )
    return loss.to(dtype)


def _compact_labels(labels, keep):
    # moves the kept labels of each row to the front, padding with -1
    order = torch.argsort((~keep).to(torch.int8), dim=1, stable=True)
    labels = torch.gather(labels, 1, order)
    kept = torch.gather(keep, 1, order)
    return torch.where(kept, labels, -1)


def _ctc_greedy(logits, lengths, merge_repeated, mask_index):
    # like Keras (and TensorFlow's greedy decoder) the score is minus the sum of the largest
    # raw logit of each step
    steps = logits.shape[1]
    top, best = torch.max(logits, dim=-1)
    best = best.to(torch.int32)
    lengths = lengths.to(logits.device)
    in_seq = torch.arange(steps, device=logits.device)[None, :] < lengths[:, None]
    keep = in_seq & (best != mask_index)
    if merge_repeated:
        prev = torch.cat([torch.full_like(best[:, :1], -1), best[:, :-1]], dim=1)
        keep = keep & (best != prev)
    decoded = _compact_labels(best, keep)
    scores = -torch.sum(torch.where(in_seq, top, torch.zeros_like(top)), dim=1, keepdim=True)
    return decoded[None], scores.to(logits.dtype)


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
    lengths = convert_to_tensor(sequence_lengths).to(torch.int32).reshape(-1)
    mask_index = inputs.shape[-1] - 1 if mask_index is None else int(mask_index)
    if strategy == "greedy":
        return _ctc_greedy(inputs, lengths, merge_repeated, mask_index)
    if strategy == "beam_search":
        log_probs = torch.log_softmax(half_to_float(inputs), dim=-1)
        paths, scores = _ctc_beam_search(
            log_probs, lengths, int(beam_width), int(top_paths), merge_repeated, mask_index
        )
        return paths, scores.to(inputs.dtype)
    raise ValueError(
        f"ctc_decode: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
    )


_HASH_START = 1469598103934665603
_HASH_MULT = 1099511628211


def _init_state(batch, width, steps, dtype, device):
    pb = torch.full((batch, width), -torch.inf, dtype=dtype, device=device)
    pb[:, 0] = 0
    return {
        "labels": torch.full((batch, width, steps), -1, dtype=torch.int32, device=device),
        "length": torch.zeros((batch, width), dtype=torch.int32, device=device),
        "last": torch.full((batch, width), -1, dtype=torch.int32, device=device),
        "hash": torch.full((batch, width), _HASH_START, dtype=torch.int64, device=device),
        "parent": torch.zeros((batch, width), dtype=torch.int64, device=device),
        "pb": pb,
        "pnb": torch.full((batch, width), -torch.inf, dtype=dtype, device=device),
    }


def _candidates(state, y, merge_repeated, blank):
    # y: (batch, classes) log probabilities of one step
    batch, classes = y.shape
    width = state["pb"].shape[1]
    neg_inf = torch.tensor(-torch.inf, dtype=y.dtype, device=y.device)
    pb, pnb, last, length = state["pb"], state["pnb"], state["last"], state["length"]
    total = torch.logaddexp(pb, pnb)
    safe_last = torch.clamp(last, min=0).long()
    stay_pb = total + y[:, blank][:, None]
    if merge_repeated:
        stay_pnb = torch.where(length > 0, pnb + torch.gather(y, 1, safe_last), neg_inf)
    else:
        stay_pnb = torch.full_like(pnb, -torch.inf)
    c = torch.arange(classes, device=y.device)
    repeat = (c[None, None, :] == last[:, :, None]) & merge_repeated
    ext = torch.where(repeat, pb[:, :, None], total[:, :, None]) + y[:, None, :]
    ext = torch.where(c[None, None, :] == blank, neg_inf, ext)
    # match[b, j, i]: beam j is beam i extended by j's last label
    match = (state["parent"][:, :, None] == state["hash"][:, None, :]) & (length[:, :, None] > 0)
    match = match & (total[:, None, :] > neg_inf)
    # ext_at_last[b, j, i] = ext[b, i, last[b, j]]
    ext_at_last = torch.gather(ext, 2, safe_last[:, None, :].expand(batch, width, width))
    ext_at_last = ext_at_last.transpose(1, 2)
    merged = torch.max(torch.where(match, ext_at_last, neg_inf), dim=2).values
    count = torch.sum(match, dim=2)
    stay_pnb = torch.where(count > 0, torch.logaddexp(stay_pnb, merged), stay_pnb)
    # drop[b, i, c]: some kept beam j is beam i extended by label c
    drop = torch.any(match[:, :, :, None] & (last[:, :, None, None] == c), dim=1)
    ext = torch.where(drop, neg_inf, ext)
    return stay_pb, stay_pnb, ext


def _top_k(scores, k):
    # like lax.top_k: the largest first, ties in index order
    values, idx = torch.sort(scores, dim=-1, descending=True, stable=True)
    return values[..., :k], idx[..., :k]


def _select(state, stay_pb, stay_pnb, ext, width):
    batch, _, classes = ext.shape
    scores = torch.cat([torch.logaddexp(stay_pb, stay_pnb), ext.reshape(batch, -1)], dim=1)
    _, idx = _top_k(scores, width)
    is_ext = idx >= width
    e = torch.clamp(idx - width, min=0)
    src = torch.where(is_ext, e // classes, idx)
    label = (e % classes).to(torch.int32)

    def take(a):
        return torch.gather(a, 1, src)

    labels = torch.gather(
        state["labels"], 1, src[:, :, None].expand(-1, -1, state["labels"].shape[2])
    )
    length = take(state["length"])
    pos = torch.arange(labels.shape[2], device=labels.device)[None, None, :] == length[:, :, None]
    new_labels = torch.where(is_ext[:, :, None] & pos, label[:, :, None], labels)
    old_hash = take(state["hash"])
    ext_hash = old_hash * _HASH_MULT + (label + 1).to(torch.int64)
    ext_score = torch.gather(ext.reshape(batch, -1), 1, src * classes + label.long())
    return {
        "labels": new_labels,
        "length": length + is_ext.to(torch.int32),
        "last": torch.where(is_ext, label, take(state["last"])),
        "hash": torch.where(is_ext, ext_hash, old_hash),
        "parent": torch.where(is_ext, old_hash, take(state["parent"])),
        "pb": torch.where(is_ext, -torch.inf, take(stay_pb)),
        "pnb": torch.where(is_ext, ext_score, take(stay_pnb)),
    }


def _ctc_beam_search(log_probs, lengths, beam_width, top_paths, merge_repeated, mask_index):
    """log_probs: (batch, time, classes); returns int32 paths (top_paths, batch, time), -1
    padded, and their log probabilities (batch, top_paths), as the jax backend does."""
    if top_paths < 1 or beam_width < top_paths:
        raise ValueError(
            "ctc_decode: `top_paths` must be >= 1 and <= `beam_width`. "
            f"Received: top_paths={top_paths}, beam_width={beam_width}"
        )
    if log_probs.dtype in (torch.float16, torch.bfloat16):
        log_probs = log_probs.float()
    batch, steps, _ = log_probs.shape
    lengths = lengths.to(device=log_probs.device, dtype=torch.int64)
    merge_repeated = bool(merge_repeated)
    state = _init_state(batch, beam_width, steps, log_probs.dtype, log_probs.device)
    for t in range(steps):
        active = t < lengths
        if not bool(torch.any(active)):
            break
        stay_pb, stay_pnb, ext = _candidates(state, log_probs[:, t], merge_repeated, mask_index)
        new = _select(state, stay_pb, stay_pnb, ext, beam_width)
        for key, value in new.items():
            keep = active.reshape((batch,) + (1,) * (value.ndim - 1))
            state[key] = torch.where(keep, value, state[key])
    scores = torch.logaddexp(state["pb"], state["pnb"])
    best, idx = _top_k(scores, top_paths)
    labels = torch.gather(state["labels"], 1, idx[:, :, None].expand(-1, -1, steps))
    return labels.transpose(0, 1).contiguous(), best
