"""NumPy (float64) references of the optimizers, schedules and one small model.

Everything here is independent of keras_core: the update rules are written
from the optimizers' documented algorithms (the Keras 3 semantics: the order
of clipping, weight decay, the update and the moving average within one
``apply``), so the training goldens (``conformance/training_goldens.py``)
hold every backend to the same float64 truth.

The model is ``Dense(hidden, tanh) -> Dense(classes, softmax)`` trained with
categorical crossentropy (the mean over the batch); ``forward_backward``
returns the loss and the gradients of ``[kernel_1, bias_1, kernel_2, bias_2]``.
"""

import math

import numpy as np

# --------------------------------------------------------------------------- model


def forward_backward(params, x, y):
    """Loss and gradients of the tanh-softmax MLP with categorical crossentropy.

    Args:
        params: ``[w1 (in, hidden), b1 (hidden,), w2 (hidden, classes), b2 (classes,)]``.
        x: inputs ``(batch, in)``.
        y: one-hot targets ``(batch, classes)``.

    Returns:
        ``(loss, [dw1, db1, dw2, db2])`` in float64.
    """
    w1, b1, w2, b2 = (np.asarray(p, np.float64) for p in params)
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    h = np.tanh(x @ w1 + b1)
    z = h @ w2 + b2
    z = z - z.max(-1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    loss = float(np.mean(-np.sum(y * np.log(p), -1)))
    dz = (p - y) / len(x)
    dh = (dz @ w2.T) * (1.0 - h * h)
    return loss, [x.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)]


# --------------------------------------------------------------------------- schedules


def schedule_value(spec, step):
    """The learning rate of a schedule ``spec`` (``{"class_name", "config"}``) at ``step``."""
    name, c = spec["class_name"], spec["config"]
    if name == "ExponentialDecay":
        p = step / c["decay_steps"]
        if c.get("staircase"):
            p = math.floor(p)
        return c["initial_learning_rate"] * c["decay_rate"] ** p
    if name == "CosineDecay":
        t = min(step, c["decay_steps"])
        alpha = c.get("alpha", 0.0)
        cosine = 0.5 * (1.0 + math.cos(math.pi * t / c["decay_steps"]))
        return c["initial_learning_rate"] * ((1.0 - alpha) * cosine + alpha)
    if name == "PiecewiseConstantDecay":
        for boundary, value in zip(c["boundaries"], c["values"]):
            if step <= boundary:
                return value
        return c["values"][-1]
    raise ValueError(f"No NumPy reference for schedule {name!r}")


# --------------------------------------------------------------------------- update rules
# Each rule: init(params, config) -> state (a dict of lists); update(params, grads, state,
# t, lr, config) -> new params, with t the 1-based step. ``params`` are float64 arrays.


def _rms(a):
    return math.sqrt(float(np.mean(a * a)))


def _sgd_init(params, c):
    return {"m": [np.zeros_like(p) for p in params]}


def _sgd_update(params, grads, s, t, lr, c):
    mom, out = c.get("momentum", 0.0), []
    for i, (w, g) in enumerate(zip(params, grads)):
        if mom == 0:
            out.append(w - lr * g)
            continue
        m = mom * s["m"][i] - lr * g
        s["m"][i] = m
        out.append(w + (mom * m - lr * g if c.get("nesterov") else m))
    return out


def _rmsprop_init(params, c):
    z = [np.zeros_like(p) for p in params]
    return {"v": list(z), "a": list(z), "m": list(z)}


def _rmsprop_update(params, grads, s, t, lr, c):
    rho, eps, mom = c.get("rho", 0.9), c.get("epsilon", 1e-7), c.get("momentum", 0.0)
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        v = rho * s["v"][i] + (1 - rho) * g * g
        s["v"][i] = v
        denom = v
        if c.get("centered"):
            a = rho * s["a"][i] + (1 - rho) * g
            s["a"][i] = a
            denom = v - a * a
        inc = lr * g / np.sqrt(denom + eps)
        if mom > 0:
            inc = mom * s["m"][i] + inc
            s["m"][i] = inc
        out.append(w - inc)
    return out


def _adam_init(params, c):
    z = [np.zeros_like(p) for p in params]
    return {"m": list(z), "v": list(z), "vhat": list(z)}


def _adam_update(params, grads, s, t, lr, c):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    alpha = lr * math.sqrt(1 - b2**t) / (1 - b1**t)
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        m = b1 * s["m"][i] + (1 - b1) * g
        v = b2 * s["v"][i] + (1 - b2) * g * g
        s["m"][i], s["v"][i] = m, v
        if c.get("amsgrad"):
            v = np.maximum(s["vhat"][i], v)
            s["vhat"][i] = v
        out.append(w - alpha * m / (np.sqrt(v) + eps))
    return out


def _adamax_init(params, c):
    z = [np.zeros_like(p) for p in params]
    return {"m": list(z), "u": list(z)}


