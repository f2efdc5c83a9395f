"""Function: a callable graph of operations between symbolic inputs and outputs."""

from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.ops.operation import Operation


def _node_of(t):
    h = t._keras_history
    if h is None:
        raise ValueError(
            f"Tensor {t} was not produced by a keras_core layer or op, so the graph "
            "cannot be traced from the inputs."
        )
    return h.operation._inbound_nodes[h.node_index]


def trace_graph(inputs, outputs, is_input_node=None):
    """Nodes between ``inputs`` and ``outputs`` and their operations, in Keras 3's order.

    The order is the one Keras 3 gives ``Functional.layers`` (and hence the order of
    the model's variables and of an optimizer's slots): every node gets a depth, its
    longest distance (in calls) from an output, where all calls of one operation take
    the deepest depth of its calls. Operations come by decreasing depth; operations of
    equal depth come in the order a depth-first walk from the outputs (in order, each
    node's inputs in order) first reaches them. Inputs the outputs do not use come
    last, first among depth 0. Nodes come by decreasing depth, a valid execution order.

    Args:
        inputs: the flat list of input KerasTensors (the walk stops at them).
        outputs: the flat list of output KerasTensors.
        is_input_node: unused; kept for signature compatibility.

    Returns:
        ``(nodes, operations)``, both lists.

    Raises:
        ValueError: for a disconnected graph (an output that needs a tensor that is
            not among ``inputs``) or a cycle.
    """
    del is_input_node
    input_ids = {id(t) for t in inputs}
    first_seen = {}  # id(operation) -> discovery index
    operations_by_id = {}
    post_order = []  # nodes, each after all the nodes it depends on
    finished, in_progress = set(), set()

    def enter(node, tensor):
        key = id(node)
        if key in in_progress:
            raise ValueError("The graph between inputs and outputs has a cycle.")
        op = node.operation
        if id(op) not in first_seen:
            first_seen[id(op)] = len(first_seen)
            operations_by_id[id(op)] = op
        in_progress.add(key)
        if id(tensor) in input_ids:
            parents = []
        elif node.is_input:
            raise ValueError(
                "Graph disconnected: an output depends on the tensor "
                f"{tensor} (from {op.name!r}), which is not among the inputs."
            )
        else:
            parents = list(node.input_tensors)
        return [node, parents, 0]

    for out in outputs:
        root = _node_of(out)
        if id(root) in finished:
            continue
        stack = [enter(root, out)]
        while stack:
            frame = stack[-1]
            node, parents, i = frame
            if i < len(parents):
                frame[2] = i + 1
                parent = _node_of(parents[i])
                if id(parent) not in finished:
                    stack.append(enter(parent, parents[i]))
                continue
            stack.pop()
            in_progress.discard(id(node))
            finished.add(id(node))
            post_order.append(node)

    # Depths: walk from the outputs towards the inputs (reverse post-order).
    node_depth, op_depth = {}, {}
    walked = {id(n) for n in post_order}
    for node in reversed(post_order):
        op = node.operation
        depth = max(node_depth.get(id(node), 0), op_depth.get(id(op), 0))
        node_depth[id(node)] = depth
        op_depth[id(op)] = depth
        if node.is_input or any(id(t) in input_ids for t in node.output_tensors):
            continue
        for parent in node.parent_nodes:
            if id(parent) in walked:
                node_depth[id(parent)] = max(node_depth.get(id(parent), 0), depth + 1)
    nodes = list(post_order)
    for t in inputs:
        node = _node_of(t)
        op = node.operation
        if id(op) not in op_depth:
            op_depth[id(op)] = 0
            first_seen[id(op)] = -1
            operations_by_id[id(op)] = op
            node_depth[id(node)] = 0
            nodes.append(node)
    position = {id(n): i for i, n in enumerate(nodes)}
    nodes.sort(key=lambda n: (-node_depth[id(n)], position[id(n)]))
    operations = sorted(
        operations_by_id.values(), key=lambda op: (-op_depth[id(op)], first_seen[id(op)])
    )
    return nodes, operations


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
