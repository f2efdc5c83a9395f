"""Global configuration: which backend runs, and the float/epsilon/format defaults.

Precedence for the backend name: the ``KERAS_BACKEND`` environment variable,
then ``$KERAS_HOME/keras.json`` (default ``~/.keras/keras.json``), then the
default ``"tensorflow"``. The choice is fixed when keras_core is imported.
"""

import json
import os

VALID_BACKENDS = ("tensorflow", "jax", "torch", "numpy")
VALID_FLOATX = ("float16", "bfloat16", "float32", "float64")
VALID_IMAGE_DATA_FORMATS = ("channels_last", "channels_first")

_DEFAULTS = {
    "floatx": "float32",
    "epsilon": 1e-7,
    "backend": "tensorflow",
    "image_data_format": "channels_last",
}

_FLOATX = _DEFAULTS["floatx"]
_EPSILON = _DEFAULTS["epsilon"]
_IMAGE_DATA_FORMAT = _DEFAULTS["image_data_format"]
_BACKEND = _DEFAULTS["backend"]


def _check_floatx(value):
    if value not in VALID_FLOATX:
        raise ValueError(f"`floatx` must be one of {VALID_FLOATX}. Received: floatx={value!r}")
    return value


def _check_image_data_format(value):
    if value not in VALID_IMAGE_DATA_FORMATS:
        raise ValueError(
            "`image_data_format` must be one of "
            f"{VALID_IMAGE_DATA_FORMATS}. Received: image_data_format={value!r}"
        )
    return value


def _check_epsilon(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"`epsilon` must be a non-negative float. Received: epsilon={value!r}")
    return float(value)


def _check_backend(value, source):
    if value not in VALID_BACKENDS:
        raise ValueError(
            f"Unknown backend {value!r} (from {source}). "
            f"`backend` must be one of {VALID_BACKENDS}. Received: backend={value!r}"
        )
    return value


def floatx() -> str:
    """Returns the default float type, as a string (e.g. ``"float32"``).

    Example:
    >>> keras_core.config.floatx()
    'float32'
    """
    return _FLOATX


def set_floatx(value: str) -> None:
    """Sets the default float type.

    Args:
        value: one of ``"float16"``, ``"bfloat16"``, ``"float32"``, ``"float64"``.

    Example:
    >>> keras_core.config.set_floatx("float64")
    >>> keras_core.ops.dtype(keras_core.ops.ones((2,)))
    'float64'
    >>> keras_core.config.set_floatx("float32")
    """
    global _FLOATX
    _FLOATX = _check_floatx(str(value))


def epsilon() -> float:
    """Returns the fuzz factor used in numeric expressions (default ``1e-7``).

    Example:
    >>> keras_core.config.epsilon()
    1e-07
    """
    return _EPSILON


def set_epsilon(value: float) -> None:
    """Sets the fuzz factor used in numeric expressions.

    Example:
    >>> keras_core.config.set_epsilon(1e-5)
    >>> keras_core.config.epsilon()
    1e-05
    >>> keras_core.config.set_epsilon(1e-7)
    """
    global _EPSILON
    _EPSILON = _check_epsilon(value)


def image_data_format() -> str:
    """Returns the default image data format: ``"channels_last"`` or ``"channels_first"``.

    Example:
    >>> keras_core.config.image_data_format()
    'channels_last'
    """
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format: str) -> None:
    """Sets the default image data format.

    Example:
    >>> keras_core.config.set_image_data_format("channels_first")
    >>> keras_core.config.image_data_format()
    'channels_first'
    >>> keras_core.config.set_image_data_format("channels_last")
    """
    global _IMAGE_DATA_FORMAT
    _IMAGE_DATA_FORMAT = _check_image_data_format(str(data_format).lower())


def standardize_data_format(data_format):
    """Returns ``data_format`` checked, or the global default when it is None."""
    if data_format is None:
        return image_data_format()
    return _check_image_data_format(str(data_format).lower())


def backend() -> str:
    """Returns the name of the active backend.

    Example:
    >>> keras_core.config.backend() in ("tensorflow", "jax", "torch", "numpy")
    True
    """
    return _BACKEND


def keras_home() -> str:
    """The folder that holds ``keras.json``: ``$KERAS_HOME`` or ``~/.keras``."""
    if "KERAS_HOME" in os.environ:
        return os.environ["KERAS_HOME"]
    base = os.path.expanduser("~")
    if not os.access(base, os.W_OK):
        base = "/tmp"
    return os.path.join(base, ".keras")


def _load_config_file():
    """Reads keras.json; writes it with defaults when missing and writable."""
    global _FLOATX, _EPSILON, _IMAGE_DATA_FORMAT, _BACKEND
    home = keras_home()
    path = os.path.join(home, "keras.json")
    if os.path.exists(path):
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            raise ValueError(f"Could not read the Keras config file {path}: {e}") from e
        if not isinstance(data, dict):
            raise ValueError(
                f"The Keras config file {path} must hold a JSON object. "
                f"Received: {type(data).__name__}"
            )
        source = f"config file {path}"
        if "floatx" in data:
            _FLOATX = _check_floatx(data["floatx"])
        if "epsilon" in data:
            _EPSILON = _check_epsilon(data["epsilon"])
        if "image_data_format" in data:
            _IMAGE_DATA_FORMAT = _check_image_data_format(data["image_data_format"])
        if "backend" in data:
            _BACKEND = _check_backend(data["backend"], source)
    else:
        try:
            os.makedirs(home, exist_ok=True)
            tmp = path + f".tmp{os.getpid()}"
            with open(tmp, "w") as f:
                json.dump(dict(_DEFAULTS), f, indent=4)
            os.replace(tmp, path)
        except OSError:
            # A read-only home is fine: the defaults apply without a file.
            return
    env = os.environ.get("KERAS_BACKEND")
    if env:
        _BACKEND = _check_backend(env, "the KERAS_BACKEND environment variable")


_load_config_file()
