"""keras_core.distribution: describe how tensors and variables are laid out over devices.

``DeviceMesh``, ``TensorLayout`` and ``LayoutMap`` describe a layout and
``DataParallel``/``ModelParallel`` pick one for data and variables. Laying
real arrays out (``distribute_tensor``, ``set_distribution``) is supported on
the jax backend only; the descriptions and ``list_devices`` work everywhere.
"""

from keras_core.distribution.distribution_lib import (
    DataParallel,
    DeviceMesh,
    Distribution,
    LayoutMap,
    ModelParallel,
    TensorLayout,
    distribute_tensor,
    distribute_variable,
    distribution,
    list_devices,
    set_distribution,
)

__all__ = [
    "DataParallel",
    "DeviceMesh",
    "Distribution",
    "LayoutMap",
    "ModelParallel",
    "TensorLayout",
    "distribute_tensor",
    "distribute_variable",
    "distribution",
    "list_devices",
    "set_distribution",
]
