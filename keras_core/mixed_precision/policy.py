"""DTypePolicy: the variable dtype and the compute dtype of a layer."""

from keras_core.backend import config
from keras_core.backend.common import dtypes, global_state

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}


class DTypePolicy:
    """A layer's dtypes: variables are created in ``variable_dtype``, inputs are
    cast to and computations run in ``compute_dtype``.

    Args:
        name: a dtype name (``"float32"``, ``"float64"``, ...) or
            ``"mixed_float16"`` / ``"mixed_bfloat16"`` (float32 variables,
            half-precision computation). None means the global policy.

    Example:
    >>> p = keras_core.mixed_precision.DTypePolicy("mixed_float16")
    >>> (p.variable_dtype, p.compute_dtype)
    ('float32', 'float16')
    """

    def __init__(self, name=None):
        if name is None:
            name = global_policy().name
        if not isinstance(name, str):
            raise TypeError(f"`name` must be a string. Received: name={name!r}")
        if name in _MIXED:
            self._compute = _MIXED[name]
            self._variable = "float32"
        else:
            try:
                d = dtypes.standardize_dtype(name)
            except ValueError as e:
                raise ValueError(
                    "`name` must be a dtype name or 'mixed_float16'/'mixed_bfloat16'. "
                    f"Received: name={name!r}"
                ) from e
            self._compute = self._variable = d
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute

    @property
    def variable_dtype(self):
        return self._variable

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and other.name == self.name

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


Policy = DTypePolicy


def set_global_policy(policy) -> None:
    """Sets the default policy of new layers (a name or a DTypePolicy).

    Example:
    >>> keras_core.mixed_precision.set_global_policy("mixed_float16")
    >>> keras_core.layers.Dense(2).compute_dtype
    'float16'
    >>> keras_core.mixed_precision.set_global_policy("float32")
    """
    if policy is None:
        global_state.set_global_attribute("dtype_policy", None)
        return
    if not isinstance(policy, DTypePolicy):
        policy = DTypePolicy(policy)
    global_state.set_global_attribute("dtype_policy", policy)


def global_policy() -> DTypePolicy:
    """The default DTypePolicy of new layers (floatx() unless set).

    Example:
    >>> keras_core.mixed_precision.global_policy().name
    'float32'
    """
    policy = global_state.get_global_attribute("dtype_policy")
    if policy is None:
        return DTypePolicy(config.floatx())
    return policy


set_dtype_policy = set_global_policy
dtype_policy = global_policy


def get(identifier):
    """A DTypePolicy from None (global), a name, a config dict or a DTypePolicy."""
    if identifier is None:
        return global_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return DTypePolicy.from_config(identifier.get("config", identifier))
    return DTypePolicy(identifier)
