"""The numpy backend's NumPy-like ops (see keras_core/backend/README.md).

The functions live in family modules and are re-exported here, so that
``backend.numpy.<op>`` is the op on every backend.
"""

from keras_core.backend.numpy.numpy_math import *  # noqa: F401,F403
from keras_core.backend.numpy.numpy_products import *  # noqa: F401,F403
from keras_core.backend.numpy.numpy_reduce import *  # noqa: F401,F403
from keras_core.backend.numpy.numpy_shape import *  # noqa: F401,F403

# Every op of the numpy family is provided by the numpy backend.
UNSUPPORTED = {}
