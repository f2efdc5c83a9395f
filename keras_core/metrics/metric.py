"""The Metric base class: state in variables, ``update_state`` / ``result`` / ``reset_state``.

Every metric also runs as a pure function of its variable values
(``stateless_update_state``, ``stateless_result``, ``stateless_reset_state``),
which is how the JAX trainer updates metrics inside ``jax.jit``.
"""

from keras_core import backend, initializers, ops
from keras_core.backend.common.name_scope import name_scope
from keras_core.backend.common.stateless_scope import StatelessScope
from keras_core.backend.common.variables import KerasVariable


class Metric:
    """Base class of metrics.

    Subclasses create their state in ``__init__`` with ``add_variable`` and
    implement ``update_state(...)`` (assigning to those variables) and
    ``result()``. Metrics assigned as attributes of a metric are tracked, and
    their variables are part of ``variables``.

    Args:
        dtype: the dtype of the state and of the result (default ``floatx()``).
        name: the metric's name.

    Example:
    >>> class Count(keras_core.metrics.Metric):
    ...     def __init__(self, name="count", dtype=None):
    ...         super().__init__(name=name, dtype=dtype)
    ...         self.n = self.add_variable(shape=(), initializer="zeros", name="n")
    ...     def update_state(self, values):
    ...         self.n.assign(self.n + keras_core.ops.cast(keras_core.ops.size(values), self.dtype))
    ...     def result(self):
    ...         return self.n.value
    >>> m = Count()
    >>> m.update_state(np.zeros(3)); m.update_state(np.zeros(2))
    >>> float(m.result())
    5.0
    """

    def __init__(self, dtype=None, name=None):
        if name is None:
            from keras_core.ops.operation import _to_snake_case, auto_name

            name = auto_name(_to_snake_case(type(self).__name__))
        self.name = name
        self._dtype = backend.standardize_dtype(dtype) if dtype is not None else backend.floatx()
        self._variables = []
        self._metrics = []

    def __setattr__(self, name, value):
        if isinstance(value, Metric) and name != "_metrics":
            tracked = self.__dict__.get("_metrics")
            if tracked is not None and all(m is not value for m in tracked):
                tracked.append(value)
        super().__setattr__(name, value)

    @property
    def dtype(self) -> str:
        return self._dtype

    # ------------------------------------------------------------------
    # State
    # ------------------------------------------------------------------
    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """Creates a (non-trainable) state variable tracked in ``variables``."""
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}: call `super().__init__()` before `add_variable()`."
            )
        initializer = initializers.get(initializer)
        scope_name = self.name.replace("/", ">") or "metric"
        with name_scope(scope_name, caller=self):
            variable = backend.Variable(
                initializer=initializer,
                shape=shape,
                dtype=dtype or self._dtype,
                trainable=False,
                aggregation=aggregation,
                name=name or "variable",
            )
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        """Same as ``add_variable`` with ``"zeros"`` as the default initializer."""
        return self.add_variable(
            shape=shape, initializer=initializer or "zeros", dtype=dtype, name=name
        )

    @property
    def variables(self) -> list:
        """The metric's state variables, then those of the metrics it holds."""
        out = list(self._variables)
        for metric in self._metrics:
            out.extend(v for v in metric.variables if all(v is not o for o in out))
        return out

    def reset_state(self):
        """Sets every state variable back to zero."""
        for v in self.variables:
            v.assign(ops.zeros(v.shape, dtype=v._dtype))

    def update_state(self, *args, **kwargs):
        """Accumulates statistics from a batch; each metric implements it."""
        raise NotImplementedError(f"{type(self).__name__} must implement `update_state()`.")

    def result(self):
        """The metric's value from the accumulated state; each metric implements it."""
        raise NotImplementedError(f"{type(self).__name__} must implement `result()`.")

    def __call__(self, *args, **kwargs):
        """``update_state(*args, **kwargs)`` then ``result()``."""
        self.update_state(*args, **kwargs)
        return self.result()

    # ------------------------------------------------------------------
    # Stateless API (jax.jit)
    # ------------------------------------------------------------------
    def _check_values(self, metric_variables):
        own = self.variables
        if len(metric_variables) != len(own):
            raise ValueError(
                f"Metric {self.name!r} has {len(own)} variables; received "
                f"{len(metric_variables)} values in `metric_variables`. Its variables are: "
                f"{[v.path for v in own]}"
            )
        return own

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """``update_state`` as a pure function: returns the new variable values."""
        own = self._check_values(metric_variables)
        with StatelessScope(state_mapping=list(zip(own, metric_variables))) as scope:
            self.update_state(*args, **kwargs)
        return [scope.get_current_value(v) for v in own]

    def stateless_result(self, metric_variables):
        """``result()`` computed from the given variable values."""
        own = self._check_values(metric_variables)
        with StatelessScope(state_mapping=list(zip(own, metric_variables))):
            return self.result()

    def stateless_reset_state(self):
        """The variable values after ``reset_state()`` (nothing is assigned)."""
        own = self.variables
        with StatelessScope() as scope:
            self.reset_state()
        out = []
        for v in own:
            value = scope.get_current_value(v)
            out.append(value if value is not None else ops.zeros(v.shape, dtype=v._dtype))
        return out

    # ------------------------------------------------------------------
    # Config
    # ------------------------------------------------------------------
    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"

    def __str__(self):
        return self.__repr__()


def is_variable(x):
    return isinstance(x, KerasVariable)
