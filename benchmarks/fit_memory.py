"""Resident memory across repeated ``fit`` calls on one model (should stay flat).

Builds a small MLP, calls ``fit`` once to warm up (tracing, compilation, the
allocator's first pools), then ``--calls`` more times, and prints the growth of
the process's resident set size (RSS, from ``/proc/self/statm``) after the
warm-up call. The target is a growth below 50 MB for 20 calls. Usage::

    KERAS_BACKEND=torch python benchmarks/fit_memory.py --calls 20
"""

import argparse
import gc
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LIMIT_MB = 50.0


def rss_mb() -> float:
    """This process's resident set size in MB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", help="keras_core backend (default: KERAS_BACKEND)")
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    if args.backend:
        os.environ["KERAS_BACKEND"] = args.backend

    import keras_core
    from keras_core import backend, layers

    if backend.backend() == "numpy":
        print("numpy backend: inference only, nothing to fit.")
        return
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2048, 64)).astype("float32")
    y = rng.integers(0, 10, size=(2048,)).astype("int32")
    model = keras_core.Sequential(
        [
            keras_core.Input((64,)),
            layers.Dense(128, activation="relu"),
            layers.Dense(10),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    def one_fit():
        model.fit(x, y, batch_size=64, epochs=args.epochs, validation_split=0.1, verbose=0)

    one_fit()
    gc.collect()
    start = rss_mb()
    samples = []
    for _ in range(args.calls):
        one_fit()
        gc.collect()
        samples.append(rss_mb())
    growth = samples[-1] - start
    print(
        f"backend={backend.backend()} calls={args.calls} rss after warm-up {start:.1f} MB, "
        f"after {args.calls} fits {samples[-1]:.1f} MB, growth {growth:+.1f} MB "
        f"(max {max(samples) - start:+.1f} MB); limit {LIMIT_MB:.0f} MB: "
        f"{'OK' if growth < LIMIT_MB else 'OVER'}"
    )
    return 0 if growth < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
