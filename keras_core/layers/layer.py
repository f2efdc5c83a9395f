"""Layer: the base class of every layer and model.

A Layer holds variables (created in ``build`` with ``add_weight``), computes
``call`` on tensors, and on KerasTensors records a Node for Functional models.
``__call__`` does the bookkeeping once for every layer: converting inputs,
checking ``input_spec``, building lazily on the first input, casting to the
compute dtype, passing ``training`` down to nested layers, propagating masks,
and collecting losses. Weights of nested layers are found by walking the
layer's attributes (layers and variables held directly or in lists, tuples and
dicts), so there is nothing to register by hand.
"""

import contextlib
import functools
import inspect
import weakref

import numpy as np

from keras_core import backend
from keras_core.backend.common import global_state, tree
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.backend.common.masking import get_keras_mask, set_keras_mask
from keras_core.backend.common.name_scope import name_scope
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.backend.common.stateless_scope import (
    AutocastScope,
    StatelessScope,
    get_stateless_scope,
)
from keras_core.backend.common.variables import KerasVariable
from keras_core.layers.input_spec import assert_input_compatibility
from keras_core.mixed_precision import policy as policies
from keras_core.ops.operation import Operation

# Layers whose ``_losses`` list is not empty (an entry call clears them).
_HOLDING_LOSSES = weakref.WeakSet()
_EAGER_TENSOR = backend.EAGER_TENSOR_TYPE
_NO_SCOPE = contextlib.nullcontext()

# Attributes that are bookkeeping, never user state to track.
_UNTRACKED = frozenset(
    {
        "_inbound_nodes",
        "_outbound_nodes",
        "_own_variables",
        "_losses",
        "_torch_params",
        "_torch_children",
        "_parameters",
        "_buffers",
        "_modules",
        "_non_persistent_buffers_set",
        "_backward_pre_hooks",
        "_backward_hooks",
        "_forward_hooks",
        "_forward_hooks_with_kwargs",
        "_forward_hooks_always_called",
        "_forward_pre_hooks",
        "_forward_pre_hooks_with_kwargs",
        "_state_dict_hooks",
        "_state_dict_pre_hooks",
        "_load_state_dict_pre_hooks",
        "_load_state_dict_post_hooks",
        "_init_args",
        "_build_shapes",
        "input_spec",
        "_dtype_policy",
    }
)


class CallContext:
    """The state shared by one top-level layer call and all the calls inside it."""

    def __init__(self, entry_layer):
        self.entry_layer = entry_layer
        self.training = None


def _call_context():
    return global_state.get_global_attribute("layer_call_context")


def _wrap_build(build):
    @functools.wraps(build)
    def wrapped(self, *args, **kwargs):
        with name_scope(self.name, caller=self):
            build(self, *args, **kwargs)
        self.built = True
        self._post_build()

    wrapped._keras_wrapped = True
    return wrapped


def _shape_of(x):
    if hasattr(x, "shape"):
        return tuple(None if d is None else int(d) for d in x.shape)
    return None


