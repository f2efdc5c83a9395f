"""End-to-end training: every backend reproduces one NumPy reference, so all agree.

Each test builds the model with fixed weights, trains it with ``fit`` and
compares the per-epoch losses, the metrics and the final weights with a NumPy
(float64) re-implementation of the same forward pass, gradients and SGD
updates. Matching the same reference within float32 tolerance on tensorflow,
jax and torch is what makes the backends interchangeable.
"""

import numpy as np
import pytest

import keras_core
from keras_core import backend, callbacks, layers, optimizers

pytestmark = pytest.mark.skipif(
    backend.backend() == "numpy", reason="the numpy backend is inference-only"
)

RNG = np.random.default_rng(42)
N, D, H, C = 60, 5, 7, 3
X = RNG.normal(size=(N, D)).astype("float32")
LABELS = np.argmax(X[:, :C] + 0.3 * RNG.normal(size=(N, C)), axis=-1)
Y_ONEHOT = np.eye(C, dtype="float32")[LABELS]
INIT = [
    RNG.normal(scale=0.4, size=(D, H)).astype("float32"),
    RNG.normal(scale=0.1, size=(H,)).astype("float32"),
    RNG.normal(scale=0.4, size=(H, C)).astype("float32"),
    RNG.normal(scale=0.1, size=(C,)).astype("float32"),
]


def classifier():
    inputs = keras_core.Input((D,))
    h = layers.Dense(H, activation="tanh")(inputs)
    outputs = layers.Dense(C, activation="softmax")(h)
    model = keras_core.Model(inputs, outputs)
    model.set_weights(INIT)
    return model


def numpy_classifier_sgd(lr, batch_size, epochs, momentum=0.0):
    """Softmax classifier trained by (momentum) SGD on categorical cross-entropy, in float64."""
    params = [w.astype("float64") for w in INIT]
    velocity = [np.zeros_like(p) for p in params]
    losses, accuracies = [], []
    for _ in range(epochs):
        loss_sum = correct = 0.0
        for start in range(0, N, batch_size):
            xb, yb = X[start : start + batch_size], Y_ONEHOT[start : start + batch_size]
            w1, b1, w2, b2 = params
            h = np.tanh(xb @ w1 + b1)
            z = h @ w2 + b2
            p = np.exp(z - z.max(-1, keepdims=True))
            p /= p.sum(-1, keepdims=True)
            loss_sum += -np.sum(yb * np.log(np.clip(p, 1e-7, 1 - 1e-7)))
            correct += np.sum(p.argmax(-1) == yb.argmax(-1))
            dz = (p - yb) / len(xb)
            dh = dz @ w2.T * (1 - h**2)
            grads = [xb.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)]
            for i, g in enumerate(grads):
                velocity[i] = momentum * velocity[i] - lr * g
                params[i] = params[i] + velocity[i]
        losses.append(loss_sum / N)
        accuracies.append(correct / N)
    return losses, accuracies, params


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_classifier_matches_numpy_reference(momentum):
    model = classifier()
    model.compile(
        optimizer=optimizers.SGD(0.5, momentum=momentum),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(X, Y_ONEHOT, batch_size=16, epochs=4, shuffle=False, verbose=0)
    ref_losses, ref_acc, ref_params = numpy_classifier_sgd(0.5, 16, 4, momentum)
    np.testing.assert_allclose(history.history["loss"], ref_losses, rtol=3e-5)
    np.testing.assert_allclose(history.history["accuracy"], ref_acc, atol=1e-6)
    for got, want in zip(model.get_weights(), ref_params):
        np.testing.assert_allclose(got, want, rtol=2e-4, atol=2e-5)


def test_sparse_labels_steps_per_execution_and_validation_agree():
    ref_losses, _, ref_params = numpy_classifier_sgd(0.5, 12, 3)
    model = classifier()
    model.compile(
        optimizer=optimizers.SGD(0.5),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=2,
    )
    history = model.fit(
        X, LABELS, batch_size=12, epochs=3, shuffle=False, verbose=0, validation_data=(X, LABELS)
    )
    np.testing.assert_allclose(history.history["loss"], ref_losses, rtol=3e-5)
    probs = model.predict(X, verbose=0).astype("float64")
    val_loss = -np.mean(np.log(np.clip(probs[np.arange(N), LABELS], 1e-7, 1)))
    np.testing.assert_allclose(history.history["val_loss"][-1], val_loss, rtol=1e-5)
    np.testing.assert_allclose(
        history.history["val_accuracy"][-1], np.mean(probs.argmax(-1) == LABELS), atol=1e-6
    )
    for got, want in zip(model.get_weights(), ref_params):
        np.testing.assert_allclose(got, want, rtol=2e-4, atol=2e-5)


def test_dropout_trains_and_inference_is_deterministic():
    inputs = keras_core.Input((D,))
    h = layers.Dense(16, activation="relu")(inputs)
    h = layers.Dropout(0.5, seed=1)(h)
    outputs = layers.Dense(C, activation="softmax")(h)
    model = keras_core.Model(inputs, outputs)
    model.compile(optimizer=optimizers.Adam(0.02), loss="sparse_categorical_crossentropy")
    history = model.fit(X, LABELS, batch_size=10, epochs=15, verbose=0)
    assert history.history["loss"][-1] < 0.7 * history.history["loss"][0]
    np.testing.assert_array_equal(model.predict(X, verbose=0), model.predict(X, verbose=0))
    train_mode = backend.convert_to_numpy(model(X, training=True))
    assert not np.allclose(train_mode, model.predict(X, verbose=0))


def test_early_stopping_and_checkpointing_end_to_end(tmp_path):
    model = classifier()
    model.compile(optimizer=optimizers.SGD(0.5), loss="categorical_crossentropy")
    log = tmp_path / "log.csv"
    history = model.fit(
        X,
        Y_ONEHOT,
        epochs=50,
        verbose=0,
        validation_split=0.3,
        callbacks=[
            callbacks.EarlyStopping(patience=2, restore_best_weights=True),
            callbacks.CSVLogger(log),
        ],
    )
    stopped = len(history.epoch)
    assert stopped < 50
    lines = log.read_text().splitlines()
    assert len(lines) == stopped + 1 and lines[0] == "epoch,loss,val_loss"
    best = int(np.argmin(history.history["val_loss"]))
    probs = model.predict(X[42:], verbose=0).astype("float64")
    val = -np.mean(np.sum(Y_ONEHOT[42:] * np.log(np.clip(probs, 1e-7, 1)), axis=-1))
    np.testing.assert_allclose(val, history.history["val_loss"][best], rtol=1e-5)
