"""keras_core.ops: every public op, declared once, dispatched to the active backend.

Each family module lists its public names in ``__all__``; they are re-exported here.
"""

from keras_core.ops import image, linalg, nn, numpy  # noqa: F401  (the Keras namespaces)
from keras_core.ops.control_flow import *  # noqa: F401,F403
from keras_core.ops.core import cast, convert_to_numpy, convert_to_tensor, dtype, is_tensor, shape
from keras_core.ops.linalg import *  # noqa: F401,F403
from keras_core.ops.math import *  # noqa: F401,F403
from keras_core.ops.nn import *  # noqa: F401,F403
from keras_core.ops.numpy import *  # noqa: F401,F403
from keras_core.ops.operation import Operation
