"""The numpy backend's random ops: the ops declared in ``keras_core/random/``."""

import numpy as np

from keras_core.backend.common.seed_generator import draw_seed
from keras_core.backend.numpy.core import to_native_dtype


def _rng(seed):
    a, b = (int(v) for v in np.asarray(draw_seed(seed)))
    return np.random.default_rng([a % (2**63), b % (2**63)])


def _draw_dtype(dtype):
    return np.float64 if dtype == "float64" else np.float32


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    out = _rng(seed).standard_normal(shape, dtype=_draw_dtype(dtype))
    return (out * stddev + mean).astype(to_native_dtype(dtype))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    out = _rng(seed).random(shape, dtype=_draw_dtype(dtype))
    return (out * (maxval - minval) + minval).astype(to_native_dtype(dtype))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    rng = _rng(seed)
    out = rng.standard_normal(shape, dtype=_draw_dtype(dtype))
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()), dtype=out.dtype)
        bad = np.abs(out) > 2.0
    return (out * stddev + mean).astype(to_native_dtype(dtype))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return _rng(seed).integers(minval, maxval, shape).astype(to_native_dtype(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = np.asarray(logits, dtype=np.float64)
    p = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    rng = _rng(seed)
    out = np.stack([rng.choice(p.shape[-1], size=num_samples, p=row) for row in p])
    return out.astype(to_native_dtype(dtype)).reshape(p.shape[0], num_samples)


def dropout(inputs, rate, noise_shape=None, seed=None):
    shape = noise_shape if noise_shape is not None else inputs.shape
    keep = np.broadcast_to(_rng(seed).random(shape) >= rate, inputs.shape)
    return np.where(keep, inputs / (1.0 - rate), 0).astype(inputs.dtype)


def shuffle(x, axis=0, seed=None):
    perm = _rng(seed).permutation(x.shape[axis])
    return np.take(x, perm, axis=axis)
