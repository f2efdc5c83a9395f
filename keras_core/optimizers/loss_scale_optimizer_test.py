import numpy as np
import pytest

import keras_core
from keras_core import backend, mixed_precision, optimizers


def _run(opt, grads):
    v = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    history = []
    for g in grads:
        opt.apply([np.array(g, "float32")], [v])
        history.append(
            (v.numpy().copy(), float(opt.dynamic_scale.numpy()), int(opt.step_counter.numpy()))
        )
    return v, history


def test_dynamic_scaling_skips_and_grows():
    opt = optimizers.LossScaleOptimizer(
        optimizers.SGD(0.1), initial_scale=8.0, dynamic_growth_steps=2
    )
    assert mixed_precision.LossScaleOptimizer is optimizers.LossScaleOptimizer
    grads = [[8.0, 8.0], [np.nan, 1.0], [4.0, -4.0], [4.0, 4.0], [16.0, 0.0]]
    _, history = _run(opt, grads)
    w = np.array([1.0, 2.0])
    scale, counter = 8.0, 0
    for g, (value, got_scale, got_counter) in zip(grads, history):
        g = np.array(g)
        if np.all(np.isfinite(g)):
            w = w - 0.1 * g / scale
            if counter == 1:
                scale, counter = scale * 2, 0
            else:
                counter += 1
        else:
            scale, counter = scale / 2, 0
        np.testing.assert_allclose(value, w, rtol=1e-6)
        assert got_scale == scale and got_counter == counter
    assert int(opt.iterations.numpy()) == 4  # the skipped step is not counted
    assert float(backend.convert_to_numpy(opt.scale_loss(np.float32(1.5)))) == 1.5 * scale


def test_stateless_apply_matches_and_config_round_trip():
    opt = optimizers.LossScaleOptimizer(optimizers.Adam(0.1), initial_scale=4.0)
    ref = optimizers.LossScaleOptimizer(optimizers.Adam(0.1), initial_scale=4.0)
    v = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    v_ref = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    opt.build([v])
    opt_values = [x.value for x in opt.variables]
    train_values = [v.value]
    for g in ([4.0, 8.0], [np.inf, 0.0], [2.0, 2.0]):
        g = np.array(g, "float32")
        train_values, opt_values = opt.stateless_apply(opt_values, [g], train_values)
        ref.apply([g], [v_ref])
    np.testing.assert_allclose(backend.convert_to_numpy(train_values[0]), v_ref.numpy(), rtol=1e-6)
    for a, b in zip(opt_values, ref.variables):
        np.testing.assert_allclose(backend.convert_to_numpy(a), b.numpy(), rtol=1e-6)
    config = optimizers.serialize(ref)
    assert config["config"]["inner_optimizer"]["class_name"] == "Adam"
    assert "learning_rate" not in config["config"]
    clone = optimizers.deserialize(config)
    assert isinstance(clone.inner_optimizer, optimizers.Adam)
    assert clone.initial_scale == 4.0
    with pytest.raises(ValueError, match="dynamic=False"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic=False)
