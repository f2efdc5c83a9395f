"""The numpy backend's CTC ops (``ctc_loss``, ``ctc_decode``): the ops declared in
``keras_core/ops/nn_ctc.py``; ``nn.py`` gathers them.
"""

import numpy as np

from keras_core.backend.numpy.core import convert_to_tensor
from keras_core.backend.numpy.op_helpers import as_result, float_work

UNSUPPORTED = {}


def _log_softmax_last(x):
    m = np.max(x, axis=-1, keepdims=True)
    return x - m - np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))


def _ctc_one(logp, labels, blank):
    ext = [blank]
    for lab in labels:
        ext += [int(lab), blank]
    s = len(ext)
    alpha = np.full(s, -np.inf)
    alpha[0] = logp[0, blank]
    if s > 1:
        alpha[1] = logp[0, ext[1]]
    for t in range(1, logp.shape[0]):
        new = np.full(s, -np.inf)
        for i in range(s):
            terms = [alpha[i]]
            if i >= 1:
                terms.append(alpha[i - 1])
            if i >= 2 and ext[i] != blank and ext[i] != ext[i - 2]:
                terms.append(alpha[i - 2])
            new[i] = np.logaddexp.reduce(terms) + logp[t, ext[i]]
        alpha = new
    return -np.logaddexp.reduce(alpha[-2:] if s > 1 else alpha[-1:])


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    target = convert_to_tensor(target)
    (o,), dtype = float_work(output)
    o = o.astype(np.float64)
    tl = convert_to_tensor(target_length).reshape(-1)
    ol = convert_to_tensor(output_length).reshape(-1)
    logp = _log_softmax_last(o)
    losses = [
        _ctc_one(logp[b, : int(ol[b])], target[b, : int(tl[b])], mask_index)
        for b in range(o.shape[0])
    ]
    return as_result(np.array(losses), dtype)


def _collapse(path, blank, merge_repeated=True):
    out, prev = [], None
    for p in path:
        if p != blank and (not merge_repeated or p != prev):
            out.append(int(p))
        prev = p
    return out


def _add_beam(beams, prefix, pb, pnb):
    ob, onb = beams.get(prefix, (-np.inf, -np.inf))
    beams[prefix] = (np.logaddexp(ob, pb), np.logaddexp(onb, pnb))


def _beam_search(logp, beam_width, top_paths, blank):
    # Prefix beam search: each prefix keeps (log p ending in blank, log p ending in a label).
    beams = {(): (0.0, -np.inf)}
    for t in range(logp.shape[0]):
        nxt = {}
        for prefix, (pb, pnb) in beams.items():
            total = np.logaddexp(pb, pnb)
            for c in range(logp.shape[1]):
                lp = logp[t, c]
                if c == blank:
                    _add_beam(nxt, prefix, total + lp, -np.inf)
                    continue
                if prefix and prefix[-1] == c:
                    _add_beam(nxt, prefix + (c,), -np.inf, pb + lp)
                    _add_beam(nxt, prefix, -np.inf, pnb + lp)
                else:
                    _add_beam(nxt, prefix + (c,), -np.inf, total + lp)
        ranked = sorted(nxt.items(), key=lambda kv: -np.logaddexp(*kv[1]))
        beams = dict(ranked[:beam_width])
    ranked = sorted(beams.items(), key=lambda kv: -np.logaddexp(*kv[1]))[:top_paths]
    return [(list(p), float(np.logaddexp(*v))) for p, v in ranked]


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    (x,), dtype = float_work(inputs)
    logp = _log_softmax_last(x.astype(np.float64))
    lengths = convert_to_tensor(sequence_lengths).reshape(-1)
    batch, steps, _ = logp.shape
    if strategy == "greedy":
        decoded = np.full((1, batch, steps), -1, dtype=np.int32)
        scores = np.zeros((batch, 1))
        for b in range(batch):
            n = int(lengths[b])
            best = np.argmax(logp[b, :n], axis=-1)
            seq = _collapse(best, mask_index, merge_repeated)
            decoded[0, b, : len(seq)] = seq
            scores[b, 0] = -np.sum(np.max(x[b, :n], axis=-1))
        return decoded, as_result(scores, dtype)
    decoded = np.full((top_paths, batch, steps), -1, dtype=np.int32)
    scores = np.full((batch, top_paths), -np.inf)
    for b in range(batch):
        n = int(lengths[b])
        for k, (seq, score) in enumerate(
            _beam_search(logp[b, :n], beam_width, top_paths, mask_index)
        ):
            decoded[k, b, : len(seq)] = seq
            scores[b, k] = score
    return decoded, as_result(scores, dtype)
