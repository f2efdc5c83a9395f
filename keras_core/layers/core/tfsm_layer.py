"""TFSMLayer: a TensorFlow SavedModel's endpoint used as a layer (tensorflow backend)."""

from typing import Any

from keras_core import backend
from keras_core.layers.layer import Layer


def _saved_variables(tf, obj):
    """The SavedModel's variables: its ``variables`` list when it saved one (Keras
    exports do), else every ``tf.Variable`` reachable from the loaded object."""
    saved = getattr(obj, "variables", None)
    if isinstance(saved, (list, tuple)) and saved:
        return list(saved)
    found, seen = [], set()
    for trackable in tf.train.TrackableView(obj).descendants():
        if isinstance(trackable, tf.Variable) and id(trackable) not in seen:
            seen.add(id(trackable))
            found.append(trackable)
    return found


class TFSMLayer(Layer):
    """Calls an endpoint of a TensorFlow SavedModel as a keras_core layer.

    The SavedModel is loaded with ``tf.saved_model.load``. ``call_endpoint``
    names a ``tf.function`` attribute of the saved object or one of its
    serving signatures (signatures take and return dicts of tensors). The
    saved object's variables become the layer's weights (trainable as saved): the layer's variables hold the very
    ``tf.Variable`` objects the loaded functions read, so ``get_weights``,
    ``set_weights``, gradients and optimizers act on the SavedModel itself.
    Only the tensorflow backend can run a SavedModel; elsewhere the
    constructor raises a ValueError.

    Args:
        filepath: the SavedModel directory.
        call_endpoint: the endpoint called in inference (default ``"serve"``).
        call_training_endpoint: an optional endpoint called when
            ``training=True``.
        trainable: whether the SavedModel's trainable variables are trainable here.
        name: the layer name.
        dtype: the layer dtype policy.
    """

    def __init__(
        self,
        filepath: str,
        call_endpoint: str = "serve",
        call_training_endpoint: str | None = None,
        trainable: bool = True,
        name: str | None = None,
        dtype: Any = None,
    ):
        if backend.backend() != "tensorflow":
            raise ValueError(
                "TFSMLayer runs a TensorFlow SavedModel and needs the tensorflow backend "
                f"(KERAS_BACKEND=tensorflow). Received: backend={backend.backend()!r}"
            )
        import tensorflow as tf

        super().__init__(trainable=trainable, name=name, dtype=dtype)
        self.filepath = str(filepath)
        self.call_endpoint = call_endpoint
        self.call_training_endpoint = call_training_endpoint
        self._reloaded_obj = tf.saved_model.load(self.filepath)
        self._call_fn = self._endpoint(call_endpoint, "call_endpoint")
        self._training_fn = (
            self._endpoint(call_training_endpoint, "call_training_endpoint")
            if call_training_endpoint
            else None
        )
        for tf_variable in _saved_variables(tf, self._reloaded_obj):
            variable = self.add_weight(
                shape=tuple(tf_variable.shape),
                dtype=tf_variable.dtype.name,
                initializer="zeros",
                trainable=bool(tf_variable.trainable),
                name=tf_variable.name.split(":")[0].split("/")[-1],
                autocast=False,
            )
            # Share the SavedModel's variable: its restored functions read this object.
            variable._value = tf_variable
        self.built = True

    def _endpoint(self, name, argument):
        obj = self._reloaded_obj
        fn = getattr(obj, name, None)
        if fn is not None and callable(fn):
            return fn
        signatures = getattr(obj, "signatures", {})
        if name in signatures:
            return signatures[name]
        available = sorted(signatures) + sorted(
            n
            for n in dir(obj)
            if not n.startswith("_") and hasattr(getattr(obj, n), "get_concrete_function")
        )
        raise ValueError(
            f"TFSMLayer: the SavedModel at {self.filepath!r} has no endpoint {name!r} "
            f"(functions and signatures: {available}). Received: {argument}={name!r}"
        )

    def call(self, inputs, training=False):
        if training and self._training_fn is not None:
            return self._training_fn(inputs)
        return self._call_fn(inputs)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filepath": self.filepath,
                "call_endpoint": self.call_endpoint,
                "call_training_endpoint": self.call_training_endpoint,
            }
        )
        return config
