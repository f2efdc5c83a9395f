#!/usr/bin/env bash
# Runs the whole test suite once per backend, each backend in its own process
# (TensorFlow and torch in one process can crash). Exits non-zero if any fails.
# The numpy backend's run also runs every docstring example of keras_core as a
# doctest (--doctest-modules; conftest.py keeps the framework backends out).
#
# The conformance tests (conformance/registry_test.py, kinds_test.py) record their
# results while they run (CONFORMANCE_RECORD_DIR): after each backend, `python -m
# conformance collect` turns them into <dir>/<backend>.json; at the end the reports
# are merged (loading every backend's saved .keras files on every other backend)
# and `python -m conformance gate` is applied, so a numeric regression fails the run.
# The registry is not run a second time. <dir> is $CONFORMANCE_DIR (default: a
# fresh temporary folder); a baseline report in $CONFORMANCE_BASELINE adds the
# regressions gate. First, `python -m conformance golden --check` (NumPy goldens).
# Usage: bash scripts/run_tests.sh [--release] [backend ...]
set -u
cd "$(dirname "$0")/.."
marker='not slow'
release=''
if [ "${1:-}" = "--release" ]; then marker=''; release='--release'; shift; fi
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(tensorflow jax torch numpy)
export KERAS_HOME="${KERAS_HOME:-$(mktemp -d)}"
conf_dir="${CONFORMANCE_DIR:-$(mktemp -d)}"
mkdir -p "$conf_dir"
rm -rf "$conf_dir/records" "$conf_dir/artifacts"
export CONFORMANCE_RECORD_DIR="$conf_dir"
status=0
reports=()
# The layer and training goldens: every file regenerates to its committed bytes and hash.
echo "=== goldens ==="
python -m conformance golden --check || status=1
for b in "${backends[@]}"; do
  echo "=== backend: $b ==="
  start=$(date +%s)
  doctests=()
  [ "$b" = numpy ] && doctests=(--doctest-modules)
  KERAS_BACKEND=$b python -m pytest -p conformance.pytest_plugin -n 2 -q ${marker:+-m "$marker"} "${doctests[@]}" || status=1
  if python -m conformance collect "$conf_dir" --backend "$b" -o "$conf_dir/$b.json" >"$conf_dir/$b.summary" 2>&1; then
    reports+=("$conf_dir/$b.json")
    tail -n 1 "$conf_dir/$b.summary"
  else
    cat "$conf_dir/$b.summary"; status=1
  fi
  echo "=== backend $b took $(( $(date +%s) - start ))s ==="
done
if [ ${#reports[@]} -gt 0 ]; then
  echo "=== conformance gate ==="
  start=$(date +%s)
  baseline=()
  [ -n "${CONFORMANCE_BASELINE:-}" ] && baseline=(--baseline "$CONFORMANCE_BASELINE")
  # --release requires the three main backends: only when they all ran.
  gate_release=''
  if [ -n "$release" ] && [ ${#reports[@]} -ge 3 ]; then gate_release='--release'; fi
  python -m conformance merge "${reports[@]}" --artifacts "$conf_dir/artifacts" \
      -o "$conf_dir/merged.json" || status=1
  python -m conformance gate "$conf_dir/merged.json" "${baseline[@]}" $gate_release || status=1
  echo "=== conformance reports in $conf_dir (merge + gate took $(( $(date +%s) - start ))s) ==="
fi
exit $status
