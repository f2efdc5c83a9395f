"""keras_core.config: global settings (backend, floatx, epsilon, image format, logging)."""

from keras_core.backend.common import global_state
from keras_core.backend.config import (  # noqa: F401 (public re-exports)
    backend,
    epsilon,
    floatx,
    image_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
)


def enable_interactive_logging() -> None:
    """Makes progress output (e.g. ``fit``'s progress bar) print to stdout.

    Example:
    >>> keras_core.config.enable_interactive_logging()
    >>> keras_core.config.is_interactive_logging_enabled()
    True
    """
    global_state.set_global_attribute("interactive_logging", True)


def disable_interactive_logging() -> None:
    """Sends progress output to the ``logging`` module instead of stdout.

    Example:
    >>> keras_core.config.disable_interactive_logging()
    >>> keras_core.config.is_interactive_logging_enabled()
    False
    >>> keras_core.config.enable_interactive_logging()
    """
    global_state.set_global_attribute("interactive_logging", False)


def is_interactive_logging_enabled() -> bool:
    """True when progress output prints to stdout (the default).

    Example:
    >>> keras_core.config.is_interactive_logging_enabled()
    True
    """
    value = global_state.get_global_attribute("interactive_logging")
    return True if value is None else bool(value)


def enable_traceback_filtering() -> None:
    """Hides keras_core's internal frames from the tracebacks of its errors.

    Example:
    >>> keras_core.config.enable_traceback_filtering()
    >>> keras_core.config.is_traceback_filtering_enabled()
    True
    """
    global_state.set_global_attribute("traceback_filtering", True)


def disable_traceback_filtering() -> None:
    """Shows full tracebacks, keras_core's internal frames included.

    Example:
    >>> keras_core.config.disable_traceback_filtering()
    >>> keras_core.config.is_traceback_filtering_enabled()
    False
    >>> keras_core.config.enable_traceback_filtering()
    """
    global_state.set_global_attribute("traceback_filtering", False)


def is_traceback_filtering_enabled() -> bool:
    """True when tracebacks are filtered (the default).

    Example:
    >>> keras_core.config.is_traceback_filtering_enabled()
    True
    """
    value = global_state.get_global_attribute("traceback_filtering")
    return True if value is None else bool(value)


def enable_unsafe_deserialization() -> None:
    """Allows loading files that hold Python code (e.g. ``Lambda`` layers).

    Only do this for files you trust: loading runs the code they contain.

    The setting lasts until ``keras_core.backend.clear_session()``.

    Example:
    >>> from keras_core.saving import serialization_lib
    >>> keras_core.config.enable_unsafe_deserialization()
    >>> serialization_lib.in_safe_mode()
    False
    >>> keras_core.backend.clear_session()
    >>> serialization_lib.in_safe_mode()
    True
    """
    global_state.set_global_attribute("safe_mode", False)
