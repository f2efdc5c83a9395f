"""RNN, SimpleRNN, LSTM, GRU and StackedRNNCells: the layer harness, NumPy references of
whole step sequences, masks (right- and left-padded, holes), go_backwards, return_state,
initial states, stateful layers, unrolling, dropout, user cells, compiled calls, errors."""

import numpy as np
import pytest

from conformance.references.layers import recurrent as recurrent_ref
from keras_core import backend, layers, models, ops
from keras_core.testing import run_layer_test


def to_np(x):
    return np.asarray(backend.convert_to_numpy(x))


# ---------------------------------------------------------------------------
# NumPy references: one step of each cell, and the masked time loop. The formulas
# live once, in conformance/references/layers/recurrent.py; these adapters give them
# the (x, states, weights) form the tests below use.


def np_simple_step(x, states, w, activation="tanh"):
    return recurrent_ref.simple_rnn_step({"activation": activation}, w, x, states)


def np_lstm_step(x, states, w):
    return recurrent_ref.lstm_step({}, w, x, states)


def np_gru_step(x, states, w, reset_after=True):
    return recurrent_ref.gru_step({"reset_after": reset_after}, w, x, states)


def np_rnn(step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """(outputs (batch, time, ...), final states): masked steps keep the states and
    repeat the previous output (zeros before the first step), as Keras does."""
    outputs, _, final = recurrent_ref.time_loop(
        step,
        np.asarray(x, np.float64),
        [np.asarray(s, np.float64) for s in states],
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output_for_mask,
    )
    return outputs, final


def rand(shape, seed=0, scale=1.0):
    return (np.random.default_rng(seed).uniform(-1, 1, shape) * scale).astype("float32")


def fixed_weights(layer, seed=1, scale=0.5):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-scale, scale, w.shape).astype("float32") for w in layer.weights]


STEPS = {
    "SimpleRNN": np_simple_step,
    "LSTM": np_lstm_step,
    "GRU": np_gru_step,
}


def np_layer_step(layer_cls, kwargs):
    if layer_cls is layers.GRU:
        return lambda x, s, w: np_gru_step(x, s, w, kwargs.get("reset_after", True))
    return STEPS[layer_cls.__name__]


def n_states(layer_cls):
    return 2 if layer_cls is layers.LSTM else 1


# ---------------------------------------------------------------------------
# The layer harness, with NumPy references of the whole sequence.

HARNESS = [
    (layers.SimpleRNN, {"units": 3}),
    (layers.SimpleRNN, {"units": 3, "return_sequences": True, "go_backwards": True}),
    (layers.LSTM, {"units": 3, "return_sequences": True}),
    (layers.LSTM, {"units": 2, "go_backwards": True}),
    (layers.GRU, {"units": 3, "return_sequences": True}),
    (layers.GRU, {"units": 3, "reset_after": False}),
]


@pytest.mark.parametrize(
    "layer_cls,kwargs", HARNESS, ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(HARNESS)]
)
def test_harness_with_numpy_reference(layer_cls, kwargs):
    units = kwargs["units"]
    step = np_layer_step(layer_cls, kwargs)

    def reference(x, w):
        init = [np.zeros((x.shape[0], units))] * n_states(layer_cls)
        outs, _ = np_rnn(
            lambda xt, s: step(xt, s, w), x, init, go_backwards=kwargs.get("go_backwards", False)
        )
        return outs if kwargs.get("return_sequences") else outs[:, -1]

    steps_out = (2, 4, units) if kwargs.get("return_sequences") else (2, units)
    run_layer_test(
        layer_cls,
        init_kwargs=kwargs,
        input_shape=(2, 4, 3),
        expected_output_shape=steps_out,
        expected_output_dtype="float32",
        expected_num_trainable_weights=3,
        expected_num_non_trainable_weights=0,
        expected_num_seed_generators=1,
        supports_masking=True,
        reference=reference,
        atol=1e-5,
        rtol=1e-5,
    )


def test_weight_names_shapes_and_order_match_keras3():
    x = rand((2, 4, 5))
    expected = {
        layers.SimpleRNN(3): ("simple_rnn_cell", [(5, 3), (3, 3), (3,)]),
        layers.LSTM(3): ("lstm_cell", [(5, 12), (3, 12), (12,)]),
        layers.GRU(3): ("gru_cell", [(5, 9), (3, 9), (2, 9)]),
        layers.GRU(3, reset_after=False): ("gru_cell", [(5, 9), (3, 9), (9,)]),
    }
    for layer, (cell_name, shapes) in expected.items():
        layer(x)
        paths = [w.path for w in layer.weights]
        assert paths == [
            f"{layer.name}/{cell_name}/{n}" for n in ("kernel", "recurrent_kernel", "bias")
        ]
        assert [tuple(w.shape) for w in layer.weights] == shapes


