"""The backend-neutral part of ``keras_core.Variable``.

Each backend subclasses ``KerasVariable`` and provides ``_initialize`` (store
a first value) and ``_direct_assign`` (overwrite the stored value); the
backend's ``convert_to_tensor`` unwraps variables. Everything else (checks,
naming, stateless reads and writes, constraints) lives here, once.
"""

import numpy as np

from keras_core.backend.common import dtypes, global_state
from keras_core.backend.common.name_scope import current_path
from keras_core.backend.common.stateless_scope import get_stateless_scope
from keras_core.backend.common.tensor_operators import TensorOperatorsMixin


def _pending():
    pending = global_state.get_global_attribute("uninitialized_variables")
    if pending is None:
        pending = []
        global_state.set_global_attribute("uninitialized_variables", pending)
    return pending


def initialize_all_variables():
    pending = _pending()
    while pending:
        pending.pop(0)._deferred_initialize()


def _standardize_shape(shape, argument="shape"):
    if shape is None:
        raise ValueError(f"`{argument}` must be given. Received: {argument}=None")
    if isinstance(shape, int):
        shape = (shape,)
    try:
        shape = tuple(shape)
    except TypeError as e:
        raise ValueError(
            f"`{argument}` must be a tuple of integers. Received: {argument}={shape!r}"
        ) from e
    out = []
    for d in shape:
        if d is None:
            raise ValueError(
                f"`{argument}` of a variable must be fully defined. Received: {argument}={shape}"
            )
        if hasattr(d, "__index__"):
            d = int(d.__index__())
        if not isinstance(d, int) or d < 0:
            raise ValueError(
                f"`{argument}` must contain non-negative integers. Received: {argument}={shape}"
            )
        out.append(d)
    return tuple(out)


_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def _kind(dtype):
    name = dtypes.standardize_dtype(dtype)
    if name == "bool":
        return "bool"
    if name in dtypes.INT_TYPES or name in dtypes.UINT_TYPES:
        return "int"
    if name in dtypes.FLOAT_TYPES:
        return "float"
    if name in dtypes.COMPLEX_TYPES:
        return "complex"
    return name


