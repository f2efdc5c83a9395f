"""The backend layer: selects one framework at import and exposes its ops.

``keras_core.backend.numpy``, ``.nn``, ``.math``, ``.linalg``, ``.image``,
``.random``, ``.core`` are the active backend's modules; see README.md.
"""

import importlib

from keras_core.backend import config
from keras_core.backend.common import global_state
from keras_core.backend.common.dtypes import (
    is_float_dtype,
    is_int_dtype,
    result_type,
    standardize_dtype,
)
from keras_core.backend.common.global_state import clear_session, get_uid
from keras_core.backend.common.keras_tensor import (
    KerasTensor,
    any_symbolic_tensors,
    is_keras_tensor,
)
from keras_core.backend.common.name_scope import name_scope
from keras_core.backend.common.stateless_scope import (
    StatelessScope,
    get_stateless_scope,
    in_stateless_scope,
)
from keras_core.backend.common.variables import KerasVariable, standardize_shape
from keras_core.backend.config import (
    backend,
    epsilon,
    floatx,
    image_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
    standardize_data_format,
)

_PIP = {
    "tensorflow": ("tensorflow", "pip install tensorflow-cpu==2.21.0"),
    "jax": ("jax", "pip install jax==0.10.2 jaxlib==0.10.2"),
    "torch": ("torch", "pip install torch==2.13.0"),
    "numpy": ("numpy", "pip install numpy"),
}


def _check_framework(name):
    module, command = _PIP[name]
    if importlib.util.find_spec(module) is None:
        raise ImportError(
            f"The keras_core backend {name!r} needs the {module!r} package, which is "
            f"not installed. Install it with: {command} "
            "(or pick another backend with the KERAS_BACKEND environment variable)."
        )


import importlib.util  # noqa: E402

_check_framework(backend())

if backend() == "jax":
    from keras_core.backend.jax import *  # noqa: F401,F403
    from keras_core.backend.jax import (
        control_flow,
        core,
        image,
        linalg,
        math,
        nn,
        numpy,
        optimizer,
        random,
    )
elif backend() == "torch":
    from keras_core.backend.torch import *  # noqa: F401,F403
    from keras_core.backend.torch import (
        control_flow,
        core,
        image,
        linalg,
        math,
        nn,
        numpy,
        optimizer,
        random,
    )
elif backend() == "tensorflow":
    from keras_core.backend.tensorflow import *  # noqa: F401,F403
    from keras_core.backend.tensorflow import (
        control_flow,
        core,
        image,
        linalg,
        math,
        nn,
        numpy,
        optimizer,
        random,
    )
else:
    from keras_core.backend.numpy import *  # noqa: F401,F403
    from keras_core.backend.numpy import (
        control_flow,
        core,
        image,
        linalg,
        math,
        nn,
        numpy,
        optimizer,
        random,
    )

# Every backend package exports the same core names (see backend/README.md):
# Variable, convert_to_tensor, convert_to_numpy, is_tensor, cast, shape,
# compute_output_spec, clear_backend_session, SUPPORTS_TRAINING.
