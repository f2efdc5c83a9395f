"""Small core layers: Identity, Masking, Lambda, Wrapper."""

import inspect
import types

from keras_core import ops
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.layer import Layer
from keras_core.saving import serialization_lib


class Identity(Layer):
    """Returns its input unchanged (a placeholder layer).

    Example:
    >>> out = keras_core.layers.Identity()(np.ones((2,), "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 1.0]
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs):
        return inputs

    def compute_output_spec(self, inputs):
        return tree.map_structure(lambda t: KerasTensor(t.shape, t.dtype, sparse=t.sparse), inputs)


class Masking(Layer):
    """Masks timesteps whose features all equal ``mask_value``.

    The output zeroes those timesteps and carries a mask ``(batch, time)`` that
    mask-aware downstream layers (RNNs, pooling, attention) use to skip them.

    Example:
    >>> x = np.array([[[1.0], [0.0]]], "float32")
    >>> keras_core.ops.shape(keras_core.layers.Masking(0.0)(x))
    (1, 2, 1)
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        return ops.multiply(inputs, ops.cast(keep, inputs.dtype))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config


class Lambda(Layer):
    """Wraps a Python function of tensors as a layer.

    Saving a Lambda stores the function's bytecode; loading it back runs that
    code, so it needs ``safe_mode=False`` (only for files you trust).

    Args:
        function: ``function(inputs, **arguments)``.
        output_shape: the output shape (or a function of the input shape); inferred
            by running the function symbolically when omitted.
        mask: a mask (or function ``(inputs, mask) -> mask``) for the output.
        arguments: extra keyword arguments for ``function``.

    Example:
    >>> out = keras_core.layers.Lambda(lambda x: x * 2)(np.ones((2,), "float32"))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2.0, 2.0]
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise ValueError(f"`function` must be callable. Received: function={function!r}")
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape = output_shape
        self.mask = mask
        self.supports_masking = mask is not None
        self._fn_takes_mask = "mask" in inspect.signature(function).parameters
        self._fn_takes_training = "training" in inspect.signature(function).parameters

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_takes_mask:
            kwargs["mask"] = mask
        if self._fn_takes_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_spec(self, inputs, mask=None, training=None):
        if self._output_shape is None:
            return Layer.compute_output_spec(self, inputs, mask=mask, training=training)
        in_shape = tree.map_structure(lambda t: t.shape, inputs)
        shape = self._output_shape(in_shape) if callable(self._output_shape) else self._output_shape
        shape = tuple(shape)
        first = tree.flatten(inputs)[0]
        if first.shape and (
            len(shape) == len(first.shape) - 1 or not shape or shape[0] is not None
        ):
            shape = (first.shape[0],) + shape
        return KerasTensor(shape, dtype=first.dtype)

    def get_config(self):
        config = super().get_config()
        fn = self.function
        if isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>":
            config["function"] = serialization_lib.serialize_keras_object(fn)
        else:
            config["function"] = serialization_lib.serialize_keras_object(fn)
        config["arguments"] = self.arguments
        out = self._output_shape
        config["output_shape"] = (
            serialization_lib.serialize_keras_object(out) if callable(out) else out
        )
        config["mask"] = (
            serialization_lib.serialize_keras_object(self.mask)
            if callable(self.mask)
            else self.mask
        )
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        for key in ("function", "output_shape", "mask"):
            value = config.get(key)
            if isinstance(value, dict):
                config[key] = serialization_lib.deserialize_keras_object(
                    value, custom_objects=custom_objects
                )
        if "dtype" in config and isinstance(config["dtype"], dict):
            from keras_core.mixed_precision import policy as dtype_policy

            config["dtype"] = dtype_policy.get(config["dtype"])
        return cls(**config)


class Wrapper(Layer):
    """Base class of layers that wrap another layer (e.g. TimeDistributed).

    Args:
        layer: the wrapped Layer.

    Example:
    >>> class Twice(keras_core.layers.Wrapper):
    ...     def call(self, x):
    ...         return self.layer(self.layer(x))
    >>> add_one = keras_core.layers.Lambda(lambda x: x + 1)
    >>> keras_core.ops.convert_to_numpy(Twice(add_one)(np.zeros((2,), "float32"))).tolist()
    [2.0, 2.0]
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                f"Wrapper expects `layer` to be a Layer instance. Received: layer={layer!r}"
            )
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)

    def call(self, inputs, *args, **kwargs):
        return self.layer(inputs, *args, **kwargs)

    def get_config(self):
        config = super().get_config()
        config["layer"] = serialization_lib.serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects
        )
        if "dtype" in config and isinstance(config["dtype"], dict):
            from keras_core.mixed_precision import policy as dtype_policy

            config["dtype"] = dtype_policy.get(config["dtype"])
        return cls(**config)
