"""get_source_inputs: the Input tensors a symbolic tensor was computed from."""

from keras_core.backend.common.keras_tensor import KerasTensor


def get_source_inputs(tensor) -> list:
    """Returns the input tensors (from ``keras_core.Input``) that ``tensor`` depends on.

    Args:
        tensor: a KerasTensor produced by layers or ops from ``Input`` tensors.

    Returns:
        The list of source KerasTensors, each once, in the order first reached.

    Example:
    >>> a = keras_core.Input((2,))
    >>> b = keras_core.Input((2,))
    >>> y = keras_core.layers.Add()([a, keras_core.layers.Dense(2)(b)])
    >>> [t is a for t in get_source_inputs(y)], [t is b for t in get_source_inputs(y)]
    ([True, False], [False, True])
    """
    if not isinstance(tensor, KerasTensor):
        raise ValueError(
            "`tensor` must be a symbolic KerasTensor. "
            f"Received: tensor of type {type(tensor).__name__}"
        )
    found, seen, stack = [], set(), [tensor]
    visited_nodes = set()
    while stack:
        t = stack.pop()
        history = t._keras_history
        if history is None:
            if id(t) not in seen:
                seen.add(id(t))
                found.append(t)
            continue
        node = history.operation._inbound_nodes[history.node_index]
        if node.is_input:
            if id(t) not in seen:
                seen.add(id(t))
                found.append(t)
            continue
        if id(node) in visited_nodes:
            continue
        visited_nodes.add(id(node))
        stack.extend(reversed(node.input_tensors))
    return found
