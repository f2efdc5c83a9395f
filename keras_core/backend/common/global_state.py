"""Process-wide state: unique ids, per-thread attributes, ``clear_session``."""

import collections
import gc
import threading

_STATE = threading.local()
_UIDS = collections.defaultdict(int)


def set_global_attribute(name, value):
    setattr(_STATE, name, value)


def get_global_attribute(name, default=None, set_to_default=False):
    # The thread's own dict: `getattr(_STATE, name, None)` raises and catches an
    # AttributeError for every unset name, ten times slower (it is read on every op).
    value = _STATE.__dict__.get(name)
    if value is None and default is not None:
        value = default
        if set_to_default:
            set_global_attribute(name, value)
    return value


def get_uid(prefix: str = "") -> int:
    """Returns a new integer id for ``prefix``, counting from 1.

    Example:
    >>> a = get_uid("dense")
    >>> get_uid("dense") == a + 1
    True
    """
    _UIDS[prefix] += 1
    return _UIDS[prefix]


def reset_uids():
    _UIDS.clear()


def clear_session() -> None:
    """Resets the names, ids and global state keras_core has built up.

    Example:
    >>> keras_core.backend.clear_session()
    >>> get_uid("dense")
    1
    """
    global _STATE
    reset_uids()
    _STATE = threading.local()
    from keras_core import backend

    backend.clear_backend_session()
    gc.collect()
