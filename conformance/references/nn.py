"""Reference nn ops that need more than a formula: CTC by path enumeration,
sparsemax by bisection, attention by explicit loops."""

import itertools

import numpy as np
import scipy.special


def _log_softmax(x, axis=-1):
    return x - scipy.special.logsumexp(x, axis=axis, keepdims=True)


def _collapse(path, blank, merge=True):
    out, prev = [], None
    for p in path:
        if p != blank and (not merge or p != prev):
            out.append(int(p))
        prev = p
    return tuple(out)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """-log of the summed probability of every alignment (all paths enumerated)."""
    logp = _log_softmax(np.asarray(output, np.float64))
    losses = []
    for b in range(logp.shape[0]):
        steps = int(output_length[b])
        labels = tuple(int(v) for v in target[b, : int(target_length[b])])
        total = -np.inf
        for path in itertools.product(range(logp.shape[2]), repeat=steps):
            if _collapse(path, mask_index) == labels:
                total = np.logaddexp(total, sum(logp[b, t, c] for t, c in enumerate(path)))
        losses.append(-total)
    return np.array(losses)


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    """Greedy: per-step argmax, score -sum(max raw logit) (TF's neg_sum_logits);
    beam search: exact log-probabilities of the labelings (enumeration)."""
    raw = np.asarray(inputs, np.float64)
    logp = _log_softmax(raw)
    batch, steps, classes = logp.shape
    if strategy == "greedy":
        decoded = np.full((1, batch, steps), -1, np.int32)
        scores = np.zeros((batch, 1))
        for b in range(batch):
            n = int(sequence_lengths[b])
            seq = _collapse(np.argmax(logp[b, :n], -1), mask_index, merge_repeated)
            decoded[0, b, : len(seq)] = seq
            scores[b, 0] = -np.max(raw[b, :n], -1).sum()
        return decoded, scores
    decoded = np.full((top_paths, batch, steps), -1, np.int32)
    scores = np.full((batch, top_paths), -np.inf)
    for b in range(batch):
        n = int(sequence_lengths[b])
        totals = {}
        for path in itertools.product(range(classes), repeat=n):
            lab = _collapse(path, mask_index)
            lp = sum(logp[b, t, c] for t, c in enumerate(path))
            totals[lab] = np.logaddexp(totals.get(lab, -np.inf), lp)
        best = sorted(totals.items(), key=lambda kv: -kv[1])[:top_paths]
        for k, (lab, lp) in enumerate(best):
            decoded[k, b, : len(lab)] = lab
            scores[b, k] = lp
    return decoded, scores


def sparsemax(x, axis=-1):
    """Projection onto the simplex: find tau with sum(max(x - tau, 0)) = 1 by bisection."""
    x = np.moveaxis(np.asarray(x, np.float64), axis, -1)
    flat = x.reshape(-1, x.shape[-1]) if x.ndim else x.reshape(1, 1)
    out = np.zeros_like(flat)
    for i, row in enumerate(flat):
        lo, hi = row.max() - 1.0, row.max()
        for _ in range(200):
            mid = (lo + hi) / 2
            if np.maximum(row - mid, 0).sum() > 1:
                lo = mid
            else:
                hi = mid
        tau = (lo + hi) / 2
        support = row > tau
        tau = (row[support].sum() - 1) / support.sum()  # exact, given the support
        out[i] = np.maximum(row - tau, 0)
    return np.moveaxis(out.reshape(x.shape), -1, axis)


def dot_product_attention(
    query,
    key,
    value,
    bias=None,
    mask=None,
    scale=None,
    is_causal=False,
    flash_attention=None,
    attn_logits_soft_cap=None,
):
    q, k, v = (np.asarray(a, np.float64) for a in (query, key, value))
    b, t, n, h = q.shape
    s, kv = k.shape[1], k.shape[2]
    group = n // kv
    scale = 1 / np.sqrt(h) if scale is None else scale
    logits = np.zeros((b, n, t, s))
    for bb, head, i, j in itertools.product(range(b), range(n), range(t), range(s)):
        logits[bb, head, i, j] = q[bb, i, head] @ k[bb, j, head // group] * scale
    if attn_logits_soft_cap is not None:
        logits = attn_logits_soft_cap * np.tanh(logits / attn_logits_soft_cap)
    if bias is not None:
        logits = logits + np.asarray(bias, np.float64)
    keep = np.ones(logits.shape, bool)
    if mask is not None:
        keep &= np.broadcast_to(np.asarray(mask, bool), logits.shape)
    if is_causal:
        keep &= np.arange(s)[None, :] <= np.arange(t)[:, None]
    weights = np.where(
        keep, np.exp(logits - np.where(keep, logits, -np.inf).max(-1, keepdims=True)), 0.0
    )
    weights /= weights.sum(-1, keepdims=True)
    out = np.zeros((b, t, n, v.shape[-1]))
    for bb, head, i in itertools.product(range(b), range(n), range(t)):
        out[bb, i, head] = weights[bb, head, i] @ v[bb, :, head // group]
    return out
