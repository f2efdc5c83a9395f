"""TorchModuleWrapper: on torch, parameters and buffers become variables, values, gradients,
stateless calls, train/eval mode, lazy modules and config; elsewhere a clear error."""

import numpy as np
import pytest

from keras_core import backend, layers, models
from keras_core.saving import serialization_lib
from keras_core.testing.layer_harness import training_step_check

ON_TORCH = backend.backend() == "torch"


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


def test_other_backends_raise_a_clear_error():
    if ON_TORCH:
        import torch

        with pytest.raises(ValueError, match="torch.nn.Module"):
            layers.TorchModuleWrapper("linear")
        assert isinstance(layers.TorchModuleWrapper(torch.nn.Linear(2, 2)).module, torch.nn.Module)
        return
    with pytest.raises(ValueError, match="needs the torch backend"):
        layers.TorchModuleWrapper(object())


# The remaining tests run on the backend the layer needs (elsewhere only the error above).
if ON_TORCH:
    import torch

    def test_linear_weights_values_and_training_step():
        torch.manual_seed(0)
        module = torch.nn.Linear(3, 2)
        layer = layers.TorchModuleWrapper(module)
        assert [w.path for w in layer.weights] == [
            f"{layer.name}/weight",
            f"{layer.name}/bias",
        ]
        x = np.random.default_rng(0).uniform(-1, 1, (4, 3)).astype("float32")
        w, b = layer.get_weights()
        np.testing.assert_allclose(to_np(layer(x)), x @ w.T + b, atol=1e-6)
        # The module shares the variables' tensors: set_weights changes what it computes.
        layer.set_weights([np.ones((2, 3), "float32"), np.zeros(2, "float32")])
        np.testing.assert_allclose(
            module(torch.tensor(x)).detach().numpy(), x @ np.ones((3, 2)), atol=1e-6
        )
        assert len(list(layer.parameters())) == 2
        result = training_step_check(layer, x, {})
        assert "->" in result

    def test_stateless_call_and_functional_model():
        layer = layers.TorchModuleWrapper(
            torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
        )
        x = np.random.default_rng(1).uniform(-1, 1, (5, 3)).astype("float32")
        eager = to_np(layer(x))
        zeros = [torch.zeros_like(v.value) for v in layer.trainable_variables]
        out, _ = layer.stateless_call(zeros, [], x)
        np.testing.assert_array_equal(to_np(out), np.zeros((5, 1)))
        np.testing.assert_allclose(to_np(layer(x)), eager)  # the variables were not touched
        inputs = layers.Input((3,))
        model = models.Model(inputs, layers.Dense(2)(layer(inputs)))
        assert model(x).shape == (5, 2)
        assert len(model.trainable_weights) == 6

    def test_buffers_training_mode_and_lazy_modules():
        layer = layers.TorchModuleWrapper(torch.nn.BatchNorm1d(3))
        assert len(layer.trainable_weights) == 2
        assert [w.name for w in layer.non_trainable_weights] == [
            "running_mean",
            "running_var",
            "num_batches_tracked",
        ]
        x = np.random.default_rng(2).normal(2.0, 1.0, (16, 3)).astype("float32")
        layer(x, training=True)
        assert np.all(to_np(layer.non_trainable_weights[0]) > 0.05)  # running mean moved
        assert int(to_np(layer.non_trainable_weights[2])) == 1
        before = to_np(layer.non_trainable_weights[0]).copy()
        layer(x, training=False)
        np.testing.assert_array_equal(to_np(layer.non_trainable_weights[0]), before)
        lazy = layers.TorchModuleWrapper(torch.nn.LazyLinear(2))
        out = lazy(np.ones((3, 5), "float32"))
        assert tuple(out.shape) == (3, 2)
        assert [tuple(w.shape) for w in lazy.weights] == [(2, 5), (2,)]

    def test_config_round_trip_needs_unsafe_mode():
        layer = layers.TorchModuleWrapper(torch.nn.Linear(2, 3), output_shape=(None, 3))
        x = np.ones((1, 2), "float32")
        layer(x)
        config = serialization_lib.serialize_keras_object(layer)
        with pytest.raises(ValueError, match="safe_mode=False"):
            serialization_lib.deserialize_keras_object(config)
        revived = serialization_lib.deserialize_keras_object(config, safe_mode=False)
        np.testing.assert_allclose(to_np(revived(x)), to_np(layer(x)), atol=1e-7)
        assert layer(layers.Input((2,))).shape == (None, 3)
