"""LambdaCallback: a callback built from plain functions."""

from keras_core.callbacks.callback import Callback

_HOOKS = (
    "on_epoch_begin",
    "on_epoch_end",
    "on_train_begin",
    "on_train_end",
    "on_train_batch_begin",
    "on_train_batch_end",
    "on_test_begin",
    "on_test_end",
    "on_test_batch_begin",
    "on_test_batch_end",
    "on_predict_begin",
    "on_predict_end",
    "on_predict_batch_begin",
    "on_predict_batch_end",
)


class LambdaCallback(Callback):
    """Calls the given functions at the matching hooks.

    ``on_epoch_begin``/``on_epoch_end`` take ``(epoch, logs)``, the batch hooks
    ``(batch, logs)``, the others ``(logs)``. Any other ``on_*`` hook may be
    passed by keyword too. ``on_batch_begin``/``on_batch_end`` are aliases of
    the train batch hooks.

    Example:
    >>> seen = []
    >>> cb = keras_core.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen.append(e))
    >>> cb.on_epoch_end(0, {}); seen
    [0]
    """

    def __init__(
        self,
        on_epoch_begin=None,
        on_epoch_end=None,
        on_train_begin=None,
        on_train_end=None,
        on_train_batch_begin=None,
        on_train_batch_end=None,
        **kwargs,
    ):
        super().__init__()
        given = dict(
            on_epoch_begin=on_epoch_begin,
            on_epoch_end=on_epoch_end,
            on_train_begin=on_train_begin,
            on_train_end=on_train_end,
            on_train_batch_begin=on_train_batch_begin,
            on_train_batch_end=on_train_batch_end,
        )
        aliases = {"on_batch_begin": "on_train_batch_begin", "on_batch_end": "on_train_batch_end"}
        for key, fn in kwargs.items():
            target = aliases.get(key, key)
            if target not in _HOOKS:
                raise ValueError(
                    f"LambdaCallback got an unknown hook {key!r}. Valid hooks: {list(_HOOKS)}"
                )
            given[target] = fn
        batch_hook = False
        for name, fn in given.items():
            if fn is None:
                continue
            if not callable(fn):
                raise ValueError(f"`{name}` must be callable. Received: {fn!r}")
            setattr(self, name, fn)
            batch_hook = batch_hook or name in ("on_train_batch_begin", "on_train_batch_end")
        # Only user functions on training batches may read the weights mid-epoch.
        self.needs_model_state_per_batch = batch_hook
