#!/usr/bin/env bash
# Runs the whole test suite once per backend, each backend in its own process
# (TensorFlow and torch in one process can crash). Exits non-zero if any fails.
# The numpy backend's run also runs every docstring example of keras_core as a
# doctest (--doctest-modules; conftest.py keeps the framework backends out).
# Usage: bash scripts/run_tests.sh [--release] [backend ...]
set -u
cd "$(dirname "$0")/.."
marker='not slow'
if [ "${1:-}" = "--release" ]; then marker=''; shift; fi
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(tensorflow jax torch numpy)
export KERAS_HOME="${KERAS_HOME:-$(mktemp -d)}"
status=0
for b in "${backends[@]}"; do
  echo "=== backend: $b ==="
  start=$(date +%s)
  doctests=()
  [ "$b" = numpy ] && doctests=(--doctest-modules)
  KERAS_BACKEND=$b python -m pytest -n 2 -q ${marker:+-m "$marker"} "${doctests[@]}" || status=1
  echo "=== backend $b took $(( $(date +%s) - start ))s ==="
done
exit $status
