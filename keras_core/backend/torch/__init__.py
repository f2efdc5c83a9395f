"""The torch backend. Every backend package has the same module names."""

from keras_core.backend.torch import (
    control_flow,
    core,
    image,
    layer,
    linalg,
    math,
    nn,
    numpy,
    random,
)
from keras_core.backend.torch.core import (
    EAGER_TENSOR_TYPE,
    SUPPORTS_SPARSE_TENSORS,
    SUPPORTS_TRAINING,
    Variable,
    cast,
    clear_backend_session,
    compute_output_spec,
    convert_to_numpy,
    convert_to_tensor,
    is_tensor,
    shape,
    to_native_dtype,
)
from keras_core.backend.torch.layer import BackendLayer
