"""set_random_seed: one call to make Python, NumPy and backend randomness reproducible."""

import random
import sys

import numpy as np

from keras_core import backend
from keras_core.backend.common import global_state


def set_random_seed(seed: int) -> None:
    """Seeds Python's ``random``, NumPy, the backend framework and keras_core's global generator.

    After this, random ops called with ``seed=None`` and layers that draw their
    own seeds repeat the same sequence on every run.

    Args:
        seed: a non-negative integer.

    Example:
    >>> set_random_seed(3)
    >>> a = keras_core.random.uniform((2,))
    >>> set_random_seed(3)
    >>> b = keras_core.random.uniform((2,))
    >>> bool(keras_core.ops.all(keras_core.ops.equal(a, b)))
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"`seed` must be a non-negative integer. Received: seed={seed!r}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % (2**32))
    global_state.set_global_attribute("global_seed_generator", None)
    name = backend.backend()
    if name == "tensorflow" or "tensorflow" in sys.modules:
        import tensorflow as tf

        tf.random.set_seed(seed)
    if name == "torch":
        import torch

        torch.manual_seed(seed)