def test_lstm_unit_forget_bias_initializes_forget_gate_to_one():
    layer = layers.LSTM(2, bias_initializer="zeros")
    layer(rand((1, 2, 3)))
    np.testing.assert_array_equal(to_np(layer.cell.bias), [0, 0, 1, 1, 0, 0, 0, 0])
    layer = layers.LSTM(2, unit_forget_bias=False)
    layer(rand((1, 2, 3)))
    np.testing.assert_array_equal(to_np(layer.cell.bias), np.zeros(8))


# ---------------------------------------------------------------------------
# Masks


RIGHT = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
LEFT = np.array([[0, 0, 1, 1, 1], [0, 1, 1, 1, 1]], bool)
HOLES = np.array([[1, 0, 1, 0, 1], [0, 1, 1, 0, 0]], bool)


@pytest.mark.parametrize("layer_cls", [layers.SimpleRNN, layers.LSTM, layers.GRU])
@pytest.mark.parametrize("mask_name", ["right", "left", "holes"])
def test_masked_sequences_match_numpy(layer_cls, mask_name):
    mask = {"right": RIGHT, "left": LEFT, "holes": HOLES}[mask_name]
    x = rand((2, 5, 3))
    layer = layer_cls(3, return_sequences=True, return_state=True)
    layer(x)
    w = fixed_weights(layer)
    layer.set_weights(w)
    out = layer(x, mask=mask)
    step = np_layer_step(layer_cls, {})
    init = [np.zeros((2, 3))] * n_states(layer_cls)
    ref_outs, ref_states = np_rnn(lambda xt, s: step(xt, s, w), x, init, mask=mask)
    np.testing.assert_allclose(to_np(out[0]), ref_outs, atol=1e-5)
    for got, want in zip(out[1:], ref_states):
        np.testing.assert_allclose(to_np(got), want, atol=1e-5)


@pytest.mark.parametrize("layer_cls", [layers.LSTM, layers.GRU])
def test_padding_does_not_change_final_state(layer_cls):
    # A right-padded and a left-padded copy of a 3-step sequence end in its unpadded state.
    x = rand((1, 3, 2))
    pad = np.full((1, 2, 2), 7.0, "float32")  # garbage in the padded steps
    layer = layer_cls(4)
    plain = to_np(layer(x))
    right = to_np(layer(np.concatenate([x, pad], 1), mask=np.array([[1, 1, 1, 0, 0]], bool)))
    left = to_np(layer(np.concatenate([pad, x], 1), mask=np.array([[0, 0, 1, 1, 1]], bool)))
    np.testing.assert_allclose(right, plain, atol=1e-6)
    np.testing.assert_allclose(left, plain, atol=1e-6)


def test_zero_output_for_mask_and_output_mask():
    x = rand((2, 5, 3))
    layer = layers.GRU(2, return_sequences=True, zero_output_for_mask=True)
    out = to_np(layer(x, mask=HOLES))
    assert np.all(out[~HOLES] == 0)
    assert np.all(np.abs(out[HOLES]).sum(-1) > 0)
    m = layer.compute_mask(x, ops.convert_to_tensor(HOLES))
    np.testing.assert_array_equal(to_np(m), HOLES)
    assert layers.GRU(2).compute_mask(x, ops.convert_to_tensor(HOLES)) is None
    state_masks = layers.LSTM(2, return_state=True).compute_mask(x, HOLES)
    assert state_masks == [None, None, None]


def test_embedding_mask_flows_through_a_functional_model():
    tokens = np.array([[3, 5, 2, 0, 0], [0, 0, 4, 1, 6]], "int32")
    inputs = layers.Input((5,), dtype="int32")
    emb = layers.Embedding(8, 3, mask_zero=True)
    lstm = layers.LSTM(4)
    model = models.Model(inputs, lstm(emb(inputs)))
    got = to_np(model(tokens))
    # The same LSTM on the unpadded rows gives the same result.
    first = to_np(lstm(emb(tokens[:1, :3])))
    second = to_np(lstm(emb(tokens[1:, 2:])))
    np.testing.assert_allclose(got, np.concatenate([first, second]), atol=1e-6)


# ---------------------------------------------------------------------------
# Direction, states, unrolling


