"""Callbacks: hook order, each built-in callback's effect, and weights seen mid-epoch."""

import csv
import http.server
import json
import os
import threading

import numpy as np
import pytest

import keras_core
from keras_core import backend, callbacks, layers, optimizers
from keras_core.callbacks.event_file_writer import crc32c, read_events

TRAINING = backend.backend() != "numpy"
pytestmark = pytest.mark.skipif(not TRAINING, reason="the numpy backend is inference-only")

RNG = np.random.default_rng(7)
X = RNG.normal(size=(32, 3)).astype("float32")
Y = (X @ np.array([[1.0], [-1.0], [2.0]], "float32")).astype("float32")


def compiled(lr=0.05, cls=None, **compile_kwargs):
    cls = cls or keras_core.Sequential
    model = cls([keras_core.Input((3,)), layers.Dense(1)])
    model.set_weights([np.full((3, 1), 0.2, "float32"), np.zeros((1,), "float32")])
    model.compile(optimizer=optimizers.SGD(lr), loss="mse", **compile_kwargs)
    return model


class Recorder(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def __getattribute__(self, name):
        attr = object.__getattribute__(self, name)
        if name.startswith("on_") and callable(attr):

            def record(*args, **kwargs):
                object.__getattribute__(self, "calls").append(name)
                return attr(*args, **kwargs)

            return record
        return attr


def test_hook_order_with_validation():
    rec = Recorder()
    model = compiled()
    model.fit(X, Y, batch_size=16, epochs=1, verbose=0, validation_data=(X, Y), callbacks=[rec])
    train_batch = ["on_train_batch_begin", "on_batch_begin", "on_train_batch_end", "on_batch_end"]
    test_batch = ["on_test_batch_begin", "on_test_batch_end"]
    assert rec.calls == (
        ["on_train_begin", "on_epoch_begin"]
        + train_batch * 2
        + ["on_test_begin"]
        + test_batch * 2
        + ["on_test_end", "on_epoch_end", "on_train_end"]
    )
    assert rec.params == {"verbose": 0, "epochs": 1, "steps": 2}
    rec.calls.clear()
    model.predict(X, verbose=0, callbacks=[rec])
    assert rec.calls == [
        "on_predict_begin",
        "on_predict_batch_begin",
        "on_predict_batch_end",
        "on_predict_end",
    ]


def test_callbacks_list_validation():
    with pytest.raises(ValueError, match="Callback"):
        callbacks.CallbackList([object()])


def test_weights_read_in_batch_hooks_are_current():
    """On every backend (JAX keeps state outside the Variables) a batch hook sees fresh weights."""
    seen = []
    cb = callbacks.LambdaCallback(
        on_train_batch_end=lambda batch, logs: seen.append(np.array(model.get_weights()[0]))
    )
    model = compiled()
    model.fit(X, Y, batch_size=8, epochs=1, verbose=0, shuffle=False, callbacks=[cb])
    assert len(seen) == 4
    for before, after in zip(seen, seen[1:]):
        assert not np.allclose(before, after)
    np.testing.assert_array_equal(seen[-1], model.get_weights()[0])


def test_early_stopping_stops_and_restores_best_weights():
    model = compiled()
    stop = callbacks.EarlyStopping(monitor="loss", patience=1, restore_best_weights=True)
    stop.set_model(model)
    stop.on_train_begin()
    best = [np.array(w) for w in model.get_weights()]
    stop.on_epoch_end(0, {"loss": 1.0})
    model.set_weights([w + 1 for w in best])
    stop.on_epoch_end(1, {"loss": 2.0})
    assert model.stop_training
    stop.on_train_end()
    for got, want in zip(model.get_weights(), best):
        np.testing.assert_array_equal(got, want)
    # In fit: with a zero learning rate nothing improves; stops after patience + 1 epochs.
    model = compiled(lr=0.0)
    history = model.fit(
        X,
        Y,
        epochs=10,
        verbose=0,
        shuffle=False,
        callbacks=[callbacks.EarlyStopping("loss", patience=2)],
    )
    assert history.epoch == [0, 1, 2]
    with pytest.raises(ValueError, match="mode"):
        callbacks.EarlyStopping(mode="up")


def test_early_stopping_mode_auto_and_baseline():
    stop = callbacks.EarlyStopping(monitor="val_accuracy")
    assert stop.mode == "max"
    model = compiled()
    stop = callbacks.EarlyStopping(monitor="loss", baseline=0.5, patience=1)
    stop.set_model(model)
    stop.on_train_begin()
    stop.on_epoch_end(0, {"loss": 0.9})
    stop.on_epoch_end(1, {"loss": 0.8})
    assert model.stop_training


def test_learning_rate_scheduler_changes_training():
    snapshots = []
    model = compiled(lr=0.1)
    schedule = callbacks.LearningRateScheduler(lambda epoch, lr: 0.0 if epoch == 1 else 0.05)
    record = callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(
            [np.array(w, copy=True) for w in model.get_weights()]
        )
    )
    history = model.fit(X, Y, epochs=3, verbose=0, callbacks=[schedule, record])
    assert history.history["learning_rate"] == pytest.approx([0.05, 0.0, 0.05])
    np.testing.assert_array_equal(snapshots[0][0], snapshots[1][0])  # lr 0: no change
    assert not np.allclose(snapshots[1][0], snapshots[2][0])


