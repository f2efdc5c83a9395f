"""Model.fit against a hand-written training loop of the same model and optimizer.

Both loops train the same keras_core model with the same keras_core optimizer
on the same NumPy batches, in the same process; the hand-written loop is what
a user would write with the framework directly:

- jax: ``jax.jit`` of ``jax.value_and_grad`` over ``model.stateless_call`` and
  ``optimizer.stateless_apply``, state threaded through the loop (donated);
- tensorflow: a ``tf.function`` with ``tf.GradientTape`` and ``optimizer.apply``;
- torch: eager forward, ``torch.autograd.grad``, ``optimizer.apply``.

The ratio fit/native is the Trainer's overhead (callbacks, loss tracking,
data handling). Usage::

    KERAS_BACKEND=jax python benchmarks/train_loop.py --steps 200
"""

import argparse
import functools
import os
import sys
import time

import numpy as np

# Measure this checkout's keras_core (not an installed copy).
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras_core  # noqa: E402
from keras_core import backend, layers, optimizers  # noqa: E402


def build_mlp(features, classes):
    model = keras_core.Sequential(
        [
            keras_core.Input((features,)),
            layers.Dense(256, activation="relu"),
            layers.Dense(256, activation="relu"),
            layers.Dense(classes),
        ]
    )
    return model


def build_convnet(classes):
    if not hasattr(layers, "Conv2D"):
        return None
    return keras_core.Sequential(
        [
            keras_core.Input((16, 16, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(classes),
        ]
    )


def _loss_fn():
    from keras_core import losses

    return losses.SparseCategoricalCrossentropy(from_logits=True)


def native_loop(model, optimizer, x, y, batch_size, steps):
    """Returns a function that runs ``steps`` training steps with a hand-written loop."""
    loss_obj = _loss_fn()
    name = backend.backend()
    batches = [
        (x[i * batch_size : (i + 1) * batch_size], y[i * batch_size : (i + 1) * batch_size])
        for i in range(steps)
    ]
    if name == "jax":
        import jax

        def loss_of(tv, ntv, xb, yb):
            pred, ntv = model.stateless_call(tv, ntv, xb, training=True)
            return loss_obj(yb, pred), ntv

        @functools.partial(jax.jit, donate_argnums=0)
        def step(state, xb, yb):
            tv, ntv, ov = state
            (loss, ntv), grads = jax.value_and_grad(loss_of, has_aux=True)(tv, ntv, xb, yb)
            tv, ov = optimizer.stateless_apply(ov, grads, tv)
            return (tv, ntv, ov), loss

        def run():
            state = (
                [v.value.copy() for v in model.trainable_variables],
                [v.value.copy() for v in model.non_trainable_variables],
                [v.value.copy() for v in optimizer.variables],
            )
            loss = None
            for xb, yb in batches:
                state, loss = step(state, xb, yb)
            jax.block_until_ready(loss)
            return float(loss)

        return run
    if name == "tensorflow":
        import tensorflow as tf

        @tf.function(autograph=False, reduce_retracing=True)
        def step(xb, yb):
            with tf.GradientTape() as tape:
                loss = loss_obj(yb, model(xb, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply(grads, model.trainable_variables)
            return loss

        def run():
            loss = None
            for xb, yb in batches:
                loss = step(tf.convert_to_tensor(xb), tf.convert_to_tensor(yb))
            return float(loss)

        return run
    import torch

    def run():
        loss = None
        params = [v.value for v in model.trainable_variables]
        for xb, yb in batches:
            xt, yt = torch.from_numpy(xb), torch.from_numpy(yb)
            loss = loss_obj(yt, model(xt, training=True))
            grads = torch.autograd.grad(loss, params)
            with torch.no_grad():
                optimizer.apply(list(grads), model.trainable_variables)
        return float(loss.detach())

    return run


def fit_loop(model, x, y, batch_size, steps):
    def run():
        history = model.fit(
            x[: steps * batch_size],
            y[: steps * batch_size],
            batch_size=batch_size,
            epochs=1,
            shuffle=False,
            verbose=0,
        )
        return history.history["loss"][-1]

    return run


def best_times(fns, repeats, clock):
    """The best of ``repeats`` timings of each function, runs interleaved (the machine's
    load drifts; interleaving exposes both loops to the same conditions)."""
    times = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = clock()
            fn()
            times[i].append(clock() - start)
    return [min(t) for t in times]


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def bench(label, make_model, x, y, batch_size, steps, repeats, clock="wall"):
    fit_model = make_model()
    native_model = make_model()
    native_model.set_weights(fit_model.get_weights())
    fit_model.compile(optimizer=optimizers.SGD(0.01), loss=_loss_fn())
    native_opt = optimizers.SGD(0.01)
    native_opt.build(native_model.trainable_variables)
    fit_run = fit_loop(fit_model, x, y, batch_size, steps)
    native_run = native_loop(native_model, native_opt, x, y, batch_size, steps)
    fit_run()  # compile / warm up both
    native_run()
    t_native, t_fit = best_times([native_run, fit_run], repeats, CLOCKS[clock])
    per_step = 1e3 / steps
    print(
        f"{backend.backend():<10} {label:<8} steps={steps} batch={batch_size} {clock:>4}  "
        f"native {t_native * per_step:7.3f} ms/step   fit {t_fit * per_step:7.3f} ms/step   "
        f"fit/native = {t_fit / t_native:.3f}"
    )
    return t_fit / t_native


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="wall time, or this process's CPU time (steadier on a shared machine)",
    )
    args = parser.parse_args()
    if backend.backend() == "numpy":
        print("numpy backend: inference only, nothing to train.")
        return
    rng = np.random.default_rng(0)
    n = args.steps * args.batch_size
    y = rng.integers(0, 10, size=(n,)).astype("int32")
    x = rng.normal(size=(n, 128)).astype("float32")
    bench(
        "mlp",
        lambda: build_mlp(128, 10),
        x,
        y,
        args.batch_size,
        args.steps,
        args.repeats,
        args.clock,
    )
    if build_convnet(10) is None:
        print(f"{backend.backend():<10} convnet  skipped: keras_core.layers has no Conv2D yet")
    else:
        images = rng.normal(size=(n, 16, 16, 3)).astype("float32")
        bench(
            "convnet",
            lambda: build_convnet(10),
            images,
            y,
            args.batch_size,
            args.steps,
            args.repeats,
            args.clock,
        )


if __name__ == "__main__":
    main()
