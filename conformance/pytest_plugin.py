"""A pytest plugin that records the layer goldens the layer tests already run.

``scripts/run_tests.sh`` loads it (``-p conformance.pytest_plugin``) together with
``CONFORMANCE_RECORD_DIR``: the layer test files call
``keras_core.testing.golden.check_golden`` for every golden, so instead of running
the goldens a second time for the report, the plugin wraps that function (before
the test modules import it) and writes one ``layer`` record per call (named like
``conformance.kinds`` names them: bare for the NumPy set, ``keras3/<name>`` for
the Keras 3 set): status,
tolerance (the ``atol``/``rtol`` the test passes), the measured error and the
repro line. Without ``CONFORMANCE_RECORD_DIR`` it does nothing.
"""

import numpy as np

from conformance import recorder


def _measure(name, outputs, compare_outputs, source):
    from conformance import kinds
    from keras_core.testing.golden import load_case

    _, _, _, expected = load_case(name, source)
    worst_abs = worst_rel = 0.0
    if compare_outputs:
        for got, want in zip(outputs, expected):
            a, r = kinds.measure(np.asarray(got, np.float32), np.asarray(want, np.float32), "")
            worst_abs, worst_rel = max(worst_abs, a), max(worst_rel, r)
    return worst_abs, worst_rel


def _wrap(original):
    def check_golden(name, atol=1e-5, rtol=1e-5, layer=None, compare_outputs=True, source=None):
        from conformance import kinds
        from keras_core import backend
        from keras_core.testing.golden import _manifest, qualified_name, split_name

        set_name, bare = split_name(name, source)
        family = _manifest(set_name).get(bare, {}).get("family", "?")
        # The record's name: bare for the NumPy set, "keras3/<name>" for Keras 3's.
        name = qualified_name(bare, set_name)
        tol = max(atol, rtol)
        try:
            result = original(
                name, atol=atol, rtol=rtol, layer=layer, compare_outputs=compare_outputs
            )
        except AssertionError as e:
            rec = kinds.make_record(
                "layer",
                name,
                family,
                backend.backend(),
                "golden",
                "outputs",
                "fail",
                str(e),
                tol=tol,
            )
            recorder.write(backend.backend(), [rec])
            raise
        except Exception as e:
            rec = kinds.make_record(
                "layer",
                name,
                family,
                backend.backend(),
                "golden",
                "outputs",
                "error",
                f"{type(e).__name__}: {e}",
                tol=tol,
            )
            recorder.write(backend.backend(), [rec])
            raise
        max_abs, max_rel = _measure(name, result[1], compare_outputs, None)
        rec = kinds.make_record(
            "layer",
            name,
            family,
            backend.backend(),
            "golden",
            "outputs",
            "pass",
            "",
            max_abs,
            max_rel,
            tol,
        )
        recorder.write(backend.backend(), [rec])
        return result

    check_golden.__wrapped__ = original
    check_golden.__doc__ = original.__doc__
    return check_golden


def pytest_configure(config):
    """Wraps check_golden when the run records conformance results."""
    if not recorder.record_dir():
        return
    from keras_core.testing import golden

    if not hasattr(golden.check_golden, "__wrapped__"):
        golden.check_golden = _wrap(golden.check_golden)
