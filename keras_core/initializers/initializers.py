"""Weight initializers: callables ``initializer(shape, dtype=None) -> tensor``."""

import math

from keras_core import backend, ops, random
from keras_core.backend.common.seed_generator import SeedGenerator


class Initializer:
    """Base class: subclasses implement ``__call__(shape, dtype=None)`` and ``get_config``.

    Example:
    >>> class Fives(keras_core.initializers.Initializer):
    ...     def __call__(self, shape, dtype=None):
    ...         return keras_core.ops.full(shape, 5.0, dtype=dtype)
    >>> keras_core.ops.convert_to_numpy(Fives()((2,))).tolist()
    [5.0, 5.0]
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(
            f"{type(self).__name__} must implement __call__(shape, dtype=None)."
        )

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return type(self).from_config(self.get_config())


def _float_dtype(dtype, name):
    dtype = backend.standardize_dtype(dtype)
    if not backend.is_float_dtype(dtype):
        raise ValueError(f"{name} needs a float dtype. Received: dtype={dtype}")
    return dtype


class _Seeded(Initializer):
    def __init__(self, seed=None):
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError(f"`seed` must be an int or None. Received: seed={seed!r}")
        self.seed = seed
        self._generator = None

    def _draw_seed(self):
        if self.seed is not None:
            return self.seed
        if self._generator is None:
            self._generator = SeedGenerator()
        return self._generator


class Zeros(Initializer):
    """All zeros.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.initializers.Zeros()((2,))).tolist()
    [0.0, 0.0]
    """

    def __call__(self, shape, dtype=None):
        return ops.zeros(shape, dtype=backend.standardize_dtype(dtype))


class Ones(Initializer):
    """All ones.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.initializers.Ones()((2,))).tolist()
    [1.0, 1.0]
    """

    def __call__(self, shape, dtype=None):
        return ops.ones(shape, dtype=backend.standardize_dtype(dtype))


class Constant(Initializer):
    """Every entry equals ``value``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.initializers.Constant(3.0)((2,))).tolist()
    [3.0, 3.0]
    """

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return ops.multiply(ops.ones(shape, dtype=backend.standardize_dtype(dtype)), self.value)

    def get_config(self):
        return {"value": self.value}


class RandomNormal(_Seeded):
    """Normal samples with ``mean`` and ``stddev``.

    Example:
    >>> w = keras_core.initializers.RandomNormal(stddev=0.1, seed=1)((3, 3))
    >>> keras_core.ops.shape(w), keras_core.ops.dtype(w)
    ((3, 3), 'float32')
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, "RandomNormal")
        return random.normal(shape, self.mean, self.stddev, dtype=dtype, seed=self._draw_seed())

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(_Seeded):
    """Uniform samples in ``[minval, maxval)``.

    Example:
    >>> w = keras_core.initializers.RandomUniform(-1.0, 1.0, seed=1)((100,))
    >>> -1.0 <= float(keras_core.ops.min(w)) and float(keras_core.ops.max(w)) < 1.0
    True
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None):
        dtype = backend.standardize_dtype(dtype)
        if backend.is_int_dtype(dtype):
            return random.randint(
                shape, self.minval, self.maxval, dtype=dtype, seed=self._draw_seed()
            )
        return random.uniform(shape, self.minval, self.maxval, dtype=dtype, seed=self._draw_seed())

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class TruncatedNormal(_Seeded):
    """Normal samples redrawn beyond two standard deviations.

    Example:
    >>> w = keras_core.initializers.TruncatedNormal(stddev=0.05, seed=1)((100,))
    >>> float(keras_core.ops.max(keras_core.ops.abs(w))) <= 2 * 0.05
    True
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, "TruncatedNormal")
        return random.truncated_normal(
            shape, self.mean, self.stddev, dtype=dtype, seed=self._draw_seed()
        )

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


