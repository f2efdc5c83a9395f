"""Trainer tests: learning, losses against NumPy, structures, weights, custom steps, errors."""

import numpy as np
import pytest

import keras_core
from keras_core import backend, layers, losses, metrics, ops, optimizers

TRAINING = backend.backend() != "numpy"
needs_training = pytest.mark.skipif(not TRAINING, reason="the numpy backend is inference-only")

RNG = np.random.default_rng(1)
X = RNG.normal(size=(96, 4)).astype("float32")
W_TRUE = np.array([[1.0], [-2.0], [0.5], [3.0]], "float32")
Y_REG = (X @ W_TRUE + 0.1).astype("float32")
Y_CLS = (X[:, 0] + X[:, 1] > 0).astype("int32")


def mlp(out=1, activation=None, hidden=8, seed=0):
    model = keras_core.Sequential(
        [
            keras_core.Input((4,)),
            layers.Dense(hidden, activation="tanh"),
            layers.Dense(out, activation=activation),
        ]
    )
    rng = np.random.default_rng(seed)
    model.set_weights(
        [rng.normal(scale=0.5, size=w.shape).astype("float32") for w in model.get_weights()]
    )
    return model


# ----------------------------------------------------------------------
# learning
# ----------------------------------------------------------------------
@needs_training
def test_mlp_learns_regression():
    model = mlp()
    model.compile(optimizer=optimizers.Adam(0.05), loss="mse", metrics=["mae"])
    history = model.fit(X, Y_REG, batch_size=16, epochs=40, verbose=0)
    losses_seen = history.history["loss"]
    assert len(losses_seen) == 40
    assert losses_seen[-1] < 0.05 * losses_seen[0]
    loss, mae = model.evaluate(X, Y_REG, verbose=0)
    assert loss < 0.2 and mae < 0.35
    pred = model.predict(X, verbose=0)
    np.testing.assert_allclose(np.mean((pred - Y_REG) ** 2), loss, rtol=1e-4)


