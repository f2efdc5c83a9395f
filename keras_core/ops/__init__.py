"""keras_core.ops: every public op, declared once, dispatched to the active backend."""

from keras_core.ops.core import cast, convert_to_numpy, convert_to_tensor, dtype, is_tensor, shape
from keras_core.ops.operation import Operation
