"""Collection rules for the conformance suite.

- The CLI tests spawn numpy-backend subprocesses of their own, whatever backend
  runs the suite, so they are collected once: in the numpy backend's run.
- The full registry sweep runs on every backend in the default run (on jax,
  where every op x dtype x mode case compiles with XLA, it takes about 11
  minutes with `-n 2` on 2 cores).
"""

import os

BACKEND = os.environ.get("KERAS_BACKEND", "")

collect_ignore = []
if BACKEND != "numpy":
    collect_ignore.append("cli_test.py")
