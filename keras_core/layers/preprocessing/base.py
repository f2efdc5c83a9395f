"""Shared machinery of the preprocessing layers.

``PreprocessingLayer`` is a ``Layer`` that also runs inside a ``tf.data``
pipeline on every backend: when it is called with TensorFlow tensors while
another backend is active (``dataset.map(layer)`` traces the layer with
symbolic ``tf.Tensor``s), its ``call`` runs under ``tf_backend_scope()``, which
binds the TensorFlow backend's modules into ``keras_core.backend`` for the
duration of the call, so the same ``keras_core.ops`` code builds TensorFlow
graph ops. Tracing happens synchronously in the thread that calls
``dataset.map``, so the swap is never seen by concurrent work.
"""

import contextlib
import importlib
import sys

import numpy as np

from keras_core import backend
from keras_core.layers.layer import Layer

# Names of keras_core.backend that come from the selected backend package.
_SWAPPED = (
    "control_flow",
    "core",
    "image",
    "linalg",
    "math",
    "nn",
    "numpy",
    "random",
    "Variable",
    "cast",
    "compute_output_spec",
    "convert_to_numpy",
    "convert_to_tensor",
    "is_tensor",
    "shape",
    "to_native_dtype",
)

_STATE = {"tf_scope": 0}


def tf_available() -> bool:
    """Whether TensorFlow can be imported."""
    return importlib.util.find_spec("tensorflow") is not None


def require_tf(what: str):
    """Imports TensorFlow, or raises an ImportError naming ``what`` needs it."""
    if not tf_available():
        raise ImportError(
            f"{what} needs TensorFlow, which is not installed. Install it with: "
            "pip install tensorflow-cpu"
        )
    import tensorflow as tf

    return tf


def is_tf_tensor(x) -> bool:
    """Whether ``x`` is a TensorFlow tensor (dense, ragged or sparse), without importing TF."""
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return False
    return isinstance(x, (tf.Tensor, tf.RaggedTensor, tf.SparseTensor)) and not isinstance(
        x, tf.Variable
    )


def in_tf_scope() -> bool:
    """Whether a ``tf_backend_scope`` is active (or the backend is tensorflow)."""
    return _STATE["tf_scope"] > 0 or backend.backend() == "tensorflow"


@contextlib.contextmanager
def tf_backend_scope():
    """Temporarily binds the TensorFlow backend into ``keras_core.backend``."""
    if backend.backend() == "tensorflow":
        yield
        return
    require_tf("Running a preprocessing layer on TensorFlow tensors")
    tf_backend = importlib.import_module("keras_core.backend.tensorflow")
    saved = {name: getattr(backend, name) for name in _SWAPPED if hasattr(backend, name)}
    for name in saved:
        setattr(backend, name, getattr(tf_backend, name))
    # ops modules that bound ``backend.numpy`` at import as ``_bnp``.
    aliased = [
        m
        for n, m in list(sys.modules.items())
        if n.startswith("keras_core.ops") and getattr(m, "_bnp", None) is saved.get("numpy")
    ]
    for m in aliased:
        m._bnp = tf_backend.numpy
    _STATE["tf_scope"] += 1
    try:
        yield
    finally:
        _STATE["tf_scope"] -= 1
        for name, value in saved.items():
            setattr(backend, name, value)
        for m in aliased:
            m._bnp = saved["numpy"]


def read_variable(var):
    """A variable's value, as a TF constant inside a ``tf_backend_scope`` on another backend."""
    if _STATE["tf_scope"] > 0:
        import tensorflow as tf

        return tf.constant(np.asarray(var.numpy()))
    return var.value


def to_numpy(x) -> np.ndarray:
    """Any tensor (backend, TF or NumPy) as a NumPy array, for ``adapt`` and vocabularies."""
    if isinstance(x, np.ndarray):
        return x
    if is_tf_tensor(x):
        tf = sys.modules["tensorflow"]
        if isinstance(x, tf.RaggedTensor):
            return np.asarray(x.to_list(), dtype=object)
        if isinstance(x, tf.SparseTensor):
            x = tf.sparse.to_dense(x)
        return x.numpy()
    if hasattr(x, "numpy") and not backend.is_tensor(x):
        return np.asarray(x.numpy())
    if backend.is_tensor(x):
        return np.asarray(backend.convert_to_numpy(x))
    return np.asarray(x)


def iterate_adapt_data(data, batch_size=None, steps=None):
    """Yields NumPy batches from arrays, tensors, lists or a ``tf.data.Dataset``."""
    tf = sys.modules.get("tensorflow")
    if tf is not None and isinstance(data, tf.data.Dataset):
        if steps is not None:
            data = data.take(steps)
        for batch in data:
            if isinstance(batch, tuple):
                batch = batch[0]
            yield to_numpy(batch)
        return
    arr = to_numpy(data) if not isinstance(data, (list, tuple)) else np.asarray(data)
    if batch_size is None:
        yield arr
        return
    n = arr.shape[0]
    stop = n if steps is None else min(n, steps * batch_size)
    for start in range(0, stop, batch_size):
        yield arr[start : start + batch_size]


class PreprocessingLayer(Layer):
    """Base of the preprocessing layers: runs in models on every backend and in ``tf.data``.

    Subclasses write ``call`` with ``keras_core.ops`` only; called with
    TensorFlow tensors on a non-TensorFlow backend, ``call`` runs under
    ``tf_backend_scope()``.
    """

    _uses_tf_for_tf_inputs = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._tf_seed_generator = None

    def __call__(self, *args, **kwargs):
        if args and self._uses_tf_for_tf_inputs and backend.backend() != "tensorflow":
            if is_tf_tensor(args[0]):
                return self._call_in_tf(*args, **kwargs)
        return super().__call__(*args, **kwargs)

    def _call_in_tf(self, inputs, *args, **kwargs):
        if not self.built:
            shape = tuple(inputs.shape) if inputs.shape.rank is not None else None
            self.build(shape)
            self.built = True
        with tf_backend_scope():
            if "training" in self._call_signature.parameters and "training" not in kwargs:
                kwargs["training"] = self._call_default_training
            if "training" not in self._call_signature.parameters:
                kwargs.pop("training", None)
            return self.call(inputs, *args, **kwargs)

    def draw_seed(self):
        """A seed for one random draw: the layer's SeedGenerator, or a TF-side one in tf.data."""
        if _STATE["tf_scope"] > 0:
            if self._tf_seed_generator is None:
                self._tf_seed_generator = _TFSeedGenerator(self.seed)
            return self._tf_seed_generator.next()
        return self.seed_generator


class _TFSeedGenerator:
    """Seed state held in a ``tf.Variable`` (for tf.data pipelines on other backends)."""

    def __init__(self, seed=None):
        import tensorflow as tf

        from keras_core.backend.common.seed_generator import make_default_seed

        if seed is None:
            seed = make_default_seed()
        with tf.init_scope():
            self.state = tf.Variable([seed, 0], dtype=tf.int64, trainable=False)

    def next(self):
        state = self.state.read_value()
        self.state.assign_add([0, 1])
        return state
