"""ExportArchive: write keras_core inference functions as a TensorFlow SavedModel.

On the tensorflow backend an endpoint is a ``tf.function`` that calls the
keras_core code directly and reads the layers' own ``tf.Variable`` objects. On
the jax backend the endpoint is converted with ``jax.experimental.jax2tf``: each
tracked keras_core variable gets a ``tf.Variable`` mirror (a copy of its value
at ``track`` time), and the converted function receives those variables'
values as arguments, so the SavedModel holds real, restorable variables.
Other backends cannot write a SavedModel and get a ``ValueError``.
"""

from __future__ import annotations

import keyword
from typing import Any, Callable, Sequence

from keras_core import backend
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.variables import KerasVariable
from keras_core.layers.input_spec import InputSpec
from keras_core.layers.layer import Layer

SUPPORTED_BACKENDS = ("tensorflow", "jax")
# Attribute names the archive sets on the saved object itself.
_RESERVED_NAMES = frozenset(
    {"variables", "trainable_variables", "non_trainable_variables", "signatures"}
)


def _check_backend(what: str) -> None:
    name = backend.backend()
    if name not in SUPPORTED_BACKENDS:
        raise ValueError(
            f"{what} writes a TensorFlow SavedModel, which needs the tensorflow or jax "
            "backend (set KERAS_BACKEND=tensorflow or KERAS_BACKEND=jax). "
            f"Received: backend={name!r}"
        )


