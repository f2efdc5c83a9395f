"""Device meshes, tensor layouts and the data/model-parallel distributions.

The layout descriptions are plain Python and work on every backend. Applying a
layout to real arrays goes through ``jax.sharding`` and is available on the jax
backend only (jax is imported lazily, and only on that backend); the other
backends raise an error saying so.
"""

import abc
import collections.abc
import contextlib
import re

import numpy as np

from keras_core import backend
from keras_core.backend.common import global_state

_GLOBAL_KEY = "distribution"


def _require_jax(what):
    if backend.backend() != "jax":
        raise ValueError(
            f"`{what}` needs the jax backend: keras_core's distribution API lays arrays out "
            f"with jax.sharding and is jax-only. Received: backend={backend.backend()!r} "
            "(set KERAS_BACKEND=jax)"
        )
    import jax

    return jax


def list_devices(device_type: str | None = None) -> list:
    """The devices of the active backend, as ``"<type>:<index>"`` strings.

    Args:
        device_type: ``"cpu"``, ``"gpu"`` or ``"tpu"``; the backend's default
            kind (accelerators when present, else CPU) when None.

    Returns:
        A list of device strings such as ``["cpu:0"]``.
    """
    if device_type is not None:
        device_type = str(device_type).lower()
        if device_type not in ("cpu", "gpu", "tpu"):
            raise ValueError(
                f'`device_type` must be "cpu", "gpu", "tpu" or None. '
                f"Received: device_type={device_type!r}"
            )
    name = backend.backend()
    if name == "jax":
        import jax

        try:
            devices = jax.devices(device_type)
        except RuntimeError:
            return []
        return [f"{d.platform}:{d.id}" for d in devices]
    if name == "tensorflow":
        import tensorflow as tf

        kinds = [device_type.upper()] if device_type else ["GPU", "TPU", "CPU"]
        for kind in kinds:
            found = tf.config.list_logical_devices(kind)
            if found:
                return [f"{kind.lower()}:{i}" for i in range(len(found))]
        return []
    if name == "torch":
        import torch

        gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if device_type == "gpu" or (device_type is None and gpus):
            return [f"gpu:{i}" for i in range(gpus)]
        if device_type == "tpu":
            return []
        return ["cpu:0"]
    return ["cpu:0"] if device_type in (None, "cpu") else []


class DeviceMesh:
    """A named n-dimensional grid of devices.

    Args:
        shape: the grid shape, e.g. ``(2, 4)``; its product is the number of devices.
        axis_names: one name per grid axis, e.g. ``("batch", "model")``.
        devices: the device strings (``list_devices()`` when None), laid out
            row-major over ``shape``.

    Example:
    >>> mesh = DeviceMesh((1,), ["batch"], devices=["cpu:0"])
    >>> mesh.shape, mesh.axis_names
    ((1,), ['batch'])
    """

    def __init__(self, shape, axis_names, devices=None):
        if (
            not isinstance(shape, (tuple, list))
            or not shape
            or any(
                isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s <= 0 for s in shape
            )
        ):
            raise ValueError(
                f"`shape` must be a non-empty tuple of positive integers. Received: shape={shape!r}"
            )
        axis_names = list(axis_names)
        if len(axis_names) != len(shape):
            raise ValueError(
                "`axis_names` must have one name per axis of `shape`. Received: "
                f"shape={tuple(shape)}, axis_names={axis_names}"
            )
        if len(set(axis_names)) != len(axis_names):
            raise ValueError(f"`axis_names` must be unique. Received: axis_names={axis_names}")
        if devices is None:
            devices = list_devices()
        devices = np.asarray(devices)
        if devices.size != int(np.prod(shape)):
            raise ValueError(
                f"`shape` {tuple(shape)} needs {int(np.prod(shape))} devices. Received: "
                f"{devices.size} devices"
            )
        self._shape = tuple(int(s) for s in shape)
        self._axis_names = axis_names
        self._devices = devices.reshape(self._shape)

    @property
    def shape(self):
        return self._shape

    @property
    def axis_names(self):
        return self._axis_names

    @property
    def devices(self):
        return self._devices

    def __repr__(self):
        return f"<DeviceMesh shape={self._shape}, axis_names={self._axis_names}>"


class TensorLayout:
    """How a tensor's axes map onto a mesh's axes.

    Args:
        axes: one entry per tensor axis: a mesh axis name (that tensor axis is
            split across that mesh axis) or None (not split).
        device_mesh: the mesh; may be set later (e.g. by a ``LayoutMap``).

    Example:
    >>> TensorLayout((None, "model")).axes
    (None, 'model')
    """

    def __init__(self, axes, device_mesh=None):
        self._axes = tuple(axes)
        self._device_mesh = None
        self.device_mesh = device_mesh

    @property
    def axes(self):
        return self._axes

    @property
    def device_mesh(self):
        return self._device_mesh

    @device_mesh.setter
    def device_mesh(self, device_mesh):
        if device_mesh is not None:
            if not isinstance(device_mesh, DeviceMesh):
                raise ValueError(
                    f"`device_mesh` must be a DeviceMesh. Received: {type(device_mesh).__name__}"
                )
            unknown = [a for a in self._axes if a is not None and a not in device_mesh.axis_names]
            if unknown:
                raise ValueError(
                    f"Every axis of the layout must be a mesh axis {device_mesh.axis_names} or "
                    f"None. Received: axes={self._axes}"
                )
        self._device_mesh = device_mesh

    def __repr__(self):
        return f"<TensorLayout axes={self._axes}, device_mesh={self._device_mesh}>"


