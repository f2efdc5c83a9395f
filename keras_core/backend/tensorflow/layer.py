class BackendLayer:
    """Nothing framework-specific is needed for a layer on this backend."""

    def _on_sublayer(self, layer):
        return None

    def _track_new_variable(self, variable):
        return None

    def _post_build(self):
        return None
