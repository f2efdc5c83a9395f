# The jax backend's nn functions (see keras_core/backend/README.md).
import math

import jax
import jax.numpy as jnp
from jax import lax

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.nn_conv import (  # noqa: F401
    adaptive_average_pool,
    adaptive_max_pool,
    average_pool,
    conv,
    conv_transpose,
    depth_to_space,
    depthwise_conv,
    fold,
    max_pool,
    separable_conv,
    space_to_depth,
    unfold,
)

UNSUPPORTED = {}


def _float(x, *others):
    x = convert_to_tensor(x)
    d = dtype_rules.float_dtype(x, *others)
    return x if x.dtype == d else x.astype(d)


def _axes(axis, ndim, op):
    items = axis if isinstance(axis, (list, tuple)) else (axis,)
    out = []
    for a in items:
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError(
                f"{op}: `axis` must be an int or a tuple of ints. Received: axis={axis!r}"
            )
        if not -ndim <= a < max(ndim, 1):
            raise ValueError(f"{op}: `axis`={axis} is out of range for a tensor of rank {ndim}.")
        out.append(a % ndim if ndim else 0)
    return tuple(out)


# ---------------------------------------------------------------------------
# activations


def _unary(x):
    # relu and relu6 keep integer dtypes (bool becomes int32), like arithmetic
    x = convert_to_tensor(x)
    d = dtype_rules.arithmetic_unary_dtype(x)
    return x if x.dtype == d else x.astype(d)


def relu(x):
    x = _unary(x)
    return jnp.maximum(x, jnp.zeros((), x.dtype))


def relu6(x):
    x = _unary(x)
    return jnp.clip(x, jnp.zeros((), x.dtype), jnp.full((), 6, x.dtype))


def sigmoid(x):
    return jax.nn.sigmoid(_float(x))


def sparse_sigmoid(x):
    x = _float(x)
    return jnp.clip(0.5 * (x + 1), 0, 1)


def softplus(x):
    return jnp.logaddexp(_float(x), 0)


def softsign(x):
    x = _float(x)
    return x / (1 + jnp.abs(x))


def silu(x):
    x = _float(x)
    return x * jax.nn.sigmoid(x)


swish = silu


def log_sigmoid(x):
    return -jnp.logaddexp(-_float(x), 0)


def leaky_relu(x, negative_slope=0.2):
    x = _float(x)
    return jnp.where(x >= 0, x, negative_slope * x)


def hard_sigmoid(x):
    x = _float(x)
    return jnp.clip(x + 3, 0, 6) / 6


def hard_silu(x):
    x = _float(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def elu(x, alpha=1.0):
    x = _float(x)
    return jnp.where(x > 0, x, alpha * jnp.expm1(jnp.minimum(x, 0)))


def selu(x):
    x = _float(x)
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    return scale * jnp.where(x > 0, x, alpha * jnp.expm1(jnp.minimum(x, 0)))


def gelu(x, approximate=True):
    x = _float(x)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + jnp.tanh(inner))
    return 0.5 * x * (1 + lax.erf(x / math.sqrt(2)))


def celu(x, alpha=1.0):
    x = _float(x)
    return jnp.maximum(x, 0) + jnp.minimum(0, alpha * jnp.expm1(jnp.minimum(x, 0) / alpha))


def glu(x, axis=-1):
    x = _float(x)
    (axis,) = _axes(axis, x.ndim, "glu")
    if x.shape[axis] % 2:
        raise ValueError(
            f"glu: the size of `axis` {axis} must be even. Received: x.shape={tuple(x.shape)}"
        )
    a, b = jnp.split(x, 2, axis=axis)
    return a * jax.nn.sigmoid(b)


def sparse_plus(x):
    x = _float(x)
    return jnp.where(x <= -1, 0, jnp.where(x >= 1, x, (x + 1) ** 2 / 4))


def squareplus(x, b=4):
    x = _float(x)
    return (x + jnp.sqrt(x * x + b)) / 2


def soft_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(x > threshold, x - threshold, jnp.where(x < -threshold, x + threshold, 0))


def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(jnp.abs(x) > threshold, x, 0)


def tanh_shrink(x):
    x = _float(x)
    return x - jnp.tanh(x)


def hard_tanh(x):
    return jnp.clip(_float(x), -1, 1)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    d = dtype_rules.binary_dtype(x, default_value)
    return jnp.where(x > threshold, x.astype(d), jnp.asarray(default_value, dtype=d))


