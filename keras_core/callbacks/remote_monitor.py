"""RemoteMonitor: POST each epoch's logs to an HTTP server."""

import json
import warnings

import numpy as np

from keras_core.callbacks.callback import Callback


class RemoteMonitor(Callback):
    """Sends ``{"epoch": ..., <logs>}`` to ``root + path`` at the end of every epoch.

    Needs the ``requests`` package. The payload goes as a form field ``field``
    holding JSON, or as a JSON body with ``send_as_json=True``.

    Args:
        root: the server's base URL.
        path: the path the events are posted to.
        field: the form field holding the JSON data.
        headers: extra HTTP headers.
        send_as_json: send the data as the JSON request body.

    Example:
    >>> monitor = keras_core.callbacks.RemoteMonitor(root="http://localhost:9000")
    """

    def __init__(
        self,
        root="http://localhost:9000",
        path="/publish/epoch/end/",
        field="data",
        headers=None,
        send_as_json=False,
    ):
        super().__init__()
        try:
            import requests
        except ImportError as e:
            raise ImportError(
                "RemoteMonitor needs the `requests` package. Install it with: pip install requests"
            ) from e
        self._requests = requests
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json
        self.needs_model_state_per_batch = False

    def on_epoch_end(self, epoch, logs=None):
        send = {"epoch": epoch}
        for key, value in (logs or {}).items():
            arr = np.asarray(value)
            send[key] = arr.item() if arr.ndim == 0 else arr.tolist()
        try:
            if self.send_as_json:
                self._requests.post(self.root + self.path, json=send, headers=self.headers)
            else:
                self._requests.post(
                    self.root + self.path,
                    {self.field: json.dumps(send)},
                    headers=self.headers,
                )
        except self._requests.exceptions.RequestException as e:
            warnings.warn(
                f"RemoteMonitor could not reach the server at {self.root}: {e}", stacklevel=2
            )
