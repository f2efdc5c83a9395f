"""The tensorflow backend's CTC loss and decoding (keras_core/ops/nn_ctc.py).

``nn.py`` gathers them into ``keras_core.backend.nn``.
"""

import tensorflow as tf

from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor


def _ctc_check(op, target, output):
    if h.static_rank(op, output) != 3:
        raise ValueError(
            f"{op}: `output` must have shape (batch, time, classes). "
            f"Received: output.shape={tuple(output.shape.as_list())}"
        )
    if target is not None and h.static_rank(op, target) != 2:
        raise ValueError(
            f"{op}: `target` must have shape (batch, max_label_length). "
            f"Received: target.shape={tuple(target.shape.as_list())}"
        )


def _ctc_loss_log_space(labels, logits, label_length, logit_length, blank):
    # The CTC forward recursion in log space, for dtypes the native kernel lacks (float64).
    dtype = logits.dtype
    neg = h.cast(-1e30, dtype)
    log_probs = tf.nn.log_softmax(logits, axis=-1)
    batch, length = tf.shape(labels)[0], tf.shape(labels)[1]
    blanks = tf.fill(tf.stack([batch, length]), tf.cast(blank, labels.dtype))
    ext = tf.reshape(tf.stack([blanks, labels], axis=2), tf.stack([batch, 2 * length]))
    ext = tf.concat([ext, blanks[:, :1]], axis=1)
    positions = tf.range(2 * length + 1)
    none = tf.fill(tf.stack([batch, 2]), h.cast(-1, labels.dtype))
    prev2 = tf.concat([none, ext[:, :-2]], axis=1)
    skip = (ext != blank) & (ext != prev2) & (positions >= 2)
    emit = tf.transpose(tf.gather(log_probs, ext, axis=2, batch_dims=1), [1, 0, 2])
    alpha0 = tf.where(positions < 2, emit[0], neg)

    def step(alpha, inputs):
        e_t, t = inputs
        pad1 = tf.fill(tf.stack([batch, 1]), neg)
        a1 = tf.concat([pad1, alpha[:, :-1]], axis=1)
        a2 = tf.where(skip, tf.concat([pad1, pad1, alpha[:, :-2]], axis=1), neg)
        new = tf.reduce_logsumexp(tf.stack([alpha, a1, a2]), axis=0) + e_t
        return tf.where((t < logit_length)[:, None], new, alpha)

    steps = tf.range(1, tf.shape(emit)[0])
    alpha = tf.foldl(step, (emit[1:], steps), initializer=alpha0)
    end = 2 * label_length
    last = tf.gather(alpha, end[:, None], batch_dims=1)[:, 0]
    before = tf.gather(alpha, tf.maximum(end - 1, 0)[:, None], batch_dims=1)[:, 0]
    before = tf.where(label_length > 0, before, neg)
    return -tf.reduce_logsumexp(tf.stack([last, before]), axis=0)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    op = "ctc_loss"
    output = h.to_float(output)
    target = tf.cast(convert_to_tensor(target), "int32")
    _ctc_check(op, target, output)
    target_length = tf.cast(convert_to_tensor(target_length), "int32")
    output_length = tf.cast(convert_to_tensor(output_length), "int32")
    out_dtype = output.dtype
    if out_dtype == tf.float64:
        return _ctc_loss_log_space(target, output, target_length, output_length, mask_index)
    loss = tf.nn.ctc_loss(
        labels=target,
        logits=tf.cast(output, "float32"),
        label_length=target_length,
        logit_length=output_length,
        logits_time_major=False,
        blank_index=mask_index,
    )
    return tf.cast(loss, out_dtype)


def _dense_paths(decoded, batch, time):
    paths = []
    for sparse in decoded:
        shape = tf.cast(tf.stack([batch, time]), "int64")
        sparse = tf.SparseTensor(sparse.indices, sparse.values, shape)
        paths.append(tf.sparse.to_dense(sparse, default_value=-1))
    return tf.cast(tf.stack(paths), "int32")


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    op = "ctc_decode"
    inputs = h.to_float(inputs)
    _ctc_check(op, None, inputs)
    out_dtype = inputs.dtype
    compute = "float64" if out_dtype == tf.float64 else "float32"
    x = tf.transpose(tf.cast(inputs, compute), [1, 0, 2])
    lengths = tf.cast(convert_to_tensor(sequence_lengths), "int32")
    batch, time = tf.shape(x)[1], tf.shape(x)[0]
    if strategy == "greedy":
        decoded, neg_sum = tf.nn.ctc_greedy_decoder(
            x, lengths, merge_repeated=merge_repeated, blank_index=mask_index
        )
        return _dense_paths(decoded, batch, time), tf.cast(neg_sum, out_dtype)
    if strategy != "beam_search":
        raise ValueError(
            f"{op}: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
        )
    classes = x.shape[-1]
    if classes is None:
        raise ValueError(f"{op}: the class axis of `inputs` must be known for beam search.")
    blank = mask_index % classes if mask_index is not None else classes - 1
    order = [c for c in range(classes) if c != blank] + [blank]
    x = tf.gather(x, order, axis=-1)
    # Beam search keeps distinct labelings apart ("1 1" via a blank is not "1"), so repeated
    # labels in a beam are never merged, whatever merge_repeated says (as in Keras).
    decoded, log_probs = tf.nn.ctc_beam_search_decoder(
        x, lengths, beam_width=beam_width, top_paths=top_paths
    )
    relabel = tf.constant(order, "int64")
    decoded = [
        tf.SparseTensor(s.indices, tf.gather(relabel, s.values), s.dense_shape) for s in decoded
    ]
    paths = _dense_paths(decoded, batch, time)
    if out_dtype == tf.float64:
        # TF's beam scorer accumulates in float32; rescore the found labelings exactly.
        log_probs = tf.stack([_labeling_log_prob(inputs, p, lengths, blank) for p in paths], 1)
    return paths, tf.cast(log_probs, out_dtype)


def _labeling_log_prob(logits, path, lengths, blank):
    """log P(labeling | logits) for -1-padded labelings, by the CTC forward recursion."""
    label_length = tf.reduce_sum(tf.cast(path >= 0, "int32"), axis=1)
    labels = tf.where(path >= 0, path, tf.zeros_like(path))
    return -_ctc_loss_log_space(labels, logits, label_length, lengths, blank)
