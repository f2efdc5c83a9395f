"""plot_model and model_to_dot: a model's layer graph drawn with pydot and Graphviz.

pydot (a Python package) builds the graph; Graphviz's ``dot`` program renders
it to an image. Each missing piece is named in a clear ImportError.
"""

import os

from keras_core.backend.common import tree

_INSTALL_HINT = (
    "Install pydot with `pip install pydot` and Graphviz (the `dot` program) with your "
    "system's package manager, e.g. `apt-get install graphviz` or `brew install graphviz`."
)


def _import_pydot():
    try:
        import pydot
    except ImportError as e:
        raise ImportError(
            f"model_to_dot/plot_model need the pydot package, which is not installed. "
            f"{_INSTALL_HINT}"
        ) from e
    return pydot


def _shape_text(tensors):
    shapes = [tuple(t.shape) for t in tensors]
    if not shapes:
        return "?"
    text = [str(s).replace("None", "None") for s in shapes]
    return text[0] if len(text) == 1 else "[" + ", ".join(text) + "]"


def _graph_nodes(model):
    """The call nodes of a Functional (or built Sequential) model, in topological order."""
    functional = getattr(model, "_functional", None)
    if functional is not None:
        return functional._nodes
    return getattr(model, "_nodes", None)


def _label(
    layer, node, show_shapes, show_dtype, show_layer_names, show_activations, show_trainable
):
    cls = type(layer).__name__
    lines = [f"{layer.name} ({cls})" if show_layer_names else cls]
    if show_activations and hasattr(layer, "activation"):
        act = getattr(layer.activation, "__name__", str(layer.activation))
        lines.append(f"activation: {act}")
    if show_shapes and node is not None:
        inputs = node.input_tensors or node.output_tensors
        lines.append(f"input: {_shape_text(inputs)}  output: {_shape_text(node.output_tensors)}")
    if show_dtype and node is not None and node.output_tensors:
        lines.append(f"dtype: {node.output_tensors[0].dtype}")
    if show_trainable and hasattr(layer, "trainable"):
        lines.append(f"trainable: {'yes' if layer.trainable else 'no'}")
    return "\n".join(lines)


def model_to_dot(
    model,
    show_shapes=False,
    show_dtype=False,
    show_layer_names=True,
    rankdir="TB",
    expand_nested=False,
    dpi=200,
    subgraph=False,
    show_layer_activations=False,
    show_trainable=False,
    **kwargs,
):
    """Builds a ``pydot.Dot`` graph of a model's layers and the tensors between them.

    Args:
        model: a Functional or Sequential model (a subclassed model shows its
            layers without connections).
        show_shapes: write each layer's input and output shapes.
        show_dtype: write each layer's output dtype.
        show_layer_names: write layer names (else only class names).
        rankdir: Graphviz ``rankdir``: ``"TB"`` (top to bottom) or ``"LR"``.
        expand_nested: draw the layers of nested models inside a cluster.
        dpi: the image resolution.
        subgraph: return a ``pydot.Cluster`` (to embed in another graph).
        show_layer_activations: write the activation of layers that have one.
        show_trainable: write whether each layer is trainable.
        **kwargs: unknown arguments raise a ValueError.

    Returns:
        A ``pydot.Dot`` (or ``pydot.Cluster`` with ``subgraph=True``).
    """
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for model_to_dot: {sorted(kwargs)}")
    if rankdir not in ("TB", "LR", "BT", "RL"):
        raise ValueError(
            f'`rankdir` must be "TB", "LR", "BT" or "RL". Received: rankdir={rankdir!r}'
        )
    pydot = _import_pydot()
    from keras_core.models.model import Model

    if not isinstance(model, Model):
        raise ValueError(
            f"`model` must be a keras_core Model. Received: model of type {type(model).__name__}"
        )
    if subgraph:
        dot = pydot.Cluster(style="dashed", graph_name=model.name, label=model.name)
    else:
        dot = pydot.Dot()
        dot.set("rankdir", rankdir)
        dot.set("concentrate", True)
        dot.set("dpi", dpi)
        dot.set_node_defaults(shape="record")
    options = (show_shapes, show_dtype, show_layer_names, show_layer_activations, show_trainable)
    _add_model(pydot, dot, model, options, expand_nested, rankdir, dpi)
    return dot


