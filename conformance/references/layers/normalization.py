"""NumPy references of the normalization layers (float64, no framework).

Covers BatchNormalization (inference, training with batch statistics, masks,
batch renormalization), LayerNormalization (incl. ``rms_scaling``),
GroupNormalization, UnitNormalization, RMSNormalization and the
SpectralNormalization wrapper. Configs are the Keras layer kwargs; absent keys
take the Keras defaults. ``batch_norm_step`` also returns the weights after a
training call (the moving statistics), for tests of the update rule.
"""

import numpy as np


def _axes(axis, ndim):
    """Sorted non-negative axes of an int or list ``axis``."""
    axis = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    return [a % ndim for a in axis]


def _user_axes(axis, ndim):
    axis = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    return [a % ndim for a in axis]


def _broadcast_param(p, user_axes, ndim):
    """A parameter laid out over ``user_axes`` (in the given order), broadcastable."""
    p = np.asarray(p, np.float64)
    order = np.argsort(user_axes)
    p = np.transpose(p, order) if p.ndim > 1 else p
    shape = [1] * ndim
    for a, n in zip(sorted(user_axes), p.shape):
        shape[a] = n
    return p.reshape(shape)


def _as64(weights):
    return [np.asarray(w, np.float64) for w in weights]


# --- BatchNormalization -------------------------------------------------------------
BN_DEFAULTS = {
    "axis": -1,
    "momentum": 0.99,
    "epsilon": 1e-3,
    "center": True,
    "scale": True,
    "renorm": False,
    "renorm_clipping": None,
    "renorm_momentum": 0.99,
}

# Keras' backend epsilon, added to the masked element count.
BACKEND_EPSILON = 1e-7


def batch_norm_weights(config, input_shapes):
    c = {**BN_DEFAULTS, **config}
    shape = input_shapes[0]
    axis = c["axis"][0] if isinstance(c["axis"], (list, tuple)) else c["axis"]
    size = (shape[axis % len(shape)],)
    out = []
    if c["scale"]:
        out.append(("gamma", size))
    if c["center"]:
        out.append(("beta", size))
    out += [("moving_mean", size), ("moving_variance", size)]
    if c["renorm"]:
        out += [("moving_stddev", size), ("renorm_mean", size), ("renorm_stddev", size)]
    return out


def _bn_unpack(c, weights):
    weights = list(_as64(weights))
    gamma = weights.pop(0) if c["scale"] else None
    beta = weights.pop(0) if c["center"] else None
    stats = dict(zip(["moving_mean", "moving_variance"], weights[:2]))
    if c["renorm"]:
        stats.update(zip(["moving_stddev", "renorm_mean", "renorm_stddev"], weights[2:5]))
    return gamma, beta, stats


def _bn_moments(x, axis, mask):
    reduce = tuple(i for i in range(x.ndim) if i != axis)
    if mask is None:
        return x.mean(axis=reduce), x.var(axis=reduce)
    w = np.expand_dims(np.asarray(mask, np.float64), axis)
    count = w.sum(axis=reduce, keepdims=True) + BACKEND_EPSILON
    mean = (x * w).sum(axis=reduce, keepdims=True) / count
    var = (w * (x - mean) ** 2).sum(axis=reduce, keepdims=True) / count
    return mean.reshape(-1), var.reshape(-1)