def test_reduce_lr_on_plateau():
    model = compiled(lr=1e-12)
    reduce = callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_lr=2e-13)
    history = model.fit(X, Y, epochs=4, verbose=0, callbacks=[reduce])
    assert history.history["learning_rate"][0] == pytest.approx(1e-12)
    lr = float(backend.convert_to_numpy(model.optimizer.learning_rate))
    assert lr == pytest.approx(2.5e-13, rel=1e-3)
    with pytest.raises(ValueError, match="factor"):
        callbacks.ReduceLROnPlateau(factor=1.5)


def test_terminate_on_nan():
    y = Y.copy()
    y[0, 0] = np.nan
    batches = []
    model = compiled()
    count = callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: batches.append(b))
    model.fit(
        X,
        y,
        batch_size=8,
        epochs=3,
        verbose=0,
        shuffle=False,
        callbacks=[callbacks.TerminateOnNaN(), count],
    )
    assert batches == [0]


def test_csv_logger(tmp_path):
    path = tmp_path / "log.csv"
    model = compiled(metrics=["mae"])
    model.fit(X, Y, epochs=2, verbose=0, callbacks=[callbacks.CSVLogger(path)])
    model.fit(X, Y, epochs=1, verbose=0, callbacks=[callbacks.CSVLogger(path, append=True)])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["epoch", "loss", "mae"]
    assert [r[0] for r in rows[1:]] == ["0", "1", "0"]
    assert all(float(r[1]) > 0 for r in rows[1:])


def test_lambda_callback_hooks_and_errors():
    seen = []
    cb = callbacks.LambdaCallback(
        on_train_begin=lambda logs: seen.append("begin"),
        on_epoch_end=lambda epoch, logs: seen.append(epoch),
        on_test_end=lambda logs: seen.append("test"),
    )
    compiled().fit(X, Y, epochs=2, verbose=0, validation_data=(X, Y), callbacks=[cb])
    assert seen == ["begin", "test", 0, "test", 1]
    with pytest.raises(ValueError, match="unknown hook"):
        callbacks.LambdaCallback(on_bogus=print)


class NpzWeightsModel(keras_core.Sequential):
    """Saves weights as .npz (keras_core.saving arrives separately)."""

    def save_weights(self, filepath, overwrite=True):
        with open(filepath, "wb") as f:
            np.savez(f, *self.get_weights())

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        with np.load(filepath) as data:
            self.set_weights([data[f"arr_{i}"] for i in range(len(data.files))])


def test_model_checkpoint_paths_and_best_only(tmp_path):
    model = compiled(cls=NpzWeightsModel)
    path = str(tmp_path / "w.{epoch:02d}-{loss:.3f}.weights.h5")
    ckpt = callbacks.ModelCheckpoint(path, monitor="loss", save_weights_only=True)
    history = model.fit(X, Y, epochs=2, verbose=0, callbacks=[ckpt])
    names = sorted(os.listdir(tmp_path))
    assert names == [
        f"w.{e + 1:02d}-{loss:.3f}.weights.h5" for e, loss in enumerate(history.history["loss"])
    ]
    best = str(tmp_path / "best.weights.h5")
    ckpt = callbacks.ModelCheckpoint(
        best, monitor="loss", save_best_only=True, save_weights_only=True, mode="max"
    )
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[ckpt])
    assert os.path.exists(best)
    assert ckpt.best == pytest.approx(model.history.history["loss"][0])
    batch_path = str(tmp_path / "b{batch}.weights.h5")
    model.fit(
        X,
        Y,
        batch_size=8,
        verbose=0,
        callbacks=[callbacks.ModelCheckpoint(batch_path, save_weights_only=True, save_freq=2)],
    )
    assert os.path.exists(tmp_path / "b1.weights.h5") and os.path.exists(tmp_path / "b3.weights.h5")
    with pytest.raises(ValueError, match=".weights.h5"):
        callbacks.ModelCheckpoint(str(tmp_path / "x.keras"), save_weights_only=True)
    with pytest.raises(ValueError, match=".keras"):
        callbacks.ModelCheckpoint(str(tmp_path / "x.h5"))


def test_model_checkpoint_without_saving_support_is_a_clear_error(tmp_path):
    model = compiled()
    ckpt = callbacks.ModelCheckpoint(str(tmp_path / "m.keras"))
    if callable(getattr(model, "save", None)):
        model.fit(X, Y, verbose=0, callbacks=[ckpt])
        assert os.path.exists(tmp_path / "m.keras")
    else:
        with pytest.raises(RuntimeError, match="save"):
            model.fit(X, Y, verbose=0, callbacks=[ckpt])


