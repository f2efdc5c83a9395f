"""NumPy references of the recurrent layers, their cells and the sequence wrappers.

SimpleRNN, LSTM, GRU (``reset_after`` both ways), ConvLSTM1D/2D/3D, their cells,
``RNN(cell)`` (a cell, a list of cells or ``StackedRNNCells``), ``StackedRNNCells``,
``Bidirectional`` and ``TimeDistributed``, in float64.

The time loop follows Keras: ``go_backwards`` processes the steps last to first and
returns the sequence in that processing order; a masked step keeps the states and
repeats the previous output (zeros before the first step), or outputs zeros with
``zero_output_for_mask=True`` (the last output is still the carried one).
``Bidirectional`` runs its backward layer with the opposite direction, flips its
sequence back to time order and sets ``zero_output_for_mask`` to
``return_sequences`` on both directions. Inner layers arrive as
``{"class_name": ..., "config": ...}`` dicts.
"""

import numpy as np

from conformance.references.conv import conv as _conv


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


ACTIVATIONS = {
    None: lambda x: x,
    "linear": lambda x: x,
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "relu": lambda x: np.maximum(x, 0.0),
    "hard_sigmoid": lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
    "softsign": lambda x: x / (1.0 + np.abs(x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
    "silu": lambda x: x * sigmoid(x),
    "swish": lambda x: x * sigmoid(x),
}


def activation(name):
    """The NumPy function of a Keras activation name."""
    if name not in ACTIVATIONS:
        raise ValueError(
            f"No NumPy reference for activation {name!r}. Known: {sorted(map(str, ACTIVATIONS))}"
        )
    return ACTIVATIONS[name]


def inner_layer(spec):
    """``(class_name, config)`` of a nested ``{"class_name", "config"}`` layer dict."""
    if not isinstance(spec, dict) or "class_name" not in spec:
        raise ValueError(f"Expected a {{'class_name', 'config'}} layer dict. Received: {spec!r}")
    return spec["class_name"], dict(spec.get("config", {}))


# ---------------------------------------------------------------------------
# Cells: weights, state shapes and one step.


def _gates(config, n):
    units = int(config["units"])
    return units, n * units


def _dense_cell_weights(n_gates):
    def weights(config, input_shapes):
        units, width = _gates(config, n_gates)
        dim = input_shapes[0][-1]
        out = [("kernel", (dim, width)), ("recurrent_kernel", (units, width))]
        if config.get("use_bias", True):
            if n_gates == 3 and config.get("reset_after", True):
                out.append(("bias", (2, width)))
            else:
                out.append(("bias", (width,)))
        return out

    return weights


def simple_rnn_step(config, weights, x, states):
    kernel, recurrent, *bias = weights
    z = x @ kernel + states[0] @ recurrent
    if bias:
        z = z + bias[0]
    h = activation(config.get("activation", "tanh"))(z)
    return h, [h]


def lstm_step(config, weights, x, states):
    kernel, recurrent, *bias = weights
    act = activation(config.get("activation", "tanh"))
    rec = activation(config.get("recurrent_activation", "sigmoid"))
    h_prev, c_prev = states
    z = x @ kernel + h_prev @ recurrent
    if bias:
        z = z + bias[0]
    i, f, cand, o = np.split(z, 4, axis=-1)
    c = rec(f) * c_prev + rec(i) * act(cand)
    h = rec(o) * act(c)
    return h, [h, c]


def gru_step(config, weights, x, states):
    kernel, recurrent, *bias = weights
    act = activation(config.get("activation", "tanh"))
    rec = activation(config.get("recurrent_activation", "sigmoid"))
    h_prev = states[0]
    u = recurrent.shape[0]
    if config.get("reset_after", True):
        b_in, b_rec = (bias[0][0], bias[0][1]) if bias else (0.0, 0.0)
        xz = x @ kernel + b_in
        hz = h_prev @ recurrent + b_rec
        z = rec(xz[:, :u] + hz[:, :u])
        r = rec(xz[:, u : 2 * u] + hz[:, u : 2 * u])
        cand = act(xz[:, 2 * u :] + r * hz[:, 2 * u :])
    else:
        xz = x @ kernel + (bias[0] if bias else 0.0)
        z = rec(xz[:, :u] + h_prev @ recurrent[:, :u])
        r = rec(xz[:, u : 2 * u] + h_prev @ recurrent[:, u : 2 * u])
        cand = act(xz[:, 2 * u :] + (r * h_prev) @ recurrent[:, 2 * u :])
    h = z * h_prev + (1.0 - z) * cand
    return h, [h]


def _conv_settings(config, rank):
    def tup(key, default):
        v = config.get(key, default)
        return tuple(v) if isinstance(v, (list, tuple)) else (v,) * rank

    return {
        "kernel_size": tup("kernel_size", None),
        "strides": tup("strides", 1),
        "dilation": tup("dilation_rate", 1),
        "padding": config.get("padding", "valid").lower(),
        "data_format": config.get("data_format") or "channels_last",
    }


def _conv_lstm_rank(config):
    return int(config["rank"])


def conv_lstm_cell_weights(config, input_shapes):
    rank = _conv_lstm_rank(config)
    s = _conv_settings(config, rank)
    shape = input_shapes[0]
    channels = shape[-1] if s["data_format"] == "channels_last" else shape[1]
    filters = int(config["filters"])
    out = [
        ("kernel", s["kernel_size"] + (channels, 4 * filters)),
        ("recurrent_kernel", s["kernel_size"] + (filters, 4 * filters)),
    ]
    if config.get("use_bias", True):
        out.append(("bias", (4 * filters,)))
    return out


def conv_lstm_step(config, weights, x, states):
    rank = _conv_lstm_rank(config)
    s = _conv_settings(config, rank)
    kernel, recurrent, *bias = weights
    fmt = s["data_format"]
    z = _conv(x, kernel, s["strides"], s["padding"], fmt, s["dilation"])
    if bias:
        shape = (-1,) if fmt == "channels_last" else (-1,) + (1,) * rank
        z = z + bias[0].reshape(shape)
    z = z + _conv(states[0], recurrent, 1, "same", fmt, 1)
    axis = -1 if fmt == "channels_last" else 1
    i, f, cand, o = np.split(z, 4, axis=axis)
    act = activation(config.get("activation", "tanh"))
    rec = activation(config.get("recurrent_activation", "sigmoid"))
    c = rec(f) * states[1] + rec(i) * act(cand)
    h = rec(o) * act(c)
    return h, [h, c]


def _conv_out_len(n, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == "same":
        return -(-n // stride)
    return (n - eff) // stride + 1


def conv_lstm_state_shape(config, step_shape):
    rank = _conv_lstm_rank(config)
    s = _conv_settings(config, rank)
    fmt = s["data_format"]
    spatial = step_shape[1:-1] if fmt == "channels_last" else step_shape[2:]
    out = tuple(
        _conv_out_len(n, k, st, d, s["padding"])
        for n, k, st, d in zip(spatial, s["kernel_size"], s["strides"], s["dilation"])
    )
    filters = int(config["filters"])
    return out + (filters,) if fmt == "channels_last" else (filters,) + out


# class name -> (weights fn, step fn, number of states, state shape fn(config, step_shape))
CELLS = {
    "SimpleRNNCell": (
        _dense_cell_weights(1),
        simple_rnn_step,
        1,
        lambda c, s: (int(c["units"]),),
    ),
    "LSTMCell": (_dense_cell_weights(4), lstm_step, 2, lambda c, s: (int(c["units"]),)),
    "GRUCell": (_dense_cell_weights(3), gru_step, 1, lambda c, s: (int(c["units"]),)),
    "ConvLSTMCell": (conv_lstm_cell_weights, conv_lstm_step, 2, conv_lstm_state_shape),
}

# RNN layer class name -> the class of its cell (the layer's config is the cell's config).
LAYER_CELLS = {
    "SimpleRNN": "SimpleRNNCell",
    "LSTM": "LSTMCell",
    "GRU": "GRUCell",
    "ConvLSTM1D": "ConvLSTMCell",
    "ConvLSTM2D": "ConvLSTMCell",
    "ConvLSTM3D": "ConvLSTMCell",
}
CONV_RANKS = {"ConvLSTM1D": 1, "ConvLSTM2D": 2, "ConvLSTM3D": 3}


class Cell:
    """One cell (or a stack of cells) of the references: weights, states and a step."""

    def __init__(self, spec):
        if isinstance(spec, list):
            self.parts = [Cell(s) for s in spec]
            return
        name, config = inner_layer(spec)
        if name == "StackedRNNCells":
            self.parts = [Cell(s) for s in config["cells"]]
            return
        if name not in CELLS:
            raise ValueError(f"No NumPy reference for the cell {name!r}. Known: {sorted(CELLS)}")
        self.parts = None
        self.config = config
        self.weights_fn, self.step_fn, self.n_states, self.state_shape_fn = CELLS[name]

    def weight_specs(self, step_shape):
        if self.parts is None:
            return self.weights_fn(self.config, [tuple(step_shape)])
        out, shape = [], tuple(step_shape)
        for part in self.parts:
            out += part.weight_specs(shape)
            shape = (shape[0],) + part.output_shape(shape)
        return out

    def n_weights(self, step_shape):
        return len(self.weight_specs(step_shape))

    def output_shape(self, step_shape):
        if self.parts is None:
            return tuple(self.state_shape_fn(self.config, tuple(step_shape)))
        shape = tuple(step_shape)
        for part in self.parts:
            shape = (shape[0],) + part.output_shape(shape)
        return shape[1:]

    def state_count(self):
        if self.parts is None:
            return self.n_states
        return sum(p.state_count() for p in self.parts)

    def zero_states(self, step_shape):
        if self.parts is None:
            shape = (step_shape[0],) + self.output_shape(step_shape)
            return [np.zeros(shape) for _ in range(self.n_states)]
        out, shape = [], tuple(step_shape)
        for part in self.parts:
            out += part.zero_states(shape)
            shape = (shape[0],) + part.output_shape(shape)
        return out

    def step(self, weights, x, states):
        """``(output, new flat states)`` for one step."""
        if self.parts is None:
            return self.step_fn(self.config, weights, x, list(states))
        new_states = []
        for part in self.parts:
            nw, ns = part.n_weights(x.shape), part.state_count()
            w, weights = weights[:nw], weights[nw:]
            s, states = states[:ns], states[ns:]
            x, new = part.step(w, x, s)
            new_states += new
        return x, new_states


# ---------------------------------------------------------------------------
# The time loop and the RNN layers.


def time_loop(step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """``(outputs in processing order, last output, final states)`` of a masked time loop.

    ``step(x_t, states) -> (output, new_states)``; a masked step keeps the states and
    repeats the previous output (zeros before the first step), or outputs zeros in the
    returned sequence with ``zero_output_for_mask`` (the last output stays the carried one).
    """
    steps = list(range(x.shape[1]))
    if go_backwards:
        steps = steps[::-1]
    prev, outputs, kept = None, [], []
    for t in steps:
        out, new = step(x[:, t], states)
        new = list(new)
        if prev is None:
            prev = np.zeros_like(out)
        if mask is not None:
            m = np.asarray(mask[:, t], bool)

            def along(a, m=m):
                return m.reshape((-1,) + (1,) * (a.ndim - 1))

            new = [np.where(along(n), n, s) for n, s in zip(new, states)]
            out = np.where(along(out), out, prev)
            kept.append(along(out))
        states, prev = new, out
        outputs.append(out)
    sequence = np.stack(outputs, axis=1)
    if mask is not None and zero_output_for_mask:
        sequence = np.where(np.stack(kept, axis=1), sequence, 0.0)
    return sequence, prev, states


def run_rnn(cell, weights, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """``time_loop`` over a ``Cell`` with its weights."""
    return time_loop(
        lambda xt, s: cell.step(weights, xt, s),
        x,
        states,
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output_for_mask,
    )


def _layer_cell_spec(class_name, config):
    if class_name == "RNN":
        return config["cell"]
    cell_config = dict(config)
    if class_name in CONV_RANKS:
        cell_config["rank"] = CONV_RANKS[class_name]
    return {"class_name": LAYER_CELLS[class_name], "config": cell_config}


def _rnn_weights(class_name):
    def weights(config, input_shapes):
        shape = tuple(input_shapes[0])
        cell = Cell(_layer_cell_spec(class_name, config))
        return cell.weight_specs((shape[0],) + shape[2:])

    return weights


def _as_list(x):
    if x is None:
        return None
    return list(x) if isinstance(x, (list, tuple)) else [x]


def rnn_call_any(class_name, config, weights, inputs, initial_state=None, mask=None, **_):
    """The flat outputs of an RNN layer: ``[output, *states]`` or ``output``."""
    x = np.asarray(inputs[0], np.float64)
    cell = Cell(_layer_cell_spec(class_name, config))
    step_shape = (x.shape[0],) + x.shape[2:]
    states = _as_list(initial_state)
    if states is None:
        states = cell.zero_states(step_shape)
    states = [np.asarray(s, np.float64) for s in states]
    if mask is not None:
        mask = np.asarray(mask, bool)
    sequence, last, final = run_rnn(
        cell,
        [np.asarray(w, np.float64) for w in weights],
        x,
        states,
        mask=mask,
        go_backwards=config.get("go_backwards", False),
        zero_output_for_mask=config.get("zero_output_for_mask", False),
    )
    out = sequence if config.get("return_sequences", False) else last
    if config.get("return_state", False):
        return [out, *final]
    return out


def _rnn_call(class_name):
    def call(config, weights, inputs, **kwargs):
        return rnn_call_any(class_name, config, weights, inputs, **kwargs)

    return call


def _cell_weights(class_name):
    def weights(config, input_shapes):
        return Cell({"class_name": class_name, "config": config}).weight_specs(input_shapes[0])

    return weights


def _cell_call(class_name):
    def call(config, weights, inputs, states=None, **_):
        cell = Cell({"class_name": class_name, "config": config})
        x = np.asarray(inputs[0], np.float64)
        states = [np.asarray(s, np.float64) for s in _as_list(states)]
        out, new = cell.step([np.asarray(w, np.float64) for w in weights], x, states)
        return [out, *new]

    return call


def _stacked_weights(config, input_shapes):
    return Cell({"class_name": "StackedRNNCells", "config": config}).weight_specs(input_shapes[0])


def _stacked_call(config, weights, inputs, states=None, **_):
    """``StackedRNNCells(x, states)``: one state entry per cell (a tensor for one state)."""
    cell = Cell({"class_name": "StackedRNNCells", "config": config})
    flat = []
    for entry in states:
        flat += [np.asarray(s, np.float64) for s in _as_list(entry)]
    x = np.asarray(inputs[0], np.float64)
    out, new = cell.step([np.asarray(w, np.float64) for w in weights], x, flat)
    return [out, *new]


# ---------------------------------------------------------------------------
# Wrappers.


def _bidirectional_parts(config):
    fwd_name, fwd = inner_layer(config["layer"])
    if config.get("backward_layer") is not None:
        bwd_name, bwd = inner_layer(config["backward_layer"])
    else:
        bwd_name, bwd = fwd_name, dict(fwd)
        bwd["go_backwards"] = not fwd.get("go_backwards", False)
    return (fwd_name, fwd), (bwd_name, bwd)


def _bidirectional_weights(config, input_shapes):
    (fn, fc), (bn, bc) = _bidirectional_parts(config)
    return _rnn_weights(fn)(fc, input_shapes) + _rnn_weights(bn)(bc, input_shapes)


def _bidirectional_call(config, weights, inputs, initial_state=None, mask=None, **_):
    (fn, fc), (bn, bc) = _bidirectional_parts(config)
    n_fwd = len(_rnn_weights(fn)(fc, [np.shape(inputs[0])]))
    sequences = fc.get("return_sequences", False)
    fc = {**fc, "zero_output_for_mask": sequences}
    bc = {**bc, "zero_output_for_mask": sequences}
    f_state = b_state = None
    if initial_state is not None:
        states = _as_list(initial_state)
        half = len(states) // 2
        f_state, b_state = states[:half], states[half:]
    y = rnn_call_any(fn, fc, weights[:n_fwd], inputs, initial_state=f_state, mask=mask)
    y_rev = rnn_call_any(bn, bc, weights[n_fwd:], inputs, initial_state=b_state, mask=mask)
    states = []
    if fc.get("return_state", False):
        states = list(y[1:]) + list(y_rev[1:])
        y, y_rev = y[0], y_rev[0]
    if sequences:
        y_rev = y_rev[:, ::-1]
    mode = config.get("merge_mode", "concat")
    if mode == "concat":
        merged = [np.concatenate([y, y_rev], axis=-1)]
    elif mode == "sum":
        merged = [y + y_rev]
    elif mode == "ave":
        merged = [(y + y_rev) / 2.0]
    elif mode == "mul":
        merged = [y * y_rev]
    elif mode is None:
        merged = [y, y_rev]
    else:
        raise ValueError(f"Unknown merge_mode. Received: merge_mode={mode!r}")
    out = merged + states
    return out[0] if len(out) == 1 else out


def _time_distributed_weights(config, input_shapes):
    from conformance.references.layers import lookup

    name, inner = inner_layer(config["layer"])
    shape = tuple(input_shapes[0])
    return lookup(name)["weights"](inner, [(shape[0] * shape[1],) + shape[2:]])


def _time_distributed_call(config, weights, inputs, **kwargs):
    from conformance.references.layers import lookup

    name, inner = inner_layer(config["layer"])
    x = np.asarray(inputs[0], np.float64)
    batch, steps = x.shape[:2]
    kwargs = {k: v for k, v in kwargs.items() if k not in ("mask",)}
    out = lookup(name)["call"](
        inner, weights, [x.reshape((batch * steps,) + x.shape[2:])], **kwargs
    )
    if isinstance(out, (list, tuple)):
        raise ValueError("TimeDistributed wraps a layer with one output.")
    out = np.asarray(out)
    return out.reshape((batch, steps) + out.shape[1:])


REFERENCES = {
    **{
        name: {"weights": _rnn_weights(name), "call": _rnn_call(name)}
        for name in ("SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "RNN")
    },
    **{
        name: {"weights": _cell_weights(name), "call": _cell_call(name)}
        for name in ("SimpleRNNCell", "LSTMCell", "GRUCell")
    },
    "StackedRNNCells": {"weights": _stacked_weights, "call": _stacked_call},
    "Bidirectional": {"weights": _bidirectional_weights, "call": _bidirectional_call},
    "TimeDistributed": {"weights": _time_distributed_weights, "call": _time_distributed_call},
}
