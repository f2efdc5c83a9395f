import torch


class BackendLayer(torch.nn.Module):
    """Under torch every Layer is a real ``torch.nn.Module``.

    Each layer registers the ``torch.nn.Parameter`` of its own variables in a
    ParameterList and its sub-layers (also those held in lists and dicts) in a
    ModuleList, so ``parameters()``, ``state_dict()`` and a torch optimizer see
    every weight exactly once, and the layer works as a submodule of a plain
    ``nn.Module``.
    """

    def __init__(self):
        torch.nn.Module.__init__(self)
        self._torch_params = torch.nn.ParameterList()
        self._torch_children = torch.nn.ModuleList()

    def __setattr__(self, name, value):
        if isinstance(value, BackendLayer):
            # Registered once, through `_torch_children`, not under the attribute name.
            object.__setattr__(self, name, value)
            self._on_sublayer(value)
            return
        torch.nn.Module.__setattr__(self, name, value)

    def _on_sublayer(self, layer):
        if "_torch_children" in self._modules and not any(m is layer for m in self._torch_children):
            self._torch_children.append(layer)

    def _track_new_variable(self, variable):
        value = variable._value
        if isinstance(value, torch.nn.Parameter) and not any(
            p is value for p in self._torch_params
        ):
            self._torch_params.append(value)

    def forward(self, *args, **kwargs):
        return self.__call__(*args, **kwargs)

    def _post_build(self):
        for layer in self._direct_sublayers():
            self._on_sublayer(layer)
        for variable in self._own_variables:
            if variable._value is not None:
                self._track_new_variable(variable)
