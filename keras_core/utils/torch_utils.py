"""TorchModuleWrapper: a ``torch.nn.Module`` used as a keras_core layer (torch backend)."""

import base64
import io
from typing import Any

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.layer import Layer


def _require_torch(what: str) -> None:
    if backend.backend() != "torch":
        raise ValueError(
            f"{what} wraps a torch.nn.Module and needs the torch backend "
            f"(KERAS_BACKEND=torch). Received: backend={backend.backend()!r}"
        )


class TorchModuleWrapper(Layer):
    """Wraps a ``torch.nn.Module`` so it can be used in keras_core models (torch backend).

    The module's parameters become the layer's variables (trainable when they
    require grad) and its persistent buffers become non-trainable variables, so
    the layer's weights, ``get_weights``/``set_weights``, optimizers and
    ``stateless_call`` all see them; the module itself keeps working, sharing
    the same tensors. ``training`` switches the module between ``train()`` and
    ``eval()``. Lazy modules (``torch.nn.LazyLinear``...) are materialized by
    running them once on zeros of the first input shape.

    Args:
        module: the ``torch.nn.Module`` to wrap.
        name: the layer name.
        output_shape: the output shape (batch dimension included); when
            omitted it is inferred by running the module on zeros.

    Example:
    >>> import torch  # doctest: +SKIP
    >>> layer = keras_core.layers.TorchModuleWrapper(torch.nn.Linear(3, 2))  # doctest: +SKIP
    >>> layer(np.ones((4, 3), "float32")).shape  # doctest: +SKIP
    torch.Size([4, 2])
    """

    def __init__(self, module: Any, name: str | None = None, output_shape: Any = None, **kwargs):
        _require_torch("TorchModuleWrapper")
        import torch

        if not isinstance(module, torch.nn.Module):
            raise ValueError(
                "TorchModuleWrapper expects `module` to be a torch.nn.Module instance. "
                f"Received: module={module!r} (of type {type(module).__name__})"
            )
        super().__init__(name=name, **kwargs)
        self.module = module
        self._fixed_output_shape = tuple(output_shape) if output_shape is not None else None
        self._module_variables = {}
        if not self._has_lazy_parameters():
            self._track_module_tensors()

    def _has_lazy_parameters(self) -> bool:
        import torch

        return any(
            isinstance(p, torch.nn.parameter.UninitializedParameter)
            for p in self.module.parameters()
        )

    def _track_module_tensors(self):
        """Creates one keras_core variable per parameter / persistent buffer and makes the
        module use the variable's tensor."""
        import torch

        named = [(n, p, p.requires_grad) for n, p in self.module.named_parameters()]
        for module_name, sub in self.module.named_modules():
            for buf_name, buf in sub.named_buffers(recurse=False):
                if buf_name in sub._non_persistent_buffers_set:
                    continue
                full = f"{module_name}.{buf_name}" if module_name else buf_name
                named.append((full, buf, False))
        for full, tensor, trainable in named:
            if full in self._module_variables:
                continue
            value = tensor.detach().clone()
            variable = self.add_weight(
                shape=tuple(value.shape),
                dtype=backend.standardize_dtype(value.dtype),
                initializer=lambda shape, dtype, v=value: v,
                trainable=trainable,
                name=full.replace(".", "_"),
            )
            owner_name, _, leaf = full.rpartition(".")
            owner = self.module.get_submodule(owner_name) if owner_name else self.module
            if isinstance(tensor, torch.nn.Parameter):
                owner._parameters[leaf] = variable.value
            else:
                owner._buffers[leaf] = variable.value
            self._module_variables[full] = variable

    def build(self, input_shape=None):
        if self._has_lazy_parameters():
            import torch

            if input_shape is None:
                raise ValueError(
                    f"TorchModuleWrapper {self.name!r} wraps a lazy module: call it on an "
                    "input (or build it with an input shape) to create its parameters."
                )
            shape = tuple(1 if d is None else d for d in input_shape)
            with torch.no_grad():
                self.module(torch.zeros(shape))
            self._track_module_tensors()

    def call(self, *args, training=None, **kwargs):
        import torch

        if training is not None:
            self.module.train(bool(training))
        values = {name: v.value for name, v in self._module_variables.items()}
        return torch.func.functional_call(self.module, values, args, kwargs)

    def compute_output_spec(self, *args, training=None, **kwargs):
        if self._fixed_output_shape is not None:
            return KerasTensor(self._fixed_output_shape, dtype=self.compute_dtype)
        return backend.compute_output_spec(
            lambda *a, **k: self.call(*a, training=False, **k), *args, **kwargs
        )

    def get_config(self):
        import torch

        buffer = io.BytesIO()
        torch.save(self.module, buffer)
        config = {
            "name": self.name,
            "trainable": self.trainable,
            "module": base64.b64encode(buffer.getvalue()).decode("ascii"),
        }
        if self._fixed_output_shape is not None:
            config["output_shape"] = list(self._fixed_output_shape)
        return config

    @classmethod
    def from_config(cls, config):
        from keras_core.saving import serialization_lib

        _require_torch("TorchModuleWrapper")
        config = dict(config)
        module = config.get("module")
        if isinstance(module, str):
            if serialization_lib.in_safe_mode():
                raise ValueError(
                    "Loading a TorchModuleWrapper unpickles a torch module, which can run "
                    "arbitrary code. Only for files you trust, load with safe_mode=False "
                    "(or call keras_core.config.enable_unsafe_deserialization())."
                )
            import torch

            data = base64.b64decode(module.encode("ascii"))
            config["module"] = torch.load(io.BytesIO(data), weights_only=False)
        trainable = config.pop("trainable", True)
        config.pop("dtype", None)
        layer = cls(**config)
        layer.trainable = trainable
        return layer
