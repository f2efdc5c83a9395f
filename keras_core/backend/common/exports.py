"""Builds a namespace of ops from the modules that define them, without
retyping a name.

A backend (or ops) family module defines its public functions at top level;
anything else it needs is imported from its helper module or is named with a
leading underscore. ``export_ops`` copies the functions *defined in* each
module (not the names it imports) into an aggregate namespace such as
``backend/<name>/numpy.py``, and merges the modules' ``UNSUPPORTED`` tables
(op name -> reason).
"""

import inspect


def defined_functions(module, classes: bool = True) -> dict:
    """Public functions (and classes, unless ``classes=False``) defined in ``module``."""
    out = {}
    for name, value in vars(module).items():
        if name.startswith("_"):
            continue
        kind_ok = inspect.isfunction(value) or (classes and inspect.isclass(value))
        if kind_ok and value.__module__ == module.__name__:
            out[name] = value
    return out


def export_ops(namespace: dict, *modules, classes: bool = True) -> dict:
    """Copies each module's own public functions into ``namespace``.

    Returns the merged ``UNSUPPORTED`` table of the modules (and of the
    namespace itself, if it already has one). A name defined by two of the
    modules is an error: every op lives in exactly one file. With
    ``classes=False`` only functions are exported (the ops layer keeps its
    ``Operation`` classes out of the public namespace).
    """
    unsupported = dict(namespace.get("UNSUPPORTED", {}))
    owner = {}
    for module in modules:
        for name, fn in defined_functions(module, classes).items():
            if name in owner and owner[name] is not module:
                raise ImportError(
                    f"Op {name!r} is defined twice: in {owner[name].__name__} and {module.__name__}."
                )
            owner[name] = module
            namespace[name] = fn
        unsupported.update(getattr(module, "UNSUPPORTED", {}))
    return unsupported
