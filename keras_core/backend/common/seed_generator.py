"""SeedGenerator: the stateful source of seeds for random ops."""

import random as py_random

from keras_core.backend.common import global_state
from keras_core.backend.common.stateless_scope import in_stateless_scope


class SeedGenerator:
    """Produces a new seed on every draw, from a state held in a Variable.

    The state is a ``(2,)`` int64 Variable ``[seed, counter]``; each ``next()``
    returns the current state and advances the counter. Under ``jax.jit`` the
    state is passed in and out through a ``StatelessScope`` like any variable,
    so draws stay reproducible and traceable.

    Args:
        seed: an int; ``None`` picks a random one.

    Example:
    Each draw advances the generator, so two draws differ:

    >>> gen = keras_core.random.SeedGenerator(42)
    >>> a = keras_core.random.normal((2,), seed=gen)
    >>> b = keras_core.random.normal((2,), seed=gen)
    >>> bool(keras_core.ops.any(keras_core.ops.not_equal(a, b)))
    True
    """

    def __init__(self, seed=None, **kwargs):
        from keras_core import backend

        name = kwargs.pop("name", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments for SeedGenerator: {sorted(kwargs)}")
        if seed is None:
            seed = make_default_seed()
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ValueError(f"`seed` must be an integer or None. Received: seed={seed!r}")
        self._initial_seed = seed
        self.name = name or "seed_generator"
        self.state = backend.Variable(
            [seed, 0], dtype="int64", trainable=False, name=self.name + "_state"
        )

    def next(self, ordered=True):
        """Returns the seed to use now (a ``(2,)`` int64 tensor) and advances the state."""
        from keras_core import backend

        state = self.state.value
        self.state.assign(state + backend.convert_to_tensor([0, 1], dtype="int64"))
        return state

    def get_config(self):
        return {"seed": self._initial_seed}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def make_default_seed():
    return py_random.randint(1, int(1e9))


def global_seed_generator():
    gen = global_state.get_global_attribute("global_seed_generator")
    if gen is None:
        if in_stateless_scope():
            raise ValueError(
                "A random op with seed=None needs the global SeedGenerator, which "
                "cannot be created inside a StatelessScope (e.g. under jax.jit). Pass "
                "`seed=` a SeedGenerator (or an int) instead."
            )
        gen = SeedGenerator(name="global_seed_generator")
        global_state.set_global_attribute("global_seed_generator", gen)
    return gen


def draw_seed(seed):
    """Turns the ``seed`` argument of a random op into a ``(2,)`` int64 seed tensor.

    ``seed`` may be an int (a fixed seed: the same draw every call), a
    SeedGenerator (a new seed every call), or None (the global generator).
    """
    from keras_core import backend

    if isinstance(seed, SeedGenerator):
        return seed.next()
    if seed is None:
        return global_seed_generator().next()
    if isinstance(seed, int) and not isinstance(seed, bool):
        return backend.convert_to_tensor([seed, 0], dtype="int64")
    if backend.is_tensor(seed):
        return backend.cast(seed, "int64")
    raise ValueError(
        "`seed` must be None, an int or a SeedGenerator. "
        f"Received: seed={seed!r} (of type {type(seed).__name__})"
    )