def compute_fans(shape):
    """(fan_in, fan_out) of a weight shape: dense (in, out) or conv (*spatial, in, out)."""
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(_Seeded):
    """Samples with variance ``scale / n``, n from ``mode`` (fan_in, fan_out, fan_avg).

    Args:
        scale: positive float.
        mode: "fan_in", "fan_out" or "fan_avg".
        distribution: "truncated_normal", "untruncated_normal" or "uniform".
        seed: int or None.
        input_axes, output_axes: optional lists of axes of the weight's shape. When
            both are given, fan_in is the product of the sizes along ``input_axes``
            and fan_out the product along ``output_axes`` (as in Keras 3); otherwise
            the usual rule applies (dense ``(in, out)``, conv ``(*spatial, in, out)``).

    Example:
    >>> w = keras_core.initializers.VarianceScaling(2.0, "fan_in", "uniform", seed=0)((4, 4))
    >>> float(keras_core.ops.max(keras_core.ops.abs(w))) <= (3 * 2.0 / 4) ** 0.5
    True
    """

    def __init__(
        self,
        scale=1.0,
        mode="fan_in",
        distribution="truncated_normal",
        seed=None,
        input_axes=None,
        output_axes=None,
    ):
        super().__init__(seed)
        self.input_axes = _check_axes(input_axes, "input_axes")
        self.output_axes = _check_axes(output_axes, "output_axes")
        if not isinstance(scale, (int, float)) or scale <= 0:
            raise ValueError(f"`scale` must be a positive float. Received: scale={scale!r}")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(
                f"`mode` must be one of 'fan_in', 'fan_out', 'fan_avg'. Received: mode={mode!r}"
            )
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError(
                "`distribution` must be 'truncated_normal', 'untruncated_normal' or 'uniform'. "
                f"Received: distribution={distribution!r}"
            )
        self.scale, self.mode, self.distribution = float(scale), mode, distribution

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, type(self).__name__)
        fan_in, fan_out = compute_fans(shape)
        if self.input_axes is not None and self.output_axes is not None:
            shape_ = tuple(shape)
            fan_in = math.prod(shape_[a] for a in self.input_axes)
            fan_out = math.prod(shape_[a] for a in self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        seed = self._draw_seed()
        if self.distribution == "truncated_normal":
            # 0.8796... is the stddev of a unit normal truncated at two stddevs.
            stddev = math.sqrt(variance) / 0.87962566103423978
            return random.truncated_normal(shape, 0.0, stddev, dtype=dtype, seed=seed)
        if self.distribution == "untruncated_normal":
            return random.normal(shape, 0.0, math.sqrt(variance), dtype=dtype, seed=seed)
        limit = math.sqrt(3.0 * variance)
        return random.uniform(shape, -limit, limit, dtype=dtype, seed=seed)

    def get_config(self):
        return {
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "seed": self.seed,
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


def _check_axes(axes, name):
    if axes is None:
        return None
    if isinstance(axes, int):
        axes = [axes]
    if not isinstance(axes, (list, tuple)) or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in axes
    ):
        raise ValueError(f"`{name}` must be None or a list of ints. Received: {name}={axes!r}")
    return list(axes)


def _preset(name, scale, mode, distribution, doc):
    def __init__(self, seed=None, input_axes=None, output_axes=None):
        VarianceScaling.__init__(
            self, scale, mode, distribution, seed, input_axes=input_axes, output_axes=output_axes
        )

    def get_config(self):
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}

    cls = type(
        name,
        (VarianceScaling,),
        {
            "__init__": __init__,
            "get_config": get_config,
            "__doc__": doc,
            "__module__": __name__,
        },
    )
    return cls