def _adamax_update(params, grads, s, t, lr, c):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        m = b1 * s["m"][i] + (1 - b1) * g
        u = np.maximum(b2 * s["u"][i], np.abs(g))
        s["m"][i], s["u"][i] = m, u
        out.append(w - lr * m / ((1 - b1**t) * (u + eps)))
    return out


def _adagrad_init(params, c):
    return {"acc": [np.full_like(p, c.get("initial_accumulator_value", 0.1)) for p in params]}


def _adagrad_update(params, grads, s, t, lr, c):
    eps, out = c.get("epsilon", 1e-7), []
    for i, (w, g) in enumerate(zip(params, grads)):
        s["acc"][i] = s["acc"][i] + g * g
        out.append(w - lr * g / np.sqrt(s["acc"][i] + eps))
    return out


def _adadelta_init(params, c):
    z = [np.zeros_like(p) for p in params]
    return {"eg": list(z), "ed": list(z)}


def _adadelta_update(params, grads, s, t, lr, c):
    rho, eps, out = c.get("rho", 0.95), c.get("epsilon", 1e-7), []
    for i, (w, g) in enumerate(zip(params, grads)):
        eg = rho * s["eg"][i] + (1 - rho) * g * g
        delta = -np.sqrt(s["ed"][i] + eps) / np.sqrt(eg + eps) * g
        s["eg"][i] = eg
        s["ed"][i] = rho * s["ed"][i] + (1 - rho) * delta * delta
        out.append(w + lr * delta)
    return out


def _adafactor_init(params, c):
    state = {"r": [], "c": [], "v": []}
    for p in params:
        factored = p.ndim >= 2
        state["r"].append(np.zeros(p.shape[:-1]) if factored else np.zeros(()))
        state["c"].append(np.zeros(p.shape[:-2] + p.shape[-1:]) if factored else np.zeros(()))
        state["v"].append(np.zeros_like(p))
    return state


def _adafactor_update(params, grads, s, t, lr, c):
    decay = c.get("beta_2_decay", -0.8)
    eps1, eps2 = c.get("epsilon_1", 1e-30), c.get("epsilon_2", 1e-3)
    threshold = c.get("clip_threshold", 1.0)
    if c.get("relative_step", True) and not c.get("_schedule"):
        lr = min(lr, 1 / math.sqrt(t))
    rho = min(lr, 1 / math.sqrt(t))
    beta = 1 - t**decay
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        alpha = max(eps2, _rms(w)) * rho
        g2 = g * g + eps1
        if w.ndim >= 2:
            r = beta * s["r"][i] + (1 - beta) * g2.mean(-1)
            col = beta * s["c"][i] + (1 - beta) * g2.mean(-2)
            s["r"][i], s["c"][i] = r, col
            v = (r / r.mean(-1, keepdims=True))[..., None] * col[..., None, :]
        else:
            v = beta * s["v"][i] + (1 - beta) * g2
        s["v"][i] = v
        u = g / np.sqrt(v)
        u = u / max(1.0, _rms(u) / threshold)
        out.append(w - alpha * u)
    return out


def _nadam_init(params, c):
    z = [np.zeros_like(p) for p in params]
    return {"m": list(z), "v": list(z), "u_product": 1.0}


def _nadam_update(params, grads, s, t, lr, c):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    u_t = b1 * (1 - 0.5 * 0.96**t)
    u_next = b1 * (1 - 0.5 * 0.96 ** (t + 1))
    s["u_product"] *= u_t
    prod, prod_next = s["u_product"], s["u_product"] * u_next
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        m = b1 * s["m"][i] + (1 - b1) * g
        v = b2 * s["v"][i] + (1 - b2) * g * g
        s["m"][i], s["v"][i] = m, v
        m_hat = u_next * m / (1 - prod_next) + (1 - u_t) * g / (1 - prod)
        v_hat = v / (1 - b2**t)
        out.append(w - lr * m_hat / (np.sqrt(v_hat) + eps))
    return out


def _ftrl_init(params, c):
    init = c.get("initial_accumulator_value", 0.1)
    return {"n": [np.full_like(p, init) for p in params], "z": [np.zeros_like(p) for p in params]}


def _ftrl_update(params, grads, s, t, lr, c):
    power = c.get("learning_rate_power", -0.5)
    l1 = c.get("l1_regularization_strength", 0.0)
    l2 = c.get("l2_regularization_strength", 0.0) + c.get("beta", 0.0) / (2 * lr)
    shrink = c.get("l2_shrinkage_regularization_strength", 0.0)
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        n_old = s["n"][i]
        n = n_old + g * g
        sigma = (n ** (-power) - n_old ** (-power)) / lr
        z = s["z"][i] + g + 2 * shrink * w - sigma * w
        s["n"][i], s["z"][i] = n, z
        quadratic = n ** (-power) / lr + 2 * l2
        out.append((np.clip(z, -l1, l1) - z) / quadratic)
    return out


def _lion_init(params, c):
    return {"m": [np.zeros_like(p) for p in params]}