def test_backup_and_restore_resumes(tmp_path):
    class Interrupt(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                raise RuntimeError("interrupted")

    model = compiled(cls=NpzWeightsModel)
    backup = callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(RuntimeError, match="interrupted"):
        model.fit(X, Y, epochs=4, verbose=0, callbacks=[backup, Interrupt()])
    saved = [np.array(w, copy=True) for w in model.get_weights()]
    fresh = compiled(cls=NpzWeightsModel)
    seen_start = []
    peek = callbacks.LambdaCallback(
        on_epoch_begin=lambda e, logs: seen_start.append(
            (e, [np.array(w, copy=True) for w in fresh.get_weights()])
        )
    )
    history = fresh.fit(X, Y, epochs=4, verbose=0, callbacks=[backup, peek])
    assert history.epoch == [2, 3]
    for got, want in zip(seen_start[0][1], saved):
        np.testing.assert_allclose(got, want)
    assert not os.path.exists(tmp_path / "backup")


def test_backup_and_restore_resume_matches_uninterrupted_run(tmp_path):
    """Killed after epoch 2 of 5, the resumed fit runs epochs 3-5 and ends on the same weights."""

    class KillAfterSecondEpoch(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                raise KeyboardInterrupt("killed")

    def run(extra_callbacks):
        model = compiled(lr=0.02)
        return model, model.fit(
            X, Y, batch_size=8, epochs=5, shuffle=False, verbose=0, callbacks=extra_callbacks
        )

    reference, _ = run([])
    backup_dir = str(tmp_path / "backup")
    with pytest.raises(KeyboardInterrupt):
        run([callbacks.BackupAndRestore(backup_dir), KillAfterSecondEpoch()])
    assert os.path.exists(backup_dir)
    resumed, history = run([callbacks.BackupAndRestore(backup_dir)])
    assert history.epoch == [2, 3, 4]
    for got, want in zip(resumed.get_weights(), reference.get_weights()):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    assert not os.path.exists(backup_dir)


def test_remote_monitor_posts_epoch_logs():
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            return None

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monitor = callbacks.RemoteMonitor(
            root=f"http://127.0.0.1:{server.server_port}", path="/", send_as_json=True
        )
        history = compiled().fit(X, Y, epochs=2, verbose=0, callbacks=[monitor])
    finally:
        server.shutdown()
        server.server_close()
    assert [r["epoch"] for r in received] == [0, 1]
    assert received[1]["loss"] == pytest.approx(history.history["loss"][1])


def test_tensorboard_event_files(tmp_path):
    assert crc32c(b"123456789") == 0xE3069283
    tb = callbacks.TensorBoard(log_dir=str(tmp_path), histogram_freq=1, update_freq=2)
    history = compiled().fit(
        X, Y, batch_size=8, epochs=2, verbose=0, validation_data=(X, Y), callbacks=[tb]
    )
    train_files = os.listdir(tmp_path / "train")
    val_files = os.listdir(tmp_path / "validation")
    assert len(train_files) == 1 and len(val_files) == 1
    train = read_events(str(tmp_path / "train" / train_files[0]))
    val = read_events(str(tmp_path / "validation" / val_files[0]))
    epoch_loss = [(s, v) for s, t, v in train if t == "epoch_loss"]
    assert [s for s, _ in epoch_loss] == [0, 1]
    np.testing.assert_allclose([v for _, v in epoch_loss], history.history["loss"], rtol=1e-6)
    assert [s for s, t, _ in train if t == "batch_loss"] == [2, 4, 6, 8]
    np.testing.assert_allclose(
        [v for _, t, v in val if t == "epoch_loss"], history.history["val_loss"], rtol=1e-6
    )
    if backend.backend() == "tensorflow":
        import tensorflow as tf

        path = str(tmp_path / "train" / train_files[0])
        tags = set()
        for event in tf.compat.v1.train.summary_iterator(path):
            for value in event.summary.value:
                tags.add(value.tag)
                if value.tag == "epoch_loss" and event.step == 1:
                    assert value.simple_value == pytest.approx(history.history["loss"][1])
        assert {"epoch_loss", "batch_loss", "epoch_learning_rate"} <= tags
        assert any(t.endswith("/histogram") for t in tags)
    with pytest.raises(ValueError, match="profile_batch"):
        callbacks.TensorBoard(profile_batch=2)


def test_progbar_logger_output(capsys):
    model = compiled(metrics=["mae"])
    model.fit(X, Y, batch_size=8, epochs=2, verbose=1)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out
    assert "4/4" in out and "loss:" in out and "mae:" in out
    model.fit(X, Y, batch_size=8, epochs=2, verbose=2)
    lines = [line for line in capsys.readouterr().out.splitlines() if "loss:" in line]
    assert len(lines) == 2
    model.evaluate(X, Y, verbose=1)
    assert "loss:" in capsys.readouterr().out
    model.fit(X, Y, verbose=0)
    assert capsys.readouterr().out == ""
