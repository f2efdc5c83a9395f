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


# Classes whose results are checked with a relative error down to the dtype's smallest
# normal number: one correctly rounded (or libm-quality) operation per element keeps its
# relative precision at any magnitude. The others (sums, contractions, decompositions,
# compositions with cancellation) are measured relative to max(1, |reference|).
RELATIVE_CLASSES = ("elementwise", "transcendental")
RELATIVE_FAMILIES = ("numpy", "math")
TINY = {
    "float16": float(np.finfo(np.float16).tiny),
    "bfloat16": float(ml_dtypes.finfo(ml_dtypes.bfloat16).tiny),
    "float32": float(np.finfo(np.float32).tiny),
    "float64": float(np.finfo(np.float64).tiny),
    "complex64": float(np.finfo(np.float32).tiny),
    "complex128": float(np.finfo(np.float64).tiny),
}


def error_floor(accuracy: str, family: str, dtype: str, override=None) -> float:
    """The magnitude below which errors are measured absolutely (relative above it).

    Args:
        accuracy: the entry's accuracy class.
        family: the entry's family.
        dtype: the result dtype.
        override: an entry's explicit floor (``Entry.error_floor``), or None.

    Returns:
        ``TINY[dtype] / EPS[dtype]`` for elementwise/transcendental ops of the numpy and
        math families (a total loss of relative precision on tiny arguments fails, a
        subnormal result flushed to zero does not), else 1.0.
    """
    if override is not None:
        return float(override)
    if accuracy in RELATIVE_CLASSES and family in RELATIVE_FAMILIES:
        # tiny / eps: a result flushed to zero from the subnormal range (FTZ, as on
        # TensorFlow's CPU kernels) is then off by at most about one ulp of the floor.
        return TINY.get(dtype, 1.0) / EPS.get(dtype, 1.0)
    return 1.0


def checks_signed_zero(accuracy: str, family: str, override=None) -> bool:
    """Whether an exact zero in the reference must match the result's sign of zero.

    Exact, elementwise and transcendental numpy/math ops, unless the entry measures
    errors absolutely (``Entry.error_floor`` of 1.0, e.g. sinc, whose float64 reference
    is only absolutely accurate at its zeros).
    """
    if override is not None and override >= 1.0:
        return False
    return accuracy in ("exact",) + RELATIVE_CLASSES and family in RELATIVE_FAMILIES
