"""ResNet50, MobileNetV2 and EfficientNetB0 give the same numbers on every backend.

Each model is built without its top, its weights are set from a fixed NumPy seed
(scaled so activations stay of order one through the whole network), and its pooled
features for a fixed input are compared with ``testdata/cross_backend.npz``. That file
was computed on the numpy backend (plain NumPy, none of the three frameworks), so
tensorflow, jax and torch each agreeing with it within the float32 budget shows they
agree with each other. Regenerate it (only when a model's architecture changes) with

    KERAS_BACKEND=numpy python keras_core/applications/cross_backend_test.py
"""

import os

import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.applications import efficientnet, mobilenet_v2, resnet

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata", "cross_backend.npz")
BUILDERS = {
    "resnet50": resnet.ResNet50,
    "mobilenet_v2": mobilenet_v2.MobileNetV2,
    "efficientnet_b0": efficientnet.EfficientNetB0,
}
SHAPE = (2, 32, 32, 3)
# Pooled features after ~50 float32 layers, relative to the largest feature (observed:
# ~1e-6 on torch against the numpy backend).
RTOL = 2e-5


def _weights(model, seed):
    """Deterministic weights: kernels ~ N(0, 1/fan_in), BN/normalization near identity."""
    rng = np.random.default_rng(seed)
    out = []
    for v in model.weights:
        shape, name = tuple(v.shape), v.path.split("/")[-1]
        if name in ("kernel", "depthwise_kernel", "pointwise_kernel"):
            fan_in = int(np.prod(shape[:-1])) if name != "depthwise_kernel" else shape[0] * shape[1]
            w = rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        elif name in ("gamma", "moving_variance", "variance"):
            w = rng.uniform(0.8, 1.2, shape)
        elif name == "count":
            w = np.zeros(shape)
        else:  # bias, beta, moving_mean, mean
            w = rng.uniform(-0.1, 0.1, shape)
        out.append(w.astype(backend.standardize_dtype(v.dtype)))
    return out


def _features(name):
    model = BUILDERS[name](weights=None, include_top=False, input_shape=SHAPE[1:], pooling="avg")
    model.set_weights(_weights(model, seed=7))
    x = np.random.default_rng(3).uniform(0.0, 255.0, SHAPE).astype("float32")
    return ops.convert_to_numpy(model(x, training=False))


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_features_match_the_numpy_backend(name):
    with np.load(DATA) as data:
        expected = data[name]
    got = _features(name)
    assert got.shape == expected.shape and got.dtype == np.float32
    scale = float(np.abs(expected).max())
    assert scale > 1e-3  # the weights keep the features alive through the network
    np.testing.assert_allclose(got, expected, rtol=0, atol=RTOL * scale)


if __name__ == "__main__":
    if backend.backend() != "numpy":
        raise SystemExit("Record with KERAS_BACKEND=numpy (the reference is plain NumPy).")
    np.savez(DATA, **{name: _features(name) for name in sorted(BUILDERS)})
    print(f"wrote {DATA}")
