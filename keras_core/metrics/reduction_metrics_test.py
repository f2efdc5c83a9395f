import numpy as np
import pytest

from keras_core import backend, losses, metrics


def _np(x):
    return np.asarray(backend.convert_to_numpy(x), dtype="float64")


def test_sum_and_mean_with_weights():
    values = np.array([1.0, 3.0, 5.0, 7.0], "float32")
    weights = np.array([1.0, 0.5, 0.0, 2.0], "float32")
    s = metrics.Sum()
    s.update_state(values)
    s.update_state(values, sample_weight=weights)
    np.testing.assert_allclose(_np(s.result()), 16 + (1 + 1.5 + 14))
    m = metrics.Mean()
    m.update_state(values, sample_weight=weights)
    m.update_state([2.0, 4.0])
    expected = (values * weights).sum() + 6.0
    np.testing.assert_allclose(_np(m.result()), expected / (weights.sum() + 2), rtol=1e-6)
    assert [v.path for v in m.variables] == ["mean/total", "mean/count"]
    m.reset_state()
    assert _np(m.result()) == 0.0


def test_mean_reduces_extra_axes_and_2d_weights():
    values = np.arange(12, dtype="float32").reshape(3, 4)
    m = metrics.Mean()
    m.update_state(values, sample_weight=np.array([1.0, 0.0, 2.0], "float32"))
    row_means = values.mean(1)
    np.testing.assert_allclose(_np(m.result()), (row_means[0] + 2 * row_means[2]) / 3, rtol=1e-6)
    m2 = metrics.Mean()
    w2 = np.array([[1, 0, 1, 0], [0, 0, 0, 0], [1, 1, 1, 1]], "float32")
    m2.update_state(values, sample_weight=w2)
    # Values are weighted element-wise, then averaged per sample over the last axis.
    expected = (values * w2).mean(1).sum() / w2.mean(1).sum()
    np.testing.assert_allclose(_np(m2.result()), expected, rtol=1e-6)


def test_mean_metric_wrapper_and_mask():
    m = metrics.MeanMetricWrapper(losses.mean_absolute_error, name="mae_metric")
    y_true = np.array([[0.0, 1.0], [2.0, 2.0], [1.0, 1.0]], "float32")
    y_pred = np.array([[1.0, 1.0], [0.0, 2.0], [1.0, 3.0]], "float32")
    m.update_state(y_true, y_pred, sample_weight=[1.0, 2.0, 0.0])
    np.testing.assert_allclose(_np(m.result()), (0.5 + 2 * 1.0) / 3, rtol=1e-6)

    class Masked(np.ndarray):
        pass

    masked = y_pred.view(Masked)
    masked._keras_mask = np.array([True, False, True])
    m2 = metrics.MeanMetricWrapper(losses.mean_absolute_error)
    m2.update_state(y_true, masked)
    np.testing.assert_allclose(_np(m2.result()), (0.5 + 1.0) / 2, rtol=1e-6)
    config = m.get_config()
    assert config["name"] == "mae_metric" and config["fn"]["config"] == "mean_absolute_error"
    clone = metrics.MeanMetricWrapper.from_config(config)
    clone.update_state(y_true, y_pred)
    np.testing.assert_allclose(_np(clone.result()), (0.5 + 1.0 + 1.0) / 3, rtol=1e-6)


def test_stateless_api_matches_stateful():
    m = metrics.Mean()
    values = m.stateless_reset_state()
    assert len(values) == 2
    for batch in ([1.0, 2.0], [3.0, 4.0, 5.0]):
        values = m.stateless_update_state(values, np.array(batch, "float32"))
    np.testing.assert_allclose(_np(m.stateless_result(values)), 3.0)
    # Nothing was assigned.
    assert _np(m.total.numpy()) == 0.0
    m.update_state([1.0, 2.0, 3.0, 4.0, 5.0])
    np.testing.assert_allclose(_np(m.result()), 3.0)
    values = m.stateless_reset_state()
    assert all(_np(v) == 0 for v in values) and _np(m.count.numpy()) == 5
    with pytest.raises(ValueError, match="variables"):
        m.stateless_update_state([0.0], [1.0])


@pytest.mark.skipif(backend.backend() != "jax", reason="jax.jit of the stateless metric API")
def test_stateless_update_under_jit():
    import jax

    m = metrics.SparseCategoricalAccuracy()
    update = jax.jit(m.stateless_update_state)
    values = m.stateless_reset_state()
    values = update(values, np.array([1, 0]), np.array([[0.1, 0.9], [0.2, 0.8]], "float32"))
    values = update(values, np.array([0, 0]), np.array([[0.7, 0.3], [0.6, 0.4]], "float32"))
    np.testing.assert_allclose(_np(m.stateless_result(values)), 0.75)


def test_custom_metric_tracks_nested_metrics():
    class Pair(metrics.Metric):
        def __init__(self):
            super().__init__(name="pair")
            self.first = metrics.Mean(name="first")
            self.second = metrics.Sum(name="second")

        def update_state(self, x):
            self.first.update_state(x)
            self.second.update_state(x)

        def result(self):
            return self.first.result() + self.second.result()

    p = Pair()
    p.update_state([1.0, 3.0])
    np.testing.assert_allclose(_np(p.result()), 6.0)
    assert [v.path for v in p.variables] == ["first/total", "first/count", "second/total"]
    p.reset_state()
    np.testing.assert_allclose(_np(p.result()), 0.0)
    assert backend.standardize_dtype(metrics.Mean(dtype="float64").result().dtype) == "float64"
