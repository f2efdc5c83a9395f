"""The jax backend's ops of ``keras_core/ops/nn.py`` (``keras_core.backend.nn``).

At its end this module gathers the ops of nn_activations.py, nn_conv.py and
nn_ctc.py with ``export_ops``, so ``backend.nn`` offers the whole nn family.
"""

import math

import jax
import jax.numpy as jnp
from jax import lax

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.exports import export_ops
from keras_core.backend.jax import nn_activations, nn_conv, nn_ctc
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.op_helpers import canonical_axes, to_float

UNSUPPORTED = {}


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
    (axis,) = canonical_axes("one_hot", axis, x.ndim + 1)
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
    (axis,) = canonical_axes("multi_hot", axis, max(x.ndim, 1))
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
    if dtype in ("float16", "bfloat16"):
        # 1 - epsilon rounds to 1 in half precision (log(0) at probabilities of 0
        # or 1): compute in float32 and round the result once.
        f32 = binary_crossentropy(target.astype("float32"), output.astype("float32"), from_logits)
        return f32.astype(dtype)
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
    (axis,) = canonical_axes("categorical_crossentropy", axis, output.ndim)
    if from_logits:
        log_prob = jax.nn.log_softmax(output, axis=axis)
    else:
        output = output / jnp.sum(output, axis=axis, keepdims=True)
        eps = config.epsilon()
        log_prob = jnp.log(jnp.clip(output, eps, 1 - eps))
    return -jnp.sum(target * log_prob, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = convert_to_tensor(target), to_float(output)
    if output.ndim < 1:
        raise ValueError("sparse_categorical_crossentropy: `output` must have rank >= 1.")
    (axis,) = canonical_axes("sparse_categorical_crossentropy", axis, output.ndim)
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
    axes = canonical_axes("moments", axes, x.ndim)
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
    x = to_float(x, *(v for v in (mean, variance, offset, scale) if v is not None))
    (axis,) = canonical_axes("batch_normalization", axis, x.ndim)
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
    x = to_float(x)
    axes = tuple(sorted(canonical_axes("layer_normalization", axis, x.ndim)))
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
    x = to_float(x)
    axes = tuple(sorted(canonical_axes("rms_normalization", axis, x.ndim)))
    epsilon = config.epsilon() if epsilon is None else epsilon
    compute = "float32" if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    y = x.astype(compute)
    out = y * lax.rsqrt(jnp.mean(jnp.square(y), axis=axes, keepdims=True) + epsilon)
    out = out.astype(x.dtype)
    scale = _norm_param(scale, x, axes)
    return out if scale is None else out * scale


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    axes = canonical_axes("normalize", axis, x.ndim)
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


# ---------------------------------------------------------------------------
# the rest of the nn family

UNSUPPORTED = export_ops(globals(), nn_activations, nn_conv, nn_ctc)
