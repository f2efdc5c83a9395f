"""Layout descriptions on every backend; real sharding on jax (8 CPU devices in a subprocess)."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.distribution import (
    DataParallel,
    DeviceMesh,
    Distribution,
    LayoutMap,
    ModelParallel,
    TensorLayout,
    distribute_tensor,
    distribution,
    list_devices,
    set_distribution,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_list_devices():
    devices = list_devices()
    assert devices and all(":" in d for d in devices)
    assert list_devices("cpu")[0].startswith("cpu:")
    with pytest.raises(ValueError, match="device_type='fpga'"):
        list_devices("fpga")


def test_device_mesh_and_layout_validation():
    devices = [f"cpu:{i}" for i in range(8)]
    mesh = DeviceMesh((2, 4), ["batch", "model"], devices)
    assert mesh.devices.shape == (2, 4) and mesh.devices[1, 0] == "cpu:4"
    with pytest.raises(ValueError, match="needs 6 devices"):
        DeviceMesh((2, 3), ["a", "b"], devices)
    with pytest.raises(ValueError, match="one name per axis"):
        DeviceMesh((8,), ["a", "b"], devices)
    with pytest.raises(ValueError, match="shape="):
        DeviceMesh((0,), ["a"], devices)
    layout = TensorLayout((None, "model"), mesh)
    assert layout.axes == (None, "model") and layout.device_mesh is mesh
    with pytest.raises(ValueError, match="mesh axis"):
        TensorLayout(("data",), mesh)


def test_data_parallel_layouts():
    dp = DataParallel(devices=["cpu:0", "cpu:1"])
    assert dp.device_mesh.shape == (2,) and dp.batch_dim_name == "batch"
    assert dp.get_data_layout((16, 3, 3)).axes == ("batch", None, None)
    var = keras_core.Variable(np.zeros((3, 2)), name="w")
    assert dp.get_variable_layout(var).axes == (None, None)
    assert dp.get_tensor_layout("x") is None
    with pytest.raises(TypeError):
        Distribution(dp.device_mesh)


def test_layout_map_and_model_parallel():
    mesh = DeviceMesh((2, 2), ["batch", "model"], [f"cpu:{i}" for i in range(4)])
    layout_map = LayoutMap(mesh)
    layout_map["dense.*/kernel"] = (None, "model")
    layout_map["dense_1/bias"] = TensorLayout(("model",))
    assert layout_map["dense_1/bias"].device_mesh is mesh
    assert layout_map["my_dense_7/kernel"].axes == (None, "model")
    assert layout_map["conv/kernel"] is None
    assert len(layout_map) == 2 and list(layout_map) == ["dense.*/kernel", "dense_1/bias"]
    with pytest.raises(ValueError, match="already has a layout"):
        layout_map["dense_1/bias"] = ("model",)
    with pytest.raises(ValueError, match="TensorLayout or a tuple"):
        layout_map["x"] = "model"
    layout_map["dense_1.*"] = (None,)
    with pytest.raises(ValueError, match="several layout keys"):
        layout_map["dense_1/kernel"]
    del layout_map["dense_1.*"]
    mp = ModelParallel(mesh, layout_map, batch_dim_name="batch")
    assert mp.get_data_layout((8, 5)).axes == ("batch", None)
    layer = keras_core.layers.Dense(4, name="dense_9")
    layer.build((None, 3))
    assert mp.get_variable_layout(layer.kernel).axes == (None, "model")
    assert mp.get_variable_layout(layer.bias).axes == (None,)
    with pytest.raises(ValueError, match="batch_dim_name='data'"):
        ModelParallel(mesh, layout_map, batch_dim_name="data")


@pytest.mark.skipif(backend.backend() == "jax", reason="checks the non-jax error")
def test_non_jax_backends_say_distribution_is_jax_only():
    dp = DataParallel(devices=["cpu:0"])
    with pytest.raises(ValueError, match="jax-only"):
        set_distribution(dp)
    with pytest.raises(ValueError, match="jax backend"):
        distribute_tensor(np.zeros((2,)), dp.get_data_layout((2,)))
    assert distribution() is None


@pytest.mark.skipif(backend.backend() != "jax", reason="sharding is jax-only")
def test_jax_scope_set_and_single_device_sharding():
    dp = DataParallel()
    assert distribution() is None
    with dp.scope():
        assert distribution() is dp
    assert distribution() is None
    set_distribution(dp)
    try:
        assert distribution() is dp
    finally:
        set_distribution(None)
    x = distribute_tensor(np.arange(4.0), dp.get_data_layout((4,)))
    np.testing.assert_array_equal(np.asarray(x), np.arange(4.0))
    with pytest.raises(ValueError, match="no device_mesh"):
        distribute_tensor(np.zeros(2), TensorLayout((None,)))


_MULTI_DEVICE_SCRIPT = textwrap.dedent(
    """
    import numpy as np, jax
    from keras_core import distribution as d
    devices = d.list_devices("cpu")
    assert len(devices) == 8, devices
    mesh = d.DeviceMesh((2, 4), ["batch", "model"], devices)
    lm = d.LayoutMap(mesh)
    lm["kernel"] = (None, "model")
    mp = d.ModelParallel(mesh, lm)
    x = np.arange(8 * 12, dtype="float32").reshape(8, 12)
    sx = d.distribute_tensor(x, mp.get_data_layout(x.shape))
    assert len(sx.addressable_shards) == 8
    assert {s.data.shape for s in sx.addressable_shards} == {(4, 12)}
    np.testing.assert_array_equal(np.asarray(sx), x)
    w = d.distribute_variable(np.ones((12, 8), "float32"), lm["dense/kernel"])
    assert {s.data.shape for s in w.addressable_shards} == {(12, 2)}
    f = jax.jit(lambda a: d.distribute_tensor(a * 2, mp.get_data_layout(a.shape)))
    out = f(x)
    np.testing.assert_array_equal(np.asarray(out), x * 2)
    assert {s.data.shape for s in out.addressable_shards} == {(4, 12)}
    dp = d.DataParallel(devices=devices)
    d.set_distribution(dp)
    batch = d.distribution_lib.distribute_data_input({"a": x, "b": np.zeros((8,))})
    assert {s.data.shape for s in batch["b"].addressable_shards} == {(1,)}
    d.set_distribution(mp)
    import keras_core
    layer = keras_core.layers.Dense(8, name="dense")
    layer.build((None, 12))
    v = d.distribution_lib.maybe_distribute_variable_value(layer.kernel, layer.kernel.value)
    assert {s.data.shape for s in v.addressable_shards} == {(12, 2)}
    # a variable created under the distribution is laid out when it is initialized
    assert {s.data.shape for s in layer.kernel.value.addressable_shards} == {(12, 2)}
    d.set_distribution(dp)
    model = keras_core.Sequential([keras_core.Input((12,)), keras_core.layers.Dense(1)])
    model.compile("sgd", "mse")
    loss = model.fit(x, np.ones((8, 1), "float32"), batch_size=8, verbose=0).history["loss"]
    assert np.isfinite(loss[0])
    d.set_distribution(None)
    assert d.distribution_lib.distribute_data_input(x) is x
    print("SHARDED-OK")
    """
)


@pytest.mark.skipif(backend.backend() != "jax", reason="sharding is jax-only")
def test_jax_multi_device_sharding_in_subprocess():
    env = dict(os.environ, KERAS_BACKEND="jax", JAX_PLATFORMS="cpu")
    env["XLA_FLAGS"] = (
        env.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=8"
    ).strip()
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, "-c", _MULTI_DEVICE_SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SHARDED-OK" in result.stdout
