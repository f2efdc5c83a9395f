"""Vocabulary lookup layers: IntegerLookup and StringLookup (and their base IndexLookup).

Integer lookups run with ``keras_core.ops`` on every backend (a sorted copy of
the vocabulary and ``searchsorted``), so they work inside compiled models.
String lookups need TensorFlow (``tf.lookup`` hash tables and
``tf.strings.to_hash_bucket_fast`` for out-of-vocabulary buckets); on other
backends they run eagerly through TensorFlow or inside ``tf.data``.

Index layout (``output_mode="int"``): ``0`` is the mask token (if any), then
``num_oov_indices`` OOV indices, then the vocabulary in order. Other output
modes reserve no mask index; mask inputs contribute nothing.
"""

import collections
import os
import sys

import numpy as np

from keras_core import backend, ops
from keras_core.layers.preprocessing.base import (
    PreprocessingLayer,
    in_tf_scope,
    is_tf_tensor,
    iterate_adapt_data,
    require_tf,
)
from keras_core.layers.preprocessing.numeric import encode_categorical, encoded_shape

LOOKUP_OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")


def is_string_input(x) -> bool:
    """Whether ``x`` holds strings (NumPy, lists, TF tensors or a string KerasTensor)."""
    if isinstance(x, backend.KerasTensor):
        return x.dtype == "string"
    if is_tf_tensor(x):
        return x.dtype.name == "string"
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "USO"
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        flat = np.asarray(x, dtype=object).ravel()
        return flat.size > 0 and isinstance(flat[0], (str, bytes))
    return False


def to_tf(x, tf):
    """``x`` (NumPy, list, backend tensor or TF tensor) as a TF tensor."""
    if is_tf_tensor(x):
        return x
    if isinstance(x, (np.ndarray, list, tuple, str, bytes)):
        arr = np.asarray(x)
        if arr.dtype.kind in "UO":
            arr = arr.astype(object)
        return tf.convert_to_tensor(arr)
    try:
        value = np.asarray(backend.convert_to_numpy(x))
    except Exception as e:  # a traced value (e.g. under jax.jit) has no concrete data
        raise ValueError(
            "This layer computes with TensorFlow ops and needs concrete input values, but it "
            f"received a traced {backend.backend()} tensor (inside a compiled function). "
            "Apply it in a tf.data pipeline (`dataset.map(layer)`), or run the model eagerly "
            f"(`compile(run_eagerly=True)`). Received: {type(x).__name__}"
        ) from e
    return tf.convert_to_tensor(value)


def from_tf(x):
    """A TF result as the active backend's tensor (string results stay TF tensors)."""
    if in_tf_scope() or x.dtype.name == "string":
        return x
    return backend.convert_to_tensor(x.numpy())


def read_vocabulary_file(path, encoding="utf-8"):
    if not os.path.isfile(path):
        raise ValueError(f"Vocabulary file {path!r} does not exist.")
    with open(path, encoding=encoding) as f:
        return [line.rstrip("\n").rstrip("\r") for line in f]


