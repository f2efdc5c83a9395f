"""keras_core.ops.numpy: the NumPy-like ops, declared once for every backend.

The ops live in family modules (arithmetic, creation, elementwise, indexing, linear,
logic, reduction, searching, shape); every op function they define is exported here
(``export_ops``), and ``__all__`` lists them. No name is typed twice.
"""

from keras_core.backend.common.exports import export_ops as _export_ops
from keras_core.ops.numpy import (
    arithmetic,
    creation,
    elementwise,
    indexing,
    linear,
    logic,
    reduction,
    searching,
    shape,
)
from keras_core.ops.op_utils import op_names as _op_names

_FAMILIES = (
    arithmetic,
    creation,
    elementwise,
    indexing,
    linear,
    logic,
    reduction,
    searching,
    shape,
)

_export_ops(globals(), *_FAMILIES, classes=False)
__all__ = _op_names(*_FAMILIES)
