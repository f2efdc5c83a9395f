"""Each optimizer's update against a NumPy implementation of its formula."""

import numpy as np
import pytest

import keras_core
from keras_core import backend, optimizers

RNG = np.random.default_rng(1234)
W0 = RNG.normal(size=(3, 4)).astype("float32")
B0 = RNG.normal(size=(4,)).astype("float32")
GRADS = [
    (RNG.normal(size=(3, 4)).astype("float32"), RNG.normal(size=(4,)).astype("float32"))
    for _ in range(4)
]


# ---------------------------------------------------------------------------
# NumPy references: ref(state, w, g, lr, t) -> new w (t counts from 1); the
# state dict holds the slots of one variable.


def ref_sgd(momentum=0.0, nesterov=False):
    def step(s, w, g, lr, t):
        if momentum == 0:
            return w - lr * g
        m = s.get("m", np.zeros_like(w))
        m = momentum * m - lr * g
        s["m"] = m
        return w + (momentum * m - lr * g if nesterov else m)

    return step


def ref_adam(b1=0.9, b2=0.999, eps=1e-7, amsgrad=False):
    def step(s, w, g, lr, t):
        m = s.get("m", np.zeros_like(w)) * b1 + (1 - b1) * g
        v = s.get("v", np.zeros_like(w)) * b2 + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        if amsgrad:
            v = np.maximum(s.get("vhat", np.zeros_like(w)), v)
            s["vhat"] = v
        alpha = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
        return w - alpha * m / (np.sqrt(v) + eps)

    return step