class ExportArchive:
    """Collects layers, variables and inference endpoints, then writes a SavedModel.

    Track the layers (or models) whose variables the endpoints use, add one
    endpoint per function to serve, with an explicit ``input_signature``,
    optionally add named variable collections, then ``write_out``. The result
    reloads with ``tf.saved_model.load`` (each endpoint is an attribute of the
    reloaded object, each flat-input endpoint also a serving signature) and
    with ``keras_core.layers.TFSMLayer``.

    Works on the tensorflow and jax backends (the latter through
    ``jax.experimental.jax2tf``); elsewhere the constructor raises a
    ``ValueError``. On jax the archive copies the variables' values when a
    layer is tracked: track after training.

    Example (on torch and numpy the constructor raises instead):
    >>> model = keras_core.Sequential([keras_core.Input((3,)), keras_core.layers.Dense(2)])
    >>> if keras_core.backend.backend() in ("tensorflow", "jax"):
    ...     archive = keras_core.export.ExportArchive()
    ...     archive.track(model)
    ...     spec = keras_core.InputSpec(shape=(None, 3), dtype="float32")
    ...     _ = archive.add_endpoint("serve", model, input_signature=[spec])
    ...     shapes = [tuple(v.shape) for v in archive.variables]
    ... else:
    ...     shapes = [tuple(v.shape) for v in model.variables]
    >>> shapes
    [(3, 2), (2,)]
    >>> archive.write_out("exported_model")  # doctest: +SKIP
    """

    def __init__(self) -> None:
        _check_backend("ExportArchive")
        import tensorflow as tf

        self._tf = tf
        # The object tf.saved_model.save writes: endpoints, variables, resources.
        self._trackable = tf.__internal__.tracking.AutoTrackable()
        self._layers: list[Layer] = []
        # keras_core variables in tracking order, and their tf.Variable counterparts.
        self._keras_variables: list[KerasVariable] = []
        self._tf_variables: dict[int, Any] = {}
        self._extra_tf_variables: list[Any] = []  # tf.Variables tracked directly
        self._resources: list[Any] = []
        self._endpoints: dict[str, Any] = {}
        self._endpoint_signatures: dict[str, list] = {}
        self._collections: dict[str, list] = {}

    # ------------------------------------------------------------------
    # Variables
    # ------------------------------------------------------------------
    @property
    def variables(self) -> list:
        """Every tracked variable, as the ``tf.Variable`` the SavedModel stores."""
        out = [self._tf_variables[id(v)] for v in self._keras_variables]
        out.extend(self._extra_tf_variables)
        return _dedupe(out)

    @property
    def trainable_variables(self) -> list:
        """The tracked variables that are trainable."""
        return [v for v in self.variables if v.trainable]

    @property
    def non_trainable_variables(self) -> list:
        """The tracked variables that are not trainable (statistics, seeds, counters)."""
        return [v for v in self.variables if not v.trainable]

    def _tf_variable_for(self, variable: KerasVariable):
        """The ``tf.Variable`` stored for a keras_core variable (made on jax)."""
        known = self._tf_variables.get(id(variable))
        if known is not None:
            return known
        tf = self._tf
        if backend.backend() == "tensorflow":
            tf_variable = variable._value
        else:
            import numpy as np

            tf_variable = tf.Variable(
                np.asarray(variable.value),
                trainable=bool(variable.trainable),
                name=variable.name,
            )
        self._tf_variables[id(variable)] = tf_variable
        return tf_variable

    # ------------------------------------------------------------------
    # Tracking
    # ------------------------------------------------------------------
    def track(self, resource: Any) -> None:
        """Adds a layer's (or model's) variables, or a TensorFlow resource, to the archive.

        Args:
            resource: a built keras_core ``Layer``/``Model`` (its variables,
                including non-trainable ones and seed states, are saved), or
                a TensorFlow trackable such as a ``tf.Variable``, a
                ``tf.Module`` or a ``tf.lookup`` table.

        Raises:
            ValueError: if the layer is not built, or ``resource`` is neither
                a layer nor a TensorFlow trackable.
        """
        tf = self._tf
        if isinstance(resource, Layer):
            if not resource.built:
                raise ValueError(
                    f"ExportArchive.track: layer {resource.name!r} is not built. Call it on "
                    "data (or build it) before tracking it, so that its variables exist. "
                    f"Received: resource={resource.name!r} (built=False)"
                )
            if any(layer is resource for layer in self._layers):
                return
            self._layers.append(resource)
            known = {id(v) for v in self._keras_variables}
            for variable in resource.variables:
                if id(variable) not in known:
                    known.add(id(variable))
                    self._keras_variables.append(variable)
                    self._tf_variable_for(variable)
            return
        if isinstance(resource, KerasVariable):
            if id(resource) not in {id(v) for v in self._keras_variables}:
                self._keras_variables.append(resource)
                self._tf_variable_for(resource)
            return
        if isinstance(resource, tf.Variable):
            if all(v is not resource for v in self._extra_tf_variables):
                self._extra_tf_variables.append(resource)
            return
        if isinstance(resource, tf.__internal__.tracking.Trackable):
            if all(r is not resource for r in self._resources):
                self._resources.append(resource)
            return
        raise ValueError(
            "ExportArchive.track: `resource` must be a keras_core Layer or Model, a "
            "keras_core Variable, or a TensorFlow trackable (tf.Variable, tf.Module, "
            f"tf.lookup table). Received: resource={resource!r} "
            f"(of type {type(resource).__name__})"
        )

    # ------------------------------------------------------------------
    # Endpoints
    # ------------------------------------------------------------------
    def _check_new_name(self, name: Any, argument: str) -> None:
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise ValueError(
                f"`{argument}` must be a Python identifier (it becomes an attribute of the "
                f"reloaded object). Received: {argument}={name!r}"
            )
        if name.startswith("_") or name in _RESERVED_NAMES:
            raise ValueError(
                f"`{argument}` must not start with '_' nor be one of "
                f"{sorted(_RESERVED_NAMES)}. Received: {argument}={name!r}"
            )
        if name in self._endpoints:
            raise ValueError(
                f"An endpoint named {name!r} already exists in this archive; endpoint names "
                f"must be unique. Received: {argument}={name!r}"
            )
        if name in self._collections:
            raise ValueError(
                f"A variable collection named {name!r} already exists in this archive; "
                f"names must be unique. Received: {argument}={name!r}"
            )

    def add_endpoint(
        self,
        name: str,
        fn: Callable,
        input_signature: Sequence[Any] | None = None,
        jax2tf_kwargs: dict | None = None,
    ):
        """Adds ``fn`` as an inference function of the SavedModel, named ``name``.

        Args:
            name: the endpoint's name (an attribute of the reloaded object and,
                for flat inputs, a serving signature).
            fn: the function to serve, e.g. a model or ``model.__call__``. Its
                variables must belong to tracked layers.
            input_signature: a list with one entry per positional argument of
                ``fn``; each entry is a ``tf.TensorSpec``, a keras_core
                ``InputSpec`` (with ``shape`` and ``dtype``), a ``KerasTensor``,
                or a list/tuple/dict of those. ``None`` dimensions accept any
                size. May be omitted on tensorflow when ``fn`` is a
                ``tf.function`` with its own input signature.
            jax2tf_kwargs: jax backend only: keyword arguments for
                ``jax2tf.convert`` (e.g. ``polymorphic_shapes``,
                ``with_gradient``); by default dimension 0 of every input is
                the shared symbolic ``batch`` size and other ``None``
                dimensions get their own symbol.

        Returns:
            The ``tf.function`` stored in the archive.

        Raises:
            ValueError: if the name clashes, no signature is given, or the
                function cannot be traced with the signature.
            TypeError: if the signature has entries of an unsupported type.
        """
        self._check_new_name(name, "name")
        if not callable(fn):
            raise TypeError(f"`fn` must be callable. Received: fn={fn!r}")
        tf = self._tf
        if input_signature is None:
            given = getattr(fn, "input_signature", None)
            if backend.backend() == "tensorflow" and given is not None:
                input_signature = list(given)
            else:
                raise ValueError(
                    f"add_endpoint({name!r}): `input_signature` is required (a list with one "
                    "tf.TensorSpec or keras_core.InputSpec per positional argument of `fn`). "
                    "Received: input_signature=None"
                )
        signature = self._standardize_signature(input_signature)
        if backend.backend() == "tensorflow":
            function = tf.function(fn, input_signature=signature, autograph=False)
        else:
            function, untracked_paths = self._jax_endpoint(fn, signature, jax2tf_kwargs)
        try:
            concrete = function.get_concrete_function()
        except Exception as e:  # tracing errors come in many types: name the endpoint
            raise ValueError(
                f"add_endpoint({name!r}): `fn` could not be traced with "
                f"input_signature={signature}: {type(e).__name__}: {e}"
            ) from e
        if backend.backend() == "tensorflow":
            tracked = {id(v) for v in self.variables}
            untracked = [v.name.split(":")[0] for v in concrete.variables if id(v) not in tracked]
        else:
            untracked = untracked_paths()
        if untracked:
            raise ValueError(
                f"add_endpoint({name!r}): `fn` reads variables that the archive does not "
                "track; call track() on the layers (or models) it uses before adding the "
                f"endpoint. Untracked variables: {untracked}"
            )
        self._endpoints[name] = function
        self._endpoint_signatures[name] = signature
        setattr(self._trackable, name, function)
        return function

    def _standardize_signature(self, input_signature):
        tf = self._tf
        if isinstance(input_signature, (tf.TensorSpec, InputSpec, KerasTensor)):
            input_signature = [input_signature]
        if not isinstance(input_signature, (list, tuple)):
            raise TypeError(
                "`input_signature` must be a list with one spec (tf.TensorSpec, "
                "keras_core.InputSpec or KerasTensor, or a nested list/tuple/dict of them) "
                "per positional argument. Received: input_signature="
                f"{input_signature!r} (of type {type(input_signature).__name__})"
            )
        return [tree.map_structure(self._to_tensor_spec, entry) for entry in input_signature]

    def _to_tensor_spec(self, spec):
        tf = self._tf
        if isinstance(spec, tf.TensorSpec):
            if spec.shape.rank is None:
                raise ValueError(
                    "Each spec in `input_signature` needs a known rank. "
                    f"Received: {spec} (unknown rank)"
                )
            return spec
        if isinstance(spec, InputSpec):
            if spec.shape is None:
                raise ValueError(
                    "A keras_core.InputSpec in `input_signature` needs a `shape` (use None for "
                    f"free dimensions). Received: {spec!r}"
                )
            dtype = spec.dtype or backend.floatx()
            return tf.TensorSpec(spec.shape, tf.dtypes.as_dtype(dtype), name=spec.name)
        if isinstance(spec, KerasTensor):
            return tf.TensorSpec(tuple(spec.shape), tf.dtypes.as_dtype(spec.dtype))
        raise TypeError(
            "`input_signature` entries must be tf.TensorSpec, keras_core.InputSpec or "
            f"KerasTensor (or lists/tuples/dicts of them). Received: {spec!r} "
            f"(of type {type(spec).__name__})"
        )

    def _jax_endpoint(self, fn, signature, jax2tf_kwargs):
        from jax.experimental import jax2tf

        from keras_core.backend.common.stateless_scope import StatelessScope

        tf = self._tf
        variables = list(self._keras_variables)
        tf_variables = [self._tf_variables[id(v)] for v in variables]

        untracked = {}

        class _RecordingScope(StatelessScope):
            # Notes the variables read that are not tracked (their values would be
            # frozen into the SavedModel as constants).
            def get_current_value(self, variable):
                value = super().get_current_value(variable)
                if value is None:
                    untracked[id(variable)] = variable
                return value

        def stateless_fn(values, *args):
            with _RecordingScope(state_mapping=list(zip(variables, values))):
                return fn(*args)

        kwargs = dict(jax2tf_kwargs or {})
        if "polymorphic_shapes" not in kwargs:
            kwargs["polymorphic_shapes"] = [None] + _polymorphic_shapes(signature)
        else:
            kwargs["polymorphic_shapes"] = [None] + list(kwargs["polymorphic_shapes"])
        kwargs.setdefault("with_gradient", False)
        converted = jax2tf.convert(stateless_fn, **kwargs)

        def endpoint(*args):
            return converted([v.value() for v in tf_variables], *args)

        function = tf.function(endpoint, input_signature=signature, autograph=False)
        return function, lambda: [v.path for v in untracked.values()]

    def add_variable_collection(self, name: str, variables: Sequence[Any]) -> None:
        """Saves a named list of variables as an attribute of the reloaded object.

        Args:
            name: the attribute name.
            variables: keras_core Variables (stored as the ``tf.Variable`` the
                archive holds for them) or ``tf.Variable`` objects.

        Raises:
            ValueError: on a name clash or an entry that is not a variable.
        """
        self._check_new_name(name, "name")
        if not isinstance(variables, (list, tuple)):
            raise ValueError(
                "`variables` must be a list or tuple of variables. Received: "
                f"variables={variables!r} (of type {type(variables).__name__})"
            )
        tf = self._tf
        stored = []
        for variable in variables:
            if isinstance(variable, KerasVariable):
                stored.append(self._tf_variable_for(variable))
            elif isinstance(variable, tf.Variable):
                stored.append(variable)
            else:
                raise ValueError(
                    "`variables` must hold keras_core Variables or tf.Variables. Received an "
                    f"entry {variable!r} (of type {type(variable).__name__})"
                )
        self._collections[name] = stored
        setattr(self._trackable, name, list(stored))

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def write_out(self, filepath: str, options: Any = None) -> None:
        """Writes the SavedModel directory ``filepath``.

        Args:
            filepath: the directory to write.
            options: an optional ``tf.saved_model.SaveOptions``.

        Raises:
            ValueError: if no endpoint was added, or an endpoint reads a
                variable or resource that was not tracked.
        """
        if not self._endpoints:
            raise ValueError(
                "ExportArchive.write_out: the archive has no endpoint; call add_endpoint() "
                f"first. Received: filepath={str(filepath)!r} with 0 endpoints"
            )
        tf = self._tf
        obj = self._trackable
        obj.variables = list(self.variables)
        obj.trainable_variables = list(self.trainable_variables)
        obj.non_trainable_variables = list(self.non_trainable_variables)
        collection_vars = [v for vs in self._collections.values() for v in vs]
        resources = list(self._resources) + self._layer_resources()
        obj._keras_core_resources = resources
        obj._keras_core_collected = _dedupe(collection_vars)
        signatures = self._signatures()
        try:
            tf.saved_model.save(obj, str(filepath), signatures=signatures, options=options)
        except (AssertionError, ValueError) as e:
            if "untracked" in str(e) or "not tracked" in str(e):
                raise ValueError(
                    "ExportArchive.write_out: an endpoint uses a variable or resource that the "
                    "archive does not track; call track() on every layer (and TensorFlow "
                    f"resource) the endpoints use. TensorFlow said: {e}"
                ) from e
            raise

    def _layer_resources(self):
        """TensorFlow resources held by tracked layers (e.g. lookup tables built while
        tracing an endpoint), so that the SavedModel restores them."""
        tf = self._tf
        found, seen = [], set()
        for top in self._layers:
            for layer in top._flatten_layers():
                for value in vars(layer).values():
                    values = value if isinstance(value, (list, tuple)) else [value]
                    for item in values:
                        if (
                            isinstance(item, tf.__internal__.tracking.Trackable)
                            and not isinstance(item, tf.Variable)
                            and id(item) not in seen
                        ):
                            seen.add(id(item))
                            found.append(item)
        return found

    def _signatures(self):
        """Serving signatures for the endpoints whose arguments are single tensors;
        ``serving_default`` is the first endpoint unless one has that name."""
        tf = self._tf
        signatures = {}
        for name, function in self._endpoints.items():
            signature = self._endpoint_signatures[name]
            if not all(isinstance(s, tf.TensorSpec) for s in signature):
                continue
            signatures[name] = _flat_output_function(
                tf, function, signature
            ).get_concrete_function()
        if signatures and "serving_default" not in signatures:
            signatures["serving_default"] = next(iter(signatures.values()))
        return signatures or None


