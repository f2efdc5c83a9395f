"""Model: a Layer with training, saving and summary. ``Model(inputs, outputs)`` is Functional."""

import importlib
import json

from keras_core.backend import config
from keras_core.layers.layer import Layer
from keras_core.utils import summary_utils

_TRAINERS = {
    "jax": "JAXTrainer",
    "tensorflow": "TensorFlowTrainer",
    "torch": "TorchTrainer",
    "numpy": "NumpyTrainer",
}
# The active backend's trainer (compile/fit/evaluate/predict). It comes first in
# the bases so that, under torch, `compile` is Keras' and not torch.nn.Module's.
Trainer = getattr(
    importlib.import_module(f"keras_core.backend.{config.backend()}.trainer"),
    _TRAINERS[config.backend()],
)


class Model(Trainer, Layer):
    """A model: layers grouped with training and inference features.

    Two ways to make one:
    - Functional: ``Model(inputs=x, outputs=y)`` with KerasTensors from ``Input``.
    - Subclassing: define layers in ``__init__`` and the forward pass in ``call``.

    Example:
    >>> class MLP(keras_core.Model):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.hidden = keras_core.layers.Dense(4, activation="relu")
    ...         self.out = keras_core.layers.Dense(1)
    ...     def call(self, x):
    ...         return self.out(self.hidden(x))
    >>> keras_core.ops.shape(MLP()(np.ones((2, 3), "float32")))
    (2, 1)
    """

    def __new__(cls, *args, **kwargs):
        if cls is Model and (len(args) >= 2 or "inputs" in kwargs or "outputs" in kwargs):
            from keras_core.models.functional import Functional

            return Functional.__new__(Functional, *args, **kwargs)
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if args or "inputs" in kwargs or "outputs" in kwargs:
            raise ValueError(
                "Model(inputs, outputs) builds a Functional model; a subclass of Model takes "
                "only name=, trainable=, dtype=. Received positional args or inputs/outputs."
            )
        Layer.__init__(self, **kwargs)
        Trainer.__init__(self)

    def summary(
        self,
        line_length=None,
        positions=None,
        print_fn=None,
        expand_nested=False,
        show_trainable=False,
        layer_range=None,
    ):
        """Prints a table of the model's layers, output shapes and parameter counts.

        Example:
        >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
        >>> model.summary()
        Model: "sequential"
        ======================================
        Layer (type)  | Output Shape | Param #
        ======================================
        dense (Dense) | (None, 2)    | 8
        ======================================
         Total params: 8 (32 B)
         Trainable params: 8 (32 B)
         Non-trainable params: 0 (0 B)
        """
        summary_utils.print_summary(
            self,
            line_length=line_length,
            positions=positions,
            print_fn=print_fn,
            expand_nested=expand_nested,
            show_trainable=show_trainable,
            layer_range=layer_range,
        )

    def get_layer(self, name=None, index=None):
        """A layer by ``name`` or by ``index`` in ``layers``."""
        if index is not None:
            layers = self.layers
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f"`index`={index} is out of range: the model has {len(layers)} layers."
                )
            return layers[index]
        if name is None:
            raise ValueError("get_layer() needs `name` or `index`.")
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(
            f"No layer named {name!r} in model {self.name!r}. Layers: {[layer.name for layer in self.layers]}"
        )

    def to_json(self, **kwargs):
        """The model's architecture as a JSON string (see ``model_from_json``).

        Example:
        >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
        >>> json.loads(model.to_json())["class_name"]
        'Sequential'
        """
        from keras_core.saving.serialization_lib import serialize_keras_object

        return json.dumps(serialize_keras_object(self), **kwargs)

    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Saves the model (architecture, weights, compile settings, optimizer state).

        ``filepath`` ends in ``.keras`` (the Keras 3 archive) or ``.h5`` (legacy
        format); see ``keras_core.saving.save_model``.

        Example:
        >>> model.save("model.keras")  # doctest: +SKIP
        """
        from keras_core.saving import saving_api

        return saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def export(self, filepath, format="tf_saved_model"):
        """Writes the model's inference function as a TensorFlow SavedModel.

        The SavedModel has a ``serve`` endpoint (also its default serving
        signature) calling the model with ``training=False``; reload it with
        ``tf.saved_model.load`` or ``keras_core.layers.TFSMLayer``. Needs the
        tensorflow or jax backend; use ``keras_core.export.ExportArchive`` for
        several endpoints or custom signatures.

        Example:
        >>> model.export("exported_model")  # doctest: +SKIP
        """
        if format != "tf_saved_model":
            raise ValueError(
                "`format` must be 'tf_saved_model' (the only export format). "
                f"Received: format={format!r}"
            )
        from keras_core.export import export_lib

        export_lib.export_model(self, filepath)

    def save_weights(self, filepath, overwrite=True):
        """Saves the weights (and optimizer state) to a ``.weights.h5`` file.

        Example:
        >>> model.save_weights("model.weights.h5")  # doctest: +SKIP
        """
        from keras_core.saving import saving_api

        return saving_api.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Loads weights from ``.weights.h5``, ``.keras`` or legacy ``.h5`` (``by_name=``) files.

        Example:
        >>> model.load_weights("model.weights.h5")  # doctest: +SKIP
        """
        from keras_core.saving import saving_api

        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)


def model_from_json(json_string, custom_objects=None):
    """Rebuilds a model (new weights) from ``Model.to_json()``.

    Example:
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> clone = keras_core.models.model_from_json(model.to_json())
    >>> type(clone).__name__, [type(layer).__name__ for layer in clone.layers]
    ('Sequential', ['Dense'])
    """
    from keras_core.saving.serialization_lib import deserialize_keras_object

    try:
        config = json.loads(json_string)
    except (TypeError, ValueError) as e:
        raise ValueError(f"model_from_json: `json_string` is not valid JSON: {e}") from e
    return deserialize_keras_object(config, custom_objects=custom_objects)
