"""Symbolic shape inference by probing: run a function on stand-in tensors.

Unknown (``None``) dimensions are filled with two different sizes; the dims
of the output that change between the two probes are reported as ``None``.
Each backend supplies ``_shape_probe(fn, args, kwargs)``, which runs ``fn`` on
KerasTensors with concrete shapes and returns KerasTensors (shape and dtype).
"""

from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor

_PROBE_SIZES = (83, 89)


def _fill(structure, size):
    def fill(v):
        if isinstance(v, KerasTensor):
            shape = tuple(size if d is None else d for d in v.shape)
            return KerasTensor(shape, v.dtype, sparse=v.sparse, record_history=False)
        return v

    return tree.map_structure(fill, structure)


def compute_output_spec(fn, *args, **kwargs):
    from keras_core.backend import core
    from keras_core.backend.common.variables import initialize_all_variables

    has_none = any(
        isinstance(v, KerasTensor) and None in v.shape for v in tree.flatten((args, kwargs))
    )
    first = core._shape_probe(fn, _fill(args, _PROBE_SIZES[0]), _fill(kwargs, _PROBE_SIZES[0]))
    if not has_none:
        initialize_all_variables()
        return first
    second = core._shape_probe(fn, _fill(args, _PROBE_SIZES[1]), _fill(kwargs, _PROBE_SIZES[1]))

    def merge(a, b):
        if isinstance(a, KerasTensor) and isinstance(b, KerasTensor):
            if len(a.shape) != len(b.shape):
                raise ValueError(
                    "Cannot infer a static rank: the output rank depends on the input's "
                    f"unknown dimensions ({a.shape} vs {b.shape})."
                )
            shape = tuple(x if x == y else None for x, y in zip(a.shape, b.shape))
            return KerasTensor(shape, a.dtype, sparse=a.sparse)
        return a

    initialize_all_variables()
    return tree.map_structure_up_to(first, merge, first, second)
