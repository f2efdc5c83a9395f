"""Pieces shared by the normalization layers: axis checks and the gamma/beta weights."""

from keras_core import backend, constraints, initializers, ops, regularizers
from keras_core.layers.layer import Layer
from keras_core.saving.serialization_lib import serialize_keras_object

_LOW_PRECISION = ("float16", "bfloat16")


def check_epsilon(epsilon, layer):
    if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or epsilon < 0:
        raise ValueError(
            f"{layer}: `epsilon` must be a non-negative float. Received: epsilon={epsilon!r}"
        )
    return float(epsilon)


def check_axis_arg(axis, layer, allow_list=True):
    """An int, or (when allowed) a list/tuple of ints -> int or list of ints."""
    if isinstance(axis, (list, tuple)) and allow_list:
        if not axis or any(isinstance(a, bool) or not isinstance(a, int) for a in axis):
            raise ValueError(
                f"{layer}: `axis` must be an int or a non-empty list of ints. Received: axis={axis!r}"
            )
        return list(axis)
    if isinstance(axis, bool) or not isinstance(axis, int):
        what = "an int or a list of ints" if allow_list else "an int"
        raise ValueError(f"{layer}: `axis` must be {what}. Received: axis={axis!r}")
    return axis


def resolve_axes(axis, ndim, layer, name):
    """``axis`` (int or list) -> list of non-negative axes for a rank-``ndim`` input."""
    axes = axis if isinstance(axis, list) else [axis]
    out = []
    for a in axes:
        if not -ndim <= a < ndim:
            raise ValueError(
                f"{layer} {name!r}: `axis` {a} is out of range for inputs of rank {ndim}. "
                f"Received: axis={axis!r}"
            )
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"{layer} {name!r}: `axis` has duplicate entries. Received: axis={axis!r}")
    return out


def broadcast_param(param, axes, ndim):
    """A parameter over ``axes`` (in the user's order) reshaped to broadcast over ``ndim``."""
    order = sorted(range(len(axes)), key=lambda i: axes[i])
    if order != list(range(len(axes))):
        param = ops.transpose(param, order)
    shape = [1] * ndim
    for a, size in zip(sorted(axes), tuple(param.shape)):
        shape[a] = size
    return ops.reshape(param, shape)


def upcast(x):
    """float16/bfloat16 inputs are normalized in float32; returns (x, dtype to cast back to)."""
    dtype = backend.standardize_dtype(x.dtype)
    if dtype in _LOW_PRECISION:
        return ops.cast(x, "float32"), dtype
    return x, None


class GammaBetaLayer(Layer):
    """A layer with optional ``gamma`` (scale) and ``beta`` (offset) weights."""

    def __init__(
        self,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

    def _add_gamma_beta(self, shape, with_gamma=None, with_beta=None):
        with_gamma = self.scale if with_gamma is None else with_gamma
        with_beta = self.center if with_beta is None else with_beta
        self.gamma = (
            self.add_weight(
                name="gamma",
                shape=shape,
                initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer,
                constraint=self.gamma_constraint,
            )
            if with_gamma
            else None
        )
        self.beta = (
            self.add_weight(
                name="beta",
                shape=shape,
                initializer=self.beta_initializer,
                regularizer=self.beta_regularizer,
                constraint=self.beta_constraint,
            )
            if with_beta
            else None
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "center": self.center,
                "scale": self.scale,
                "beta_initializer": serialize_keras_object(self.beta_initializer),
                "gamma_initializer": serialize_keras_object(self.gamma_initializer),
                "beta_regularizer": serialize_keras_object(self.beta_regularizer),
                "gamma_regularizer": serialize_keras_object(self.gamma_regularizer),
                "beta_constraint": serialize_keras_object(self.beta_constraint),
                "gamma_constraint": serialize_keras_object(self.gamma_constraint),
            }
        )
        return config
