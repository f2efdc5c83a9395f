"""The framework side of ``Layer`` for backends that need none.

tensorflow, jax and numpy layers need no framework base class; their
``backend/<name>/layer.py`` re-exports this one. torch's ``layer.py`` makes
every Layer a real ``torch.nn.Module`` instead.
"""


class BackendLayer:
    """Hooks ``Layer`` calls on its framework base; all no-ops here."""

    def _on_sublayer(self, layer):
        return None

    def _track_new_variable(self, variable):
        return None

    def _post_build(self):
        return None
