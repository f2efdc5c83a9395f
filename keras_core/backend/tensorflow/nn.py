"""The tensorflow backend's nn functions (see keras_core/backend/README.md).

Holds the ops declared in keras_core/ops/nn.py (encodings, losses, normalization,
attention); at its end it gathers the activations, convolutions and CTC ops of
``nn_activations``, ``nn_conv`` and ``nn_ctc`` into the same namespace.
"""

import math

import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.exports import export_ops
from keras_core.backend.tensorflow import nn_activations, nn_conv, nn_ctc
from keras_core.backend.tensorflow import op_helpers as h
from keras_core.backend.tensorflow.core import convert_to_tensor

UNSUPPORTED = {
    "dot_product_attention(flash_attention=True)": (
        "TensorFlow has no flash-attention kernel; call dot_product_attention with "
        "flash_attention=None or False (the same result, computed without it)"
    ),
}


def _index_tensor(x):
    x = convert_to_tensor(x)
    if x.dtype not in (tf.int32, tf.int64):
        x = tf.cast(x, "int64" if x.dtype in (tf.uint32, tf.uint64) else "int32")
    return x


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    x = _index_tensor(x)
    dtype = standardize_dtype(dtype) if dtype is not None else config.floatx()
    rank = h.static_rank("one_hot", x)
    axis = h.canonical_axis("one_hot", axis, rank + 1)
    if dtype == "bool":
        out = tf.one_hot(x, num_classes, on_value=True, off_value=False, axis=axis, dtype="bool")
    else:
        out = tf.one_hot(x, num_classes, axis=axis, dtype=dtype)
    return tf.sparse.from_dense(out) if sparse else out


def multi_hot(inputs, num_tokens=None, axis=-1, dtype=None, sparse=False, num_classes=None):
    both = num_tokens is not None and num_classes is not None and num_tokens != num_classes
    if both or (num_tokens is None and num_classes is None):
        raise ValueError(
            "multi_hot: give the number of classes once, as `num_classes` (or the legacy "
            f"`num_tokens`). Received: num_classes={num_classes!r}, num_tokens={num_tokens!r}"
        )
    depth = num_classes if num_classes is not None else num_tokens
    x = _index_tensor(inputs)
    rank = h.static_rank("multi_hot", x)
    if rank == 0:
        x, rank = x[None], 1
    # The last axis holds each sample's ids; it is replaced by the class axis, placed at
    # `axis` of the result (which has the rank of `inputs`), as keras_core.ops documents.
    axis = h.canonical_axis("multi_hot", axis, rank)
    encoded = one_hot(x, depth, axis=-1, dtype=dtype)
    if encoded.dtype == tf.bool:
        out = tf.reduce_any(encoded, axis=-2)
    else:
        out = tf.reduce_max(encoded, axis=-2)
    out = h.move_axis(out, -1, axis)
    return tf.sparse.from_dense(out) if sparse else out


def _loss_inputs(target, output):
    target, output = convert_to_tensor(target), convert_to_tensor(output)
    dtype = dtype_rules.float_dtype(target, output)
    return tf.cast(target, dtype), tf.cast(output, dtype)


def _clip_probs(p):
    eps = config.epsilon()
    return tf.clip_by_value(p, h.cast(eps, p.dtype), h.cast(1 - eps, p.dtype))