def softmax(x, axis=-1):
    x = _float(x)
    axis = _axes(axis, x.ndim, "softmax") if axis is not None else None
    return jax.nn.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    x = _float(x)
    axis = _axes(axis, x.ndim, "log_softmax") if axis is not None else None
    return jax.nn.log_softmax(x, axis=axis)


def sparsemax(x, axis=-1):
    x = _float(x)
    (axis,) = _axes(axis, x.ndim, "sparsemax")
    z = jnp.moveaxis(x, axis, -1)
    z_sorted = -jnp.sort(-z, axis=-1)
    k = jnp.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cumsum = jnp.cumsum(z_sorted, axis=-1)
    support = (1 + k * z_sorted) > cumsum
    k_z = jnp.sum(support, axis=-1, keepdims=True).astype(z.dtype)
    tau_sum = jnp.sum(jnp.where(support, z_sorted, 0), axis=-1, keepdims=True)
    tau = (tau_sum - 1) / k_z
    return jnp.moveaxis(jnp.maximum(z - tau, 0), -1, axis)


# ---------------------------------------------------------------------------
# encodings


def _check_sparse(sparse, op):
    if sparse:
        raise ValueError(
            f"{op}: the jax backend does not support sparse tensors. Received: sparse=True"
        )


def _indices(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.integer) else x.astype("int32")


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    _check_sparse(sparse, "one_hot")
    x = _indices(x)
    dtype = standardize_dtype(dtype)
    (axis,) = _axes(axis, x.ndim + 1, "one_hot")
    return jax.nn.one_hot(x, int(num_classes), dtype=dtype, axis=axis)


def multi_hot(inputs, num_tokens=None, axis=-1, dtype=None, sparse=False, num_classes=None):
    _check_sparse(sparse, "multi_hot")
    if num_classes is None:
        num_classes = num_tokens
    if num_classes is None:
        raise ValueError("multi_hot: `num_classes` (or `num_tokens`) must be given.")
    x = _indices(inputs)
    dtype = standardize_dtype(dtype)
    # the last axis (the ids of one sample) becomes a class axis placed at `axis`
    (axis,) = _axes(axis, max(x.ndim, 1), "multi_hot")
    hot = jax.nn.one_hot(x, int(num_classes), dtype=dtype, axis=-1)
    hot = jnp.max(hot, axis=-2) if x.ndim >= 1 else hot
    return jnp.moveaxis(hot, -1, axis)


# ---------------------------------------------------------------------------
# losses


def _same_shape(target, output, op):
    if target.shape != output.shape:
        raise ValueError(
            f"{op}: `target` and `output` must have the same shape. Received: "
            f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}"
        )


