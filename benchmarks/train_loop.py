"""keras_core ``fit``/``predict`` against hand-written native loops of the same framework.

Four workloads, each timed in the same process against the same computation
written directly in the framework (``native_models.py``: ``torch.nn`` +
``torch.optim``; pure ``jax`` functions under a donated ``jax.jit``; ``tf.nn``
ops in a ``tf.function``):

- ``mlp``: Dense 784-512-512-10 (relu), batch 128, a training step;
- ``convnet``: 28x28x1 images, two Conv2D(3x3, relu) + MaxPooling2D(2) blocks,
  Dense(10), batch 128, a training step;
- ``lstm``: LSTM(128) over 50 steps of 32 features, Dense(10), batch 64, a
  training step;
- ``predict``: ``predict`` of the MLP at batch 256.

Training uses Adam(1e-3) and softmax cross-entropy on integer labels on both
sides; keras_core runs ``model.fit(x, y, batch_size, epochs=1, shuffle=False,
verbose=0)`` (so each timing includes fit's own per-call setup) and
``model.predict(x, batch_size, verbose=0)``. Timings are the best of
``--repeats`` runs, the two sides interleaved so both see the same machine
load. By default the clock is this process's CPU time and every framework is
pinned to one thread (``--clock wall --threads 0`` for wall time with the
frameworks' own thread pools): on a shared, oversubscribed machine wall time
mostly measures the scheduler. With ``--keras3``, Keras 3 (if ``import keras`` works) runs the same
workloads in a child process on the same backend; its ratio is against the
native time measured here, so it is less precise (not interleaved).

Usage::

    KERAS_BACKEND=jax python benchmarks/train_loop.py --steps 40
    python benchmarks/train_loop.py --backend torch --workloads mlp,predict
"""

import argparse
import json
import os
import subprocess
import sys
import time

# Measure this checkout's keras_core (not an installed copy).
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

WORKLOADS = {
    "mlp": {"kind": "mlp", "batch": 128, "features": 784, "classes": 10},
    "convnet": {"kind": "convnet", "batch": 128, "side": 28, "filters": (32, 64), "classes": 10},
    "lstm": {"kind": "lstm", "batch": 64, "timesteps": 50, "features": 32, "units": 128,
             "classes": 10},
    "predict": {"kind": "mlp", "batch": 256, "features": 784, "classes": 10, "predict": True},
}  # fmt: skip


