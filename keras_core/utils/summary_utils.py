"""The text table printed by ``Model.summary()``."""

import numpy as np


def _count(weights):
    return int(sum(np.prod(v.shape) for v in weights))


def _format_shape(layer):
    try:
        outputs = layer._inbound_nodes[0].output_tensors if layer._inbound_nodes else None
    except (AttributeError, IndexError):
        outputs = None
    if not outputs:
        return "?"
    shapes = [tuple(t.shape) for t in outputs]
    return str(shapes[0]) if len(shapes) == 1 else str(shapes)


def _human(n):
    size = n * 4
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.2f} {unit}" if unit != "B" else f"{size} B"
        size /= 1024


def print_summary(
    model,
    line_length=None,
    positions=None,
    print_fn=None,
    expand_nested=False,
    show_trainable=False,
    layer_range=None,
):
    """Prints (or passes to ``print_fn``) one row per layer and the parameter totals."""
    print_fn = print_fn or print
    from keras_core.models.functional import Functional
    from keras_core.models.sequential import Sequential

    is_graph = isinstance(model, (Functional, Sequential))
    layers = model.layers
    if isinstance(model, Functional):
        layers = model.layers
    if layer_range is not None:
        names = [layer.name for layer in layers]
        start, end = layer_range
        if start not in names or end not in names:
            raise ValueError(
                f"`layer_range` names must be layers of the model. Received: {layer_range}"
            )
        layers = layers[names.index(start) : names.index(end) + 1]
    connected = isinstance(model, Functional)
    headers = ["Layer (type)", "Output Shape", "Param #"]
    if connected:
        headers.append("Connected to")
    if show_trainable:
        headers.append("Trainable")
    rows = []

    def add_rows(layer, prefix=""):
        built = layer.built
        params = _count(layer.weights) if built else 0
        row = [
            f"{prefix}{layer.name} ({type(layer).__name__})",
            _format_shape(layer) if is_graph else "?",
            f"{params:,}" if built else "0 (unbuilt)",
        ]
        if connected:
            sources = []
            for node in layer._inbound_nodes[:1]:
                for t in node.input_tensors:
                    h = t._keras_history
                    sources.append(f"{h.operation.name}[{h.node_index}][{h.tensor_index}]")
            row.append(", ".join(sources) if sources else "-")
        if show_trainable:
            row.append("Y" if layer.trainable else "N")
        rows.append(row)
        if expand_nested:
            for sub in layer._direct_sublayers():
                add_rows(sub, prefix + "  ")

    for layer in layers:
        add_rows(layer)
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    if line_length:
        scale = line_length / max(sum(widths) + 3 * len(widths), 1)
        widths = [max(8, int(w * scale)) for w in widths]
    total_width = sum(widths) + 3 * (len(widths) - 1)

    def fmt(cells):
        return " | ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths))

    print_fn(f'Model: "{model.name}"')
    print_fn("=" * total_width)
    print_fn(fmt(headers))
    print_fn("=" * total_width)
    for r in rows:
        print_fn(fmt(r))
    print_fn("=" * total_width)
    if model.built:
        trainable = _count(model.trainable_weights)
        non_trainable = _count(model.non_trainable_weights)
    else:
        trainable = non_trainable = 0
    total = trainable + non_trainable
    print_fn(f" Total params: {total:,} ({_human(total)})")
    print_fn(f" Trainable params: {trainable:,} ({_human(trainable)})")
    print_fn(f" Non-trainable params: {non_trainable:,} ({_human(non_trainable)})")
