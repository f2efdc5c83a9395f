"""NumPy reference of ReversibleEmbedding, in float64.

``call(ids)`` looks rows up in ``embeddings`` ``(input_dim, output_dim)``;
``call(x, reverse=True)`` projects ``(..., output_dim)`` vectors to
``(..., input_dim)`` logits with ``embeddings.T`` (``tie_weights=True``, the
default) or the separate ``reverse_embeddings`` ``(output_dim, input_dim)``,
then ``tanh(logits / cap) * cap`` when ``logit_soft_cap`` is set.
"""

import numpy as np


def _weights(config, input_shapes):
    vocab, dim = int(config["input_dim"]), int(config["output_dim"])
    out = [("embeddings", (vocab, dim))]
    if not config.get("tie_weights", True):
        out.append(("reverse_embeddings", (dim, vocab)))
    return out


def _call(config, weights, inputs, reverse=False, **_):
    embeddings = np.asarray(weights[0], np.float64)
    x = np.asarray(inputs[0])
    if not reverse:
        return embeddings[x.astype(np.int64)]
    kernel = embeddings.T if config.get("tie_weights", True) else np.asarray(weights[1], np.float64)
    logits = x.astype(np.float64) @ kernel
    cap = config.get("logit_soft_cap")
    if cap is not None:
        logits = np.tanh(logits / cap) * cap
    return logits


REFERENCES = {"ReversibleEmbedding": {"weights": _weights, "call": _call}}
