import tensorflow as tf

from keras_core.backend.common.seed_generator import draw_seed


def _seed(seed):
    return tf.cast(draw_seed(seed), "int64")


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.stateless_normal(shape, _seed(seed), mean, stddev, dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return tf.random.stateless_uniform(shape, _seed(seed), minval, maxval, dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.stateless_truncated_normal(shape, _seed(seed), mean, stddev, dtype)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    out = tf.random.stateless_uniform(shape, _seed(seed), minval, maxval, "int64")
    return tf.cast(out, dtype)


def categorical(logits, num_samples, dtype="int32", seed=None):
    out = tf.random.stateless_categorical(
        tf.cast(logits, "float64"), num_samples, _seed(seed), "int64"
    )
    return tf.cast(out, dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    shape = noise_shape if noise_shape is not None else tf.shape(inputs)
    keep = tf.random.stateless_uniform(shape, _seed(seed)) >= rate
    keep = tf.broadcast_to(keep, tf.shape(inputs))
    return tf.where(keep, inputs / (1.0 - rate), tf.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    keys = tf.random.stateless_uniform((tf.shape(x)[axis],), _seed(seed))
    return tf.gather(x, tf.argsort(keys), axis=axis)