def _node_id(layer):
    return str(id(layer))


def _add_model(pydot, dot, model, options, expand_nested, rankdir, dpi):
    """Adds the model's layers and edges to ``dot``; returns (entry ids, exit ids) per layer."""
    from keras_core.models.model import Model

    nodes = _graph_nodes(model)
    ends = {}

    def add_layer(layer, node):
        if expand_nested and isinstance(layer, Model) and _graph_nodes(layer) is not None:
            cluster = pydot.Cluster(
                style="dashed", graph_name=f"cluster_{id(layer)}", label=layer.name
            )
            inner = _add_model(pydot, cluster, layer, options, expand_nested, rankdir, dpi)
            dot.add_subgraph(cluster)
            inner_nodes = _graph_nodes(layer)
            firsts = [inner[id(n.operation)][0] for n in inner_nodes if n.is_input]
            outs = {id(t) for t in tree.flatten(layer.outputs)}
            lasts = [
                inner[id(n.operation)][1]
                for n in inner_nodes
                if any(id(t) in outs for t in n.output_tensors)
            ]
            ends[id(layer)] = (firsts or [None])[0], (lasts or [None])[-1]
            return
        if id(layer) in ends:
            return
        label = _label(layer, node, *options)
        dot.add_node(pydot.Node(_node_id(layer), label=label))
        ends[id(layer)] = (_node_id(layer), _node_id(layer))

    if nodes is None:
        for layer in model.layers:
            add_layer(layer, None)
        return ends
    for node in nodes:
        add_layer(node.operation, node)
    added = set()
    for node in nodes:
        target = ends[id(node.operation)][0]
        for t in node.input_tensors:
            h = t._keras_history
            if h is None or id(h.operation) not in ends:
                continue
            source = ends[id(h.operation)][1]
            if source is None or target is None or (source, target) in added:
                continue
            added.add((source, target))
            dot.add_edge(pydot.Edge(source, target))
    return ends


def plot_model(
    model,
    to_file="model.png",
    show_shapes=False,
    show_dtype=False,
    show_layer_names=False,
    rankdir="TB",
    expand_nested=False,
    dpi=200,
    show_layer_activations=False,
    show_trainable=False,
    **kwargs,
):
    """Draws a model's layer graph to an image file (through pydot and Graphviz).

    Args:
        model: a Functional or Sequential model.
        to_file: the image path; its extension (``.png``, ``.svg``, ``.pdf``,
            ``.dot``, ...) picks the format.
        show_shapes, show_dtype, show_layer_names, rankdir, expand_nested, dpi,
        show_layer_activations, show_trainable: as in ``model_to_dot``.
        **kwargs: unknown arguments raise a ValueError.

    Returns:
        The path written (in a notebook, an IPython image of it).

    Raises:
        ImportError: naming pydot or Graphviz when either is missing.
    """
    dot = model_to_dot(
        model,
        show_shapes=show_shapes,
        show_dtype=show_dtype,
        show_layer_names=show_layer_names,
        rankdir=rankdir,
        expand_nested=expand_nested,
        dpi=dpi,
        show_layer_activations=show_layer_activations,
        show_trainable=show_trainable,
        **kwargs,
    )
    to_file = os.fspath(to_file)
    _, ext = os.path.splitext(to_file)
    fmt = ext[1:].lower() if ext else "png"
    if fmt == "dot":
        with open(to_file, "w") as f:
            f.write(dot.to_string())
        return to_file
    try:
        data = dot.create(format=fmt)
    except (OSError, FileNotFoundError, AssertionError) as e:
        raise ImportError(
            "plot_model needs Graphviz's `dot` program to render the graph, and running it "
            f"failed ({e}). {_INSTALL_HINT}"
        ) from e
    with open(to_file, "wb") as f:
        f.write(data)
    try:
        import IPython.display  # noqa: F401

        if "ipykernel" in __import__("sys").modules and fmt in ("png", "jpg", "jpeg"):
            return IPython.display.Image(filename=to_file)
    except ImportError:
        pass
    return to_file
