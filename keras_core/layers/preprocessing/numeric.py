"""Numeric preprocessing: Normalization, Rescaling, Discretization, CategoryEncoding."""

import numpy as np

from keras_core import backend, ops
from keras_core.layers.preprocessing.base import (
    PreprocessingLayer,
    iterate_adapt_data,
    read_variable,
)

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


def _check_choice(layer, name, value, allowed):
    if value not in allowed:
        raise ValueError(
            f"{layer}: `{name}` must be one of {', '.join(map(repr, allowed))}. "
            f"Received: {name}={value!r}"
        )


def encode_categorical(inputs, output_mode, depth, count_weights=None, dtype="float32"):
    """One-hot / multi-hot / count encoding of integer ``inputs`` over ``depth`` values.

    Rank-1 inputs are one sample for multi_hot/count and a batch of scalars for
    one_hot; a trailing axis of size 1 is dropped for one_hot. Values outside
    ``[0, depth)`` contribute nothing.
    """
    inputs = ops.convert_to_tensor(inputs)
    rank = len(ops.shape(inputs))
    if output_mode == "one_hot":
        if rank > 1 and ops.shape(inputs)[-1] == 1:
            inputs = ops.squeeze(inputs, axis=-1)
        return ops.one_hot(ops.cast(inputs, "int32"), depth, dtype=dtype)
    if rank == 0:
        inputs = ops.expand_dims(inputs, 0)
    one_hot = ops.one_hot(ops.cast(inputs, "int32"), depth, dtype=dtype)
    if output_mode == "multi_hot":
        return ops.max(one_hot, axis=-2)
    if count_weights is not None:
        weights = ops.cast(ops.convert_to_tensor(count_weights), dtype)
        one_hot = one_hot * ops.expand_dims(weights, -1)
    return ops.sum(one_hot, axis=-2)


def encoded_shape(input_shape, output_mode, depth):
    """The output shape of ``encode_categorical``."""
    input_shape = tuple(input_shape)
    if output_mode == "one_hot":
        if len(input_shape) > 1 and input_shape[-1] == 1:
            input_shape = input_shape[:-1]
        return input_shape + (depth,)
    if len(input_shape) == 0:
        return (depth,)
    return input_shape[:-1] + (depth,)


