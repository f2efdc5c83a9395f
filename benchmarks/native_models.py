"""Hand-written native training and prediction loops, one per framework.

Each workload of ``train_loop.py`` is written here directly in the framework,
the way a user of that framework writes it without keras_core: the model's
math in framework ops, a hand-written (or the framework's own) Adam, softmax
cross-entropy on integer labels, batches sliced from the same NumPy arrays.

- torch: ``torch.nn`` modules (``Linear``, ``Conv2d``, ``MaxPool2d``, ``LSTM``)
  with ``torch.optim.Adam(foreach=True)``; NCHW images (torch's layout);
- jax: pure functions of a parameter pytree, ``lax.conv_general_dilated``,
  ``lax.reduce_window``, ``lax.scan`` for the LSTM (the input projection inside
  the step: on the CPU that is faster than projecting all steps first); Adam written with
  ``tree_map``; the step ``jax.jit``-ed with the state donated;
- tensorflow: ``tf.Variable`` weights, ``tf.nn`` ops, ``tf.scan`` for the LSTM,
  a ``tf.function`` step with ``tf.GradientTape`` and Adam written with
  ``assign`` ops (``jit_compile`` as keras_core's default for the backend).

``make_native(backend, kind, ...)`` returns ``(train, predict)``: ``train(x, y,
batch_size, steps)`` runs ``steps`` steps and returns the last loss as a float,
``predict(x, batch_size)`` returns the outputs as one NumPy array.
"""

import numpy as np

LR = 1e-3
BETA_1, BETA_2, EPSILON = 0.9, 0.999, 1e-7


def _init(shape, fan_in, rng):
    limit = np.sqrt(6.0 / (fan_in + shape[-1]))
    return rng.uniform(-limit, limit, size=shape).astype("float32")


