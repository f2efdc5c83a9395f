"""Eager call cost of keras_core.ops.add / ops.matmul against the native call.

10,000 calls on 8x8 float32 tensors, native and keras_core measured in the same
process and run (interleaved in rounds; the median round is kept). Target
(ops part 1): keras_core at most 1.5x the native call on each backend. Each
backend runs in its own subprocess.

    python benchmarks/op_overhead.py [--calls 10000] [--rounds 5] [--backends jax torch tensorflow]
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = r"""
import json, statistics, sys, time
import numpy as np
import keras_core
from keras_core import ops

name = keras_core.backend.backend()
calls, rounds = int(sys.argv[1]), int(sys.argv[2])
a_np = np.random.default_rng(0).normal(size=(8, 8)).astype("float32")
b_np = np.random.default_rng(1).normal(size=(8, 8)).astype("float32")
if name == "torch":
    import torch
    a, b = torch.from_numpy(a_np), torch.from_numpy(b_np)
    native = {"add": torch.add, "matmul": torch.matmul}
    sync = lambda x: x
elif name == "jax":
    import jax.numpy as jnp
    a, b = jnp.asarray(a_np), jnp.asarray(b_np)
    native = {"add": jnp.add, "matmul": jnp.matmul}
    sync = lambda x: x.block_until_ready()
elif name == "tensorflow":
    import tensorflow as tf
    a, b = tf.constant(a_np), tf.constant(b_np)
    native = {"add": tf.add, "matmul": tf.matmul}
    sync = lambda x: x
else:
    a, b = a_np, b_np
    native = {"add": np.add, "matmul": np.matmul}
    sync = lambda x: x
ours = {"add": ops.add, "matmul": ops.matmul}

def timed(fn):
    for _ in range(200):
        fn(a, b)
    start = time.perf_counter()
    for _ in range(calls):
        out = fn(a, b)
    sync(out)
    return (time.perf_counter() - start) / calls

result = {"backend": name}
for op in ("add", "matmul"):
    np.testing.assert_allclose(np.asarray(ops.convert_to_numpy(ours[op](a, b))),
                               np.asarray(native[op](a, b)), rtol=1e-5, atol=1e-5)
    nat, kc = [], []
    for _ in range(rounds):
        nat.append(timed(native[op]))
        kc.append(timed(ours[op]))
    n, k = statistics.median(nat), statistics.median(kc)
    result[op] = {"native_us": round(n * 1e6, 3), "keras_core_us": round(k * 1e6, 3),
                  "ratio": round(k / n, 3)}
print(json.dumps(result))
"""


def run(backend, calls, rounds):
    env = dict(os.environ, KERAS_BACKEND=backend, PYTHONPATH=ROOT)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(calls), str(rounds)],
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{backend} benchmark failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--backends", nargs="+", default=["tensorflow", "jax", "torch"])
    ap.add_argument("--target", type=float, default=1.5)
    args = ap.parse_args()
    rows = [run(b, args.calls, args.rounds) for b in args.backends]
    worst = 0.0
    for r in rows:
        for op in ("add", "matmul"):
            m = r[op]
            worst = max(worst, m["ratio"])
            flag = "ok" if m["ratio"] <= args.target else "OVER TARGET"
            print(
                f"{r['backend']:>10} {op:>6}: native {m['native_us']:8.2f} us  keras_core "
                f"{m['keras_core_us']:8.2f} us  ratio {m['ratio']:.2f}x ({flag})"
            )
    print(json.dumps({"op_overhead": rows, "target": args.target, "worst_ratio": worst}))
    return 0 if worst <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