def ref_rmsprop(rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    def step(s, w, g, lr, t):
        v = rho * s.get("v", np.zeros_like(w)) + (1 - rho) * g * g
        s["v"] = v
        if centered:
            a = rho * s.get("a", np.zeros_like(w)) + (1 - rho) * g
            s["a"] = a
            denom = v - a * a + eps
        else:
            denom = v + eps
        inc = lr * g / np.sqrt(denom)
        if momentum > 0:
            m = momentum * s.get("m", np.zeros_like(w)) + inc
            s["m"] = m
            return w - m
        return w - inc

    return step


def ref_adagrad(init=0.1, eps=1e-7):
    def step(s, w, g, lr, t):
        acc = s.get("acc", np.full_like(w, init)) + g * g
        s["acc"] = acc
        return w - lr * g / np.sqrt(acc + eps)

    return step


def ref_adadelta(rho=0.95, eps=1e-7):
    def step(s, w, g, lr, t):
        eg = rho * s.get("eg", np.zeros_like(w)) + (1 - rho) * g * g
        edx = s.get("edx", np.zeros_like(w))
        delta = -np.sqrt(edx + eps) / np.sqrt(eg + eps) * g
        s["eg"], s["edx"] = eg, rho * edx + (1 - rho) * delta * delta
        return w + lr * delta

    return step


def ref_adamax(b1=0.9, b2=0.999, eps=1e-7):
    def step(s, w, g, lr, t):
        m = s.get("m", np.zeros_like(w)) + (g - s.get("m", np.zeros_like(w))) * (1 - b1)
        u = np.maximum(b2 * s.get("u", np.zeros_like(w)), np.abs(g))
        s["m"], s["u"] = m, u
        return w - lr * m / ((1 - b1**t) * (u + eps))

    return step


def ref_nadam(b1=0.9, b2=0.999, eps=1e-7):
    def step(s, w, g, lr, t):
        mu_t = b1 * (1 - 0.5 * 0.96**t)
        mu_next = b1 * (1 - 0.5 * 0.96 ** (t + 1))
        # The running product of the mu is shared by all variables.
        prod = s["prod"][0] * mu_t if s["prod_t"][0] != t else s["prod"][0]
        s["prod"][0], s["prod_t"][0] = prod, t
        m = s.get("m", np.zeros_like(w)) * b1 + (1 - b1) * g
        v = s.get("v", np.zeros_like(w)) * b2 + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        m_hat = mu_next * m / (1 - prod * mu_next) + (1 - mu_t) * g / (1 - prod)
        v_hat = v / (1 - b2**t)
        return w - lr * m_hat / (np.sqrt(v_hat) + eps)

    return step


def ref_ftrl(power=-0.5, init=0.1, l1=0.0, l2=0.0, l2s=0.0, beta=0.0):
    def step(s, w, g, lr, t):
        n = s.get("n", np.full_like(w, init))
        z = s.get("z", np.zeros_like(w))
        g2 = g + 2 * l2s * w
        n_new = n + g * g
        z = z + g2 - (n_new ** (-power) - n ** (-power)) / lr * w
        quad = n_new ** (-power) / lr + 2 * (l2 + beta / (2 * lr))
        s["n"], s["z"] = n_new, z
        return (np.clip(z, -l1, l1) - z) / quad

    return step


def ref_lion(b1=0.9, b2=0.99):
    def step(s, w, g, lr, t):
        m = s.get("m", np.zeros_like(w))
        w = w - lr * np.sign(b1 * m + (1 - b1) * g)
        s["m"] = b2 * m + (1 - b2) * g
        return w

    return step


def ref_lamb(b1=0.9, b2=0.999, eps=1e-7):
    def step(s, w, g, lr, t):
        m = s.get("m", np.zeros_like(w)) * b1 + (1 - b1) * g
        v = s.get("v", np.zeros_like(w)) * b2 + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        update = (m / (1 - b1**t)) / (np.sqrt(v) / np.sqrt(1 - b2**t) + eps)
        wn, un = np.linalg.norm(w), np.linalg.norm(update)
        ratio = wn / un if wn > 0 and un > 0 else 1.0
        return w - ratio * lr * update

    return step


def ref_adafactor(decay=-0.8, eps1=1e-30, eps2=1e-3, clip=1.0, relative=True):
    def rms(x):
        return np.sqrt(np.mean(x * x))

    def step(s, w, g, lr, t):
        if relative:
            lr = min(lr, 1 / np.sqrt(t))
        rho = min(lr, 1 / np.sqrt(t))
        alpha = max(eps2, rms(w)) * rho
        g2 = g * g + eps1
        beta = 1 - t**decay
        if w.ndim >= 2:
            r = beta * s.get("r", np.zeros(w.shape[:-1])) + (1 - beta) * g2.mean(-1)
            c = beta * s.get("c", np.zeros(w.shape[:-2] + w.shape[-1:])) + (1 - beta) * g2.mean(-2)
            s["r"], s["c"] = r, c
            v = (r / r.mean(-1, keepdims=True))[..., None] * c[..., None, :]
        else:
            v = beta * s.get("v", np.zeros_like(w)) + (1 - beta) * g2
            s["v"] = v
        u = g / np.sqrt(v)
        u = u / max(1.0, rms(u) / clip)
        return w - alpha * u

    return step


def ref_muon(
    momentum=0.95, ns_steps=5, rms_rate=0.2, adam_lr_ratio=0.5, abc=(3.4445, -4.775, 2.0315)
):
    adam = ref_adam()

    def newton_schulz(x):
        tall = x.shape[0] > x.shape[1]
        x = x.T if tall else x
        x = x / (np.linalg.norm(x) + 1e-7)
        a, b, c = abc
        for _ in range(ns_steps):
            gram = x @ x.T
            x = a * x + (b * gram + c * gram @ gram) @ x
        return x.T if tall else x

    def step(s, w, g, lr, t):
        if w.ndim != 2:
            return adam(s, w, g, lr * adam_lr_ratio, t)
        m = momentum * s.get("m", np.zeros_like(w)) + g
        s["m"] = m
        update = newton_schulz(g + momentum * m)
        return w - lr * update * np.sqrt(max(w.shape)) * rms_rate

    return step


CASES = {
    "sgd": (lambda: optimizers.SGD(0.1), ref_sgd(), 0.1),
    "sgd_momentum": (lambda: optimizers.SGD(0.1, momentum=0.9), ref_sgd(0.9), 0.1),
    "sgd_nesterov": (
        lambda: optimizers.SGD(0.1, momentum=0.8, nesterov=True),
        ref_sgd(0.8, True),
        0.1,
    ),
    "adam": (lambda: optimizers.Adam(0.05), ref_adam(), 0.05),
    "adam_amsgrad": (lambda: optimizers.Adam(0.05, amsgrad=True), ref_adam(amsgrad=True), 0.05),
    "rmsprop": (lambda: optimizers.RMSprop(0.01), ref_rmsprop(), 0.01),
    "rmsprop_centered_momentum": (
        lambda: optimizers.RMSprop(0.01, momentum=0.5, centered=True),
        ref_rmsprop(momentum=0.5, centered=True),
        0.01,
    ),
    "adagrad": (lambda: optimizers.Adagrad(0.1), ref_adagrad(), 0.1),
    "adadelta": (lambda: optimizers.Adadelta(1.0), ref_adadelta(), 1.0),
    "adamax": (lambda: optimizers.Adamax(0.05), ref_adamax(), 0.05),
    "nadam": (lambda: optimizers.Nadam(0.05), ref_nadam(), 0.05),
    "ftrl": (
        lambda: optimizers.Ftrl(
            0.1,
            l1_regularization_strength=0.01,
            l2_regularization_strength=0.02,
            l2_shrinkage_regularization_strength=0.03,
            beta=0.1,
        ),
        ref_ftrl(l1=0.01, l2=0.02, l2s=0.03, beta=0.1),
        0.1,
    ),
    "lion": (lambda: optimizers.Lion(0.01), ref_lion(), 0.01),
    "lamb": (lambda: optimizers.Lamb(0.01), ref_lamb(), 0.01),
    "adafactor": (lambda: optimizers.Adafactor(0.1), ref_adafactor(), 0.1),
    "muon": (
        lambda: optimizers.Muon(0.02, weight_decay=0.0, adam_weight_decay=0.0, adam_lr_ratio=0.5),
        ref_muon(),
        0.02,
    ),
}


def _make_vars():
    return [keras_core.Variable(W0, name="kernel"), keras_core.Variable(B0, name="bias")]


def _numpy_run(ref, lr, steps=len(GRADS), weight_decay=None):
    ws = [W0.astype("float64"), B0.astype("float64")]
    shared = {"prod": [1.0], "prod_t": [0]}
    states = [dict(shared), dict(shared)]
    for s in states:
        s["prod"], s["prod_t"] = shared["prod"], shared["prod_t"]
    for t in range(1, steps + 1):
        for i in range(2):
            if weight_decay:
                ws[i] = ws[i] - ws[i] * weight_decay * lr
            ws[i] = ref(states[i], ws[i], GRADS[t - 1][i].astype("float64"), lr, t)
    return ws


@pytest.mark.parametrize("case", sorted(CASES))
def test_update_matches_numpy(case):
    make, ref, lr = CASES[case]
    opt = make()
    variables = _make_vars()
    for g in GRADS:
        opt.apply(list(g), variables)
    expected = _numpy_run(ref, lr)
    for v, e in zip(variables, expected):
        np.testing.assert_allclose(v.numpy(), e, rtol=2e-5, atol=2e-6)
    assert int(opt.iterations.numpy()) == len(GRADS)


@pytest.mark.parametrize("case", sorted(CASES))
def test_stateless_apply_equals_apply(case):
    make, _, _ = CASES[case]
    opt_a, opt_b = make(), make()
    va, vb = _make_vars(), _make_vars()
    opt_b.build(vb)
    opt_values = [v.value for v in opt_b.variables]
    train_values = [v.value for v in vb]
    for g in GRADS:
        opt_a.apply(list(g), va)
        train_values, opt_values = opt_b.stateless_apply(opt_values, list(g), train_values)
    # stateless_apply changed nothing.
    np.testing.assert_array_equal(vb[0].numpy(), W0)
    assert int(opt_b.iterations.numpy()) == 0
    for v, new in zip(va, train_values):
        np.testing.assert_allclose(v.numpy(), backend.convert_to_numpy(new), rtol=1e-6, atol=1e-7)
    for v, new in zip(opt_a.variables, opt_values):
        np.testing.assert_allclose(v.numpy(), backend.convert_to_numpy(new), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("case", sorted(CASES))
def test_config_round_trip(case):
    make, _, _ = CASES[case]
    opt = make()
    config = optimizers.serialize(opt)
    assert config["module"] == "keras.optimizers"
    clone = optimizers.deserialize(config)
    assert type(clone) is type(opt)
    assert clone.get_config() == opt.get_config()


def test_adam_variables_follow_keras3_layout():
    opt = optimizers.Adam()
    with keras_core.name_scope("dense"):
        variables = [keras_core.Variable(W0, name="kernel"), keras_core.Variable(B0, name="bias")]
    opt.build(variables)
    assert [v.path for v in opt.variables] == [
        "adam/iteration",
        "adam/learning_rate",
        "adam/dense_kernel_momentum",
        "adam/dense_kernel_velocity",
        "adam/dense_bias_momentum",
        "adam/dense_bias_velocity",
    ]
    assert backend.standardize_dtype(opt.iterations.dtype) == "int32"
    config = opt.get_config()
    assert list(config)[:11] == [
        "name",
        "learning_rate",
        "weight_decay",
        "clipnorm",
        "global_clipnorm",
        "clipvalue",
        "use_ema",
        "ema_momentum",
        "ema_overwrite_frequency",
        "loss_scale_factor",
        "gradient_accumulation_steps",
    ]
    assert config["learning_rate"] == float(np.float32(0.001))


def test_weight_decay_and_exclusion():
    opt = optimizers.AdamW(0.05, weight_decay=0.1)
    variables = _make_vars()
    opt.exclude_from_weight_decay(var_names=["bias"])
    for g in GRADS:
        opt.apply(list(g), variables)
    ref = ref_adam()
    ws = [W0.astype("float64"), B0.astype("float64")]
    states = [{}, {}]
    for t in range(1, len(GRADS) + 1):
        ws[0] = ws[0] - ws[0] * 0.1 * 0.05
        for i in range(2):
            ws[i] = ref(states[i], ws[i], GRADS[t - 1][i].astype("float64"), 0.05, t)
    for v, e in zip(variables, ws):
        np.testing.assert_allclose(v.numpy(), e, rtol=2e-5, atol=2e-6)
    with pytest.raises(ValueError, match="before the optimizer is built"):
        opt.exclude_from_weight_decay(var_names=["kernel"])
    with pytest.raises(ValueError, match="weight_decay"):
        optimizers.AdamW(weight_decay=None)


@pytest.mark.parametrize(
    "kwargs, transform",
    [
        ({"clipvalue": 0.5}, lambda gs: [np.clip(g, -0.5, 0.5) for g in gs]),
        ({"clipnorm": 0.5}, lambda gs: [g * 0.5 / max(np.linalg.norm(g), 0.5) for g in gs]),
        (
            {"global_clipnorm": 0.5},
            lambda gs: [g * 0.5 / max(np.sqrt(sum(np.sum(x * x) for x in gs)), 0.5) for g in gs],
        ),
        ({"loss_scale_factor": 4.0}, lambda gs: [g / 4.0 for g in gs]),
    ],
)
def test_gradient_transforms(kwargs, transform):
    opt = optimizers.SGD(0.1, **kwargs)
    variables = _make_vars()
    g = [x.astype("float64") for x in GRADS[0]]
    opt.apply(list(GRADS[0]), variables)
    for v, w0, gt in zip(variables, (W0, B0), transform(g)):
        np.testing.assert_allclose(v.numpy(), w0 - 0.1 * gt, rtol=1e-5, atol=1e-6)
    if "loss_scale_factor" in kwargs:
        assert float(backend.convert_to_numpy(opt.scale_loss(2.0))) == 8.0


def test_only_one_clipping_option():
    with pytest.raises(ValueError, match="Only one of"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)


def test_gradient_accumulation():
    opt = optimizers.SGD(0.1, gradient_accumulation_steps=2)
    variables = _make_vars()
    for g in GRADS:
        opt.apply(list(g), variables)
    expected = [W0.astype("float64"), B0.astype("float64")]
    for k in (0, 2):
        for i in range(2):
            expected[i] = expected[i] - 0.1 * (GRADS[k][i] + GRADS[k + 1][i]) / 2
    for v, e in zip(variables, expected):
        np.testing.assert_allclose(v.numpy(), e, rtol=1e-5, atol=1e-6)
    assert int(opt.iterations.numpy()) == 4
    # The accumulators are reset after each applied step.
    acc = [v for v in opt.variables if v.path.endswith("gradient_accumulator")]
    assert len(acc) == 2 and all(np.all(a.numpy() == 0) for a in acc)
    with pytest.raises(ValueError, match="gradient_accumulation_steps"):
        optimizers.SGD(gradient_accumulation_steps=1)


def test_ema_and_overwrite():
    opt = optimizers.SGD(0.1, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=3)
    v = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    g = np.array([1.0, -1.0], "float32")
    w = np.array([1.0, 2.0])
    avg = None
    for it in range(3):
        w = w - 0.1 * g
        avg = w.copy() if it == 0 else 0.5 * avg + 0.5 * w
        opt.apply([g], [v])
        if it < 2:
            np.testing.assert_allclose(v.numpy(), w, rtol=1e-6)
    # At the third iteration the variable is overwritten with its average.
    np.testing.assert_allclose(v.numpy(), avg, rtol=1e-6)
    averages = [x for x in opt.variables if x.path.endswith("_average")]
    np.testing.assert_allclose(averages[0].numpy(), avg, rtol=1e-6)
    opt2 = optimizers.SGD(0.1, use_ema=True, ema_momentum=0.5)
    v2 = keras_core.Variable(np.array([1.0, 2.0], "float32"))
    for _ in range(3):
        opt2.apply([g], [v2])
    opt2.finalize_variable_values([v2])
    np.testing.assert_allclose(v2.numpy(), avg, rtol=1e-6)


def test_learning_rate_schedule_and_setter():
    schedule = optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(schedule)
    v = keras_core.Variable(np.array([0.0], "float32"))
    for _ in range(3):
        opt.apply([np.array([1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-(0.1 + 0.05 + 0.025)], rtol=1e-6)
    assert len(opt.variables) == 1  # no learning-rate variable with a schedule
    np.testing.assert_allclose(float(backend.convert_to_numpy(opt.learning_rate)), 0.0125)
    config = optimizers.serialize(opt)
    assert config["config"]["learning_rate"]["class_name"] == "ExponentialDecay"
    clone = optimizers.deserialize(config)
    assert isinstance(clone._learning_rate, optimizers.schedules.ExponentialDecay)
    with pytest.raises(TypeError, match="cannot be set"):
        opt.learning_rate = 0.5

    opt = optimizers.SGD(0.1)
    opt.learning_rate = 0.25
    assert float(opt.learning_rate.numpy()) == 0.25
    opt_callable = optimizers.SGD(lambda: 0.5)
    v = keras_core.Variable(np.array([0.0], "float32"))
    opt_callable.apply([np.array([1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-0.5])


def test_apply_gradients_none_gradients_and_errors():
    opt = optimizers.SGD(0.1)
    variables = _make_vars()
    with pytest.warns(UserWarning, match="Gradients do not exist"):
        opt.apply_gradients([(GRADS[0][0], variables[0]), (None, variables[1])])
    np.testing.assert_array_equal(variables[1].numpy(), B0)
    np.testing.assert_allclose(variables[0].numpy(), W0 - 0.1 * GRADS[0][0], rtol=1e-6)
    other = keras_core.Variable(B0)
    with pytest.raises(KeyError, match="cannot recognize variable"):
        opt.apply([GRADS[0][1]], [other])
    with pytest.raises(ValueError, match="same length"):
        opt.apply([GRADS[0][0]], variables)
    with pytest.raises(ValueError, match="must already be built"):
        optimizers.SGD().apply([GRADS[0][0]])
    with pytest.raises(ValueError, match="stateless_apply"):
        optimizers.SGD().stateless_apply([], [], [])
    with pytest.raises(ValueError, match="not recognized"):
        optimizers.SGD(foo=1)
    with pytest.raises(ValueError, match="`lr`"):
        optimizers.SGD(lr=0.1)
    with pytest.raises(ValueError, match="momentum"):
        optimizers.SGD(momentum=2.0)


def test_save_load_and_set_weights():
    opt = optimizers.Adam(0.05)
    variables = _make_vars()
    opt.apply(list(GRADS[0]), variables)
    store = {}
    opt.save_own_variables(store)
    assert sorted(store, key=int) == [str(i) for i in range(6)]
    fresh = optimizers.Adam(0.05)
    fresh.build(_make_vars())
    fresh.load_own_variables(store)
    for a, b in zip(opt.variables, fresh.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    with pytest.warns(UserWarning, match="Skipping variable loading"):
        optimizers.Adam().load_own_variables(store)
    fresh.set_weights([np.zeros(v.shape) for v in fresh.variables])
    assert int(fresh.iterations.numpy()) == 0
    with pytest.raises(ValueError, match="set_weights"):
        fresh.set_weights([])


def test_get_and_deserialize_names():
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(optimizers.get("SGD"), optimizers.SGD)
    assert isinstance(optimizers.get("AdamW"), optimizers.AdamW)
    opt = optimizers.Nadam()
    assert optimizers.get(opt) is opt
    # Keras 3 files saved on torch name a torch-specific module for Adam.
    config = {
        "module": "keras.src.backend.torch.optimizers.torch_adam",
        "class_name": "Adam",
        "config": {"learning_rate": 0.01},
        "registered_name": "Adam",
    }
    assert isinstance(optimizers.deserialize(config), optimizers.Adam)
    with pytest.raises(ValueError, match="Could not interpret optimizer"):
        optimizers.get("nope")


@keras_core.saving.register_keras_serializable(package="test_opt")
class HalfSGD(optimizers.SGD):
    def update_step(self, gradient, variable, learning_rate):
        super().update_step(keras_core.ops.multiply(gradient, 0.5), variable, learning_rate)


def test_custom_subclass_round_trip_and_no_fused_path():
    opt = HalfSGD(0.2)
    v = keras_core.Variable(np.array([1.0], "float32"))
    opt.apply([np.array([1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [0.9], rtol=1e-6)
    clone = optimizers.deserialize(optimizers.serialize(opt))
    assert type(clone) is HalfSGD


def test_constraints_apply_after_update():
    v = keras_core.Variable(
        np.array([1.0, -1.0], "float32"), constraint=lambda x: keras_core.ops.clip(x, 0.0, 0.95)
    )
    opt = optimizers.Adam(0.1)
    opt.apply([np.array([-1.0, 1.0], "float32")], [v])
    assert float(v.numpy().max()) <= 0.95 and float(v.numpy().min()) >= 0.0


@pytest.mark.skipif(backend.backend() != "torch", reason="the fused path exists on torch only")
@pytest.mark.parametrize(
    "make",
    [
        lambda: optimizers.SGD(0.1),
        lambda: optimizers.SGD(0.1, momentum=0.9),
        lambda: optimizers.SGD(0.1, momentum=0.9, nesterov=True),
        lambda: optimizers.Adam(0.05),
        lambda: optimizers.Adam(0.05, amsgrad=True),
        lambda: optimizers.AdamW(0.05, weight_decay=0.01),
        lambda: optimizers.RMSprop(0.01),
        lambda: optimizers.RMSprop(0.01, momentum=0.5, centered=True),
    ],
)
def test_torch_fused_update_matches_reference(make):
    # SGD and RMSprop are computed operation for operation: identical. Adam's
    # fused kernels (lerp, addcmul, addcdiv) round differently in the last bits.
    exact = not isinstance(make(), optimizers.Adam)
    results = []
    for fused in (True, False):
        opt = make()
        opt._use_fused_update = fused
        assert (opt._fused_update_fn() is not None) == fused
        variables = _make_vars()
        for g in GRADS:
            opt.apply(list(g), variables)
        results.append([v.numpy() for v in variables] + [v.numpy() for v in opt.variables])
    for a, b in zip(*results):
        if exact:
            np.testing.assert_array_equal(a, b)
        else:
            np.testing.assert_allclose(a, b, rtol=2e-6, atol=1e-7)


@pytest.mark.skipif(backend.backend() != "jax", reason="jax.jit of stateless_apply")
def test_stateless_apply_under_jit():
    import jax

    opt = optimizers.Adam(0.05, gradient_accumulation_steps=2, use_ema=True)
    ref = optimizers.Adam(0.05, gradient_accumulation_steps=2, use_ema=True)
    variables, ref_vars = _make_vars(), _make_vars()
    opt.build(variables)
    step = jax.jit(opt.stateless_apply)
    opt_values = [v.value for v in opt.variables]
    train_values = [v.value for v in variables]
    for g in GRADS:
        train_values, opt_values = step(opt_values, list(g), train_values)
        ref.apply(list(g), ref_vars)
    for v, new in zip(ref_vars, train_values):
        np.testing.assert_allclose(v.numpy(), np.asarray(new), rtol=1e-5, atol=1e-6)


@pytest.mark.skipif(backend.backend() != "tensorflow", reason="tf.function of apply")
def test_apply_inside_tf_function():
    import tensorflow as tf

    opt = optimizers.Adam(0.05, gradient_accumulation_steps=2, use_ema=True)
    ref = optimizers.Adam(0.05, gradient_accumulation_steps=2, use_ema=True)
    variables, ref_vars = _make_vars(), _make_vars()
    opt.build(variables)
    step = tf.function(lambda g0, g1: opt.apply([g0, g1], variables))
    for g in GRADS:
        step(tf.constant(g[0]), tf.constant(g[1]))
        ref.apply(list(g), ref_vars)
    for v, r in zip(variables + opt.variables, ref_vars + ref.variables):
        np.testing.assert_allclose(v.numpy(), r.numpy(), rtol=1e-6, atol=1e-7)


def test_muon_routes_variables_and_decays_per_group():
    opt = optimizers.Muon(0.1, weight_decay=0.5, adam_weight_decay=0.25, exclude_layers=["head"])
    with keras_core.name_scope("embedding"):
        emb = keras_core.Variable(W0, name="embeddings")
    with keras_core.name_scope("head"):
        head = keras_core.Variable(W0, name="kernel")
    kernel, bias = _make_vars()
    opt.build([kernel, bias, emb, head])
    assert [opt._should_use_adamw(v) for v in (kernel, bias, emb, head)] == [
        False,
        True,
        True,
        True,
    ]
    # Only the Adam variables get a velocity slot.
    assert [v.path for v in opt.variables[2:5]] == [
        "muon/kernel_momentum",
        "muon/bias_momentum",
        "muon/bias_velocity",
    ]
    zero = [np.zeros_like(W0), np.zeros_like(B0), np.zeros_like(W0), np.zeros_like(W0)]
    opt.apply(zero, [kernel, bias, emb, head])
    np.testing.assert_allclose(kernel.numpy(), W0 * (1 - 0.1 * 0.5), rtol=1e-6)
    np.testing.assert_allclose(bias.numpy(), B0 * (1 - 0.1 * 0.25), rtol=1e-6)
    np.testing.assert_allclose(emb.numpy(), W0 * (1 - 0.1 * 0.25), rtol=1e-6)