def _numpy_params(kind, spec, rng):
    """The weights of one workload as NumPy arrays (dense kernels (in, out), HWIO convs)."""
    if kind == "mlp":
        sizes = [spec["features"], 512, 512, spec["classes"]]
        params = []
        for a, b in zip(sizes[:-1], sizes[1:]):
            params += [_init((a, b), a, rng), np.zeros((b,), "float32")]
        return params
    if kind == "convnet":
        c1, c2 = spec["filters"]
        side = ((spec["side"] - 2) // 2 - 2) // 2
        return [
            _init((3, 3, 1, c1), 9, rng),
            np.zeros((c1,), "float32"),
            _init((3, 3, c1, c2), 9 * c1, rng),
            np.zeros((c2,), "float32"),
            _init((side * side * c2, spec["classes"]), side * side * c2, rng),
            np.zeros((spec["classes"],), "float32"),
        ]
    if kind == "lstm":
        f, u = spec["features"], spec["units"]
        return [
            _init((f, 4 * u), f, rng),
            _init((u, 4 * u), u, rng),
            np.zeros((4 * u,), "float32"),
            _init((u, spec["classes"]), u, rng),
            np.zeros((spec["classes"],), "float32"),
        ]
    raise ValueError(f"Unknown workload: {kind!r}")


# ----------------------------------------------------------------------
# torch
# ----------------------------------------------------------------------
def _torch(kind, spec, seed):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    if kind == "mlp":
        model = nn.Sequential(
            nn.Linear(spec["features"], 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, spec["classes"]),
        )
    elif kind == "convnet":
        c1, c2 = spec["filters"]
        side = ((spec["side"] - 2) // 2 - 2) // 2
        model = nn.Sequential(
            nn.Conv2d(1, c1, 3),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(c1, c2, 3),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(side * side * c2, spec["classes"]),
        )
    else:

        class LSTMClassifier(nn.Module):
            def __init__(self):
                super().__init__()
                self.lstm = nn.LSTM(spec["features"], spec["units"], batch_first=True)
                self.head = nn.Linear(spec["units"], spec["classes"])

            def forward(self, x):
                out, _ = self.lstm(x)
                return self.head(out[:, -1])

        model = LSTMClassifier()
    optimizer = torch.optim.Adam(
        model.parameters(), lr=LR, betas=(BETA_1, BETA_2), eps=EPSILON, foreach=True
    )
    loss_fn = nn.CrossEntropyLoss()

    def layout(xb):
        # torch convolutions are NCHW: a torch user stores images that way.
        return np.ascontiguousarray(xb.transpose(0, 3, 1, 2)) if kind == "convnet" else xb

    def train(x, y, batch_size, steps):
        x = layout(x)
        model.train()
        loss = None
        for i in range(steps):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            xb = torch.from_numpy(x[sl])
            yb = torch.from_numpy(y[sl]).long()
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        return float(loss.detach())

    def predict(x, batch_size):
        x = layout(x)
        model.eval()
        outs = []
        with torch.no_grad():
            for i in range(0, len(x), batch_size):
                outs.append(model(torch.from_numpy(x[i : i + batch_size])).numpy())
        return np.concatenate(outs)

    return train, predict


# ----------------------------------------------------------------------
# jax
# ----------------------------------------------------------------------
def _jax(kind, spec, seed):
    import functools

    import jax
    import jax.numpy as jnp
    from jax import lax

    params = [jnp.asarray(p) for p in _numpy_params(kind, spec, np.random.default_rng(seed))]

    def forward(p, x):
        if kind == "mlp":
            h = jax.nn.relu(x @ p[0] + p[1])
            h = jax.nn.relu(h @ p[2] + p[3])
            return h @ p[4] + p[5]
        if kind == "convnet":
            dn = ("NHWC", "HWIO", "NHWC")
            h = x
            for k, b in ((p[0], p[1]), (p[2], p[3])):
                h = lax.conv_general_dilated(h, k, (1, 1), "VALID", dimension_numbers=dn)
                h = jax.nn.relu(h + b)
                h = lax.reduce_window(h, -jnp.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")
            return h.reshape((h.shape[0], -1)) @ p[4] + p[5]
        wx, wh, b, wo, bo = p
        units = wh.shape[0]
        # The input projection inside the step: under XLA on the CPU this runs about
        # twice as fast as projecting every step up front (einsum) and scanning over that.
        xs = jnp.swapaxes(x, 0, 1)

        def cell(carry, x_t):
            h, c = carry
            z = x_t @ wx + h @ wh + b
            i, f, g, o = jnp.split(z, 4, axis=-1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
            return (h, c), None

        zeros = jnp.zeros((x.shape[0], units), x.dtype)
        (h, _), _ = lax.scan(cell, (zeros, zeros), xs)
        return h @ wo + bo

    def loss_of(p, x, y):
        logp = jax.nn.log_softmax(forward(p, x))
        return -jnp.mean(jnp.take_along_axis(logp, y[:, None].astype("int32"), axis=1))

    @functools.partial(jax.jit, donate_argnums=0)
    def step(state, x, y):
        p, m, v, t = state
        loss, g = jax.value_and_grad(loss_of)(p, x, y)
        t = t + 1
        m = jax.tree_util.tree_map(lambda m, g: m + (g - m) * (1 - BETA_1), m, g)
        v = jax.tree_util.tree_map(lambda v, g: v + (g * g - v) * (1 - BETA_2), v, g)
        lr = LR * jnp.sqrt(1 - BETA_2**t) / (1 - BETA_1**t)
        p = jax.tree_util.tree_map(lambda p, m, v: p - lr * m / (jnp.sqrt(v) + EPSILON), p, m, v)
        return (p, m, v, t), loss

    zeros = [jnp.zeros_like(q) for q in params]
    state = [(params, zeros, [jnp.zeros_like(q) for q in params], jnp.zeros((), "float32"))]
    predict_fn = jax.jit(forward)

    def train(x, y, batch_size, steps):
        s = state[0]
        loss = None
        for i in range(steps):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            s, loss = step(s, x[sl], y[sl])
        state[0] = s
        return float(loss)

    def predict(x, batch_size):
        p = state[0][0]
        outs = [
            np.asarray(predict_fn(p, x[i : i + batch_size])) for i in range(0, len(x), batch_size)
        ]
        return np.concatenate(outs)

    return train, predict


# ----------------------------------------------------------------------
# tensorflow
# ----------------------------------------------------------------------
def _tensorflow(kind, spec, seed, jit_compile):
    import tensorflow as tf

    params = [tf.Variable(p) for p in _numpy_params(kind, spec, np.random.default_rng(seed))]
    ms = [tf.Variable(tf.zeros_like(p)) for p in params]
    vs = [tf.Variable(tf.zeros_like(p)) for p in params]
    t = tf.Variable(0.0)

    def forward(x):
        p = params
        if kind == "mlp":
            h = tf.nn.relu(tf.matmul(x, p[0]) + p[1])
            h = tf.nn.relu(tf.matmul(h, p[2]) + p[3])
            return tf.matmul(h, p[4]) + p[5]
        if kind == "convnet":
            h = x
            for k, b in ((p[0], p[1]), (p[2], p[3])):
                h = tf.nn.relu(tf.nn.conv2d(h, k, 1, "VALID") + b)
                h = tf.nn.max_pool2d(h, 2, 2, "VALID")
            return tf.matmul(tf.reshape(h, (tf.shape(h)[0], -1)), p[4]) + p[5]
        wx, wh, b, wo, bo = p
        xs = tf.transpose(x, (1, 0, 2))  # projected inside the step, as for jax (faster)

        def cell(carry, x_t):
            h, c = carry
            z = tf.matmul(x_t, wx) + tf.matmul(h, wh) + b
            i, f, g, o = tf.split(z, 4, axis=-1)
            c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
            return tf.sigmoid(o) * tf.tanh(c), c

        zeros = tf.zeros((tf.shape(x)[0], wh.shape[0]), x.dtype)
        hs, _ = tf.scan(cell, xs, initializer=(zeros, zeros))
        return tf.matmul(hs[-1], wo) + bo

    @tf.function(jit_compile=jit_compile, reduce_retracing=True)
    def step(x, y):
        with tf.GradientTape() as tape:
            logits = forward(x)
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
            )
        grads = tape.gradient(loss, params)
        t.assign_add(1.0)
        lr = LR * tf.sqrt(1 - BETA_2**t) / (1 - BETA_1**t)
        for p, m, v, g in zip(params, ms, vs, grads):
            m.assign_add((g - m) * (1 - BETA_1))
            v.assign_add((g * g - v) * (1 - BETA_2))
            p.assign_sub(lr * m / (tf.sqrt(v) + EPSILON))
        return loss

    predict_fn = tf.function(forward, jit_compile=jit_compile, reduce_retracing=True)

    def train(x, y, batch_size, steps):
        loss = None
        for i in range(steps):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            loss = step(tf.convert_to_tensor(x[sl]), tf.convert_to_tensor(y[sl]))
        return float(loss)

    def predict(x, batch_size):
        outs = [
            predict_fn(tf.convert_to_tensor(x[i : i + batch_size])).numpy()
            for i in range(0, len(x), batch_size)
        ]
        return np.concatenate(outs)

    return train, predict


def make_native(backend_name, kind, spec, seed=0, jit_compile=False):
    """``(train, predict)`` for one workload, written directly in ``backend_name``."""
    if backend_name == "torch":
        return _torch(kind, spec, seed)
    if backend_name == "jax":
        return _jax(kind, spec, seed)
    if backend_name == "tensorflow":
        return _tensorflow(kind, spec, seed, jit_compile)
    raise ValueError(f"No native loop for backend {backend_name!r}")
