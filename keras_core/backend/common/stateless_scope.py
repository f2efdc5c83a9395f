"""StatelessScope: run code as a pure function of given variable values."""

from keras_core.backend.common import global_state


class StatelessScope:
    """Reads variables from a mapping and collects their assignments.

    Inside the scope, reading a variable in ``state_mapping`` gives the mapped
    value, and ``assign`` records the new value instead of changing the
    variable: this is how a model runs as a pure function under ``jax.jit``.

    Args:
        state_mapping: an iterable of ``(variable, value)`` pairs.
        collect_losses: whether ``add_loss`` calls in the scope are collected.
        initialize_variables: whether variables created in the scope are
            initialized when the scope exits.

    Example:
    >>> v = keras_core.Variable(1.0)
    >>> with keras_core.StatelessScope([(v, 5.0)]) as scope:
    ...     _ = v.assign(v.value + 1.0)
    ...     new = scope.get_current_value(v)
    >>> float(new), float(v.numpy())
    (6.0, 1.0)
    """

    def __init__(self, state_mapping=None, collect_losses=False, initialize_variables=True):
        from keras_core import backend
        from keras_core.backend.common.variables import KerasVariable

        self.collect_losses = collect_losses
        self.initialize_variables = initialize_variables
        self.losses = []
        self.state_mapping = {}
        for pair in state_mapping or ():
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ValueError(
                    "`state_mapping` must be an iterable of (variable, value) pairs. "
                    f"Received an element: {pair!r}"
                )
            var, value = pair
            if not isinstance(var, KerasVariable):
                raise ValueError(
                    f"`state_mapping` keys must be Variables. Received: {type(var).__name__}"
                )
            value = backend.convert_to_tensor(value, dtype=var.dtype)
            if tuple(value.shape) != tuple(var.shape):
                raise ValueError(
                    f"`state_mapping` value for variable {var.path!r} has shape "
                    f"{tuple(value.shape)}; expected {tuple(var.shape)}"
                )
            self.state_mapping[id(var)] = value
        self._vars = {}
        self._parent = None

    def __enter__(self):
        self._parent = global_state.get_global_attribute("stateless_scope")
        global_state.set_global_attribute("stateless_scope", self)
        return self

    def add_loss(self, loss):
        self.losses.append(loss)

    def add_update(self, update):
        """Records ``update``, a ``(variable, new_value)`` pair."""
        variable, value = update
        self.state_mapping[id(variable)] = value
        self._vars[id(variable)] = variable

    def get_current_value(self, variable):
        return self.state_mapping.get(id(variable), None)

    def updated_variables(self):
        return list(self._vars.values())

    def __exit__(self, *exc):
        global_state.set_global_attribute("stateless_scope", self._parent)
        if self.initialize_variables:
            from keras_core.backend.common.variables import initialize_all_variables

            initialize_all_variables()
        return False


def in_stateless_scope() -> bool:
    return global_state.get_global_attribute("stateless_scope") is not None


def get_stateless_scope():
    return global_state.get_global_attribute("stateless_scope")


class AutocastScope:
    """Inside, float variables (with ``autocast=True``) read as ``dtype``: mixed precision."""

    def __init__(self, dtype):
        self.dtype = dtype
        self._backup = None

    def __enter__(self):
        self._backup = global_state.get_global_attribute("autocast_dtype")
        global_state.set_global_attribute("autocast_dtype", self.dtype)
        return self

    def __exit__(self, *exc):
        global_state.set_global_attribute("autocast_dtype", self._backup)
        return False
