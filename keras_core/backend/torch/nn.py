"""The torch backend's nn ops: the ops declared in ``keras_core/ops/nn.py``.

At its end this module also gathers the activations (``nn_activations.py``), the
convolution and pooling ops (``nn_conv.py``) and the CTC ops (``nn_ctc.py``), so
``keras_core.backend.nn`` holds every nn op.
"""

import math

import torch
import torch.nn.functional as F

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.exports import export_ops
from keras_core.backend.torch import nn_activations, nn_conv, nn_ctc
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.op_helpers import canonical_axes, half_to_float, to_float

UNSUPPORTED = {}

# The label nll_loss skips (any id outside the class range is mapped to it).
_IGNORED_CLASS = -100


def _epsilon(epsilon):
    return config.epsilon() if epsilon is None else epsilon


def _class_ids(x):
    x = convert_to_tensor(x)
    if x.is_floating_point():
        x = x.to(torch.int64)
    return x.to(torch.int64)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("one_hot: the torch backend has no sparse tensors. Received: sparse=True")
    x = _class_ids(x)
    dtype = to_native_dtype(dtype_rules.creation_dtype(dtype))
    classes = torch.arange(int(num_classes), dtype=torch.int64)
    out = (x.unsqueeze(-1) == classes).to(dtype)
    return out.movedim(-1, canonical_axes("one_hot", axis, out.ndim)[0])


def multi_hot(inputs, num_tokens=None, axis=-1, dtype=None, sparse=False, num_classes=None):
    if num_classes is None:
        num_classes = num_tokens
    elif num_tokens is not None and num_tokens != num_classes:
        raise ValueError(
            f"multi_hot: got both num_tokens={num_tokens} and num_classes={num_classes}; pass one."
        )
    if num_classes is None:
        raise ValueError("multi_hot: `num_classes` is required. Received: num_classes=None")
    if sparse:
        raise ValueError(
            "multi_hot: the torch backend has no sparse tensors. Received: sparse=True"
        )
    x = _class_ids(inputs)
    x = x.reshape(1) if x.ndim == 0 else x
    dtype = to_native_dtype(dtype_rules.creation_dtype(dtype))
    classes = torch.arange(int(num_classes), dtype=torch.int64)
    hot = (x.unsqueeze(-1) == classes).any(dim=-2).to(dtype)
    return hot.movedim(-1, canonical_axes("multi_hot", axis, hot.ndim)[0])


def _check_same_shape(target, output, op):
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError(
            f"{op}: `target` and `output` must have the same shape. "
            f"Received: target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}"
        )


def _loss_operands(target, output):
    target = convert_to_tensor(target)
    output = convert_to_tensor(output)
    native = to_native_dtype(dtype_rules.float_dtype(target, output))
    return target.to(native), output.to(native)


def binary_crossentropy(target, output, from_logits=False):
    target, output = _loss_operands(target, output)
    _check_same_shape(target, output, "binary_crossentropy")
    if from_logits:
        return torch.relu(output) - output * target + torch.log1p(torch.exp(-torch.abs(output)))
    eps = config.epsilon()
    dtype = output.dtype
    # In float16/bfloat16, 1 - epsilon rounds to 1 and the clamp would not keep log(1 - p)
    # finite: the clamp and logs run in float32.
    target, output = half_to_float(target), half_to_float(output)
    output = torch.clamp(output, eps, 1.0 - eps)
    return (-(target * torch.log(output) + (1.0 - target) * torch.log1p(-output))).to(dtype)