class IndexLookup(PreprocessingLayer):
    """Maps tokens to indices (or back, with ``invert``) through a vocabulary.

    See ``IntegerLookup`` and ``StringLookup`` for the arguments.
    """

    _uses_tf_for_tf_inputs = True

    def __init__(
        self,
        max_tokens=None,
        num_oov_indices=1,
        mask_token=None,
        oov_token=None,
        vocabulary=None,
        vocabulary_dtype="int64",
        idf_weights=None,
        invert=False,
        output_mode="int",
        sparse=False,
        pad_to_max_tokens=False,
        encoding="utf-8",
        **kwargs,
    ):
        kwargs.pop("vocabulary_size", None)
        super().__init__(**kwargs)
        name = type(self).__name__
        if output_mode not in LOOKUP_OUTPUT_MODES:
            raise ValueError(
                f"{name}: `output_mode` must be one of {LOOKUP_OUTPUT_MODES}. "
                f"Received: output_mode={output_mode!r}"
            )
        if isinstance(num_oov_indices, bool) or not isinstance(num_oov_indices, int):
            raise ValueError(
                f"{name}: `num_oov_indices` must be a non-negative integer. "
                f"Received: num_oov_indices={num_oov_indices!r}"
            )
        if num_oov_indices < 0:
            raise ValueError(
                f"{name}: `num_oov_indices` must be a non-negative integer. "
                f"Received: num_oov_indices={num_oov_indices}"
            )
        if max_tokens is not None and max_tokens < 1:
            raise ValueError(
                f"{name}: `max_tokens` must be None or a positive integer. "
                f"Received: max_tokens={max_tokens!r}"
            )
        if invert and output_mode != "int":
            raise ValueError(
                f"{name}: `invert=True` needs output_mode='int'. Received: "
                f"output_mode={output_mode!r}"
            )
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(
                f"{name}: `idf_weights` is only used with output_mode='tf_idf'. "
                f"Received: output_mode={output_mode!r}"
            )
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(
                f"{name}: `pad_to_max_tokens=True` needs `max_tokens`. Received: max_tokens=None"
            )
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.vocabulary_dtype = vocabulary_dtype
        self.invert = bool(invert)
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = bool(pad_to_max_tokens)
        self.encoding = encoding
        self._vocab = None
        self._idf = None
        self._tables = None
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # -- vocabulary ---------------------------------------------------------
    @property
    def _is_string(self):
        return self.vocabulary_dtype == "string"

    def _token(self, t):
        if self._is_string:
            return t.decode(self.encoding) if isinstance(t, bytes) else str(t)
        return int(t)

    def _mask_slots(self):
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _specials(self):
        out = [self.mask_token] if self._mask_slots() else []
        return out + [self.oov_token] * self.num_oov_indices

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (a list, array or file path) and, for tf_idf, its idf weights."""
        name = type(self).__name__
        if isinstance(vocabulary, str):
            vocabulary = read_vocabulary_file(vocabulary, self.encoding)
        tokens = [self._token(t) for t in np.asarray(vocabulary, dtype=object).ravel().tolist()]
        specials = self._specials()
        # A vocabulary may start with the special tokens (as get_vocabulary() returns).
        if specials and tokens[: len(specials)] == specials:
            tokens = tokens[len(specials) :]
        for special, what in ((self.mask_token, "mask_token"), (self.oov_token, "oov_token")):
            if special is not None and special in tokens:
                raise ValueError(
                    f"{name}: the vocabulary must not contain the {what} {special!r} (other "
                    "than as the leading special tokens)."
                )
        if len(set(tokens)) != len(tokens):
            dup = [t for t, c in collections.Counter(tokens).items() if c > 1]
            raise ValueError(f"{name}: the vocabulary has repeated tokens: {dup[:5]}")
        if self.max_tokens is not None and len(tokens) + len(specials) > self.max_tokens:
            raise ValueError(
                f"{name}: the vocabulary has {len(tokens) + len(specials)} entries with the "
                f"special tokens, more than max_tokens={self.max_tokens}."
            )
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError(
                    f"{name}: output_mode='tf_idf' needs `idf_weights` with the vocabulary."
                )
            idf = np.asarray(idf_weights, "float64").ravel()
            if idf.size == len(tokens) + len(specials):
                idf = idf[len(specials) :]
            if idf.size != len(tokens):
                raise ValueError(
                    f"{name}: `idf_weights` must have one weight per vocabulary token. "
                    f"Received: {idf.size} weights for {len(tokens)} tokens."
                )
            self._idf = idf
        self._vocab = tokens
        self._tables = None

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        """The vocabulary in index order (with the mask and OOV tokens first by default)."""
        vocab = list(self._vocab or [])
        return self._specials() + vocab if include_special_tokens else vocab

    def vocabulary_size(self) -> int:
        """The number of indices (vocabulary plus special tokens)."""
        return len(self.get_vocabulary())

    def _depth(self):
        return self.max_tokens if self.pad_to_max_tokens else self.vocabulary_size()

    def adapt(self, data, batch_size=None, steps=None):
        """Builds the vocabulary from ``data``: tokens by descending frequency (ties: ascending)."""
        counts = collections.Counter()
        doc_counts = collections.Counter()
        num_docs = 0
        for batch in iterate_adapt_data(data, batch_size, steps):
            arr = np.asarray(batch, dtype=object)
            rows = arr.reshape(arr.shape[0], -1) if arr.ndim > 1 else arr.reshape(-1, 1)
            for row in rows:
                toks = [self._token(t) for t in row]
                toks = [t for t in toks if t != self.mask_token and t != self.oov_token]
                counts.update(toks)
                doc_counts.update(set(toks))
                num_docs += 1
        self._finish_adapt(counts, doc_counts, num_docs)

    def _finish_adapt(self, counts, doc_counts, num_docs):
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        tokens = [t for t, _ in ordered]
        if self.max_tokens is not None:
            tokens = tokens[: max(self.max_tokens - len(self._specials()), 0)]
        idf = None
        if self.output_mode == "tf_idf":
            df = np.array([doc_counts[t] for t in tokens], "float64")
            idf = np.log(1.0 + num_docs / (1.0 + df))
        self._vocab, self._idf, self._tables = None, None, None
        self.set_vocabulary(tokens, idf)

    # -- lookup -------------------------------------------------------------
    def _require_vocab(self):
        if self._vocab is None:
            raise ValueError(
                f"{type(self).__name__} has no vocabulary: pass `vocabulary=` or call `adapt`."
            )

    def _lookup_ops(self, inputs):
        """Integer token -> index with keras_core.ops (every backend)."""
        inputs = ops.cast(inputs, "int64")
        keys = np.asarray(self._vocab, "int64")
        start = self._mask_slots() + self.num_oov_indices
        if keys.size:
            perm = np.argsort(keys, kind="stable")
            sorted_keys = ops.convert_to_tensor(keys[perm], "int64")
            pos = ops.searchsorted(sorted_keys, inputs, side="left")
            pos = ops.minimum(pos, keys.size - 1)
            found = ops.equal(ops.take(sorted_keys, pos), inputs)
            ids = ops.take(ops.convert_to_tensor(perm.astype("int64") + start), pos)
        else:
            found = ops.zeros_like(inputs, "bool")
            ids = ops.zeros_like(inputs)
        oov = self._oov_ids(ops.mod(inputs, max(self.num_oov_indices, 1)))
        ids = ops.where(found, ids, oov)
        if self._mask_slots():
            ids = ops.where(ops.equal(inputs, int(self.mask_token)), 0, ids)
        elif self.mask_token is not None:
            ids = ops.where(ops.equal(inputs, int(self.mask_token)), -1, ids)
        return ids

    def _oov_ids(self, bucket):
        if self.num_oov_indices == 0:
            return ops.full_like(bucket, -1)
        return bucket + self._mask_slots()

    def _invert_ops(self, inputs):
        table = np.asarray(self.get_vocabulary(), "int64")
        ids = ops.cast(inputs, "int64")
        valid = ops.logical_and(ops.greater_equal(ids, 0), ops.less(ids, table.size))
        safe = ops.where(valid, ids, 0)
        out = ops.take(ops.convert_to_tensor(table), safe)
        oov = int(self.oov_token) if self.oov_token is not None else -1
        return ops.where(valid, out, oov)

    def _tf_tables(self, tf):
        if self._tables is None:
            key_dtype = tf.string if self._is_string else tf.int64
            keys = np.asarray(self._vocab, dtype=object if self._is_string else "int64")
            start = self._mask_slots() + self.num_oov_indices
            values = np.arange(start, start + len(self._vocab), dtype="int64")
            with tf.init_scope():
                init = tf.lookup.KeyValueTensorInitializer(
                    tf.constant(keys, dtype=key_dtype), tf.constant(values, tf.int64)
                )
                table = tf.lookup.StaticHashTable(init, default_value=-1)
            self._tables = table
        return self._tables

    def _lookup_tf(self, inputs, tf):
        x = inputs if self._is_string else tf.cast(inputs, tf.int64)
        ids = self._tf_tables(tf).lookup(x)
        n = max(self.num_oov_indices, 1)
        if self._is_string:
            bucket = tf.strings.to_hash_bucket_fast(x, n)
        else:
            bucket = tf.math.floormod(x, n)
        oov = bucket + self._mask_slots() if self.num_oov_indices else tf.fill(tf.shape(x), -1)
        ids = tf.where(ids < 0, tf.cast(oov, tf.int64), ids)
        if self.mask_token is not None:
            mask = tf.equal(x, tf.constant(self.mask_token, x.dtype))
            ids = tf.where(mask, tf.constant(0 if self._mask_slots() else -1, tf.int64), ids)
        return ids

    def _invert_tf(self, inputs, tf):
        vocab = self.get_vocabulary()
        dtype = tf.string if self._is_string else tf.int64
        table = tf.constant(np.asarray(vocab, dtype=object if self._is_string else "int64"), dtype)
        ids = tf.cast(inputs, tf.int64)
        valid = tf.logical_and(ids >= 0, ids < len(vocab))
        out = tf.gather(table, tf.where(valid, ids, tf.zeros_like(ids)))
        oov = self.oov_token if self.oov_token is not None else ("" if self._is_string else -1)
        return tf.where(valid, out, tf.constant(oov, dtype))

    def _idf_vector(self):
        idf = np.zeros(self._depth(), "float64")
        oov = float(self._idf.mean()) if self._idf is not None and self._idf.size else 0.0
        idf[: self.num_oov_indices] = oov
        start = self.num_oov_indices
        idf[start : start + len(self._vocab)] = self._idf
        return idf

    def _encode(self, ids):
        if self.output_mode == "int":
            return ids
        depth = self._depth()
        out = encode_categorical(
            ids,
            self.output_mode if self.output_mode != "tf_idf" else "count",
            depth,
            dtype=self.compute_dtype,
        )
        if self.output_mode == "tf_idf":
            out = out * ops.convert_to_tensor(self._idf_vector(), self.compute_dtype)
        return out

    def __call__(self, inputs, *args, **kwargs):
        strings = is_string_input(inputs)
        if isinstance(inputs, backend.KerasTensor) or (
            backend.backend() == "tensorflow" and not is_tf_tensor(inputs) and not strings
        ):
            return super().__call__(inputs, *args, **kwargs)
        if strings or is_tf_tensor(inputs) or self._is_string:
            tf = sys.modules.get("tensorflow") or require_tf(
                f"{type(self).__name__} on string inputs"
            )
            x = to_tf(inputs, tf)
            if backend.backend() == "tensorflow":
                return super().__call__(x, *args, **kwargs)
            if in_tf_scope() or not tf.executing_eagerly():
                return self._call_in_tf(x)
            return self._call_tf_eager(x, tf)
        return super().__call__(inputs, *args, **kwargs)

    def _call_tf_eager(self, x, tf):
        """Non-TF backend, eager: TF does the lookup; numeric results become backend tensors."""
        self._require_vocab()
        out = self._invert_tf(x, tf) if self.invert else self._lookup_tf(x, tf)
        if out.dtype == tf.string:
            return out
        return self._encode(backend.convert_to_tensor(out.numpy()))

    def call(self, inputs):
        self._require_vocab()
        use_tf = in_tf_scope() and (is_tf_tensor(inputs) or backend.backend() == "tensorflow")
        if use_tf:
            tf = sys.modules["tensorflow"]
            inputs = tf.convert_to_tensor(inputs)
            if inputs.dtype == tf.string and not self._is_string:
                raise ValueError(
                    f"{type(self).__name__}: received string inputs but the vocabulary is of "
                    f"dtype {self.vocabulary_dtype}."
                )
            if self._is_string and inputs.dtype != tf.string and not self.invert:
                raise ValueError(
                    f"{type(self).__name__}: a string vocabulary needs string inputs. "
                    f"Received inputs of dtype {inputs.dtype.name}"
                )
            if self.invert:
                return self._invert_tf(inputs, tf)
            return self._encode(self._lookup_tf(inputs, tf))
        if self._is_string:
            raise ValueError(
                f"{type(self).__name__}: a string vocabulary needs string inputs. Received "
                f"inputs of dtype {backend.standardize_dtype(inputs.dtype)}"
            )
        if self.invert:
            return self._invert_ops(inputs)
        return self._encode(self._lookup_ops(inputs))

    def compute_output_spec(self, inputs):
        if self.invert:
            dtype = "string" if self._is_string else "int64"
            return backend.KerasTensor(inputs.shape, dtype=dtype)
        if self.output_mode == "int":
            return backend.KerasTensor(inputs.shape, dtype="int64")
        mode = "count" if self.output_mode == "tf_idf" else self.output_mode
        depth = self._depth() if (self._vocab is not None or self.pad_to_max_tokens) else None
        shape = encoded_shape(inputs.shape, mode, depth)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "max_tokens": self.max_tokens,
                "num_oov_indices": self.num_oov_indices,
                "mask_token": self.mask_token,
                "oov_token": self.oov_token,
                "vocabulary": self.get_vocabulary(False) if self._vocab is not None else None,
                "idf_weights": self._idf.tolist() if self._idf is not None else None,
                "invert": self.invert,
                "output_mode": self.output_mode,
                "sparse": self.sparse,
                "pad_to_max_tokens": self.pad_to_max_tokens,
            }
        )
        return config


class IntegerLookup(IndexLookup):
    """Maps integer tokens to contiguous indices (or back, with ``invert=True``).

    Runs with ``keras_core.ops`` on every backend (also inside compiled models).

    Args:
        max_tokens: the most indices (vocabulary plus special tokens); None: no limit.
        num_oov_indices: out-of-vocabulary buckets (token ``t`` goes to bucket
            ``t mod num_oov_indices``); with 0, OOV tokens map to -1.
        mask_token: a token mapped to index 0 (in "int" mode), or None.
        oov_token: the token ``invert`` returns for OOV indices.
        vocabulary: a list of ints or a file with one int per line.
        vocabulary_dtype: "int64" (or "int32").
        idf_weights: with output_mode="tf_idf", one weight per vocabulary token.
        invert: map indices back to tokens.
        output_mode: "int", "one_hot", "multi_hot", "count" or "tf_idf".
        sparse: accepted; outputs are dense.
        pad_to_max_tokens: encode over ``max_tokens`` columns.

    Example:
    >>> layer = keras_core.layers.IntegerLookup(vocabulary=[12, 36, 1138, 42])
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[12, 1138, 42], [42, 1000, 36]]))).tolist()
    [[1, 3, 4], [4, 0, 2]]
    """

    def __init__(
        self,
        max_tokens=None,
        num_oov_indices=1,
        mask_token=None,
        oov_token=-1,
        vocabulary=None,
        vocabulary_dtype="int64",
        idf_weights=None,
        invert=False,
        output_mode="int",
        sparse=False,
        pad_to_max_tokens=False,
        name=None,
        **kwargs,
    ):
        if vocabulary_dtype not in ("int64", "int32"):
            raise ValueError(
                "IntegerLookup: `vocabulary_dtype` must be 'int64' or 'int32'. "
                f"Received: vocabulary_dtype={vocabulary_dtype!r}"
            )
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=int(mask_token) if mask_token is not None else None,
            oov_token=int(oov_token) if oov_token is not None else None,
            vocabulary=vocabulary,
            vocabulary_dtype=vocabulary_dtype,
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            sparse=sparse,
            pad_to_max_tokens=pad_to_max_tokens,
            name=name,
            **kwargs,
        )

    def get_config(self):
        config = super().get_config()
        config["vocabulary_dtype"] = self.vocabulary_dtype
        return config


class StringLookup(IndexLookup):
    """Maps string tokens to contiguous indices (or back, with ``invert=True``).

    Needs TensorFlow (``tf.lookup``); on other backends it runs eagerly through
    TensorFlow (numeric outputs become backend tensors) or inside ``tf.data``.

    Args:
        max_tokens, num_oov_indices, idf_weights, invert, output_mode, sparse,
            pad_to_max_tokens: as IntegerLookup (OOV buckets come from
            ``tf.strings.to_hash_bucket_fast``).
        mask_token: a string mapped to index 0 (in "int" mode), or None.
        oov_token: the token ``invert`` returns for OOV indices (default "[UNK]").
        vocabulary: a list of strings or a file with one token per line.
        encoding: the text encoding of bytes tokens and vocabulary files.
    """

    def __init__(
        self,
        max_tokens=None,
        num_oov_indices=1,
        mask_token=None,
        oov_token="[UNK]",
        vocabulary=None,
        idf_weights=None,
        invert=False,
        output_mode="int",
        pad_to_max_tokens=False,
        sparse=False,
        encoding="utf-8",
        name=None,
        **kwargs,
    ):
        kwargs.pop("vocabulary_dtype", None)
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=mask_token,
            oov_token=oov_token,
            vocabulary=vocabulary,
            vocabulary_dtype="string",
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            sparse=sparse,
            pad_to_max_tokens=pad_to_max_tokens,
            encoding=encoding,
            name=name,
            **kwargs,
        )

    def get_config(self):
        config = super().get_config()
        config["encoding"] = self.encoding
        return config
