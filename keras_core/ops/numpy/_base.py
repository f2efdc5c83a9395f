"""Machinery shared by the NumPy-like op declarations.

Every op is an ``Operation`` subclass made by ``op_class``: its configuration
(axis, keepdims, ...) goes to ``__init__``, its tensors to ``call``, and a
``spec`` function gives the symbolic output (shape with ``None`` dims, dtype
from ``dtype_rules``). The public functions check their non-tensor arguments,
route KerasTensors to the Operation, and send everything else straight to
``backend.numpy``.
"""

import operator

import numpy as np

from keras_core import backend
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import result_type, standardize_dtype
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.ops.op_utils import broadcast_shapes, canonicalize_axis, shape_of
from keras_core.ops.operation import Operation

INDEX_DTYPE = dtype_rules.INDEX_DTYPE


class NumpyOp(Operation):
    """Base class of the NumPy-like ops: ``fn`` names the backend function, ``spec``
    computes the symbolic output from the call arguments and the configuration."""

    fn = ""

    def __init__(self, name=None, **config):
        super().__init__(name=name)
        self.config = config

    def call(self, *args):
        return getattr(backend.numpy, self.fn)(*args, **self.config)

    def compute_output_spec(self, *args):
        return type(self).spec(*args, **self.config)

    @staticmethod
    def spec(*args, **config):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, **self.config}


def op_class(class_name, fn, spec, call=None):
    """A ``NumpyOp`` subclass named ``class_name`` that calls ``backend.numpy.<fn>``.

    ``call(config, *args)`` replaces the default ``backend.numpy.<fn>(*args, **config)``
    when the tensors are not the leading positional arguments of the backend function.
    """
    attrs = {
        "fn": fn,
        "spec": staticmethod(spec),
        "__doc__": f"The Operation of ``keras_core.ops.{fn}`` (symbolic and eager).",
        "__module__": __name__,
    }
    if call is not None:
        attrs["call"] = lambda self, *args: call(self.config, *args)
    return type(class_name, (NumpyOp,), attrs)


# ----------------------------------------------------------------------------- dtype rules


def same_dtype(x, *_):
    return result_type(dtype_rules.dtype_of(x))


def promote(*xs):
    return dtype_rules.binary_dtype(*xs)


def promote_no_bool(*xs):
    d = dtype_rules.binary_dtype(*xs)
    return "int32" if d == "bool" else d


def float_dtype(*xs):
    return dtype_rules.float_dtype(*xs)


def unary_dtype(x):
    return dtype_rules.arithmetic_unary_dtype(x)


def sum_dtype(x, dtype=None):
    return standardize_dtype(dtype) if dtype is not None else dtype_rules.sum_dtype(x)


def bool_dtype(*_):
    return "bool"


def index_dtype(*_):
    return INDEX_DTYPE


def real_dtype(d):
    return {"complex64": "float32", "complex128": "float64"}.get(d, d)


def check_integer_dtype(op, d, arg="x"):
    """Symbolic counterpart of the backends' integer-only checks (bitwise ops, gcd, ...)."""
    if not (d == "bool" or d.startswith("int") or d.startswith("uint")):
        raise TypeError(f"{op}: `{arg}` must hold integers or booleans. Received dtype {d}.")


# ----------------------------------------------------------------------------- shapes


def ndim_of(x):
    return len(shape_of(x))


def kt(shape, dtype):
    return KerasTensor(tuple(shape), dtype=dtype)


def broadcast(op, *xs):
    shape = ()
    for x in xs:
        shape = broadcast_shapes(shape, shape_of(x), op)
    return shape


def check_broadcast(op, x1, x2):
    """Raises the ValueError of ``op`` when the shapes of ``x1`` and ``x2`` do not broadcast."""
    broadcast_shapes(shape_of(x1), shape_of(x2), op)


def as_int(op, value, arg):
    try:
        return operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{arg}` must be an int. Received: {arg}={value!r}") from e


def axis_arg(op, axis, ndim, allow_none=True, allow_tuple=True, arg="axis"):
    """Validates ``axis`` (None, an int, or a tuple/list of ints) against ``ndim``.

    Returns a sorted tuple of non-negative axes, or None.
    """
    if axis is None:
        if not allow_none:
            raise TypeError(f"{op}: `{arg}` must be an int. Received: {arg}=None")
        return None
    if isinstance(axis, (list, tuple)):
        if not allow_tuple:
            raise TypeError(f"{op}: `{arg}` must be an int or None. Received: {arg}={axis!r}")
        axes = tuple(canonicalize_axis(a, ndim, op, arg) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{op}: `{arg}` has repeated axes. Received: {arg}={axis}")
        return tuple(sorted(axes))
    return (canonicalize_axis(axis, ndim, op, arg),)


def one_axis(op, axis, ndim, arg="axis"):
    return canonicalize_axis(axis, ndim, op, arg)


def reduced_shape(shape, axes, keepdims):
    if axes is None:
        axes = tuple(range(len(shape)))
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def shape_arg(op, shape, arg="shape"):
    """A shape argument as a tuple of ints (an int is a 1-D shape)."""
    if isinstance(shape, KerasTensor):
        raise TypeError(f"{op}: `{arg}` must be a static shape, not a symbolic tensor.")
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    try:
        out = tuple(operator.index(s) for s in shape)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{arg}` must be an int or a tuple of ints. Received: {arg}={shape!r}"
        ) from e
    return out


def choice(op, arg, value, choices):
    if value not in choices:
        raise ValueError(f"{op}: `{arg}` must be one of {choices}. Received: {arg}={value!r}")
    return value


def multiply_dims(*dims):
    out = 1
    for d in dims:
        if d is None:
            return None
        out *= d
    return out


# ----------------------------------------------------------------------------- probing


_PROBES = (5, 7)


def probe_shape(fn, *args, replace=None):
    """The output shape of ``fn`` (a plain NumPy function) on stand-ins for KerasTensors.

    Each KerasTensor becomes a zero-strided NumPy view of its shape (``replace`` may
    map it to something else, e.g. index arrays for a boolean mask; it receives the
    KerasTensor and the probe size). Unknown dims are filled with two different small
    sizes and output dims that change between the two runs are ``None``. For ops
    whose shape rules are intricate (get_item, einsum, pad); no tensor data is made.
    """
    from keras_core.backend.common import tree

    def run(size):
        def fill(v):
            if isinstance(v, KerasTensor):
                if replace is not None:
                    r = replace(v, size)
                    if r is not None:
                        return r
                shape = tuple(size if d is None else d for d in v.shape)
                dtype = bool if v.dtype == "bool" else (np.int64 if "int" in v.dtype else float)
                return np.broadcast_to(np.zeros((), dtype), shape)
            return v

        return np.shape(fn(*tree.map_structure(fill, tuple(args))))

    first, second = run(_PROBES[0]), run(_PROBES[1])
    if len(first) != len(second):
        raise ValueError("The output rank depends on unknown input dimensions.")
    return tuple(a if a == b else None for a, b in zip(first, second))
