"""Hierarchical name scopes; a Variable's ``path`` is built from them."""

from keras_core.backend.common import global_state


def _stack():
    stack = global_state.get_global_attribute("name_scope_stack")
    if stack is None:
        stack = []
        global_state.set_global_attribute("name_scope_stack", stack)
    return stack


class name_scope:
    """Context manager that prefixes the paths of the variables created in it.

    Args:
        name: the scope name (a non-empty string without ``"/"``).

    Example:
    >>> with keras_core.name_scope("block1"):
    ...     v = keras_core.Variable(1.0, name="w")
    >>> v.path
    'block1/w'
    """

    def __init__(self, name: str, caller=None, **kwargs):
        if not isinstance(name, str) or not name or "/" in name:
            raise ValueError(
                f"`name` must be a non-empty string without '/'. Received: name={name!r}"
            )
        self.name = name
        self.caller = caller
        self._pushed = False

    def __enter__(self):
        stack = _stack()
        if self.caller is not None and stack and stack[-1].caller is self.caller:
            return self  # already inside this caller's scope
        stack.append(self)
        self._pushed = True
        return self

    def __exit__(self, *exc):
        if self._pushed:
            _stack().pop()
            self._pushed = False
        return False


def current_path() -> str:
    return "/".join(scope.name for scope in _stack())
