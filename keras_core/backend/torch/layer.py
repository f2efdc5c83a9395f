import torch


class BackendLayer(torch.nn.Module):
    """Under torch every Layer is a real ``torch.nn.Module``.

    Each layer registers the ``torch.nn.Parameter`` of its own variables in a
    ParameterList and its sub-layers (also those held in lists and dicts) in a
    ModuleList, so ``parameters()``, ``state_dict()`` and a torch optimizer see
    every weight exactly once, and the layer works as a submodule of a plain
    ``nn.Module``.
    """

    def __init__(self):
        torch.nn.Module.__init__(self)
        self._torch_params = torch.nn.ParameterList()
        self._torch_children = torch.nn.ModuleList()

    def __setattr__(self, name, value):
        if isinstance(value, BackendLayer):
            # Registered once, through `_torch_children`, not under the attribute name.
            object.__setattr__(self, name, value)
            self._on_sublayer(value)
            return
        torch.nn.Module.__setattr__(self, name, value)

    def _on_sublayer(self, layer):
        if "_torch_children" in self._modules and not any(m is layer for m in self._torch_children):
            self._torch_children.append(layer)

    def _track_new_variable(self, variable):
        value = variable._value
        if isinstance(value, torch.nn.Parameter) and not any(
            p is value for p in self._torch_params
        ):
            self._torch_params.append(value)

    def forward(self, *args, **kwargs):
        return self.__call__(*args, **kwargs)

    def _post_build(self):
        for layer in self._direct_sublayers():
            self._on_sublayer(layer)
        for variable in self._own_variables:
            if variable._value is not None:
                self._track_new_variable(variable)


# ---------------------------------------------------------------------------
# Fused recurrent kernels. ``keras_core.layers.LSTM``/``GRU`` call these when their
# configuration is the one torch's ``nn.LSTM``/``nn.GRU`` kernels compute (tanh and
# sigmoid, no recurrent dropout, GRU with reset_after); the return value is
# ``(last_output, outputs, final_states)`` as the generic time loop gives it, or None
# when the fused kernel cannot give those numbers (then the layer runs its own loop).


def _right_padded_lengths(mask, steps):
    """Per-sample lengths when ``mask`` is right-padded with every length >= 1, else None."""
    mask = mask.to(torch.bool)
    if mask.device.type == "meta":
        return None
    lengths = mask.sum(dim=1)
    expected = torch.arange(steps, device=mask.device)[None, :] < lengths[:, None]
    if not bool(torch.equal(expected, mask)) or int(lengths.min()) < 1:
        return None
    return lengths


def _reverse_valid(x, lengths):
    """Reverses each sample's first ``lengths[b]`` steps (the rest stays in place)."""
    steps = x.shape[1]
    t = torch.arange(steps, device=x.device)[None, :]
    index = torch.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    return torch.gather(x, 1, index[:, :, None].expand(-1, -1, x.shape[2]))


def _hx(kind, states):
    """torch's initial-state argument: ``(h, c)`` for an LSTM, ``h`` for a GRU, each
    with a leading (layers x directions) axis of 1."""
    if kind == "lstm":
        return (states[0][None], states[1][None])
    return states[0][None]


def _run_fused(kind, inputs, states, params, has_biases, mask, go_backwards, zero_output):
    """Runs ``torch._VF.<kind>`` (one layer, one direction, batch first)."""
    if inputs.dtype not in (torch.float32, torch.float64) or inputs.device.type == "meta":
        return None
    fn = torch._VF.lstm if kind == "lstm" else torch._VF.gru
    steps = inputs.shape[1]
    lengths = None
    if mask is not None:
        lengths = _right_padded_lengths(mask, steps)
        if lengths is None:
            return None
        if bool((lengths == steps).all()):
            lengths = None
    if lengths is None:
        x = torch.flip(inputs, dims=(1,)) if go_backwards else inputs
        outputs, *final = fn(x, _hx(kind, states), params, has_biases, 1, 0.0, False, False, True)
        return outputs[:, -1], outputs, [s[0] for s in final]
    # Right-padded: run the valid steps of every sample as a packed sequence.
    x = _reverse_valid(inputs, lengths) if go_backwards else inputs
    packed = torch.nn.utils.rnn.pack_padded_sequence(
        x, lengths.cpu(), batch_first=True, enforce_sorted=False
    )
    order, inverse = packed.sorted_indices, packed.unsorted_indices
    hx = _hx(kind, [s.index_select(0, order) for s in states])
    data, *final = fn(packed.data, packed.batch_sizes, hx, params, has_biases, 1, 0.0, False, False)
    final = [s.index_select(1, inverse)[0] for s in final]
    valid, _ = torch.nn.utils.rnn.pad_packed_sequence(
        torch.nn.utils.rnn.PackedSequence(data, packed.batch_sizes, order, inverse),
        batch_first=True,
        total_length=steps,
    )
    # The generic loop repeats the previous output on masked steps (or outputs zeros with
    # `zero_output_for_mask`); going backwards, the padding comes first (zeros either way).
    t = torch.arange(steps, device=inputs.device)[None, :]
    last = (lengths - 1)[:, None]
    if go_backwards:
        shift = steps - lengths[:, None]
        index = (t - shift).clamp(min=0)
        outputs = torch.gather(valid, 1, index[:, :, None].expand(-1, -1, valid.shape[2]))
        outputs = torch.where((t >= shift)[:, :, None], outputs, torch.zeros_like(outputs))
    elif zero_output:
        outputs = valid  # zeros after each sample's last valid step
    else:
        index = torch.minimum(t, last)
        outputs = torch.gather(valid, 1, index[:, :, None].expand(-1, -1, valid.shape[2]))
    return outputs[:, -1], outputs, final


