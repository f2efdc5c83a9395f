"""The CLI tests spawn numpy-backend subprocesses of their own, whatever backend
runs the suite, so they are collected once: in the numpy backend's run."""

import os

collect_ignore = []
if os.environ.get("KERAS_BACKEND", "") != "numpy":
    collect_ignore.append("cli_test.py")