GlorotUniform = _preset(
    "GlorotUniform",
    1.0,
    "fan_avg",
    "uniform",
    "Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out)).\n\n"
    "Example:\n>>> w = keras_core.initializers.GlorotUniform(seed=0)((20, 30))\n"
    ">>> float(keras_core.ops.max(keras_core.ops.abs(w))) <= (6 / (20 + 30)) ** 0.5\nTrue\n",
)
GlorotNormal = _preset(
    "GlorotNormal",
    1.0,
    "fan_avg",
    "truncated_normal",
    "Truncated normal, stddev = sqrt(2 / (fan_in + fan_out)).\n\n"
    "Example:\n>>> keras_core.ops.shape(keras_core.initializers.GlorotNormal(seed=0)((2, 3)))\n"
    "(2, 3)\n",
)
HeUniform = _preset(
    "HeUniform",
    2.0,
    "fan_in",
    "uniform",
    "Uniform in [-limit, limit], limit = sqrt(6 / fan_in).\n\n"
    "Example:\n>>> w = keras_core.initializers.HeUniform(seed=0)((20, 30))\n"
    ">>> float(keras_core.ops.max(keras_core.ops.abs(w))) <= (6 / 20) ** 0.5\nTrue\n",
)
HeNormal = _preset(
    "HeNormal",
    2.0,
    "fan_in",
    "truncated_normal",
    "Truncated normal, stddev = sqrt(2 / fan_in).\n\n"
    "Example:\n>>> keras_core.ops.shape(keras_core.initializers.HeNormal(seed=0)((2, 3)))\n"
    "(2, 3)\n",
)
LecunUniform = _preset(
    "LecunUniform",
    1.0,
    "fan_in",
    "uniform",
    "Uniform in [-limit, limit], limit = sqrt(3 / fan_in).\n\n"
    "Example:\n>>> w = keras_core.initializers.LecunUniform(seed=0)((20, 30))\n"
    ">>> float(keras_core.ops.max(keras_core.ops.abs(w))) <= (3 / 20) ** 0.5\nTrue\n",
)
LecunNormal = _preset(
    "LecunNormal",
    1.0,
    "fan_in",
    "truncated_normal",
    "Truncated normal, stddev = sqrt(1 / fan_in).\n\n"
    "Example:\n>>> keras_core.ops.shape(keras_core.initializers.LecunNormal(seed=0)((2, 3)))\n"
    "(2, 3)\n",
)


class Identity(Initializer):
    """``gain`` times the identity matrix (2D shapes only).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.initializers.Identity(2.0)((2, 2))).tolist()
    [[2.0, 0.0], [0.0, 2.0]]
    """

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError(f"Identity needs a 2D shape. Received: shape={tuple(shape)}")
        dtype = backend.standardize_dtype(dtype)
        return ops.multiply(ops.eye(shape[0], shape[1], dtype=dtype), self.gain)

    def get_config(self):
        return {"gain": self.gain}


IdentityInitializer = Identity


class OrthogonalInitializer(_Seeded):
    """A (semi-)orthogonal matrix from the QR decomposition of normal samples, times ``gain``.

    Shapes of rank > 2 are flattened to (prod(shape[:-1]), shape[-1]).

    Example:
    >>> w = keras_core.ops.convert_to_numpy(keras_core.initializers.Orthogonal(seed=0)((3, 3)))
    >>> np.allclose(w.T @ w, np.eye(3), atol=1e-5)
    True
    """

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None):
        dtype = _float_dtype(dtype, "Orthogonal")
        if len(shape) < 2:
            raise ValueError(
                f"Orthogonal needs a shape of rank >= 2. Received: shape={tuple(shape)}"
            )
        rows, cols = math.prod(shape[:-1]), shape[-1]
        flat = (max(rows, cols), min(rows, cols))
        a = random.normal(flat, dtype="float32", seed=self._draw_seed())
        q, r = ops.qr(a)
        q = ops.multiply(q, ops.sign(ops.diagonal(r)))
        if rows < cols:
            q = ops.transpose(q)
        return ops.cast(ops.reshape(ops.multiply(q, self.gain), shape), dtype)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


Orthogonal = OrthogonalInitializer
