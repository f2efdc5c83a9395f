"""A deliberately broken backend plug-in: proof that the conformance suite can fail.

It runs on the numpy backend and, once ``install()`` has run, perturbs a few ops:

- ``add`` returns ``x1 + x2 + 1e-3`` for float results (a value error);
- ``multiply`` returns float64 where float32 is due (a dtype error);
- ``sum`` raises (an error);
- with ``CONFORMANCE_BROKEN_FOUNDATION=1`` in the environment, ``cast`` to
  float16 returns float32, so the foundation check fails and every other op
  is reported ``blocked``;
- with ``CONFORMANCE_BROKEN_CRASH=<op>``, the numpy-family op ``<op>`` kills the
  worker process (the runner restarts it after that op, reported as an error);
- with ``CONFORMANCE_BROKEN_SLOW=<op>``, the first call of ``<op>`` hangs for a
  minute (past ``--case-timeout``: an error, then a fresh worker).

Its manifest leaves out ``uint32``, so those cases are reported ``unsupported``; it
declares no training and only the ``.keras`` save format.

Run it: ``python -m conformance run --backend conformance.broken_backend``.
The module imports nothing from keras_core at its top level: the runner reads
``CAPABILITIES`` before it chooses the backend to import keras_core with.
"""

import os

CAPABILITIES = {
    "base_backend": "numpy",
    "dtypes": [
        "bool",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "float16",
        "bfloat16",
        "float32",
        "float64",
    ],
    "jit": False,
    "training": False,
    "save_formats": [".keras"],
    "xfail_from": "numpy",
}

ADD_OFFSET = 1e-3
_INSTALLED = False


def _is_float(dtype):
    from keras_core.backend.common.dtypes import standardize_dtype

    return standardize_dtype(dtype) in ("float16", "bfloat16", "float32", "float64")


def _slow_first_call(name, bnp, replace_function):
    import time

    original = getattr(bnp, name)
    calls = []

    def slow(*args, **kwargs):
        if not calls:
            calls.append(1)
            time.sleep(60)
        return original(*args, **kwargs)

    return [name] if replace_function(original, slow) else []


def install():
    """Patches the perturbed ops over the numpy backend (every module that binds them).

    Returns:
        The names of the patched functions.
    """
    global _INSTALLED
    if _INSTALLED:
        return []
    import numpy as np

    from conformance.runner import replace_function
    from keras_core.backend.numpy import core
    from keras_core.backend.numpy import numpy as bnp

    original_add, original_multiply, original_sum = bnp.add, bnp.multiply, bnp.sum
    original_cast = core.cast

    def add(x1, x2):
        out = np.asarray(original_add(x1, x2))
        if _is_float(out.dtype):
            return (out.astype(np.float64) + ADD_OFFSET).astype(out.dtype)
        return out

    def multiply(x1, x2):
        out = np.asarray(original_multiply(x1, x2))
        return out.astype(np.float64) if out.dtype == np.float32 else out

    def sum(x, axis=None, keepdims=False):  # noqa: A001 (the backend API's name)
        raise RuntimeError("broken backend: sum is deliberately broken")

    def cast(x, dtype):
        out = original_cast(x, dtype)
        if dtype == "float16":
            return np.asarray(out).astype(np.float32)
        return out

    patched = []
    for original, replacement in (
        (original_add, add),
        (original_multiply, multiply),
        (original_sum, sum),
    ):
        if replace_function(original, replacement):
            patched.append(original.__name__)
    if os.environ.get("CONFORMANCE_BROKEN_FOUNDATION") == "1":
        if replace_function(original_cast, cast):
            patched.append("cast")
    crash = os.environ.get("CONFORMANCE_BROKEN_CRASH")
    if crash:

        def die(*args, **kwargs):
            os._exit(3)

        if replace_function(getattr(bnp, crash), die):
            patched.append(crash)
    slow = os.environ.get("CONFORMANCE_BROKEN_SLOW")
    if slow:
        patched += _slow_first_call(slow, bnp, replace_function)
    _INSTALLED = True
    return patched
