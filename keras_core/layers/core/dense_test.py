"""Dense against NumPy: outputs and gradients on the generic and the fused paths.

On torch a 2-D float input runs through ``backend.layer.dense`` (one ``addmm``;
narrow kernels in the transposed layout); other inputs, and the other backends,
run matmul + add. Both must give the same numbers.
"""

import numpy as np
import pytest

from keras_core import backend, layers, ops
from keras_core.testing.layer_harness import loss_and_grads

# (input shape, units): wide, narrow-and-deep (torch's transposed layout), a
# multiple of 16, and a 3-D input (the generic path everywhere).
CASES = [((6, 64), 48), ((5, 300), 10), ((4, 512), 16), ((3, 4, 40), 7)]


def _reference(x, kernel, bias):
    x, kernel, bias = (np.asarray(a, np.float64) for a in (x, kernel, bias))
    out = x @ kernel + bias
    grad_out = 2.0 * out / out.size  # d mean(out ** 2) / d out
    flat_x = x.reshape(-1, x.shape[-1])
    flat_g = grad_out.reshape(-1, out.shape[-1])
    return out, np.mean(out**2), flat_x.T @ flat_g, flat_g.sum(axis=0)


@pytest.mark.parametrize("shape, units", CASES)
def test_outputs_and_gradients_match_numpy(shape, units):
    rng = np.random.default_rng(3)
    layer = layers.Dense(units, bias_initializer="random_normal")
    x = rng.normal(size=shape).astype("float32")
    y = ops.convert_to_numpy(layer(x))
    kernel, bias = layer.kernel.numpy(), layer.bias.numpy()
    out, loss, d_kernel, d_bias = _reference(x, kernel, bias)
    assert y.dtype == np.float32 and y.shape == shape[:-1] + (units,)
    np.testing.assert_allclose(y, out, rtol=2e-6, atol=2e-6 * np.abs(out).max())
    if backend.backend() == "numpy":
        return  # inference only: no gradients to compare
    got_loss, (g_kernel, g_bias) = loss_and_grads(layer, x, {})
    assert g_kernel.shape == kernel.shape and g_bias.shape == bias.shape
    np.testing.assert_allclose(got_loss, loss, rtol=1e-5)
    np.testing.assert_allclose(g_kernel, d_kernel, rtol=1e-5, atol=1e-6 * np.abs(d_kernel).max())
    np.testing.assert_allclose(g_bias, d_bias, rtol=1e-5, atol=1e-6 * np.abs(d_bias).max())


def test_fused_kernel_is_used_exactly_where_documented():
    layer = layers.Dense(10)
    x = ops.convert_to_tensor(np.ones((2, 300), "float32"))
    layer(x)
    fused = backend.layer.dense(x, layer.kernel, layer.bias)
    if backend.backend() == "torch":
        assert fused is not None
        np.testing.assert_allclose(
            ops.convert_to_numpy(fused), ops.convert_to_numpy(layer(x)), rtol=1e-6
        )
        # A 3-D input, or an integer one, is left to matmul + add.
        three_d = ops.convert_to_tensor(np.ones((1, 2, 300), "float32"))
        assert backend.layer.dense(three_d, layer.kernel, layer.bias) is None
    else:
        assert fused is None


def test_float64_layer_keeps_float64():
    layer = layers.Dense(3, dtype="float64")
    x = np.arange(8, dtype="float64").reshape(2, 4) / 7.0
    y = ops.convert_to_numpy(layer(ops.convert_to_tensor(x, "float64")))
    assert y.dtype == np.float64
    expected = x @ layer.kernel.numpy() + layer.bias.numpy()
    np.testing.assert_allclose(y, expected, rtol=1e-12)


def test_wrong_input_width_names_the_layer_and_shapes():
    layer = layers.Dense(4, name="head")
    layer(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match=r'layer "head".*axis -1.*value 3.*\(2, 5\)'):
        layer(np.ones((2, 5), "float32"))


def test_input_spec_is_checked_again_after_it_changes():
    # A layer skips re-checking an input of the shape and dtype that passed last time;
    # a new input_spec (or another shape) is checked again.
    layer = layers.Dense(2, name="probe")
    x = ops.convert_to_tensor(np.ones((2, 3), "float32"))
    layer(x)
    layer(x)
    layer.input_spec = layers.InputSpec(ndim=3)
    with pytest.raises(ValueError, match=r'layer "probe".*expected ndim=3, found ndim=2'):
        layer(x)
