"""GroupedQueryAttention (exported as ``GroupQueryAttention``, as in Keras 3)."""

import math

from keras_core import ops
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.attention.attention_utils import check_batch_sizes, masked_softmax
from keras_core.layers.attention.multi_head_attention import (
    BaseMultiHeadAttention,
    _positive_int,
)


class GroupedQueryAttention(BaseMultiHeadAttention):
    """Grouped-query attention (Ainslie et al., 2023).

    ``num_query_heads`` query heads share ``num_key_value_heads`` key/value
    heads (each key/value head serves ``num_query_heads // num_key_value_heads``
    consecutive query heads): 1 key/value head is multi-query attention, as
    many as query heads is multi-head attention. The projections are the
    EinsumDense sublayers ``query``, ``key``, (``gate``,) ``value`` and
    ``attention_output``; the output has the query's feature size.

    Args:
        head_dim: the size of each head.
        num_query_heads: the number of query heads.
        num_key_value_heads: the number of key/value heads; it must divide
            ``num_query_heads``.
        dropout: the dropout rate of the attention weights.
        use_bias: whether the projections have biases.
        sliding_window: if set, query ``i`` attends only to keys with
            ``|i - j| < sliding_window``.
        flash_attention: accepted for compatibility (the result is the same).
        kernel_initializer, bias_initializer, kernel_regularizer,
        bias_regularizer, activity_regularizer, kernel_constraint,
        bias_constraint: for the projections.
        use_gate: multiply the attention output by ``sigmoid(gate(query))``.
        seed: an int seed for the dropout.

    Call arguments: as ``MultiHeadAttention`` (inputs of rank 3).

    Example:
    >>> layer = keras_core.layers.GroupQueryAttention(2, num_query_heads=4, num_key_value_heads=2)
    >>> x = np.ones((2, 5, 8), "float32")
    >>> tuple(layer(x, x).shape)
    (2, 5, 8)
    """

    def __init__(
        self,
        head_dim,
        num_query_heads,
        num_key_value_heads,
        dropout=0.0,
        use_bias=True,
        sliding_window=None,
        flash_attention=None,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        use_gate=False,
        seed=None,
        **kwargs,
    ):
        super().__init__(
            dropout=dropout,
            use_bias=use_bias,
            sliding_window=sliding_window,
            flash_attention=flash_attention,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            use_gate=use_gate,
            seed=seed,
            **kwargs,
        )
        layer = "GroupQueryAttention"
        self.head_dim = _positive_int(head_dim, "head_dim", layer)
        self.num_query_heads = _positive_int(num_query_heads, "num_query_heads", layer)
        self.num_key_value_heads = _positive_int(num_key_value_heads, "num_key_value_heads", layer)
        if self.num_query_heads % self.num_key_value_heads:
            raise ValueError(
                f"{layer}: `num_query_heads` must be a multiple of `num_key_value_heads`. "
                f"Received: num_query_heads={num_query_heads}, "
                f"num_key_value_heads={num_key_value_heads}"
            )
        self.num_repeats = self.num_query_heads // self.num_key_value_heads

    def build(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        for name, shape in (("query", query_shape), ("value", value_shape), ("key", key_shape)):
            if len(shape) != 3:
                raise ValueError(
                    f"GroupQueryAttention {self.name!r}: `{name}` must have rank 3 "
                    f"(batch, seq, features). Received: {name}_shape={shape}"
                )
        self.feature_dim = query_shape[-1]
        q_heads = (None, self.num_query_heads, self.head_dim)
        kv_heads = (None, self.num_key_value_heads, self.head_dim)
        self._query_dense = self._dense("query", "bqm,muh->bquh", q_heads, "uh", query_shape)
        self._key_dense = self._dense("key", "bkm,mvh->bkvh", kv_heads, "vh", key_shape)
        if self.use_gate:
            self._gate_dense = self._dense(
                "gate", "bqm,muh->bquh", q_heads, "uh", query_shape, activation="sigmoid"
            )
        self._value_dense = self._dense("value", "bkm,mvh->bkvh", kv_heads, "vh", value_shape)
        self._make_dropout()
        self._output_dense = self._dense(
            "attention_output",
            "bquh,uhm->bqm",
            (None, self.feature_dim),
            "m",
            query_shape[:-1] + (self.num_query_heads, self.head_dim),
        )

    def call(
        self,
        query,
        value,
        key=None,
        query_mask=None,
        value_mask=None,
        key_mask=None,
        attention_mask=None,
        return_attention_scores=False,
        training=None,
        use_causal_mask=False,
    ):
        check_batch_sizes(self, query, value, key)
        if key is None:
            key = value
        mask = self._attention_mask(
            query, value, query_mask, value_mask, key_mask, attention_mask, use_causal_mask
        )
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        dropout_active = bool(training) and self.dropout > 0
        scale = 1.0 / math.sqrt(self.head_dim)
        if mask is None and not return_attention_scores and not dropout_active:
            # Key/value heads are shared by groups of query heads natively here.
            output = ops.dot_product_attention(
                q, k, v, scale=scale, flash_attention=self._flash_attention
            )
            scores = None
        else:
            k = ops.repeat(k, self.num_repeats, axis=2)
            v = ops.repeat(v, self.num_repeats, axis=2)
            q = ops.multiply(q, ops.cast(scale, q.dtype))
            logits = ops.einsum("bquh,bkuh->buqk", q, k)
            if mask is not None:
                mask = ops.expand_dims(mask, -3)
            scores = masked_softmax(logits, mask, -1)
            dropped = self._dropout_layer(scores, training=training) if dropout_active else scores
            output = ops.einsum("buqk,bkuh->bquh", dropped, v)
        if self.use_gate:
            output = ops.multiply(output, self._gate_dense(query))
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        return tuple(query_shape)

    def compute_output_spec(self, query, value, key=None, return_attention_scores=False, **kwargs):
        check_batch_sizes(self, query, value, key)
        out = KerasTensor(tuple(query.shape), dtype=self.compute_dtype)
        if not return_attention_scores:
            return out
        source = value if key is None else key
        shape = (query.shape[0], self.num_query_heads, query.shape[1], source.shape[1])
        return out, KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "head_dim": self.head_dim,
                "num_query_heads": self.num_query_heads,
                "num_key_value_heads": self.num_key_value_heads,
            }
        )
        config.update(self._base_config())
        return config


GroupQueryAttention = GroupedQueryAttention