class KerasVariable(TensorOperatorsMixin):
    """A mutable tensor that layers and optimizers own.

    Args:
        initializer: a value (array, tensor or scalar) or a callable
            ``initializer(shape, dtype)``; a callable needs ``shape``.
        shape: the variable's shape (needed with a callable initializer).
        dtype: the dtype; defaults to ``floatx()`` (as in Keras, even for an int value).
        trainable: whether gradients should update it.
        name: a name without ``"/"``; ``path`` prefixes the active name scopes.
        constraint: an optional callable that optimizers apply to the variable after
            each update (as in Keras); ``assign`` itself never applies it.
        autocast, aggregation, synchronization: accepted for API compatibility.

    Example:
    >>> v = keras_core.Variable(np.zeros((2,)), name="bias")
    >>> _ = v.assign([1.0, 2.0])
    >>> v.numpy().tolist()
    [1.0, 2.0]
    """

    def __init__(
        self,
        initializer,
        shape=None,
        dtype=None,
        trainable=True,
        autocast=True,
        aggregation="mean",
        synchronization="auto",
        name=None,
        constraint=None,
        **kwargs,
    ):
        if kwargs:
            raise TypeError(f"Unexpected keyword arguments for Variable: {sorted(kwargs)}")
        if name is None:
            name = "variable"
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"`name` must be a string without '/'. Received: name={name!r}")
        if constraint is not None and not callable(constraint):
            raise ValueError(f"`constraint` must be callable. Received: constraint={constraint!r}")
        self.name = name
        parent = current_path()
        self.path = f"{parent}/{name}" if parent else name
        self.trainable = bool(trainable)
        self.autocast = autocast
        self.aggregation = aggregation
        self.synchronization = synchronization
        self.constraint = constraint
        self._value = None
        self._initializer = None
        if callable(initializer) and not _is_array_like(initializer):
            self._shape = _standardize_shape(shape)
            self._dtype = dtypes.standardize_dtype(dtype)
            self._initializer = initializer
            if get_stateless_scope() is not None:
                # Inside a stateless scope creation is deferred, so tracing
                # code (jax.jit) does not bake in a concrete initial value.
                _pending().append(self)
                return
            self._deferred_initialize()
        else:
            # As in Keras, the dtype is `dtype` or floatx(), whatever the value's dtype.
            self._dtype = dtypes.standardize_dtype(dtype)
            value = self._convert(initializer, self._dtype)
            if shape is not None:
                shape = _standardize_shape(shape)
                if tuple(value.shape) != shape:
                    raise ValueError(
                        f"Variable {self.path!r}: the initial value has shape "
                        f"{tuple(value.shape)}, which does not match `shape`={shape}"
                    )
            self._shape = tuple(int(d) for d in value.shape)
            self._initialize(value)

    # --- backend hooks -------------------------------------------------
    def _initialize(self, value):
        raise NotImplementedError("Each backend's Variable implements _initialize.")

    def _direct_assign(self, value):
        raise NotImplementedError("Each backend's Variable implements _direct_assign.")

    def _convert(self, value, dtype):
        from keras_core import backend

        return backend.convert_to_tensor(value, dtype=dtype)

    # --- initialization --------------------------------------------------
    def _deferred_initialize(self):
        if self._value is not None:
            return
        value = self._initializer(self._shape, dtype=self._dtype)
        value = self._convert(value, self._dtype)
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"The initializer of variable {self.path!r} returned shape "
                f"{tuple(value.shape)}; expected {self._shape}"
            )
        self._initialize(value)
        try:
            _pending().remove(self)
        except ValueError:
            pass

    def _check_initialized(self):
        if self._value is None:
            raise ValueError(
                f"Variable {self.path!r} is not initialized yet: it was created in a "
                "StatelessScope and is initialized when that scope exits."
            )

    # --- reads -----------------------------------------------------------
    @property
    def value(self):
        scope = get_stateless_scope()
        if scope is not None:
            current = scope.get_current_value(self)
            if current is not None:
                return current
            if self._value is None:
                # Created inside this scope (e.g. while inferring shapes): a
                # placeholder of the right shape and dtype stands in for it.
                return self._convert(
                    np.zeros(self._shape, dtype=_np_dtype(self._dtype)), self._dtype
                )
        self._check_initialized()
        autocast_dtype = global_state.get_global_attribute("autocast_dtype")
        if (
            autocast_dtype is not None
            and self.autocast
            and autocast_dtype != self._dtype
            and (self._dtype in dtypes.FLOAT_TYPES)
        ):
            from keras_core import backend

            return backend.cast(self._value, autocast_dtype)
        return self._value

    def numpy(self):
        from keras_core import backend

        self._check_initialized()
        return backend.convert_to_numpy(self._value)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        """The variable's dtype; inside a mixed-precision call, the compute dtype it reads as."""
        autocast_dtype = global_state.get_global_attribute("autocast_dtype")
        if autocast_dtype is not None and self.autocast and self._dtype in dtypes.FLOAT_TYPES:
            return autocast_dtype
        return self._dtype

    @property
    def ndim(self):
        return len(self._shape)

    def __len__(self):
        return self._shape[0]

    # --- writes ----------------------------------------------------------
    def _validate_new_value(self, value):
        from keras_core import backend

        src_dtype = getattr(value, "dtype", None)
        if isinstance(value, KerasVariable):
            value = value.value
        if src_dtype is not None:
            src = dtypes.standardize_dtype(src_dtype)
            if _kind(src) != _kind(self._dtype) and not (
                _kind(src) in ("bool", "int") and _kind(self._dtype) in ("int", "float")
            ):
                raise ValueError(
                    f"Variable {self.path!r} has dtype {self._dtype}; it cannot be "
                    f"assigned a value of dtype {src}. Received: value.dtype={src}"
                )
        elif isinstance(value, str):
            raise ValueError(
                f"Variable {self.path!r} has dtype {self._dtype}; it cannot be "
                f"assigned a string. Received: value={value!r}"
            )
        value = backend.convert_to_tensor(value, dtype=self._dtype)
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"Variable {self.path!r} has shape {self._shape}; the assigned value "
                f"has shape {tuple(value.shape)}. Received: value.shape={tuple(value.shape)}"
            )
        return value

    def assign(self, value):
        """Sets the variable's value (same shape; a compatible dtype).

        The value is stored as given: a ``constraint`` is not applied here (optimizers
        apply it after their update, as Keras does).
        """
        value = self._validate_new_value(value)
        scope = get_stateless_scope()
        if scope is not None:
            scope.add_update((self, value))
        else:
            self._check_initialized()
            self._direct_assign(value)
        return self

    def assign_add(self, value):
        """Adds ``value`` to the variable."""
        return self.assign(self.value + self._validate_new_value(value))

    def assign_sub(self, value):
        """Subtracts ``value`` from the variable."""
        return self.assign(self.value - self._validate_new_value(value))

    # --- conversions and operators ---------------------------------------
    def __array__(self, dtype=None, copy=None):
        out = np.asarray(self.numpy())
        return out.astype(dtype) if dtype is not None else out

    def __bool__(self):
        raise TypeError("A Variable cannot be used as a Python bool.")

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __repr__(self):
        return (
            f"<Variable path={self.path}, shape={self._shape}, dtype={self._dtype}, "
            f"value={self.numpy() if self._value is not None else 'uninitialized'}>"
        )

    def __pos__(self):
        return self.value

    def __getitem__(self, idx):
        return self.value[idx]

    __hash__ = object.__hash__


def _np_dtype(dtype):
    if dtype == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return dtype


def _is_array_like(x):
    return hasattr(x, "shape") and hasattr(x, "dtype")


def standardize_shape(shape):
    """Returns ``shape`` as a tuple of ints and ``None``s, checking each entry."""
    if shape is None:
        raise ValueError("Undefined shapes are not supported. Received: shape=None")
    if isinstance(shape, int):
        shape = (shape,)
    try:
        shape = tuple(shape)
    except TypeError as e:
        raise ValueError(f"`shape` must be a tuple. Received: shape={shape!r}") from e
    out = []
    for d in shape:
        if d is None:
            out.append(None)
            continue
        if hasattr(d, "__index__"):
            d = int(d.__index__())
        if not isinstance(d, int) or d < 0:
            raise ValueError(
                f"`shape` entries must be non-negative integers or None. Received: shape={shape}"
            )
        out.append(d)
    return tuple(out)