def _lion_update(params, grads, s, t, lr, c):
    b1, b2, out = c.get("beta_1", 0.9), c.get("beta_2", 0.99), []
    for i, (w, g) in enumerate(zip(params, grads)):
        out.append(w - lr * np.sign(b1 * s["m"][i] + (1 - b1) * g))
        s["m"][i] = b2 * s["m"][i] + (1 - b2) * g
    return out


def _lamb_update(params, grads, s, t, lr, c):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    out = []
    for i, (w, g) in enumerate(zip(params, grads)):
        m = b1 * s["m"][i] + (1 - b1) * g
        v = b2 * s["v"][i] + (1 - b2) * g * g
        s["m"][i], s["v"][i] = m, v
        update = (m / (1 - b1**t)) / (np.sqrt(v) / math.sqrt(1 - b2**t) + eps)
        w_norm, u_norm = np.linalg.norm(w), np.linalg.norm(update)
        ratio = w_norm / u_norm if w_norm > 0 and u_norm > 0 else 1.0
        out.append(w - ratio * lr * update)
    return out


RULES = {
    "SGD": (_sgd_init, _sgd_update),
    "RMSprop": (_rmsprop_init, _rmsprop_update),
    "Adam": (_adam_init, _adam_update),
    "AdamW": (_adam_init, _adam_update),
    "Adamax": (_adamax_init, _adamax_update),
    "Adagrad": (_adagrad_init, _adagrad_update),
    "Adadelta": (_adadelta_init, _adadelta_update),
    "Adafactor": (_adafactor_init, _adafactor_update),
    "Nadam": (_nadam_init, _nadam_update),
    "Ftrl": (_ftrl_init, _ftrl_update),
    "Lion": (_lion_init, _lion_update),
    "Lamb": (_adam_init, _lamb_update),
}
# Default weight decay of the optimizers that have one.
DEFAULT_WEIGHT_DECAY = {"AdamW": 0.004}


# --------------------------------------------------------------------------- the loop


def _clip(grads, c):
    if c.get("clipnorm"):
        out = []
        for g in grads:
            norm = np.linalg.norm(g)
            out.append(g * c["clipnorm"] / max(norm, c["clipnorm"]))
        return out
    if c.get("global_clipnorm"):
        norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
        return [g * c["global_clipnorm"] / max(norm, c["global_clipnorm"]) for g in grads]
    if c.get("clipvalue"):
        return [np.clip(g, -c["clipvalue"], c["clipvalue"]) for g in grads]
    return grads


def train(optimizer, config, params, x, y, steps=3, schedule=None, loss_scale=None):
    """Runs ``steps`` training steps of the model in float64.

    Args:
        optimizer: an optimizer class name (a key of ``RULES``), or
            ``"LossScaleOptimizer"`` (then ``config["inner_optimizer"]`` is
            ``{"class_name", "config"}`` of the wrapped optimizer).
        config: the optimizer's arguments (``learning_rate`` a float unless
            ``schedule`` is given).
        params: the initial ``[w1, b1, w2, b2]``.
        x, y: the one batch used at every step.
        steps: how many steps.
        schedule: ``{"class_name", "config"}`` of a learning-rate schedule, or None.
        loss_scale: unused by the math (a finite scaled loss gives the same
            update); kept for the record of the case.

    Returns:
        A dict: ``weights`` (after the last step), ``losses`` (per step, before
        its update), ``ema`` (the moving averages, when ``use_ema``) and
        ``scale`` (the final dynamic loss scale of a LossScaleOptimizer).
    """
    del loss_scale
    extra = {}
    if optimizer == "LossScaleOptimizer":
        growth = config.get("dynamic_growth_steps", 2000)
        scale = config.get("initial_scale", 2.0**15)
        inner = config["inner_optimizer"]
        optimizer, config = inner["class_name"], dict(inner["config"])
        extra["scale_growth"] = (scale, growth)
    init, update = RULES[optimizer]
    c = dict(config)
    if schedule is not None:
        c["_schedule"] = True
    weight_decay = c.get("weight_decay", DEFAULT_WEIGHT_DECAY.get(optimizer))
    params = [np.asarray(p, np.float64).copy() for p in params]
    state = init(params, c)
    ema = None
    if c.get("use_ema"):
        ema = [np.zeros_like(p) for p in params]
    losses = []
    for it in range(steps):
        lr = schedule_value(schedule, it) if schedule is not None else c["learning_rate"]
        loss, grads = forward_backward(params, x, y)
        losses.append(loss)
        grads = _clip(grads, c)
        if weight_decay:
            params = [p - p * weight_decay * lr for p in params]
        params = update(params, grads, state, it + 1, lr, c)
        if ema is not None:
            momentum = c.get("ema_momentum", 0.99) if it > 0 else 0.0
            ema = [momentum * a + (1 - momentum) * p for a, p in zip(ema, params)]
    out = {"weights": params, "losses": np.array(losses)}
    if ema is not None:
        out["ema"] = ema
    if "scale_growth" in extra:
        scale, growth = extra["scale_growth"]
        out["scale"] = scale * 2.0 ** (steps // growth)
    return out
