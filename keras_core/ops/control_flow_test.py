"""Control flow inside jax.jit / tf.function / torch.compile gives the eager result;
symbolic specs.

Value checks for every op are in the conformance registry (conformance/registry/core.py);
these tests cover compiled loops whose state is several traced tensors.
"""

import numpy as np
import pytest

import keras_core
from keras_core import backend, ops

BACKEND = backend.backend()


def _compile(fn):
    if BACKEND == "jax":
        import jax

        return jax.jit(fn)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        return tf.function(fn)
    if BACKEND == "torch":
        import torch

        # TorchDynamo traces the loops; the "eager" backend runs the captured graph
        # without needing a C++ toolchain (inductor).
        return torch.compile(fn, backend="eager")
    pytest.skip(f"no compiled mode on the {BACKEND} backend (inference with NumPy only)")


def _np(x):
    return keras_core.ops.convert_to_numpy(x)


def _loop(i, total, x):
    cond = lambda i, total, x: i < 5  # noqa: E731

    def body(i, total, x):
        return ops.add(i, 1), ops.add(total, ops.sum(x)), ops.multiply(x, 0.5)

    return ops.while_loop(cond, body, (i, total, x))


def test_while_loop_compiled_matches_eager():
    x = ops.convert_to_tensor(np.arange(4, dtype="float32"))
    i, total = ops.convert_to_tensor(np.int32(0)), ops.convert_to_tensor(np.float32(0))
    eager = [_np(v) for v in _loop(i, total, x)]
    compiled = [_np(v) for v in _compile(_loop)(i, total, x)]
    for a, b in zip(eager, compiled):
        np.testing.assert_allclose(a, b, rtol=1e-6)
        assert a.dtype == b.dtype
    assert int(eager[0]) == 5
    np.testing.assert_allclose(eager[2], np.arange(4) / 32)


def test_while_loop_maximum_iterations_compiled():
    def fn(x):
        return ops.while_loop(
            lambda x: ops.sum(x) < 1e9, lambda x: ops.multiply(x, 2), x, maximum_iterations=3
        )

    x = ops.convert_to_tensor(np.ones(2, "float32"))
    np.testing.assert_allclose(_np(_compile(fn)(x)), [8.0, 8.0])
    np.testing.assert_allclose(_np(fn(x)), [8.0, 8.0])


def _cumulative(init, xs):
    def step(carry, x):
        total, count = carry
        total = ops.add(total, x)
        return (total, ops.add(count, 1)), ops.multiply(total, 2.0)

    return ops.scan(step, init, xs)


def test_scan_compiled_matches_eager():
    xs = ops.convert_to_tensor(np.arange(12, dtype="float32").reshape(4, 3))
    init = (ops.convert_to_tensor(np.zeros(3, "float32")), ops.convert_to_tensor(np.int32(0)))
    (e_total, e_count), e_ys = _cumulative(init, xs)
    (c_total, c_count), c_ys = _compile(_cumulative)(init, xs)
    np.testing.assert_allclose(_np(e_total), _np(c_total))
    np.testing.assert_allclose(_np(e_ys), _np(c_ys))
    assert int(_np(e_count)) == int(_np(c_count)) == 4
    np.testing.assert_allclose(_np(e_ys), 2 * np.cumsum(np.arange(12.0).reshape(4, 3), axis=0))


def test_fori_loop_and_cond_compiled():
    def fn(x, flag):
        y = ops.fori_loop(0, 3, lambda i, v: ops.add(v, ops.cast(i, "float32")), x)
        return ops.cond(flag, lambda: ops.multiply(y, 2.0), lambda: y)

    x = ops.convert_to_tensor(np.ones(2, "float32"))
    for flag in (True, False):
        f = ops.convert_to_tensor(np.bool_(flag))
        np.testing.assert_allclose(_np(_compile(fn)(x, f)), _np(fn(x, f)))


def test_symbolic_specs():
    x = keras_core.KerasTensor((None, 3))
    out = ops.while_loop(lambda v: ops.sum(v) < 10, lambda v: ops.add(v, 1), x)
    assert out.shape == (None, 3) and out.dtype == "float32"
    carry, ys = ops.scan(
        lambda c, v: (ops.add(c, v), c),
        keras_core.KerasTensor((3,)),
        keras_core.KerasTensor((5, 3)),
    )
    assert carry.shape == (3,) and ys.shape == (5, 3)
    parts = ops.unstack(keras_core.KerasTensor((None, 2, 4)), axis=1)
    assert len(parts) == 2 and parts[0].shape == (None, 4)
    assert ops.rearrange(x, "b c -> c b").shape == (3, None)


def test_errors_name_the_op():
    with pytest.raises(TypeError, match="while_loop.*body"):
        ops.while_loop(lambda v: True, None, 1.0)
    with pytest.raises(ValueError, match="scan.*length"):
        ops.scan(lambda c, x: (c, x), 0.0)
    with pytest.raises(ValueError, match="rearrange"):
        ops.rearrange(np.zeros((2, 3)), "a b -> a")
