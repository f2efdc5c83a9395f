"""JaxLayer: on jax, params and state become variables, init_fn at build, rng keys, training,
state updates, gradients under jax.jit, config; elsewhere a clear error."""

import numpy as np
import pytest

from keras_core import backend, layers, models
from keras_core.saving import register_keras_serializable, serialization_lib
from keras_core.testing.layer_harness import training_step_check

ON_JAX = backend.backend() == "jax"


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


@register_keras_serializable(package="jax_layer_test")
def dense_init(rng, inputs):
    import jax

    return {
        "w": jax.random.normal(rng, (inputs.shape[-1], 2)) * 0.5,
        "b": jax.numpy.zeros((2,)),
    }


@register_keras_serializable(package="jax_layer_test")
def dense_call(params, inputs):
    return inputs @ params["w"] + params["b"]


def test_other_backends_raise_a_clear_error():
    if ON_JAX:
        with pytest.raises(ValueError, match="init_fn"):
            layers.JaxLayer(dense_call)
        with pytest.raises(ValueError, match="arguments of `call_fn`"):
            layers.JaxLayer(lambda params, x: x, init_fn=dense_init)
        return
    with pytest.raises(ValueError, match="needs the jax backend"):
        layers.JaxLayer(dense_call, dense_init)


# The remaining tests run on the backend the layer needs (elsewhere only the error above).
if ON_JAX:

    def test_init_fn_builds_variables_values_and_training():
        layer = layers.JaxLayer(dense_call, dense_init, seed=1)
        x = np.random.default_rng(0).uniform(-1, 1, (4, 3)).astype("float32")
        out = layer(x)
        assert [tuple(w.shape) for w in layer.weights] == [(2,), (3, 2)]  # pytree (sorted) order
        b, w = layer.get_weights()
        np.testing.assert_allclose(to_np(out), x @ w + b, atol=1e-6)
        assert "->" in training_step_check(layer, x, {})
        inputs = layers.Input((3,))
        model = models.Model(inputs, layer(inputs))
        np.testing.assert_allclose(to_np(model(x)), to_np(layer(x)), atol=1e-6)

    def test_params_state_rng_and_training_under_jit():
        import jax
        import jax.numpy as jnp

        def call_fn(params, state, rng, inputs, training):
            noise = jax.random.uniform(rng, inputs.shape) if training else 0.0
            y = inputs * params["scale"] + noise
            new_state = {"count": state["count"] + 1, "last_mean": jnp.mean(y)}
            return y, new_state

        layer = layers.JaxLayer(
            call_fn,
            params={"scale": jnp.full((3,), 2.0)},
            state={"count": jnp.zeros((), "int32"), "last_mean": jnp.zeros(())},
            seed=3,
        )
        assert len(layer.trainable_weights) == 1 and len(layer.non_trainable_weights) == 2
        x = np.ones((2, 3), "float32")
        np.testing.assert_allclose(to_np(layer(x)), 2 * x)
        a = to_np(layer(x, training=True))
        b = to_np(layer(x, training=True))
        assert not np.allclose(a, b)  # a new key per call
        assert int(to_np(layer.non_trainable_weights[0])) == 3
        tv = [v.value for v in layer.trainable_variables]
        ntv = [v.value for v in layer.non_trainable_variables]
        fn = jax.jit(lambda t, n, x: layer.stateless_call(t, n, x, training=False))
        out, new = fn(tv, ntv, x)
        np.testing.assert_allclose(to_np(out), 2 * x)
        assert int(new[0]) == 4
        assert int(to_np(layer.non_trainable_weights[0])) == 3  # stateless: untouched

    def test_config_round_trip():
        layer = layers.JaxLayer(dense_call, dense_init, seed=5)
        x = np.ones((1, 3), "float32")
        layer(x)
        config = serialization_lib.serialize_keras_object(layer)
        revived = serialization_lib.deserialize_keras_object(config)
        revived(x)
        revived.set_weights(layer.get_weights())
        np.testing.assert_allclose(to_np(revived(x)), to_np(layer(x)))
        params_only = layers.JaxLayer(dense_call, params={"w": np.ones((3, 2)), "b": np.zeros(2)})
        with pytest.raises(ValueError, match="without `init_fn`"):
            layers.JaxLayer.from_config(params_only.get_config())
