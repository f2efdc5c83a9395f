# The numpy backend's nn ops. Conv/pool/patch ops live in nn_conv.py.
import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype
from keras_core.backend.numpy.nn_conv import (  # noqa: F401
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


class _LazyScipy:
    """Imports scipy.special on first use: it costs ~0.7 s, too much for `import keras_core`."""

    def __getattr__(self, name):
        import scipy.special

        return getattr(scipy.special, name)


_scipy_special = _LazyScipy()

UNSUPPORTED = {}


def _work(*xs):
    """Converts to a working float array (float32, or float64) and the result dtype."""
    arrays = [convert_to_tensor(x) for x in xs]
    dtype = dtype_rules.float_dtype(*arrays)
    work = np.float64 if dtype == "float64" else np.float32
    return [a.astype(work) for a in arrays], dtype


def _out(x, dtype):
    return np.asarray(x).astype(to_native_dtype(dtype))


def _unary(fn):
    def wrapped(x, **kwargs):
        (x,), dtype = _work(x)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return _out(fn(x, **kwargs), dtype)

    return wrapped


def _sigmoid(x):
    return _scipy_special.expit(x)


def _softplus(x):
    return np.logaddexp(0, x).astype(x.dtype)


def _int_keeping(fn):
    def wrapped(x):
        x = convert_to_tensor(x)
        dtype = dtype_rules.arithmetic_unary_dtype(x)
        if dtype_rules.dtype_of(x) in ("float16", "bfloat16"):
            return _out(fn(x.astype(np.float32)), dtype)
        return _out(fn(x.astype(to_native_dtype(dtype))), dtype)

    return wrapped


relu = _int_keeping(lambda x: np.maximum(x, 0))
relu6 = _int_keeping(lambda x: np.clip(x, 0, 6))
sigmoid = _unary(_sigmoid)
softplus = _unary(_softplus)
softsign = _unary(lambda x: x / (1 + np.abs(x)))
silu = _unary(lambda x: x * _sigmoid(x))
log_sigmoid = _unary(lambda x: -_softplus(-x))
hard_sigmoid = _unary(lambda x: np.clip(x + 3, 0, 6) / 6)
hard_silu = _unary(lambda x: x * np.clip(x + 3, 0, 6) / 6)
selu = _unary(
    lambda x: (
        1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(np.minimum(x, 0)))
    )
)
sparse_plus = _unary(lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)))
tanh_shrink = _unary(lambda x: x - np.tanh(x))
hard_tanh = _unary(lambda x: np.clip(x, -1, 1))
sparse_sigmoid = _unary(lambda x: np.clip((x + 1) / 2, 0, 1))


def swish(x):
    return silu(x)


def hard_swish(x):
    return hard_silu(x)


def leaky_relu(x, negative_slope=0.2):
    return _unary(lambda v: np.where(v >= 0, v, negative_slope * v))(x)


def elu(x, alpha=1.0):
    return _unary(lambda v: np.where(v > 0, v, alpha * np.expm1(np.minimum(v, 0))))(x)


def _gelu(x, approximate):
    if approximate:
        c = np.sqrt(2 / np.pi)
        return 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3)))
    return 0.5 * x * (1 + _scipy_special.erf(x / np.sqrt(2)))


def gelu(x, approximate=True):
    return _unary(lambda v: _gelu(v, approximate))(x)


def celu(x, alpha=1.0):
    return _unary(lambda v: np.maximum(v, 0) + np.minimum(0, alpha * np.expm1(v / alpha)))(x)


def squareplus(x, b=4):
    return _unary(lambda v: (v + np.sqrt(v * v + b)) / 2)(x)


def soft_shrink(x, threshold=0.5):
    return _unary(
        lambda v: np.where(v > threshold, v - threshold, np.where(v < -threshold, v + threshold, 0))
    )(x)


def hard_shrink(x, threshold=0.5):
    return _unary(lambda v: np.where(np.abs(v) > threshold, v, 0))(x)


def threshold(x, threshold, default_value):
    x = convert_to_tensor(x)
    dtype = dtype_rules.binary_dtype(x, default_value)
    return _out(np.where(x > threshold, x, default_value), dtype)


def _axes(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def softmax(x, axis=-1):
    (x,), dtype = _work(x)
    if x.ndim == 0:
        return _out(np.ones_like(x), dtype)
    axis = _axes(axis)
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        e = np.exp(shifted)
        return _out(e / np.sum(e, axis=axis, keepdims=True), dtype)


def log_softmax(x, axis=-1):
    (x,), dtype = _work(x)
    if x.ndim == 0:
        return _out(np.zeros_like(x), dtype)
    axis = _axes(axis)
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        return _out(shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True)), dtype)


