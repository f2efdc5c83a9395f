"""Attention (Luong-style, dot or concat scores) and AdditiveAttention (Bahdanau-style)."""

from keras_core import ops, random
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.attention.attention_utils import (
    causal_mask,
    check_dropout,
    large_negative,
)
from keras_core.layers.layer import Layer


class Attention(Layer):
    """Dot-product (Luong-style) attention over ``[query, value]`` or ``[query, value, key]``.

    ``scores = query @ key^T`` (times the learned scalar ``scale`` if
    ``use_scale``), or with ``score_mode="concat"``
    ``scores = concat_score_weight * sum(tanh(scale * (query_i + key_j)))``.
    Masked keys get ``-1e9`` added, then ``softmax`` over the keys gives the
    weights (dropped out in training) and the output is ``weights @ value``,
    zeroed at masked query positions.

    Args:
        use_scale: learn a scalar ``scale`` multiplying the scores.
        score_mode: ``"dot"`` or ``"concat"``.
        dropout: the dropout rate of the attention weights, in [0, 1].
        seed: an int seed for the dropout.

    Call arguments:
        inputs: ``[query (B, T, dim), value (B, S, dim)]``, optionally with
            ``key (B, S, dim)`` third (default: ``value``).
        mask: ``[query_mask (B, T), value_mask (B, S)]`` (each may be None).
        training: whether dropout applies.
        return_attention_scores: also return the ``(B, T, S)`` weights.
        use_causal_mask: query ``i`` sees only keys ``j <= i``.

    Example:
    >>> q = np.ones((2, 3, 4), "float32")
    >>> tuple(keras_core.layers.Attention()([q, q]).shape)
    (2, 3, 4)
    """

    score_modes = ("dot", "concat")

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        layer = type(self).__name__
        self.use_scale = bool(use_scale)
        if score_mode not in self.score_modes:
            raise ValueError(
                f"{layer}: `score_mode` must be one of {self.score_modes}. "
                f"Received: score_mode={score_mode!r}"
            )
        self.score_mode = score_mode
        self.dropout = check_dropout(dropout, layer)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed) if self.dropout > 0 else None
        self.supports_masking = True

    # --- checks -----------------------------------------------------------------
    def _validate(self, inputs, mask=None):
        layer = f"{type(self).__name__} {self.name!r}"
        if not isinstance(inputs, (list, tuple)) or len(inputs) not in (2, 3):
            raise ValueError(
                f"{layer} expects `inputs` to be a list [query, value] or [query, value, key]. "
                f"Received: inputs={inputs!r:.200}"
            )
        if mask is not None and (not isinstance(mask, (list, tuple)) or len(mask) not in (2, 3)):
            raise ValueError(
                f"{layer} expects `mask` to be a list [query_mask, value_mask] (each may be "
                f"None). Received: mask={mask!r:.200}"
            )

    def build(self, input_shape):
        self._validate(input_shape)
        self.scale = (
            self.add_weight(name="scale", shape=(), initializer="ones") if self.use_scale else None
        )
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(
                name="concat_score_weight", shape=(), initializer="ones"
            )
        else:
            self.concat_score_weight = None

    # --- computation -------------------------------------------------------------
    def _scores(self, query, key):
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -1, -2))
            return scores if self.scale is None else ops.multiply(scores, self.scale)
        pairs = ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3))
        if self.scale is not None:
            pairs = ops.multiply(self.scale, pairs)
        return ops.multiply(self.concat_score_weight, ops.sum(ops.tanh(pairs), axis=-1))

    def call(
        self,
        inputs,
        mask=None,
        training=False,
        return_attention_scores=False,
        use_causal_mask=False,
    ):
        self._validate(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        query_mask = mask[0] if mask else None
        value_mask = mask[1] if mask else None
        scores = self._scores(query, key)
        keep = None
        if value_mask is not None:
            keep = ops.expand_dims(ops.cast(value_mask, "bool"), -2)
        if use_causal_mask:
            causal = causal_mask(scores.shape[-2], scores.shape[-1])
            keep = causal if keep is None else ops.logical_and(keep, causal)
        if keep is not None:
            padding = ops.cast(ops.logical_not(keep), scores.dtype)
            scores = ops.add(scores, ops.multiply(padding, large_negative(scores.dtype)))
        weights = ops.softmax(scores, axis=-1)
        dropped = weights
        if training and self.dropout > 0:
            dropped = random.dropout(weights, self.dropout, seed=self.seed_generator)
        result = ops.matmul(dropped, value)
        if query_mask is not None:
            result = ops.multiply(result, ops.expand_dims(ops.cast(query_mask, result.dtype), -1))
        if return_attention_scores:
            return result, weights
        return result

    def compute_mask(self, inputs, mask=None):
        self._validate(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return mask[0] if isinstance(mask[0], KerasTensor) else ops.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape):
        query_shape, value_shape = tuple(input_shape[0]), tuple(input_shape[1])
        return query_shape[:-1] + value_shape[-1:]

    def compute_output_spec(
        self,
        inputs,
        mask=None,
        training=False,
        return_attention_scores=False,
        use_causal_mask=False,
    ):
        self._validate(inputs, mask)
        query, value = inputs[0], inputs[1]
        out = KerasTensor(
            tuple(query.shape[:-1]) + tuple(value.shape[-1:]), dtype=self.compute_dtype
        )
        if return_attention_scores:
            key = inputs[2] if len(inputs) > 2 else value
            scores = KerasTensor(
                tuple(query.shape[:-1]) + (key.shape[-2],), dtype=self.compute_dtype
            )
            return out, scores
        return out

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "use_scale": self.use_scale,
                "score_mode": self.score_mode,
                "dropout": self.dropout,
                "seed": self.seed,
            }
        )
        return config


class AdditiveAttention(Attention):
    """Additive (Bahdanau-style) attention over ``[query, value]`` or ``[query, value, key]``.

    ``scores[i, j] = sum(scale * tanh(query_i + key_j))`` with ``scale`` a
    learned vector of size ``dim`` (or 1 without ``use_scale``); masks,
    softmax, dropout and output as in ``Attention``.

    Args:
        use_scale: learn the ``scale`` vector (default True).
        dropout: the dropout rate of the attention weights.
        seed: an int seed for the dropout.

    Example:
    >>> q = np.ones((2, 3, 4), "float32")
    >>> tuple(keras_core.layers.AdditiveAttention()([q, q]).shape)
    (2, 3, 4)
    """

    score_modes = ("additive",)

    def __init__(self, use_scale=True, dropout=0.0, seed=None, **kwargs):
        kwargs.pop("score_mode", None)
        super().__init__(
            use_scale=use_scale, score_mode="additive", dropout=dropout, seed=seed, **kwargs
        )

    def build(self, input_shape):
        self._validate(input_shape)
        dim = tuple(input_shape[0])[-1]
        if dim is None:
            raise ValueError(
                f"AdditiveAttention {self.name!r}: the query's last dimension must be known. "
                f"Received: input_shape={input_shape!r}"
            )
        self.scale = (
            self.add_weight(name="scale", shape=(dim,), initializer="glorot_uniform")
            if self.use_scale
            else None
        )
        self.concat_score_weight = None

    def _scores(self, query, key):
        tanh = ops.tanh(ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3)))
        if self.scale is not None:
            tanh = ops.multiply(self.scale, tanh)
        return ops.sum(tanh, axis=-1)

    def get_config(self):
        config = super().get_config()
        config.pop("score_mode")
        return config
