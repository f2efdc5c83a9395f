"""The numpy backend's nn ops: the ops declared in ``keras_core/ops/nn.py``.

At its end this module also gathers the activations (``nn_activations.py``), the
convolution and pooling ops (``nn_conv.py``) and the CTC ops (``nn_ctc.py``), so
``keras_core.backend.nn`` holds every nn op.
"""

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.exports import export_ops
from keras_core.backend.numpy import nn_activations, nn_conv, nn_ctc
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype
from keras_core.backend.numpy.op_helpers import as_result, float_work

UNSUPPORTED = {}


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
    (t, o), dtype = float_work(target, output)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            out = np.maximum(o, 0) - o * t + np.log1p(np.exp(-np.abs(o)))
        else:
            eps = config.epsilon()
            o = np.clip(o, eps, 1 - eps)
            out = -(t * np.log(o) + (1 - t) * np.log(1 - o))
    return as_result(out, dtype)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    (t, o), dtype = float_work(target, output)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            logp = nn_activations.log_softmax(o, axis=axis)
        else:
            eps = config.epsilon()
            o = o / np.sum(o, axis=axis, keepdims=True)
            logp = np.log(np.clip(o, eps, 1 - eps))
        return as_result(-np.sum(t * logp, axis=axis), dtype)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target = convert_to_tensor(target)
    (o,), dtype = float_work(output)
    if target.ndim == o.ndim and target.shape[-1] == 1:
        target = target[..., 0]
    axis = axis % o.ndim
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if from_logits:
            logp = nn_activations.log_softmax(o, axis=axis)
        else:
            eps = config.epsilon()
            o = o / np.sum(o, axis=axis, keepdims=True)
            logp = np.log(np.clip(o, eps, 1 - eps))
    # An id outside [0, classes) has an all-zero one-hot vector: a zero loss.
    ids = target.astype(np.int64)
    valid = (ids >= 0) & (ids < o.shape[axis])
    safe = np.expand_dims(np.where(valid, ids, 0), axis)
    picked = np.squeeze(np.take_along_axis(logp, safe, axis=axis), axis=axis)
    return as_result(np.where(valid, -picked, np.zeros_like(picked)), dtype)


def moments(x, axes, keepdims=False, synchronized=False):
    (x,), dtype = float_work(x)
    axes = tuple(axes) if isinstance(axes, (list, tuple)) else (axes,)
    mean = np.mean(x, axis=axes, keepdims=True)
    var = np.mean(np.square(x - mean), axis=axes, keepdims=keepdims)
    if not keepdims:
        mean = np.squeeze(mean, axis=axes)
    return as_result(mean, dtype), as_result(var, dtype)


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
    return as_result(out, dtype)


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
    return as_result(out, dtype)


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
    return as_result(out, dtype)


def normalize(x, axis=-1, order=2, epsilon=None):
    (x,), dtype = float_work(x)
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
    return as_result(x / np.maximum(norm, epsilon), dtype)


def psnr(x1, x2, max_val):
    (a, b), dtype = float_work(x1, x2)
    mse = np.mean(np.square(a - b))
    with np.errstate(divide="ignore"):
        return as_result(20 * np.log10(max_val) - 10 * np.log10(mse), dtype)


def polar(abs_, angle):
    (r, t), dtype = float_work(abs_, angle)
    out = r * np.cos(t) + 1j * (r * np.sin(t))
    return out.astype(np.complex128 if dtype == "float64" else np.complex64)


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
    (q, k, v), dtype = float_work(query, key, value)
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
    weights = nn_activations.softmax(logits, axis=-1).astype(logits.dtype)
    out = np.einsum("bkgts,bskh->btkgh", weights.reshape(b, kv, groups, t, s), v)
    return as_result(out.reshape(b, t, n, v.shape[-1]), dtype)


# ``keras_core.backend.nn`` also holds the activations, convolutions and CTC ops, which
# live in their own modules (named after their ops modules) and are gathered here.
UNSUPPORTED = export_ops(globals(), nn_activations, nn_conv, nn_ctc)
