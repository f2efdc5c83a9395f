"""JaxLayer: a pure JAX function with parameters, used as a keras_core layer (jax backend)."""

import inspect
import re
from typing import Any, Callable

from keras_core import backend
from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.layers.layer import Layer
from keras_core.saving import serialization_lib

_CALL_ARGS = ("params", "state", "rng", "inputs", "training")
_INIT_ARGS = ("rng", "inputs", "training")


def _require_jax(what: str) -> None:
    if backend.backend() != "jax":
        raise ValueError(
            f"{what} runs a JAX function and needs the jax backend (KERAS_BACKEND=jax). "
            f"Received: backend={backend.backend()!r}"
        )


def _argument_names(fn: Callable, name: str, allowed: tuple) -> tuple:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError) as e:
        raise ValueError(f"JaxLayer cannot read the signature of `{name}`: {e}") from e
    names = tuple(params)
    unknown = [n for n in names if n not in allowed]
    if unknown or "inputs" not in names:
        raise ValueError(
            f"JaxLayer: the arguments of `{name}` must be named among {list(allowed)} and "
            f"include 'inputs'. Received: {name} arguments {list(names)}"
        )
    return names


def _variable_name(prefix: str, path: Any) -> str:
    import jax

    text = jax.tree_util.keystr(path)
    text = re.sub(r"[^0-9A-Za-z_]+", "_", text).strip("_")
    return f"{prefix}_{text}" if text else prefix


