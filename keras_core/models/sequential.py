"""Sequential: a plain stack of layers, each with one input and one output."""

from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.name_scope import name_scope
from keras_core.layers.core.input_layer import InputLayer
from keras_core.layers.layer import Layer
from keras_core.models.model import Model


class Sequential(Model):
    """A linear stack of layers.

    The model is built as soon as the input shape is known: from an ``Input``
    or ``InputLayer`` first layer, an ``input_shape=`` argument of the first
    layer, ``build(input_shape)``, or the first call on data.

    Args:
        layers: the layers, in order.
        trainable: whether the weights are trainable.
        name: the model's name.

    Example:
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> keras_core.ops.shape(model(np.ones((4, 3), "float32")))
    (4, 2)
    """

    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name)
        self._layers = []
        self._functional = None
        self._input_layer = None
        for layer in layers or ():
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Appends a layer (or an ``Input`` tensor as the first element)."""
        if isinstance(layer, KerasTensor):
            h = layer._keras_history
            if h is None or not isinstance(h.operation, InputLayer):
                raise ValueError(
                    "Only an Input() tensor can be added to a Sequential model as a tensor. "
                    f"Received: {layer}"
                )
            layer = h.operation
        if not isinstance(layer, Layer):
            raise ValueError(
                "Sequential.add expects a Layer instance. "
                f"Received: {layer!r} (of type {type(layer).__name__})"
            )
        if isinstance(layer, InputLayer):
            if self._layers or self._input_layer is not None:
                raise ValueError("An InputLayer can only be the first layer of a Sequential model.")
            self._input_layer = layer
        else:
            if any(existing.name == layer.name for existing in self._layers):
                raise ValueError(
                    f"All layers of a Sequential model need unique names; {layer.name!r} is "
                    "already used."
                )
            if (
                not self._layers
                and self._input_layer is None
                and layer._input_shape_arg is not None
            ):
                self._input_layer = InputLayer(batch_shape=layer._input_shape_arg)
            self._layers.append(layer)
        self._on_sublayer(layer)
        if rebuild:
            self._maybe_rebuild()

    def pop(self, rebuild=True):
        """Removes and returns the last layer."""
        if not self._layers:
            raise ValueError("There are no layers to pop from the Sequential model.")
        layer = self._layers.pop()
        self.built = False
        self._functional = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        if self._input_layer is not None and self._layers:
            self.build(self._input_layer.batch_shape)
        elif self._input_layer is not None:
            self._build_shapes = {"__first__": self._input_layer.batch_shape}

    def build(self, input_shape=None):
        if input_shape is None:
            raise ValueError(f"Sequential model {self.name!r} needs an input shape to build.")
        input_shape = tuple(input_shape)
        if self._input_layer is None or tuple(self._input_layer.batch_shape) != input_shape:
            dtype = self._input_layer.dtype if self._input_layer is not None else None
            self._input_layer = InputLayer(batch_shape=input_shape, dtype=dtype)
        x = self._input_layer.output
        with name_scope(self.name, caller=self):
            for layer in self._layers:
                try:
                    x = layer(x)
                except (TypeError, ValueError) as e:
                    raise type(e)(
                        f"Sequential model {self.name!r}, layer {layer.name!r}: {e}"
                    ) from e
        from keras_core.models.functional import Functional

        self._functional = Functional(
            inputs=self._input_layer.output, outputs=x, name=self.name + "_functional"
        )
        self._build_shapes = {"__first__": input_shape}
        self.built = True
        self._post_build()

    def call(self, inputs, training=None, mask=None):
        if self._functional is None:
            raise ValueError(f"Sequential model {self.name!r} has no layers to call.")
        return self._functional.call(inputs, training=training, mask=mask)

    def __call__(self, *args, **kwargs):
        if not self.built and args:
            first = args[0]
            shape = tuple(getattr(first, "shape", ()))
            if shape:
                self.build((None,) + tuple(shape[1:]))
        return super().__call__(*args, **kwargs)

    def compute_output_spec(self, inputs, training=None, mask=None):
        return self._functional.compute_output_spec(inputs, training=training, mask=mask)

    def _direct_sublayers(self):
        return list(self._layers)

    @property
    def layers(self):
        return list(self._layers)

    @property
    def inputs(self):
        return self._functional.inputs if self._functional else None

    @property
    def outputs(self):
        return self._functional.outputs if self._functional else None

    @property
    def input_shape(self):
        return self._functional.input_shape if self._functional else None

    @property
    def output_shape(self):
        return self._functional.output_shape if self._functional else None

    def get_config(self):
        from keras_core.saving.serialization_lib import serialize_keras_object

        layers = []
        if self._input_layer is not None:
            layers.append(serialize_keras_object(self._input_layer))
        layers.extend(serialize_keras_object(layer) for layer in self._layers)
        config = {
            "name": self.name,
            "trainable": self.trainable,
            "dtype": serialize_keras_object(self._dtype_policy),
            "layers": layers,
        }
        if self._build_shapes is not None:
            config["build_input_shape"] = list(self._build_shapes["__first__"])
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from keras_core.saving.serialization_lib import deserialize_keras_object

        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for entry in config.get("layers", []):
            model.add(deserialize_keras_object(entry, custom_objects=custom_objects), rebuild=False)
        if not model.built and config.get("build_input_shape") is not None and model._layers:
            model.build(tuple(config["build_input_shape"]))
        else:
            model._maybe_rebuild()
        return model

    def get_build_config(self):
        if self._build_shapes is None:
            return None
        return {"input_shape": list(self._build_shapes["__first__"])}

    def build_from_config(self, config):
        if not self.built and config.get("input_shape") is not None and self._layers:
            self.build(tuple(config["input_shape"]))
