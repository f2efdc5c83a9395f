"""The tensorflow backend's NumPy-like ops (``keras_core.backend.numpy``).

Holds no op itself: each op lives in the ``numpy_<family>`` module named after
the ``keras_core/ops/numpy/<family>.py`` module that declares it, and
``export_ops`` gathers them here.
"""

from keras_core.backend.common.exports import export_ops
from keras_core.backend.tensorflow import (
    numpy_arithmetic,
    numpy_creation,
    numpy_elementwise,
    numpy_indexing,
    numpy_linear,
    numpy_logic,
    numpy_reduction,
    numpy_searching,
    numpy_shape,
)

UNSUPPORTED = export_ops(
    globals(),
    numpy_arithmetic,
    numpy_creation,
    numpy_elementwise,
    numpy_indexing,
    numpy_linear,
    numpy_logic,
    numpy_reduction,
    numpy_searching,
    numpy_shape,
)
