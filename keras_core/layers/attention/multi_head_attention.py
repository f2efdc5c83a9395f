"""MultiHeadAttention, and the base it shares with GroupedQueryAttention."""

import math
import string

from keras_core import constraints, initializers, ops, regularizers
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.attention.attention_utils import (
    attention_mask_from,
    check_batch_sizes,
    check_dropout,
    check_sliding_window,
    keras_mask,
    masked_softmax,
)
from keras_core.layers.core.einsum_dense import EinsumDense
from keras_core.layers.layer import Layer
from keras_core.layers.regularization.regularization import Dropout
from keras_core.saving.serialization_lib import serialize_keras_object


def _positive_int(value, name, layer):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{layer}: `{name}` must be a positive int. Received: {name}={value!r}")
    return value


class BaseMultiHeadAttention(Layer):
    """What MultiHeadAttention and GroupedQueryAttention share.

    The dense-layer arguments (copied to each projection), dropout, the gate,
    the sliding window, the ``query_mask``/``value_mask``/``key_mask``
    arguments filled from the inputs' masks (``Embedding(mask_zero=True)``...),
    the attention mask rules, and the config.
    """

    def __init__(
        self,
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
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        layer = type(self).__name__
        self.dropout = check_dropout(dropout, layer)
        self.use_bias = bool(use_bias)
        self.sliding_window = check_sliding_window(sliding_window, layer)
        if flash_attention not in (None, True, False):
            raise ValueError(
                f"{layer}: `flash_attention` must be None, True or False. "
                f"Received: flash_attention={flash_attention!r}"
            )
        self._flash_attention = flash_attention
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.use_gate = bool(use_gate)
        self.seed = seed
        self.supports_masking = True

    # --- masks from the inputs ----------------------------------------------------
    def __call__(self, query, value=None, key=None, **kwargs):
        # The `<name>_mask` arguments default to the masks the inputs carry, so a
        # padding mask from Embedding(mask_zero=True) reaches the attention (also
        # in Functional models, where the symbolic mask becomes a graph input).
        for name, tensor in (("query", query), ("value", value), ("key", key)):
            if kwargs.get(f"{name}_mask") is None:
                mask = keras_mask(tensor)
                if mask is not None:
                    kwargs[f"{name}_mask"] = mask
        if key is not None:
            kwargs["key"] = key
        return super().__call__(query, value, **kwargs)

    # --- building from a saved config (several input shapes, Keras 3's layout) ------
    def get_build_config(self):
        if not self.built or not self._build_shapes:
            return None
        shapes = {
            f"{name}_shape": list(self._build_shapes[name])
            for name in ("query", "value", "key")
            if self._build_shapes.get(name) is not None
        }
        return {"shapes_dict": shapes}

    def build_from_config(self, config):
        shapes = config.get("shapes_dict")
        if not shapes:
            return super().build_from_config(config)
        if self.built:
            return None
        shapes = {k: tuple(v) for k, v in shapes.items()}
        self._build_shapes = {k[: -len("_shape")]: v for k, v in shapes.items()}
        self._build_shapes["__first__"] = shapes["query_shape"]
        self.build(**shapes)
        self.built = True
        self._post_build()
        return None

    def compute_mask(self, inputs, previous_mask):
        # The output is aligned with the query: it keeps the query's mask.
        return previous_mask

    # --- sublayers -----------------------------------------------------------------
    def _sublayer_kwargs(self):
        def clone(obj, module):
            return None if obj is None else module.get(serialize_keras_object(obj))

        return {
            "kernel_initializer": clone(self.kernel_initializer, initializers),
            "bias_initializer": clone(self.bias_initializer, initializers),
            "kernel_regularizer": clone(self.kernel_regularizer, regularizers),
            "bias_regularizer": clone(self.bias_regularizer, regularizers),
            "kernel_constraint": clone(self.kernel_constraint, constraints),
            "bias_constraint": clone(self.bias_constraint, constraints),
            "dtype": self.dtype_policy,
        }

    def _dense(self, name, equation, output_shape, bias_axes, input_shape, activation=None):
        dense = EinsumDense(
            equation,
            output_shape=output_shape,
            bias_axes=bias_axes if self.use_bias else None,
            activation=activation,
            name=name,
            **self._sublayer_kwargs(),
        )
        dense.build(tuple(input_shape))
        return dense

    def _make_dropout(self):
        self._dropout_layer = Dropout(rate=self.dropout, seed=self.seed, dtype=self.dtype_policy)

    def _attention_mask(
        self, query, value, query_mask, value_mask, key_mask, attention_mask, causal
    ):
        return attention_mask_from(
            query,
            value,
            query_mask=query_mask,
            value_mask=value_mask,
            key_mask=key_mask,
            attention_mask=attention_mask,
            use_causal_mask=causal,
            sliding_window=self.sliding_window,
        )

    def _base_config(self):
        return {
            "dropout": self.dropout,
            "use_bias": self.use_bias,
            "use_gate": self.use_gate,
            "sliding_window": self.sliding_window,
            "kernel_initializer": serialize_keras_object(self.kernel_initializer),
            "bias_initializer": serialize_keras_object(self.bias_initializer),
            "kernel_regularizer": serialize_keras_object(self.kernel_regularizer),
            "bias_regularizer": serialize_keras_object(self.bias_regularizer),
            "activity_regularizer": serialize_keras_object(self.activity_regularizer),
            "kernel_constraint": serialize_keras_object(self.kernel_constraint),
            "bias_constraint": serialize_keras_object(self.bias_constraint),
            "seed": self.seed,
        }


def _projection_equation(free_dims, bound_dims, output_dims):
    """``"<input>,<kernel>-><output>"`` and the bias axes of a projection.

    The input has ``free_dims`` kept axes then ``bound_dims`` contracted ones;
    the kernel maps the contracted axes to ``output_dims`` new axes.
    """
    letters = string.ascii_lowercase
    free = letters[:free_dims]
    bound = letters[free_dims : free_dims + bound_dims]
    out = letters[free_dims + bound_dims : free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{out}->{free}{out}", out


class MultiHeadAttention(BaseMultiHeadAttention):
    """Multi-head attention (Vaswani et al., 2017).

    ``query``, ``key`` and ``value`` are projected to ``num_heads`` heads
    (EinsumDense sublayers ``query``, ``key``, ``value``), the scaled dot
    products of query and key heads are softmaxed over the attention axes
    (with the masks applied), the weights (dropped out in training) combine
    the value heads, and ``attention_output`` projects the heads back to
    ``output_shape`` (default: the query's last dimension).

    Args:
        num_heads: the number of heads.
        key_dim: the size of each query/key head.
        value_dim: the size of each value head (default ``key_dim``).
        dropout: the dropout rate of the attention weights.
        use_bias: whether the projections have biases.
        output_shape: the output's trailing shape (an int or a tuple); default
            the query's last dimension.
        attention_axes: the axes (of the inputs, batch excluded) attention runs
            over; default all but the batch and feature axes.
        sliding_window: if set, query ``i`` attends only to keys ``j`` with
            ``|i - j| < sliding_window``.
        flash_attention: accepted for compatibility (the result is the same).
        kernel_initializer, bias_initializer, kernel_regularizer,
        bias_regularizer, activity_regularizer, kernel_constraint,
        bias_constraint: for the projections.
        use_gate: multiply the attention output, per head, by
            ``sigmoid(gate(query))`` (a ``gate`` EinsumDense sublayer).
        seed: an int seed for the dropout.

    Call arguments:
        query: ``(B, T, dim)`` (or more index axes).
        value: ``(B, S, dim)``.
        key: optional ``(B, S, dim)``, default ``value``.
        query_mask, value_mask, key_mask: padding masks ``(B, T)``/``(B, S)``;
            by default the masks the inputs carry (``Embedding(mask_zero=True)``).
        attention_mask: bool ``(B, T, S)``: which keys each query position sees.
        return_attention_scores: also return the ``(B, heads, T, S)`` weights.
        training: whether dropout applies.
        use_causal_mask: query ``i`` sees only keys ``j <= i``.

    Example:
    >>> layer = keras_core.layers.MultiHeadAttention(num_heads=2, key_dim=4)
    >>> x = np.ones((2, 5, 8), "float32")
    >>> out, scores = layer(x, x, return_attention_scores=True)
    >>> tuple(out.shape), tuple(scores.shape)
    ((2, 5, 8), (2, 2, 5, 5))
    """

    def __init__(
        self,
        num_heads,
        key_dim,
        value_dim=None,
        dropout=0.0,
        use_bias=True,
        output_shape=None,
        attention_axes=None,
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
        layer = "MultiHeadAttention"
        self.num_heads = _positive_int(num_heads, "num_heads", layer)
        self.key_dim = _positive_int(key_dim, "key_dim", layer)
        self.value_dim = (
            self.key_dim if value_dim is None else _positive_int(value_dim, "value_dim", layer)
        )
        if output_shape is not None:
            dims = output_shape if isinstance(output_shape, (list, tuple)) else [output_shape]
            for d in dims:
                _positive_int(d, "output_shape", layer)
        self._output_shape = output_shape
        if attention_axes is not None:
            if isinstance(attention_axes, int):
                attention_axes = (attention_axes,)
            if not isinstance(attention_axes, (list, tuple)) or not all(
                isinstance(a, int) and not isinstance(a, bool) for a in attention_axes
            ):
                raise ValueError(
                    f"{layer}: `attention_axes` must be None, an int or a tuple of ints. "
                    f"Received: attention_axes={attention_axes!r}"
                )
            attention_axes = tuple(attention_axes)
        self._attention_axes = attention_axes

    @property
    def attention_axes(self):
        return self._attention_axes

    def build(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        rank = len(query_shape)
        if rank < 3 or len(value_shape) != rank or len(key_shape) != rank:
            raise ValueError(
                f"MultiHeadAttention {self.name!r}: query, value and key must have the same "
                f"rank, at least 3. Received: query_shape={query_shape}, "
                f"value_shape={value_shape}, key_shape={key_shape}"
            )
        equation, bias_axes = _projection_equation(rank - 1, 1, 2)
        heads = [None] * (rank - 2)
        self._query_dense = self._dense(
            "query", equation, heads + [self.num_heads, self.key_dim], bias_axes, query_shape
        )
        self._key_dense = self._dense(
            "key", equation, heads + [self.num_heads, self.key_dim], bias_axes, key_shape
        )
        if self.use_gate:
            self._gate_dense = self._dense(
                "gate",
                equation,
                heads + [self.num_heads, self.value_dim],
                bias_axes,
                query_shape,
                activation="sigmoid",
            )
        self._value_dense = self._dense(
            "value", equation, heads + [self.num_heads, self.value_dim], bias_axes, value_shape
        )
        self._build_attention(rank + 1)
        self._make_dropout()
        out_dims = self._output_dims(query_shape)
        equation, bias_axes = _projection_equation(rank - 1, 2, len(out_dims))
        self._output_dense = self._dense(
            "attention_output",
            equation,
            heads + out_dims,
            bias_axes,
            query_shape[:-1] + (self.num_heads, self.value_dim),
        )

    def _output_dims(self, query_shape):
        if self._output_shape is None:
            return [query_shape[-1]]
        if isinstance(self._output_shape, (list, tuple)):
            return list(self._output_shape)
        return [self._output_shape]

    def _build_attention(self, projected_rank):
        """The einsum equations of the scores and of the combination, and the softmax axes."""
        heads_axis = projected_rank - 2
        if self._attention_axes is None:
            axes = tuple(range(1, heads_axis))
        else:
            axes = tuple(a % (projected_rank - 1) for a in self._attention_axes)
            if any(a == 0 or a >= heads_axis for a in axes):
                raise ValueError(
                    f"MultiHeadAttention {self.name!r}: `attention_axes` must name axes "
                    f"between the batch and the feature axis of the inputs. Received: "
                    f"attention_axes={self._attention_axes}, input rank {projected_rank - 1}"
                )
        self._axes = axes
        letters = string.ascii_lowercase
        query = letters[:projected_rank]
        key = list(query)
        extra = iter(letters[projected_rank:])
        for a in axes:
            key[a] = next(extra)
        key = "".join(key)
        batch = [query[i] for i in range(heads_axis) if i not in axes]
        product = (
            "".join(batch)
            + query[heads_axis]
            + "".join(query[a] for a in axes)
            + "".join(key[a] for a in axes)
        )
        self._dot_product_equation = f"{key},{query}->{product}"
        self._combine_equation = f"{product},{key}->{query}"
        n = len(axes)
        self._softmax_axes = tuple(range(len(product) - n, len(product)))

    # --- call ------------------------------------------------------------------
    def _compute_attention(self, query, key, value, mask, training, return_scores, causal_only):
        """``(output, scores)`` from the projected heads (``scores`` None on the fast path)."""
        dropout_active = bool(training) and self.dropout > 0
        default_axes = len(query.shape) == 4 and self._axes == (1,)
        if (
            default_axes
            and not return_scores
            and not dropout_active
            and (mask is None or causal_only)
        ):
            out = ops.dot_product_attention(
                query,
                key,
                value,
                scale=1.0 / math.sqrt(self.key_dim),
                is_causal=causal_only,
                flash_attention=self._flash_attention,
            )
            return out, None
        query = ops.multiply(query, ops.cast(1.0 / math.sqrt(self.key_dim), query.dtype))
        scores = ops.einsum(self._dot_product_equation, key, query)
        if mask is not None:
            expand = -len(self._axes) * 2 - 1
            for _ in range(len(scores.shape) - len(mask.shape)):
                mask = ops.expand_dims(mask, expand)
        weights = masked_softmax(scores, mask, self._softmax_axes)
        dropped = self._dropout_layer(weights, training=training) if dropout_active else weights
        return ops.einsum(self._combine_equation, dropped, value), weights

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
        causal_only = bool(use_causal_mask) and (
            query_mask is None
            and value_mask is None
            and key_mask is None
            and attention_mask is None
            and self.sliding_window is None
            and query.shape[1] == value.shape[1]
        )
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        output, scores = self._compute_attention(
            q, k, v, mask, training, return_attention_scores, causal_only
        )
        if self.use_gate:
            output = ops.multiply(output, self._gate_dense(query))
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        query_shape = tuple(query_shape)
        return query_shape[:-1] + tuple(self._output_dims(query_shape))

    def compute_output_spec(self, query, value, key=None, return_attention_scores=False, **kwargs):
        check_batch_sizes(self, query, value, key)
        out = KerasTensor(self.compute_output_shape(query.shape), dtype=self.compute_dtype)
        if not return_attention_scores:
            return out
        rank = len(query.shape)
        axes = (
            tuple(range(1, rank - 1))
            if self._attention_axes is None
            else tuple(a % rank for a in self._attention_axes)
        )
        batch = [query.shape[i] for i in range(rank - 1) if i not in axes]
        source = value if key is None else key
        shape = (
            tuple(batch)
            + (self.num_heads,)
            + tuple(query.shape[a] for a in axes)
            + tuple(source.shape[a] for a in axes)
        )
        return out, KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_heads": self.num_heads,
                "key_dim": self.key_dim,
                "value_dim": self.value_dim,
                "output_shape": (
                    list(self._output_shape)
                    if isinstance(self._output_shape, (list, tuple))
                    else self._output_shape
                ),
                "attention_axes": (
                    None if self._attention_axes is None else list(self._attention_axes)
                ),
            }
        )
        config.update(self._base_config())
        return config
