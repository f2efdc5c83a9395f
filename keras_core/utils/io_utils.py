"""Console output for training logs, with a switch between interactive and plain logging."""

import logging
import sys

from keras_core.backend.common import global_state

_LOGGER = logging.getLogger("keras_core")


def enable_interactive_logging():
    """Training logs go to stdout (progress bars redraw in place on a terminal)."""
    global_state.set_global_attribute("interactive_logging", True)


def disable_interactive_logging():
    """Training logs go to the ``keras_core`` Python logger instead of stdout."""
    global_state.set_global_attribute("interactive_logging", False)


def is_interactive_logging_enabled():
    """Whether training logs go to stdout (the default).

    Example:
    >>> is_interactive_logging_enabled()
    True
    """
    value = global_state.get_global_attribute("interactive_logging")
    return True if value is None else bool(value)


def print_msg(message, line_break=True):
    """Prints ``message`` to stdout, or logs it when interactive logging is off."""
    if is_interactive_logging_enabled():
        sys.stdout.write(message + ("\n" if line_break else ""))
        sys.stdout.flush()
    else:
        _LOGGER.info(message)


def is_terminal():
    """Whether stdout redraws a line with ``\\r`` (a TTY or a notebook)."""
    if "ipykernel" in sys.modules:
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:
        return False
