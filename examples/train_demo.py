"""The main job on the default backend: train, evaluate, save, load and predict.

    python examples/train_demo.py

Trains a small classifier on synthetic data with a progress bar, saves it as a
``.keras`` file, loads it back and checks the loaded model predicts the same.
"""

import os
import tempfile

import numpy as np

import keras_core
from keras_core import layers


def main():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(512, 8)).astype("float32")
    y = (x[:, :4].sum(axis=1) > 0).astype("int32")

    model = keras_core.Sequential(
        [keras_core.Input((8,)), layers.Dense(16, activation="relu"), layers.Dense(2)]
    )
    model.compile(
        optimizer="adam",
        loss=keras_core.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    print(f"backend: {keras_core.backend.backend()}")
    model.fit(x, y, batch_size=32, epochs=3, validation_split=0.25, verbose=1)
    loss, accuracy = model.evaluate(x, y, verbose=0)
    print(f"evaluate: loss={loss:.4f} accuracy={accuracy:.3f}")

    path = os.path.join(tempfile.mkdtemp(), "demo.keras")
    model.save(path)
    loaded = keras_core.saving.load_model(path)
    before = model.predict(x[:8], verbose=0)
    after = loaded.predict(x[:8], verbose=0)
    np.testing.assert_allclose(after, before, rtol=1e-6, atol=1e-6)
    print(f"saved to {path}, loaded, and the predictions agree: {np.argmax(after, axis=1)}")


if __name__ == "__main__":
    main()