class Distribution(abc.ABC):
    """The base of distributions: the layouts of input data, variables and named tensors.

    Args:
        device_mesh: the mesh the layouts refer to.
    """

    def __init__(self, device_mesh):
        if not isinstance(device_mesh, DeviceMesh):
            raise ValueError(
                f"`device_mesh` must be a DeviceMesh. Received: {type(device_mesh).__name__}"
            )
        self._device_mesh = device_mesh

    @property
    def device_mesh(self):
        return self._device_mesh

    @abc.abstractmethod
    def get_data_layout(self, data_shape):
        """The layout of an input batch of shape ``data_shape``."""

    @abc.abstractmethod
    def get_variable_layout(self, variable):
        """The layout of ``variable``."""

    def get_tensor_layout(self, path):
        """The layout of the intermediate tensor named ``path``, or None."""
        return None

    @contextlib.contextmanager
    def scope(self):
        """A context in which this is the global distribution."""
        previous = distribution()
        global_state.set_global_attribute(_GLOBAL_KEY, self)
        try:
            yield
        finally:
            global_state.set_global_attribute(_GLOBAL_KEY, previous)

    def distribute_dataset(self, dataset):
        """The dataset each process reads (the whole dataset in a single process)."""
        return dataset

    def _batch_layout(self, data_shape, batch_dim_name):
        axes = [None] * len(data_shape)
        if axes:
            axes[0] = batch_dim_name
        return TensorLayout(axes, self._device_mesh)

    def _replicated(self, shape):
        return TensorLayout([None] * len(shape), self._device_mesh)


class DataParallel(Distribution):
    """Splits every batch across devices along its first axis; replicates every variable.

    Args:
        device_mesh: a mesh whose first axis splits the batch; built from
            ``devices`` (or all devices) as a 1-D ``"batch"`` mesh when None.
        devices: the devices of that 1-D mesh.

    Example:
    >>> dp = DataParallel(devices=["cpu:0"])
    >>> dp.get_data_layout((8, 3)).axes
    ('batch', None)
    """

    def __init__(self, device_mesh=None, devices=None):
        if device_mesh is None:
            if devices is None:
                devices = list_devices()
            device_mesh = DeviceMesh((len(devices),), ["batch"], devices)
        super().__init__(device_mesh)
        self._batch_dim_name = device_mesh.axis_names[0]

    @property
    def batch_dim_name(self):
        return self._batch_dim_name

    def get_data_layout(self, data_shape):
        return self._batch_layout(data_shape, self._batch_dim_name)

    def get_variable_layout(self, variable):
        return self._replicated(variable.shape)


class ModelParallel(Distribution):
    """Lays variables out by a ``LayoutMap`` (by variable path) and splits batches.

    Args:
        device_mesh: the mesh.
        layout_map: a ``LayoutMap`` from variable-path patterns to layouts;
            variables it does not match are replicated.
        batch_dim_name: the mesh axis splitting the batch; the first when None.
    """

    def __init__(self, device_mesh, layout_map, batch_dim_name=None):
        super().__init__(device_mesh)
        if not isinstance(layout_map, LayoutMap):
            raise ValueError(
                f"`layout_map` must be a LayoutMap. Received: {type(layout_map).__name__}"
            )
        if batch_dim_name is None:
            batch_dim_name = device_mesh.axis_names[0]
        if batch_dim_name not in device_mesh.axis_names:
            raise ValueError(
                f"`batch_dim_name` must be a mesh axis {device_mesh.axis_names}. "
                f"Received: batch_dim_name={batch_dim_name!r}"
            )
        self._layout_map = layout_map
        self._batch_dim_name = batch_dim_name

    @property
    def batch_dim_name(self):
        return self._batch_dim_name

    def get_data_layout(self, data_shape):
        return self._batch_layout(data_shape, self._batch_dim_name)

    def get_variable_layout(self, variable):
        layout = self._layout_map[variable.path]
        if layout is None:
            return self._replicated(variable.shape)
        if len(layout.axes) != len(variable.shape):
            raise ValueError(
                f"The layout for variable {variable.path!r} has {len(layout.axes)} axes but the "
                f"variable has shape {tuple(variable.shape)}. Received: axes={layout.axes}"
            )
        return layout

    def get_tensor_layout(self, path):
        return self._layout_map[path]


