"""Hashing layers: Hashing and HashedCrossing (TensorFlow's FarmHash-based string hashing).

The bucket numbers are TensorFlow's: ``tf.strings.to_hash_bucket_fast``
(FarmHash Fingerprint64) without a salt, ``tf.strings.to_hash_bucket_strong``
(SipHash keyed by the salt) with one, and ``tf.sparse.cross_hashed`` for
crosses; integers are hashed through their decimal strings. These layers
therefore need TensorFlow on every backend: on other backends they run eagerly
through TensorFlow (results become backend tensors) or inside ``tf.data``.
"""

import sys

from keras_core import backend
from keras_core.layers.preprocessing.base import (
    PreprocessingLayer,
    in_tf_scope,
    require_tf,
)
from keras_core.layers.preprocessing.lookup import from_tf, to_tf
from keras_core.layers.preprocessing.numeric import encode_categorical, encoded_shape

HASH_OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


def _tf(what):
    return sys.modules.get("tensorflow") or require_tf(what)


class _TFHashLayer(PreprocessingLayer):
    """Runs ``_hash`` with TensorFlow, then encodes with keras_core.ops."""

    def _check_mode(self, output_mode, num_bins):
        name = type(self).__name__
        if output_mode not in HASH_OUTPUT_MODES:
            raise ValueError(
                f"{name}: `output_mode` must be one of {HASH_OUTPUT_MODES}. "
                f"Received: output_mode={output_mode!r}"
            )
        if isinstance(num_bins, bool) or not isinstance(num_bins, int) or num_bins < 1:
            raise ValueError(
                f"{name}: `num_bins` must be a positive integer. Received: num_bins={num_bins!r}"
            )

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, backend.KerasTensor) or (
            isinstance(inputs, (list, tuple))
            and any(isinstance(i, backend.KerasTensor) for i in inputs)
        ):
            return super().__call__(inputs, *args, **kwargs)
        tf = _tf(f"{type(self).__name__}")
        if isinstance(inputs, (list, tuple)) and not isinstance(self, Hashing):
            x = tuple(to_tf(i, tf) for i in inputs)
        else:
            x = to_tf(inputs, tf)
        if backend.backend() == "tensorflow" or in_tf_scope() or not tf.executing_eagerly():
            if backend.backend() == "tensorflow":
                return super().__call__(x, *args, **kwargs)
            return self._call_in_tf(x)
        return self._encode(from_tf(self._hash(x, tf)))

    def _call_in_tf(self, inputs, *args, **kwargs):
        from keras_core.layers.preprocessing.base import tf_backend_scope

        with tf_backend_scope():
            return self.call(inputs)

    def call(self, inputs):
        tf = _tf(type(self).__name__)
        if isinstance(inputs, (list, tuple)):
            inputs = tuple(tf.convert_to_tensor(i) for i in inputs)
        else:
            inputs = tf.convert_to_tensor(inputs)
        return self._encode(self._hash(inputs, tf))

    def _encode(self, ids):
        if self.output_mode == "int":
            return ids
        return encode_categorical(ids, self.output_mode, self.num_bins, dtype=self.compute_dtype)