def _flat_output_function(tf, function, signature):
    """A ``tf.function`` calling ``function`` whose outputs are a tensor or a flat dict
    of tensors (what a serving signature may return)."""

    def call(*args):
        outputs = function(*args)
        if tf.is_tensor(outputs):
            return outputs
        if isinstance(outputs, dict) and all(tf.is_tensor(v) for v in outputs.values()):
            return dict(outputs)
        return {f"output_{i}": t for i, t in enumerate(tree.flatten(outputs))}

    return tf.function(call, input_signature=signature, autograph=False)


def _polymorphic_shapes(signature):
    """jax2tf shape strings for a signature: axis 0 of every input is the shared
    ``batch`` symbol, any other ``None`` dimension gets a symbol of its own."""
    counter = [0]

    def shape_string(spec):
        dims = []
        for axis, dim in enumerate(spec.shape.as_list()):
            if dim is not None:
                dims.append(str(dim))
            elif axis == 0:
                dims.append("batch")
            else:
                dims.append(f"d{counter[0]}")
                counter[0] += 1
        if len(dims) == 1:
            return f"({dims[0]},)"
        return "(" + ", ".join(dims) + ")"

    return [tree.map_structure(shape_string, entry) for entry in signature]


def _dedupe(items):
    seen, out = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def export_model(model: Layer, filepath: str) -> None:
    """Writes ``model``'s inference function (``training=False``) as the ``serve``
    endpoint of a SavedModel at ``filepath`` (see ``Model.export``).

    The input signature comes from the model's inputs (functional and
    Sequential models built from an ``Input``), else from the shape it was
    built with (batch dimension free, dtype ``floatx``).
    """
    _check_backend("Model.export")
    archive = ExportArchive()
    if not model.built:
        raise ValueError(
            f"Model.export: model {model.name!r} is not built; call it on data (or build "
            "it) before exporting. Received: a model with built=False"
        )
    inputs = getattr(model, "_inputs_struct", None)
    if inputs is None and getattr(model, "inputs", None):
        inputs = model.inputs[0] if len(model.inputs) == 1 else list(model.inputs)
    if inputs is not None:
        signature = [
            tree.map_structure(
                lambda t: InputSpec(shape=(None,) + tuple(t.shape)[1:], dtype=t.dtype), inputs
            )
        ]
    else:
        shapes = getattr(model, "_build_shapes", None) or {}
        first = shapes.get("__first__")
        if first is None:
            raise ValueError(
                f"Model.export: cannot tell the input shape of model {model.name!r}; call it "
                "on data first, or use ExportArchive with an explicit input_signature."
            )
        signature = [_shape_specs(first)]
    archive.track(model)

    def serve(*args):
        return model(*args, training=False)

    archive.add_endpoint("serve", serve, input_signature=signature)
    archive.write_out(filepath)


def _shape_specs(shape):
    """InputSpecs (free batch dimension, ``floatx``) for a build shape or a nest of them."""
    if isinstance(shape, (list, tuple)) and all(d is None or isinstance(d, int) for d in shape):
        return InputSpec(shape=(None,) + tuple(shape)[1:], dtype=backend.floatx())
    if isinstance(shape, dict):
        return {k: _shape_specs(v) for k, v in shape.items()}
    return type(shape)(_shape_specs(s) for s in shape)
