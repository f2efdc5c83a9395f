"""Collection rules for the conformance suite.

- The CLI tests spawn numpy-backend subprocesses of their own, whatever backend
  runs the suite, so they are collected once: in the numpy backend's run.
- On jax every op x dtype x mode case compiles with XLA: the full registry sweep
  takes over 30 minutes on 2 cores, so on jax it is marked `slow` and runs in
  tox's `release` env (scripts/run_tests.sh --release), not in the default run.
"""

import os

import pytest

BACKEND = os.environ.get("KERAS_BACKEND", "")

collect_ignore = []
if BACKEND != "numpy":
    collect_ignore.append("cli_test.py")


def pytest_collection_modifyitems(config, items):
    if BACKEND != "jax":
        return
    for item in items:
        if item.nodeid.startswith("conformance/registry_test.py"):
            item.add_marker(pytest.mark.slow)