def test_go_backwards_equals_forward_on_reversed_input():
    x = rand((2, 5, 3))
    fwd = layers.LSTM(3, return_sequences=True)
    bwd = layers.LSTM(3, return_sequences=True, go_backwards=True)
    fwd(x)
    bwd(x)
    bwd.set_weights(fwd.get_weights())
    np.testing.assert_allclose(to_np(bwd(x)), to_np(fwd(x[:, ::-1])), atol=1e-6)
    # The mask is reversed with the steps.
    np.testing.assert_allclose(
        to_np(bwd(x, mask=LEFT)), to_np(fwd(x[:, ::-1], mask=LEFT[:, ::-1])), atol=1e-6
    )


@pytest.mark.parametrize("layer_cls", [layers.SimpleRNN, layers.LSTM, layers.GRU])
def test_unroll_matches_scan(layer_cls):
    x = rand((2, 4, 3))
    scanned = layer_cls(3, return_sequences=True, return_state=True)
    unrolled = layer_cls(3, return_sequences=True, return_state=True, unroll=True)
    scanned(x)
    unrolled(x)
    unrolled.set_weights(scanned.get_weights())
    for a, b in zip(scanned(x, mask=HOLES[:, :4]), unrolled(x, mask=HOLES[:, :4])):
        np.testing.assert_allclose(to_np(a), to_np(b), atol=1e-6)


def test_return_state_and_initial_state():
    x = rand((2, 4, 3))
    layer = layers.LSTM(3, return_state=True)
    out, h, c = layer(x)
    np.testing.assert_allclose(to_np(out), to_np(h))
    h0, c0 = rand((2, 3), 5), rand((2, 3), 6)
    out2, h2, c2 = layer(x, initial_state=[h0, c0])
    w = layer.get_weights()
    _, ref = np_rnn(lambda xt, s: np_lstm_step(xt, s, w), x, [h0, c0])
    np.testing.assert_allclose(to_np(h2), ref[0], atol=1e-5)
    np.testing.assert_allclose(to_np(c2), ref[1], atol=1e-5)
    with pytest.raises(ValueError, match="expects 2 initial state"):
        layer(x, initial_state=[h0])
    gru = layers.GRU(3)
    np.testing.assert_allclose(
        to_np(gru(x, initial_state=h0)), to_np(gru(x, initial_state=[h0])), atol=1e-7
    )


def test_initial_state_in_functional_model():
    seq = layers.Input((4, 3))
    h0 = layers.Input((2,))
    c0 = layers.Input((2,))
    lstm = layers.LSTM(2)
    model = models.Model([seq, h0, c0], lstm(seq, initial_state=[h0, c0]))
    x, a, b = rand((2, 4, 3)), rand((2, 2), 1), rand((2, 2), 2)
    np.testing.assert_allclose(
        to_np(model([x, a, b])), to_np(lstm(x, initial_state=[a, b])), atol=1e-6
    )


def test_stateful_carries_states_and_reset_states_zeroes_them():
    x = rand((2, 6, 3))
    stateful = layers.GRU(3, stateful=True)
    plain = layers.GRU(3)
    stateful(x[:, :3])
    plain(x)
    stateful.reset_states()
    plain.set_weights(stateful.get_weights())
    assert len(stateful.weights) == 3  # the states are not weights (as in Keras 3)
    stateful(x[:, :3])
    np.testing.assert_allclose(to_np(stateful(x[:, 3:])), to_np(plain(x)), atol=1e-6)
    stateful.reset_states()
    np.testing.assert_array_equal(to_np(stateful.states[0]), np.zeros((2, 3)))
    np.testing.assert_allclose(to_np(stateful(x[:, :3])), to_np(plain(x[:, :3])), atol=1e-6)


def test_stateful_needs_a_static_batch_size():
    with pytest.raises(ValueError, match="static batch size"):
        layers.LSTM(2, stateful=True)(layers.Input((4, 3)))
    out = layers.LSTM(2, stateful=True)(layers.Input((4, 3), batch_size=5))
    assert out.shape == (5, 2)


# ---------------------------------------------------------------------------
# Dropout


def test_dropout_only_in_training_and_one_mask_per_sequence():
    # Identity kernel, zero recurrence, linear activation: each output step is the
    # dropped-out input step, so the dropped units must be the same at every step.
    layer = layers.SimpleRNN(
        4, activation=None, dropout=0.5, return_sequences=True, use_bias=False, seed=3
    )
    x = np.ones((3, 5, 4), "float32")
    layer(x)
    layer.set_weights([np.eye(4, dtype="float32"), np.zeros((4, 4), "float32")])
    np.testing.assert_array_equal(to_np(layer(x)), x)
    out = to_np(layer(x, training=True))
    assert set(np.unique(out)) <= {0.0, 2.0}
    for t in range(1, 5):
        np.testing.assert_array_equal(out[:, t], out[:, 0])
    assert 0 < (out == 0).mean() < 1
    assert layer.cell._dropout_mask is None  # cleared after the call


