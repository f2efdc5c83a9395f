"""Reading dataset files without running arbitrary pickled code.

The standard dataset files hold NumPy arrays; some (``imdb.npz``,
``reuters.npz``, the CIFAR batches) need pickle for arrays of Python lists or
for dicts. ``RestrictedUnpickler`` resolves only the few NumPy names an array
pickle refers to, so a tampered file cannot import or call anything else.
"""

import codecs
import pickle
import zipfile

import numpy as np


def _allowed_globals():
    from numpy._core import multiarray

    allowed = {}
    for module in ("numpy.core.multiarray", "numpy._core.multiarray"):
        allowed[(module, "_reconstruct")] = multiarray._reconstruct
        allowed[(module, "scalar")] = multiarray.scalar
    for module in ("numpy", "numpy.core.numeric", "numpy._core.numeric"):
        allowed[(module, "ndarray")] = np.ndarray
        allowed[(module, "dtype")] = np.dtype
    allowed[("numpy", "dtype")] = np.dtype
    allowed[("_codecs", "encode")] = codecs.encode  # bytes in protocol-2 pickles
    return allowed


class RestrictedUnpickler(pickle.Unpickler):
    """An Unpickler that rebuilds NumPy arrays, dtypes and plain Python containers only."""

    _ALLOWED = None

    def find_class(self, module, name):
        if RestrictedUnpickler._ALLOWED is None:
            RestrictedUnpickler._ALLOWED = _allowed_globals()
        obj = RestrictedUnpickler._ALLOWED.get((module, name))
        if obj is None:
            raise pickle.UnpicklingError(
                f"Refusing to load {module}.{name} from a dataset file: only NumPy arrays and "
                "plain Python values are allowed."
            )
        return obj


def restricted_pickle_load(fileobj, encoding="ASCII"):
    """``pickle.load`` with ``RestrictedUnpickler`` (``encoding="bytes"`` for Python 2 pickles)."""
    return RestrictedUnpickler(fileobj, encoding=encoding).load()


def load_npz(path) -> dict:
    """Every array of an ``.npz`` file, object arrays unpickled with ``RestrictedUnpickler``."""
    out = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if not member.endswith(".npy"):
                continue
            with archive.open(member) as f:
                version = np.lib.format.read_magic(f)
                if version == (1, 0):
                    shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
                else:
                    shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
                if dtype.hasobject:
                    array = restricted_pickle_load(f, encoding="latin1")
                    if not isinstance(array, np.ndarray):
                        raise ValueError(
                            f"{path}: member {member!r} should hold a NumPy array. Received: "
                            f"{type(array).__name__}"
                        )
                else:
                    data = f.read()
                    count = int(np.prod(shape)) if shape else 1
                    array = np.frombuffer(data, dtype=dtype, count=count)
                    order = "F" if fortran else "C"
                    array = array.reshape(shape, order=order).copy()
            out[member[: -len(".npy")]] = array
    return out
