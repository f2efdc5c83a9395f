"""InputSpec: the rank, shape, dtype and axes a layer accepts, checked on every call."""

from keras_core.backend.common import tree
from keras_core.backend.common.dtypes import standardize_dtype


class InputSpec:
    """Declares what inputs a layer accepts; ``Layer.__call__`` checks them.

    Args:
        dtype: the expected dtype.
        shape: the expected shape (``None`` entries match any size).
        ndim, max_ndim, min_ndim: constraints on the rank.
        axes: ``{axis: size}`` for axes with a fixed size.
        allow_last_axis_squeeze: accept a rank one lower/higher when the last
            axis is 1.
        name: the input's name (for dict inputs).

    Example:
    >>> spec = keras_core.InputSpec(ndim=2, axes={-1: 4})
    >>> spec.ndim, spec.axes
    (2, {-1: 4})
    """

    def __init__(
        self,
        dtype=None,
        shape=None,
        ndim=None,
        max_ndim=None,
        min_ndim=None,
        axes=None,
        allow_last_axis_squeeze=False,
        name=None,
        optional=False,
    ):
        self.dtype = standardize_dtype(dtype) if dtype is not None else None
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        axes = axes or {}
        try:
            self.axes = {int(k): v for k, v in axes.items()}
        except (ValueError, TypeError) as e:
            raise TypeError(f"`axes` must be a dict of int keys. Received: axes={axes}") from e
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim is not None else self.max_ndim) - 1
            if max(self.axes) > max_dim:
                raise ValueError(
                    f"Axis {max(self.axes)} in `axes` exceeds the rank allowed by the spec."
                )

    def __repr__(self):
        parts = [
            f"{k}={getattr(self, k)}"
            for k in ("dtype", "shape", "ndim", "max_ndim", "min_ndim", "axes")
            if getattr(self, k)
        ]
        return f"InputSpec({', '.join(parts)})"

    def get_config(self):
        return {
            "dtype": self.dtype,
            "shape": self.shape,
            "ndim": self.ndim,
            "max_ndim": self.max_ndim,
            "min_ndim": self.min_ndim,
            "axes": self.axes,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def assert_input_compatibility(input_spec, inputs, layer_name, built_shape=None):
    """Raises a ValueError naming the layer and both shapes when ``inputs`` break the spec."""
    if not input_spec:
        return
    specs = tree.flatten(input_spec)
    flat = tree.flatten(inputs)
    if len(specs) > 1 and len(flat) != len(specs):
        raise ValueError(
            f'Layer "{layer_name}" expects {len(specs)} input(s), but it received '
            f"{len(flat)} input tensors."
        )
    for i, (x, spec) in enumerate(zip(flat, specs)):
        if spec is None or x is None:
            continue
        if not hasattr(x, "shape"):
            continue
        shape = tuple(x.shape)
        ndim = len(shape)
        where = f'Input {i} of layer "{layer_name}"'
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected ndim={spec.ndim}, "
                f"found ndim={ndim}. Full shape received: {shape}"
            )
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected max_ndim={spec.max_ndim}, "
                f"found ndim={ndim}. Full shape received: {shape}"
            )
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(
                f"{where} is incompatible with the layer: expected min_ndim={spec.min_ndim}, "
                f"found ndim={ndim}. Full shape received: {shape}"
            )
        if spec.dtype is not None and hasattr(x, "dtype"):
            if standardize_dtype(x.dtype) != spec.dtype:
                raise ValueError(
                    f"{where} is incompatible with the layer: expected dtype={spec.dtype}, "
                    f"found dtype={standardize_dtype(x.dtype)}"
                )
        for axis, value in spec.axes.items():
            if value is None:
                continue
            if not -ndim <= axis < ndim:
                raise ValueError(
                    f"{where} is incompatible with the layer: expected axis {axis} of input "
                    f"shape to have value {value}, but received input with shape {shape}"
                )
            actual = shape[axis]
            if actual is not None and actual != value:
                built = (
                    f" (the layer was built for input shape {built_shape})" if built_shape else ""
                )
                raise ValueError(
                    f"{where} is incompatible with the layer: expected axis {axis} of input "
                    f"shape to have value {value}{built}, but received input with shape {shape}"
                )
        if spec.shape is not None and not spec.allow_last_axis_squeeze:
            for s, d in zip(spec.shape, shape):
                if s is not None and d is not None and s != d:
                    raise ValueError(
                        f"{where} is incompatible with the layer: expected shape={spec.shape}, "
                        f"found shape={shape}"
                    )
