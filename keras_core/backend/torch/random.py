"""The torch backend's random functions (see keras_core/backend/README.md)."""

import torch

from keras_core.backend.common.seed_generator import draw_seed
from keras_core.backend.torch.core import to_native_dtype

_MIX = 6364136223846793005


def _generator(seed):
    a, b = (int(v) for v in draw_seed(seed).tolist())
    gen = torch.Generator()
    gen.manual_seed((a * _MIX + b) % (2**63))
    return gen


def _draw_dtype(dtype):
    # Draw in float32 (float64 when asked) and cast: CPU kernels for the half types are limited.
    return torch.float64 if dtype == "float64" else torch.float32


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    out = torch.randn(shape, generator=_generator(seed), dtype=_draw_dtype(dtype))
    return (out * stddev + mean).to(to_native_dtype(dtype))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    out = torch.rand(shape, generator=_generator(seed), dtype=_draw_dtype(dtype))
    return (out * (maxval - minval) + minval).to(to_native_dtype(dtype))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    gen = _generator(seed)
    out = torch.randn(shape, generator=gen, dtype=_draw_dtype(dtype))
    bad = out.abs() > 2.0
    while bool(bad.any()):
        out = torch.where(bad, torch.randn(shape, generator=gen, dtype=out.dtype), out)
        bad = out.abs() > 2.0
    return (out * stddev + mean).to(to_native_dtype(dtype))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    out = torch.randint(
        int(minval), int(maxval), shape, generator=_generator(seed), dtype=torch.int64
    )
    return out.to(to_native_dtype(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    probs = torch.softmax(logits.to(torch.float64), dim=-1)
    out = torch.multinomial(probs, num_samples, replacement=True, generator=_generator(seed))
    return out.to(to_native_dtype(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    shape = noise_shape if noise_shape is not None else inputs.shape
    keep = torch.rand(shape, generator=_generator(seed)) >= rate
    keep = torch.broadcast_to(keep, inputs.shape)
    return torch.where(keep, inputs / (1.0 - rate), torch.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    perm = torch.randperm(x.shape[axis], generator=_generator(seed))
    return torch.index_select(x, axis, perm)
