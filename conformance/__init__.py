"""The keras_core conformance suite: op registry, NumPy references, harness, report.

See README.md. Run it with ``python -m conformance run --backend jax`` or through
pytest (``conformance/registry_test.py``), one backend per process.
"""