def make_data(spec, steps, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    n = steps * spec["batch"]
    if spec["kind"] == "mlp":
        x = rng.normal(size=(n, spec["features"]))
    elif spec["kind"] == "convnet":
        x = rng.normal(size=(n, spec["side"], spec["side"], 1))
    else:
        x = rng.normal(size=(n, spec["timesteps"], spec["features"]))
    y = rng.integers(0, spec["classes"], size=(n,))
    return x.astype("float32"), y.astype("int32")


def build_model(keras, spec):
    """The workload's model in ``keras`` (keras_core, or Keras 3 in the child process)."""
    layers = keras.layers
    if spec["kind"] == "mlp":
        body = [
            keras.Input((spec["features"],)),
            layers.Dense(512, activation="relu"),
            layers.Dense(512, activation="relu"),
        ]
    elif spec["kind"] == "convnet":
        c1, c2 = spec["filters"]
        body = [
            keras.Input((spec["side"], spec["side"], 1)),
            layers.Conv2D(c1, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(c2, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
        ]
    else:
        body = [keras.Input((spec["timesteps"], spec["features"])), layers.LSTM(spec["units"])]
    model = keras.Sequential(body + [layers.Dense(spec["classes"])])
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def keras_runners(keras, spec, x, y):
    model = build_model(keras, spec)
    batch = spec["batch"]
    if spec.get("predict"):
        return lambda: model.predict(x, batch_size=batch, verbose=0)
    return lambda: model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0)


def native_runner(native, spec, x, y, steps):
    """The native side of one workload as a no-argument function."""
    train, predict = native
    if spec.get("predict"):
        train(x, y, spec["batch"], steps)  # trained weights, like keras_core's side
        return lambda: predict(x, spec["batch"])
    return lambda: train(x, y, spec["batch"], steps)


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def best_times(fns, repeats, clock="cpu"):
    """The best of ``repeats`` timings of each function, runs interleaved."""
    now = CLOCKS[clock]
    times = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = now()
            fn()
            times[i].append(now() - start)
    return [min(t) for t in times]


def limit_threads(threads):
    """Pins every framework to ``threads`` CPU threads (set before any framework import)."""
    n = str(threads)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = n
    os.environ["TF_NUM_INTRAOP_THREADS"] = n
    os.environ["TF_NUM_INTEROP_THREADS"] = n
    if threads == 1:
        flags = os.environ.get("XLA_FLAGS", "")
        os.environ["XLA_FLAGS"] = (flags + " --xla_cpu_multi_thread_eigen=false").strip()


def apply_thread_limit(backend_name, threads):
    if backend_name == "torch":
        import torch

        torch.set_num_threads(threads)
        torch.set_num_interop_threads(threads)
    elif backend_name == "tensorflow":
        import tensorflow as tf

        try:
            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        except RuntimeError:
            pass  # already initialized: the TF_NUM_*_THREADS variables applied instead


def run_keras3(backend_name, names, steps, repeats, clock, threads):
    """Keras 3 timings (seconds per run) from a child process, or None if unavailable."""
    env = dict(os.environ, KERAS_BACKEND=backend_name)
    cmd = [sys.executable, os.path.abspath(__file__), "--keras3-child"]
    cmd += ["--workloads", ",".join(names), "--steps", str(steps), "--repeats", str(repeats)]
    cmd += ["--clock", clock, "--threads", str(threads)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd="/")
    if proc.returncode != 0:
        return None
    for line in proc.stdout.splitlines()[::-1]:
        if line.startswith("{"):
            return json.loads(line)
    return None


def keras3_child(names, steps, repeats, clock, threads):
    sys.path[:] = [p for p in sys.path if p not in (HERE, os.path.dirname(HERE))]
    import keras

    if threads:
        apply_thread_limit(keras.backend.backend(), threads)

    out = {}
    for name in names:
        spec = WORKLOADS[name]
        x, y = make_data(spec, steps)
        run = keras_runners(keras, spec, x, y)
        run()
        out[name] = best_times([run], repeats, clock)[0]
    print(json.dumps(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", help="keras_core backend (default: KERAS_BACKEND)")
    parser.add_argument("--steps", type=int, default=30, help="batches per timed run")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="this process's CPU time (default; steadier on a loaded machine) or wall time",
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="CPU threads per framework (0: its default)"
    )
    parser.add_argument("--keras3", action="store_true", help="also time Keras 3 (child)")
    parser.add_argument("--keras3-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = [n for n in args.workloads.split(",") if n]
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workloads {unknown}; choose from {sorted(WORKLOADS)}")
    if args.backend:
        os.environ["KERAS_BACKEND"] = args.backend
    if args.threads:
        limit_threads(args.threads)
    if args.keras3_child:
        keras3_child(names, args.steps, args.repeats, args.clock, args.threads)
        return

    from native_models import make_native

    import keras_core
    from keras_core import backend

    name_ = backend.backend()
    if args.threads:
        apply_thread_limit(name_, args.threads)
    if name_ == "numpy":
        print("numpy backend: inference only, nothing to compare against.")
        return
    keras3 = (
        run_keras3(name_, names, args.steps, args.repeats, args.clock, args.threads)
        if args.keras3
        else None
    )
    load = os.getloadavg()
    per = 1e3 / args.steps
    print(
        f"backend={name_} steps={args.steps} repeats={args.repeats} clock={args.clock} "
        f"threads={args.threads or 'default'} (ms per step, best run)"
    )
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    head = f"{'workload':<9}{'batch':>6}{'native':>10}{'keras_core':>12}{'ratio':>8}"
    if keras3:
        head += f"{'keras3':>10}{'k3 ratio':>10}"
    print(head, flush=True)
    for name in names:
        spec = WORKLOADS[name]
        x, y = make_data(spec, args.steps)
        ours = keras_runners(keras_core, spec, x, y)
        native = native_runner(make_native(name_, spec["kind"], spec), spec, x, y, args.steps)
        ours()  # trace / compile / warm up both
        native()
        t_n, t_o = best_times([native, ours], args.repeats, args.clock)
        line = f"{name:<9}{spec['batch']:>6}{t_n * per:>10.3f}{t_o * per:>12.3f}{t_o / t_n:>8.3f}"
        t_k = keras3.get(name) if keras3 else None
        if keras3:
            line += f"{t_k * per:>10.3f}{t_k / t_n:>10.3f}" if t_k else f"{'-':>10}{'-':>10}"
        print(line, flush=True)
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.keras3 and not keras3:
        print("(Keras 3 not available in a child process: skipped)")


if __name__ == "__main__":
    main()
