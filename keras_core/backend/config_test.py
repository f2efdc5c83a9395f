"""Backend selection and global config. Precedence is tested in subprocesses
with a temporary KERAS_HOME, so the running test process is not disturbed."""

import json
import os
import subprocess
import sys

import pytest

from keras_core.backend import config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAMEWORKS = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}


def _run(code, home, backend_env=None):
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    env["KERAS_HOME"] = str(home)
    env["PYTHONPATH"] = ROOT
    if backend_env is not None:
        env["KERAS_BACKEND"] = backend_env
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def _write_config(home, **values):
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "keras.json"), "w") as f:
        json.dump(values, f)


PRINT_BACKEND = "import keras_core; print(keras_core.config.backend())"


def test_env_var_wins_over_file(tmp_path):
    _write_config(tmp_path, backend="jax")
    out = _run(PRINT_BACKEND, tmp_path, backend_env="numpy")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "numpy"


def test_file_wins_over_default(tmp_path):
    _write_config(
        tmp_path,
        backend="numpy",
        floatx="float64",
        epsilon=1e-5,
        image_data_format="channels_first",
    )
    code = (
        "import keras_core as k; c = k.config;"
        "print(c.backend(), c.floatx(), c.epsilon(), c.image_data_format())"
    )
    out = _run(code, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["numpy", "float64", "1e-05", "channels_first"]


def test_default_is_tensorflow_and_file_is_written(tmp_path):
    home = tmp_path / "fresh"
    out = _run("from keras_core.backend import config; print(config.backend())", home)
    if out.returncode != 0 and "pip install" in out.stderr:
        pytest.fail("tensorflow must be installed for the default backend: " + out.stderr[-300:])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "tensorflow"
    written = json.load(open(home / "keras.json"))
    assert written == {
        "floatx": "float32",
        "epsilon": 1e-7,
        "backend": "tensorflow",
        "image_data_format": "channels_last",
    }


def test_unknown_backend_name_lists_valid_ones(tmp_path):
    out = _run(PRINT_BACKEND, tmp_path, backend_env="mxnet")
    assert out.returncode != 0
    assert "mxnet" in out.stderr
    for name in ("tensorflow", "jax", "torch", "numpy"):
        assert name in out.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "name,module,command",
    [
        ("torch", "torch", "pip install torch==2.13.0"),
        ("jax", "jax", "pip install jax==0.10.2 jaxlib==0.10.2"),
        ("tensorflow", "tensorflow", "pip install tensorflow-cpu==2.21.0"),
    ],
)
def test_missing_framework_gives_the_pip_command(tmp_path, name, module, command):
    # ``sys.modules[m] = None`` makes the framework look uninstalled to the import system.
    code = f"import sys; sys.modules[{module!r}] = None; import keras_core"
    out = _run(code, tmp_path, backend_env=name)
    assert out.returncode != 0
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError") and command in last and "KERAS_BACKEND" in last


@pytest.mark.parametrize(
    "key,value",
    [("floatx", "float8"), ("image_data_format", "channels_middle"), ("backend", "theano")],
)
def test_bad_config_file_value_is_named(tmp_path, key, value):
    _write_config(tmp_path, **{key: value})
    out = _run(PRINT_BACKEND, tmp_path)
    assert out.returncode != 0
    last = out.stderr.strip().splitlines()[-1]
    assert key in last and value in last


def test_import_loads_only_selected_framework(tmp_path):
    """keras_core adds no framework beyond what importing the selected one loads by
    itself (TensorFlow 2.21 imports jax on its own when jax is installed)."""
    current = config.backend()
    probe = "print(' '.join(m for m in ('tensorflow', 'jax', 'torch') if m in sys.modules))"
    out = _run("import sys, keras_core; " + probe, tmp_path, backend_env=current)
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    module = FRAMEWORKS.get(current, "numpy")
    alone = _run(f"import sys, {module}; " + probe, tmp_path, backend_env=current)
    assert alone.returncode == 0, alone.stderr
    baseline = set(alone.stdout.split())
    expected = baseline | ({FRAMEWORKS[current]} if current in FRAMEWORKS else set())
    assert loaded == expected
    others = {"tensorflow", "jax", "torch"} - {module} - baseline
    assert not (loaded & others)


def test_set_floatx_validates():
    with pytest.raises(ValueError, match=r"floatx.*float32.*Received: floatx='float8'"):
        config.set_floatx("float8")
    old = config.floatx()
    try:
        config.set_floatx("float64")
        assert config.floatx() == "float64"
    finally:
        config.set_floatx(old)


def test_set_image_data_format_validates():
    with pytest.raises(ValueError, match=r"channels_last.*Received: image_data_format='nhwc'"):
        config.set_image_data_format("nhwc")
    old = config.image_data_format()
    try:
        config.set_image_data_format("channels_first")
        assert config.image_data_format() == "channels_first"
    finally:
        config.set_image_data_format(old)


def test_set_epsilon_validates():
    with pytest.raises(ValueError, match="epsilon"):
        config.set_epsilon("small")
    old = config.epsilon()
    try:
        config.set_epsilon(1e-4)
        assert config.epsilon() == 1e-4
    finally:
        config.set_epsilon(old)


def test_public_names():
    import keras_core

    for name in (
        "backend clear_session epsilon floatx get_uid image_data_format is_float_dtype "
        "is_int_dtype is_keras_tensor set_epsilon set_floatx set_image_data_format "
        "standardize_dtype"
    ).split():
        assert callable(getattr(keras_core.backend, name)), name
    for name in (
        "backend disable_interactive_logging disable_traceback_filtering "
        "enable_interactive_logging enable_traceback_filtering "
        "enable_unsafe_deserialization epsilon floatx image_data_format "
        "is_interactive_logging_enabled is_traceback_filtering_enabled set_epsilon "
        "set_floatx set_image_data_format"
    ).split():
        assert callable(getattr(keras_core.config, name)), name


def test_logging_and_traceback_flags():
    import keras_core

    c = keras_core.config
    assert c.is_interactive_logging_enabled()
    c.disable_interactive_logging()
    assert not c.is_interactive_logging_enabled()
    c.enable_interactive_logging()
    assert c.is_interactive_logging_enabled()
    c.disable_traceback_filtering()
    assert not c.is_traceback_filtering_enabled()
    c.enable_traceback_filtering()
    assert c.is_traceback_filtering_enabled()
