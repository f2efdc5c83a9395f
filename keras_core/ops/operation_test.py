import numpy as np
import pytest

import keras_core
from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.ops.operation import Operation


class Scale(Operation):
    """An op with an explicit symbolic spec."""

    def __init__(self, factor, name=None):
        super().__init__(name=name)
        self.factor = factor

    def call(self, x):
        return backend.core.convert_to_tensor(backend.convert_to_numpy(x) * self.factor)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, x.dtype)


class Pair(Operation):
    """An op without compute_output_spec: inferred by probing ``call``."""

    def call(self, x, y):
        return backend.core.cast(x, "int32"), y


def test_eager_call_runs_call():
    out = Scale(3.0)(np.array([1.0, 2.0], "float32"))
    np.testing.assert_array_equal(backend.convert_to_numpy(out), [3.0, 6.0])


def test_symbolic_call_records_history():
    x = KerasTensor((None, 2))
    op = Scale(2.0, name="scale")
    y = op(x)
    assert isinstance(y, KerasTensor) and y.shape == (None, 2)
    op_, node_index, tensor_index = y._keras_history
    assert op_ is op and node_index == 0 and tensor_index == 0
    assert op.input is x and op.output is y
    z = op(y)
    assert z._keras_history.node_index == 1
    assert len(op._inbound_nodes) == 2 and op._inbound_nodes[1].parent_nodes == [
        op._inbound_nodes[0]
    ]


def test_inferred_spec_by_probing_keeps_none_dims():
    a, b = Pair()(KerasTensor((None, 3), "float32"), KerasTensor((4,), "float16"))
    assert a.shape == (None, 3) and a.dtype == "int32"
    assert b.shape == (4,) and b.dtype == "float16"


def test_names_are_unique_and_checked():
    a, b = Scale(1.0), Scale(1.0)
    assert a.name != b.name and a.name.startswith("scale")
    with pytest.raises(ValueError, match="name"):
        Scale(1.0, name="a/b")


def test_config_round_trip():
    op = Scale(4.0, name="s4")
    config = op.get_config()
    assert config == {"name": "s4", "factor": 4.0}
    clone = Scale.from_config(config)
    assert clone.factor == 4.0 and clone.name == "s4"


def test_unused_operation_has_no_input():
    with pytest.raises(ValueError, match="never been called"):
        _ = Scale(1.0).input


def test_top_level_exports():
    assert keras_core.Operation is Operation
    assert keras_core.KerasTensor is KerasTensor
