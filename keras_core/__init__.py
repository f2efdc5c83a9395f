"""keras_core: the Keras API on TensorFlow, JAX, PyTorch (and NumPy for inference).

The backend is chosen once, at import: ``KERAS_BACKEND``, then
``$KERAS_HOME/keras.json``, then ``"tensorflow"``. Only that framework is imported.
"""

from keras_core import backend, config, ops, random
from keras_core.backend import KerasTensor, StatelessScope, Variable, name_scope
from keras_core.ops.operation import Operation
from keras_core.version import __version__

__all__ = [
    "KerasTensor",
    "Operation",
    "StatelessScope",
    "Variable",
    "__version__",
    "backend",
    "config",
    "name_scope",
    "ops",
    "random",
]
