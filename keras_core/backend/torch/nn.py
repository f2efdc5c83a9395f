# The torch backend's nn functions (see keras_core/backend/README.md).
import math

import torch
import torch.nn.functional as F

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.torch.core import convert_to_tensor, to_native_dtype
from keras_core.backend.torch.nn_conv import (  # noqa: F401
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


# ---------------------------------------------------------------- helpers


def _float(x):
    x = convert_to_tensor(x)
    native = to_native_dtype(dtype_rules.float_dtype(x))
    return x if x.dtype == native else x.to(native)


def _upcast(x):
    # Half types are computed in float32 and cast back, for accuracy.
    if x.dtype in (torch.float16, torch.bfloat16):
        return x.float()
    return x


def _axes(axis, ndim, op):
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    out = []
    for a in axes:
        if not -ndim <= a < max(ndim, 1):
            raise ValueError(f"{op}: axis {a} is out of range for a tensor of rank {ndim}.")
        out.append(a % ndim if ndim else 0)
    return tuple(out)


def _epsilon(epsilon):
    return config.epsilon() if epsilon is None else epsilon


# ---------------------------------------------------------------- activations


def _int_keeping(x):
    # relu/relu6 keep integer dtypes (bool becomes int32), as arithmetic_unary_dtype says.
    x = convert_to_tensor(x)
    native = to_native_dtype(dtype_rules.arithmetic_unary_dtype(x))
    return x if x.dtype == native else x.to(native)


def relu(x):
    return torch.relu(_int_keeping(x))


def relu6(x):
    return torch.clamp(_int_keeping(x), 0, 6)


def sigmoid(x):
    return torch.sigmoid(_float(x))


def sparse_sigmoid(x):
    x = _float(x)
    return torch.clamp((x + 1.0) * 0.5, 0.0, 1.0)


def softplus(x):
    x = _float(x)
    return torch.logaddexp(x, torch.zeros_like(x))


def softsign(x):
    return F.softsign(_float(x))


def silu(x):
    return F.silu(_float(x))


def swish(x):
    return silu(x)


def log_sigmoid(x):
    return F.logsigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(_float(x), negative_slope)


def hard_sigmoid(x):
    x = _float(x)
    return torch.clamp(x + 3.0, 0.0, 6.0) / 6.0


def hard_silu(x):
    x = _float(x)
    return x * hard_sigmoid(x)


def hard_swish(x):
    return hard_silu(x)


def elu(x, alpha=1.0):
    x = _float(x)
    return torch.where(x > 0, x, alpha * torch.expm1(torch.clamp(x, max=0.0)))


def selu(x):
    return F.selu(_float(x))


def gelu(x, approximate=True):
    return F.gelu(_float(x), approximate="tanh" if approximate else "none")


def celu(x, alpha=1.0):
    x = _float(x)
    return torch.relu(x) + torch.clamp(
        alpha * torch.expm1(torch.clamp(x, max=0.0) / alpha), max=0.0
    )


def glu(x, axis=-1):
    x = _float(x)
    axis = _axes(axis, x.ndim, "glu")[0]
    if x.shape[axis] % 2:
        raise ValueError(
            f"glu: the size of axis {axis} must be even. Received: x.shape={tuple(x.shape)}"
        )
    a, b = torch.chunk(x, 2, dim=axis)
    return a * torch.sigmoid(b)


def sparse_plus(x):
    x = _float(x)
    middle = (x + 1.0) ** 2 / 4.0
    return torch.where(x <= -1.0, torch.zeros_like(x), torch.where(x >= 1.0, x, middle))


def squareplus(x, b=4):
    x = _float(x)
    return (x + torch.sqrt(x * x + b)) / 2.0


def soft_shrink(x, threshold=0.5):
    x = _float(x)
    return torch.where(
        x > threshold,
        x - threshold,
        torch.where(x < -threshold, x + threshold, torch.zeros_like(x)),
    )


def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return torch.where(torch.abs(x) > threshold, x, torch.zeros_like(x))


def tanh_shrink(x):
    x = _float(x)
    return x - torch.tanh(x)


def hard_tanh(x):
    return torch.clamp(_float(x), -1.0, 1.0)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    native = to_native_dtype(dtype_rules.binary_dtype(x, default_value))
    x = x if x.dtype == native else x.to(native)
    return torch.where(x > threshold, x, torch.as_tensor(default_value, dtype=x.dtype))


def _flatten_axes(x, axis, op):
    axes = _axes(axis, x.ndim, op)
    rest = [i for i in range(x.ndim) if i not in axes]
    moved = x.permute(*rest, *axes)
    shape = moved.shape
    return moved.reshape(*shape[: len(rest)], -1), shape, rest + list(axes)


def _unflatten_axes(y, shape, order):
    inverse = [order.index(i) for i in range(len(order))]
    return y.reshape(shape).permute(*inverse)


def _over_axes(fn, x, axis, op):
    x = _float(x)
    if x.ndim == 0:
        return fn(x.reshape(1)).reshape(())
    if isinstance(axis, int):
        return fn(x.movedim(_axes(axis, x.ndim, op)[0], -1)).movedim(-1, axis)
    flat, shape, order = _flatten_axes(x, axis, op)
    return _unflatten_axes(fn(flat), shape, order)


def softmax(x, axis=-1):
    return _over_axes(lambda v: torch.softmax(v, dim=-1), x, axis, "softmax")


def log_softmax(x, axis=-1):
    return _over_axes(lambda v: torch.log_softmax(v, dim=-1), x, axis, "log_softmax")


def _sparsemax_last(z):
    dtype = z.dtype
    z = _upcast(z)
    z_sorted = torch.sort(z, dim=-1, descending=True).values
    cumsum = torch.cumsum(z_sorted, dim=-1)
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    support = (1.0 + k * z_sorted) > cumsum
    k_z = support.sum(dim=-1, keepdim=True)
    tau = (torch.gather(cumsum, -1, k_z - 1) - 1.0) / k_z.to(z.dtype)
    return torch.relu(z - tau).to(dtype)


def sparsemax(x, axis=-1):
    return _over_axes(_sparsemax_last, x, axis, "sparsemax")


# ---------------------------------------------------------------- encodings


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
    return out.movedim(-1, _axes(axis, out.ndim, "one_hot")[0])


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
    return hot.movedim(-1, _axes(axis, hot.ndim, "multi_hot")[0])


# ---------------------------------------------------------------- losses


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
    output = torch.clamp(output, eps, 1.0 - eps)
    return -(target * torch.log(output) + (1.0 - target) * torch.log1p(-output))


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
    axis = _axes(axis, output.ndim, "categorical_crossentropy")[0]
    return -torch.sum(target * _log_probs(output, from_logits, axis), dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    op = "sparse_categorical_crossentropy"
    target = convert_to_tensor(target)
    output = _float(output)
    if output.ndim < 1:
        raise ValueError(f"{op}: `output` must have rank >= 1.")
    axis = _axes(axis, output.ndim, op)[0]
    output = output.movedim(axis, -1)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    if tuple(target.shape) != tuple(output.shape[:-1]):
        raise ValueError(
            f"{op}: `target` must have the shape of `output` without the class axis. "
            f"Received: target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}"
        )
    labels = one_hot(target, output.shape[-1], dtype=output.dtype)
    return -torch.sum(labels * _log_probs(output, from_logits, -1), dim=-1)


# ---------------------------------------------------------------- normalization


def moments(x, axes, keepdims=False, synchronized=False):
    x = _float(x)
    dtype = x.dtype
    axes = _axes(axes, x.ndim, "moments")
    work = _upcast(x)
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
    x = _float(x)
    axes = _axes(axis, x.ndim, "batch_normalization")
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
    x = _float(x)
    dtype = x.dtype
    axes = _axes(axis, x.ndim, "layer_normalization")
    work = _upcast(x)
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
    x = _float(x)
    axes = _axes(axis, x.ndim, "rms_normalization")
    work = _upcast(x)
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
    x = _float(x)
    axes = _axes(axis, x.ndim, "normalize")
    norm = torch.linalg.vector_norm(x, ord=order, dim=axes, keepdim=True)
    return x / torch.clamp(norm, min=_epsilon(epsilon))


# ---------------------------------------------------------------- ctc


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = _float(output)
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
    inputs = _float(inputs)
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
        from keras_core.backend.torch.nn_ctc import ctc_beam_search

        log_probs = torch.log_softmax(_upcast(inputs), dim=-1)
        paths, scores = ctc_beam_search(
            log_probs, lengths, int(beam_width), int(top_paths), merge_repeated, mask_index
        )
        return paths, scores.to(inputs.dtype)
    raise ValueError(
        f"ctc_decode: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
    )


# ---------------------------------------------------------------- attention


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
    work = _upcast(q)
    logits = torch.einsum("btnh,bsnh->bnts", work, _upcast(k)) * scale
    if bias is not None:
        b = _upcast(convert_to_tensor(bias).to(native))
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


# ---------------------------------------------------------------- misc


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
