"""CTC ops of ``keras_core.ops.nn`` (re-exported by ``nn.py``): ``ctc_loss`` and
``ctc_decode`` (connectionist temporal classification)."""

import operator

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import Tensor, float_dtype, op_names, shape_of
from keras_core.ops.operation import Operation


class CtcLoss(Operation):
    def __init__(self, mask_index=0, name=None):
        super().__init__(name=name)
        self.mask_index = mask_index

    def call(self, target, output, target_length, output_length):
        return backend.nn.ctc_loss(target, output, target_length, output_length, self.mask_index)

    def compute_output_spec(self, target, output, target_length, output_length):
        return KerasTensor((shape_of(output)[0],), dtype=float_dtype(output))


def ctc_loss(
    target: Tensor,
    output: Tensor,
    target_length: Tensor,
    output_length: Tensor,
    mask_index: int = 0,
) -> Tensor:
    """Connectionist temporal classification loss, ``-log p(target | output)`` per sample.

    Args:
        target: integer labels ``(batch, max_label_length)``, padded.
        output: logits ``(batch, max_time, num_classes)`` (log-softmax is applied).
        target_length: the label lengths ``(batch,)``.
        output_length: the time lengths ``(batch,)``.
        mask_index: the class id of the blank.

    Returns:
        A floating tensor of shape ``(batch,)``.

    Example:
    >>> logits = keras_core.ops.zeros((1, 3, 3))
    >>> out = keras_core.ops.ctc_loss([[1, 2]], logits, [2], [3])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.6864]
    """
    op = "ctc_loss"
    ts, os_ = shape_of(target), shape_of(output)
    if len(ts) != 2:
        raise ValueError(f"{op}: `target` must have rank 2. Received: target.shape={tuple(ts)}")
    if len(os_) != 3:
        raise ValueError(f"{op}: `output` must have rank 3. Received: output.shape={tuple(os_)}")
    if ts[0] is not None and os_[0] is not None and ts[0] != os_[0]:
        raise ValueError(
            f"{op}: `target` and `output` must have the same batch size. "
            f"Received: target.shape={tuple(ts)}, output.shape={tuple(os_)}"
        )
    mask_index = operator.index(mask_index)
    if any_symbolic_tensors((target, output, target_length, output_length)):
        return CtcLoss(mask_index).symbolic_call(target, output, target_length, output_length)
    return backend.nn.ctc_loss(target, output, target_length, output_length, mask_index)


class CtcDecode(Operation):
    def __init__(
        self,
        strategy="greedy",
        beam_width=100,
        top_paths=1,
        merge_repeated=True,
        mask_index=0,
        name=None,
    ):
        super().__init__(name=name)
        self.strategy = strategy
        self.beam_width = beam_width
        self.top_paths = top_paths
        self.merge_repeated = merge_repeated
        self.mask_index = mask_index

    def call(self, inputs, sequence_lengths):
        return backend.nn.ctc_decode(
            inputs,
            sequence_lengths,
            self.strategy,
            self.beam_width,
            self.top_paths,
            self.merge_repeated,
            self.mask_index,
        )

    def compute_output_spec(self, inputs, sequence_lengths):
        b, t, _ = shape_of(inputs)
        paths = 1 if self.strategy == "greedy" else self.top_paths
        return (
            KerasTensor((paths, b, t), dtype="int32"),
            KerasTensor((b, paths), dtype=float_dtype(inputs)),
        )


def ctc_decode(
    inputs: Tensor,
    sequence_lengths: Tensor,
    strategy: str = "greedy",
    beam_width: int = 100,
    top_paths: int = 1,
    merge_repeated: bool = True,
    mask_index: int = 0,
) -> tuple:
    """Decodes CTC logits into label sequences.

    Args:
        inputs: logits ``(batch, max_time, num_classes)``.
        sequence_lengths: the time lengths ``(batch,)``.
        strategy: ``"greedy"`` or ``"beam_search"``.
        beam_width: the beam width for beam search.
        top_paths: how many sequences beam search returns.
        merge_repeated: whether repeated labels are merged.
        mask_index: the class id of the blank.

    Returns:
        ``(decoded, log_probs)``: int32 labels ``(paths, batch, max_time)`` padded
        with -1 (``paths`` is 1 for greedy); for greedy, ``log_probs`` ``(batch, 1)``
        holds the negative sum of the per-step maximum logits (of the raw ``inputs``),
        for beam search ``(batch, top_paths)`` the log-probability of each sequence
        (the logits normalized by a softmax over the classes).

    Example:
    >>> logits = keras_core.ops.log([[[0.1, 0.8, 0.1], [0.8, 0.1, 0.1]]])
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ctc_decode(logits, [2])[0]).tolist()
    [[[1, -1]]]
    """
    op = "ctc_decode"
    if strategy not in ("greedy", "beam_search"):
        raise ValueError(
            f"{op}: `strategy` must be 'greedy' or 'beam_search'. Received: strategy={strategy!r}"
        )
    s = shape_of(inputs)
    if len(s) != 3:
        raise ValueError(f"{op}: `inputs` must have rank 3. Received: inputs.shape={tuple(s)}")
    beam_width = operator.index(beam_width)
    top_paths = operator.index(top_paths)
    if strategy == "beam_search" and not 1 <= top_paths <= beam_width:
        raise ValueError(
            f"{op}: `top_paths` must be between 1 and `beam_width` ({beam_width}). "
            f"Received: top_paths={top_paths}"
        )
    mask_index = operator.index(mask_index)
    if any_symbolic_tensors((inputs, sequence_lengths)):
        return CtcDecode(
            strategy, beam_width, top_paths, bool(merge_repeated), mask_index
        ).symbolic_call(inputs, sequence_lengths)
    return backend.nn.ctc_decode(
        inputs,
        sequence_lengths,
        strategy,
        beam_width,
        top_paths,
        bool(merge_repeated),
        mask_index,
    )


__all__ = op_names(__name__)