def _log_probs(output, from_logits, axis):
    if from_logits:
        return torch.log_softmax(output, dim=axis)
    output = output / torch.sum(output, dim=axis, keepdim=True)
    eps = config.epsilon()
    return torch.log(torch.clamp(output, eps, 1.0 - eps))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _loss_operands(target, output)
    _check_same_shape(target, output, "categorical_crossentropy")
    if output.ndim < 1:
        raise ValueError("categorical_crossentropy: `output` must have rank >= 1.")
    axis = canonical_axes("categorical_crossentropy", axis, output.ndim)[0]
    return -torch.sum(target * _log_probs(output, from_logits, axis), dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    op = "sparse_categorical_crossentropy"
    target = convert_to_tensor(target)
    output = to_float(output)
    ndim = output.ndim
    if ndim < 1:
        raise ValueError(f"{op}: `output` must have rank >= 1.")
    axis = canonical_axes(op, axis, ndim)[0]
    if axis != ndim - 1:
        output = output.movedim(axis, -1)
    if target.ndim == ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    if target.shape != output.shape[:-1]:
        raise ValueError(
            f"{op}: `target` must have the shape of `output` without the class axis. "
            f"Received: target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}"
        )
    classes = output.shape[-1]
    if classes == 0 or output.dtype not in (torch.float32, torch.float64):
        labels = one_hot(target, classes, dtype=output.dtype)
        return -torch.sum(labels * _log_probs(output, from_logits, -1), dim=-1)
    # One fused pick: nll_loss returns -log_probs[id]. An id outside [0, classes) gets a
    # zero loss and no gradient, as its all-zero one-hot vector does on the other
    # backends: it is sent to nll_loss's ignore_index.
    ids = _class_ids(target)
    log_probs = _log_probs(output, from_logits, -1).reshape(-1, classes)
    if ids.device.type == "cpu":
        # On the CPU nll_loss rejects an out-of-range id with an error (and no result),
        # so valid ids, nearly always the case, skip the masking ops.
        try:
            picked = F.nll_loss(
                log_probs, ids.reshape(-1), ignore_index=_IGNORED_CLASS, reduction="none"
            )
            return picked.reshape(ids.shape)
        except (IndexError, RuntimeError):
            pass
    ids = torch.where((ids >= 0) & (ids < classes), ids, _IGNORED_CLASS)
    picked = F.nll_loss(log_probs, ids.reshape(-1), ignore_index=_IGNORED_CLASS, reduction="none")
    return picked.reshape(ids.shape)


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    dtype = x.dtype
    axes = canonical_axes("moments", axes, x.ndim)
    work = half_to_float(x)
    mean = torch.mean(work, dim=axes, keepdim=True)
    variance = torch.mean(torch.square(work - mean), dim=axes, keepdim=True)
    if not keepdims:
        mean = mean.squeeze(axes) if axes else mean
        variance = variance.squeeze(axes) if axes else variance
    return mean.to(dtype), variance.to(dtype)


def _broadcast_param(p, x, axes):
    if p is None:
        return None
    p = convert_to_tensor(p)
    if p.ndim == len(axes) and p.ndim < x.ndim:
        shape = [1] * x.ndim
        for i, a in enumerate(axes):
            shape[a] = p.shape[i]
        p = p.reshape(shape)
    return p


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = to_float(x)
    axes = canonical_axes("batch_normalization", axis, x.ndim)
    mean = _broadcast_param(mean, x, axes)
    variance = _broadcast_param(variance, x, axes)
    inv = torch.rsqrt(variance + epsilon)
    scale = _broadcast_param(scale, x, axes)
    if scale is not None:
        inv = inv * scale
    out = (x - mean) * inv
    offset = _broadcast_param(offset, x, axes)
    if offset is not None:
        out = out + offset
    return out.to(x.dtype)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    rms_scaling = kwargs.pop("rms_scaling", False)
    if kwargs:
        raise TypeError(f"layer_normalization: unexpected keyword arguments {sorted(kwargs)}")
    x = to_float(x)
    dtype = x.dtype
    axes = canonical_axes("layer_normalization", axis, x.ndim)
    work = half_to_float(x)
    eps = _epsilon(epsilon)
    if rms_scaling:
        out = work * torch.rsqrt(torch.mean(torch.square(work), dim=axes, keepdim=True) + eps)
    else:
        mean = torch.mean(work, dim=axes, keepdim=True)
        var = torch.mean(torch.square(work - mean), dim=axes, keepdim=True)
        out = (work - mean) * torch.rsqrt(var + eps)
    gamma = _broadcast_param(gamma, x, axes)
    if gamma is not None:
        out = out * gamma
    beta = _broadcast_param(beta, x, axes)
    if beta is not None and not rms_scaling:
        out = out + beta
    return out.to(dtype)


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = to_float(x)
    axes = canonical_axes("rms_normalization", axis, x.ndim)
    work = half_to_float(x)
    out = work * torch.rsqrt(
        torch.mean(torch.square(work), dim=axes, keepdim=True) + _epsilon(epsilon)
    )
    scale = _broadcast_param(scale, x, axes)
    if scale is not None:
        out = out * scale
    return out.to(x.dtype)


def normalize(x, axis=-1, order=2, epsilon=None):
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        raise ValueError(f"normalize: `order` must be an int >= 1. Received: order={order!r}")
    x = to_float(x)
    axes = canonical_axes("normalize", axis, x.ndim)
    norm = torch.linalg.vector_norm(x, ord=order, dim=axes, keepdim=True)
    return x / torch.clamp(norm, min=_epsilon(epsilon))


def _large_negative(dtype):
    return -0.7 * torch.finfo(dtype).max


def _flash_attention(q, k, v, bias, mask, scale, is_causal, soft_cap):
    from torch.nn.attention import SDPBackend, sdpa_kernel

    if bias is not None or mask is not None or soft_cap is not None:
        raise ValueError(
            "dot_product_attention: flash_attention=True does not support `bias`, "
            "`mask` or `attn_logits_soft_cap`; pass flash_attention=None to use them."
        )
    q, k, v = (t.transpose(1, 2) for t in (q, k, v))
    with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
        out = F.scaled_dot_product_attention(
            q, k, v, is_causal=is_causal, scale=scale, enable_gqa=k.shape[1] != q.shape[1]
        )
    return out.transpose(1, 2)


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
    op = "dot_product_attention"
    q, k, v = (convert_to_tensor(t) for t in (query, key, value))
    native = to_native_dtype(dtype_rules.float_dtype(q, k, v))
    q, k, v = q.to(native), k.to(native), v.to(native)
    batched = q.ndim == 4
    if q.ndim not in (3, 4) or k.ndim != q.ndim or v.ndim != q.ndim:
        raise ValueError(
            f"{op}: query, key and value must all have rank 3 or 4. Received: "
            f"{tuple(q.shape)}, {tuple(k.shape)}, {tuple(v.shape)}"
        )
    if not batched:
        q, k, v = q[None], k[None], v[None]
    heads, kv_heads = q.shape[-2], k.shape[-2]
    if heads % kv_heads or v.shape[-2] != kv_heads or q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"{op}: incompatible query {tuple(q.shape)}, key {tuple(k.shape)}, "
            f"value {tuple(v.shape)} shapes."
        )
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
    if flash_attention:
        out = _flash_attention(q, k, v, bias, mask, scale, is_causal, attn_logits_soft_cap)
        return out if batched else out[0]
    if kv_heads != heads:
        k = k.repeat_interleave(heads // kv_heads, dim=2)
        v = v.repeat_interleave(heads // kv_heads, dim=2)
    work = half_to_float(q)
    logits = torch.einsum("btnh,bsnh->bnts", work, half_to_float(k)) * scale
    if bias is not None:
        b = half_to_float(convert_to_tensor(bias).to(native))
        logits = logits + (b if batched else b.reshape((1,) * (4 - b.ndim) + tuple(b.shape)))
    if attn_logits_soft_cap is not None:
        logits = attn_logits_soft_cap * torch.tanh(logits / attn_logits_soft_cap)
    keep = None
    if mask is not None:
        keep = convert_to_tensor(mask).to(torch.bool)
        if not batched and keep.ndim == 3:
            keep = keep[None]
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        causal = torch.tril(torch.ones((t, s), dtype=torch.bool))
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = torch.where(keep, logits, _large_negative(logits.dtype))
    probs = torch.softmax(logits, dim=-1).to(native)
    out = torch.einsum("bnts,bsnh->btnh", probs, v)
    return out if batched else out[0]


def polar(abs_, angle):
    abs_, angle = convert_to_tensor(abs_), convert_to_tensor(angle)
    native = to_native_dtype(dtype_rules.float_dtype(abs_, angle))
    if native in (torch.float16, torch.bfloat16):
        native = torch.float32
    abs_, angle = abs_.to(native), angle.to(native)
    return torch.complex(abs_ * torch.cos(angle), abs_ * torch.sin(angle))


def psnr(x1, x2, max_val):
    x1, x2 = convert_to_tensor(x1), convert_to_tensor(x2)
    if tuple(x1.shape) != tuple(x2.shape):
        raise ValueError(
            f"psnr: x1 and x2 must have the same shape. "
            f"Received: x1.shape={tuple(x1.shape)}, x2.shape={tuple(x2.shape)}"
        )
    native = to_native_dtype(dtype_rules.float_dtype(x1, x2))
    x1, x2 = x1.to(native), x2.to(native)
    mse = torch.mean(torch.square(x1 - x2))
    max_val = torch.as_tensor(max_val, dtype=native)
    return 20.0 * torch.log10(max_val) - 10.0 * torch.log10(mse)


# ``keras_core.backend.nn`` also holds the activations, convolutions and CTC ops, which
# live in their own modules (named after their ops modules) and are gathered here.
UNSUPPORTED = export_ops(globals(), nn_activations, nn_conv, nn_ctc)