def sparsemax(x, axis=-1):
    (x,), dtype = _work(x)
    if x.ndim == 0:
        return _out(np.ones_like(x), dtype)
    moved = np.moveaxis(x, axis, -1)
    z = -np.sort(-moved, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=x.dtype)
    cumsum = np.cumsum(z, axis=-1)
    support = 1 + k * z > cumsum
    k_max = np.sum(support, axis=-1, keepdims=True)
    tau = (np.take_along_axis(cumsum, k_max - 1, axis=-1) - 1) / k_max
    out = np.maximum(moved - tau, 0)
    return _out(np.moveaxis(out, -1, axis), dtype)


def glu(x, axis=-1):
    (x,), dtype = _work(x)
    a, b = np.split(x, 2, axis=axis)
    return _out(a * _sigmoid(b), dtype)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("one_hot: the numpy backend has no sparse tensors. Received: sparse=True")
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    classes = np.arange(num_classes)
    out = (x[..., None] == classes).astype(to_native_dtype(dtype))
    axis = axis if axis >= 0 else x.ndim + 1 + axis
    return np.moveaxis(out, -1, axis)


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False, **kwargs):
    if num_classes is None:
        num_classes = kwargs.pop("num_tokens", None)
    if sparse:
        raise ValueError(
            "multi_hot: the numpy backend has no sparse tensors. Received: sparse=True"
        )
    x = convert_to_tensor(inputs)
    dtype = standardize_dtype(dtype)
    squeeze = x.ndim <= 1
    if squeeze:
        x = x.reshape(1, -1)
    hot = (x[..., None] == np.arange(num_classes)).any(axis=-2)
    if squeeze:
        return hot[0].astype(to_native_dtype(dtype))
    axis = axis if axis >= 0 else hot.ndim + axis
    return np.moveaxis(hot, -1, axis).astype(to_native_dtype(dtype))


def binary_crossentropy(target, output, from_logits=False):
    (t, o), dtype = _work(target, output)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            out = np.maximum(o, 0) - o * t + np.log1p(np.exp(-np.abs(o)))
        else:
            eps = config.epsilon()
            o = np.clip(o, eps, 1 - eps)
            out = -(t * np.log(o) + (1 - t) * np.log(1 - o))
    return _out(out, dtype)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    (t, o), dtype = _work(target, output)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            logp = log_softmax(o, axis=axis)
        else:
            eps = config.epsilon()
            o = o / np.sum(o, axis=axis, keepdims=True)
            logp = np.log(np.clip(o, eps, 1 - eps))
        return _out(-np.sum(t * logp, axis=axis), dtype)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target = convert_to_tensor(target)
    (o,), dtype = _work(output)
    if target.ndim == o.ndim and target.shape[-1] == 1:
        target = target[..., 0]
    axis = axis % o.ndim
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            logp = log_softmax(o, axis=axis)
        else:
            eps = config.epsilon()
            o = o / np.sum(o, axis=axis, keepdims=True)
            logp = np.log(np.clip(o, eps, 1 - eps))
    picked = np.take_along_axis(logp, np.expand_dims(target.astype(np.int64), axis), axis=axis)
    return _out(-np.squeeze(picked, axis=axis), dtype)


def moments(x, axes, keepdims=False, synchronized=False):
    (x,), dtype = _work(x)
    axes = tuple(axes) if isinstance(axes, (list, tuple)) else (axes,)
    mean = np.mean(x, axis=axes, keepdims=True)
    var = np.mean(np.square(x - mean), axis=axes, keepdims=keepdims)
    if not keepdims:
        mean = np.squeeze(mean, axis=axes)
    return _out(mean, dtype), _out(var, dtype)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = convert_to_tensor(x)
    dtype = dtype_rules.float_dtype(x)
    work = np.float64 if dtype == "float64" else np.float32
    x = x.astype(work)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]

    def vec(v):
        return convert_to_tensor(v).astype(work).reshape(shape)

    out = (x - vec(mean)) / np.sqrt(vec(variance) + epsilon)
    if scale is not None:
        out = out * vec(scale)
    if offset is not None:
        out = out + vec(offset)
    return _out(out, dtype)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    x = convert_to_tensor(x)
    dtype = dtype_rules.float_dtype(x)
    work = np.float64 if dtype == "float64" else np.float32
    x = x.astype(work)
    epsilon = config.epsilon() if epsilon is None else epsilon
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(a % x.ndim for a in axes)
    if kwargs.get("rms_scaling", False):
        out = x / np.sqrt(np.mean(x * x, axis=axes, keepdims=True) + epsilon)
    else:
        mean = np.mean(x, axis=axes, keepdims=True)
        var = np.mean(np.square(x - mean), axis=axes, keepdims=True)
        out = (x - mean) / np.sqrt(var + epsilon)
    shape = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]
    if gamma is not None:
        out = out * convert_to_tensor(gamma).astype(work).reshape(shape)
    if beta is not None:
        out = out + convert_to_tensor(beta).astype(work).reshape(shape)
    return _out(out, dtype)


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = convert_to_tensor(x)
    dtype = dtype_rules.float_dtype(x)
    work = np.float64 if dtype == "float64" else np.float32
    x = x.astype(work)
    epsilon = config.epsilon() if epsilon is None else epsilon
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(a % x.ndim for a in axes)
    out = x / np.sqrt(np.mean(x * x, axis=axes, keepdims=True) + epsilon)
    if scale is not None:
        shape = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]
        s = convert_to_tensor(scale).astype(work)
        out = out * (s.reshape(shape) if s.ndim else s)
    return _out(out, dtype)


