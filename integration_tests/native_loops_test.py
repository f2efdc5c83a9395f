"""A keras_core model trained by a loop written from scratch in each framework.

torch: torch.optim.SGD over model.parameters() and loss.backward(), with the
model as a submodule of a plain torch.nn.Module. JAX: stateless_call inside
jax.jit and jax.grad. TensorFlow: tf.GradientTape over model.trainable_variables.
The numpy backend runs inference only: there it checks that the forward pass
works and that no gradient machinery is claimed.
"""

import numpy as np

import keras_core
from keras_core import backend, layers

RNG = np.random.default_rng(0)
X = RNG.normal(size=(64, 4)).astype("float32")
TRUE_W = np.array([[1.0], [-2.0], [0.5], [3.0]], "float32")
Y = (X @ TRUE_W + 0.1).astype("float32")
STEPS = 60


def make_model():
    return keras_core.Sequential(
        [keras_core.Input((4,)), layers.Dense(8, activation="tanh"), layers.Dense(1)]
    )


def _mse(np_pred):
    return float(np.mean((np_pred - Y) ** 2))


def test_native_training_loop_reduces_loss():
    name = backend.backend()
    model = make_model()
    initial = _mse(backend.convert_to_numpy(model(X)))
    if name == "torch":
        import torch

        class Wrapper(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.body = model
                self.scale = torch.nn.Parameter(torch.ones(()))

            def forward(self, x):
                return self.body(x) * self.scale

        net = Wrapper()
        params = list(net.parameters())
        assert len(params) == 5  # 4 Dense weights + the wrapper's own scale
        optimizer = torch.optim.SGD(net.parameters(), lr=0.05)
        xt, yt = torch.from_numpy(X), torch.from_numpy(Y)
        for _ in range(STEPS):
            optimizer.zero_grad()
            loss = torch.mean((net(xt) - yt) ** 2)
            loss.backward()
            optimizer.step()
        final = _mse(net(xt).detach().numpy())
    elif name == "jax":
        import jax
        import jax.numpy as jnp

        trainable = [v.value for v in model.trainable_variables]
        non_trainable = [v.value for v in model.non_trainable_variables]

        def loss_fn(tv, x, y):
            pred, _ = model.stateless_call(tv, non_trainable, x)
            return jnp.mean((pred - y) ** 2)

        @jax.jit
        def step(tv, x, y):
            loss, grads = jax.value_and_grad(loss_fn)(tv, x, y)
            return [w - 0.05 * g for w, g in zip(tv, grads)], loss

        for _ in range(STEPS):
            trainable, _ = step(trainable, X, Y)
        for v, value in zip(model.trainable_variables, trainable):
            v.assign(value)
        final = _mse(np.asarray(model(X)))
    elif name == "tensorflow":
        import tensorflow as tf

        for _ in range(STEPS):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(X) - Y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            assert all(g is not None for g in grads)
            for v, g in zip(model.trainable_variables, grads):
                v.assign_sub(0.05 * g)
        final = _mse(model(X).numpy())
    else:
        assert not backend.core.SUPPORTS_TRAINING
        np.testing.assert_allclose(_mse(model(X)), initial)
        return
    assert final < 0.5 * initial, f"{name}: loss {initial:.4f} -> {final:.4f}"
