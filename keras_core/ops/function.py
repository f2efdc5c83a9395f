"""Function: a callable graph of operations between symbolic inputs and outputs."""

from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.ops.operation import Operation


def trace_graph(inputs, outputs, is_input_node=None):
    """Nodes between ``inputs`` and ``outputs`` in topological order, and their operations.

    Raises a ValueError for a disconnected graph (an output that needs a tensor
    that is not among ``inputs``) or a cycle.
    """
    input_ids = {id(t) for t in inputs}
    order, visited, in_progress = [], set(), set()

    def node_of(t):
        h = t._keras_history
        if h is None:
            raise ValueError(
                f"Tensor {t} was not produced by a keras_core layer or op, so the graph "
                "cannot be traced from the inputs."
            )
        return h.operation._inbound_nodes[h.node_index]

    def visit(node, via=None):
        key = id(node)
        if key in visited:
            return
        if key in in_progress:
            raise ValueError("The graph between inputs and outputs has a cycle.")
        in_progress.add(key)
        for t in node.input_tensors:
            if id(t) not in input_ids:
                visit(node_of(t))
        if node.is_input or all(id(t) in input_ids for t in node.output_tensors):
            if not any(id(t) in input_ids for t in node.output_tensors):
                raise ValueError(
                    "Graph disconnected: an output depends on the tensor "
                    f"{node.output_tensors[0]} (from {node.operation.name!r}), which is not "
                    "among the inputs."
                )
        in_progress.discard(key)
        visited.add(key)
        order.append(node)

    for t in inputs:
        visit(node_of(t))
    for t in outputs:
        if id(t) not in input_ids:
            visit(node_of(t))
    operations = []
    for node in order:
        if not any(op is node.operation for op in operations):
            operations.append(node.operation)
    return order, operations


class Function(Operation):
    """A graph of ops from symbolic ``inputs`` to ``outputs``, callable on real tensors.

    Args:
        inputs: KerasTensor(s) (single, list or dict) the graph starts from.
        outputs: KerasTensor(s) computed from them by ops.
        name: the function's name.

    Example:
    >>> x = keras_core.Input((3,))
    >>> fn = keras_core.Function(x, keras_core.ops.multiply(x, 2.0))
    >>> keras_core.ops.convert_to_numpy(fn(np.ones((1, 3), "float32"))).tolist()
    [[2.0, 2.0, 2.0]]
    """

    def __init__(self, inputs, outputs, name=None):
        super().__init__(name=name)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._inputs = tree.flatten(inputs)
        self._outputs = tree.flatten(outputs)
        for t in self._inputs + self._outputs:
            if not isinstance(t, KerasTensor):
                raise ValueError(
                    f"Function inputs and outputs must be KerasTensors. Received: {t!r}"
                )
        self._nodes, self._operations = trace_graph(self._inputs, self._outputs)

    @property
    def operations(self):
        return list(self._operations)

    @property
    def inputs(self):
        return self._inputs

    @property
    def outputs(self):
        return self._outputs

    def call(self, inputs):
        flat = tree.flatten(inputs)
        if len(flat) != len(self._inputs):
            raise ValueError(
                f"Function {self.name!r} expects {len(self._inputs)} inputs with shapes "
                f"{[t.shape for t in self._inputs]}; received {len(flat)}."
            )
        values = {id(t): v for t, v in zip(self._inputs, flat)}
        input_ids = set(values)
        for node in self._nodes:
            if all(id(t) in input_ids for t in node.output_tensors):
                continue
            args, kwargs = node.arguments
            fetch = lambda v: values[id(v)] if isinstance(v, KerasTensor) else v  # noqa: E731
            out = node.operation(
                *tree.map_structure(fetch, args), **tree.map_structure(fetch, kwargs)
            )
            for t, v in zip(node.output_tensors, tree.flatten(out)):
                values[id(t)] = v
        return tree.pack_sequence_as(self._outputs_struct, [values[id(t)] for t in self._outputs])

    def compute_output_spec(self, inputs):
        return self.call(inputs)
