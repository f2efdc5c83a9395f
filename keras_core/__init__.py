"""keras_core: the Keras API on TensorFlow, JAX, PyTorch (and NumPy for inference).

The backend is chosen once, at import: ``KERAS_BACKEND``, then
``$KERAS_HOME/keras.json``, then ``"tensorflow"``. Only that framework is imported.
"""

from keras_core import (
    activations,
    applications,
    backend,
    callbacks,
    config,
    constraints,
    datasets,
    distribution,
    export,
    initializers,
    layers,
    legacy,
    losses,
    metrics,
    mixed_precision,
    models,
    ops,
    optimizers,
    preprocessing,
    random,
    regularizers,
    saving,
    utils,
)
from keras_core.backend import KerasTensor, StatelessScope, Variable, name_scope
from keras_core.initializers import Initializer
from keras_core.layers import Input, InputSpec, Layer
from keras_core.losses import Loss
from keras_core.metrics import Metric
from keras_core.models import Model, Sequential
from keras_core.ops.function import Function
from keras_core.ops.operation import Operation
from keras_core.optimizers import Optimizer
from keras_core.regularizers import Regularizer
from keras_core.version import __version__