def binary_crossentropy(target, output, from_logits=False):
    target, output = convert_to_tensor(target), convert_to_tensor(output)
    dtype = dtype_rules.float_dtype(target, output)
    target, output = target.astype(dtype), output.astype(dtype)
    _same_shape(target, output, "binary_crossentropy")
    if from_logits:
        return jnp.maximum(output, 0) - output * target + jnp.log1p(jnp.exp(-jnp.abs(output)))
    eps = config.epsilon()
    output = jnp.clip(output, eps, 1 - eps)
    return -(target * jnp.log(output) + (1 - target) * jnp.log(1 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = convert_to_tensor(target), convert_to_tensor(output)
    dtype = dtype_rules.float_dtype(target, output)
    target, output = target.astype(dtype), output.astype(dtype)
    _same_shape(target, output, "categorical_crossentropy")
    if output.ndim < 1:
        raise ValueError("categorical_crossentropy: `output` must have rank >= 1.")
    (axis,) = _axes(axis, output.ndim, "categorical_crossentropy")
    if from_logits:
        log_prob = jax.nn.log_softmax(output, axis=axis)
    else:
        output = output / jnp.sum(output, axis=axis, keepdims=True)
        eps = config.epsilon()
        log_prob = jnp.log(jnp.clip(output, eps, 1 - eps))
    return -jnp.sum(target * log_prob, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = convert_to_tensor(target), _float(output)
    if output.ndim < 1:
        raise ValueError("sparse_categorical_crossentropy: `output` must have rank >= 1.")
    (axis,) = _axes(axis, output.ndim, "sparse_categorical_crossentropy")
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, axis=-1)
    expected = output.shape[:axis] + output.shape[axis + 1 :]
    if target.shape != expected:
        raise ValueError(
            "sparse_categorical_crossentropy: `target` must have the shape of `output` "
            f"without the class axis, {expected}. Received: target.shape="
            f"{tuple(target.shape)}, output.shape={tuple(output.shape)}"
        )
    if from_logits:
        log_prob = jax.nn.log_softmax(output, axis=axis)
    else:
        output = output / jnp.sum(output, axis=axis, keepdims=True)
        eps = config.epsilon()
        log_prob = jnp.log(jnp.clip(output, eps, 1 - eps))
    hot = jax.nn.one_hot(target.astype("int32"), output.shape[axis], dtype=output.dtype, axis=axis)
    return -jnp.sum(hot * log_prob, axis=axis)


# ---------------------------------------------------------------------------
# normalization and statistics


def moments(x, axes, keepdims=False, synchronized=False):
    x = convert_to_tensor(x)
    axes = _axes(axes, x.ndim, "moments")
    out_dtype = dtype_rules.float_dtype(x)
    compute = "float32" if out_dtype in ("float16", "bfloat16") else out_dtype
    x = x.astype(compute)
    mean = jnp.mean(x, axis=axes, keepdims=True)
    variance = jnp.mean(jnp.square(x - mean), axis=axes, keepdims=True)
    if not keepdims:
        mean, variance = jnp.squeeze(mean, axes), jnp.squeeze(variance, axes)
    return mean.astype(out_dtype), variance.astype(out_dtype)


def _along_axis(v, x, axis):
    if v is None:
        return None
    v = convert_to_tensor(v).astype(x.dtype)
    if v.ndim == 1 and x.ndim > 1:
        shape = [1] * x.ndim
        shape[axis] = v.shape[0]
        return v.reshape(shape)
    return v


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = _float(x, *(v for v in (mean, variance, offset, scale) if v is not None))
    (axis,) = _axes(axis, x.ndim, "batch_normalization")
    mean, variance = _along_axis(mean, x, axis), _along_axis(variance, x, axis)
    inv = lax.rsqrt(variance + epsilon)
    scale = _along_axis(scale, x, axis)
    if scale is not None:
        inv = inv * scale
    out = (x - mean) * inv
    offset = _along_axis(offset, x, axis)
    return out if offset is None else out + offset


def _norm_param(v, x, axes):
    if v is None:
        return None
    v = convert_to_tensor(v).astype(x.dtype)
    if v.ndim == len(axes) and axes != tuple(range(x.ndim - len(axes), x.ndim)):
        shape = [1] * x.ndim
        for a, d in zip(axes, v.shape):
            shape[a] = d
        v = v.reshape(shape)
    return v


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    rms_scaling = kwargs.pop("rms_scaling", False)
    if kwargs:
        raise TypeError(f"layer_normalization: unexpected keyword arguments {sorted(kwargs)}")
    x = _float(x)
    axes = tuple(sorted(_axes(axis, x.ndim, "layer_normalization")))
    epsilon = config.epsilon() if epsilon is None else epsilon
    if rms_scaling:
        return rms_normalization(x, gamma, axes, epsilon)
    compute = "float32" if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    y = x.astype(compute)
    mean = jnp.mean(y, axis=axes, keepdims=True)
    var = jnp.mean(jnp.square(y - mean), axis=axes, keepdims=True)
    out = ((y - mean) * lax.rsqrt(var + epsilon)).astype(x.dtype)
    gamma, beta = _norm_param(gamma, x, axes), _norm_param(beta, x, axes)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return out


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = _float(x)
    axes = tuple(sorted(_axes(axis, x.ndim, "rms_normalization")))
    epsilon = config.epsilon() if epsilon is None else epsilon
    compute = "float32" if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    y = x.astype(compute)
    out = y * lax.rsqrt(jnp.mean(jnp.square(y), axis=axes, keepdims=True) + epsilon)
    out = out.astype(x.dtype)
    scale = _norm_param(scale, x, axes)
    return out if scale is None else out * scale


def normalize(x, axis=-1, order=2, epsilon=None):
    x = _float(x)
    axes = _axes(axis, x.ndim, "normalize")
    if isinstance(order, bool) or not isinstance(order, (int, float)) or order <= 0:
        raise ValueError(f"normalize: `order` must be a positive number. Received: order={order!r}")
    epsilon = config.epsilon() if epsilon is None else epsilon
    y = x.astype("float32") if x.dtype in (jnp.float16, jnp.bfloat16) else x
    if order == 2:
        # sqrt(max(sum, eps**2)) == max(norm, eps), with a finite gradient at zero
        sq = jnp.sum(jnp.square(y), axis=axes, keepdims=True)
        return (y * lax.rsqrt(jnp.maximum(sq, jnp.asarray(epsilon, y.dtype) ** 2))).astype(x.dtype)
    if order == 1:
        norm = jnp.sum(jnp.abs(y), axis=axes, keepdims=True)
    else:
        norm = jnp.sum(jnp.abs(y) ** order, axis=axes, keepdims=True) ** (1.0 / order)
    return (y / jnp.maximum(norm, epsilon)).astype(x.dtype)


# ---------------------------------------------------------------------------
# CTC


def _ctc_inputs(target, output, target_length, output_length):
    output = _float(output)
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
    inputs = _float(inputs)
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
        from keras_core.backend.jax.nn_ctc import ctc_beam_search

        return ctc_beam_search(
            log_probs, lengths, int(beam_width), int(top_paths), merge_repeated, mask_index
        )
    raise ValueError(
        f"ctc_decode: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
    )


# ---------------------------------------------------------------------------
# attention and misc


def _attention_logits(query, key, bias, mask, scale, is_causal, soft_cap):
    heads, kv_heads = query.shape[-2], key.shape[-2]
    if heads % kv_heads:
        raise ValueError(
            "dot_product_attention: the query's head count must be a multiple of the key's. "
            f"Received: query.shape={tuple(query.shape)}, key.shape={tuple(key.shape)}"
        )
    key = jnp.repeat(key, heads // kv_heads, axis=-2)
    scale = 1.0 / math.sqrt(query.shape[-1]) if scale is None else scale
    logits = jnp.einsum("...tnh,...snh->...nts", query, key) * scale
    if bias is not None:
        logits = logits + convert_to_tensor(bias).astype(logits.dtype)
    if soft_cap is not None:
        logits = soft_cap * jnp.tanh(logits / soft_cap)
    keep = None
    if mask is not None:
        keep = convert_to_tensor(mask).astype(bool)
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        causal = jnp.tril(jnp.ones((t, s), dtype=bool))
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = jnp.where(keep, logits, jnp.finfo(logits.dtype).min / 2)
    return logits


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
    query = convert_to_tensor(query)
    key, value = convert_to_tensor(key), convert_to_tensor(value)
    dtype = dtype_rules.float_dtype(query, key, value)
    query, key, value = query.astype(dtype), key.astype(dtype), value.astype(dtype)
    for name, t in (("query", query), ("key", key), ("value", value)):
        if t.ndim != 4:
            raise ValueError(
                "dot_product_attention: `{0}` must have shape (batch, seq, heads, dim). "
                "Received: {0}.shape={1}".format(name, tuple(t.shape))
            )
    if flash_attention:
        if jax.default_backend() != "gpu":
            raise ValueError(
                "dot_product_attention: flash_attention=True needs a GPU with cuDNN on the jax "
                f"backend; this process runs on {jax.default_backend()!r}. Use "
                "flash_attention=None or False."
            )
        return jax.nn.dot_product_attention(
            query,
            key,
            value,
            bias,
            mask,
            scale=scale,
            is_causal=is_causal,
            implementation="cudnn",
        )
    compute = "float32" if dtype in ("float16", "bfloat16") else dtype
    logits = _attention_logits(
        query.astype(compute),
        key.astype(compute),
        bias,
        mask,
        scale,
        is_causal,
        attn_logits_soft_cap,
    )
    weights = jax.nn.softmax(logits, axis=-1)
    heads, kv_heads = query.shape[-2], value.shape[-2]
    value = jnp.repeat(value, heads // kv_heads, axis=-2).astype(compute)
    return jnp.einsum("...nts,...snh->...tnh", weights, value).astype(dtype)


def polar(abs_, angle):
    abs_, angle = convert_to_tensor(abs_), convert_to_tensor(angle)
    dtype = dtype_rules.float_dtype(abs_, angle)
    part = "float64" if dtype == "float64" else "float32"
    abs_, angle = abs_.astype(part), angle.astype(part)
    return lax.complex(abs_ * jnp.cos(angle), abs_ * jnp.sin(angle))


def psnr(x1, x2, max_val):
    x1, x2 = convert_to_tensor(x1), convert_to_tensor(x2)
    if x1.shape != x2.shape:
        raise ValueError(
            f"psnr: `x1` and `x2` must have the same shape. Received: x1.shape="
            f"{tuple(x1.shape)}, x2.shape={tuple(x2.shape)}"
        )
    dtype = dtype_rules.float_dtype(x1, x2)
    x1, x2 = x1.astype(dtype), x2.astype(dtype)
    mse = jnp.mean(jnp.square(x1 - x2))
    max_val = convert_to_tensor(max_val).astype(dtype)
    return 20 * jnp.log10(max_val) - 10 * jnp.log10(mse)