def binary_crossentropy(target, output, from_logits=False):
    target, output = _loss_inputs(target, output)
    h.check_shapes_equal("binary_crossentropy", target, output, "target", "output")
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    dtype = output.dtype
    if dtype in (tf.float16, tf.bfloat16):
        # 1 - epsilon rounds to 1 in half precision: clamp and take the logs in float32.
        target, output = tf.cast(target, tf.float32), tf.cast(output, tf.float32)
    output = _clip_probs(output)
    loss = -(target * tf.math.log(output) + (1 - target) * tf.math.log(1 - output))
    return tf.cast(loss, dtype)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _loss_inputs(target, output)
    h.check_shapes_equal("categorical_crossentropy", target, output, "target", "output")
    axis = h.canonical_axis(
        "categorical_crossentropy", axis, h.static_rank("categorical_crossentropy", output)
    )
    if from_logits:
        return -tf.reduce_sum(target * tf.nn.log_softmax(output, axis=axis), axis=axis)
    output = _clip_probs(output / tf.reduce_sum(output, axis=axis, keepdims=True))
    return -tf.reduce_sum(target * tf.math.log(output), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    op = "sparse_categorical_crossentropy"
    output = h.to_float(output)
    target = _index_tensor(target)
    rank = h.static_rank(op, output)
    output = h.move_axis(output, h.canonical_axis(op, axis, rank), -1)
    if target.shape.rank == rank and target.shape[-1] == 1:
        target = tf.squeeze(target, -1)
    expected = output.shape[:-1]
    if target.shape.rank != rank - 1 or not target.shape.is_compatible_with(expected):
        raise ValueError(
            f"{op}: `target` must have the shape of `output` without the class axis. Received: "
            f"target.shape={tuple(target.shape.as_list())}, "
            f"output.shape={tuple(output.shape.as_list())}"
        )
    if from_logits:
        log_probs = tf.nn.log_softmax(output, axis=-1)
    else:
        output = _clip_probs(output / tf.reduce_sum(output, axis=-1, keepdims=True))
        log_probs = tf.math.log(output)
    classes = tf.shape(output, out_type=target.dtype)[-1]
    valid = (target >= 0) & (target < classes)
    safe = tf.where(valid, target, tf.zeros_like(target))
    picked = tf.gather(log_probs, safe[..., None], batch_dims=rank - 1)[..., 0]
    return tf.where(valid, -picked, tf.zeros_like(picked))


def _moments_sync(x, axes):
    ctx = tf.distribute.get_replica_context()
    local_sum = tf.reduce_sum(x, axis=axes, keepdims=True)
    local_sq = tf.reduce_sum(tf.square(x), axis=axes, keepdims=True)
    count = tf.cast(tf.reduce_prod([tf.shape(x)[a] for a in axes]), x.dtype)
    total, total_sq, total_count = ctx.all_reduce(
        tf.distribute.ReduceOp.SUM, [local_sum, local_sq, count]
    )
    mean = total / total_count
    return mean, tf.maximum(total_sq / total_count - tf.square(mean), 0)


def moments(x, axes, keepdims=False, synchronized=False):
    x = h.to_float(x)
    out_dtype = x.dtype
    x = h.upcast_half(x)
    axes = h.canonical_axes("moments", axes, h.static_rank("moments", x), "axes")
    replica = tf.distribute.has_strategy() and not tf.distribute.in_cross_replica_context()
    if synchronized and replica:
        mean, var = _moments_sync(x, axes)
    else:
        mean = tf.reduce_mean(x, axis=axes, keepdims=True)
        var = tf.reduce_mean(tf.square(x - mean), axis=axes, keepdims=True)
    if not keepdims:
        mean, var = tf.squeeze(mean, axes), tf.squeeze(var, axes)
    return tf.cast(mean, out_dtype), tf.cast(var, out_dtype)


def _param_for_axes(p, x, axes, dtype):
    """Reshapes a parameter of the normalized axes' sizes so it broadcasts against ``x``."""
    p = tf.cast(convert_to_tensor(p), dtype)
    rank = x.shape.rank
    if p.shape.rank is not None and 0 < p.shape.rank < rank and p.shape.rank <= len(axes):
        shape = [1] * rank
        for a in axes:
            shape[a] = h.dim(x, a)
        p = tf.reshape(p, tf.stack(shape) if any(tf.is_tensor(s) for s in shape) else shape)
    return p


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = h.to_float(x)
    axis = h.canonical_axis("batch_normalization", axis, h.static_rank("batch_normalization", x))
    mean = _param_for_axes(mean, x, (axis,), x.dtype)
    inv = tf.math.rsqrt(_param_for_axes(variance, x, (axis,), x.dtype) + epsilon)
    if scale is not None:
        inv = inv * _param_for_axes(scale, x, (axis,), x.dtype)
    out = (x - mean) * inv
    if offset is not None:
        out = out + _param_for_axes(offset, x, (axis,), x.dtype)
    return out


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    rms_scaling = kwargs.pop("rms_scaling", False)
    if kwargs:
        raise TypeError(f"layer_normalization: unexpected arguments {sorted(kwargs)}.")
    x = h.to_float(x)
    out_dtype = x.dtype
    eps = config.epsilon() if epsilon is None else epsilon
    axes = h.canonical_axes("layer_normalization", axis, h.static_rank("layer_normalization", x))
    x = h.upcast_half(x)
    if rms_scaling:
        out = x * tf.math.rsqrt(tf.reduce_mean(tf.square(x), axis=axes, keepdims=True) + eps)
    else:
        mean = tf.reduce_mean(x, axis=axes, keepdims=True)
        var = tf.reduce_mean(tf.square(x - mean), axis=axes, keepdims=True)
        out = (x - mean) * tf.math.rsqrt(var + eps)
    if gamma is not None:
        out = out * _param_for_axes(gamma, x, axes, x.dtype)
    if beta is not None and not rms_scaling:
        out = out + _param_for_axes(beta, x, axes, x.dtype)
    return tf.cast(out, out_dtype)


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = h.to_float(x)
    out_dtype = x.dtype
    eps = config.epsilon() if epsilon is None else epsilon
    axes = h.canonical_axes("rms_normalization", axis, h.static_rank("rms_normalization", x))
    x = h.upcast_half(x)
    out = x * tf.math.rsqrt(tf.reduce_mean(tf.square(x), axis=axes, keepdims=True) + eps)
    if scale is not None:
        out = out * _param_for_axes(scale, x, axes, x.dtype)
    return tf.cast(out, out_dtype)


def normalize(x, axis=-1, order=2, epsilon=None):
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        raise ValueError(f"normalize: `order` must be an int >= 1. Received: order={order!r}")
    x = h.to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    axes = h.canonical_axes("normalize", axis, h.static_rank("normalize", x))
    if order == 1:
        norm = tf.reduce_sum(tf.abs(x), axis=axes, keepdims=True)
    elif order == 2:
        norm = tf.sqrt(tf.reduce_sum(tf.square(x), axis=axes, keepdims=True))
    else:
        norm = tf.reduce_sum(tf.abs(x) ** order, axis=axes, keepdims=True) ** (1.0 / order)
    return x / tf.maximum(norm, h.cast(eps, x.dtype))


def _attention_inputs(query, key, value):
    q, k, v = h.floats(query, key, value)
    ranks = {t.shape.rank for t in (q, k, v)}
    if len(ranks) != 1 or ranks.pop() not in (3, 4):
        raise ValueError(
            "dot_product_attention: `query`, `key` and `value` must all have rank 3 or 4 "
            "((batch,) sequence, heads, head_dim). Received: "
            f"query.shape={tuple(q.shape.as_list())}, key.shape={tuple(k.shape.as_list())}, "
            f"value.shape={tuple(v.shape.as_list())}"
        )
    return q, k, v


def _repeat_heads(q, k, v):
    n, kh = q.shape[-2], k.shape[-2]
    if n == kh or n is None or kh is None:
        return k, v
    if n % kh:
        raise ValueError(
            "dot_product_attention: the number of query heads must be a multiple of the number of "
            f"key heads. Received: query.shape={tuple(q.shape.as_list())}, "
            f"key.shape={tuple(k.shape.as_list())}"
        )
    return tf.repeat(k, n // kh, axis=-2), tf.repeat(v, n // kh, axis=-2)


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
    if flash_attention:
        raise NotImplementedError(
            "dot_product_attention(flash_attention=True) is not supported by the tensorflow "
            "backend: TensorFlow has no flash-attention kernel; use flash_attention=None"
        )
    q, k, v = _attention_inputs(query, key, value)
    out_dtype = q.dtype
    unbatched = q.shape.rank == 3
    if unbatched:
        q, k, v = q[None], k[None], v[None]
    k, v = _repeat_heads(q, k, v)
    q, k, v = h.upcast_half(q), h.upcast_half(k), h.upcast_half(v)
    if scale is None:
        scale = tf.math.rsqrt(tf.cast(h.dim(q, -1), q.dtype))
    logits = tf.einsum("btnh,bsnh->bnts", q, k) * h.cast(scale, q.dtype)
    if attn_logits_soft_cap is not None:
        cap = h.cast(attn_logits_soft_cap, q.dtype)
        logits = cap * tf.tanh(logits / cap)
    if bias is not None:
        logits = logits + tf.cast(convert_to_tensor(bias), q.dtype)
    keep = None if mask is None else tf.cast(convert_to_tensor(mask), "bool")
    if is_causal:
        t, s = tf.shape(logits)[-2], tf.shape(logits)[-1]
        causal = tf.linalg.band_part(tf.ones(tf.stack([t, s]), "bool"), -1, 0)
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = tf.where(keep, logits, h.cast(-0.7 * q.dtype.max, q.dtype))
    probs = tf.nn.softmax(logits, axis=-1)
    out = tf.einsum("bnts,bsnh->btnh", probs, v)
    if unbatched:
        out = out[0]
    return tf.cast(out, out_dtype)


def polar(abs_, angle):
    abs_, angle = h.floats(abs_, angle)
    compute = h.compute_dtype(abs_.dtype)
    abs_, angle = tf.cast(abs_, compute), tf.cast(angle, compute)
    return tf.complex(abs_ * tf.cos(angle), abs_ * tf.sin(angle))


def psnr(x1, x2, max_val):
    x1, x2 = h.floats(x1, x2)
    h.check_shapes_equal("psnr", x1, x2, "x1", "x2")
    max_val = h.cast(max_val, x1.dtype)
    mse = tf.reduce_mean(tf.square(x1 - x2))
    log10 = h.cast(math.log(10.0), x1.dtype)
    return 20 * tf.math.log(max_val) / log10 - 10 * tf.math.log(mse) / log10


UNSUPPORTED = export_ops(globals(), nn_activations, nn_conv, nn_ctc)