def batch_norm_step(config, weights, inputs, training=False, mask=None):
    """``(output, weights after the call)`` of one BatchNormalization call.

    Training normalizes with the batch's mean and (biased) variance and moves
    each moving statistic ``m`` to ``m * momentum + value * (1 - momentum)``;
    with ``renorm`` the normalized batch is corrected by ``r`` and ``d`` (from
    the renorm averages before their update, clipped by ``renorm_clipping``),
    ``moving_stddev`` tracks ``sqrt(var + epsilon)`` and ``moving_variance``
    becomes ``max(moving_stddev**2 - epsilon, 0)``. Inference uses the moving
    statistics and changes nothing.
    """
    c = {**BN_DEFAULTS, **config}
    x = np.asarray(inputs[0], np.float64)
    axis = c["axis"][0] if isinstance(c["axis"], (list, tuple)) else c["axis"]
    axis %= x.ndim
    eps = c["epsilon"]
    gamma, beta, stats = _bn_unpack(c, weights)
    new = {k: v.copy() for k, v in stats.items()}
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    if training:
        mean, var = _bn_moments(x, axis, mask)
        scale = np.ones_like(mean) if gamma is None else gamma
        offset = np.zeros_like(mean) if beta is None else beta
        if c["renorm"]:
            stddev = np.sqrt(var + eps)
            renorm_stddev = np.maximum(stats["renorm_stddev"], np.sqrt(eps))
            r = stddev / renorm_stddev
            d = (mean - stats["renorm_mean"]) / renorm_stddev
            clip = c["renorm_clipping"] or {}
            if clip.get("rmin") is not None:
                r = np.maximum(r, clip["rmin"])
            if clip.get("rmax") is not None:
                r = np.minimum(r, clip["rmax"])
            if clip.get("dmax") is not None:
                d = np.clip(d, -clip["dmax"], clip["dmax"])
            scale, offset = r * scale, d * scale + offset
            rm = c["renorm_momentum"]
            new["renorm_mean"] = stats["renorm_mean"] * rm + mean * (1 - rm)
            new["renorm_stddev"] = stats["renorm_stddev"] * rm + stddev * (1 - rm)
        m = c["momentum"]
        new["moving_mean"] = stats["moving_mean"] * m + mean * (1 - m)
        if c["renorm"]:
            new["moving_stddev"] = stats["moving_stddev"] * m + np.sqrt(var + eps) * (1 - m)
            new["moving_variance"] = np.maximum(new["moving_stddev"] ** 2 - eps, 0.0)
        else:
            new["moving_variance"] = stats["moving_variance"] * m + var * (1 - m)
    else:
        mean, var = stats["moving_mean"], stats["moving_variance"]
        scale = np.ones_like(mean) if gamma is None else gamma
        offset = np.zeros_like(mean) if beta is None else beta
    out = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    out = out * scale.reshape(shape) + offset.reshape(shape)
    after = [w for w in (gamma, beta) if w is not None]
    after += [new[k] for k in ("moving_mean", "moving_variance")]
    if c["renorm"]:
        after += [new[k] for k in ("moving_stddev", "renorm_mean", "renorm_stddev")]
    return out, after


def batch_norm_call(config, weights, inputs, training=False, mask=None, **kwargs):
    return batch_norm_step(config, weights, inputs, training=training, mask=mask)[0]


# --- LayerNormalization ---------------------------------------------------------------
LN_DEFAULTS = {"axis": -1, "epsilon": 1e-3, "center": True, "scale": True, "rms_scaling": False}


def layer_norm_weights(config, input_shapes):
    c = {**LN_DEFAULTS, **config}
    shape = input_shapes[0]
    pshape = tuple(shape[a] for a in _user_axes(c["axis"], len(shape)))
    if c["rms_scaling"]:
        return [("gamma", pshape)]
    out = []
    if c["scale"]:
        out.append(("gamma", pshape))
    if c["center"]:
        out.append(("beta", pshape))
    return out


def layer_norm_call(config, weights, inputs, **kwargs):
    """``rms_scaling`` scales by gamma / sqrt(variance + epsilon), without centering."""
    c = {**LN_DEFAULTS, **config}
    x = np.asarray(inputs[0], np.float64)
    user = _user_axes(c["axis"], x.ndim)
    axes = tuple(sorted(user))
    weights = list(_as64(weights))
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    inv = 1.0 / np.sqrt(var + c["epsilon"])
    if c["rms_scaling"]:
        return x * inv * _broadcast_param(weights[0], user, x.ndim)
    out = (x - mean) * inv
    if c["scale"]:
        out = out * _broadcast_param(weights.pop(0), user, x.ndim)
    if c["center"]:
        out = out + _broadcast_param(weights.pop(0), user, x.ndim)
    return out


# --- GroupNormalization ------------------------------------------------------------------
GN_DEFAULTS = {"groups": 32, "axis": -1, "epsilon": 1e-3, "center": True, "scale": True}


def group_norm_weights(config, input_shapes):
    c = {**GN_DEFAULTS, **config}
    shape = input_shapes[0]
    size = (shape[c["axis"] % len(shape)],)
    return [(n, size) for n, on in (("gamma", c["scale"]), ("beta", c["center"])) if on]