@pytest.mark.parametrize("layer_cls", [layers.SimpleRNN, layers.LSTM, layers.GRU])
def test_recurrent_dropout_trains(layer_cls):
    run_layer_test(
        layer_cls,
        init_kwargs={"units": 3, "dropout": 0.2, "recurrent_dropout": 0.3, "seed": 1},
        input_shape=(2, 4, 3),
        expected_output_shape=(2, 3),
        expected_num_seed_generators=1,
        training=True,
    )


def test_dropout_in_stacked_cells():
    cells = [layers.LSTMCell(3, dropout=0.5, seed=1), layers.GRUCell(2, recurrent_dropout=0.5)]
    layer = layers.RNN(cells, return_sequences=True)
    x = rand((2, 4, 3))
    a = to_np(layer(x))
    np.testing.assert_array_equal(a, to_np(layer(x)))
    assert not np.allclose(a, to_np(layer(x, training=True)))


# ---------------------------------------------------------------------------
# RNN over any cell


class MinimalCell(layers.Layer):
    """A user cell: two states of different sizes, an output of a third size."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, 2 * units]
        self.output_size = 1

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.mix = self.add_weight(shape=(3 * self.units, 2 * self.units), name="mix")

    def call(self, inputs, states):
        a, b = states
        a = ops.tanh(ops.matmul(inputs, self.kernel) + a[:, :1])
        b = ops.tanh(ops.matmul(ops.concatenate([a, b], -1), self.mix))
        return ops.sum(b, axis=-1, keepdims=True), [a, b]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def np_minimal_step(x, states, w):
    kernel, mix = w
    a, b = states
    a = np.tanh(x @ kernel + a[:, :1])
    b = np.tanh(np.concatenate([a, b], -1) @ mix)
    return b.sum(-1, keepdims=True), [a, b]


def test_rnn_over_a_user_cell_with_masks_and_states():
    x = rand((2, 5, 3))
    layer = layers.RNN(MinimalCell(2), return_sequences=True, return_state=True)
    out, a, b = layer(x, mask=LEFT)
    assert tuple(out.shape) == (2, 5, 1)
    assert tuple(a.shape) == (2, 2) and tuple(b.shape) == (2, 4)
    w = layer.get_weights()
    init = [np.zeros((2, 2)), np.zeros((2, 4))]
    ref_out, ref_states = np_rnn(lambda xt, s: np_minimal_step(xt, s, w), x, init, mask=LEFT)
    np.testing.assert_allclose(to_np(out), ref_out, atol=1e-5)
    np.testing.assert_allclose(to_np(b), ref_states[1], atol=1e-5)
    assert layer.compute_output_shape((None, 5, 3)) == ((None, 5, 1), (None, 2), (None, 4))


def test_rnn_user_cell_harness_and_config():
    run_layer_test(
        layers.RNN,
        init_kwargs={"cell": MinimalCell(3), "return_sequences": True},
        input_shape=(2, 4, 3),
        expected_output_shape=(2, 4, 1),
        expected_num_trainable_weights=2,
        custom_objects={"MinimalCell": MinimalCell},
    )


def test_stacked_cells_match_numpy_and_nest_states():
    x = rand((2, 4, 3))
    layer = layers.RNN(
        [layers.LSTMCell(3), layers.GRUCell(2, reset_after=False)],
        return_sequences=True,
        return_state=True,
    )
    out, lstm_states, gru_state = layer(x)
    assert layer.cell.state_size == [[3, 3], 2]
    assert isinstance(lstm_states, list) and len(lstm_states) == 2
    w = layer.get_weights()

    def step(xt, s):
        h, lstm = np_lstm_step(xt, s[:2], w[:3])
        y, gru = np_gru_step(h, s[2:], w[3:], reset_after=False)
        return y, lstm + gru

    init = [np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((2, 2))]
    ref_out, ref_states = np_rnn(step, x, init)
    np.testing.assert_allclose(to_np(out), ref_out, atol=1e-5)
    np.testing.assert_allclose(to_np(gru_state), ref_states[2], atol=1e-5)
    run_layer_test(
        layers.RNN,
        init_kwargs={"cell": [layers.SimpleRNNCell(3), layers.LSTMCell(2)]},
        input_shape=(2, 4, 3),
        expected_output_shape=(2, 2),
        expected_num_trainable_weights=6,
        expected_num_seed_generators=2,
    )


def test_cells_step_by_step():
    x = rand((2, 3))
    for cell, states in [
        (layers.SimpleRNNCell(4), [np.zeros((2, 4), "float32")]),
        (layers.LSTMCell(4), [rand((2, 4), 1), rand((2, 4), 2)]),
        (layers.GRUCell(4), [rand((2, 4), 1)]),
        (layers.GRUCell(4, reset_after=False), [rand((2, 4), 1)]),
    ]:
        out, new = cell(x, states)
        w = cell.get_weights()
        if isinstance(cell, layers.LSTMCell):
            ref_out, ref_new = np_lstm_step(x, states, w)
        elif isinstance(cell, layers.GRUCell):
            ref_out, ref_new = np_gru_step(x, states, w, cell.reset_after)
        else:
            ref_out, ref_new = np_simple_step(x, states, w)
        np.testing.assert_allclose(to_np(out), ref_out, atol=1e-5)
        for a, b in zip(new, ref_new):
            np.testing.assert_allclose(to_np(a), b, atol=1e-5)
        assert len(cell.get_initial_state(2)) == len(states)


# ---------------------------------------------------------------------------
# Compiled calls and gradients


@pytest.mark.skipif(
    backend.backend() == "numpy", reason="the numpy backend has no compiled mode or gradients"
)
def test_runs_compiled_on_the_backend():
    layer = layers.LSTM(3, return_sequences=True)
    x = rand((2, 4, 3))
    eager = to_np(layer(x, mask=RIGHT[:, :4]))
    mask = ops.convert_to_tensor(RIGHT[:, :4])
    name = backend.backend()
    if name == "jax":
        import jax

        tv = [v.value for v in layer.trainable_variables]
        ntv = [v.value for v in layer.non_trainable_variables]
        fn = jax.jit(lambda t, n, a, m: layer.stateless_call(t, n, a, mask=m)[0])
        compiled = fn(tv, ntv, x, mask)
    elif name == "tensorflow":
        import tensorflow as tf

        fn = tf.function(
            lambda a, m: layer(a, mask=m),
            input_signature=[
                tf.TensorSpec((None, None, 3), "float32"),
                tf.TensorSpec((None, None), "bool"),
            ],
        )
        compiled = fn(x, mask)
    elif name == "torch":
        import torch

        xt = torch.tensor(x, requires_grad=True)
        compiled = layer(xt, mask=mask)
        compiled.sum().backward()
        assert xt.grad is not None and xt.grad.abs().sum() > 0
        assert all(v.value.grad is not None for v in layer.trainable_variables)
    else:
        pytest.fail(f"unexpected backend {name}")
    np.testing.assert_allclose(to_np(compiled), eager, atol=1e-6)


# ---------------------------------------------------------------------------
# Config and errors


def test_config_round_trip_keeps_every_argument():
    layer = layers.LSTM(
        3,
        activation="relu",
        recurrent_activation="hard_sigmoid",
        use_bias=False,
        unit_forget_bias=False,
        dropout=0.1,
        recurrent_dropout=0.2,
        seed=4,
        return_sequences=True,
        return_state=True,
        go_backwards=True,
        unroll=True,
        zero_output_for_mask=True,
        kernel_regularizer="l2",
    )
    config = layer.get_config()
    assert "cell" not in config
    for key in ("units", "recurrent_activation", "seed", "zero_output_for_mask", "unroll"):
        assert key in config
    clone = layers.LSTM.from_config(config)
    assert clone.get_config() == config
    revived = layers.deserialize(layers.serialize(layers.GRU(2, reset_after=False)))
    assert isinstance(revived, layers.GRU) and revived.reset_after is False
    rnn = layers.RNN([layers.LSTMCell(2), layers.SimpleRNNCell(3)], go_backwards=True)
    revived = layers.deserialize(layers.serialize(rnn))
    assert [type(c).__name__ for c in revived.cell.cells] == ["LSTMCell", "SimpleRNNCell"]
    assert revived.go_backwards


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="units"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="dropout"):
        layers.GRU(2, dropout=1.5)
    with pytest.raises(ValueError, match="state_size"):
        layers.RNN(layers.Dense(2))
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(2, use_cudnn=True)
    with pytest.raises(
        ValueError, match=r'layer "lstm_2d".*min_ndim=3.*Full shape received: \(2, 3\)'
    ):
        layers.LSTM(2, name="lstm_2d")(rand((2, 3)))
    unrolled = layers.SimpleRNN(2, unroll=True)
    with pytest.raises(ValueError, match="unroll"):
        unrolled(layers.Input((None, 3)))