@needs_training
def test_mlp_learns_classification():
    model = mlp(out=2, activation="softmax")
    model.compile(
        optimizer=optimizers.Adam(0.05),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(X, Y_CLS, batch_size=16, epochs=25, verbose=0)
    assert history.history["loss"][-1] < 0.15
    assert history.history["accuracy"][-1] > 0.95
    logs = model.evaluate(X, Y_CLS, verbose=0, return_dict=True)
    assert set(logs) == {"loss", "accuracy"}
    assert logs["accuracy"] > 0.95
    probs = model.predict(X, verbose=0)
    assert probs.shape == (96, 2) and probs.dtype == np.float32
    np.testing.assert_allclose(np.mean(probs.argmax(-1) == Y_CLS), logs["accuracy"], atol=1e-6)


@needs_training
def test_evaluate_sparse_crossentropy_from_logits_matches_numpy():
    # Batches of 40, 40 and 16: the loss tracker weights each batch's mean by its size.
    model = mlp(out=3)
    model.compile(
        optimizer="sgd",
        loss=losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["sparse_categorical_accuracy"],
    )
    labels = (np.arange(96) % 3).astype("int64")
    logits = model.predict(X, verbose=0).astype("float64")
    log_probs = logits - np.log(np.sum(np.exp(logits), axis=-1, keepdims=True))
    expected = -np.mean(log_probs[np.arange(96), labels])
    logs = model.evaluate(X, labels, batch_size=40, verbose=0, return_dict=True)
    np.testing.assert_allclose(logs["loss"], expected, rtol=1e-6)
    accuracy = np.mean(logits.argmax(-1) == labels)
    np.testing.assert_allclose(logs["sparse_categorical_accuracy"], accuracy, atol=1e-7)


# ----------------------------------------------------------------------
# exact values: a NumPy re-implementation of SGD on the same MLP
# ----------------------------------------------------------------------
def numpy_sgd_reference(weights, x, y, lr, batch_size, epochs, sample_weight=None):
    w1, b1, w2, b2 = [w.astype("float64") for w in weights]
    epoch_losses = []
    for _ in range(epochs):
        total, count = 0.0, 0
        for start in range(0, len(x), batch_size):
            xb, yb = x[start : start + batch_size], y[start : start + batch_size]
            sw = (
                np.ones(len(xb))
                if sample_weight is None
                else sample_weight[start : start + batch_size]
            )
            h = np.tanh(xb @ w1 + b1)
            pred = h @ w2 + b2
            per_sample = np.mean((pred - yb) ** 2, axis=-1)
            loss = np.sum(per_sample * sw) / len(xb)
            total += loss * len(xb)
            count += len(xb)
            d_pred = 2 * (pred - yb) * sw[:, None] / (len(xb) * yb.shape[-1])
            g_w2, g_b2 = h.T @ d_pred, d_pred.sum(0)
            d_h = d_pred @ w2.T * (1 - h**2)
            g_w1, g_b1 = xb.T @ d_h, d_h.sum(0)
            w1, b1, w2, b2 = w1 - lr * g_w1, b1 - lr * g_b1, w2 - lr * g_w2, b2 - lr * g_b2
        epoch_losses.append(total / count)
    return epoch_losses, [w1, b1, w2, b2]


@needs_training
@pytest.mark.parametrize("steps_per_execution", [1, 3])
def test_fit_matches_numpy_sgd(steps_per_execution):
    model = mlp()
    initial = [np.array(w, copy=True) for w in model.get_weights()]
    model.compile(
        optimizer=optimizers.SGD(0.1), loss="mse", steps_per_execution=steps_per_execution
    )
    history = model.fit(X, Y_REG, batch_size=20, epochs=3, shuffle=False, verbose=0)
    ref_losses, ref_weights = numpy_sgd_reference(initial, X, Y_REG, 0.1, 20, 3)
    np.testing.assert_allclose(history.history["loss"], ref_losses, rtol=2e-5)
    for got, want in zip(model.get_weights(), ref_weights):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


@needs_training
def test_sample_weight_matches_numpy_weighted_loss():
    model = mlp()
    initial = [np.array(w, copy=True) for w in model.get_weights()]
    sw = RNG.uniform(0.0, 2.0, size=(96,)).astype("float32")
    model.compile(optimizer=optimizers.SGD(0.05), loss="mse")
    history = model.fit(
        X, Y_REG, sample_weight=sw, batch_size=32, epochs=2, shuffle=False, verbose=0
    )
    ref_losses, ref_weights = numpy_sgd_reference(initial, X, Y_REG, 0.05, 32, 2, sample_weight=sw)
    np.testing.assert_allclose(history.history["loss"], ref_losses, rtol=2e-5)
    for got, want in zip(model.get_weights(), ref_weights):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    # evaluate with sample weights: the weighted mean of the per-sample losses
    pred = model.predict(X, verbose=0)
    per_sample = np.mean((pred - Y_REG) ** 2, axis=-1)
    expected = np.mean([np.sum(per_sample[i : i + 32] * sw[i : i + 32]) / 32 for i in (0, 32, 64)])
    got = model.evaluate(X, Y_REG, sample_weight=sw, batch_size=32, verbose=0)
    np.testing.assert_allclose(got, expected, rtol=1e-5)


@needs_training
def test_class_weight_matches_numpy():
    model = mlp(out=2, activation="softmax")
    class_weight = {0: 0.25, 1: 3.0}
    model.compile(optimizer=optimizers.SGD(0.0), loss="sparse_categorical_crossentropy")
    logs = model.fit(X, Y_CLS, class_weight=class_weight, batch_size=96, verbose=0).history
    probs = model.predict(X, verbose=0).astype("float64")
    nll = -np.log(np.clip(probs[np.arange(96), Y_CLS], 1e-7, 1.0))
    weights = np.where(Y_CLS == 1, 3.0, 0.25)
    np.testing.assert_allclose(logs["loss"][0], np.sum(nll * weights) / 96, rtol=1e-5)
    # the same through train_on_batch
    got = model.train_on_batch(X, Y_CLS, class_weight=class_weight)
    np.testing.assert_allclose(got, np.sum(nll * weights) / 96, rtol=1e-5)


@needs_training
def test_class_weight_errors():
    model = mlp(out=2, activation="softmax")
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="class_weight"):
        model.fit(X, Y_CLS, class_weight={0: 1.0}, sample_weight=np.ones(96), verbose=0)
    with pytest.raises(ValueError, match="class_weight"):
        model.fit(X, Y_CLS, class_weight={"a": 1.0}, verbose=0)