class Hashing(_TFHashLayer):
    """Hashes strings or integers into ``num_bins`` buckets.

    Args:
        num_bins: the number of buckets (including the mask bucket 0 when
            ``mask_value`` is set).
        mask_value: a value mapped to bucket 0 (other values go to
            ``1 + hash mod (num_bins - 1)``).
        salt: an int or a pair of ints: use the keyed SipHash
            (``to_hash_bucket_strong``) instead of FarmHash.
        output_mode: "int", "one_hot", "multi_hot" or "count".
        sparse: accepted; outputs are dense.

    Example:
    >>> layer = keras_core.layers.Hashing(num_bins=3)
    >>> out = layer(np.array([["A"], ["B"], ["C"], ["D"], ["E"]]))
    >>> keras_core.ops.convert_to_numpy(out).ravel().tolist()
    [1, 0, 1, 1, 2]
    """

    def __init__(
        self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False, **kwargs
    ):
        if "dtype" not in kwargs or kwargs["dtype"] is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else backend.floatx()
        super().__init__(**kwargs)
        self._check_mode(output_mode, num_bins)
        if salt is not None:
            if isinstance(salt, int) and not isinstance(salt, bool):
                salt = [salt, salt]
            elif not (isinstance(salt, (list, tuple)) and len(salt) == 2):
                raise ValueError(
                    f"Hashing: `salt` must be an int or a pair of ints. Received: salt={salt!r}"
                )
            salt = [int(s) for s in salt]
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.salt = salt
        self.output_mode = output_mode
        self.sparse = sparse

    def _hash(self, x, tf):
        if x.dtype.is_floating:
            raise ValueError(
                f"Hashing: inputs must be strings or integers. Received: dtype={x.dtype.name}"
            )
        strings = x if x.dtype == tf.string else tf.strings.as_string(x)
        bins = self.num_bins - (1 if self.mask_value is not None else 0)
        if self.salt is not None:
            ids = tf.strings.to_hash_bucket_strong(strings, bins, key=self.salt)
        else:
            ids = tf.strings.to_hash_bucket_fast(strings, bins)
        if self.mask_value is not None:
            mask = tf.equal(x, tf.constant(self.mask_value, x.dtype))
            ids = tf.where(mask, tf.zeros_like(ids), ids + 1)
        return ids

    def compute_output_spec(self, inputs):
        if self.output_mode == "int":
            return backend.KerasTensor(inputs.shape, dtype="int64")
        shape = encoded_shape(inputs.shape, self.output_mode, self.num_bins)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_bins": self.num_bins,
                "mask_value": self.mask_value,
                "salt": self.salt,
                "output_mode": self.output_mode,
                "sparse": self.sparse,
            }
        )
        return config


class HashedCrossing(_TFHashLayer):
    """Crosses several categorical features and hashes the cross into ``num_bins`` buckets.

    Takes a tuple of same-shaped scalar features (strings or integers) per
    sample, ``(batch,)`` or ``(batch, 1)``, and returns one bucket per sample
    (``tf.sparse.cross_hashed``).

    Args:
        num_bins: the number of buckets.
        output_mode: "int" or "one_hot".
        sparse: accepted; outputs are dense.

    Example:
    >>> layer = keras_core.layers.HashedCrossing(num_bins=5)
    >>> out = layer((np.array([1, 2, 3]), np.array(["A", "B", "C"])))
    >>> keras_core.ops.shape(out)
    (3,)
    """

    def __init__(self, num_bins, output_mode="int", sparse=False, name=None, dtype=None, **kwargs):
        if dtype is None:
            dtype = "int64" if output_mode == "int" else backend.floatx()
        super().__init__(name=name, dtype=dtype, **kwargs)
        if output_mode not in ("int", "one_hot"):
            raise ValueError(
                "HashedCrossing: `output_mode` must be 'int' or 'one_hot'. "
                f"Received: output_mode={output_mode!r}"
            )
        self._check_mode(output_mode, num_bins)
        self.num_bins = num_bins
        self.output_mode = output_mode
        self.sparse = sparse

    def _hash(self, inputs, tf):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise ValueError(
                "HashedCrossing: call it on a tuple of at least two features. "
                f"Received: {type(inputs).__name__}"
            )
        rank = inputs[0].shape.rank
        if rank not in (0, 1, 2) or any(i.shape.rank != rank for i in inputs):
            raise ValueError(
                "HashedCrossing: every feature must have the same rank, 0, 1 or 2 ((batch, 1)). "
                f"Received shapes: {[tuple(i.shape) for i in inputs]}"
            )
        shape = tf.shape(inputs[0])
        cols = [tf.reshape(i, (-1, 1)) for i in inputs]
        cols = [c if c.dtype == tf.string else tf.cast(c, tf.int64) for c in cols]
        crossed = tf.sparse.cross_hashed(cols, num_buckets=self.num_bins)
        dense = tf.sparse.to_dense(crossed)
        return tf.reshape(dense, shape)

    def compute_output_spec(self, inputs):
        first = inputs[0]
        if self.output_mode == "int":
            return backend.KerasTensor(first.shape, dtype="int64")
        shape = encoded_shape(first.shape, "one_hot", self.num_bins)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {"num_bins": self.num_bins, "output_mode": self.output_mode, "sparse": self.sparse}
        )
        return config
