"""The op registry: one ``Entry`` per public op, the single source of truth.

Family modules (``numpy_*.py``, ``nn.py``, ``math.py``, ``linalg.py``,
``image.py``, ``core.py``) call ``register(Entry(...))`` at import;
``all_entries()`` imports them all. See conformance/README.md for the fields.
"""

import dataclasses
import importlib
import pkgutil
from typing import Any, Callable, Optional

FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")
INT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32")
ALL_NUMERIC = ("bool",) + INT_DTYPES + FLOAT_DTYPES


@dataclasses.dataclass
class Case:
    """One call: ``op(*args, **kwargs)``. NumPy arrays in ``args``/``kwargs`` become
    backend tensors; Python values are passed as they are."""

    args: tuple
    kwargs: dict = dataclasses.field(default_factory=dict)
    id: str = ""
    n: int = 1  # the size that scales the tolerance (reduction length, contraction size)


@dataclasses.dataclass
class ErrorCase:
    """A call that must raise ``exc`` with a message matching the regex ``match``."""

    args: tuple
    kwargs: dict = dataclasses.field(default_factory=dict)
    exc: Any = ValueError
    match: str = ""
    id: str = ""


@dataclasses.dataclass
class Entry:
    """What the suite knows about one public op.

    name: the op's name in ``keras_core.ops`` (``"linalg.qr"`` for a namespaced one).
    family: numpy | nn | math | linalg | image | core.
    reference: a NumPy/SciPy function with the op's signature, returning arrays.
    samples: ``(dtype, rng) -> [Case]``: small, seeded inputs for one dtype.
    dtypes: the input dtypes the op supports (each is checked).
    accuracy: a class from ``conformance.tolerances.CLASSES``.
    out_dtype: the expected result dtype: "promote", "float", "unary", "sum",
        "same", "bool", "int32", any dtype name, a callable ``(case, dtype) -> str``,
        or None to skip the dtype check (e.g. for several outputs of mixed dtypes).
    edges: ``(dtype, rng) -> [Case]`` of edge values (NaN, inf, -0.0, empty...) for float dtypes.
    errors: ErrorCases (bad arguments) run eagerly.
    differentiable: whether gradients are checked (float64, finite differences).
    grad_argnums: which positional args are differentiated.
    jit / symbolic / symbolic_none: whether those modes apply.
    postprocess: ``(output_as_numpy) -> comparable arrays``, applied to op and reference
        outputs alike (e.g. sign-normalizing eigenvectors, reconstructing from an svd).
    xfail: ``{backend: reason}`` for known, explained deviations.
    ref_native: pass the inputs to ``reference`` in their own dtypes instead of float64
        (for ops defined by the bits of a dtype: view, nextafter, nan_to_num, ...).
    dynamic_shape: the output's size depends on the input values (unique, nonzero,
        boolean masks): the symbolic check accepts ``None`` for any dimension.
    wrap: ``(public_callable) -> callable`` used in place of the op itself, for ops
        that are not called on tensors directly (decorators such as custom_gradient).
    error_floor: the magnitude below which errors are measured absolutely (None: the
        default of ``conformance.tolerances.error_floor``, relative down to the dtype's
        smallest normal for elementwise/transcendental numpy and math ops, else 1.0).
    symbolic_dtypes: whether symbolic mode also runs in int32 and bool (False for ops
        without tensor inputs, or whose int/bool cases have data-dependent shapes).
    """

    name: str
    family: str
    reference: Callable
    samples: Callable
    dtypes: tuple = ("float32",)
    accuracy: str = "elementwise"
    out_dtype: Any = "promote"
    edges: Optional[Callable] = None
    errors: tuple = ()
    differentiable: bool = False
    grad_argnums: tuple = (0,)
    jit: bool = True
    symbolic: bool = True
    symbolic_none: bool = True
    postprocess: Optional[Callable] = None
    xfail: dict = dataclasses.field(default_factory=dict)
    ref_native: bool = False
    dynamic_shape: bool = False
    wrap: Optional[Callable] = None
    error_floor: Optional[float] = None
    symbolic_dtypes: bool = True

    def op(self):
        import keras_core.ops as ops

        obj = ops
        for part in self.name.split("."):
            obj = getattr(obj, part)
        return self.wrap(obj) if self.wrap is not None else obj


_ENTRIES = {}
_LOADED = False


def register(entry: Entry) -> Entry:
    if entry.name in _ENTRIES:
        raise ValueError(f"Op {entry.name!r} is registered twice.")
    _ENTRIES[entry.name] = entry
    return entry


def all_entries() -> dict:
    """Imports every family module and returns ``{name: Entry}``."""
    global _LOADED
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_") and not info.name.endswith("_test"):
                importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True
    return dict(_ENTRIES)
