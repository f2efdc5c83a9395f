"""The jax backend's random ops (``keras_core.random``)."""

import jax
import jax.numpy as jnp

from keras_core.backend.common.seed_generator import draw_seed


def _key(seed):
    s = draw_seed(seed)
    return jax.random.fold_in(jax.random.PRNGKey(s[0]), s[1])


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return jax.random.normal(_key(seed), shape, dtype) * stddev + mean


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return jax.random.uniform(_key(seed), shape, dtype, minval, maxval)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return jax.random.truncated_normal(_key(seed), -2.0, 2.0, shape, dtype) * stddev + mean


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return jax.random.randint(_key(seed), shape, minval, maxval, jnp.int64).astype(dtype)


def categorical(logits, num_samples, dtype="int32", seed=None):
    out = jax.random.categorical(_key(seed), logits, axis=-1, shape=(num_samples, logits.shape[0]))
    return jnp.transpose(out).astype(dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    shape = noise_shape if noise_shape is not None else inputs.shape
    keep = jax.random.bernoulli(_key(seed), 1.0 - rate, shape)
    keep = jnp.broadcast_to(keep, inputs.shape)
    return jnp.where(keep, inputs / (1.0 - rate), jnp.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    return jax.random.permutation(_key(seed), x, axis=axis, independent=False)
