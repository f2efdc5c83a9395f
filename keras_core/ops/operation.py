"""Operation: the base class that ops and layers share.

An Operation has ``call`` (eager, on tensors) and ``compute_output_spec``
(symbolic, on KerasTensors). ``__call__`` picks the path: when any argument
is a KerasTensor it infers the output spec and records a Node, so that
Functional models can be traced from ops and layers alike.
"""

import inspect

from keras_core import backend
from keras_core.backend.common import global_state, tree
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.node import Node


def _to_snake_case(name):
    """``Conv2DTranspose`` -> ``conv2d_transpose``; ``MaxPooling2D`` -> ``max_pooling2d``."""
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i:
            prev = name[i - 1]
            nxt = name[i + 1] if i + 1 < len(name) else ""
            if prev.islower() or (prev.isupper() and nxt.islower()):
                out.append("_")
        out.append(c.lower())
    return "".join(out)


def auto_name(prefix):
    uid = global_state.get_uid(prefix)
    return prefix if uid == 1 else f"{prefix}_{uid - 1}"


class Operation:
    """Base class of ops and layers.

    Args:
        name: the operation's name; a unique one is made from the class name
            when omitted.

    Example:
    >>> class Double(keras_core.Operation):
    ...     def call(self, x):
    ...         return x * 2
    ...     def compute_output_spec(self, x):
    ...         return keras_core.KerasTensor(x.shape, x.dtype)
    >>> Double()(keras_core.KerasTensor((None, 3))).shape
    (None, 3)
    """

    def __init__(self, name=None):
        if name is None:
            name = auto_name(_to_snake_case(type(self).__name__))
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"`name` must be a string without '/'. Received: name={name!r}")
        self.name = name
        self._inbound_nodes = []
        self._outbound_nodes = []

    def __call__(self, *args, **kwargs):
        if any_symbolic_tensors(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def symbolic_call(self, *args, **kwargs):
        outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        return outputs

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement `call()` to run eagerly.")

    def compute_output_spec(self, *args, **kwargs):
        try:
            return backend.compute_output_spec(self.call, *args, **kwargs)
        except Exception as e:
            raise type(e)(
                f"Could not infer the output of {type(self).__name__} {self.name!r} "
                f"for symbolic inputs: {e}"
            ) from e

    def get_config(self):
        config = {"name": self.name}
        sig = inspect.signature(type(self).__init__)
        for pname, param in sig.parameters.items():
            if pname in ("self", "name") or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            if hasattr(self, pname):
                config[pname] = getattr(self, pname)
            elif hasattr(self, "_" + pname):
                config[pname] = getattr(self, "_" + pname)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"

    # --- graph access (used by Functional models) ---------------------------
    def _node_tensors(self, node_index, attr):
        if not self._inbound_nodes:
            raise ValueError(f"{type(self).__name__} {self.name!r} has never been called.")
        if node_index >= len(self._inbound_nodes):
            raise ValueError(
                f"`node_index`={node_index} is out of range: {self.name!r} has "
                f"{len(self._inbound_nodes)} inbound nodes."
            )
        values = getattr(self._inbound_nodes[node_index], attr)
        return values[0] if len(values) == 1 else values

    @property
    def input(self):
        return self._node_tensors(0, "input_tensors")

    @property
    def output(self):
        return self._node_tensors(0, "output_tensors")

    def _get_node_attribute_at_index(self, node_index, attr, attr_name):
        return self._node_tensors(node_index, attr)


def symbolic_op(op_class, *args, **kwargs):
    """Run ``op_class`` symbolically: used by the functional ops for KerasTensor inputs."""
    return op_class().symbolic_call(*args, **kwargs)


__all__ = ["Operation", "KerasTensor", "tree"]
