"""Tolerances as a model: budgets in multiples of the dtype's eps, by accuracy class.

The allowed error of a float result is ``budget * eps(dtype) * scale``, where
``scale`` grows with the reduction length or contraction size for the classes
that sum many terms. Integer and bool results are always compared exactly.
"""

import math

import ml_dtypes
import numpy as np

EPS = {
    "float16": float(np.finfo(np.float16).eps),
    "bfloat16": float(ml_dtypes.finfo(ml_dtypes.bfloat16).eps),
    "float32": float(np.finfo(np.float32).eps),
    "float64": float(np.finfo(np.float64).eps),
    "complex64": float(np.finfo(np.float32).eps),
    "complex128": float(np.finfo(np.float64).eps),
}

# class -> (budget in eps, how the budget scales with the case's size n)
CLASSES = {
    "exact": (0, None),  # indexing, shape manipulation, comparisons, integer math
    "elementwise": (4, None),  # one correctly rounded operation per element
    "transcendental": (32, None),  # exp, log, trig: libm implementations differ by a few ulp
    "reduction": (4, "n"),  # sums over n terms
    "matmul": (4, "n"),  # contraction of size n
    "conv": (8, "n"),  # kernel volume x input channels
    "fft": (16, "log"),
    "linalg": (64, "n2"),  # decompositions and solves of n x n (well-conditioned) systems
    "image": (64, None),  # interpolation and colour conversion
    "loss": (64, "n"),  # log/exp compositions summed over n classes
}


def tolerance(accuracy: str, dtype: str, n: int = 1) -> float:
    """The allowed error (in the result's scale) for ``accuracy`` class, ``dtype`` and size ``n``."""
    if accuracy not in CLASSES:
        raise ValueError(f"Unknown accuracy class {accuracy!r}; expected one of {sorted(CLASSES)}")
    budget, scaling = CLASSES[accuracy]
    eps = EPS.get(dtype)
    if eps is None or budget == 0:
        return 0.0
    n = max(int(n), 1)
    factor = {None: 1, "n": n, "n2": n * n, "log": max(1.0, math.log2(n))}[scaling]
    return budget * eps * factor