class LayoutMap(collections.abc.MutableMapping):
    """A dict from variable-path patterns (regular expressions) to ``TensorLayout``.

    Looking a path up returns the layout of the key equal to it, else of the
    one key that matches it with ``re.search``, else None; a path matched by
    several keys is an error.

    Args:
        device_mesh: the mesh given to every layout put in the map.

    Example:
    >>> layout_map = LayoutMap(DeviceMesh((1,), ["model"], devices=["cpu:0"]))
    >>> layout_map["dense.*kernel"] = (None, "model")
    >>> layout_map["my_dense/kernel"].axes
    (None, 'model')
    >>> layout_map["my_dense/bias"] is None
    True
    """

    def __init__(self, device_mesh=None):
        self._layouts = collections.OrderedDict()
        self._device_mesh = device_mesh

    @property
    def device_mesh(self):
        return self._device_mesh

    def __getitem__(self, key):
        if key in self._layouts:
            return self._layouts[key]
        matches = [k for k in self._layouts if re.search(k, key)]
        if len(matches) > 1:
            raise ValueError(
                f"Path {key!r} matches several layout keys {matches}; make the keys exclusive."
            )
        return self._layouts[matches[0]] if matches else None

    def __setitem__(self, key, layout):
        if key in self._layouts:
            raise ValueError(
                f"{key!r} already has a layout ({self._layouts[key]}); delete it first to replace it."
            )
        if isinstance(layout, (tuple, list)):
            layout = TensorLayout(layout, None)
        if not isinstance(layout, TensorLayout):
            raise ValueError(
                "A LayoutMap value must be a TensorLayout or a tuple of axis names. "
                f"Received: {key!r} -> {layout!r}"
            )
        if layout.device_mesh is None and self._device_mesh is not None:
            layout.device_mesh = self._device_mesh
        self._layouts[key] = layout

    def __delitem__(self, key):
        del self._layouts[key]

    def __len__(self):
        return len(self._layouts)

    def __iter__(self):
        return iter(self._layouts)


def distribution():
    """The global distribution (set by ``set_distribution`` or a ``scope``), or None."""
    return global_state.get_global_attribute(_GLOBAL_KEY)


def set_distribution(value):
    """Sets the global distribution (jax backend only; None clears it).

    Args:
        value: a ``Distribution`` or None.
    """
    if value is not None:
        _require_jax("set_distribution")
        if not isinstance(value, Distribution):
            raise ValueError(
                f"`value` must be a Distribution or None. Received: {type(value).__name__}"
            )
    global_state.set_global_attribute(_GLOBAL_KEY, value)


# ------------------------------------------------------------------ jax part


def _jax_device(jax, name):
    kind, _, index = str(name).partition(":")
    for device in jax.devices(kind or None):
        if str(device.id) == index:
            return device
    raise ValueError(f"Unknown device {name!r}. Available: {list_devices(kind or None)}")


def to_jax_sharding(layout):
    """The ``jax.sharding.NamedSharding`` of a ``TensorLayout`` (jax backend)."""
    jax = _require_jax("distribute_tensor")
    if not isinstance(layout, TensorLayout):
        raise ValueError(f"`layout` must be a TensorLayout. Received: {type(layout).__name__}")
    if layout.device_mesh is None:
        raise ValueError(
            f"The layout {layout} has no device_mesh; give it one (or put it in a LayoutMap "
            "with a mesh) before distributing tensors."
        )
    mesh = layout.device_mesh
    devices = np.vectorize(lambda d: _jax_device(jax, d), otypes=[object])(mesh.devices)
    jax_mesh = jax.sharding.Mesh(devices, tuple(mesh.axis_names))
    return jax.sharding.NamedSharding(jax_mesh, jax.sharding.PartitionSpec(*layout.axes))


def distribute_tensor(tensor, layout):
    """Lays ``tensor`` out over devices as ``layout`` says (jax backend only).

    Under ``jax.jit`` this constrains the traced value's sharding; outside it
    moves the array onto the devices.

    Args:
        tensor: an array or tensor.
        layout: a ``TensorLayout`` with a device mesh.

    Returns:
        The distributed jax array.
    """
    jax = _require_jax("distribute_tensor")
    sharding = to_jax_sharding(layout)
    if isinstance(tensor, jax.core.Tracer):
        return jax.lax.with_sharding_constraint(tensor, sharding)
    return jax.device_put(tensor, sharding)


def distribute_variable(value, layout):
    """The initial value of a variable laid out as ``layout`` says (jax backend only)."""
    jax = _require_jax("distribute_variable")
    return jax.device_put(value, to_jax_sharding(layout))


def maybe_distribute_variable_value(variable, value):
    """``value`` laid out by the global distribution's layout for ``variable`` (jax).

    The hook for a backend Variable's initialization: with no global
    distribution the value is returned unchanged.
    """
    dist = distribution()
    if dist is None:
        return value
    return distribute_variable(value, dist.get_variable_layout(variable))


def distribute_data_input(data):
    """Every array in the (nested) batch ``data`` split by the global distribution's data layout.

    The hook for a trainer's input batches: with no global distribution the
    batch is returned unchanged.
    """
    dist = distribution()
    if dist is None:
        return data
    from keras_core.backend.common import tree

    return tree.map_structure(
        lambda x: x if x is None else distribute_tensor(x, dist.get_data_layout(np.shape(x))),
        data,
    )