@needs_training
def test_regularization_losses_are_added():
    model = keras_core.Sequential(
        [
            keras_core.Input((4,)),
            layers.Dense(1, kernel_regularizer=keras_core.regularizers.L2(0.5)),
        ]
    )
    model.compile(optimizer=optimizers.SGD(0.0), loss="mse")
    loss = model.evaluate(X, Y_REG, batch_size=96, verbose=0)
    kernel, bias = model.get_weights()
    pred = X @ kernel + bias
    expected = np.mean((pred - Y_REG) ** 2) + 0.5 * np.sum(kernel**2)
    np.testing.assert_allclose(loss, expected, rtol=1e-5)
    train_loss = model.train_on_batch(X, Y_REG)
    np.testing.assert_allclose(train_loss, expected, rtol=1e-5)


@needs_training
def test_add_loss_in_call_is_trained():
    class WithLoss(keras_core.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, x):
            y = self.dense(x)
            self.add_loss(ops.mean(ops.square(y)) * 0.0 + 1.5)
            return y

    model = WithLoss()
    model.compile(optimizer=optimizers.SGD(0.01), loss="mse")
    model.fit(X, Y_REG, batch_size=96, verbose=0)
    loss = model.evaluate(X, Y_REG, batch_size=96, verbose=0)
    pred = model.predict(X, batch_size=96, verbose=0)
    np.testing.assert_allclose(loss, np.mean((pred - Y_REG) ** 2) + 1.5, rtol=1e-5)


# ----------------------------------------------------------------------
# structures
# ----------------------------------------------------------------------
def two_io_model():
    a = keras_core.Input((3,), name="a")
    b = keras_core.Input((1,), name="b")
    h = layers.Concatenate()([a, b])
    h = layers.Dense(8, activation="relu", name="hidden")(h)
    reg = layers.Dense(1, name="reg")(h)
    cls = layers.Dense(3, activation="softmax", name="cls")(h)
    return keras_core.Model({"a": a, "b": b}, {"reg": reg, "cls": cls})


@needs_training
def test_multi_input_multi_output_dicts():
    model = two_io_model()
    model.compile(
        optimizer="adam",
        loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
        loss_weights={"reg": 0.5, "cls": 2.0},
        metrics={"cls": ["accuracy"], "reg": ["mae"]},
    )
    xa = X[:, :3]
    xb = X[:, 3:]
    y = {"reg": Y_REG, "cls": (Y_CLS + (X[:, 2] > 1)).astype("int32")}
    history = model.fit({"a": xa, "b": xb}, y, batch_size=32, epochs=2, verbose=0)
    assert set(history.history) == {"loss", "reg_mae", "cls_accuracy"}
    logs = model.evaluate({"a": xa, "b": xb}, y, batch_size=96, verbose=0, return_dict=True)
    out = model.predict({"a": xa, "b": xb}, verbose=0)
    assert set(out) == {"reg", "cls"} and out["cls"].shape == (96, 3)
    probs = out["cls"].astype("float64")
    ce = -np.mean(np.log(np.clip(probs[np.arange(96), y["cls"]], 1e-7, 1)))
    mse = np.mean((out["reg"] - Y_REG) ** 2)
    np.testing.assert_allclose(logs["loss"], 0.5 * mse + 2.0 * ce, rtol=1e-5)
    np.testing.assert_allclose(logs["reg_mae"], np.mean(np.abs(out["reg"] - Y_REG)), rtol=1e-5)


@needs_training
def test_multi_output_list_with_single_loss_and_per_output_sample_weight():
    inp = keras_core.Input((4,))
    h = layers.Dense(4, activation="relu")(inp)
    o1 = layers.Dense(1, name="o1")(h)
    o2 = layers.Dense(1, name="o2")(h)
    model = keras_core.Model(inp, [o1, o2])
    model.compile(optimizer=optimizers.SGD(0.0), loss="mse", metrics=["mae"])
    sw1 = np.linspace(0, 1, 96).astype("float32")
    sw2 = np.ones(96, "float32")
    logs = model.evaluate(
        X, [Y_REG, 2 * Y_REG], sample_weight=[sw1, sw2], batch_size=96, verbose=0, return_dict=True
    )
    assert set(logs) == {"loss", "o1_mae", "o2_mae"}
    p1, p2 = model.predict(X, verbose=0)
    expected = np.sum(((p1 - Y_REG) ** 2)[:, 0] * sw1) / 96 + np.mean((p2 - 2 * Y_REG) ** 2)
    np.testing.assert_allclose(logs["loss"], expected, rtol=1e-5)


