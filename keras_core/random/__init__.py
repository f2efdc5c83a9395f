"""keras_core.random: seeded random ops on every backend."""

from keras_core.backend.common.seed_generator import SeedGenerator
from keras_core.random.random import (
    categorical,
    dropout,
    normal,
    randint,
    shuffle,
    truncated_normal,
    uniform,
)
