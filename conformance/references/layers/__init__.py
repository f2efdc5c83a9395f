"""NumPy references for keras_core layers, used to generate the layer goldens.

Each module of this package defines ``REFERENCES``: ``{class_name: {"weights":
fn(config, input_shapes), "call": fn(config, weights, inputs, **kwargs)}}``.
``weights`` lists ``(path_suffix, shape)`` in the layer's ``get_weights()``
order; ``call`` computes the outputs in float64 NumPy. Nothing here imports a
framework or keras_core: the references are independent of every backend.
"""

import importlib
import pkgutil


def all_references() -> dict:
    """Every layer reference of the package's modules, keyed by class name."""
    merged = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.endswith("_test") or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, ref in getattr(module, "REFERENCES", {}).items():
            if name in merged:
                raise ValueError(f"Layer reference {name!r} is defined twice (in {info.name}).")
            merged[name] = ref
    return merged


def lookup(class_name: str) -> dict:
    """The reference of one layer class, e.g. ``lookup("Dense")["call"]``."""
    refs = all_references()
    if class_name not in refs:
        raise KeyError(f"No NumPy layer reference for `{class_name}`. Known: {sorted(refs)}")
    return refs[class_name]