def lstm(
    inputs,
    initial_states,
    kernel,
    recurrent_kernel,
    bias,
    mask=None,
    go_backwards=False,
    zero_output_for_mask=False,
):
    """An LSTM (Keras gate order i, f, c, o; tanh and sigmoid) through ``torch._VF.lstm``.

    ``inputs`` is ``(batch, time, features)``, ``initial_states`` is ``[h, c]``,
    ``bias`` is ``(4 * units,)`` or None, ``mask`` an optional ``(batch, time)``
    boolean tensor; masked steps repeat the previous output, or give zeros with
    ``zero_output_for_mask``. Returns ``(last_output, outputs, [h, c])`` as the generic
    time loop would, or None when ``mask`` is not right-padded (or leaves a sample
    empty) or the dtype is not float32/float64.
    """
    params = [kernel.t(), recurrent_kernel.t()]
    if bias is not None:
        params += [bias, torch.zeros_like(bias)]
    return _run_fused(
        "lstm",
        inputs,
        list(initial_states),
        params,
        bias is not None,
        mask,
        go_backwards,
        zero_output_for_mask,
    )


def gru(
    inputs,
    initial_states,
    kernel,
    recurrent_kernel,
    bias,
    mask=None,
    go_backwards=False,
    zero_output_for_mask=False,
):
    """A GRU with ``reset_after=True`` (Keras gate order z, r, h) through ``torch._VF.gru``.

    torch orders the gates r, z, n, so the blocks are swapped; ``bias`` is
    ``(2, 3 * units)`` (input bias, recurrent bias) or None. Same contract as ``lstm``.
    """

    def torch_order(w):
        z, r, h = torch.chunk(w, 3, dim=-1)
        return torch.cat([r, z, h], dim=-1)

    params = [torch_order(kernel).t(), torch_order(recurrent_kernel).t()]
    if bias is not None:
        params += [torch_order(bias[0]), torch_order(bias[1])]
    return _run_fused(
        "gru",
        inputs,
        list(initial_states),
        params,
        bias is not None,
        mask,
        go_backwards,
        zero_output_for_mask,
    )


# ---------------------------------------------------------------------------
# Fused dense kernel. ``keras_core.layers.Dense`` calls it when it has a bias; torch's
# ``addmm`` computes ``inputs @ kernel + bias`` in one kernel and one autograd node (the
# separate bias add costs a pass over the output and a node per layer).

_ADDMM_DTYPES = (torch.float32, torch.float64)


def dense(inputs, kernel, bias):
    """``inputs @ kernel + bias`` for a 2-D float tensor, or None (then Dense runs matmul + add)."""
    if not isinstance(inputs, torch.Tensor) or inputs.ndim != 2:
        return None
    kernel, bias = kernel.value, bias.value
    dtype = inputs.dtype
    if dtype not in _ADDMM_DTYPES or kernel.dtype is not dtype or bias.dtype is not dtype:
        return None
    if kernel.device != inputs.device or bias.device != inputs.device:
        return None
    rows, cols = kernel.shape
    if cols < 32 and cols % 16 and rows >= 256:
        # CPU sgemm is up to 2x slower on an (in, out) kernel with few outputs that are not
        # a multiple of 16 (forward and gradient alike); such a kernel is multiplied in the
        # (out, in) layout torch.nn.Linear keeps, from a copy of a few KB.
        kernel = kernel.t().contiguous().t()
    return torch.addmm(bias, inputs, kernel)
