"""ReversibleEmbedding: an embedding that also maps vectors back to vocabulary logits."""

from keras_core import backend, ops
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.core.embedding import Embedding


class ReversibleEmbedding(Embedding):
    """An ``Embedding`` whose ``call(x, reverse=True)`` projects ``(..., output_dim)``
    vectors to ``(..., input_dim)`` logits, as the output layer of a language model.

    With ``tie_weights=True`` (the default) the projection is the transposed
    embedding matrix; otherwise a separate ``reverse_embeddings`` weight of shape
    ``(output_dim, input_dim)`` is created.

    Args:
        input_dim, output_dim, embeddings_initializer, embeddings_regularizer,
        embeddings_constraint, mask_zero: as in ``Embedding``.
        tie_weights: share the matrix between the two directions.
        reverse_dtype: the dtype of the reverse projection (e.g. ``"float32"``
            under mixed precision); default: the inputs' dtype.
        logit_soft_cap: if set, logits become ``tanh(logits / cap) * cap``.

    Example:
    >>> layer = keras_core.layers.ReversibleEmbedding(10, 4)
    >>> vectors = layer(np.array([[1, 2, 3]]))
    >>> tuple(layer(vectors, reverse=True).shape)
    (1, 3, 10)
    """

    def __init__(
        self,
        input_dim,
        output_dim,
        tie_weights=True,
        embeddings_initializer="uniform",
        embeddings_regularizer=None,
        embeddings_constraint=None,
        mask_zero=False,
        reverse_dtype=None,
        logit_soft_cap=None,
        **kwargs,
    ):
        super().__init__(
            input_dim,
            output_dim,
            embeddings_initializer=embeddings_initializer,
            embeddings_regularizer=embeddings_regularizer,
            embeddings_constraint=embeddings_constraint,
            mask_zero=mask_zero,
            **kwargs,
        )
        self.tie_weights = bool(tie_weights)
        self.reverse_dtype = (
            backend.standardize_dtype(reverse_dtype) if reverse_dtype is not None else None
        )
        if logit_soft_cap is not None and (
            isinstance(logit_soft_cap, bool)
            or not isinstance(logit_soft_cap, (int, float))
            or logit_soft_cap <= 0
        ):
            raise ValueError(
                "ReversibleEmbedding expects `logit_soft_cap` to be a positive number or None. "
                f"Received: logit_soft_cap={logit_soft_cap!r}"
            )
        self.logit_soft_cap = logit_soft_cap

    def build(self, input_shape=None):
        super().build(input_shape)
        if not self.tie_weights:
            self.reverse_embeddings = self.add_weight(
                name="reverse_embeddings",
                shape=(self.output_dim, self.input_dim),
                initializer=self.embeddings_initializer,
                regularizer=self.embeddings_regularizer,
                constraint=self.embeddings_constraint,
            )

    def call(self, inputs, reverse=False):
        if not reverse:
            return super().call(inputs)
        if self.tie_weights:
            kernel = ops.transpose(self.embeddings)
        else:
            kernel = self.reverse_embeddings
        dtype = self.reverse_dtype or (
            inputs.dtype if backend.is_float_dtype(inputs.dtype) else self.compute_dtype
        )
        logits = ops.matmul(ops.cast(inputs, dtype), ops.cast(kernel, dtype))
        if self.logit_soft_cap is not None:
            cap = self.logit_soft_cap
            logits = ops.multiply(ops.tanh(ops.divide(logits, cap)), cap)
        return logits

    def compute_mask(self, inputs, mask=None):
        if not backend.is_int_dtype(backend.standardize_dtype(inputs.dtype)):
            return None  # a reverse call: no padding index to mask
        return super().compute_mask(inputs, mask)

    def compute_output_shape(self, input_shape, reverse=False):
        if reverse:
            return tuple(input_shape[:-1]) + (self.input_dim,)
        return super().compute_output_shape(input_shape)

    def compute_output_spec(self, inputs, reverse=False):
        shape = self.compute_output_shape(tuple(inputs.shape), reverse=reverse)
        if reverse:
            dtype = self.reverse_dtype or (
                inputs.dtype if backend.is_float_dtype(inputs.dtype) else self.compute_dtype
            )
        else:
            dtype = self.compute_dtype
        return KerasTensor(shape, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "tie_weights": self.tie_weights,
                "reverse_dtype": self.reverse_dtype,
                "logit_soft_cap": self.logit_soft_cap,
            }
        )
        return config
