"""Backend-neutral building blocks shared by every backend. See README.md."""

from keras_core.backend.common import global_state
from keras_core.backend.common.dtypes import (
    is_float_dtype,
    is_int_dtype,
    result_type,
    standardize_dtype,
)
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
