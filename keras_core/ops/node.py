"""Node: one call of an Operation on symbolic inputs, recorded for Functional models."""

from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor


class KerasHistory:
    """Where a KerasTensor came from: (operation, node_index, tensor_index)."""

    __slots__ = ("operation", "node_index", "tensor_index")

    def __init__(self, operation, node_index, tensor_index):
        self.operation = operation
        self.node_index = node_index
        self.tensor_index = tensor_index

    def __iter__(self):
        return iter((self.operation, self.node_index, self.tensor_index))


class Node:
    """Links the symbolic inputs and outputs of one call of ``operation``.

    Args:
        operation: the Operation called.
        call_args, call_kwargs: the arguments it was called with (KerasTensors
            and plain values, possibly nested).
        outputs: the KerasTensors it returned (possibly nested).
    """

    def __init__(self, operation, call_args=None, call_kwargs=None, outputs=None):
        self.operation = operation
        self.arguments = (tuple(call_args or ()), dict(call_kwargs or {}))
        self.input_tensors = [t for t in tree.flatten(self.arguments) if isinstance(t, KerasTensor)]
        self.outputs = outputs if outputs is not None else []
        self.output_tensors = [t for t in tree.flatten(self.outputs) if isinstance(t, KerasTensor)]
        operation._inbound_nodes.append(self)
        for t in self.input_tensors:
            if t._keras_history is not None:
                t._keras_history.operation._outbound_nodes.append(self)
        node_index = len(operation._inbound_nodes) - 1
        for i, t in enumerate(self.output_tensors):
            t._keras_history = KerasHistory(operation, node_index, i)

    @property
    def is_input(self):
        return not self.input_tensors

    @property
    def parent_nodes(self):
        parents = []
        for t in self.input_tensors:
            h = t._keras_history
            if h is not None:
                node = h.operation._inbound_nodes[h.node_index]
                if node not in parents:
                    parents.append(node)
        return parents
