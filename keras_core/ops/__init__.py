"""keras_core.ops: every public op, declared once, dispatched to the active backend.

The op functions defined in the family modules are exported here by
``export_ops``; ``__all__`` is computed from them (no name is typed twice).
``keras_core.ops.numpy``, ``.nn``, ``.linalg``, ``.math`` and ``.image`` are the
Keras namespaces; image ops live only in ``keras_core.ops.image``, as in Keras.
"""

from keras_core.backend.common.exports import export_ops as _export_ops
from keras_core.ops import (
    control_flow,
    core,
    image,
    linalg,
    math,
    nn,
    nn_activations,
    nn_conv,
    nn_ctc,
    numpy,
)
from keras_core.ops.numpy import _FAMILIES as _NUMPY_FAMILIES
from keras_core.ops.op_utils import op_names as _op_names
from keras_core.ops.operation import Operation

_MODULES = (
    core,
    control_flow,
    linalg,
    math,
    nn,
    nn_activations,
    nn_conv,
    nn_ctc,
    *_NUMPY_FAMILIES,
)

_export_ops(globals(), *_MODULES, classes=False)
__all__ = ["Operation", "image", "linalg", "math", "nn", "numpy", *_op_names(*_MODULES)]
