"""keras_core demo: ops, random, and a model on the default backend, then the op
checks repeated on every backend, each in its own process.

    python examples/demo.py            # default backend, then all backends
    python examples/demo.py --single   # only the current backend
"""

import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras_core  # noqa: E402
from keras_core import layers, ops  # noqa: E402


def op_checks():
    """A few ops compared with NumPy; returns the number of checks that passed."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(3, 4)).astype("float32")
    b = rng.normal(size=(4, 2)).astype("float32")
    checks = {
        "matmul": (ops.matmul(a, b), a @ b),
        "softmax": (ops.softmax(a), np.exp(a) / np.exp(a).sum(-1, keepdims=True)),
        "sum(axis=0)": (ops.sum(a, axis=0), a.sum(0)),
        "where": (ops.where(a > 0, a, 0.0), np.where(a > 0, a, 0.0)),
        "int8 + 1 stays int8": (ops.add(np.array([1, 2], "int8"), 1), np.array([2, 3], "int8")),
    }
    passed = 0
    for name, (got, expected) in checks.items():
        got = ops.convert_to_numpy(got)
        ok = got.dtype == expected.dtype and np.allclose(got, expected, rtol=1e-5, atol=1e-6)
        passed += ok
        print(f"  {name:<22} {'ok' if ok else 'MISMATCH'}  dtype={got.dtype}")
    return passed, len(checks)


def model_demo():
    inputs = keras_core.Input((4,), name="features")
    hidden = layers.Dense(8, activation="relu", name="hidden")(inputs)
    outputs = layers.Dense(3, activation="softmax", name="probs")(layers.Dropout(0.1)(hidden))
    model = keras_core.Model(inputs, outputs, name="demo_classifier")
    model.summary()
    x = np.random.default_rng(1).normal(size=(5, 4)).astype("float32")
    probs = ops.convert_to_numpy(model(x))
    print("  predictions (rows sum to 1):", np.round(probs.sum(axis=1), 5).tolist())
    clone = keras_core.models.model_from_json(model.to_json())
    clone.set_weights(model.get_weights())
    same = np.allclose(ops.convert_to_numpy(clone(x)), probs, atol=1e-6)
    print(f"  to_json / model_from_json round trip gives the same outputs: {same}")
    return same


def main():
    name = keras_core.backend.backend()
    print(f"== keras_core {keras_core.__version__} on backend: {name}")
    print(
        f"  random normal (seed=1): {np.round(ops.convert_to_numpy(keras_core.random.normal((3,), seed=1)), 4)}"
    )
    passed, total = op_checks()
    print(f"  {passed}/{total} op checks agree with NumPy")
    ok = passed == total
    if "--single" not in sys.argv:
        ok = model_demo() and ok
        for other in ("tensorflow", "jax", "torch", "numpy"):
            if other == name:
                continue
            env = dict(os.environ, KERAS_BACKEND=other)
            result = subprocess.run(
                [sys.executable, __file__, "--single"], env=env, capture_output=True, text=True
            )
            print(result.stdout.rstrip() or result.stderr.strip().splitlines()[-1])
            ok = ok and result.returncode == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
