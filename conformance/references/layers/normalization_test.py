"""The normalization references against Keras 3's recordings (outputs and, for training
calls, the updated moving statistics / spectral weights), and keras_core's layers against
the references on the NumPy golden cases."""

import numpy as np
import pytest

from conformance.references import layers as layers_pkg
from conformance.references.layers import _golden_io, normalization


@pytest.fixture(autouse=True)
def _wrapped_layer_references(monkeypatch):
    # SpectralNormalization calls the wrapped layer's reference; Dense and Embedding come
    # from another module of the package, with test-only stand-ins until it is present.
    monkeypatch.setattr(layers_pkg, "lookup", _golden_io.lookup_with_stand_ins(layers_pkg.lookup))


class TestNormalizationReferences(_golden_io.FamilyTests):
    MODULE = normalization
    STEPS = {
        "BatchNormalization": normalization.batch_norm_step,
        "SpectralNormalization": normalization.spectral_norm_step,
    }


def test_batch_norm_reference_moving_statistics_over_several_steps():
    # The reference's update rule chained over steps equals the closed form
    # m_n = momentum**n * m_0 + sum_k (1 - momentum) * momentum**(n - 1 - k) * batch_stat_k.
    rng = np.random.default_rng(0)
    config = {"momentum": 0.7}
    weights = [np.ones(3), np.zeros(3), np.zeros(3), np.ones(3)]
    batches = [rng.normal(size=(5, 3)) for _ in range(3)]
    for x in batches:
        _, weights = normalization.batch_norm_step(config, weights, [x], training=True)
    n = len(batches)
    mean = sum(0.3 * 0.7 ** (n - 1 - k) * b.mean(0) for k, b in enumerate(batches))
    var = 0.7**n + sum(0.3 * 0.7 ** (n - 1 - k) * b.var(0) for k, b in enumerate(batches))
    np.testing.assert_allclose(weights[2], mean, rtol=1e-12)
    np.testing.assert_allclose(weights[3], var, rtol=1e-12)


def test_batch_norm_layer_tracks_the_reference_over_several_training_steps():
    # Issue 9: keras_core's BatchNormalization in training mode updates its moving
    # statistics exactly like the NumPy reference, step after step (with a mask on one).
    from keras_core import backend, layers

    rng = np.random.default_rng(1)
    config = {"momentum": 0.6, "epsilon": 1e-2}
    layer = layers.BatchNormalization(**config)
    layer.build((4, 3, 2))
    weights = [
        rng.uniform(0.5, 1.5, 2).astype("float32"),
        rng.uniform(-0.5, 0.5, 2).astype("float32"),
        rng.uniform(-0.5, 0.5, 2).astype("float32"),
        rng.uniform(0.5, 1.5, 2).astype("float32"),
    ]
    layer.set_weights(weights)
    ref_weights = [w.astype(np.float64) for w in weights]
    mask = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [1, 1, 1]], bool)
    for step in range(4):
        x = rng.uniform(-1.0, 2.0, (4, 3, 2)).astype("float32")
        m = mask if step == 2 else None
        kwargs = {} if m is None else {"mask": backend.convert_to_tensor(m)}
        out = backend.convert_to_numpy(layer(backend.convert_to_tensor(x), training=True, **kwargs))
        want, ref_weights = normalization.batch_norm_step(
            config, ref_weights, [x], training=True, mask=m
        )
        np.testing.assert_allclose(out, want.astype(np.float32), atol=1e-5, rtol=1e-5)
        for v, w in zip(layer.weights, ref_weights):
            np.testing.assert_allclose(np.asarray(v.numpy()), w, atol=1e-6, rtol=1e-5)
    x = rng.uniform(-1.0, 2.0, (4, 3, 2)).astype("float32")
    out = backend.convert_to_numpy(layer(backend.convert_to_tensor(x), training=False))
    want, after = normalization.batch_norm_step(config, ref_weights, [x], training=False)
    np.testing.assert_allclose(out, want.astype(np.float32), atol=1e-5, rtol=1e-5)
    for a, b in zip(after, ref_weights):
        np.testing.assert_array_equal(a, b)