class JaxLayer(Layer):
    """Wraps a pure JAX function and its parameters as a layer (jax backend only).

    ``call_fn`` computes the outputs; its arguments are chosen by name among
    ``params`` (a pytree of trainable arrays), ``state`` (a pytree of
    non-trainable arrays; ``call_fn`` then returns ``(outputs, new_state)``),
    ``rng`` (a JAX PRNG key, a new one per call), ``inputs`` and ``training``.
    ``init_fn(rng, inputs[, training])`` returns the initial ``params`` (or
    ``(params, state)`` when ``call_fn`` takes ``state``); it runs at build on
    zeros of the input shape. Alternatively pass ``params``/``state`` directly.
    Every array becomes a keras_core variable, so the layer trains, saves and
    runs under ``jax.jit`` like any other.

    Args:
        call_fn: the function computing the outputs.
        init_fn: the function creating the parameters (optional if ``params``
            or ``state`` are given).
        params: initial trainable parameters (a pytree of arrays).
        state: initial non-trainable state (a pytree of arrays).
        seed: an int for the ``rng`` keys.

    Example:
    >>> import jax  # doctest: +SKIP
    >>> def init(rng, inputs):  # doctest: +SKIP
    ...     return {"w": jax.random.normal(rng, (inputs.shape[-1], 2))}
    >>> def call(params, inputs):  # doctest: +SKIP
    ...     return inputs @ params["w"]
    >>> layer = keras_core.layers.JaxLayer(call, init)  # doctest: +SKIP
    >>> layer(np.ones((4, 3), "float32")).shape  # doctest: +SKIP
    (4, 2)
    """

    def __init__(
        self,
        call_fn: Callable,
        init_fn: Callable | None = None,
        params: Any = None,
        state: Any = None,
        seed: int | None = None,
        **kwargs,
    ):
        _require_jax("JaxLayer")
        if not callable(call_fn):
            raise ValueError(f"JaxLayer expects `call_fn` to be callable. Received: {call_fn!r}")
        if init_fn is not None and not callable(init_fn):
            raise ValueError(f"JaxLayer expects `init_fn` to be callable. Received: {init_fn!r}")
        if init_fn is None and params is None and state is None:
            raise ValueError(
                "JaxLayer needs `init_fn` (to create the parameters) or initial `params` / "
                "`state`. Received: init_fn=None, params=None, state=None"
            )
        super().__init__(**kwargs)
        self.call_fn = call_fn
        self.init_fn = init_fn
        self._call_fn_args = _argument_names(call_fn, "call_fn", _CALL_ARGS)
        self._init_fn_args = (
            _argument_names(init_fn, "init_fn", _INIT_ARGS) if init_fn is not None else ()
        )
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self._params_treedef = None
        self._state_treedef = None
        self._param_variables = []
        self._state_variables = []
        if params is not None or state is not None:
            self._create_variables(params, state)
            self.built = True

    def _next_key(self):
        import jax.numpy as jnp

        return jnp.asarray(self.seed_generator.next(), dtype=jnp.uint32)

    def _create_variables(self, params, state):
        import jax

        def create(tree, prefix, trainable):
            leaves, treedef = jax.tree_util.tree_flatten_with_path(tree)
            variables = []
            for path, leaf in leaves:
                leaf = jax.numpy.asarray(leaf)
                variables.append(
                    self.add_weight(
                        shape=tuple(leaf.shape),
                        dtype=backend.standardize_dtype(leaf.dtype),
                        initializer=lambda shape, dtype, v=leaf: v,
                        trainable=trainable,
                        name=_variable_name(prefix, path),
                    )
                )
            return variables, treedef

        self._param_variables, self._params_treedef = create(params, "params", True)
        self._state_variables, self._state_treedef = create(state, "state", False)

    def build(self, input_shape=None):
        if self._params_treedef is not None:
            return
        import jax.numpy as jnp

        if input_shape is None:
            raise ValueError(f"JaxLayer {self.name!r} needs an input shape to run `init_fn`.")
        shape = tuple(1 if d is None else d for d in input_shape)
        kwargs = {"inputs": jnp.zeros(shape, dtype=self.compute_dtype)}
        if "rng" in self._init_fn_args:
            kwargs["rng"] = self._next_key()
        if "training" in self._init_fn_args:
            kwargs["training"] = False
        result = self.init_fn(**kwargs)
        if "state" in self._call_fn_args:
            if not isinstance(result, tuple) or len(result) != 2:
                raise ValueError(
                    "JaxLayer: `call_fn` takes `state`, so `init_fn` must return "
                    f"(params, state). Received: {type(result).__name__}"
                )
            params, state = result
        else:
            params, state = result, None
        self._create_variables(params, state)

    def call(self, inputs, training=False):
        import jax

        kwargs = {"inputs": inputs}
        if "params" in self._call_fn_args:
            values = [v.value for v in self._param_variables]
            kwargs["params"] = jax.tree_util.tree_unflatten(self._params_treedef, values)
        if "state" in self._call_fn_args:
            values = [v.value for v in self._state_variables]
            kwargs["state"] = jax.tree_util.tree_unflatten(self._state_treedef, values)
        if "rng" in self._call_fn_args:
            kwargs["rng"] = self._next_key()
        if "training" in self._call_fn_args:
            kwargs["training"] = bool(training)
        outputs = self.call_fn(**kwargs)
        if "state" in self._call_fn_args:
            if not isinstance(outputs, tuple) or len(outputs) != 2:
                raise ValueError(
                    "JaxLayer: `call_fn` takes `state`, so it must return (outputs, new_state). "
                    f"Received: {type(outputs).__name__}"
                )
            outputs, new_state = outputs
            new_leaves = jax.tree_util.tree_leaves(new_state)
            if len(new_leaves) != len(self._state_variables):
                raise ValueError(
                    f"JaxLayer: `call_fn` returned {len(new_leaves)} state arrays, expected "
                    f"{len(self._state_variables)}."
                )
            for variable, value in zip(self._state_variables, new_leaves):
                variable.assign(value)
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "call_fn": serialization_lib.serialize_keras_object(self.call_fn),
                "init_fn": serialization_lib.serialize_keras_object(self.init_fn),
                "seed": self.seed,
            }
        )
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        for key in ("call_fn", "init_fn"):
            if isinstance(config.get(key), dict):
                config[key] = serialization_lib.deserialize_keras_object(
                    config[key], custom_objects=custom_objects
                )
        if config.get("init_fn") is None:
            raise ValueError(
                "A JaxLayer created from `params` without `init_fn` cannot be rebuilt from its "
                "config: recreate it with its params (or give it an init_fn)."
            )
        return super().from_config(config)