class Normalization(PreprocessingLayer):
    """Shifts and scales inputs to zero mean and unit variance along ``axis``.

    The statistics come from ``mean``/``variance`` or from ``adapt(data)``;
    the output is ``(x - mean) / max(sqrt(variance), epsilon)`` (or its
    inverse with ``invert=True``).

    Args:
        axis: the axis or axes that keep separate statistics (``None``: one
            mean and variance for everything).
        mean: the mean (broadcast to the kept axes); give it with ``variance``.
        variance: the variance; give it with ``mean``.
        invert: map normalized values back to the original scale.

    Example:
    >>> layer = keras_core.layers.Normalization()
    >>> layer.adapt(np.array([[1.0], [3.0]], "float32"))
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[1.0], [5.0]], "float32"))).tolist()
    [[-1.0], [3.0]]
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert: bool = False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        if any(isinstance(a, bool) or not isinstance(a, int) for a in axis):
            raise ValueError(
                f"`axis` must be an int, a tuple of ints or None. Received: axis={axis!r}"
            )
        self.axis = axis
        if (mean is None) != (variance is None):
            raise ValueError(
                "Normalization: give both `mean` and `variance`, or neither (and call "
                f"`adapt`). Received: mean={mean!r}, variance={variance!r}"
            )
        self.input_mean = mean
        self.input_variance = variance
        self.invert = bool(invert)
        self._adapted = mean is not None
        self.supports_masking = True

    def _axes(self, ndim):
        axes = tuple(a % ndim if -ndim <= a < ndim else None for a in self.axis)
        if None in axes:
            raise ValueError(
                f"Normalization: `axis` {self.axis} is out of range for inputs of rank {ndim}."
            )
        return tuple(sorted(set(axes)))

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        ndim = len(input_shape)
        self._kept = self._axes(ndim)
        for a in self._kept:
            if input_shape[a] is None:
                raise ValueError(
                    f"Normalization: the kept axis {a} needs a known size. Received: "
                    f"input_shape={input_shape}"
                )
        self._broadcast_shape = tuple(input_shape[d] if d in self._kept else 1 for d in range(ndim))
        stat_shape = tuple(input_shape[d] for d in self._kept)
        if self.input_mean is not None:
            mean = np.broadcast_to(np.asarray(self.input_mean, "float64"), stat_shape)
            var = np.broadcast_to(np.asarray(self.input_variance, "float64"), stat_shape)
            self._const_mean = mean.reshape(self._broadcast_shape).copy()
            self._const_variance = var.reshape(self._broadcast_shape).copy()
        else:
            self.adapt_mean = self.add_weight(
                shape=stat_shape, initializer="zeros", trainable=False, name="mean"
            )
            self.adapt_variance = self.add_weight(
                shape=stat_shape, initializer="ones", trainable=False, name="variance"
            )
            # Keras 3 keeps a scalar int32 `count` beside the statistics (it stays 0); the
            # same variable keeps weight lists and saved files interchangeable with it.
            self.count = self.add_weight(
                shape=(), initializer="zeros", dtype="int32", trainable=False, name="count"
            )
        self.built = True

    def adapt(self, data, batch_size=None, steps=None):
        """Computes the mean and variance of ``data`` (arrays, tensors or a tf.data.Dataset)."""
        if self.input_mean is not None:
            raise ValueError(
                "Normalization: `adapt` cannot be used when `mean` and `variance` were given."
            )
        count, mean, m2 = 0, None, None
        for batch in iterate_adapt_data(data, batch_size, steps):
            batch = np.asarray(batch, "float64")
            if not self.built:
                self.build((None,) + batch.shape[1:])
            if batch.ndim != len(self._broadcast_shape):
                raise ValueError(
                    f"Normalization: adapt data has rank {batch.ndim}, the layer was built "
                    f"for rank {len(self._broadcast_shape)}."
                )
            reduce = tuple(d for d in range(batch.ndim) if d not in self._kept)
            n = int(np.prod([batch.shape[d] for d in reduce])) if reduce else 1
            b_mean = batch.mean(axis=reduce) if reduce else batch
            b_m2 = ((batch - batch.mean(axis=reduce, keepdims=True)) ** 2).sum(axis=reduce)
            if mean is None:
                count, mean, m2 = n, b_mean, b_m2
            else:
                total = count + n
                delta = b_mean - mean
                mean = mean + delta * n / total
                m2 = m2 + b_m2 + delta**2 * count * n / total
                count = total
        if mean is None:
            raise ValueError("Normalization: `adapt` received no data.")
        self.adapt_mean.assign(mean.astype(self.adapt_mean.dtype))
        self.adapt_variance.assign((m2 / count).astype(self.adapt_variance.dtype))
        self._adapted = True

    def set_weights(self, weights):
        super().set_weights(weights)
        self._adapted = True

    def load_own_variables(self, store):
        for i, v in enumerate(self._own_variables):
            v.assign(store[str(i)])
        self._adapted = True

    def save_own_variables(self, store):
        for i, v in enumerate(self._own_variables):
            store[str(i)] = v.numpy()

    def _stats(self, dtype):
        if self.input_mean is not None:
            mean, var = self._const_mean, self._const_variance
            return ops.convert_to_tensor(mean, dtype), ops.convert_to_tensor(var, dtype)
        mean = ops.reshape(ops.cast(read_variable(self.adapt_mean), dtype), self._broadcast_shape)
        var = ops.reshape(
            ops.cast(read_variable(self.adapt_variance), dtype), self._broadcast_shape
        )
        return mean, var

    def call(self, inputs):
        if not self._adapted:
            raise ValueError(
                "Normalization was called before `adapt` and without `mean` and `variance`: "
                "call `layer.adapt(data)` first or pass `mean=` and `variance=`."
            )
        dtype = self.compute_dtype
        inputs = ops.cast(inputs, dtype)
        mean, var = self._stats(dtype)
        std = ops.maximum(ops.sqrt(var), backend.epsilon())
        if self.invert:
            return mean + inputs * std
        return (inputs - mean) / std

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def compute_output_spec(self, inputs):
        return backend.KerasTensor(inputs.shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()

        def listify(v):
            return np.asarray(v).tolist() if v is not None else None

        config.update(
            {
                "axis": self.axis[0] if len(self.axis) == 1 else (list(self.axis) or None),
                "mean": listify(self.input_mean),
                "variance": listify(self.input_variance),
                "invert": self.invert,
            }
        )
        return config


class Rescaling(PreprocessingLayer):
    """Computes ``inputs * scale + offset`` in the layer's compute dtype.

    Args:
        scale: a number or a per-channel sequence.
        offset: a number or a per-channel sequence.

    Example:
    >>> layer = keras_core.layers.Rescaling(1 / 255)
    >>> keras_core.ops.convert_to_numpy(layer(np.array([0, 255], "uint8"))).tolist()
    [0.0, 1.0]
    """

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs):
        dtype = self.compute_dtype
        inputs = ops.cast(inputs, dtype)
        scale = ops.convert_to_tensor(np.asarray(self.scale), dtype)
        offset = ops.convert_to_tensor(np.asarray(self.offset), dtype)
        return inputs * scale + offset

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def compute_output_spec(self, inputs):
        return backend.KerasTensor(inputs.shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()

        def plain(v):
            return np.asarray(v).tolist() if not isinstance(v, (int, float)) else v

        config.update({"scale": plain(self.scale), "offset": plain(self.offset)})
        return config


class Discretization(PreprocessingLayer):
    """Buckets continuous values by ``bin_boundaries`` (or by quantiles found with ``adapt``).

    Value ``x`` goes to bucket ``i`` = the number of boundaries ``<= x``.

    Args:
        bin_boundaries: sorted boundaries (``n`` boundaries make ``n + 1`` buckets).
        num_bins: with ``adapt``: the number of buckets; the boundaries are the
            data's exact ``1/num_bins`` quantiles (linear interpolation).
        epsilon: accepted for compatibility; the quantiles are exact.
        output_mode: "int", "one_hot", "multi_hot" or "count".
        sparse: accepted; outputs are dense.

    Example:
    >>> layer = keras_core.layers.Discretization(bin_boundaries=[0.0, 1.0])
    >>> keras_core.ops.convert_to_numpy(layer(np.array([-0.5, 0.0, 0.5, 2.0]))).tolist()
    [0, 1, 1, 2]
    """

    def __init__(
        self,
        bin_boundaries=None,
        num_bins=None,
        epsilon: float = 0.01,
        output_mode: str = "int",
        sparse: bool = False,
        dtype=None,
        name=None,
    ):
        if dtype is None:
            dtype = "int64" if output_mode == "int" else backend.floatx()
        super().__init__(dtype=dtype, name=name)
        _check_choice("Discretization", "output_mode", output_mode, OUTPUT_MODES)
        if (
            bin_boundaries is not None
            and num_bins is not None
            and len(bin_boundaries) != num_bins - 1
        ):
            raise ValueError(
                "Discretization: give `bin_boundaries` or `num_bins` (with `adapt`), not both "
                "(unless there are `num_bins - 1` boundaries). "
                f"Received: bin_boundaries={bin_boundaries!r}, num_bins={num_bins!r}"
            )
        if num_bins is not None and (isinstance(num_bins, bool) or int(num_bins) < 1):
            raise ValueError(
                f"Discretization: `num_bins` must be a positive integer. Received: "
                f"num_bins={num_bins!r}"
            )
        if bin_boundaries is not None:
            bin_boundaries = [float(b) for b in bin_boundaries]
            if any(b > a for a, b in zip(bin_boundaries[1:], bin_boundaries[:-1])):
                raise ValueError(
                    "Discretization: `bin_boundaries` must be sorted. Received: "
                    f"bin_boundaries={bin_boundaries}"
                )
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse

    def adapt(self, data, batch_size=None, steps=None):
        """Sets ``bin_boundaries`` to the ``num_bins``-quantiles of ``data``."""
        if self.num_bins is None:
            raise ValueError(
                "Discretization: `adapt` needs `num_bins` set in the constructor. "
                "Received: num_bins=None"
            )
        values = [np.asarray(b, "float64").ravel() for b in iterate_adapt_data(data, batch_size)]
        values = np.concatenate(values)
        qs = np.arange(1, self.num_bins) / self.num_bins
        self.bin_boundaries = [float(v) for v in np.quantile(values, qs)]

    def _depth(self):
        return len(self.bin_boundaries) + 1

    def call(self, inputs):
        if self.bin_boundaries is None:
            raise ValueError(
                "Discretization was called before `adapt` and without `bin_boundaries`."
            )
        inputs = ops.convert_to_tensor(inputs)
        boundaries = ops.convert_to_tensor(np.asarray(self.bin_boundaries), inputs.dtype)
        if not backend.is_float_dtype(inputs.dtype):
            inputs = ops.cast(inputs, "float32")
            boundaries = ops.cast(boundaries, "float32")
        above = ops.greater_equal(ops.expand_dims(inputs, -1), boundaries)
        idx = ops.sum(ops.cast(above, "int32"), axis=-1)
        if self.output_mode == "int":
            return ops.cast(idx, self.compute_dtype)
        return encode_categorical(idx, self.output_mode, self._depth(), dtype=self.compute_dtype)

    def compute_output_spec(self, inputs):
        if self.output_mode == "int":
            return backend.KerasTensor(inputs.shape, dtype=self.compute_dtype)
        depth = self._depth() if self.bin_boundaries is not None else self.num_bins
        shape = encoded_shape(inputs.shape, self.output_mode, depth)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.pop("trainable", None)
        config.update(
            {
                "bin_boundaries": self.bin_boundaries,
                "num_bins": self.num_bins,
                "epsilon": self.epsilon,
                "output_mode": self.output_mode,
                "sparse": self.sparse,
            }
        )
        return config


class CategoryEncoding(PreprocessingLayer):
    """Encodes integer category ids as one-hot, multi-hot or count vectors.

    Args:
        num_tokens: the number of categories (ids are in ``[0, num_tokens)``).
        output_mode: "one_hot", "multi_hot" or "count".
        sparse: accepted; outputs are dense.

    Example:
    >>> layer = keras_core.layers.CategoryEncoding(num_tokens=4, output_mode="multi_hot")
    >>> keras_core.ops.convert_to_numpy(layer(np.array([[0, 1], [3, 3]]))).tolist()
    [[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """

    def __init__(self, num_tokens=None, output_mode: str = "multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        _check_choice("CategoryEncoding", "output_mode", output_mode, OUTPUT_MODES[1:])
        if num_tokens is None or isinstance(num_tokens, bool) or int(num_tokens) < 1:
            raise ValueError(
                "CategoryEncoding: `num_tokens` must be a positive integer. Received: "
                f"num_tokens={num_tokens!r}"
            )
        self.num_tokens = int(num_tokens)
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs, count_weights=None):
        if count_weights is not None and self.output_mode != "count":
            raise ValueError(
                "CategoryEncoding: `count_weights` is only used with output_mode='count'. "
                f"Received: output_mode={self.output_mode!r}"
            )
        return encode_categorical(
            inputs, self.output_mode, self.num_tokens, count_weights, self.compute_dtype
        )

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_tokens)

    def compute_output_spec(self, inputs, count_weights=None):
        shape = encoded_shape(inputs.shape, self.output_mode, self.num_tokens)
        return backend.KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update(
            {"num_tokens": self.num_tokens, "output_mode": self.output_mode, "sparse": self.sparse}
        )
        return config
