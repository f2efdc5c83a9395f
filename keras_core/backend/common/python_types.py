"""Default dtypes for Python values, shared by every backend's convert_to_tensor."""

from keras_core.backend.common import dtypes as dt


def scalar_default_dtype(x):
    """The dtype a Python scalar becomes: bool, int32, floatx; None for others."""
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return "int32"
    if isinstance(x, float):
        return dt.standardize_dtype(None)
    if isinstance(x, complex):
        return "complex64"
    return None


def nested_default_dtype(x):
    """The dtype a nested list of Python scalars becomes (None if it holds other values)."""
    kinds = set()

    def walk(v):
        if isinstance(v, (list, tuple)):
            for e in v:
                walk(e)
        else:
            d = scalar_default_dtype(v)
            kinds.add(d if d is not None else "other")

    walk(x)
    if "other" in kinds:
        return None
    for kind in ("complex64", dt.standardize_dtype(None), "int32", "bool"):
        if kind in kinds:
            return kind
    return dt.standardize_dtype(None)  # an empty list