@needs_training
def test_weighted_metrics_use_sample_weight():
    model = mlp()
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    sw = np.where(np.arange(96) < 48, 1.0, 0.0).astype("float32")
    logs = model.evaluate(X, Y_REG, sample_weight=sw, verbose=0, return_dict=True)
    assert set(logs) == {"loss", "mae", "weighted_mae"}
    err = np.abs(model.predict(X, verbose=0) - Y_REG)[:, 0]
    np.testing.assert_allclose(logs["mae"], err.mean(), rtol=1e-5)
    np.testing.assert_allclose(logs["weighted_mae"], err[:48].mean(), rtol=1e-5)


def test_compile_argument_errors():
    model = mlp()
    with pytest.raises(ValueError, match="steps_per_execution"):
        model.compile(loss="mse", steps_per_execution=0)
    with pytest.raises(ValueError, match="jit_compile"):
        model.compile(loss="mse", jit_compile="yes")
    with pytest.raises(ValueError, match="metrics"):
        model.compile(loss="mse", metrics="mae")


@needs_training
def test_structure_errors_name_the_outputs():
    model = two_io_model()
    model.compile(optimizer="sgd", loss={"reg": "mse", "nope": "mse"})
    with pytest.raises(ValueError, match="nope"):
        model.fit({"a": X[:, :3], "b": X[:, 3:]}, {"reg": Y_REG, "cls": Y_CLS}, verbose=0)


@needs_training
def test_fit_before_compile_raises():
    with pytest.raises(ValueError, match="compile"):
        mlp().fit(X, Y_REG, verbose=0)


@needs_training
def test_mismatched_sample_counts_raise():
    model = mlp()
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="cardinality"):
        model.fit(X, Y_REG[:50], verbose=0)


