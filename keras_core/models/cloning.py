"""clone_model: a new model with the same architecture and fresh weights."""

from keras_core.backend.common import tree
from keras_core.models.functional import Functional
from keras_core.models.sequential import Sequential


def clone_model(model, input_tensors=None, clone_function=None):
    """Returns a copy of ``model`` with newly created (re-initialized) weights.

    Args:
        model: a Sequential or Functional model.
        input_tensors: optional KerasTensors to build the clone on.
        clone_function: ``layer -> new layer`` (default: rebuild from config).

    Example:
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> clone = keras_core.models.clone_model(model)
    >>> [type(layer).__name__ for layer in clone.layers], clone.layers[0] is model.layers[0]
    (['Dense'], False)
    """
    if clone_function is None:

        def clone_function(layer):
            return type(layer).from_config(layer.get_config())

    if isinstance(model, Sequential):
        layers = [clone_function(layer) for layer in model.layers]
        clone = Sequential(name=model.name)
        if input_tensors is not None:
            clone.add(tree.flatten(input_tensors)[0], rebuild=False)
        elif model._input_layer is not None:
            from keras_core.layers.core.input_layer import InputLayer

            clone.add(
                InputLayer(
                    batch_shape=model._input_layer.batch_shape, dtype=model._input_layer.dtype
                ),
                rebuild=False,
            )
        for layer in layers:
            clone.add(layer, rebuild=False)
        clone._maybe_rebuild()
        return clone
    if isinstance(model, Functional):
        from keras_core.layers.core.input_layer import Input, InputLayer

        values = {}
        if input_tensors is not None:
            given = tree.flatten(input_tensors)
            if len(given) != len(model.inputs):
                raise ValueError(
                    f"clone_model: `input_tensors` must hold {len(model.inputs)} tensors; "
                    f"received {len(given)}."
                )
            for t, g in zip(model.inputs, given):
                values[id(t)] = g
        else:
            for t in model.inputs:
                layer = t._keras_history.operation
                values[id(t)] = Input(batch_shape=t.shape, dtype=t.dtype, name=layer.name)
        new_ops = {}
        for node in model._nodes:
            if node.is_input:
                continue
            op = node.operation
            if id(op) not in new_ops:
                new_ops[id(op)] = clone_function(op) if not isinstance(op, InputLayer) else op
            new_op = new_ops[id(op)]
            args, kwargs = node.arguments
            fetch = lambda v: values[id(v)] if id(v) in values else v  # noqa: E731
            out = new_op(*tree.map_structure(fetch, args), **tree.map_structure(fetch, kwargs))
            for t, o in zip(node.output_tensors, tree.flatten(out)):
                values[id(t)] = o

        def pick(s):
            return tree.map_structure(lambda t: values[id(t)], s)

        return Functional(pick(model._inputs_struct), pick(model._outputs_struct), name=model.name)
    raise ValueError(
        "clone_model supports Sequential and Functional models; a subclassed model cannot be "
        f"cloned from its graph. Received: {type(model).__name__}"
    )
