"""Functional: a model defined by a graph of layer (and op) calls on KerasTensors."""

from keras_core import backend
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.masking import get_keras_mask, set_keras_mask
from keras_core.layers.core.input_layer import InputLayer
from keras_core.layers.layer import Layer, _get_mask
from keras_core.models.model import Model
from keras_core.ops.function import trace_graph

_EAGER_TENSOR = backend.EAGER_TENSOR_TYPE


def _is_input_tensor(t):
    h = t._keras_history
    return h is not None and isinstance(h.operation, InputLayer)


class Functional(Model):
    """A model built from symbolic inputs and outputs: ``Model(inputs, outputs)``.

    Inputs and outputs may be single KerasTensors, lists or dicts. Any DAG of
    layer and op calls between them is allowed: shared layers, several inputs
    and outputs, masks.

    Example:
    >>> x = keras_core.Input((3,))
    >>> y = keras_core.layers.Dense(2)(x)
    >>> model = keras_core.Model(x, y)
    >>> keras_core.ops.shape(model(np.ones((1, 3), "float32")))
    (1, 2)
    """

    def __new__(cls, *args, **kwargs):
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        Model.__init__(self, name=name, trainable=trainable, **kwargs)
        self._inputs_struct = _standardize_structure(inputs, "inputs")
        self._outputs_struct = _standardize_structure(outputs, "outputs")
        flat_inputs = tree.flatten(self._inputs_struct)
        flat_outputs = tree.flatten(self._outputs_struct)
        for t in flat_inputs:
            if not _is_input_tensor(t):
                raise ValueError(
                    "All `inputs` of a Functional model must come from keras_core.Input(); "
                    f"received {t}, which was produced by "
                    f"{t._keras_history.operation.name if t._keras_history else 'no layer'}."
                )
        self._input_tensors = flat_inputs
        self._output_tensors = flat_outputs
        self._nodes, self._layers = self._trace_graph(flat_inputs, flat_outputs)
        self.built = True
        self._post_build()

    # ------------------------------------------------------------------
    def _trace_graph(self, inputs, outputs):
        return trace_graph(inputs, outputs)

    @property
    def layers(self):
        return [op for op in self._layers if isinstance(op, Layer)]

    @property
    def operations(self):
        return list(self._layers)

    @property
    def inputs(self):
        return self._input_tensors

    @property
    def outputs(self):
        return self._output_tensors

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return tree.map_structure(lambda t: t.shape, self._inputs_struct)

    @property
    def output_shape(self):
        return tree.map_structure(lambda t: t.shape, self._outputs_struct)

    def _direct_sublayers(self):
        return [op for op in self._layers if isinstance(op, Layer)]

    # ------------------------------------------------------------------
    def _flatten_call_inputs(self, inputs):
        struct = self._inputs_struct
        if isinstance(struct, dict):
            if not isinstance(inputs, dict):
                if len(struct) == 1 and not isinstance(inputs, (list, tuple)):
                    return [inputs]
                raise ValueError(
                    f'Model "{self.name}" expects a dict of inputs with keys {sorted(struct)}. '
                    f"Received: {type(inputs).__name__}"
                )
            missing = [k for k in struct if k not in inputs]
            if missing:
                raise ValueError(
                    f'Model "{self.name}" is missing inputs {missing}; expected keys '
                    f"{sorted(struct)}, received keys {sorted(inputs)}."
                )
            return [inputs[k] for k in sorted(struct, key=str)]
        flat = tree.flatten(inputs) if isinstance(inputs, (list, tuple, dict)) else [inputs]
        if len(flat) != len(self._input_tensors):
            expected = [t.shape for t in self._input_tensors]
            received = [tuple(getattr(x, "shape", ())) for x in flat]
            raise ValueError(
                f'Model "{self.name}" expects {len(self._input_tensors)} input(s) with shapes '
                f"{expected}, but it received {len(flat)} input tensor(s) with shapes {received}."
            )
        return flat

    def _standardize_input(self, x, spec):
        if isinstance(x, KerasTensor):
            return x
        x = (
            backend.convert_to_tensor(x, dtype=spec.dtype)
            if not backend.is_tensor(x) or (backend.standardize_dtype(x.dtype) != spec.dtype)
            else x
        )
        shape = tuple(x.shape)
        if len(shape) != len(spec.shape):
            raise ValueError(
                f'Input of model "{self.name}" ({spec.name or "input"}) has the wrong rank: '
                f"expected shape {spec.shape}, received shape {shape}."
            )
        return x

    def call(self, inputs, training=None, mask=None):
        flat = self._flatten_call_inputs(inputs)
        flat = [self._standardize_input(x, spec) for x, spec in zip(flat, self._input_tensors)]
        masks = tree.flatten(mask) if mask is not None else [None] * len(flat)
        if len(masks) != len(flat):
            masks = [None] * len(flat)
        return self._run_through_graph(flat, masks, training)

    def _run_through_graph(self, flat_inputs, flat_masks, training):
        values, tensor_masks = {}, {}
        for t, x, m in zip(self._input_tensors, flat_inputs, flat_masks):
            values[id(t)] = x
            if m is None:
                m = _get_mask(x) if not isinstance(x, (list, tuple)) else None
            if m is not None:
                tensor_masks[id(t)] = m
        for node in self._nodes:
            if node.is_input:
                continue
            op = node.operation
            args, kwargs = node.arguments

            def fetch(v):
                if isinstance(v, KerasTensor):
                    if id(v) not in values:
                        raise ValueError(f"Tensor {v} has no value in this call of {self.name!r}.")
                    return values[id(v)]
                return v

            if not kwargs and len(args) == 1 and type(args[0]) is KerasTensor:
                call_args, call_kwargs = (fetch(args[0]),), {}  # the common node: one input
            else:
                call_args = tree.map_structure(fetch, args)
                call_kwargs = tree.map_structure(fetch, kwargs)
            if isinstance(op, Layer):
                if op._call_has_training and call_kwargs.get("training") is None:
                    call_kwargs["training"] = training
                if op._call_has_mask and call_kwargs.get("mask") is None and node.input_tensors:
                    first = args[0] if args else None
                    in_masks = (
                        [tensor_masks.get(id(t)) for t in tree.flatten(first)]
                        if first is not None
                        else []
                    )
                    if any(m is not None for m in in_masks):
                        call_kwargs["mask"] = (
                            in_masks[0] if not isinstance(first, (list, tuple)) else in_masks
                        )
            outputs = op(*call_args, **call_kwargs)
            flat_out = [outputs] if type(outputs) is _EAGER_TENSOR else tree.flatten(outputs)
            for t, value in zip(node.output_tensors, flat_out):
                values[id(t)] = value
            if isinstance(op, Layer):
                self._propagate_masks(
                    op, node, args, call_args, call_kwargs, flat_out, tensor_masks
                )
        outs = [values[id(t)] for t in self._output_tensors]
        for t, value in zip(self._output_tensors, outs):
            if id(t) in tensor_masks:
                set_keras_mask(value, tensor_masks[id(t)])
        return tree.pack_sequence_as(self._outputs_struct, outs)

    def _propagate_masks(self, op, node, sym_args, call_args, call_kwargs, flat_out, tensor_masks):
        """Records the masks of ``node``'s outputs (set by Layer.__call__ or computed here)."""
        overrides = type(op).compute_mask is not Layer.compute_mask
        if not (op.supports_masking or overrides) or not sym_args:
            return
        out_mask = get_keras_mask(flat_out[0]) if flat_out else None
        if out_mask is None:
            previous = call_kwargs.get("mask")
            if previous is None and tensor_masks:
                in_masks = [tensor_masks.get(id(t)) for t in tree.flatten(sym_args[0])]
                if any(m is not None for m in in_masks):
                    previous = in_masks if isinstance(sym_args[0], (list, tuple)) else in_masks[0]
            if previous is None and not overrides:
                return
            out_mask = op.compute_mask(call_args[0], previous)
        if out_mask is None:
            return
        for t in node.output_tensors:
            tensor_masks[id(t)] = out_mask

    def compute_output_spec(self, inputs, training=None, mask=None):
        return Layer.compute_output_spec(self, inputs, training=training, mask=mask)

    # ------------------------------------------------------------------
    def get_config(self):
        from keras_core.saving.serialization_lib import serialize_keras_object

        layer_configs = []
        node_positions = {}
        for op in self._layers:
            kept = [i for i, n in enumerate(op._inbound_nodes) if any(n is m for m in self._nodes)]
            for new_index, old_index in enumerate(kept):
                node_positions[(id(op), old_index)] = new_index
        for op in self._layers:
            entry = serialize_keras_object(op)
            entry["name"] = op.name
            nodes = []
            for node in op._inbound_nodes:
                if not any(node is n for n in self._nodes) or node.is_input:
                    continue
                args, kwargs = node.arguments
                nodes.append(
                    {
                        "args": _serialize_node_args(args, node_positions),
                        "kwargs": _serialize_node_args(kwargs, node_positions),
                    }
                )
            entry["inbound_nodes"] = nodes
            layer_configs.append(entry)

        def triple(t):
            h = t._keras_history
            return [
                h.operation.name,
                node_positions.get((id(h.operation), h.node_index), 0),
                h.tensor_index,
            ]

        def struct(s):
            if isinstance(s, dict):
                return {k: triple(v) for k, v in s.items()}
            if isinstance(s, (list, tuple)):
                return [triple(t) for t in s]
            return triple(s)

        return {
            "name": self.name,
            "trainable": self.trainable,
            "layers": layer_configs,
            "input_layers": struct(self._inputs_struct),
            "output_layers": struct(self._outputs_struct),
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return functional_from_config(cls, config, custom_objects)

    def get_build_config(self):
        return {"input_shape": None}

    def build_from_config(self, config):
        return None


def _serialize_node_args(obj, node_positions):
    if isinstance(obj, KerasTensor):
        h = obj._keras_history
        return {
            "class_name": "__keras_tensor__",
            "config": {
                "shape": list(obj.shape),
                "dtype": obj.dtype,
                "keras_history": [
                    h.operation.name,
                    node_positions.get((id(h.operation), h.node_index), h.node_index),
                    h.tensor_index,
                ],
            },
        }
    if isinstance(obj, (list, tuple)):
        return [_serialize_node_args(v, node_positions) for v in obj]
    if isinstance(obj, dict):
        return {k: _serialize_node_args(v, node_positions) for k, v in obj.items()}
    from keras_core.saving.serialization_lib import serialize_keras_object

    return serialize_keras_object(obj)


def functional_from_config(cls, config, custom_objects=None):
    """Rebuilds a Functional model: recreate each layer, then replay its calls in order."""
    from keras_core.saving.serialization_lib import deserialize_keras_object

    created = {}
    pending = []
    for entry in config["layers"]:
        layer_entry = {k: v for k, v in entry.items() if k not in ("name", "inbound_nodes")}
        layer = deserialize_keras_object(layer_entry, custom_objects=custom_objects)
        created[entry["name"]] = layer
        pending.append((layer, list(entry.get("inbound_nodes", []))))
    produced = {}
    for name, layer in created.items():
        if isinstance(layer, InputLayer):
            produced[(name, 0)] = [layer.output]

    def resolve(obj):
        if isinstance(obj, dict) and obj.get("class_name") == "__keras_tensor__":
            lname, node_index, tensor_index = obj["config"]["keras_history"]
            key = (lname, node_index)
            if key not in produced:
                raise KeyError(key)
            return produced[key][tensor_index]
        if isinstance(obj, list):
            return [resolve(v) for v in obj]
        if isinstance(obj, dict):
            if "class_name" in obj and "config" in obj:
                return deserialize_keras_object(obj, custom_objects=custom_objects)
            return {k: resolve(v) for k, v in obj.items()}
        return obj

    progress = True
    counters = {id(layer): 0 for layer, _ in pending}
    while progress:
        progress = False
        for layer, nodes in pending:
            while nodes:
                node = nodes[0]
                try:
                    args = resolve(node.get("args", []))
                    kwargs = resolve(node.get("kwargs", {}))
                except KeyError:
                    break
                out = layer(*args, **kwargs)
                produced[(layer.name, counters[id(layer)])] = tree.flatten(out)
                counters[id(layer)] += 1
                nodes.pop(0)
                progress = True
    unresolved = [layer.name for layer, nodes in pending if nodes]
    if unresolved:
        raise ValueError(f"Could not rebuild the calls of layers {unresolved}: missing inputs.")

    def fetch(t):
        lname, node_index, tensor_index = t
        return produced[(lname, node_index)][tensor_index]

    def struct(s):
        if isinstance(s, dict):
            return {k: fetch(v) for k, v in s.items()}
        if s and isinstance(s[0], list):
            return [fetch(t) for t in s]
        return fetch(s)

    inputs = struct(config["input_layers"])
    outputs = struct(config["output_layers"])
    return cls(
        inputs=inputs,
        outputs=outputs,
        name=config.get("name"),
        trainable=config.get("trainable", True),
    )


def _standardize_structure(x, argument):
    if isinstance(x, KerasTensor):
        return x
    if isinstance(x, dict):
        for k, v in x.items():
            if not isinstance(v, KerasTensor):
                raise ValueError(
                    f"`{argument}` must hold KerasTensors. Received for key {k!r}: {v!r}"
                )
        return dict(x)
    if isinstance(x, (list, tuple)):
        flat = tree.flatten(x)
        for v in flat:
            if not isinstance(v, KerasTensor):
                raise ValueError(f"`{argument}` must hold KerasTensors. Received: {v!r}")
        if len(flat) == 1 and argument == "inputs":
            return list(x)
        return list(x) if isinstance(x, list) else list(x)
    raise ValueError(
        f"`{argument}` of a Functional model must be a KerasTensor, a list or a dict of them. "
        f"Received: {x!r}"
    )
