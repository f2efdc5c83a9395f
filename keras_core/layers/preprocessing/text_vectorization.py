"""TextVectorization: standardize, split, n-grams and vocabulary lookup of text (TensorFlow).

Text processing uses ``tf.strings``, so the layer needs TensorFlow on every
backend: on TensorFlow it runs in models and ``tf.data``; on other backends it
runs eagerly through TensorFlow (numeric results become backend tensors) or
inside ``tf.data`` (``dataset.map(layer)``), the usual way to feed a model.
"""

import sys

import numpy as np

from keras_core import backend
from keras_core.layers.layer import Layer
from keras_core.layers.preprocessing.base import in_tf_scope, iterate_adapt_data, require_tf
from keras_core.layers.preprocessing.lookup import StringLookup, from_tf, to_tf

STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
SPLIT = ("whitespace", "character")
TEXT_OUTPUT_MODES = ("int", "multi_hot", "count", "tf_idf")
PUNCTUATION = r'[!"#$%&()\*\+,\-\./:;<=>?@\[\\\]^_`{|}~\']'


def _tf():
    return sys.modules.get("tensorflow") or require_tf("TextVectorization")


class TextVectorization(Layer):
    """Turns strings into token-index sequences or bag-of-tokens vectors.

    Steps: standardize each string, split it into tokens, form n-grams, then
    look the tokens up in the vocabulary (index 0 is padding "", 1 is OOV
    "[UNK]" in "int" mode; "[UNK]" is index 0 in the other modes).

    Args:
        max_tokens: the vocabulary size limit (including the special tokens).
        standardize: None, "lower_and_strip_punctuation", "lower",
            "strip_punctuation" or a callable on a TF string tensor.
        split: None, "whitespace", "character" or a callable.
        ngrams: None, an int ``n`` (all n-grams up to ``n``) or a tuple of sizes.
        output_mode: "int", "multi_hot", "count" or "tf_idf".
        output_sequence_length: with "int", pad or truncate to this length.
        pad_to_max_tokens: in bag modes, use ``max_tokens`` columns.
        vocabulary: a list of tokens or a file with one per line.
        idf_weights: with "tf_idf" and ``vocabulary``.
        sparse, ragged: accepted; outputs are dense (padded with 0).
        encoding: the text encoding.

    Raises:
        ImportError: when TensorFlow is not installed.
    """

    def __init__(
        self,
        max_tokens=None,
        standardize="lower_and_strip_punctuation",
        split="whitespace",
        ngrams=None,
        output_mode="int",
        output_sequence_length=None,
        pad_to_max_tokens=False,
        vocabulary=None,
        idf_weights=None,
        sparse=False,
        ragged=False,
        encoding="utf-8",
        name=None,
        **kwargs,
    ):
        _tf()
        kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        if standardize is not None and not callable(standardize) and standardize not in STANDARDIZE:
            raise ValueError(
                f"TextVectorization: `standardize` must be None, a callable or one of "
                f"{STANDARDIZE}. Received: standardize={standardize!r}"
            )
        if split is not None and not callable(split) and split not in SPLIT:
            raise ValueError(
                f"TextVectorization: `split` must be None, a callable or one of {SPLIT}. "
                f"Received: split={split!r}"
            )
        if output_mode not in TEXT_OUTPUT_MODES:
            raise ValueError(
                f"TextVectorization: `output_mode` must be one of {TEXT_OUTPUT_MODES}. "
                f"Received: output_mode={output_mode!r}"
            )
        if isinstance(ngrams, int) and not isinstance(ngrams, bool):
            if ngrams < 1:
                raise ValueError(
                    f"TextVectorization: `ngrams` must be >= 1. Received: ngrams={ngrams}"
                )
            self._ngram_sizes = tuple(range(1, ngrams + 1))
        elif ngrams is None:
            self._ngram_sizes = None
        elif isinstance(ngrams, (tuple, list)) and all(isinstance(n, int) for n in ngrams):
            self._ngram_sizes = tuple(ngrams)
        else:
            raise ValueError(
                "TextVectorization: `ngrams` must be None, an int or a tuple of ints. "
                f"Received: ngrams={ngrams!r}"
            )
        if output_sequence_length is not None and output_mode != "int":
            raise ValueError(
                "TextVectorization: `output_sequence_length` needs output_mode='int'. "
                f"Received: output_mode={output_mode!r}"
            )
        self.max_tokens = max_tokens
        self.standardize = standardize
        self.split = split
        self.ngrams = ngrams
        self.output_mode = output_mode
        self.output_sequence_length = output_sequence_length
        self.pad_to_max_tokens = pad_to_max_tokens
        self.sparse = sparse
        self.ragged = ragged
        self.encoding = encoding
        self._lookup = StringLookup(
            max_tokens=max_tokens,
            mask_token="" if output_mode == "int" else None,
            oov_token="[UNK]",
            vocabulary=vocabulary,
            idf_weights=idf_weights,
            output_mode="int",
            pad_to_max_tokens=pad_to_max_tokens,
            encoding=encoding,
            name=f"{self.name}_lookup",
        )
        self._tf_idf_idf = idf_weights

    # -- text processing ----------------------------------------------------
    def _tokens(self, x, tf):
        """Standardized, split and n-grammed tokens: a ``(batch, None)`` RaggedTensor."""
        if x.shape.rank is not None and x.shape.rank > 1 and x.shape[-1] == 1:
            x = tf.squeeze(x, -1)
        if self.standardize in ("lower", "lower_and_strip_punctuation"):
            x = tf.strings.lower(x)
        if self.standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
            x = tf.strings.regex_replace(x, PUNCTUATION, "")
        if callable(self.standardize):
            x = self.standardize(x)
        if self.split == "whitespace":
            tokens = tf.strings.split(x)
        elif self.split == "character":
            tokens = tf.strings.unicode_split(x, "UTF-8")
        elif callable(self.split):
            tokens = self.split(x)
        else:
            tokens = tf.RaggedTensor.from_tensor(tf.expand_dims(x, -1))
        if self._ngram_sizes is not None:
            tokens = tf.strings.ngrams(tokens, ngram_width=self._ngram_sizes, separator=" ")
        return tokens

    # -- vocabulary ---------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Builds the vocabulary (and idf weights for tf_idf) from text data."""
        import collections

        tf = _tf()
        counts, doc_counts, num_docs = collections.Counter(), collections.Counter(), 0
        for batch in iterate_adapt_data(data, batch_size, steps):
            tokens = self._tokens(tf.convert_to_tensor(np.asarray(batch, dtype=object)), tf)
            for row in tokens.to_list():
                row = [t.decode(self.encoding) for t in row]
                row = [t for t in row if t not in ("", "[UNK]")]
                counts.update(row)
                doc_counts.update(set(row))
                num_docs += 1
        mode = self._lookup.output_mode
        self._lookup.output_mode = "tf_idf" if self.output_mode == "tf_idf" else "int"
        try:
            self._lookup._finish_adapt(counts, doc_counts, num_docs)
        finally:
            self._lookup.output_mode = mode

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (list or file) and, for tf_idf, the idf weights."""
        mode = self._lookup.output_mode
        self._lookup.output_mode = "tf_idf" if self.output_mode == "tf_idf" else "int"
        try:
            self._lookup.set_vocabulary(vocabulary, idf_weights)
        finally:
            self._lookup.output_mode = mode

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        return self._lookup.get_vocabulary(include_special_tokens)

    def vocabulary_size(self) -> int:
        return self._lookup.vocabulary_size()

    # -- call -----------------------------------------------------------------
    def _depth(self):
        return self.max_tokens if self.pad_to_max_tokens else self.vocabulary_size()

    def _vectorize(self, x, tf):
        self._lookup._require_vocab()
        tokens = self._tokens(x, tf)
        ids = tf.ragged.map_flat_values(lambda t: self._lookup._lookup_tf(t, tf), tokens)
        if self.output_mode == "int":
            dense = ids.to_tensor(default_value=0)
            if self.output_sequence_length is not None:
                n = self.output_sequence_length
                dense = dense[:, :n]
                dense = tf.pad(dense, [[0, 0], [0, n - tf.shape(dense)[1]]])
                dense = tf.ensure_shape(dense, [None, n])
            return dense
        depth = self._depth()
        binary = self.output_mode == "multi_hot"
        counts = tf.math.bincount(
            tf.cast(ids, tf.int32),
            minlength=depth,
            maxlength=depth,
            dtype=tf.float32,
            axis=-1,
            binary_output=binary,
        )
        if self.output_mode == "tf_idf":
            counts = counts * tf.constant(self._lookup._idf_vector()[:depth], tf.float32)
        return tf.cast(counts, self.compute_dtype)

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, backend.KerasTensor):
            return super().__call__(inputs, *args, **kwargs)
        tf = _tf()
        x = to_tf(inputs, tf)
        if x.dtype != tf.string:
            raise ValueError(
                f"TextVectorization: inputs must be strings. Received: dtype={x.dtype.name}"
            )
        if backend.backend() == "tensorflow":
            return super().__call__(x, *args, **kwargs)
        out = self._vectorize(x, tf)
        return out if in_tf_scope() or not tf.executing_eagerly() else from_tf(out)

    def call(self, inputs):
        tf = _tf()
        return self._vectorize(tf.convert_to_tensor(inputs), tf)

    def compute_output_spec(self, inputs):
        batch = inputs.shape[0] if inputs.shape else None
        if self.output_mode == "int":
            return backend.KerasTensor((batch, self.output_sequence_length), dtype="int64")
        depth = self._depth() if self._lookup._vocab is not None else None
        return backend.KerasTensor((batch, depth), dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        vocab = self._lookup._vocab
        idf = self._lookup._idf
        config.update(
            {
                "max_tokens": self.max_tokens,
                "standardize": self.standardize if not callable(self.standardize) else None,
                "split": self.split if not callable(self.split) else None,
                "ngrams": self.ngrams,
                "output_mode": self.output_mode,
                "output_sequence_length": self.output_sequence_length,
                "pad_to_max_tokens": self.pad_to_max_tokens,
                "vocabulary": list(vocab) if vocab is not None else None,
                "idf_weights": idf.tolist() if idf is not None else None,
                "sparse": self.sparse,
                "ragged": self.ragged,
                "encoding": self.encoding,
            }
        )
        return config