def normalize(x, axis=-1, order=2, epsilon=None):
    (x,), dtype = _work(x)
    epsilon = config.epsilon() if epsilon is None else epsilon
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    a = np.abs(x)
    if np.isinf(order):
        norm = np.max(a, axis=axes, keepdims=True)
    elif order == 1:
        norm = np.sum(a, axis=axes, keepdims=True)
    elif order == 2:
        norm = np.sqrt(np.sum(a * a, axis=axes, keepdims=True))
    else:
        norm = np.sum(a**order, axis=axes, keepdims=True) ** (1.0 / order)
    return _out(x / np.maximum(norm, epsilon), dtype)


def psnr(x1, x2, max_val):
    (a, b), dtype = _work(x1, x2)
    mse = np.mean(np.square(a - b))
    with np.errstate(divide="ignore"):
        return _out(20 * np.log10(max_val) - 10 * np.log10(mse), dtype)


def polar(abs_, angle):
    (r, t), dtype = _work(abs_, angle)
    out = r * np.cos(t) + 1j * (r * np.sin(t))
    return out.astype(np.complex128 if dtype == "float64" else np.complex64)


# ---------------------------------------------------------------------------
# CTC


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
    (o,), dtype = _work(output)
    o = o.astype(np.float64)
    tl = convert_to_tensor(target_length).reshape(-1)
    ol = convert_to_tensor(output_length).reshape(-1)
    logp = _log_softmax_last(o)
    losses = [
        _ctc_one(logp[b, : int(ol[b])], target[b, : int(tl[b])], mask_index)
        for b in range(o.shape[0])
    ]
    return _out(np.array(losses), dtype)


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
    (x,), dtype = _work(inputs)
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
        return decoded, _out(scores, dtype)
    decoded = np.full((top_paths, batch, steps), -1, dtype=np.int32)
    scores = np.full((batch, top_paths), -np.inf)
    for b in range(batch):
        n = int(lengths[b])
        for k, (seq, score) in enumerate(
            _beam_search(logp[b, :n], beam_width, top_paths, mask_index)
        ):
            decoded[k, b, : len(seq)] = seq
            scores[b, k] = score
    return decoded, _out(scores, dtype)


# ---------------------------------------------------------------------------
# Attention


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
    (q, k, v), dtype = _work(query, key, value)
    b, t, n, h = q.shape
    s, kv = k.shape[1], k.shape[2]
    groups = n // kv
    scale = 1.0 / np.sqrt(h) if scale is None else scale
    qg = q.reshape(b, t, kv, groups, h)
    logits = np.einsum("btkgh,bskh->bkgts", qg, k).reshape(b, n, t, s) * scale
    if attn_logits_soft_cap is not None:
        logits = attn_logits_soft_cap * np.tanh(logits / attn_logits_soft_cap)
    if bias is not None:
        logits = logits + convert_to_tensor(bias).astype(logits.dtype)
    keep = np.ones((1, 1, t, s), dtype=bool)
    if mask is not None:
        keep = keep & convert_to_tensor(mask).astype(bool)
    if is_causal:
        keep = keep & np.tril(np.ones((t, s), dtype=bool))
    logits = np.where(keep, logits, np.finfo(logits.dtype).min)
    weights = softmax(logits, axis=-1).astype(logits.dtype)
    out = np.einsum("bkgts,bskh->btkgh", weights.reshape(b, kv, groups, t, s), v)
    return _out(out.reshape(b, t, n, v.shape[-1]), dtype)
