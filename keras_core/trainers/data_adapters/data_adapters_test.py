"""Every data source feeds fit/evaluate/predict: arrays, tensors, tf.data, DataLoader, generators,
PyDataset (threads and processes); and the adapters' batching rules."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import keras_core
from keras_core import backend, layers, optimizers
from keras_core.trainers.data_adapters import (
    ArrayDataAdapter,
    PyDataset,
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from keras_core.trainers.epoch_iterator import EpochIterator

BACKEND = backend.backend()
TRAINING = BACKEND != "numpy"
needs_training = pytest.mark.skipif(not TRAINING, reason="the numpy backend is inference-only")

RNG = np.random.default_rng(3)
X = RNG.normal(size=(40, 3)).astype("float32")
Y = (X @ np.array([[1.0], [2.0], [-1.0]], "float32")).astype("float32")


def linear_model():
    model = keras_core.Sequential([keras_core.Input((3,)), layers.Dense(1)])
    model.set_weights([np.full((3, 1), 0.1, "float32"), np.zeros((1,), "float32")])
    return model


def reference_losses(batches, lr=0.1, epochs=1):
    """Per-epoch mean MSE of SGD on the linear model, in NumPy."""
    w, b = np.full((3, 1), 0.1), np.zeros((1,))
    out = []
    for _ in range(epochs):
        total, n = 0.0, 0
        for xb, yb in batches:
            err = xb @ w + b - yb
            total += np.mean(err**2) * len(xb)
            n += len(xb)
            grad = 2 * err / err.size
            w, b = w - lr * xb.T @ grad, b - lr * grad.sum(0)
        out.append(total / n)
    return out


def batches_of(size):
    return [(X[i : i + size], Y[i : i + size]) for i in range(0, len(X), size)]


def fit_losses(data, epochs=1, **kwargs):
    model = linear_model()
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    history = model.fit(data, epochs=epochs, verbose=0, shuffle=False, **kwargs)
    return history.history["loss"], model


# ----------------------------------------------------------------------
# adapters
# ----------------------------------------------------------------------
def test_pack_and_unpack():
    assert pack_x_y_sample_weight(1) == (1,)
    assert pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)
    assert unpack_x_y_sample_weight([1, 2]) == (1, 2, None)
    assert unpack_x_y_sample_weight(5) == (5, None, None)
    with pytest.raises(ValueError, match="length 4"):
        unpack_x_y_sample_weight((1, 2, 3, 4))


def test_array_adapter_batches_and_float64_cast():
    x64 = X.astype("float64")
    adapter = ArrayDataAdapter(x64, Y, batch_size=16, backend_name=BACKEND)
    assert adapter.num_batches == 3
    batches = list(adapter.get_iterator())
    assert [b[0].shape[0] for b in batches] == [16, 16, 8]
    assert batches[0][0].dtype == np.float32
    np.testing.assert_array_equal(batches[2][1], Y[32:])
    assert x64.dtype == np.float64  # the user's array is untouched


def test_array_adapter_shuffle_is_a_permutation():
    adapter = ArrayDataAdapter(np.arange(10), batch_size=3, shuffle=True, backend_name=BACKEND)
    seen = np.concatenate([b[0] for b in adapter.get_iterator()])
    assert sorted(seen.tolist()) == list(range(10))
    adapter = ArrayDataAdapter(np.arange(10), batch_size=3, shuffle="batch", backend_name=BACKEND)
    chunks = [b[0].tolist() for b in adapter.get_iterator()]
    assert sorted(chunks) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]


def test_array_adapter_class_weight_and_errors():
    y = np.array([0, 1, 2, 1])
    adapter = ArrayDataAdapter(
        np.zeros((4, 2)), y, class_weight={0: 0.5, 1: 2.0}, batch_size=4, backend_name=BACKEND
    )
    (batch,) = list(adapter.get_iterator())
    np.testing.assert_allclose(backend.convert_to_numpy(batch[2]), [0.5, 2.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="cardinality"):
        ArrayDataAdapter(np.zeros((4, 2)), np.zeros((5,)), backend_name=BACKEND)
    with pytest.raises(ValueError, match="batch_size"):
        ArrayDataAdapter(np.zeros((4, 2)), batch_size=0, backend_name=BACKEND)
    with pytest.raises(ValueError, match="shuffle"):
        ArrayDataAdapter(np.zeros((4, 2)), shuffle="yes", backend_name=BACKEND)


def test_epoch_iterator_groups_and_steps():
    it = EpochIterator(X, Y, batch_size=8, steps_per_execution=2, backend_name=BACKEND)
    groups = [(step, len(group)) for step, group in it.enumerate_epoch()]
    assert groups == [(1, 2), (3, 2), (4, 1)]
    it = EpochIterator(X, Y, batch_size=8, steps_per_epoch=3, backend_name=BACKEND)
    firsts = []
    for _ in range(3):
        firsts.append([float(g[0][1][0, 0]) for _, g in it.enumerate_epoch()])
    # a kept iterator: epoch 2 continues where epoch 1 stopped, then wraps around
    assert firsts[0] == [float(Y[0, 0]), float(Y[8, 0]), float(Y[16, 0])]
    assert firsts[1] == [float(Y[24, 0]), float(Y[32, 0]), float(Y[0, 0])]


# ----------------------------------------------------------------------
# every source through fit, against the NumPy reference
# ----------------------------------------------------------------------
@needs_training
def test_numpy_arrays_and_lists():
    losses, _ = fit_losses(X, y=Y, batch_size=10, epochs=2)
    np.testing.assert_allclose(losses, reference_losses(batches_of(10), epochs=2), rtol=1e-5)
    losses, _ = fit_losses(X.tolist(), y=Y.tolist(), batch_size=10)
    np.testing.assert_allclose(losses, reference_losses(batches_of(10)), rtol=1e-5)


@needs_training
def test_backend_tensors():
    xt, yt = backend.convert_to_tensor(X), backend.convert_to_tensor(Y)
    losses, model = fit_losses(xt, y=yt, batch_size=10)
    np.testing.assert_allclose(losses, reference_losses(batches_of(10)), rtol=1e-5)
    np.testing.assert_allclose(model.predict(xt, verbose=0), model.predict(X, verbose=0))
    shuffled, _ = fit_losses(xt, y=yt, batch_size=10)  # shuffle=False in fit_losses
    model = linear_model()
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    model.fit(xt, yt, batch_size=10, shuffle=True, epochs=2, verbose=0)


@needs_training
def test_python_generator():
    def gen():
        for xb, yb in batches_of(8):
            yield xb, yb

    losses, _ = fit_losses(gen())
    np.testing.assert_allclose(losses, reference_losses(batches_of(8)), rtol=1e-5)

    def forever():
        while True:
            yield from batches_of(8)

    losses, model = fit_losses(forever(), epochs=2, steps_per_epoch=5)
    np.testing.assert_allclose(losses, reference_losses(batches_of(8), epochs=2), rtol=1e-5)
    pred = model.predict((xb for xb, _ in batches_of(8)), verbose=0)
    assert pred.shape == (40, 1)


@needs_training
def test_generator_running_out_stops_training_with_a_warning():
    def gen():
        yield from batches_of(8)

    model = linear_model()
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    with pytest.warns(UserWarning, match="ran out of data"):
        history = model.fit(gen(), epochs=3, steps_per_epoch=4, verbose=0)
    # 5 batches: epoch 1 takes 4, epoch 2 gets the last one and training stops.
    assert history.epoch == [0, 1]


class Batches(PyDataset):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.size = size
        self.epochs_ended = 0

    def __len__(self):
        return int(np.ceil(len(X) / self.size))

    def __getitem__(self, i):
        return X[i * self.size : (i + 1) * self.size], Y[i * self.size : (i + 1) * self.size]

    def on_epoch_end(self):
        self.epochs_ended += 1


@needs_training
@pytest.mark.parametrize(
    "kwargs", [{}, {"workers": 3}, {"workers": 2, "use_multiprocessing": True}]
)
def test_py_dataset(kwargs):
    ds = Batches(8, **kwargs)
    losses, model = fit_losses(ds, epochs=2)
    np.testing.assert_allclose(losses, reference_losses(batches_of(8), epochs=2), rtol=1e-5)
    assert ds.epochs_ended == 2
    val = model.evaluate(Batches(8, **kwargs), verbose=0)
    pred = model.predict(X, verbose=0)
    np.testing.assert_allclose(val, np.mean((pred - Y) ** 2), rtol=1e-5)


def test_py_dataset_requires_len_and_getitem():
    class Empty(PyDataset):
        pass

    with pytest.raises(NotImplementedError, match="__len__"):
        len(Empty())
    with pytest.raises(ValueError, match="workers"):
        Batches(8, workers=-1)


@needs_training
def test_tf_data_dataset():
    if BACKEND == "torch":
        pytest.skip("TensorFlow and torch are not loaded in one process")
    tf = pytest.importorskip("tensorflow")
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(8)
    losses, model = fit_losses(ds, epochs=2)
    np.testing.assert_allclose(losses, reference_losses(batches_of(8), epochs=2), rtol=1e-5)
    pred = model.predict(tf.data.Dataset.from_tensor_slices(X).batch(16), verbose=0)
    np.testing.assert_allclose(pred, model.predict(X, verbose=0), rtol=1e-6)
    with pytest.raises(ValueError, match="y"):
        model.fit(ds, Y, verbose=0)


@needs_training
def test_torch_dataloader():
    if BACKEND == "tensorflow":
        pytest.skip("TensorFlow and torch are not loaded in one process")
    torch = pytest.importorskip("torch")
    dataset = torch.utils.data.TensorDataset(torch.from_numpy(X), torch.from_numpy(Y))
    loader = torch.utils.data.DataLoader(dataset, batch_size=8, shuffle=False)
    losses, model = fit_losses(loader, epochs=2)
    np.testing.assert_allclose(losses, reference_losses(batches_of(8), epochs=2), rtol=1e-5)
    val = model.evaluate(loader, verbose=0)
    np.testing.assert_allclose(val, np.mean((model.predict(X, verbose=0) - Y) ** 2), rtol=1e-5)


@needs_training
def test_validation_data_sources():
    model = linear_model()
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse")

    def val_gen():
        while True:
            yield X[:20], Y[:20]

    history = model.fit(X, Y, epochs=2, verbose=0, validation_data=val_gen(), validation_steps=1)
    assert len(history.history["val_loss"]) == 2
    history = model.fit(X, Y, epochs=3, verbose=0, validation_split=0.25, validation_freq=[1, 3])
    assert len(history.history["val_loss"]) == 2
    pred = model.predict(X[30:], verbose=0)
    np.testing.assert_allclose(
        history.history["val_loss"][-1], np.mean((pred - Y[30:]) ** 2), rtol=1e-5
    )
    with pytest.raises(ValueError, match="validation_split"):
        model.fit(val_gen(), validation_split=0.5, steps_per_epoch=1, verbose=0)


_NO_TF_SCRIPT = textwrap.dedent(
    """
    import sys
    import numpy as np
    import keras_core
    from keras_core import layers, optimizers
    model = keras_core.Sequential([keras_core.Input((3,)), layers.Dense(1)])
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=1, verbose=0, validation_split=0.25)
    model.predict(np.ones((4, 3)), verbose=0)
    print("tensorflow" in sys.modules)
    """
)


@pytest.mark.skipif(BACKEND not in ("jax", "torch"), reason="checks jax and torch processes")
def test_training_on_arrays_does_not_import_tensorflow():
    out = subprocess.run(
        [sys.executable, "-c", _NO_TF_SCRIPT], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "False"