def group_norm_call(config, weights, inputs, **kwargs):
    """Each sample's channels split into ``groups`` consecutive groups, each normalized."""
    c = {**GN_DEFAULTS, **config}
    x = np.asarray(inputs[0], np.float64)
    axis = c["axis"] % x.ndim
    channels = x.shape[axis]
    groups = channels if c["groups"] == -1 else c["groups"]
    xc = np.moveaxis(x, axis, -1)  # (batch, ..., C)
    g = xc.reshape(*xc.shape[:-1], groups, channels // groups)
    g = np.moveaxis(g, -2, 1)  # (batch, groups, ..., C // groups)
    reduce = tuple(range(2, g.ndim))
    mean = g.mean(axis=reduce, keepdims=True)
    var = g.var(axis=reduce, keepdims=True)
    g = (g - mean) / np.sqrt(var + c["epsilon"])
    out = np.moveaxis(g, 1, -2).reshape(xc.shape)
    weights = list(_as64(weights))
    if c["scale"]:
        out = out * weights.pop(0)
    if c["center"]:
        out = out + weights.pop(0)
    return np.moveaxis(out, -1, axis)


# --- UnitNormalization, RMSNormalization ---------------------------------------------------
def unit_norm_call(config, weights, inputs, **kwargs):
    x = np.asarray(inputs[0], np.float64)
    axes = tuple(_axes(config.get("axis", -1), x.ndim))
    return x / np.sqrt(np.maximum((x * x).sum(axis=axes, keepdims=True), 1e-12))


def rms_norm_weights(config, input_shapes):
    shape = input_shapes[0]
    return [("scale", tuple(shape[a] for a in _user_axes(config.get("axis", -1), len(shape))))]


def rms_norm_call(config, weights, inputs, **kwargs):
    x = np.asarray(inputs[0], np.float64)
    user = _user_axes(config.get("axis", -1), x.ndim)
    mean_square = (x * x).mean(axis=tuple(sorted(user)), keepdims=True)
    scale = _broadcast_param(weights[0], user, x.ndim)
    return x / np.sqrt(mean_square + config.get("epsilon", 1e-6)) * scale


# --- SpectralNormalization --------------------------------------------------------------------
def _inner(config):
    from conformance.references import layers

    spec = config["layer"]
    return spec["config"], layers.lookup(spec["class_name"])


def spectral_norm_weights(config, input_shapes):
    """The wrapped layer's weights with ``vector_u (1, kernel.shape[-1])`` after its kernel."""
    inner_config, ref = _inner(config)
    inner = list(ref["weights"](inner_config, input_shapes))
    kernel_shape = inner[0][1]
    return [inner[0], ("vector_u", (1, kernel_shape[-1]))] + inner[1:]


def _l2_normalize(v):
    return v / np.sqrt(np.maximum((v * v).sum(), 1e-12))


def spectral_norm_step(config, weights, inputs, training=False, **kwargs):
    """``(output, weights after)``: training runs ``power_iterations`` power-method steps
    from ``vector_u`` and replaces the kernel by ``kernel / sigma`` before the wrapped layer
    runs; inference runs the wrapped layer on its kernel as it is."""
    inner_config, ref = _inner(config)
    weights = _as64(weights)
    kernel, u, rest = weights[0], weights[1], weights[2:]
    if training and np.any(kernel != 0):
        w = kernel.reshape(-1, kernel.shape[-1])
        v = None
        for _ in range(config.get("power_iterations", 1)):
            v = _l2_normalize(u @ w.T)
            u = _l2_normalize(v @ w)
        sigma = (v @ w @ u.T).item()
        kernel = kernel / sigma
    out = ref["call"](inner_config, [kernel, *rest], inputs, **kwargs)
    return out, [kernel, u, *rest]


def spectral_norm_call(config, weights, inputs, training=False, **kwargs):
    return spectral_norm_step(config, weights, inputs, training=training, **kwargs)[0]


def _no_weights(config, input_shapes):
    return []


REFERENCES = {
    "BatchNormalization": {"weights": batch_norm_weights, "call": batch_norm_call},
    "LayerNormalization": {"weights": layer_norm_weights, "call": layer_norm_call},
    "GroupNormalization": {"weights": group_norm_weights, "call": group_norm_call},
    "UnitNormalization": {"weights": _no_weights, "call": unit_norm_call},
    "RMSNormalization": {"weights": rms_norm_weights, "call": rms_norm_call},
    "SpectralNormalization": {"weights": spectral_norm_weights, "call": spectral_norm_call},
}
