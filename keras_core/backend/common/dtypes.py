"""Dtype names and the one promotion table shared by every backend.

The promotion rules are a lattice stored as data (``_LATTICE`` below): each
dtype lists the dtypes directly above it. ``result_type`` returns the least
upper bound of its inputs. Python scalars are *weak* types (``"int"`` and
``"float"``): they take the dtype of a tensor they meet, so ``int8 + 1`` stays
``int8``. The lattice matches JAX's (with 64-bit types enabled), which is also
what Keras 3 follows, so results are identical on every backend.
"""

import functools

import numpy as np

from keras_core.backend import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("int8", "int16", "int32", "int64")
UINT_TYPES = ("uint8", "uint16", "uint32", "uint64")
COMPLEX_TYPES = ("complex64", "complex128")
ALLOWED_DTYPES = ("bool",) + INT_TYPES + UINT_TYPES + FLOAT_TYPES + COMPLEX_TYPES + ("string",)

# Weak (Python scalar) types take part in promotion but are never a result.
_WEAK_INT = "int"
_WEAK_FLOAT = "float"
_WEAK_COMPLEX = "complex"

# dtype -> the dtypes directly above it in the promotion lattice.
_LATTICE = {
    "bool": ("int",),
    "int": ("uint8", "int8"),
    "uint8": ("uint16", "int16"),
    "uint16": ("uint32", "int32"),
    "uint32": ("uint64", "int64"),
    "uint64": ("float",),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": ("float",),
    "float": ("bfloat16", "float16", "complex"),
    "bfloat16": ("float32",),
    "float16": ("float32",),
    "float32": ("float64", "complex64"),
    "float64": ("complex128",),
    "complex": ("complex64",),
    "complex64": ("complex128",),
    "complex128": (),
}

_ALIASES = {
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "int": "int32",
    "long": "int64",
    "short": "int16",
    "uint": "uint32",
    "bool_": "bool",
    "str": "string",
    "object": "string",
    "complex": "complex64",
    "cfloat": "complex64",
    "cdouble": "complex128",
}


def _upper_closure():
    closure = {}

    def up(node):
        if node not in closure:
            result = {node}
            for parent in _LATTICE[node]:
                result |= up(parent)
            closure[node] = frozenset(result)
        return closure[node]

    for node in _LATTICE:
        up(node)
    return closure


_UPPER = _upper_closure()


@functools.lru_cache(maxsize=512)
def _lub(a, b):
    common = _UPPER[a] & _UPPER[b]
    # The least element of the common upper bounds is the one all others sit above.
    for cand in common:
        if all(other in _UPPER[cand] for other in common):
            return cand
    raise ValueError(f"No common dtype for {a!r} and {b!r}")


def standardize_dtype(dtype) -> str:
    """Returns the canonical string name of ``dtype``.

    Accepts strings, Python types, NumPy dtypes and the dtypes of the active
    backend's framework. ``None`` means ``floatx()``.

    Example:
    >>> standardize_dtype("float")
    'float32'
    >>> standardize_dtype(np.int64)
    'int64'
    """
    try:
        return _STANDARD_NAMES[dtype]
    except (KeyError, TypeError):  # not seen yet, or unhashable
        pass
    if dtype is None or dtype is float:
        return config.floatx()  # follows set_floatx: never memoized
    name = _standardize_uncached(dtype)
    if len(_STANDARD_NAMES) < 4096:
        _STANDARD_NAMES[dtype] = name
    return name


# Memo of ``standardize_dtype`` (it runs dozens of times per eager step): every
# dtype-like key but None and ``float``, whose meaning follows ``floatx()``.
_STANDARD_NAMES = {}


def _standardize_uncached(dtype):
    if isinstance(dtype, str):
        name = dtype
    elif dtype is int:
        return "int32" if config.backend() != "numpy" else "int64"
    elif dtype is bool:
        return "bool"
    elif hasattr(dtype, "name") and isinstance(dtype.name, str):
        name = dtype.name  # numpy, jax, tensorflow dtypes
    elif hasattr(dtype, "is_floating_point"):  # torch.dtype
        name = str(dtype).split(".")[-1]
    else:
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = str(dtype)
    name = name.lower()
    if name.startswith("torch."):
        name = name[len("torch.") :]
    if name.startswith("tf."):
        name = name[len("tf.") :]
    if name.startswith("<dtype: '") and name.endswith("'>"):
        name = name[len("<dtype: '") : -2]
    name = _ALIASES.get(name, name)
    if name not in ALLOWED_DTYPES:
        raise ValueError(
            f"Invalid dtype: {dtype!r}. Expected one of {ALLOWED_DTYPES}. Received: dtype={dtype!r}"
        )
    return name


def is_float_dtype(dtype) -> bool:
    """True for floating-point dtypes.

    Example:
    >>> is_float_dtype("bfloat16")
    True
    """
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int_dtype(dtype) -> bool:
    """True for signed and unsigned integer dtypes.

    Example:
    >>> is_int_dtype("uint8")
    True
    """
    return standardize_dtype(dtype) in INT_TYPES + UINT_TYPES


def is_complex_dtype(dtype) -> bool:
    return standardize_dtype(dtype) in COMPLEX_TYPES


def _lattice_name(x):
    """Maps an argument of result_type to a lattice node."""
    if x is int or (isinstance(x, int) and not isinstance(x, bool) and type(x) is int):
        return _WEAK_INT
    if x is float or type(x) is float:
        return _WEAK_FLOAT
    if x is complex or type(x) is complex:
        return _WEAK_COMPLEX
    if x is bool or type(x) is bool:
        return "bool"
    if isinstance(x, (np.ndarray, np.generic)) or hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return standardize_dtype(x)


def _resolve_weak(name):
    if name == _WEAK_INT:
        return "int32"
    if name == _WEAK_FLOAT:
        return config.floatx()
    if name == _WEAK_COMPLEX:
        return "complex64"
    return name


def result_type(*dtypes) -> str:
    """Returns the dtype that results from combining ``dtypes``.

    Each argument is a dtype (string, framework or NumPy dtype), a tensor, or
    a Python scalar or scalar type, which counts as a *weak* type. The result
    is the least upper bound in the promotion lattice; a result that is only
    weak becomes ``int32`` (ints) or ``floatx()`` (floats).

    Example:
    >>> result_type("int8", "uint8")
    'int16'
    >>> result_type("int32", float)
    'float32'
    >>> result_type("bfloat16", int)
    'bfloat16'
    """
    if not dtypes:
        return config.floatx()
    names = [_lattice_name(d) for d in dtypes]
    if "string" in names:
        if all(n == "string" for n in names):
            return "string"
        raise ValueError(
            f"Cannot promote a string dtype with a numeric one. Received: dtypes={names}"
        )
    out = names[0]
    for n in names[1:]:
        out = _lub(out, n)
    return _resolve_weak(out)


def lattice() -> dict:
    """Returns a copy of the promotion lattice (dtype -> dtypes directly above)."""
    return {k: tuple(v) for k, v in _LATTICE.items()}