def bars_image_set(n=384, side=8, seed=3):
    """8x8x1 images of a bar in noise: class 0 horizontal, 1 vertical, 2 the diagonal."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    x = rng.normal(scale=0.3, size=(n, side, side, 1))
    pos = rng.integers(1, side - 1, size=n)
    diagonal = np.arange(side)
    for i in range(n):
        if y[i] == 0:
            x[i, pos[i], :, 0] += 1.0
        elif y[i] == 1:
            x[i, :, pos[i], 0] += 1.0
        else:
            x[i, diagonal, diagonal, 0] += 1.0
    return x.astype("float32"), y.astype("int32")


@pytest.mark.slow
@needs_training
@pytest.mark.parametrize("kind", ["mlp", "convnet"])
def test_mlp_and_convnet_reach_95_percent_on_the_same_image_set(kind):
    x, y = bars_image_set()
    if kind == "mlp":
        body = [layers.Flatten(), layers.Dense(32, activation="relu")]
    else:
        body = [
            layers.Conv2D(8, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(8, 3, activation="relu"),
            layers.Flatten(),
        ]
    model = keras_core.Sequential(
        [keras_core.Input((8, 8, 1))] + body + [layers.Dense(3, activation="softmax")]
    )
    model.compile(
        optimizer=optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x[:256], y[:256], batch_size=32, epochs=10, verbose=0)
    loss, accuracy = model.evaluate(x[256:], y[256:], verbose=0)
    assert accuracy >= 0.95, (kind, loss, accuracy)
    predicted = np.argmax(model.predict(x[256:], verbose=0), axis=-1)
    np.testing.assert_allclose(np.mean(predicted == y[256:]), accuracy, atol=1e-6)


@needs_training
def test_weights_read_before_fit_do_not_change_with_training():
    """Arrays returned for a variable are snapshots, not views of the live parameter."""
    model = mlp()
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    before = model.get_weights()
    kernel = ops.convert_to_numpy(model.trainable_variables[0])
    copies = [np.array(w, copy=True) for w in before]
    kernel_copy = kernel.copy()
    model.fit(X, Y_REG, batch_size=16, epochs=1, verbose=0)
    assert not np.allclose(model.get_weights()[0], copies[0])
    for got, want in zip(before, copies):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(kernel, kernel_copy)


@needs_training
def test_bad_inputs_fail_before_any_step():
    """Each error names the argument and the received value; no weight moves."""
    with pytest.raises(ValueError, match="adamm"):
        mlp().compile(optimizer="adamm", loss="mse")
    with pytest.raises(ValueError, match="Unknown loss: 'not_a_loss'"):
        mlp().compile(optimizer="sgd", loss="not_a_loss")
    with pytest.raises(ValueError, match="Unknown loss: 'msee'"):
        mlp().compile(optimizer="sgd", loss=["msee"])
    model = mlp(out=3, activation="softmax")
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    before = model.get_weights()
    with pytest.raises(ValueError, match=r"x sizes: \[96\], y sizes: \[50\]"):
        model.fit(X, Y_CLS[:50], verbose=0)
    for bad, value in ((3, "3"), (-1, "-1")):
        labels = Y_CLS.copy()
        labels[5] = bad
        with pytest.raises(ValueError, match=rf"\[0, 3\)\. Received a label value of {value}\."):
            model.fit(X, labels, verbose=0)
        with pytest.raises(ValueError, match="`validation_data`"):
            model.fit(X, Y_CLS, validation_data=(X, labels), verbose=0)
        with pytest.raises(ValueError, match="label value"):
            model.evaluate(X, labels, verbose=0)
    scce = losses.SparseCategoricalCrossentropy(ignore_class=-1)
    model.compile(optimizer="sgd", loss=scce)
    labels = Y_CLS.copy()
    labels[5] = -1
    model.fit(X, labels, epochs=1, verbose=0)  # the ignored class is not out of range

    def generator():
        while True:
            yield X[:16], Y_CLS[:16]

    model = mlp(out=3, activation="softmax")
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    before = model.get_weights()
    with pytest.raises(ValueError, match="`validation_split`.*generator"):
        model.fit(generator(), validation_split=0.2, steps_per_epoch=2, verbose=0)
    if backend.backend() == "tensorflow":
        import tensorflow as tf

        dataset = tf.data.Dataset.from_tensor_slices((X, Y_CLS)).batch(16)
        with pytest.raises(ValueError, match="`validation_split`.*Dataset"):
            model.fit(dataset, validation_split=0.2, verbose=0)
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)


# ----------------------------------------------------------------------
# API surface
# ----------------------------------------------------------------------
@needs_training
def test_metrics_names_and_reset():
    model = mlp()
    model.compile(optimizer="sgd", loss="mse", metrics=["mae", metrics.MeanSquaredError(name="m")])
    assert model.metrics_names == ["loss"]
    model.fit(X, Y_REG, epochs=1, verbose=0)
    assert model.metrics_names == ["loss", "mae", "m"]
    assert len(model.metrics_variables) == sum(len(m.variables) for m in model.metrics)
    model.reset_metrics()
    for m in model.metrics:
        for v in m.variables:
            assert float(np.sum(np.abs(v.numpy()))) == 0.0


@needs_training
def test_train_and_test_on_batch_return_formats():
    model = mlp()
    model.compile(optimizer=optimizers.SGD(0.01), loss="mse", metrics=["mae"])
    out = model.train_on_batch(X[:16], Y_REG[:16])
    assert isinstance(out, list) and len(out) == 2 and all(isinstance(v, float) for v in out)
    # As in Keras 3, the metrics accumulate over *_on_batch calls until reset.
    model.reset_metrics()
    logs = model.test_on_batch(X[:16], Y_REG[:16], return_dict=True)
    assert set(logs) == {"loss", "mae"}
    pred = model.predict_on_batch(X[:16])
    assert isinstance(pred, np.ndarray) and pred.shape == (16, 1)
    np.testing.assert_allclose(logs["loss"], np.mean((pred - Y_REG[:16]) ** 2), rtol=1e-5)


@needs_training
def test_stop_training_and_history():
    class StopAt(keras_core.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                self.model.stop_training = True

    model = mlp()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(X, Y_REG, epochs=10, verbose=0, callbacks=[StopAt()])
    assert history.epoch == [0, 1] and model.history is history
    history = model.fit(X, Y_REG, epochs=4, initial_epoch=2, verbose=0)
    assert history.epoch == [2, 3]


@needs_training
@pytest.mark.parametrize("run_eagerly,jit_compile", [(True, False), (False, True)])
def test_execution_modes_agree(run_eagerly, jit_compile):
    if backend.backend() == "torch" and jit_compile:
        pytest.importorskip("torch._dynamo")
    results = []
    for mode in ((False, "auto"), (run_eagerly, jit_compile)):
        model = mlp()
        model.compile(
            optimizer=optimizers.SGD(0.1), loss="mse", run_eagerly=mode[0], jit_compile=mode[1]
        )
        results.append(model.fit(X, Y_REG, batch_size=32, shuffle=False, epochs=2, verbose=0))
    np.testing.assert_allclose(results[0].history["loss"], results[1].history["loss"], rtol=1e-5)


@needs_training
def test_compile_config_round_trip():
    model = mlp()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"], steps_per_execution=2)
    config = model.get_compile_config()
    other = mlp()
    other.compile_from_config(config)
    assert other.steps_per_execution == 2 and type(other.optimizer).__name__ == "Adam"


# ----------------------------------------------------------------------
# custom train_step (the documented pattern of each backend)
# ----------------------------------------------------------------------
def custom_step_model():
    name = backend.backend()

    class Custom(keras_core.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)
            self.loss_tracker = metrics.Mean(name="my_loss")
            self.calls = 0

        def call(self, x):
            return self.dense(x)

        @property
        def metrics(self):
            return [self.loss_tracker]

    if name == "tensorflow":
        import tensorflow as tf

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = ops.mean(ops.abs(y_pred - y))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply(grads, self.trainable_variables)
            self.loss_tracker.update_state(loss)
            return {"my_loss": self.loss_tracker.result()}

    elif name == "torch":
        import torch

        def train_step(self, data):
            x, y = data
            self.zero_grad()
            y_pred = self(x, training=True)
            loss = ops.mean(ops.abs(y_pred - y))
            loss.backward()
            grads = [v.value.grad for v in self.trainable_variables]
            with torch.no_grad():
                self.optimizer.apply(grads, self.trainable_variables)
            self.loss_tracker.update_state(loss.detach())
            return {"my_loss": self.loss_tracker.result()}

    else:
        import jax

        def train_step(self, state, data):
            trainable, non_trainable, opt_vars, metric_vars = state
            x, y = data

            def loss_fn(tv):
                y_pred, _ = self.stateless_call(tv, non_trainable, x)
                return ops.mean(ops.abs(y_pred - y))

            loss, grads = jax.value_and_grad(loss_fn)(trainable)
            trainable, opt_vars = self.optimizer.stateless_apply(opt_vars, grads, trainable)
            metric_vars = self.loss_tracker.stateless_update_state(metric_vars, loss)
            logs = {"my_loss": self.loss_tracker.stateless_result(metric_vars)}
            return logs, (trainable, non_trainable, opt_vars, metric_vars)

    Custom.train_step = train_step
    return Custom()


@needs_training
def test_custom_train_step():
    model = custom_step_model()
    model.compile(optimizer=optimizers.SGD(0.2))
    history = model.fit(X, Y_REG, batch_size=16, epochs=8, verbose=0)
    assert list(history.history) == ["my_loss"]
    assert history.history["my_loss"][-1] < 0.5 * history.history["my_loss"][0]
    pred = model.predict(X, verbose=0)
    assert np.mean(np.abs(pred - Y_REG)) < history.history["my_loss"][0]


@needs_training
def test_custom_compute_loss():
    class Custom(keras_core.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, allow_empty=False):
            return ops.mean(ops.abs(y_pred - y)) * 2.0

    model = Custom()
    model.compile(optimizer=optimizers.SGD(0.0))
    loss = model.evaluate(X, Y_REG, batch_size=96, verbose=0)
    pred = model.predict(X, verbose=0)
    np.testing.assert_allclose(loss, 2 * np.mean(np.abs(pred - Y_REG)), rtol=1e-5)


# ----------------------------------------------------------------------
# numpy backend
# ----------------------------------------------------------------------
@pytest.mark.skipif(TRAINING, reason="numpy backend only")
def test_numpy_backend_is_inference_only():
    model = mlp()
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(RuntimeError, match="inference-only"):
        model.fit(X, Y_REG, verbose=0)
    with pytest.raises(RuntimeError, match="inference-only"):
        model.evaluate(X, Y_REG, verbose=0)
    with pytest.raises(RuntimeError, match="inference-only"):
        model.train_on_batch(X, Y_REG)
    pred = model.predict(X, batch_size=10, verbose=0)
    w1, b1, w2, b2 = model.get_weights()
    np.testing.assert_allclose(pred, np.tanh(X @ w1 + b1) @ w2 + b2, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict_on_batch(X[:5]), pred[:5], rtol=1e-6)


def test_predict_nested_outputs_and_losses_module_import():
    assert callable(losses.get("mse"))
    model = two_io_model()
    out = model.predict({"a": X[:, :3], "b": X[:, 3:]}, batch_size=40, verbose=0)
    assert out["reg"].shape == (96, 1) and out["cls"].shape == (96, 3)
