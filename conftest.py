"""Test collection shared by the whole tree: the doctest setup.

``--doctest-modules`` (run by scripts/run_tests.sh on the numpy backend) imports
every module it collects. Only keras_core's own modules are collected for
doctests, never the framework backends under ``keras_core/backend/<name>/``:
importing another framework's backend in this process would be wrong, and a
backend's examples are not part of the documented API. Outside keras_core only
test files are collected, as without the flag.

Every doctest sees ``keras_core`` and ``np`` (NumPy) and starts with fresh
auto-generated names, so its output does not depend on which examples ran
before; an example that changes a global setting restores it.
"""

import os

import numpy as np
import pytest
from _pytest.doctest import DoctestItem

ROOT = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(ROOT, "keras_core")
FRAMEWORK_BACKENDS = tuple(
    os.path.join(PACKAGE, "backend", name) for name in ("tensorflow", "jax", "torch", "numpy")
)


def _outside_doctest_scope(path):
    if not path.startswith(PACKAGE + os.sep):
        return True
    return any(path == d or path.startswith(d + os.sep) for d in FRAMEWORK_BACKENDS)


def pytest_ignore_collect(collection_path, config):
    if not config.getoption("doctestmodules", False):
        return None
    path = str(collection_path)
    name = os.path.basename(path)
    if not path.endswith(".py") or name.endswith("_test.py") or name == "conftest.py":
        return None
    if _outside_doctest_scope(path):
        return True
    return None


@pytest.fixture(autouse=True)
def _doctest_context(request, doctest_namespace):
    if not isinstance(request.node, DoctestItem):
        yield
        return
    import keras_core
    from keras_core.backend.common import global_state

    doctest_namespace["keras_core"] = keras_core
    doctest_namespace["np"] = np
    # Fresh auto-generated names ("dense", "sequential", ...) for every example.
    # (Not a full clear_session(): its garbage collection, run ~500 times, would
    # dominate the doctest run. Examples that change a global setting restore it.)
    global_state.reset_uids()
    yield