class Layer(backend.BackendLayer, Operation):
    """The base class of layers.

    Subclass it, create weights in ``build(input_shape)`` with ``add_weight``,
    and compute in ``call(inputs, ...)``. ``call`` may take ``training`` and
    ``mask`` arguments; they are filled in automatically.

    Args:
        trainable: whether the layer's weights are updated by training.
        dtype: a dtype or DTypePolicy (``"mixed_float16"``...); default: the
            global policy (``floatx()``).
        autocast: cast float inputs to the compute dtype.
        name: the layer's name (unique by default).
        activity_regularizer: a function of the outputs whose value is added
            to the layer's losses.

    Example:
    >>> class Scale(keras_core.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
    ...     def call(self, x):
    ...         return x * self.w
    >>> keras_core.ops.shape(Scale()(np.ones((2, 3), "float32")))
    (2, 3)
    """

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        # Remember the constructor arguments: the default get_config() uses them.
        try:
            bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
            init_args = dict(bound.arguments)
            init_args.pop("self", None)
            extra = init_args.pop("kwargs", {})
            init_args.update(extra)
        except TypeError:
            init_args = {}
        object.__setattr__(obj, "_init_args", init_args)
        return obj

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        build = cls.__dict__.get("build")
        if build is not None and not getattr(build, "_keras_wrapped", False):
            cls.build = _wrap_build(build)

    def __init__(
        self,
        *,
        activity_regularizer=None,
        trainable=True,
        dtype=None,
        autocast=True,
        name=None,
        **kwargs,
    ):
        backend.BackendLayer.__init__(self)
        allowed = {"input_shape", "batch_input_shape", "batch_size", "input_dim", "weights"}
        unknown = set(kwargs) - allowed
        if unknown:
            raise ValueError(
                f"Unrecognized keyword arguments passed to {type(self).__name__}: {sorted(unknown)}"
            )
        Operation.__init__(self, name=name)
        self._own_variables = []
        self._losses = []
        self.built = False
        self.trainable = bool(trainable)
        self.autocast = autocast
        self._dtype_policy = policies.get(dtype)
        self.activity_regularizer = _get_regularizer(activity_regularizer)
        self.supports_masking = False
        self.input_spec = None
        self._build_shapes = None
        self._call_signature = inspect.signature(self.call)
        params = self._call_signature.parameters
        self._call_has_training = "training" in params
        self._call_has_mask = "mask" in params
        self._call_default_training = (
            params["training"].default
            if self._call_has_training and params["training"].default is not inspect.Parameter.empty
            else None
        )
        input_shape = kwargs.get("input_shape")
        batch_input_shape = kwargs.get("batch_input_shape")
        if "input_dim" in kwargs and input_shape is None:
            input_shape = (kwargs["input_dim"],)
        if batch_input_shape is not None:
            self._input_shape_arg = tuple(batch_input_shape)
        elif input_shape is not None:
            self._input_shape_arg = (kwargs.get("batch_size"),) + tuple(input_shape)
        else:
            self._input_shape_arg = None
        self._initial_weights = kwargs.get("weights")

    # ------------------------------------------------------------------
    # Tracking
    # ------------------------------------------------------------------
    def __setattr__(self, name, value):
        if isinstance(value, KerasVariable) and name not in _UNTRACKED:
            own = self.__dict__.get("_own_variables")
            if own is not None and not any(v is value for v in own):
                own.append(value)
                self._track_new_variable(value)
        super().__setattr__(name, value)

    def _tracked_values(self):
        for key, value in list(self.__dict__.items()):
            if key in _UNTRACKED:
                continue
            yield value

    def _walk(self, kinds):
        found = []
        seen = set()

        def visit(v, depth):
            if depth > 6:
                return
            if isinstance(v, kinds):
                if id(v) not in seen:
                    seen.add(id(v))
                    found.append(v)
                return
            if isinstance(v, dict):
                for e in v.values():
                    visit(e, depth + 1)
            elif isinstance(v, (list, tuple)):
                for e in v:
                    visit(e, depth + 1)

        for value in self._tracked_values():
            if value is self:
                continue
            visit(value, 0)
        return found

    def _direct_sublayers(self):
        return [layer for layer in self._walk(Layer) if layer is not self]

    def _flatten_layers(self, include_self=True, recursive=True):
        out, seen = [], set()

        def add(layer):
            if id(layer) in seen:
                return
            seen.add(id(layer))
            out.append(layer)
            if recursive or layer is self:
                for sub in layer._direct_sublayers():
                    add(sub)

        add(self)
        return out if include_self else out[1:]

    @property
    def layers(self):
        return self._direct_sublayers()

    def _own_seed_generators(self):
        return self._walk(SeedGenerator)

    def _own_weights_ordered(self):
        own = list(self._own_variables)
        return [v for v in own if v.trainable] + [v for v in own if not v.trainable]

    def _split_weights(self):
        """``(trainable, non_trainable)``, each in the order of ``weights``."""
        if not self.trainable:
            return [], self.weights_unfiltered()
        own = list(self._own_variables)
        trainable = [v for v in own if v.trainable]
        non_trainable = [v for v in own if not v.trainable]
        for layer in self._direct_sublayers():
            t, nt = layer._split_weights()
            trainable.extend(t)
            non_trainable.extend(nt)
        trainable = _dedupe(trainable)
        seen = {id(v) for v in trainable}
        return trainable, [v for v in _dedupe(non_trainable) if id(v) not in seen]

    @property
    def trainable_weights(self):
        """The trainable weights, in the order of ``weights`` (empty when not trainable)."""
        return self._split_weights()[0]

    @property
    def non_trainable_weights(self):
        """The non-trainable weights (all of them when the layer is not trainable)."""
        return self._split_weights()[1]

    def weights_unfiltered(self):
        out = list(self._own_weights_ordered())
        for layer in self._direct_sublayers():
            out.extend(layer.weights_unfiltered())
        return _dedupe(out)

    @property
    def weights(self):
        """All weights, as Keras 3 orders them: each layer's own trainable then
        non-trainable weights, followed by those of its sublayers, recursively."""
        return self.weights_unfiltered()

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        """Non-trainable weights plus the state of the layers' seed generators."""
        return _dedupe(self.non_trainable_weights + self._seed_states())

    @property
    def variables(self):
        return _dedupe(self.trainable_variables + self.non_trainable_variables)

    def _seed_states(self):
        states = []
        for layer in self._flatten_layers():
            states.extend(g.state for g in layer._own_seed_generators())
        return states

    def count_params(self):
        """The number of scalars in the layer's weights."""
        if not self.built:
            raise ValueError(
                f"Layer {self.name!r} is not built yet, so its weights do not exist. "
                "Call it on an input or call build() first."
            )
        return int(sum(np.prod(v.shape) for v in self.weights))

    # ------------------------------------------------------------------
    # Weights
    # ------------------------------------------------------------------
    def add_weight(
        self,
        shape=None,
        initializer=None,
        dtype=None,
        trainable=True,
        regularizer=None,
        constraint=None,
        name=None,
        autocast=True,
        aggregation="mean",
    ):
        """Creates a weight variable owned by this layer.

        Args:
            shape: the shape (default ``()``).
            initializer: an initializer (name, instance or callable); default
                ``"glorot_uniform"`` for floats, ``"zeros"`` otherwise.
            dtype: default: the layer's variable dtype.
            trainable: whether training updates it.
            regularizer: adds ``regularizer(weight)`` to ``losses``.
            constraint: applied after every optimizer update.
            name: the variable name.

        Example:
        >>> layer = keras_core.Layer()
        >>> w = layer.add_weight(shape=(2,), initializer="zeros", name="w")
        >>> w.shape, w.numpy().tolist(), len(layer.weights)
        ((2,), [0.0, 0.0], 1)
        """
        from keras_core import initializers

        shape = () if shape is None else shape
        dtype = backend.standardize_dtype(dtype) if dtype is not None else self.variable_dtype
        if initializer is None:
            initializer = "glorot_uniform" if backend.is_float_dtype(dtype) else "zeros"
        initializer = initializers.get(initializer)
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                initializer=initializer,
                shape=shape,
                dtype=dtype,
                trainable=trainable,
                autocast=autocast,
                aggregation=aggregation,
                name=name or "variable",
                constraint=_get_constraint(constraint),
            )
        variable.regularizer = _get_regularizer(regularizer)
        self._own_variables.append(variable)
        self._track_new_variable(variable)
        return variable

    def get_weights(self):
        """The values of ``weights`` as NumPy arrays."""
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        """Sets ``weights`` from a list of arrays (same count, shapes, order as ``weights``)."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(
                f"Layer {self.name!r} expects {len(params)} weights, but set_weights() received "
                f"{len(weights)}."
            )
        for v, w in zip(params, weights):
            w = np.asarray(w)
            if tuple(v.shape) != tuple(w.shape):
                raise ValueError(
                    f"Layer {self.name!r}: weight {v.path!r} has shape {tuple(v.shape)}, but the "
                    f"provided value has shape {tuple(w.shape)}."
                )
        for v, w in zip(params, weights):
            v.assign(w)

    # ------------------------------------------------------------------
    # dtypes
    # ------------------------------------------------------------------
    @property
    def dtype_policy(self):
        return self._dtype_policy

    @property
    def dtype(self):
        """The dtype of the layer's weights."""
        return self._dtype_policy.variable_dtype

    @property
    def variable_dtype(self):
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self._dtype_policy.compute_dtype

    # ------------------------------------------------------------------
    # Building
    # ------------------------------------------------------------------
    def build(self, input_shape=None):
        """Creates the layer's weights; the default creates none."""
        self.built = True

    def _maybe_build(self, args, kwargs):
        if self.built:
            return
        shapes = self._build_shapes_from(args, kwargs)
        self._build_shapes = shapes
        build_params = [
            p
            for p in inspect.signature(self.build).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if len(build_params) <= 1:
            self.build(shapes["__first__"]) if build_params else self.build()
        else:
            call_args = {}
            for p in build_params:
                key = p.name[: -len("_shape")] if p.name.endswith("_shape") else p.name
                if key in shapes:
                    call_args[p.name] = shapes[key]
            self.build(**call_args)
        self.built = True
        self._post_build()
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def _build_shapes_from(self, args, kwargs):
        bound = {}
        names = [n for n in self._call_signature.parameters]
        for name, value in zip(names, args):
            bound[name] = value
        bound.update(kwargs)
        shapes = {
            k: tree.map_structure(_shape_of, v)
            for k, v in bound.items()
            if k not in ("training", "mask")
        }
        first = args[0] if args else (next(iter(kwargs.values())) if kwargs else None)
        shapes["__first__"] = tree.map_structure(_shape_of, first)
        return shapes

    def get_build_config(self):
        if not self.built or self._build_shapes is None:
            return None
        return {"input_shape": _jsonable_shape(self._build_shapes["__first__"])}

    def build_from_config(self, config):
        shape = config.get("input_shape")
        if shape is not None and not self.built:
            shape = _tuple_shape(shape)
            self._build_shapes = {"__first__": shape}
            self.build(shape)
            self.built = True
            self._post_build()

    # ------------------------------------------------------------------
    # Calling
    # ------------------------------------------------------------------
    def call(self, *args, **kwargs):
        raise NotImplementedError(
            f"Layer {type(self).__name__} does not implement call(). Subclasses must define "
            "call(inputs, ...)."
        )

    def __call__(self, *args, **kwargs):
        if not self.__dict__.get("_call_signature"):
            raise RuntimeError(
                f"{type(self).__name__}.__init__() must call super().__init__() before the "
                "layer is used."
            )
        if len(args) != 1 or type(args[0]) is not _EAGER_TENSOR:
            args = tuple(_convert_arrays(a) for a in args)
        if kwargs:
            kwargs = {k: _convert_arrays(v) for k, v in kwargs.items()}
        ctx = _call_context()
        is_entry = ctx is None
        if is_entry:
            ctx = CallContext(self)
            global_state.set_global_attribute("layer_call_context", ctx)
        previous_training = ctx.training
        try:
            if self._call_has_training:
                training = kwargs.get("training")
                if training is None:
                    training = ctx.training
                if training is None and any_symbolic_tensors(args, kwargs):
                    # A symbolic call records no default `training`, so a Functional
                    # model passes its own `training` to this layer when it runs.
                    kwargs.pop("training", None)
                else:
                    if training is None:
                        training = self._call_default_training
                    kwargs["training"] = training
                if training is not None:
                    ctx.training = training
            else:
                training = kwargs.pop("training", None)
                if training is not None:
                    ctx.training = training
            if self._call_has_mask and kwargs.get("mask") is None and args:
                mask = _get_mask(args[0])
                if mask is not None:
                    kwargs["mask"] = mask
            first = args[0] if args else None
            if self.input_spec is not None and first is not None:
                self._check_input_spec(first)
            symbolic = any_symbolic_tensors(args, kwargs)
            if is_entry and not symbolic and _HOLDING_LOSSES and get_stateless_scope() is None:
                # The losses of a call replace the previous call's (walked only when
                # some layer holds any: the walk is the costliest part of a small call).
                for layer in self._flatten_layers():
                    if layer._losses:
                        layer._losses.clear()
                        _HOLDING_LOSSES.discard(layer)
            with name_scope(self.name, caller=self):
                self._maybe_build(args, kwargs)
                if self.autocast and args:
                    args = (self._autocast(args[0]),) + args[1:]
                policy = self._dtype_policy
                compute = policy.compute_dtype
                cast_to = compute if compute != policy.variable_dtype else None
                # Entered only when it changes what variables read as (most calls: never).
                same = global_state.get_global_attribute("autocast_dtype") == cast_to
                with _NO_SCOPE if same else AutocastScope(cast_to):
                    if symbolic:
                        outputs = Operation.symbolic_call(self, *args, **kwargs)
                    else:
                        outputs = self.call(*args, **kwargs)
            self._set_output_mask(args, kwargs, outputs)
            if self.activity_regularizer is not None and not symbolic:
                for out in tree.flatten(outputs):
                    self.add_loss(self.activity_regularizer(out))
            return outputs
        finally:
            ctx.training = previous_training
            if is_entry:
                global_state.set_global_attribute("layer_call_context", None)

    def _check_input_spec(self, first):
        """Checks ``first`` against ``input_spec``; an eager tensor of the shape and dtype
        that passed last time (every step of a loop) is not checked again."""
        key = None
        if type(first) is _EAGER_TENSOR:
            key = (self.input_spec, tuple(first.shape), first.dtype)
            if key == self.__dict__.get("_passed_input_spec"):
                return
        built_shape = self._build_shapes["__first__"] if self._build_shapes else None
        assert_input_compatibility(self.input_spec, first, self.name, built_shape)
        self.__dict__["_passed_input_spec"] = key

    def _autocast(self, x):
        compute = self.compute_dtype
        if not backend.is_float_dtype(compute):
            return x
        if type(x) is _EAGER_TENSOR:  # the common case: one eager tensor
            name = backend.standardize_dtype(x.dtype)
            if name == compute or not backend.is_float_dtype(name):
                return x
            return backend.cast(x, compute)

        def cast(t):
            if isinstance(t, KerasTensor):
                if backend.is_float_dtype(t.dtype) and t.dtype != compute:
                    from keras_core import ops

                    return ops.cast(t, compute)
                return t
            if backend.is_tensor(t) and backend.is_float_dtype(t.dtype):
                if backend.standardize_dtype(t.dtype) != compute:
                    return backend.cast(t, compute)
            return t

        return tree.map_structure(cast, x)

    def compute_output_spec(self, *args, **kwargs):
        if _overrides(self, "compute_output_shape"):
            first = args[0] if args else next(iter(kwargs.values()))
            in_shape = tree.map_structure(lambda t: t.shape, first)
            out_shape = self.compute_output_shape(in_shape)
            if isinstance(out_shape, tuple) and all(
                d is None or isinstance(d, int) for d in out_shape
            ):
                return KerasTensor(out_shape, dtype=self.compute_dtype)
            return _map_shapes(lambda s: KerasTensor(s, dtype=self.compute_dtype), out_shape)
        return Operation.compute_output_spec(self, *args, **kwargs)

    def compute_output_shape(self, *args, **kwargs):
        """The output shape for ``input_shape`` (inferred by a symbolic call by default)."""
        shapes = args[0] if args else next(iter(kwargs.values()))
        spec_in = _map_shapes(lambda s: KerasTensor(s, dtype=self.compute_dtype), shapes)
        if not self.built:
            self._maybe_build((spec_in,), {})
        out = Operation.compute_output_spec(self, spec_in)
        return tree.map_structure(lambda t: t.shape, out)

    def stateless_call(
        self, trainable_variables, non_trainable_variables, *args, return_losses=False, **kwargs
    ):
        """Calls the layer as a pure function of the given variable values.

        Returns ``(outputs, non_trainable_variables)`` — the second holding the
        updated values — plus the losses when ``return_losses`` is True. Nothing
        is assigned to the layer's variables, so this can run inside ``jax.jit``.

        Example:
        >>> layer = keras_core.layers.Dense(2)
        >>> y = layer(np.ones((1, 3), "float32"))
        >>> out, _ = layer.stateless_call([v.value for v in layer.trainable_variables],
        ...                               [], np.ones((1, 3), "float32"))
        >>> np.allclose(keras_core.ops.convert_to_numpy(out), keras_core.ops.convert_to_numpy(y))
        True
        """
        if not self.built:
            raise ValueError(
                f"Layer {self.name!r} must be built before stateless_call(): call it once on "
                "an input (or call build())."
            )
        trainable = list(self.trainable_variables)
        non_trainable = list(self.non_trainable_variables)
        if len(trainable_variables) != len(trainable):
            raise ValueError(
                f"stateless_call: expected {len(trainable)} trainable_variables, received "
                f"{len(trainable_variables)}."
            )
        if len(non_trainable_variables) != len(non_trainable):
            raise ValueError(
                f"stateless_call: expected {len(non_trainable)} non_trainable_variables, "
                f"received {len(non_trainable_variables)}."
            )
        mapping = list(zip(trainable, trainable_variables)) + list(
            zip(non_trainable, non_trainable_variables)
        )
        with StatelessScope(state_mapping=mapping, collect_losses=return_losses) as scope:
            outputs = self(*args, **kwargs)
            losses = list(scope.losses) + self._regularization_losses() if return_losses else None
        new_non_trainable = []
        for v, given in zip(non_trainable, non_trainable_variables):
            current = scope.get_current_value(v)
            new_non_trainable.append(current if current is not None else given)
        if return_losses:
            return outputs, new_non_trainable, losses
        return outputs, new_non_trainable

    # ------------------------------------------------------------------
    # Masks
    # ------------------------------------------------------------------
    def compute_mask(self, inputs, previous_mask):
        """The output mask; by default the input mask if ``supports_masking``, else None."""
        if not self.supports_masking:
            return None
        return previous_mask

    def _set_output_mask(self, args, kwargs, outputs):
        if not args:
            return
        previous = kwargs.get("mask") if self._call_has_mask else _get_mask(args[0])
        if not (self.supports_masking or _overrides(self, "compute_mask")):
            return
        if previous is None and not _overrides(self, "compute_mask"):
            return
        mask = self.compute_mask(args[0], previous)
        if mask is None:
            return
        flat_out, flat_mask = tree.flatten(outputs), tree.flatten(mask)
        if len(flat_mask) == 1 and len(flat_out) > 1:
            flat_mask = flat_mask * len(flat_out)
        for out, m in zip(flat_out, flat_mask):
            _set_mask(out, m)

    # ------------------------------------------------------------------
    # Losses
    # ------------------------------------------------------------------
    def add_loss(self, loss):
        """Adds a scalar loss tensor; collected in ``losses`` (and by training)."""
        scope = get_stateless_scope()
        if scope is not None and scope.collect_losses:
            scope.add_loss(loss)
            return
        if scope is not None:
            return
        self._losses.append(loss)
        _HOLDING_LOSSES.add(self)

    def _regularization_losses(self):
        out = []
        for layer in self._flatten_layers():
            for v in layer._own_variables:
                reg = getattr(v, "regularizer", None)
                if reg is not None and (v.trainable and layer.trainable):
                    out.append(reg(v.value))
        return out

    @property
    def losses(self):
        """Losses added in the last call (``add_loss``) plus weight regularization."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
        return out + self._regularization_losses()

    # ------------------------------------------------------------------
    # Config
    # ------------------------------------------------------------------
    def get_config(self):
        """The layer's constructor arguments (JSON-able)."""
        from keras_core.saving.serialization_lib import serialize_keras_object

        config = {
            "name": self.name,
            "trainable": self.trainable,
            "dtype": serialize_keras_object(self._dtype_policy),
        }
        if type(self).get_config is Layer.get_config:
            for key, value in self._init_args.items():
                if key in ("name", "trainable", "dtype") or key in config:
                    continue
                try:
                    serialize_keras_object(value)
                except TypeError as e:
                    raise NotImplementedError(
                        f"Layer {type(self).__name__} has constructor argument {key!r} that is not "
                        "serializable; override get_config() to return the arguments."
                    ) from e
                config[key] = value
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "dtype" in config and isinstance(config["dtype"], dict):
            config["dtype"] = policies.get(config["dtype"])
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError(
                f"Error when deserializing class {cls.__name__!r} using config={config}: {e}"
            ) from e

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    # torch.nn.Module defines __call__ too; make sure ours wins.
    __hash__ = object.__hash__


def _overrides(obj, method):
    return getattr(type(obj), method) is not getattr(Layer, method)


def _dedupe(items):
    out, seen = [], set()
    for v in items:
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


def _convert_arrays(x):
    if isinstance(x, np.ndarray):
        return backend.convert_to_tensor(
            x, dtype=backend.floatx() if x.dtype.kind == "f" and x.dtype == np.float64 else None
        )
    if isinstance(x, (list, tuple)) and x and any(isinstance(e, np.ndarray) for e in x):
        return type(x)(_convert_arrays(e) for e in x)
    if isinstance(x, dict) and any(isinstance(e, np.ndarray) for e in x.values()):
        return {k: _convert_arrays(v) for k, v in x.items()}
    return x


def _get_mask(x):
    if isinstance(x, (list, tuple)):
        masks = [get_keras_mask(e) for e in x]
        return None if all(m is None for m in masks) else masks
    return get_keras_mask(x)


def _set_mask(x, mask):
    # Tensors that take no attributes (JAX tracers) keep the mask in a side table.
    set_keras_mask(x, mask)


def _jsonable_shape(shape):
    if isinstance(shape, tuple) and all(d is None or isinstance(d, int) for d in shape):
        return list(shape)
    if isinstance(shape, (list, tuple)):
        return [_jsonable_shape(s) for s in shape]
    if isinstance(shape, dict):
        return {k: _jsonable_shape(v) for k, v in shape.items()}
    return shape


def _tuple_shape(shape):
    if isinstance(shape, list) and all(d is None or isinstance(d, int) for d in shape):
        return tuple(shape)
    if isinstance(shape, (list, tuple)):
        return [_tuple_shape(s) for s in shape]
    if isinstance(shape, dict):
        return {k: _tuple_shape(v) for k, v in shape.items()}
    return shape


def _is_shape(x):
    return isinstance(x, (tuple, list)) and all(d is None or isinstance(d, int) for d in x)


def _map_shapes(fn, shapes):
    """Applies ``fn`` to every shape tuple in a nested structure of shapes."""
    if _is_shape(shapes):
        return fn(tuple(shapes))
    if isinstance(shapes, dict):
        return {k: _map_shapes(fn, v) for k, v in shapes.items()}
    if isinstance(shapes, (tuple, list)):
        return type(shapes)(_map_shapes(fn, s) for s in shapes)
    return shapes


def _get_regularizer(identifier):
    if identifier is None:
        return None
    from keras_core import regularizers

    return regularizers.get(identifier)


def _get_constraint(identifier):
    if identifier is None:
        return None
    from keras_core import constraints

    return constraints.get(identifier)
